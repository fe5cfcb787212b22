#include "desk_channel.hpp"

#include "producer_control.hpp"

#include "qa/protocol.hpp"
#include "qa/site_client.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace estrade::moderator {

using namespace std::chrono_literals;

DeskChannel::DeskChannel(DeskSettings settings, std::function<void(const DeskView&)> on_change)
    : m_settings(std::move(settings)), m_on_change(std::move(on_change))
{
    if (m_settings.producer_control.empty())
        m_settings.producer_control = m_settings.event->producer.control_url;
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

void DeskChannel::request(qa::Json request) { post(std::move(request)); }
void DeskChannel::go_to(qa::ProgrammeStep step) { post(step); }

void DeskChannel::post(Action action)
{
    {
        std::lock_guard lock(m_mutex);
        m_actions.push_back(std::move(action));
    }
    m_wake.notify_all();
}

namespace {

std::string error_in_words(const std::optional<qa::Json>& reply, const std::string& what)
{
    if (!reply)
        return what + ": no answer";
    return qa::is_ok(*reply) ? std::string{} : what + ": " + qa::error_reason(*reply);
}

nlohmann::json relay_stats(httplib::Client& client)
{
    auto response = client.Get("/stats");
    if (!response || response->status != 200)
        return nullptr;
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    return json.is_discarded() ? nlohmann::json(nullptr) : json;
}

}  // namespace

void DeskChannel::run(std::stop_token stop)
{
    const auto& event = *m_settings.event;
    const auto timeout = m_settings.request_timeout;
    zmq::context_t context;
    qa::QaConnection broker(context, event.qa.url, m_settings.auth);
    qa::Replica replica(context, event.qa.publish_url, m_settings.auth, broker);
    std::optional<qa::ClientAuth> producer_auth;
    std::string producer_auth_problem;
    try {
        producer_auth = qa::producer_control_client_auth(event);
    } catch (const std::exception& e) {
        producer_auth_problem = std::string("the producer cannot be reached: ") + e.what();
        spdlog::error("{}", producer_auth_problem);
    }
    ProducerControl producer(context, m_settings.producer_control, producer_auth);
    const auto stats = event.relay.stats_listen;
    httplib::Client relay(stats.host == "0.0.0.0" ? "127.0.0.1" : stats.host, stats.port);
    relay.set_connection_timeout(0, 300000);
    relay.set_read_timeout(0, 500000);

    DeskView view;
    view.last_error = producer_auth_problem;
    auto copy_replica = [&] {
        if (replica.seq() < 0)
            return;
        view.questions = replica.questions();
        view.suggested = replica.suggested();
        view.programme = replica.programme();
        view.window_open = replica.window_open();
        view.floor = replica.floor();
        view.polls = replica.polls();
        view.clock_offset_ms = replica.broker_clock_offset_ms();
        view.site_counts = replica.site_counts();
        view.last_seen = replica.last_seen();
        view.seq = replica.seq();
        view.snapshot = replica.snapshot();
    };
    // The broker decides who has the floor; the producer is told, and told again when it restarted
    // (its state then says nobody).
    auto sync_floor = [&] {
        if (replica.seq() < 0 || !view.producer)
            return;
        const auto playing = view.producer->value("floor", nlohmann::json());
        const std::string has = playing.is_object() ? playing.value("site", "") : "";
        const std::string wanted = replica.floor().site;
        if (has == wanted)
            return;
        const auto command = "floor " + (wanted.empty() ? std::string("none") : wanted);
        auto state = producer.send(command, timeout);
        if (state)
            view.producer = state;
        if (auto error = error_in_words(state, "producer (" + command + ")"); !error.empty()) {
            view.last_error = error;
            spdlog::warn("{}", error);
        }
    };
    // A show of hands' results go on the slides stream once, when it closes (recordings and any player
    // show them), and come off when the moderator moves on; a programme step replaces them meanwhile.
    std::int64_t card_shown_for = 0;
    auto sync_poll_card = [&] {
        if (replica.seq() < 0 || !view.producer)
            return;
        const auto* current = qa::current_poll(replica.polls());
        const bool results = current && current->state == qa::PollState::closed;
        std::string command;
        if (results && card_shown_for != current->id)
            command = "poll-card " + qa::to_json(*current).dump();
        else if (!results && view.producer->value("poll_card", false))
            command = "poll-card none";
        if (command.empty())
            return;
        auto state = producer.send(command, timeout);
        if (state)
            view.producer = state;
        if (auto error = error_in_words(state, "producer (show of hands results)"); !error.empty()) {
            view.last_error = error;
            spdlog::warn("{}", error);
        } else if (results) {
            card_shown_for = current->id;
        }
    };
    auto publish = [&] {
        copy_replica();
        sync_floor();
        sync_poll_card();
        m_on_change(view);
    };

    auto next_check = std::chrono::steady_clock::now();
    while (!stop.stop_requested()) {
        std::deque<Action> actions;
        {
            std::lock_guard lock(m_mutex);
            actions.swap(m_actions);
        }
        for (auto& action : actions) {
            if (auto* request = std::get_if<qa::Json>(&action)) {
                const auto cmd = request->value("cmd", "");
                view.last_error = error_in_words(broker.request(*request, timeout, 2), cmd);
            } else {
                const auto step = std::get<qa::ProgrammeStep>(action);
                const auto commands = commands_for(step);
                // Each room's banner first, then the picture: a late producer must not hold the rooms back.
                auto errors = error_in_words(broker.request(qa::requests::step(step), timeout, 2), "programme step");
                if (commands.open_questions && errors.empty() && !replica.window_open())
                    errors = error_in_words(broker.request(qa::requests::window(true), timeout, 2), "opening questions");
                auto state = producer.send(commands.producer, timeout);
                if (state)
                    view.producer = state;
                const auto producer_error = error_in_words(state, "producer (" + commands.producer + ")");
                view.last_error = errors.empty() ? producer_error
                                                 : producer_error.empty() ? errors : errors + "; " + producer_error;
                if (!view.last_error.empty())
                    spdlog::warn("{}", view.last_error);
            }
            replica.poll(0ms);  // what the action changed, when it has already been published
            publish();
        }

        if (replica.poll(100ms) > 0)
            publish();
        // Once a second: the broker's health (a ping, or the first snapshot while there is none), the
        // producer's state and the relay's statistics.
        if (std::chrono::steady_clock::now() >= next_check) {
            const auto pong = broker.request(qa::requests::ping(), 500ms, 1);
            view.broker_connected = pong && qa::is_ok(*pong) && (replica.seq() >= 0 || replica.resync());
            view.producer = producer.send("state", 500ms);
            view.relay = relay_stats(relay);
            publish();
            next_check = std::chrono::steady_clock::now() + 1s;
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, stop, 10ms, [this] { return !m_actions.empty(); });
    }
}

}  // namespace estrade::moderator
