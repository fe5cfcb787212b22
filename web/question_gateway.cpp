#include "question_gateway.hpp"

#include "qa/connection.hpp"
#include "qa/journal.hpp"
#include "qa/site_client.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

namespace estrade::web {

using namespace std::chrono_literals;

QuestionGateway::QuestionGateway(const config::Event& event, std::filesystem::path journals,
                                 std::chrono::milliseconds answer_within)
    : m_event(event), m_journals(std::move(journals)), m_answer_within(answer_within)
{
    std::filesystem::create_directories(m_journals);
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

std::filesystem::path QuestionGateway::journal_of(const std::string& site) const
{
    return m_journals / (site + "-questions.sqlite");
}

Outcome QuestionGateway::ask(const std::string& site, const std::string& text, const std::string& name)
{
    const auto request = qa::requests::ask(text, name);
    const auto id = request["id"].get<std::string>();
    qa::Journal(journal_of(site)).add(id, request.dump());  // on disk before anything else
    {
        std::lock_guard lock(m_mutex);
        m_asked_sites.push_back(site);
    }
    m_wake.notify_all();
    return wait_for_reply(id);
}

Outcome QuestionGateway::answer_poll(const std::string& site, std::int64_t poll, int choice, int choices,
                                     const std::string& participant)
{
    std::vector<int> counts(static_cast<std::size_t>(std::max(choices, 0)), 0);
    if (choice >= 0 && choice < choices)
        counts[static_cast<std::size_t>(choice)] = 1;
    const auto request = qa::requests::answer_poll(poll, counts, {}, participant);
    const auto id = request["id"].get<std::string>();
    qa::Journal(journal_of(site)).add(id, request.dump());
    {
        std::lock_guard lock(m_mutex);
        m_asked_sites.push_back(site);
    }
    m_wake.notify_all();
    return wait_for_reply(id);
}

Outcome QuestionGateway::vote(const std::string& site, std::int64_t question)
{
    auto request = qa::requests::vote(question);
    const auto id = request["id"].get<std::string>();
    {
        std::lock_guard lock(m_mutex);
        m_outgoing.push_back({site, std::move(request)});
    }
    m_wake.notify_all();
    return wait_for_reply(id);
}

Outcome QuestionGateway::wait_for_reply(const std::string& request_id)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, m_answer_within, [&] { return m_replies.contains(request_id); });
    auto found = m_replies.find(request_id);
    if (found == m_replies.end())
        return {Outcome::Kind::kept, 0, {}, {}};
    const auto reply = std::move(found->second);
    m_replies.erase(found);
    if (!qa::is_ok(reply))
        return {Outcome::Kind::refused, 0, qa::error_code(reply), qa::error_reason(reply)};
    std::int64_t question = 0;
    if (reply.contains("question") && reply["question"].is_object())
        question = reply["question"].value("id", std::int64_t{0});
    return {Outcome::Kind::accepted, question, {}, {}};
}

ReplicaCopy QuestionGateway::replica() const
{
    std::lock_guard lock(m_mutex);
    return m_copy;
}

std::vector<PendingAsk> QuestionGateway::pending(const std::string& site) const
{
    std::lock_guard lock(m_mutex);
    auto found = m_pending.find(site);
    return found == m_pending.end() ? std::vector<PendingAsk>{} : found->second;
}

std::int64_t QuestionGateway::wait_for_change(std::int64_t seen, bool seen_connected,
                                              std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] { return m_copy.seq != seen || m_copy.connected != seen_connected; });
    return m_copy.seq;
}

namespace {

// One site's side of the channel: its own key, its own journal.
struct SiteLink {
    qa::QaConnection connection;
    qa::Journal journal;
    qa::SiteClient client{connection, journal};
    SiteLink(zmq::context_t& context, const config::Event& event, const std::string& site,
             const std::filesystem::path& journal_file)
        : connection(context, event.qa.url, qa::client_auth_from(event, site)), journal(journal_file)
    {
    }
};

std::vector<PendingAsk> pending_in(qa::Journal& journal)
{
    std::vector<PendingAsk> pending;
    for (const auto& entry : journal.unacknowledged()) {
        const auto request = qa::Json::parse(entry.request, nullptr, false);
        if (request.is_object() && request.value("cmd", "") == "ask")  // not a show of hands' answer
            pending.push_back({request.value("text", ""), request.value("name", "")});
    }
    return pending;
}

}  // namespace

