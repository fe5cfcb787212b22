#pragma once
// The moderator console's link to the event, on its own thread: the question broker (as the moderator,
// through a replica like every room's — snapshot once, then numbered updates; the fair order and the
// per-site counts computed from it), the producer's control socket, and the relay's statistics.
// Actions are queued to it; what it sees is handed over as a plain copy (DeskView), which the Qt side
// posts to its own thread.

#include "programme.hpp"

#include "config/event.hpp"
#include "qa/connection.hpp"
#include "qa/poll.hpp"
#include "qa/question.hpp"
#include "qa/question_queue.hpp"

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <stop_token>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

namespace estrade::moderator {

struct DeskView {
    bool broker_connected = false;
    std::map<std::int64_t, qa::Question> questions;
    std::vector<std::int64_t> suggested;  // waiting questions, fair order (the broker's)
    std::optional<qa::Programme> programme;  // the broker's current step (with the speaker's details)
    bool window_open = true;
    qa::Floor floor;  // which room may speak (the broker's)
    std::map<std::int64_t, qa::Poll> polls;  // the show of hands (the broker's)
    std::int64_t clock_offset_ms = 0;        // the broker's clock minus this PC's
    std::map<std::string, qa::SiteCounts> site_counts;
    std::map<std::string, std::int64_t> last_seen;  // site → when the broker last heard it (ms since epoch)
    std::optional<nlohmann::json> producer;  // the producer's state (with "floor"); nothing while it does not answer
    nlohmann::json relay;                    // the relay's /stats; null while it does not answer
    std::string last_error;                  // why the last action failed, in words ("" when it worked)
    std::int64_t seq = -1;
    qa::Json snapshot;  // the replica in the broker's snapshot shape (for the follow-up report); null before it
};

struct DeskSettings {
    const config::Event* event = nullptr;
    qa::ClientAuth auth;        // the moderator's
    std::string producer_control;  // default: the event's [producer] control_url
    std::chrono::milliseconds request_timeout{1500};
};

class DeskChannel {
public:
    DeskChannel(DeskSettings settings, std::function<void(const DeskView&)> on_change);
    ~DeskChannel() = default;
    DeskChannel(const DeskChannel&) = delete;
    DeskChannel& operator=(const DeskChannel&) = delete;

    // A moderator request to the broker (pick, answered, dismiss, merge, edit, window...).
    void request(qa::Json request);
    // A programme step: the producer's card and the broker's step (and questions opened for a questions step).
    void go_to(qa::ProgrammeStep step);

private:
    using Action = std::variant<qa::Json, qa::ProgrammeStep>;
    void post(Action action);
    void run(std::stop_token stop);

    DeskSettings m_settings;
    std::function<void(const DeskView&)> m_on_change;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Action> m_actions;
    std::jthread m_thread;  // last: stopped and joined before anything it uses goes away
};

}  // namespace estrade::moderator
