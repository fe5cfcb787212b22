#include "question_list_model.hpp"

namespace estrade::viewer {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

QuestionListModel::QuestionListModel(QObject* parent)
    : RowListModel({{"questionId", [](const QuestionRow& r) { return QVariant::fromValue<qint64>(r.id); }},
                    {"text", [](const QuestionRow& r) { return QVariant(q(r.text)); }},
                    {"from", [](const QuestionRow& r) { return QVariant(q(r.from)); }},
                    {"state", [](const QuestionRow& r) { return QVariant(q(r.state)); }},
                    {"votes", [](const QuestionRow& r) { return QVariant(r.votes); }},
                    {"mine", [](const QuestionRow& r) { return QVariant(r.mine); }},
                    {"canVote", [](const QuestionRow& r) { return QVariant(r.can_vote); }},
                    {"voted", [](const QuestionRow& r) { return QVariant(r.voted); }}},
                   "text", parent)
{
}

}  // namespace estrade::viewer
