#include "broker.hpp"

#include <spdlog/spdlog.h>
#include <zmq_addon.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <iterator>
#include <utility>

namespace estrade::qa {

namespace {

using Security = config::QaSettings::Security;

std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Caller caller_from(const std::string& user_id)
{
    if (user_id == moderator_key_owner)
        return Caller{{}, true};
    return Caller{user_id, false};
}

}  // namespace

BrokerOptions broker_options_from(const config::Event& event)
{
    BrokerOptions options;
    options.listen = event.qa.listen;
    options.publish = event.qa.publish;
    options.database = event.qa.database;
    options.auth.security = event.qa.security;
    for (const auto& site : event.sites)
        options.rules.sites.push_back(site.id);
    options.rules.talk_count = static_cast<int>(event.talks.size());
    options.rules.max_waiting_per_site = event.qa.max_waiting_per_site;
    options.rules.approval = event.qa.approval;
    for (const auto& site : event.sites)
        options.poll_rules.seats[site.id] = site.seats;
    options.poll_rules.host_site = event.event.host_site;
    for (const auto& talk : event.talks)
        options.talks.push_back({talk.speaker, talk.role, talk.organisation, talk.title});
    if (event.qa.security == Security::curve) {
        options.auth.server = read_key_pair(event.qa.keys, broker_key_owner);
        options.auth.public_keys[read_public_key(event.qa.keys, moderator_key_owner)] = moderator_key_owner;
        for (const auto& site : event.sites)
            options.auth.public_keys[read_public_key(event.qa.keys, site.id)] = site.id;
    } else {
        // Plaintext demo mode: a site logs in with its own SRT passphrase, the moderator with the producer's.
        options.auth.passwords[moderator_key_owner] = event.producer.passphrase;
        for (const auto& site : event.sites)
            options.auth.passwords[site.id] = site.passphrase;
    }
    return options;
}

Broker::Broker(zmq::context_t& context, BrokerOptions options)
    : m_options(std::move(options)),
      m_store(m_options.database, m_options.durability),
      m_queue(m_options.rules),
      m_polls(m_options.poll_rules),
      m_zap(context, m_options.auth, "question broker"),
      m_router(context, zmq::socket_type::router),
      m_publisher(context, zmq::socket_type::pub)
{
    m_router.set(zmq::sockopt::router_mandatory, true);
    m_router.set(zmq::sockopt::router_handover, true);
    m_router.set(zmq::sockopt::linger, 0);
    m_publisher.set(zmq::sockopt::linger, 0);
    m_publisher.set(zmq::sockopt::sndhwm, 100000);
    apply_server_security(m_router, m_options.auth);
    apply_server_security(m_publisher, m_options.auth);
    restore_from_store();
    m_router.bind(m_options.listen);
    m_publisher.bind(m_options.publish);
    spdlog::info("question broker: requests on {}, updates on {}, {} questions in {}", request_endpoint(),
                 publish_endpoint(), m_queue.questions().size(), m_options.database.string());
}

void Broker::restore_from_store()
{
    auto stored = m_store.load();
    m_queue.restore(std::move(stored.questions), stored.step, stored.window_open, stored.floor);
    m_polls.restore(std::move(stored.polls));
    m_replies = std::move(stored.replies);
    m_seq = stored.last_seq;
}

void Broker::refresh_stats()
{
    m_counting.questions_by_state.clear();
    for (const auto& [id, q] : m_queue.questions())
        ++m_counting.questions_by_state[std::string(to_string(q.state))];
    m_counting.sites = static_cast<std::int64_t>(m_options.rules.sites.size());
    const auto recent = now_ms() - 10000;
    m_counting.sites_heard = std::count_if(m_last_seen.begin(), m_last_seen.end(), [&](const auto& seen) {
        return seen.first != moderator_key_owner && seen.second >= recent;
    });
    m_counting.seq = m_seq;
    m_counting.polls_open = std::count_if(m_polls.polls().begin(), m_polls.polls().end(),
                                          [](const auto& p) { return p.second.state == PollState::open; });
    m_counting.refreshed = std::chrono::steady_clock::now();
    std::lock_guard lock(m_stats_mutex);
    m_stats = m_counting;
}

BrokerStats Broker::stats() const
{
    std::lock_guard lock(m_stats_mutex);
    return m_stats;
}

std::string Broker::request_endpoint() const { return m_router.get(zmq::sockopt::last_endpoint); }
std::string Broker::publish_endpoint() const { return m_publisher.get(zmq::sockopt::last_endpoint); }

std::string Broker::reload(BrokerOptions options)
{
    for (const auto& [what, changed] : {std::pair{"listen", options.listen != m_options.listen},
                                        std::pair{"publish", options.publish != m_options.publish},
                                        std::pair{"database", options.database != m_options.database},
                                        std::pair{"the broker's key pair",
                                                  options.auth.server.public_key != m_options.auth.server.public_key}})
        if (changed)
            spdlog::warn("question broker: reload: {} changed; it takes effect when the broker is restarted", what);
    std::vector<std::string> added, removed;
    for (const auto& site : options.rules.sites)
        if (std::find(m_options.rules.sites.begin(), m_options.rules.sites.end(), site) == m_options.rules.sites.end())
            added.push_back(site);
    for (const auto& site : m_options.rules.sites)
        if (std::find(options.rules.sites.begin(), options.rules.sites.end(), site) == options.rules.sites.end())
            removed.push_back(site);
    m_zap.set_clients(options.auth);
    m_queue.set_rules(options.rules);
    m_polls.set_rules(options.poll_rules);
    m_options.auth.public_keys = options.auth.public_keys;
    m_options.auth.passwords = options.auth.passwords;
    m_options.rules = options.rules;
    m_options.poll_rules = options.poll_rules;
    const bool talks_changed = options.talks.size() != m_options.talks.size() ||
                               !std::equal(options.talks.begin(), options.talks.end(), m_options.talks.begin(),
                                           [](const TalkSummary& a, const TalkSummary& b) {
                                               return a.speaker == b.speaker && a.role == b.role &&
                                                      a.organisation == b.organisation && a.title == b.title;
                                           });
    m_options.talks = options.talks;
    if (talks_changed) {
        // Every room's banner shows the current talk's speaker: publish it again.
        m_unpublished.push_back(Json{{"seq", ++m_seq}, {"kind", "programme"}, {"programme", programme_json()}});
        std::vector<Pending> none;
        publish_committed(none);
    }
    auto list = [](const std::vector<std::string>& sites) {
        std::string text;
        for (const auto& s : sites)
            text += (text.empty() ? "" : ", ") + s;
        return sites.empty() ? std::string("none") : text;
    };
    return "sites added: " + list(added) + "; removed: " + list(removed) +
           (talks_changed ? "; the talks changed" : "") + "; every connection kept";
}

void Broker::run(const std::atomic<bool>& stop, const BrokerHooks& hooks)
{
    using clock = std::chrono::steady_clock;
    auto next_heartbeat = clock::now() + m_options.heartbeat;
    zmq::pollitem_t items[] = {{m_zap.socket().handle(), 0, ZMQ_POLLIN, 0}, {m_router.handle(), 0, ZMQ_POLLIN, 0}};
    while (!stop.load()) {
        if (hooks.alive)
            hooks.alive();
        if (hooks.reload && hooks.reload->exchange(false) && hooks.reread) {
            if (auto options = hooks.reread())
                spdlog::info("question broker: event file reloaded: {}", reload(std::move(*options)));
        }
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_heartbeat - clock::now());
        if (const auto deadline = m_polls.next_deadline_ms())
            wait = std::min(wait, std::chrono::milliseconds(std::max<std::int64_t>(*deadline - now_ms(), 0)));
        try {
            zmq::poll(items, 2, std::max(wait, std::chrono::milliseconds(0)));
        } catch (const zmq::error_t& e) {
            // SIGTERM or SIGINT interrupted the wait: the loop's condition sees the stop flag the handler set.
            if (e.num() != EINTR)
                throw;
            continue;
        }
        if (items[0].revents & ZMQ_POLLIN)
            m_zap.handle();
        m_router_handshakes.poll();
        m_publisher_handshakes.poll();
        if (items[1].revents & ZMQ_POLLIN)
            handle_requests();
        expire_polls();
        if (clock::now() >= next_heartbeat) {
            // Subscribers compare this seq with the last they applied to notice lost updates; `seen` tells
            // the console which sites were heard since the last beat (presence is not worth a numbered update).
            // `now_ms` lets a room count down a show of hands on the broker's clock, not its own.
            Json beat{{"seq", m_seq}, {"kind", "heartbeat"}, {"now_ms", now_ms()}};
            if (!m_seen_since_beat.empty())
                beat["seen"] = std::exchange(m_seen_since_beat, {});
            publish(beat);
            refresh_stats();
            next_heartbeat = clock::now() + m_options.heartbeat;
        }
    }
}

