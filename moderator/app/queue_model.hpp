#pragma once
// The console's lists as Qt models: the question queue (moderator/queue_view.hpp) and the site board
// (moderator/site_board.hpp).

#include "moderator/queue_view.hpp"
#include "moderator/site_board.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace estrade::moderator {

class QueueModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the desk owns the queue")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role { IdRole = Qt::UserRole + 1, TextRole, OriginalTextRole, SiteRole, SiteNameRole, AskerRole, TalkRole,
                StateRole, VotesRole, RankRole };
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void set_rows(std::vector<QueueRow> rows);
    const std::vector<QueueRow>& rows() const { return m_rows; }

signals:
    void countChanged();

private:
    std::vector<QueueRow> m_rows;
};

class SiteModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the desk owns the site board")

public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, SeatsRole, HostRole, StreamsRole, RelayRole, QuestionChannelRole,
                AskedRole, HeardRole, WaitingRole };
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void set_rows(std::vector<SiteRow> rows);
    const std::vector<SiteRow>& rows() const { return m_rows; }

private:
    std::vector<SiteRow> m_rows;
};

}  // namespace estrade::moderator
