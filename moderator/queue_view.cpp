#include "queue_view.hpp"

#include <algorithm>

namespace estrade::moderator {

std::vector<QueueRow> queue_rows(const std::map<std::int64_t, qa::Question>& questions,
                                 const std::vector<std::int64_t>& suggested, const QueueFilter& filter,
                                 const config::Event& event)
{
    auto row_of = [&](const qa::Question& q) {
        return QueueRow{q.id,
                        qa::shown_text(q),
                        q.original_text,
                        q.site,
                        event.site_name(q.site),
                        q.asker,
                        q.talk,
                        std::string(qa::to_string(q.state)),
                        static_cast<int>(q.voters.size()),
                        0,
                        q.kind == qa::QuestionKind::aloud};
    };
    auto wanted = [&](const qa::Question& q) {
        return (filter.site.empty() || q.site == filter.site) && (filter.talk == 0 || q.talk == filter.talk);
    };
    std::vector<QueueRow> rows;
    for (const auto& [id, q] : questions)
        if (q.state == qa::QuestionState::on_screen && wanted(q))
            rows.push_back(row_of(q));
    // Awaiting approval: no room but their own sees them until the moderator approves, so they come first.
    for (const auto& [id, q] : questions)
        if (q.state == qa::QuestionState::pending && wanted(q))
            rows.push_back(row_of(q));
    int rank = 0;
    for (const auto id : suggested) {
        const auto it = questions.find(id);
        if (it == questions.end() || it->second.state != qa::QuestionState::waiting)
            continue;
        ++rank;
        if (!wanted(it->second))
            continue;
        rows.push_back(row_of(it->second));
        rows.back().rank = rank;
    }
    std::vector<QueueRow> closed;
    for (const auto& [id, q] : questions) {
        const bool listed = q.state == qa::QuestionState::on_screen || q.state == qa::QuestionState::pending ||
                            (q.state == qa::QuestionState::waiting &&
                             std::find(suggested.begin(), suggested.end(), id) != suggested.end());
        if (!listed && wanted(q))
            closed.push_back(row_of(q));
    }
    std::reverse(closed.begin(), closed.end());  // the latest first
    rows.insert(rows.end(), closed.begin(), closed.end());
    return rows;
}

}  // namespace estrade::moderator
