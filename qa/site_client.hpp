#pragma once
// What a site does on the question channel: ask with a journal (nothing typed is lost), and
// keep a replica of the queue and the programme (Clone pattern: snapshot, then numbered updates).

#include "connection.hpp"
#include "journal.hpp"
#include "poll.hpp"
#include "question.hpp"
#include "question_queue.hpp"

#include <functional>
#include <map>

namespace estrade::qa {

struct AskResult {
    std::optional<Json> reply;  // nothing: no answer yet; the question stays in the journal
    bool acknowledged() const { return reply && is_ok(*reply); }
};

class SiteClient {
public:
    SiteClient(QaConnection& connection, Journal& journal) : m_connection(connection), m_journal(journal) {}

    AskResult ask(const std::string& text, const std::string& name = {}, std::optional<int> talk = std::nullopt,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(2500), int attempts = 3);

    // A room's count of hands, journaled like a question: sent again when the broker is back (refused
    // with "poll_closed" if it closed meanwhile).
    AskResult answer_poll(std::int64_t poll, const std::vector<int>& counts,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(2500), int attempts = 3);

    // Sends again what an earlier run (or another thread, through its own Journal on the same file) left
    // unacknowledged; returns how many are still waiting. `on_reply` sees each answer, refusals included.
    int resend_unacknowledged(std::chrono::milliseconds timeout = std::chrono::milliseconds(2500), int attempts = 3,
                              const std::function<void(const JournalEntry&, const Json& reply)>& on_reply = {});

private:
    AskResult send_journaled(const std::string& request_id, const std::string& request,
                             std::chrono::milliseconds timeout, int attempts);

    QaConnection& m_connection;
    Journal& m_journal;
};

// What every client of the channel keeps: the queue, the programme, the fair order and the per-site counts
// (computed here from the questions, exactly as the broker does), and when each site was last heard.
class Replica {
public:
    Replica(zmq::context_t& context, const std::string& publish_endpoint, const ClientAuth& auth,
            QaConnection& requests);

    // Takes a snapshot; updates older than it are then ignored.
    bool resync();
    // Applies what arrives within `timeout`, resyncing on a gap. Returns the updates applied.
    int poll(std::chrono::milliseconds timeout);

    std::int64_t seq() const { return m_seq; }
    const std::map<std::int64_t, Question>& questions() const { return m_questions; }
    const std::optional<Programme>& programme() const { return m_programme; }
    bool window_open() const { return m_window_open; }
    const Floor& floor() const { return m_floor; }
    const std::map<std::int64_t, Poll>& polls() const { return m_polls; }
    // Who the broker says this replica's key belongs to: a site id, or "moderator".
    const std::string& you() const { return m_you; }
    // The broker's clock minus this machine's (from the last heartbeat): a room's PC may be minutes off,
    // and a show of hands closes on the broker's clock.
    std::int64_t broker_clock_offset_ms() const { return m_clock_offset_ms; }
    int resyncs() const { return m_resyncs; }
    // Waiting questions in the order the moderator is offered (the broker's snapshot "suggested").
    std::vector<std::int64_t> suggested() const;
    std::map<std::string, SiteCounts> site_counts() const { return qa::site_counts(m_questions); }
    // Site id → when the broker last heard from it (ms since the epoch).
    const std::map<std::string, std::int64_t>& last_seen() const { return m_last_seen; }
    // The same shape as the broker's reply to "snapshot" (for the follow-up report).
    Json snapshot() const;

    std::function<void(const Json& update)> on_update;

private:
    void apply(const Json& update);
    void note_presence(const Json& heartbeat);
    void note_broker_clock(const Json& message);

    zmq::socket_t m_subscriber;
    QaConnection& m_requests;
    std::int64_t m_seq = -1;  // nothing applied yet
    std::map<std::int64_t, Question> m_questions;
    std::optional<Programme> m_programme;
    std::map<std::string, std::int64_t> m_last_seen;
    bool m_window_open = true;
    Floor m_floor;
    std::map<std::int64_t, Poll> m_polls;
    std::string m_you;
    std::int64_t m_clock_offset_ms = 0;
    int m_resyncs = 0;
    bool m_live = false;
};

}  // namespace estrade::qa
