#pragma once
// The question panel's rows (viewer/room_state.hpp's question_rows) as a Qt list model.

#include "ui/row_list_model.hpp"
#include "viewer/room_state.hpp"

#include <QtQml/qqmlregistration.h>

#include <string>
#include <utility>

namespace estrade::viewer {

// A question's id; a question typed here and not acknowledged yet has id 0 and is told apart by its text.
using QuestionRowKey = std::pair<std::int64_t, std::string>;

class QuestionListModel : public ui::RowListModel<QuestionRow, QuestionRowKey> {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the room owns its question list")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    explicit QuestionListModel(QObject* parent = nullptr);

signals:
    void countChanged();

protected:
    QuestionRowKey row_key(const QuestionRow& row) const override { return {row.id, row.id == 0 ? row.text : ""}; }
    void count_changed() override { emit countChanged(); }
};

}  // namespace estrade::viewer
