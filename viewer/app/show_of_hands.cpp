#include "show_of_hands.hpp"

#include "ui/poll_results.hpp"

#include <tuple>

namespace estrade::viewer {

void ShowOfHands::show(std::optional<PollScreen> screen, const std::string& refusal)
{
    const bool new_poll = (screen ? screen->id : 0) != pollId();
    QString problem = m_problem;
    if (new_poll)
        problem.clear();
    if (refusal != m_refusal) {
        m_refusal = refusal;
        if (!refusal.empty())
            problem = tr("Not counted: %1").arg(QString::fromStdString(refusal));
    }
    auto shape = [](const std::optional<PollScreen>& s) {
        return s ? std::tuple(s->id, s->question, s->choices, s->open, s->seats) : std::tuple(std::int64_t{0}, std::string{}, std::vector<std::string>{}, false, 0);
    };
    const bool poll_changed = shape(screen) != shape(m_screen);
    const bool countdown_changed = (screen ? screen->seconds_left : 0) != secondsLeft();
    const bool counts_changed = poll_changed || problem != m_problem || !screen || !m_screen ||
                                screen->sent != m_screen->sent || screen->totals != m_screen->totals ||
                                screen->rooms != m_screen->rooms;
    m_screen = std::move(screen);
    m_problem = problem;
    if (poll_changed)
        emit pollChanged();
    if (countdown_changed)
        emit countdownChanged();
    if (counts_changed)
        emit countsChanged();
}

QStringList ShowOfHands::choices() const
{
    return m_screen ? ui::string_list(m_screen->choices) : QStringList{};
}

QVariantList ShowOfHands::sentCounts() const
{
    return m_screen && m_screen->sent ? ui::int_list(*m_screen->sent) : QVariantList{};
}

QVariantList ShowOfHands::bars() const
{
    return m_screen ? ui::poll_bars(m_screen->choices, m_screen->totals) : QVariantList{};
}

QVariantList ShowOfHands::rooms() const
{
    QVariantList rows;
    if (m_screen)
        for (const auto& row : m_screen->rooms)
            rows.append(QVariantMap{{"room", QString::fromStdString(row.room)},
                                    {"counts", ui::int_list(row.counts)},
                                    {"thisRoom", row.this_room}});
    return rows;
}

bool ShowOfHands::answer(const QVariantList& counts)
{
    if (!open())
        return false;
    std::vector<int> numbers;
    long total = 0;
    for (const auto& value : counts) {
        const auto text = value.toString().trimmed();
        bool ok = true;
        const int n = text.isEmpty() ? 0 : text.toInt(&ok);
        if (!ok || n < 0) {
            m_problem = tr("Type a number of hands for each answer (digits only).");
            emit countsChanged();
            return false;
        }
        numbers.push_back(n);
        total += n;
    }
    if (numbers.size() != m_screen->choices.size())
        return false;
    if (m_screen->seats > 0 && total > m_screen->seats) {
        m_problem = tr("%1 hands is more than the %2 seats of this room: count again.").arg(total).arg(m_screen->seats);
        emit countsChanged();
        return false;
    }
    m_problem.clear();
    emit countsChanged();
    m_send(m_screen->id, std::move(numbers));
    return true;
}

}  // namespace estrade::viewer
