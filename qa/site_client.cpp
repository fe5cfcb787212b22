#include "site_client.hpp"

#include "keys.hpp"

namespace estrade::qa {

namespace {

// Codes for which a resend can only get the same answer.
bool is_final_refusal(const Json& reply)
{
    return !is_ok(reply) && error_code(reply) != "storage_failed";
}

}  // namespace

AskResult SiteClient::ask(const std::string& text, const std::string& name, std::optional<int> talk,
                          std::chrono::milliseconds timeout, int attempts)
{
    const auto request = requests::ask(text, name, talk);
    const auto id = request["id"].get<std::string>();
    m_journal.add(id, request.dump());  // on disk before it leaves: a crash from here on loses nothing
    return send_journaled(id, request.dump(), timeout, attempts);
}

AskResult SiteClient::answer_poll(std::int64_t poll, const std::vector<int>& counts,
                                  std::chrono::milliseconds timeout, int attempts)
{
    const auto request = requests::answer_poll(poll, counts);
    const auto id = request["id"].get<std::string>();
    m_journal.add(id, request.dump());
    return send_journaled(id, request.dump(), timeout, attempts);
}

int SiteClient::resend_unacknowledged(std::chrono::milliseconds timeout, int attempts,
                                      const std::function<void(const JournalEntry&, const Json& reply)>& on_reply)
{
    int still_waiting = 0;
    for (const auto& entry : m_journal.unacknowledged()) {
        const auto result = send_journaled(entry.request_id, entry.request, timeout, attempts);
        if (!result.reply)
            ++still_waiting;
        else if (on_reply)
            on_reply(entry, *result.reply);
    }
    return still_waiting;
}

AskResult SiteClient::send_journaled(const std::string& request_id, const std::string& request,
                                     std::chrono::milliseconds timeout, int attempts)
{
    const auto sent = Json::parse(request);
    AskResult result{m_connection.request(sent, timeout, attempts)};
    // An ask is acknowledged with its question's id, a show of hands' answer with the poll's.
    if (result.acknowledged())
        m_journal.acknowledge(request_id, result.reply->contains("question")
                                              ? (*result.reply)["question"]["id"].get<std::int64_t>()
                                              : sent.value("poll", std::int64_t{1}));
    else if (result.reply && is_final_refusal(*result.reply))
        m_journal.reject(request_id);
    return result;
}

Replica::Replica(zmq::context_t& context, const std::string& publish_endpoint, const ClientAuth& auth,
                 QaConnection& requests)
    : m_subscriber(context, zmq::socket_type::sub), m_requests(requests)
{
    m_subscriber.set(zmq::sockopt::linger, 0);
    m_subscriber.set(zmq::sockopt::rcvhwm, 100000);
    apply_client_security(m_subscriber, auth);
    m_subscriber.set(zmq::sockopt::subscribe, "");
    m_subscriber.connect(publish_endpoint);
}

bool Replica::resync()
{
    if (!m_live) {
        // A subscription goes live some time after connect (handshake, then the subscribe reaches the
        // broker). Snapshot only once something has arrived, so no update falls between the two.
        zmq::pollitem_t item{m_subscriber.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::milliseconds(3000)) > 0) {
            zmq::message_t discarded;  // older than, or included in, the snapshot taken next
            while (m_subscriber.recv(discarded, zmq::recv_flags::dontwait)) {
            }
            m_live = true;
        }
    }
    auto reply = m_requests.request(requests::snapshot());
    if (!reply || !is_ok(*reply))
        return false;
    ++m_resyncs;
    m_you = reply->value("you", std::string{});
    note_broker_clock(*reply);
    m_questions.clear();
    for (const auto& q : (*reply)["questions"])
        if (!q.value("hidden", false))  // another room's question awaiting approval: not ours to know
            m_questions[q["id"].get<std::int64_t>()] = question_from_json(q);
    m_polls.clear();
    if (reply->contains("polls") && (*reply)["polls"].is_array())
        for (const auto& poll : (*reply)["polls"])
            m_polls[poll.at("id").get<std::int64_t>()] = poll_from_json(poll);
    m_programme = programme_from_json(reply->value("programme", Json{}));
    m_window_open = reply->value("window_open", true);
    m_floor = floor_from_json(reply->value("floor", Json{}));
    m_last_seen.clear();
    if (reply->contains("sites") && (*reply)["sites"].is_object())
        for (const auto& [site, counts] : (*reply)["sites"].items())
            if (auto at = integer_field(counts, "last_seen_ms"))
                m_last_seen[site] = *at;
    m_seq = (*reply)["seq"].get<std::int64_t>();
    return true;
}

