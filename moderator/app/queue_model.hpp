#pragma once
// The console's lists as Qt models: the question queue (moderator/queue_view.hpp) and the site board
// (moderator/site_board.hpp).

#include "moderator/queue_view.hpp"
#include "moderator/site_board.hpp"
#include "ui/row_list_model.hpp"

#include <QtQml/qqmlregistration.h>

namespace estrade::moderator {

class QueueModel : public ui::RowListModel<QueueRow, std::int64_t> {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the desk owns the queue")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    explicit QueueModel(QObject* parent = nullptr);

signals:
    void countChanged();

protected:
    std::int64_t row_key(const QueueRow& row) const override { return row.id; }
    void count_changed() override { emit countChanged(); }
};

class SiteModel : public ui::RowListModel<SiteRow, std::string> {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the desk owns the site board")

public:
    explicit SiteModel(QObject* parent = nullptr);

protected:
    std::string row_key(const SiteRow& row) const override { return row.id; }
};

}  // namespace estrade::moderator
