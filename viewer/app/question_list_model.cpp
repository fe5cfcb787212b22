#include "question_list_model.hpp"

#include <algorithm>

namespace estrade::viewer {

int QuestionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant QuestionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole: return QVariant::fromValue<qint64>(row.id);
    case Qt::DisplayRole:
    case TextRole: return QString::fromStdString(row.text);
    case FromRole: return QString::fromStdString(row.from);
    case StateRole: return QString::fromStdString(row.state);
    case VotesRole: return row.votes;
    case MineRole: return row.mine;
    case CanVoteRole: return row.can_vote;
    case VotedRole: return row.voted;
    default: return {};
    }
}

QHash<int, QByteArray> QuestionListModel::roleNames() const
{
    return {{IdRole, "questionId"}, {TextRole, "text"},       {FromRole, "from"},   {StateRole, "state"},
            {VotesRole, "votes"},   {MineRole, "mine"},       {CanVoteRole, "canVote"}, {VotedRole, "voted"}};
}

namespace {

bool same_order(const std::vector<QuestionRow>& a, const std::vector<QuestionRow>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const QuestionRow& x, const QuestionRow& y) {
        return x.id == y.id && (x.id != 0 || x.text == y.text);
    });
}

}  // namespace

void QuestionListModel::set_rows(std::vector<QuestionRow> rows)
{
    if (same_order(m_rows, rows)) {
        m_rows = std::move(rows);
        if (!m_rows.empty())
            emit dataChanged(index(0), index(rowCount() - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    emit countChanged();
}

}  // namespace estrade::viewer