void Broker::handle_requests()
{
    std::vector<Pending> batch;
    for (int i = 0; i < m_options.max_batch; ++i) {
        std::vector<zmq::message_t> frames;
        if (!zmq::recv_multipart(m_router, std::back_inserter(frames), zmq::recv_flags::dontwait))
            break;
        process(frames, batch);
    }
    publish_committed(batch);
}

void Broker::publish_committed(std::vector<Pending>& batch)
{
    commit(batch);
    for (auto& pending : batch) {
        send_reply(pending);
        const auto outcome = pending.reply.value("ok", false) ? "ok" : "refused";
        ++m_counting.requests[(pending.command.empty() ? std::string("?") : pending.command) + " " + outcome];
        m_counting.request_seconds.observe(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - pending.received).count());
    }
    for (const auto& update : m_unpublished)
        publish(update);
    m_unpublished.clear();
}

void Broker::expire_polls()
{
    if (!m_polls.expire(now_ms()))
        return;
    Json ignored;
    record_changes(ignored);
    std::vector<Pending> none;
    publish_committed(none);
}

void Broker::process(std::vector<zmq::message_t>& frames, std::vector<Pending>& batch)
{
    Pending pending;
    // DEALER clients send [payload]; REQ clients [empty, payload]. ROUTER prepends the routing id.
    const bool req_style = frames.size() == 3 && frames[1].size() == 0;
    if (frames.size() != 2 && !req_style) {
        if (!frames.empty()) {
            spdlog::warn("question broker: request with {} frames refused", frames.size());
            pending.envelope.push_back(std::move(frames[0]));
            // A REQ client waits for a reply behind its empty delimiter: without it, it would wait forever.
            if (frames.size() > 2 && frames[1].size() == 0)
                pending.envelope.push_back(std::move(frames[1]));
            pending.reply = error_reply("", "bad_frames", "a request is one frame holding one JSON object");
            batch.push_back(std::move(pending));
        }
        return;
    }
    zmq::message_t& payload = frames.back();
    std::string user;
    try {
        user = payload.gets("User-Id");
    } catch (const zmq::error_t&) {
    }
    pending.envelope.push_back(std::move(frames[0]));
    if (req_style)
        pending.envelope.push_back(std::move(frames[1]));
    pending.caller = user;

    auto decoded = decode_request(payload.to_string_view());
    if (auto* error = std::get_if<DecodeError>(&decoded)) {
        spdlog::warn("question broker: {}: {}: {}", user.empty() ? "?" : user, error->code, error->reason);
        pending.reply = error_reply(error->request_id, error->code, error->reason);
        batch.push_back(std::move(pending));
        return;
    }
    auto& request = std::get<Request>(decoded);
    pending.request_id = request.id;
    pending.command = std::string(to_string(request.command));
    if (user.empty()) {
        pending.reply = error_reply(request.id, "unknown_key", "this connection is not authenticated");
        batch.push_back(std::move(pending));
        return;
    }
    const auto heard_at = now_ms();  // the moderator's site board shows who is on the question channel
    m_last_seen[user] = heard_at;
    if (user != moderator_key_owner)
        m_seen_since_beat[user] = heard_at;
    const bool mutation = is_mutation(request.command);
    if (mutation) {
        // An idempotent resend: the stored reply, nothing applied twice.
        if (auto it = m_replies.find({user, request.id}); it != m_replies.end()) {
            pending.reply = Json::parse(it->second);
            batch.push_back(std::move(pending));
            return;
        }
    }
    pending.reply = apply(caller_from(user), request);
    if (mutation && pending.reply.value("ok", false)) {
        pending.store_reply = true;
        m_replies.emplace(std::pair{user, request.id}, pending.reply.dump());
    } else if (!pending.reply.value("ok", false)) {
        const auto& e = pending.reply["error"];
        spdlog::info("question broker: {} {}: {}", user, to_string(request.command), e.value("reason", ""));
    }
    batch.push_back(std::move(pending));
}

