#pragma once
// The question panel's rows (viewer/room_state.hpp's question_rows) as a Qt list model.

#include "viewer/room_state.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace estrade::viewer {

class QuestionListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the room owns its question list")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role { IdRole = Qt::UserRole + 1, TextRole, FromRole, StateRole, VotesRole, MineRole, CanVoteRole, VotedRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the rows; rows that kept their question keep their place in views (no full reset when
    // only states or votes changed).
    void set_rows(std::vector<QuestionRow> rows);
    const std::vector<QuestionRow>& rows() const { return m_rows; }

signals:
    void countChanged();

private:
    std::vector<QuestionRow> m_rows;
};

}  // namespace estrade::viewer
