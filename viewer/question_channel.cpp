#include "question_channel.hpp"

#include "qa/connection.hpp"
#include "qa/journal.hpp"
#include "qa/site_client.hpp"

#include <spdlog/spdlog.h>

#include <utility>

namespace estrade::viewer {

using namespace std::chrono_literals;

QuestionChannel::QuestionChannel(ChannelSettings settings, std::function<void(const ChannelView&)> on_change)
    : m_settings(std::move(settings)), m_on_change(std::move(on_change)), m_typed(m_settings.journal)
{
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

void QuestionChannel::ask(std::string text, std::string name)
{
    const auto request = qa::requests::ask(text, name);
    m_typed.add(request["id"].get<std::string>(), request.dump());
    {
        std::lock_guard lock(m_mutex);
        m_asked = true;
    }
    m_wake.notify_all();
}

void QuestionChannel::answer_poll(std::int64_t poll, std::vector<int> counts)
{
    const auto request = qa::requests::answer_poll(poll, counts);
    m_typed.add(request["id"].get<std::string>(), request.dump());
    {
        std::lock_guard lock(m_mutex);
        m_asked = true;
    }
    m_wake.notify_all();
}

void QuestionChannel::vote(std::int64_t question) { post({Action::Kind::vote, question, {}, {}}); }
void QuestionChannel::withdraw(std::int64_t question) { post({Action::Kind::withdraw, question, {}, {}}); }
void QuestionChannel::ask_aloud(std::string text, std::string name)
{
    post({Action::Kind::aloud, 0, std::move(text), std::move(name)});
}
void QuestionChannel::hand_back_floor() { post({Action::Kind::hand_back, 0, {}, {}}); }


void QuestionChannel::post(Action action)
{
    {
        std::lock_guard lock(m_mutex);
        m_actions.push_back(action);
    }
    m_wake.notify_all();
}

namespace {

std::vector<PendingQuestion> pending_in(qa::Journal& journal)
{
    std::vector<PendingQuestion> pending;
    for (const auto& entry : journal.unacknowledged()) {
        const auto request = qa::Json::parse(entry.request, nullptr, false);
        if (request.is_object() && request.value("cmd", "") == "ask")  // not a show of hands' answer
            pending.push_back({entry.request_id, request.value("text", ""), request.value("name", "")});
    }
    return pending;
}

}  // namespace

void QuestionChannel::run(std::stop_token stop)
{
    const auto& event = *m_settings.event;
    const auto& auth = m_settings.auth;
    zmq::context_t context;
    qa::QaConnection connection(context, event.qa.url, auth);
    qa::Journal journal(m_settings.journal);
    qa::SiteClient client(connection, journal);
    qa::Replica replica(context, event.qa.publish_url, auth, connection);
    const auto timeout = m_settings.request_timeout;

    ChannelView view;
    auto set_connected = [&](bool connected) {
        if (connected != view.connected)
            spdlog::info("question channel {}", connected ? "connected" : "unreachable");
        view.connected = connected;
        view.problem =
            connected ? "" : "question channel unreachable — questions typed now are kept and sent when it is back";
    };
    auto publish = [&] {
        view.questions = replica.questions();
        view.programme = replica.programme();
        view.window_open = replica.window_open();
        view.floor = replica.floor();
        view.polls = replica.polls();
        view.clock_offset_ms = replica.broker_clock_offset_ms();
        view.seq = replica.seq();
        view.pending = pending_in(journal);
        m_on_change(view);
    };
    auto send_journal = [&] {
        const auto waiting = client.resend_unacknowledged(timeout, 1, [&](const qa::JournalEntry& entry,
                                                                          const qa::Json& reply) {
            const bool count = qa::Json::parse(entry.request, nullptr, false).value("cmd", "") == "answer_poll";
            (count ? view.poll_refusal : view.last_refusal) = qa::is_ok(reply) ? "" : qa::error_reason(reply);
        });
        set_connected(waiting == 0);
    };
    spdlog::info("question channel: {} as {}", event.qa.url, m_settings.site);
    set_connected(false);
    publish();

    auto next_check = std::chrono::steady_clock::now();
    while (!stop.stop_requested()) {
        std::deque<Action> actions;
        bool asked = false;
        {
            std::lock_guard lock(m_mutex);
            actions.swap(m_actions);
            asked = std::exchange(m_asked, false);
        }
        bool changed = false;
        if (asked && view.connected) {
            send_journal();
            changed = true;
        }
        for (const auto& action : actions) {
            const auto request = [&] {
                switch (action.kind) {
                case Action::Kind::vote: return qa::requests::vote(action.question);
                case Action::Kind::withdraw: return qa::requests::withdraw(action.question);
                case Action::Kind::aloud: return qa::requests::ask_aloud(action.text, action.name);
                case Action::Kind::hand_back: break;
                }
                return qa::requests::end_floor();
            }();
            const auto reply = connection.request(request, timeout, 1);
            set_connected(reply.has_value());
            if (reply && !qa::is_ok(*reply))
                view.last_refusal = qa::error_reason(*reply);
            changed = true;
        }

        // The channel's health: a ping (or the first snapshot) every 2 s while it answers, every second
        // while it does not; what the journal holds goes out as soon as it answers.
        if (std::chrono::steady_clock::now() >= next_check) {
            const bool answered = connection.request(qa::requests::ping(), timeout, 1).has_value();
            set_connected(answered && (replica.seq() >= 0 || replica.resync()));
            if (view.connected && !journal.unacknowledged().empty())
                send_journal();
            changed = true;
            next_check = std::chrono::steady_clock::now() + (view.connected ? 2s : 1s);
        }

        if (replica.poll(100ms) > 0 || changed || replica.seq() != view.seq)
            publish();
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, stop, 20ms, [this] { return m_asked || !m_actions.empty(); });
    }
}

}  // namespace estrade::viewer