Json Broker::apply(const Caller& caller, const Request& request)
{
    const auto& body = request.body;
    QuestionQueue::Result result;
    std::int64_t asked_id = 0;
    // Every command but these few names one question.
    std::int64_t id = 0;
    using C = Command;
    if (!(request.command == C::hello || request.command == C::ping || request.command == C::snapshot ||
          request.command == C::ask || request.command == C::window || request.command == C::step ||
          request.command == C::floor || request.command == C::open_poll || request.command == C::close_poll ||
          request.command == C::clear_poll || request.command == C::answer_poll)) {
        auto question = integer_field(body, "question");
        if (!question)
            return error_reply(request.id, "bad_request",
                               std::string(to_string(request.command)) + " needs \"question\" (a question id)");
        id = *question;
    }
    auto refuse = [&](const char* reason) { return error_reply(request.id, "bad_request", reason); };
    const auto text = string_field(body, "text");
    switch (request.command) {
    case C::hello:
    case C::ping: {
        auto reply = ok_reply(request.id);
        reply["you"] = caller.name();
    reply["now_ms"] = now_ms();
        reply["seq"] = m_seq;
        return reply;
    }
    case C::snapshot: return snapshot(request.id, caller);
    case C::open_poll:
    case C::close_poll:
    case C::clear_poll:
    case C::answer_poll: return apply_poll(caller, request);
    case C::approve: result = m_queue.approve(caller, id); break;
    case C::ask: {
        if (!text)
            return refuse("ask needs \"text\" (a string)");
        std::optional<int> talk;
        if (body.contains("talk")) {
            auto t = integer_field(body, "talk");
            if (!t || *t < 1 || *t > 1000)
                return error_reply(request.id, "bad_talk", "\"talk\" must be a talk number");
            talk = static_cast<int>(*t);
        }
        if (body.contains("name") && !string_field(body, "name"))
            return error_reply(request.id, "bad_name", "\"name\" must be a string");
        const auto aloud = body.find("aloud");
        if (aloud != body.end() && !aloud->is_boolean())
            return refuse("\"aloud\" must be true or false");
        const auto kind = aloud != body.end() && aloud->get<bool>() ? QuestionKind::aloud : QuestionKind::typed;
        result = m_queue.ask(caller,
                             {request.id, *text, string_field(body, "name").value_or(""), talk, now_ms(), kind},
                             asked_id);
        break;
    }
    case C::floor: {
        const auto site = body.find("site");
        if (body.contains("question")) {
            auto question = integer_field(body, "question");
            if (!question)
                return refuse("floor needs \"question\" (a question id), \"site\" (a site id) or \"site\": null");
            result = m_queue.give_floor(caller, {}, *question, now_ms());
        } else if (site != body.end() && site->is_string()) {
            result = m_queue.give_floor(caller, site->get<std::string>(), 0, now_ms());
        } else if (site != body.end() && site->is_null()) {
            result = m_queue.end_floor(caller);
        } else {
            return refuse("floor needs \"question\" (a question id), \"site\" (a site id) or \"site\": null");
        }
        break;
    }
    case C::window: {
        auto open = body.find("open");
        if (open == body.end() || !open->is_boolean())
            return refuse("window needs \"open\": true or false");
        result = m_queue.set_window(caller, open->get<bool>());
        break;
    }
    case C::step: {
        auto step = step_from_json(body);
        if (!step)
            return error_reply(request.id, "bad_request",
                               "step needs \"kind\" (opening, talk, questions, break, ended) and \"talk\" (a number)");
        result = m_queue.set_step(caller, *step);
        break;
    }
    case C::withdraw: result = m_queue.withdraw(caller, id); break;
    case C::vote: result = m_queue.vote(caller, id); break;
    case C::pick: result = m_queue.pick(caller, id); break;
    case C::answered: result = m_queue.mark_answered(caller, id); break;
    case C::dismiss: result = m_queue.dismiss(caller, id, string_field(body, "reason").value_or("")); break;
    case C::edit:
        if (!text)
            return refuse("edit needs \"text\" (a string)");
        result = m_queue.edit(caller, id, *text);
        break;
    case C::merge:
        if (auto into = integer_field(body, "into"))
            result = m_queue.merge(caller, id, *into);
        else
            return refuse("merge needs \"into\" (a question id)");
        break;
    }
    if (result)
        return error_reply(request.id, result->code, result->reason);
    auto reply = ok_reply(request.id);
    if (asked_id != 0)
        reply["question"] = to_json(*m_queue.find(asked_id));
    record_changes(reply);
    return reply;
}

