#pragma once
// A Qt list model over a vector of plain rows, for the lists both Qt programs show (a room's question
// panel, the console's queue and site board). set_rows() turns a new list into the smallest model
// changes — rows removed, moved, inserted, then their data — so a view keeps its scroll position, its
// current item and its running animations when one question arrives or one vote changes; a full reset
// happens only when rows cannot be told apart (two rows with the same key). A subclass gives its roles
// as a table (the name QML binds to, and how a row gives that value): data() and roleNames() read it.

#include <QAbstractListModel>
#include <QByteArray>
#include <QVariant>

#include <algorithm>
#include <set>
#include <vector>

namespace estrade::ui {

template <typename Row, typename Key>
class RowListModel : public QAbstractListModel {
public:
    struct RoleColumn {
        QByteArray name;                    // as delegates declare it: `required property string text`
        QVariant (*value)(const Row& row);
    };

    // `display`: the column that is also Qt::DisplayRole's value.
    RowListModel(std::vector<RoleColumn> columns, QByteArray display, QObject* parent = nullptr)
        : QAbstractListModel(parent), m_columns(std::move(columns)), m_display(role(display))
    {
    }

    // The role number of a column, for C++ readers of the model (tests); -1 when there is none.
    int role(const QByteArray& name) const
    {
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            if (m_columns[i].name == name)
                return Qt::UserRole + 1 + static_cast<int>(i);
        return -1;
    }

    QVariant data(const QModelIndex& index, int role_number) const override
    {
        const Row* row = row_at(index);
        if (!row)
            return {};
        if (role_number == Qt::DisplayRole)
            role_number = m_display;
        const int column = role_number - Qt::UserRole - 1;
        if (column < 0 || column >= static_cast<int>(m_columns.size()))
            return {};
        return m_columns[static_cast<std::size_t>(column)].value(*row);
    }

    QHash<int, QByteArray> roleNames() const override
    {
        QHash<int, QByteArray> names;
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            names[Qt::UserRole + 1 + static_cast<int>(i)] = m_columns[i].name;
        return names;
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    const std::vector<Row>& rows() const { return m_rows; }

    void set_rows(std::vector<Row> rows)
    {
        const auto count_before = m_rows.size();
        if (!keys_unique(rows) || !keys_unique(m_rows)) {
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
        } else {
            remove_rows_not_in(rows);
            place_rows_as_in(rows);
            if (!m_rows.empty())
                emit dataChanged(index(0), index(rowCount() - 1));
        }
        if (m_rows.size() != count_before)
            count_changed();
    }

protected:
    // What identifies a row across updates (a question's id, a site's id).
    virtual Key row_key(const Row& row) const = 0;
    // Called after the number of rows changed (a subclass emits its count property's signal).
    virtual void count_changed() {}

    const Row* row_at(const QModelIndex& index) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return nullptr;
        return &m_rows[static_cast<std::size_t>(index.row())];
    }

private:
    bool keys_unique(const std::vector<Row>& rows) const
    {
        std::set<Key> keys;
        for (const auto& row : rows)
            if (!keys.insert(row_key(row)).second)
                return false;
        return true;
    }

    void remove_rows_not_in(const std::vector<Row>& rows)
    {
        std::set<Key> wanted;
        for (const auto& row : rows)
            wanted.insert(row_key(row));
        for (int i = rowCount() - 1; i >= 0; --i) {
            if (wanted.contains(row_key(m_rows[static_cast<std::size_t>(i)])))
                continue;
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }

    // Every row left is wanted: walk the new order, moving or inserting what is not in place yet.
    void place_rows_as_in(std::vector<Row>& rows)
    {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const int at = static_cast<int>(i);
            const Key key = row_key(rows[i]);
            if (i < m_rows.size() && row_key(m_rows[i]) == key) {
                m_rows[i] = std::move(rows[i]);
                continue;
            }
            auto found = std::find_if(m_rows.begin() + at, m_rows.end(),
                                      [&](const Row& row) { return row_key(row) == key; });
            if (found != m_rows.end()) {
                const int from = static_cast<int>(found - m_rows.begin());
                beginMoveRows({}, from, from, {}, at);
                m_rows.erase(found);
                m_rows.insert(m_rows.begin() + at, std::move(rows[i]));
                endMoveRows();
            } else {
                beginInsertRows({}, at, at);
                m_rows.insert(m_rows.begin() + at, std::move(rows[i]));
                endInsertRows();
            }
        }
    }

    std::vector<RoleColumn> m_columns;
    int m_display;
    std::vector<Row> m_rows;
};

}  // namespace estrade::ui
