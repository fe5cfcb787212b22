#pragma once
// The SRT fan-out server: one epoll loop owns every stream and every connection. The producer
// (or an upstream relay) publishes each stream once; every site plays it with its own key.

#include "config/event.hpp"
#include "srt/handles.hpp"
#include "stream_buffer.hpp"
#include "srt/stream_id.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace estrade::relay {

struct UpstreamOptions {
    config::HostPort address;
    std::string site;  // plays upstream as this site...
    std::string passphrase;  // ...with its passphrase
    std::vector<std::string> streams;
    // A stream that was flowing and stops for this long means the upstream is gone: reconnect. libsrt
    // alone takes ~5 s (its peer-idle check needs 16 expirations of a timer of at least 300 ms, whatever
    // SRTO_PEERIDLETIMEO says), during which every downstream site sees a frozen picture.
    int idle_timeout_ms = 1500;
};

struct RelayOptions {
    config::HostPort listen{"0.0.0.0", 0};
    std::string event_id;
    int latency_ms = 120;
    int max_lag_ms = 1000;
    std::string producer_passphrase;
    std::map<std::string, std::string> site_passphrases;  // site id → passphrase
    std::optional<UpstreamOptions> upstream;
    std::size_t buffer_messages = 4096;  // per stream: ~5 MB, 10 s at 4 Mbit/s
    bool encryption = true;              // false only for benchmarks: no passphrase at all
};

RelayOptions relay_options_from(const config::Event& event);

// What /stats shows: plain data, copied out of the loop once a second.
struct SubscriberStats {
    std::string site;
    std::string stream;
    std::int64_t connected_since_ms = 0;  // wall clock
    double rtt_ms = 0;
    std::int64_t lost = 0;
    std::int64_t retransmitted = 0;
    std::int64_t send_drops = 0;      // too late to send: the site never got them
    std::int64_t packets_sent = 0;    // first sends, for a loss rate
    std::int64_t keyframe_skips = 0;
    std::uint64_t bytes = 0;
    double mbps = 0;
};

struct StreamStats {
    std::string name;
    bool publishing = false;
    std::string publisher;  // "producer", or "upstream"
    std::int64_t publisher_since_ms = 0;
    std::uint64_t bytes = 0;
    std::uint64_t keyframes = 0;
    double mbps = 0;
    std::int64_t lost = 0;     // reported lost by SRT, most then recovered
    std::int64_t dropped = 0;  // never recovered in time: a hole in the stream
    std::size_t subscribers = 0;
};

struct RelayStats {
    std::vector<StreamStats> streams;
    std::vector<SubscriberStats> subscribers;
    std::int64_t rejected = 0;
    Clock::time_point refreshed{};  // by the loop, once a second: /health says the loop is turning
};

// What a service manager needs from the loop: when `reload` is set (SIGHUP), `reread` gives the event
// file's options again, and the sites' keys are replaced (a broken file returns nothing: the old ones
// stay); `alive` is called at least every 100 ms (the systemd watchdog).
struct RelayHooks {
    std::atomic<bool>* reload = nullptr;
    std::function<std::optional<RelayOptions>()> reread;
    std::function<void()> alive;
};

// Threads: one loop (run()'s thread, a turn every 10 ms: new connections, slow sites, upstreams,
// statistics) and one reader per publisher, which every 5 ms takes the messages that are due and sends
// them on to every site (a room's microphone: each message as it comes). They share the state below
// under one mutex. The loop does not wait in libsrt's epoll: every acknowledgement any site sends
// wakes whoever waits there (libsrt's global epoll event), two thousand times a second at 20 sites
// (docs/relay.md#threads).
class RelayServer {
public:
    explicit RelayServer(RelayOptions options);
    ~RelayServer();