Json Broker::apply_poll(const Caller& caller, const Request& request)
{
    const auto& body = request.body;
    auto refuse = [&](const std::string& reason) { return error_reply(request.id, "bad_request", reason); };
    const auto name = std::string(to_string(request.command));
    PollBook::Result result;
    std::int64_t opened = 0;
    if (request.command == Command::open_poll) {
        const auto question = string_field(body, "question");
        const auto choices = body.find("choices");
        const auto seconds = integer_field(body, "seconds");
        if (!question || choices == body.end() || !choices->is_array() ||
            !std::all_of(choices->begin(), choices->end(), [](const Json& c) { return c.is_string(); }) || !seconds)
            return refuse("open_poll needs \"question\" (text), \"choices\" (1 to 5 texts) and \"seconds\"");
        result = m_polls.open(caller,
                              {*question, choices->get<std::vector<std::string>>(),
                               static_cast<int>(std::clamp<std::int64_t>(*seconds, -1, max_poll_seconds + 1)), now_ms()},
                              opened);
    } else {
        const auto poll = integer_field(body, "poll");
        if (!poll)
            return refuse(name + " needs \"poll\" (a show of hands' id)");
        if (request.command == Command::close_poll) {
            result = m_polls.close(caller, *poll, now_ms());
        } else if (request.command == Command::clear_poll) {
            result = m_polls.archive(caller, *poll);
        } else {
            const auto counts = body.find("counts");
            if (counts == body.end() || !counts->is_array() || counts->size() > max_poll_choices ||
                !std::all_of(counts->begin(), counts->end(),
                             [](const Json& n) { return n.is_number_integer() && n.get<std::int64_t>() >= -1 &&
                                                        n.get<std::int64_t>() <= 100000; }))
                return refuse("answer_poll needs \"counts\": one whole number of hands per answer");
            if ((body.contains("site") && !string_field(body, "site")) ||
                (body.contains("participant") && !string_field(body, "participant")))
                return refuse("\"site\" and \"participant\" are texts");
            result = m_polls.answer(caller, {*poll, counts->get<std::vector<int>>(),
                                             string_field(body, "site").value_or(""),
                                             string_field(body, "participant").value_or("")});
        }
    }
    if (result)
        return error_reply(request.id, result->code, result->reason);
    auto reply = ok_reply(request.id);
    if (opened != 0)
        reply["poll"] = to_json(*m_polls.find(opened));
    record_changes(reply);
    return reply;
}