void QuestionGateway::run(std::stop_token stop)
{
    zmq::context_t context;
    qa::QaConnection connection(context, m_event.qa.url, qa::client_auth_from(m_event, config::web_site_id));
    qa::Replica replica(context, m_event.qa.publish_url, qa::client_auth_from(m_event, config::web_site_id),
                        connection);
    std::map<std::string, std::unique_ptr<SiteLink>> links;
    auto link_of = [&](const std::string& site) -> SiteLink* {
        auto& link = links[site];
        if (!link) {
            try {
                link = std::make_unique<SiteLink>(context, m_event, site, journal_of(site));
            } catch (const std::exception& e) {
                spdlog::error("web: cannot send {}'s questions: {}", site, e.what());
                links.erase(site);
                return nullptr;
            }
        }
        return link.get();
    };
    // Journals left by an earlier run: what they hold goes out as soon as the broker answers.
    for (const auto& site : m_event.sites)
        if (std::filesystem::exists(journal_of(site.id)))
            link_of(site.id);

    // Approval on: a site's own question arrives as a skeleton (other rooms must not read it); the gateway
    // reads it with that site's key, so the browsers of that site see it, "awaiting approval".
    std::map<std::string, std::map<std::int64_t, qa::Question>> unapproved;
    replica.on_update = [&](const qa::Json& update) {
        if (update.value("kind", "") != "question")
            return;
        const auto& q = update["question"];
        const auto id = q.value("id", std::int64_t{0});
        const auto site = q.value("site", "");
        if (!q.value("hidden", false)) {
            unapproved[site].erase(id);
            return;
        }
        auto found = links.find(site);
        if (found == links.end())
            return;
        const auto snapshot = found->second->connection.request(qa::requests::snapshot(), 1000ms, 1);
        if (!snapshot || !qa::is_ok(*snapshot))
            return;
        for (const auto& full : (*snapshot)["questions"])
            if (full.value("id", std::int64_t{0}) == id && !full.value("hidden", false))
                unapproved[site][id] = qa::question_from_json(full);
    };

    bool connected = false;
    auto publish = [&] {
        std::map<std::string, std::vector<PendingAsk>> pending;
        for (auto& [site, link] : links)
            pending[site] = pending_in(link->journal);
        std::lock_guard lock(m_mutex);
        m_copy.connected = connected;
        m_copy.seq = replica.seq();
        m_copy.questions = replica.questions();
        m_copy.programme = replica.programme();
        m_copy.window_open = replica.window_open();
        m_copy.polls = replica.polls();
        m_copy.unapproved = unapproved;
        m_copy.clock_offset_ms = replica.broker_clock_offset_ms();
        m_pending = std::move(pending);
        m_changed.notify_all();
    };
    auto store_reply = [&](const std::string& request_id, const qa::Json& reply) {
        std::lock_guard lock(m_mutex);
        m_replies[request_id] = reply;
        m_changed.notify_all();
    };
    auto send_journals = [&] {
        bool all_sent = true;
        for (auto& [site, link] : links)
            all_sent &= link->client.resend_unacknowledged(m_answer_within / 2, 1,
                                                           [&](const qa::JournalEntry& entry, const qa::Json& reply) {
                                                               store_reply(entry.request_id, reply);
                                                           }) == 0;
        return all_sent;
    };

    auto next_check = std::chrono::steady_clock::now();
    while (!stop.stop_requested()) {
        std::deque<Outgoing> outgoing;
        std::vector<std::string> asked;
        {
            std::lock_guard lock(m_mutex);
            outgoing.swap(m_outgoing);
            asked.swap(m_asked_sites);
        }
        bool changed = false;
        for (const auto& site : asked)
            link_of(site);
        if (!asked.empty()) {
            connected = send_journals();
            changed = true;
        }
        for (const auto& out : outgoing) {
            auto* link = link_of(out.site);
            const auto id = out.request["id"].get<std::string>();
            if (!link) {
                store_reply(id, qa::error_reply(id, "no_key", "this site's key is missing on the web gateway"));
                continue;
            }
            if (auto reply = link->connection.request(out.request, m_answer_within / 2, 1))
                store_reply(id, *reply);
        }
        if (std::chrono::steady_clock::now() >= next_check) {
            const auto pong = connection.request(qa::requests::ping(), 1000ms, 1);
            connected = pong && qa::is_ok(*pong) && (replica.seq() >= 0 || replica.resync());
            if (connected)
                send_journals();
            changed = true;
            next_check = std::chrono::steady_clock::now() + (connected ? 2s : 1s);
        }
        if (replica.poll(50ms) > 0 || changed)
            publish();
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, stop, 10ms, [this] { return !m_outgoing.empty() || !m_asked_sites.empty(); });
    }
}

}  // namespace estrade::web
