#include "desk_channel.hpp"

#include "producer_control.hpp"

#include "qa/protocol.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace estrade::moderator {

using namespace std::chrono_literals;

DeskChannel::DeskChannel(DeskSettings settings, std::function<void(const DeskView&)> on_change)
    : m_settings(std::move(settings)), m_on_change(std::move(on_change))
{
    if (m_settings.producer_control.empty())
        m_settings.producer_control = m_settings.event->producer.control_url;
    m_thread = std::thread([this] { run(); });
}

DeskChannel::~DeskChannel()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void DeskChannel::request(qa::Json request)
{
    {
        std::lock_guard lock(m_mutex);
        m_actions.emplace_back(std::move(request));
    }
    m_wake.notify_all();
}

void DeskChannel::go_to(qa::ProgrammeStep step)
{
    {
        std::lock_guard lock(m_mutex);
        m_actions.emplace_back(step);
    }
    m_wake.notify_all();
}

namespace {

std::string error_in_words(const std::optional<qa::Json>& reply, const std::string& what)
{
    if (!reply)
        return what + ": no answer";
    if (reply->value("ok", false))
        return {};
    if (reply->contains("error") && (*reply)["error"].is_object())
        return what + ": " + (*reply)["error"].value("reason", std::string("refused"));
    if (reply->contains("error") && (*reply)["error"].is_string())
        return what + ": " + (*reply)["error"].get<std::string>();
    return what + ": refused";
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

void DeskChannel::run()
{
    const auto& event = *m_settings.event;
    const auto timeout = m_settings.request_timeout;
    zmq::context_t context;
    qa::QaConnection broker(context, event.qa.url, m_settings.auth);
    zmq::socket_t updates(context, zmq::socket_type::sub);
    updates.set(zmq::sockopt::linger, 0);
    qa::apply_client_security(updates, m_settings.auth);
    updates.set(zmq::sockopt::subscribe, "");
    updates.connect(event.qa.publish_url);
    ProducerControl producer(context, m_settings.producer_control);
    const auto stats = event.relay.stats_listen;
    httplib::Client relay(stats.host == "0.0.0.0" ? "127.0.0.1" : stats.host, stats.port);
    relay.set_connection_timeout(0, 300000);
    relay.set_read_timeout(0, 500000);

    DeskView view;
    auto snapshot = [&] {
        const auto reply = broker.request(qa::Json{{"cmd", "snapshot"}}, timeout, 1);
        view.broker_connected = reply && reply->value("ok", false);
        if (!view.broker_connected)
            return;
        view.questions.clear();
        for (const auto& q : (*reply)["questions"])
            view.questions[q["id"].get<std::int64_t>()] = qa::question_from_json(q);
        view.suggested = (*reply)["suggested"].get<std::vector<std::int64_t>>();
        view.programme = (*reply)["programme"];
        view.window_open = reply->value("window_open", true);
        view.sites = (*reply)["sites"];
        view.seq = (*reply)["seq"].get<std::int64_t>();
        view.snapshot = *reply;
    };
    auto publish = [&] { m_on_change(view); };

    auto next_poll = std::chrono::steady_clock::now();
    while (!m_stopping) {
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
                auto errors = error_in_words(broker.request(commands.broker, timeout, 2), "programme step");
                if (commands.open_questions && errors.empty() && !view.window_open)
                    errors = error_in_words(broker.request(qa::Json{{"cmd", "window"}, {"open", true}}, timeout, 2),
                                            "opening questions");
                auto state = producer.send(commands.producer, timeout);
                if (state)
                    view.producer = state;
                const auto producer_error = error_in_words(state, "producer (" + commands.producer + ")");
                view.last_error = errors.empty() ? producer_error
                                                 : producer_error.empty() ? errors : errors + "; " + producer_error;
                if (!view.last_error.empty())
                    spdlog::warn("{}", view.last_error);
            }
            snapshot();
            publish();
        }

        // An update on the channel: take a snapshot now (the fair order changes with it).
        zmq::pollitem_t item{updates.handle(), 0, ZMQ_POLLIN, 0};
        bool changed = false;
        if (zmq::poll(&item, 1, 100ms) > 0) {
            zmq::message_t message;
            while (updates.recv(message, zmq::recv_flags::dontwait)) {
                const auto update = qa::Json::parse(message.to_string_view(), nullptr, false);
                if (update.is_object() && update.value("kind", "") != "heartbeat" &&
                    update.value("seq", std::int64_t{-1}) > view.seq)
                    changed = true;
            }
        }
        if (changed) {
            snapshot();
            publish();
        }
        if (std::chrono::steady_clock::now() >= next_poll) {
            snapshot();
            view.producer = producer.send("state", 500ms);
            view.relay = relay_stats(relay);
            publish();
            next_poll = std::chrono::steady_clock::now() + 1s;
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, 10ms, [this] { return m_stopping || !m_actions.empty(); });
    }
}

}  // namespace estrade::moderator