// Turns what the queue touched into numbered updates, remembered for the commit and the publish.
void Broker::record_changes(Json& reply)
{
    auto changes = m_queue.take_changes();
    for (auto id : changes.questions) {
        // Published as every room may see it: a question awaiting approval is only its id to the others;
        // its own room and the moderator read it from a snapshot (docs/qa-protocol.md#approval).
        m_unpublished.push_back(
            Json{{"seq", ++m_seq}, {"kind", "question"}, {"question", to_json_for(*m_queue.find(id), {})}});
        m_dirty_questions.push_back(id);
    }
    for (auto id : m_polls.take_changes()) {
        // A batch of answers to one show of hands makes one update, carrying the poll as the batch left it
        // (filled in at the commit): a hundred rooms answering at once do not make a hundred updates.
        if (std::find(m_dirty_polls.begin(), m_dirty_polls.end(), id) != m_dirty_polls.end())
            continue;
        m_dirty_polls.push_back(id);
        m_unpublished.push_back(Json{{"seq", ++m_seq}, {"kind", "poll"}, {"poll", {{"id", id}}}});
    }
    if (changes.programme) {
        m_unpublished.push_back(Json{{"seq", ++m_seq}, {"kind", "programme"}, {"programme", programme_json()}});
        m_dirty_step = true;
    }
    if (changes.window) {
        m_unpublished.push_back(Json{{"seq", ++m_seq}, {"kind", "window"}, {"open", m_queue.window_open()}});
        m_dirty_window = true;
    }
    if (changes.floor) {
        m_unpublished.push_back(Json{{"seq", ++m_seq}, {"kind", "floor"}, {"floor", to_json(m_queue.floor())}});
        m_dirty_floor = true;
    }
    reply["seq"] = m_seq;
}

