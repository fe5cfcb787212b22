#pragma once
// The question broker: one loop owns the queue and its store; sites and the moderator send
// requests on a ROUTER socket, every change is published, numbered, on a PUB socket (Clone pattern).

#include "config/event.hpp"
#include "keys.hpp"
#include "metrics.hpp"
#include "protocol.hpp"
#include "question_queue.hpp"
#include "question_store.hpp"
#include "zap.hpp"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace estrade::qa {

using BrokerAuth = ServerAuth;

struct TalkSummary {
    std::string speaker;
    std::string role;
    std::string organisation;
    std::string title;
};

struct BrokerOptions {
    std::string listen;
    std::string publish;
    BrokerAuth auth;
    QueueRules rules;
    PollRules poll_rules;
    std::vector<TalkSummary> talks;
    std::filesystem::path database;
    Database::Durability durability = Database::Durability::power_loss;
    std::chrono::milliseconds heartbeat{1000};
    int max_batch = 256;  // requests committed together in one transaction
};

// Reads the keys the event file points to; throws std::runtime_error saying which file is missing.
BrokerOptions broker_options_from(const config::Event& event);

// For a service manager: when `reload` is set (SIGHUP), `reread` gives the event file's options again
// (nothing: a broken file, the running ones are kept); `alive` is called at least every heartbeat (the
// systemd watchdog).
struct BrokerHooks {
    std::atomic<bool>* reload = nullptr;
    std::function<std::optional<BrokerOptions>()> reread;
    std::function<void()> alive;
};

class Broker {
public:
    Broker(zmq::context_t& context, BrokerOptions options);

    // The endpoints actually bound (a "*" port resolved), for tests and logs.
    std::string request_endpoint() const;
    std::string publish_endpoint() const;
    // For /metrics and /health: a copy the loop refreshes once a second (any thread may call this).
    BrokerStats stats() const;

    // Serves until `stop` becomes true (checked at least every heartbeat).
    void run(const std::atomic<bool>& stop, const BrokerHooks& hooks = {});
    // Sites added or removed, their keys, the cap, approval, seats, the talks: from now on, without
    // dropping anyone. Listening addresses and the database need a restart (said in the log). Returns
    // what changed, in words.
    std::string reload(BrokerOptions options);

private:
    struct Pending {
        std::vector<zmq::message_t> envelope;  // routing id, and the empty delimiter of a REQ client
        std::string caller;
        std::string request_id;
        Json reply;
        bool store_reply = false;
        std::string command;  // for the request counters ("?" when it could not be read)
        std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
    };
    void refresh_stats();

    void handle_requests();
    // Closes a show of hands whose time is up, and publishes it like a request's change.
    void expire_polls();
    void publish_committed(std::vector<Pending>& batch);
    void process(std::vector<zmq::message_t>& frames, std::vector<Pending>& batch);
    Json apply(const Caller& caller, const Request& request);
    void record_changes(Json& reply);
    Json snapshot(const std::string& request_id, const Caller& caller) const;
    Json apply_poll(const Caller& caller, const Request& request);
    Json programme_json() const;
    void commit(std::vector<Pending>& batch);
    void send_reply(Pending& pending);
    void publish(const Json& update);
    void restore_from_store();

    BrokerOptions m_options;
    QuestionStore m_store;
    QuestionQueue m_queue;
    PollBook m_polls;
    std::map<std::pair<std::string, std::string>, std::string> m_replies;
    std::int64_t m_seq = 0;
    std::map<std::string, std::int64_t> m_last_seen;  // by site: the last request it sent (ms since epoch)
    std::map<std::string, std::int64_t> m_seen_since_beat;  // sent with the next heartbeat, then cleared
    std::vector<Json> m_unpublished;  // updates of the batch being processed, published after commit
    std::vector<std::int64_t> m_dirty_questions;
    bool m_dirty_step = false;
    bool m_dirty_window = false;
    bool m_dirty_floor = false;
    std::vector<std::int64_t> m_dirty_polls;
    BrokerStats m_counting;  // the loop's own counters; copied for readers by refresh_stats
    mutable std::mutex m_stats_mutex;
    BrokerStats m_stats;
    ZapHandler m_zap;
    zmq::socket_t m_router;
    zmq::socket_t m_publisher;
    HandshakeLog m_router_handshakes{m_router, "question broker"};
    HandshakeLog m_publisher_handshakes{m_publisher, "question broker (updates)"};
};

}  // namespace estrade::qa
