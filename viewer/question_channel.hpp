#pragma once
// A room's end of the question channel, on its own thread: asks (journaled first, so nothing typed is
// lost, and resent when the channel comes back), votes, and a replica of the queue and the programme.
// It never touches the screen: each change is handed over as a plain copy (ChannelView) through a
// callback, which the Qt side posts to its own thread.

#include "room_state.hpp"

#include "config/event.hpp"
#include "qa/connection.hpp"
#include "qa/journal.hpp"
#include "qa/poll.hpp"
#include "qa/question.hpp"

#include <condition_variable>
#include <stop_token>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace estrade::viewer {

struct ChannelView {
    bool connected = false;
    std::string problem;  // in words, while not connected: "question channel unreachable — retrying"
    std::map<std::int64_t, qa::Question> questions;
    std::optional<qa::Programme> programme;  // nothing until the first snapshot
    bool window_open = true;
    qa::Floor floor;  // which room may speak now
    std::vector<PendingQuestion> pending;  // typed here, not acknowledged yet
    std::string last_refusal;              // why the last question was refused ("" when none)
    std::map<std::int64_t, qa::Poll> polls;  // the show of hands
    std::string poll_refusal;                // why this room's last count was refused ("" when none)
    std::int64_t clock_offset_ms = 0;        // the broker's clock minus this PC's
    std::int64_t seq = -1;
};

struct ChannelSettings {
    const config::Event* event = nullptr;
    std::string site;
    qa::ClientAuth auth;  // from the keys folder (qa::client_auth_from) or from a join file
    std::filesystem::path journal;  // this room's journal (SQLite); survives a crash of the viewer
    std::chrono::milliseconds request_timeout{1500};
};

class QuestionChannel {
public:
    QuestionChannel(ChannelSettings settings, std::function<void(const ChannelView&)> on_change);
    ~QuestionChannel() = default;
    QuestionChannel(const QuestionChannel&) = delete;
    QuestionChannel& operator=(const QuestionChannel&) = delete;

    void ask(std::string text, std::string name);
    void vote(std::int64_t question);
    void withdraw(std::int64_t question);
    // Asks to speak (not journaled: a request to speak made while the channel is away is moot when it is back).
    void ask_aloud(std::string text, std::string name);
    // Gives the floor back to the moderator, when this room holds it.
    void hand_back_floor();
    // This room's count of hands, journaled like a question: sent when the channel is back, if still open.
    void answer_poll(std::int64_t poll, std::vector<int> counts);

private:
    struct Action {
        enum class Kind { vote, withdraw, aloud, hand_back } kind;
        std::int64_t question = 0;
        std::string text;
        std::string name;
    };

    void post(Action action);
    void run(std::stop_token stop);

    ChannelSettings m_settings;
    std::function<void(const ChannelView&)> m_on_change;
    // The caller's own connection to the journal file: a question is on disk before ask() returns, so
    // neither a crash nor a slow channel can lose it. The thread has its own.
    qa::Journal m_typed;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Action> m_actions;
    bool m_asked = false;  // the journal has something new to send
    std::jthread m_thread;  // last: stopped and joined before anything it uses goes away
};

}  // namespace estrade::viewer