Json Broker::programme_json() const
{
    Programme programme{m_queue.step(), static_cast<int>(m_options.talks.size()), {}, {}, {}, {}};
    const int talk = programme.step.talk;
    if (talk >= 1 && talk <= programme.talks) {
        const auto& t = m_options.talks[static_cast<std::size_t>(talk - 1)];
        programme.speaker = t.speaker;
        programme.role = t.role;
        programme.organisation = t.organisation;
        programme.title = t.title;
    }
    return to_json(programme);
}

Json Broker::snapshot(const std::string& request_id, const Caller& caller) const
{
    auto reply = ok_reply(request_id);
    reply["seq"] = m_seq;
    reply["you"] = caller.name();
    Json questions = Json::array();
    for (const auto& [id, q] : m_queue.questions())
        questions.push_back(to_json_for(q, caller.name()));
    Json polls = Json::array();
    for (const auto& [id, poll] : m_polls.polls())
        polls.push_back(to_json(poll));
    reply["polls"] = std::move(polls);
    reply["questions"] = std::move(questions);
    reply["suggested"] = suggested_ids(m_queue.questions(), m_queue.step().talk);
    reply["programme"] = programme_json();
    reply["window_open"] = m_queue.window_open();
    reply["floor"] = to_json(m_queue.floor());
    Json sites = Json::object();
    for (const auto& [site, c] : m_queue.site_counts())
        sites[site] = {{"asked", c.asked}, {"picked", c.picked}, {"answered", c.answered}, {"waiting", c.waiting}};
    for (const auto& [who, at] : m_last_seen)
        if (who != moderator_key_owner)
            sites[who]["last_seen_ms"] = at;
    reply["sites"] = std::move(sites);
    return reply;
}

// Write before acknowledging (Titanic): one transaction for the whole batch, then the replies.
void Broker::commit(std::vector<Pending>& batch)
{
    if (m_unpublished.empty() && m_dirty_questions.empty())
        return;
    for (auto& update : m_unpublished)
        if (update["kind"] == "poll")
            update["poll"] = to_json(*m_polls.find(update["poll"]["id"].get<std::int64_t>()));
    const auto started = std::chrono::steady_clock::now();
    try {
        auto tx = m_store.begin();
        for (auto id : m_dirty_questions)
            m_store.save_question(*m_queue.find(id));
        if (m_dirty_step)
            m_store.save_step(m_queue.step());
        if (m_dirty_window)
            m_store.save_window(m_queue.window_open());
        if (m_dirty_floor)
            m_store.save_floor(m_queue.floor());
        for (auto id : m_dirty_polls)
            m_store.save_poll(m_polls.stored(id));
        for (const auto& update : m_unpublished)
            m_store.save_update(update["seq"].get<std::int64_t>(), update.dump());
        for (const auto& pending : batch)
            if (pending.store_reply)
                m_store.save_reply(pending.caller, pending.request_id, pending.reply.dump());
        tx.commit();
        m_counting.commit_seconds.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    } catch (const std::exception& e) {
        ++m_counting.storage_failures;
        // Nothing of this batch is acknowledged: go back to what is on disk and tell each client.
        spdlog::error("question broker: could not save to {}: {}", m_options.database.string(), e.what());
        restore_from_store();
        m_unpublished.clear();
        for (auto& pending : batch)
            if (pending.store_reply)
                pending.reply = error_reply(pending.request_id, "storage_failed",
                                            "the broker could not save this; send it again");
    }
    m_dirty_questions.clear();
    m_dirty_step = false;
    m_dirty_window = false;
    m_dirty_floor = false;
    m_dirty_polls.clear();
}

void Broker::send_reply(Pending& pending)
{
    try {
        for (auto& frame : pending.envelope)
            m_router.send(frame, zmq::send_flags::sndmore);
        m_router.send(zmq::buffer(pending.reply.dump()), zmq::send_flags::none);
    } catch (const zmq::error_t& e) {
        // The client went away; it will resend with the same id and get the stored reply.
        spdlog::info("question broker: reply to {} not delivered: {}", pending.caller, e.what());
    }
}

void Broker::publish(const Json& update)
{
    m_publisher.send(zmq::buffer(update.dump()), zmq::send_flags::dontwait);
}

}  // namespace estrade::qa
