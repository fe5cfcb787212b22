#include "queue_model.hpp"

namespace estrade::moderator {

namespace {
QVariant q(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

QueueModel::QueueModel(QObject* parent)
    : RowListModel({{"questionId", [](const QueueRow& r) { return QVariant::fromValue<qint64>(r.id); }},
                    {"text", [](const QueueRow& r) { return q(r.text); }},
                    {"originalText", [](const QueueRow& r) { return q(r.original_text); }},
                    {"site", [](const QueueRow& r) { return q(r.site); }},
                    {"siteName", [](const QueueRow& r) { return q(r.site_name); }},
                    {"asker", [](const QueueRow& r) { return q(r.asker); }},
                    {"talk", [](const QueueRow& r) { return QVariant(r.talk); }},
                    {"state", [](const QueueRow& r) { return q(r.state); }},
                    {"votes", [](const QueueRow& r) { return QVariant(r.votes); }},
                    {"rank", [](const QueueRow& r) { return QVariant(r.rank); }},
                    {"aloud", [](const QueueRow& r) { return QVariant(r.aloud); }}},
                   "text", parent)
{
}

SiteModel::SiteModel(QObject* parent)
    : RowListModel({{"siteId", [](const SiteRow& r) { return q(r.id); }},
                    {"name", [](const SiteRow& r) { return q(r.name); }},
                    {"seats", [](const SiteRow& r) { return QVariant(r.seats); }},
                    {"host", [](const SiteRow& r) { return QVariant(r.host); }},
                    {"streams", [](const SiteRow& r) { return QVariant(r.streams_playing); }},
                    {"relay", [](const SiteRow& r) { return q(r.relay_text); }},
                    {"onQuestionChannel", [](const SiteRow& r) { return QVariant(r.on_question_channel); }},
                    {"asked", [](const SiteRow& r) { return QVariant(r.asked); }},
                    {"heard", [](const SiteRow& r) { return QVariant(r.heard); }},
                    {"waiting", [](const SiteRow& r) { return QVariant(r.waiting); }}},
                   "name", parent)
{
}

}  // namespace estrade::moderator