    std::uint16_t port() const { return m_port; }
    void run(const std::atomic<bool>& stop, const RelayHooks& hooks = {});
    // Sites added, removed, or with a new passphrase take effect without dropping anyone else: a removed
    // site's connections and those of a site whose passphrase changed are closed (the old key stops
    // working); new connections use the new keys. Returns a line saying what changed. Loop thread only
    // (with the state lock held).
    std::string update_keys(const RelayOptions& options);
    RelayStats stats() const;

private:
    struct Subscriber {
        std::string site;
        std::uint64_t next = 0;
        bool blocked = false;         // SRT's send buffer was full: wait for SRT_EPOLL_OUT
        bool send_tables = false;     // PAT + PMT go first after a (re)start at a keyframe
        bool wait_keyframe = false;   // skipped ahead: nothing until the next keyframe
        bool catching_up = false;     // over max_lag queued in SRT: feed nothing until it drains
        std::int64_t connected_since_ms = 0;
        std::int64_t keyframe_skips = 0;
        std::uint64_t bytes = 0;
    };
    struct Stream {
        explicit Stream(std::size_t capacity) : buffer(capacity) {}
        StreamBuffer buffer;
        TsInspector inspector;
        std::optional<std::uint64_t> keyframe;  // seq of the message where the newest keyframe begins
        std::uint64_t last_pes_start = 0;
        std::vector<std::uint8_t> tables;       // PAT + PMT as of that keyframe
        SRTSOCKET publisher = SRT_INVALID_SOCK;
        std::string publisher_kind;
        std::int64_t publisher_since_ms = 0;
        std::vector<SRTSOCKET> subscribers;
        std::uint64_t bytes = 0;
        std::uint64_t keyframes = 0;
    };
    enum class Role { publisher, subscriber, upstream };
    struct Connection {
        srt::Socket socket;
        Role role;
        std::string stream;
        Subscriber subscriber;  // when role == subscriber
    };
    struct Upstream {
        std::string stream;
        SRTSOCKET socket = SRT_INVALID_SOCK;  // owned by m_connections while connecting or connected
        bool connected = false;
        Clock::time_point connected_at;
        Clock::time_point retry_at;
        std::chrono::milliseconds backoff{500};
    };

    static int on_listen(void* self, SRTSOCKET socket, int hs_version, const sockaddr* peer, const char* stream_id);
    int authorise(SRTSOCKET socket, int hs_version, const sockaddr* peer, const char* stream_id);
    void log_refusal(const std::string& peer, const std::string& stream_id, const std::string& reason, int code);

    // How often a publisher's reader takes what is due (docs/relay.md#threads): batches of
    // about two messages at 4 Mbit/s, for at most this much added delay.
    static constexpr std::chrono::milliseconds publisher_read_interval{5};
    struct Reader {
        SRTSOCKET socket = SRT_INVALID_SOCK;
        std::atomic<bool> finished{false};
        std::thread thread;
    };

    void loop_turn(std::vector<SRT_EPOLL_EVENT>& events, int ready);
    void accept_one();
    void attach_publisher(SRTSOCKET socket, const srt::StreamId& id, Role role);
    void attach_subscriber(SRTSOCKET socket, const srt::StreamId& id);
    void start_reader(SRTSOCKET socket);
    void read_in_batches(Reader& reader);
    void reap_readers(bool all);
    void store(Connection& connection, std::span<const std::uint8_t> message);
    void pump(SRTSOCKET socket, Subscriber& subscriber, Stream& stream);
    bool lagging(const Subscriber& subscriber, const Stream& stream) const;
    void skip_ahead(Subscriber& subscriber, Stream& stream);
    void resume_at_keyframe(Subscriber& subscriber, Stream& stream);
    void close(SRTSOCKET socket, const char* why);
    static std::string upstream_failure(SRTSOCKET socket);
    void connect_upstreams();
    void check_lagging_sites();
    void refresh_stats();
    Stream& stream(const std::string& name);

    RelayOptions m_options;
    srt::Library m_library;
    // Everything below that the loop and the readers share; the keys and stats have their own locks.
    std::mutex m_state;
    std::vector<std::unique_ptr<Reader>> m_readers;
    std::atomic<bool> m_stopping{false};
    srt::Socket m_listener;
    srt::Epoll m_epoll;
    std::uint16_t m_port = 0;
    std::unordered_map<SRTSOCKET, Connection> m_connections;
    std::map<std::string, std::unique_ptr<Stream>> m_streams;
    std::vector<Upstream> m_upstreams;

    // Read by the listen callback on libsrt's receive thread: the keys (m_options' producer_passphrase and
    // site_passphrases, replaced by a reload), and which streams exist.
    mutable std::mutex m_keys_mutex;
    mutable std::mutex m_published_mutex;
    std::set<std::string> m_published;
    std::atomic<std::int64_t> m_rejected{0};
    struct RefusalLog {
        Clock::time_point last;
        int suppressed = 0;
    };
    std::mutex m_refusal_log_mutex;
    std::unordered_map<std::string, RefusalLog> m_refusal_log;  // by caller host and stream id

    mutable std::mutex m_stats_mutex;
    RelayStats m_stats;
};

}  // namespace estrade::relay
