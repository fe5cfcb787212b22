#include "poll_control.hpp"

#include "ui/poll_results.hpp"

#include <QRegularExpression>

#include <chrono>
#include <tuple>

namespace estrade::moderator {

PollControl::PollControl(const config::Event& event, Send send, QObject* parent)
    : QObject(parent), m_event(event), m_send(std::move(send))
{
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        const int left = seconds_left_now();
        if (left != m_seconds_left) {
            m_seconds_left = left;
            emit countdownChanged();
        }
    });
    m_countdown.start(250);
}

int PollControl::seconds_left_now() const
{
    if (!m_poll || m_poll->state != qa::PollState::open)
        return 0;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count() +
                     m_clock_offset_ms;
    return static_cast<int>(std::max<std::int64_t>(0, (m_poll->closes_at_ms - now + 999) / 1000));
}

void PollControl::show(const std::map<std::int64_t, qa::Poll>& polls, std::int64_t clock_offset_ms)
{
    std::optional<qa::Poll> poll;
    if (const auto* current = qa::current_poll(polls))
        poll = *current;
    auto shape = [](const std::optional<qa::Poll>& p) {
        return p ? std::tuple(p->id, p->state) : std::tuple(std::int64_t{0}, qa::PollState::archived);
    };
    const bool poll_changed = shape(poll) != shape(m_poll);
    const bool counts_changed = poll_changed || (poll && m_poll && (poll->rooms != m_poll->rooms ||
                                                                    poll->browsers != m_poll->browsers));
    m_poll = std::move(poll);
    m_clock_offset_ms = clock_offset_ms;
    const int seconds_left = seconds_left_now();
    const bool countdown_changed = seconds_left != m_seconds_left;
    m_seconds_left = seconds_left;
    if (poll_changed)
        emit pollChanged();
    if (countdown_changed)
        emit countdownChanged();
    if (counts_changed)
        emit countsChanged();
}

QStringList PollControl::choices() const
{
    return m_poll ? ui::string_list(m_poll->choices) : QStringList{};
}

QString PollControl::hostName() const
{
    return QString::fromStdString(m_event.site_name(m_event.event.host_site));
}

QVariantList PollControl::bars() const
{
    return m_poll ? ui::poll_bars(m_poll->choices, m_poll->totals()) : QVariantList{};
}

QVariantList PollControl::rooms() const
{
    QVariantList rows;
    if (!m_poll)
        return rows;
    const auto per_site = m_poll->per_site();
    for (const auto& site : m_event.sites) {
        const auto it = per_site.find(site.id);
        rows.append(QVariantMap{{"room", QString::fromStdString(m_event.site_name(site.id))},
                                {"answered", it != per_site.end()},
                                {"counts", it != per_site.end() ? ui::int_list(it->second) : QVariantList{}}});
    }
    return rows;
}

int PollControl::roomsAnswered() const
{
    return m_poll ? static_cast<int>(m_poll->per_site().size()) : 0;
}

void PollControl::ask(const QString& question, const QString& answers, int seconds)
{
    std::vector<std::string> choices;
    for (const auto& answer : answers.split(QRegularExpression(QStringLiteral("[\\n/]")), Qt::SkipEmptyParts))
        if (!answer.trimmed().isEmpty())
            choices.push_back(answer.trimmed().toStdString());
    if (choices.empty())
        choices.push_back(tr("Hands up").toStdString());
    m_send(qa::requests::open_poll(question.trimmed().toStdString(), choices, seconds));
}

void PollControl::closeNow()
{
    if (m_poll)
        m_send(qa::requests::close_poll(m_poll->id));
}

void PollControl::moveOn()
{
    if (m_poll)
        m_send(qa::requests::clear_poll(m_poll->id));
}

void PollControl::countHostRoom(const QVariantList& counts)
{
    if (!m_poll)
        return;
    std::vector<int> numbers;
    for (const auto& value : counts)
        numbers.push_back(value.toString().trimmed().toInt());
    m_send(qa::requests::answer_poll(m_poll->id, numbers, m_event.event.host_site));
}

}  // namespace estrade::moderator
