#include "queue_model.hpp"

namespace estrade::moderator {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

int QueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole: return QVariant::fromValue<qint64>(r.id);
    case Qt::DisplayRole:
    case TextRole: return q(r.text);
    case OriginalTextRole: return q(r.original_text);
    case SiteRole: return q(r.site);
    case SiteNameRole: return q(r.site_name);
    case AskerRole: return q(r.asker);
    case TalkRole: return r.talk;
    case StateRole: return q(r.state);
    case VotesRole: return r.votes;
    case RankRole: return r.rank;
    default: return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    return {{IdRole, "questionId"}, {TextRole, "text"}, {OriginalTextRole, "originalText"}, {SiteRole, "site"},
            {SiteNameRole, "siteName"}, {AskerRole, "asker"}, {TalkRole, "talk"},  {StateRole, "state"},
            {VotesRole, "votes"},       {RankRole, "rank"}};
}

void QueueModel::set_rows(std::vector<QueueRow> rows)
{
    const bool same_order = std::equal(m_rows.begin(), m_rows.end(), rows.begin(), rows.end(),
                                       [](const QueueRow& a, const QueueRow& b) { return a.id == b.id; });
    if (same_order) {
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

int SiteModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SiteModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole: return q(r.id);
    case Qt::DisplayRole:
    case NameRole: return q(r.name);
    case SeatsRole: return r.seats;
    case HostRole: return r.host;
    case StreamsRole: return r.streams_playing;
    case RelayRole: return q(r.relay_text);
    case QuestionChannelRole: return r.on_question_channel;
    case AskedRole: return r.asked;
    case HeardRole: return r.heard;
    case WaitingRole: return r.waiting;
    default: return {};
    }
}

QHash<int, QByteArray> SiteModel::roleNames() const
{
    return {{IdRole, "siteId"}, {NameRole, "name"},   {SeatsRole, "seats"}, {HostRole, "host"},
            {StreamsRole, "streams"}, {RelayRole, "relay"}, {QuestionChannelRole, "onQuestionChannel"},
            {AskedRole, "asked"}, {HeardRole, "heard"}, {WaitingRole, "waiting"}};
}

void SiteModel::set_rows(std::vector<SiteRow> rows)
{
    if (rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        if (!m_rows.empty())
            emit dataChanged(index(0), index(rowCount() - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

}  // namespace estrade::moderator
