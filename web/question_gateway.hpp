#pragma once
// The browser gateway's end of the question channel, on its own thread: a replica of the queue (followed
// as the `web` site, like a room's), and each site's questions sent with that site's own key, through its
// journal — written before the page gets an answer, resent when the broker is back, never twice: the same
// guarantees as a room. HTTP threads call ask/vote and read copies; only this thread touches ZeroMQ.

#include "page_state.hpp"

#include "config/event.hpp"
#include "qa/protocol.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace estrade::web {

struct Outcome {
    enum class Kind { accepted, kept, refused };
    Kind kind = Kind::kept;
    std::int64_t question = 0;  // accepted asks
    std::string code;           // refused: the broker's code
    std::string reason;         // refused: in words
};

class QuestionGateway {
public:
    QuestionGateway(const config::Event& event, std::filesystem::path journals,
                    std::chrono::milliseconds answer_within = std::chrono::milliseconds(3000));
    ~QuestionGateway() = default;
    QuestionGateway(const QuestionGateway&) = delete;
    QuestionGateway& operator=(const QuestionGateway&) = delete;

    // In the site's journal before this returns; `kept` when the broker did not answer in time (it is sent
    // when the broker is back).
    Outcome ask(const std::string& site, const std::string& text, const std::string& name);
    Outcome vote(const std::string& site, std::int64_t question);
    // A browser participant's hand in a show of hands (`choice`: the answer's index, or -1 for none),
    // journaled like a question.
    Outcome answer_poll(const std::string& site, std::int64_t poll, int choice, int choices,
                        const std::string& participant);

    ReplicaCopy replica() const;
    std::vector<PendingAsk> pending(const std::string& site) const;
    // Returns once the replica's state differs from `seen` (its seq or its connection), or after `timeout`.
    std::int64_t wait_for_change(std::int64_t seen, bool seen_connected, std::chrono::milliseconds timeout) const;

private:
    struct Outgoing {
        std::string site;
        qa::Json request;  // a vote; asks go through the journal
    };
    void run(std::stop_token stop);
    Outcome wait_for_reply(const std::string& request_id);
    std::filesystem::path journal_of(const std::string& site) const;

    const config::Event& m_event;
    std::filesystem::path m_journals;
    std::chrono::milliseconds m_answer_within;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;            // the channel thread: something to send
    mutable std::condition_variable m_changed;     // HTTP threads: a reply, or a new state
    std::deque<Outgoing> m_outgoing;
    std::vector<std::string> m_asked_sites;        // journals with something new
    std::map<std::string, qa::Json> m_replies;     // request id → the broker's reply
    ReplicaCopy m_copy;
    std::map<std::string, std::vector<PendingAsk>> m_pending;
    std::jthread m_thread;  // last: stopped and joined before anything it uses goes away
};

}  // namespace estrade::web