int Replica::poll(std::chrono::milliseconds timeout)
{
    int applied = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        zmq::pollitem_t item{m_subscriber.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::max(left, std::chrono::milliseconds(0))) == 0)
            return applied;
        zmq::message_t message;
        while (m_subscriber.recv(message, zmq::recv_flags::dontwait)) {
            Json update = Json::parse(message.to_string_view(), nullptr, false);
            if (!update.is_object() || !update.contains("seq"))
                continue;
            const auto seq = update["seq"].get<std::int64_t>();
            if (m_seq < 0 || (update.value("kind", "") == "heartbeat" && seq > m_seq) ||
                (update.value("kind", "") != "heartbeat" && seq > m_seq + 1)) {
                // Joined late or missed something: the snapshot is the truth, later updates apply on top.
                resync();
                continue;
            }
            if (update.value("kind", "") == "heartbeat") {
                note_presence(update);
                continue;
            }
            if (seq <= m_seq)
                continue;
            apply(update);
            ++applied;
        }
        if (left.count() <= 0)
            return applied;
    }
}

void Replica::apply(const Json& update)
{
    m_seq = update["seq"].get<std::int64_t>();
    const auto kind = update.value("kind", "");
    if (kind == "question" && update["question"].value("hidden", false)) {
        // Awaiting approval: the words travel only in the snapshots of its own room and of the moderator.
        const auto& q = update["question"];
        if (m_you == moderator_key_owner || q.value("site", "") == m_you)
            resync();
        else
            m_questions.erase(q.value("id", std::int64_t{0}));
    } else if (kind == "question") {
        auto q = question_from_json(update["question"]);
        m_questions[q.id] = std::move(q);
    } else if (kind == "poll") {
        auto poll = poll_from_json(update["poll"]);
        m_polls[poll.id] = std::move(poll);
    } else if (kind == "programme") {
        m_programme = programme_from_json(update["programme"]);
    } else if (kind == "window") {
        m_window_open = update.value("open", true);
    } else if (kind == "floor") {
        m_floor = floor_from_json(update.value("floor", Json{}));
    }
    if (on_update)
        on_update(update);
}

void Replica::note_broker_clock(const Json& message)
{
    if (auto broker_now = integer_field(message, "now_ms"))
        m_clock_offset_ms = *broker_now - std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count();
}

void Replica::note_presence(const Json& heartbeat)
{
    note_broker_clock(heartbeat);
    if (!heartbeat.contains("seen") || !heartbeat["seen"].is_object())
        return;
    for (const auto& [site, at] : heartbeat["seen"].items())
        if (at.is_number_integer())
            m_last_seen[site] = at.get<std::int64_t>();
}

std::vector<std::int64_t> Replica::suggested() const
{
    return suggested_ids(m_questions, m_programme ? m_programme->step.talk : 0);
}

Json Replica::snapshot() const
{
    Json questions = Json::array();
    for (const auto& [id, q] : m_questions)
        questions.push_back(to_json(q));
    Json sites = Json::object();
    for (const auto& [site, c] : site_counts())
        sites[site] = {{"asked", c.asked}, {"picked", c.picked}, {"answered", c.answered}, {"waiting", c.waiting}};
    for (const auto& [site, at] : m_last_seen)
        sites[site]["last_seen_ms"] = at;
    Json snapshot{{"ok", true},           {"seq", m_seq},         {"questions", std::move(questions)},
                  {"suggested", suggested()}, {"window_open", m_window_open}, {"sites", std::move(sites)}};
    snapshot["programme"] = m_programme ? to_json(*m_programme) : Json();
    snapshot["floor"] = to_json(m_floor);
    Json polls = Json::array();
    for (const auto& [id, poll] : m_polls)
        polls.push_back(to_json(poll));
    snapshot["polls"] = std::move(polls);
    return snapshot;
}

}  // namespace estrade::qa
