#include "relay_server.hpp"

#include <spdlog/spdlog.h>
#include <srt/access_control.h>

#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <array>
#include <thread>
#include <optional>
#include <cstring>

namespace estrade::relay {

namespace {

using srt::producer_user;
// Streams a site may ask for before the producer has started: it waits, connected, for the picture.
// Streams a site may wait for before the producer publishes them.
const std::set<std::string> standard_streams{"speaker", "slides", "return"};
// A room's microphone while it holds the floor (docs/relay.md#the-floor): published by that room only,
// played by the producer only.
using srt::room_stream_prefix;

std::optional<std::string> room_of(const std::string& stream)
{
    if (stream.size() <= room_stream_prefix.size() || stream.compare(0, room_stream_prefix.size(), room_stream_prefix) != 0)
        return std::nullopt;
    return stream.substr(room_stream_prefix.size());
}

std::int64_t wall_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string peer_text(const sockaddr* peer)
{
    char host[INET6_ADDRSTRLEN + 8] = "?";
    char port[8] = "";
    if (peer)
        getnameinfo(peer, peer->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in), host, sizeof host,
                    port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV);
    return std::string(host) + ":" + port;
}

sockaddr_storage resolve(const config::HostPort& address)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* result = nullptr;
    const std::string port = std::to_string(address.port);
    if (getaddrinfo(address.host.c_str(), port.c_str(), &hints, &result) != 0 || !result)
        throw srt::Error("cannot resolve " + address.to_string());
    sockaddr_storage storage{};
    std::memcpy(&storage, result->ai_addr, result->ai_addrlen);
    freeaddrinfo(result);
    return storage;
}

int address_length(const sockaddr_storage& address)
{
    return address.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
}

void set_live_options(srt::Socket& socket, int latency_ms)
{
    socket.set(SRTO_RCVSYN, false);
    socket.set(SRTO_SNDSYN, false);
    socket.set(SRTO_LATENCY, latency_ms);
}

}  // namespace

RelayOptions relay_options_from(const config::Event& event)
{
    RelayOptions options;
    options.listen = event.relay.listen;
    options.event_id = event.event.id;
    options.latency_ms = event.relay.latency_ms;
    options.max_lag_ms = event.relay.max_lag_ms;
    options.producer_passphrase = event.producer.passphrase;
    for (const auto& site : event.sites)
        options.site_passphrases[site.id] = site.passphrase;
    if (event.relay.upstream) {
        UpstreamOptions upstream;
        upstream.address = *event.relay.upstream;
        upstream.site = event.relay.upstream_site;
        upstream.passphrase = event.find_site(upstream.site)->passphrase;
        upstream.streams = event.relay.upstream_streams;
        options.upstream = upstream;
    }
    return options;
}

RelayServer::RelayServer(RelayOptions options) : m_options(std::move(options))
{
    m_listener = srt::Socket::create();
    set_live_options(m_listener, m_options.latency_ms);
    const auto address = resolve(m_options.listen);
    if (srt_bind(m_listener.get(), reinterpret_cast<const sockaddr*>(&address), address_length(address)) == SRT_ERROR)
        throw srt::Error("cannot listen on " + m_options.listen.to_string() + ": " + srt::last_error());
    if (srt_listen_callback(m_listener.get(), &RelayServer::on_listen, this) == SRT_ERROR ||
        srt_listen(m_listener.get(), 128) == SRT_ERROR)
        throw srt::Error("srt_listen: " + srt::last_error());
    sockaddr_storage bound{};
    int length = sizeof bound;
    srt_getsockname(m_listener.get(), reinterpret_cast<sockaddr*>(&bound), &length);
    m_port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                               : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    m_epoll.add(m_listener.get(), SRT_EPOLL_IN | SRT_EPOLL_ERR);
    if (m_options.upstream)
        for (const auto& name : m_options.upstream->streams)
            m_upstreams.push_back(Upstream{name, SRT_INVALID_SOCK, false, {}, Clock::now(), std::chrono::milliseconds(500)});
    spdlog::info("relay: listening on SRT port {} for event {}, latency {} ms", m_port, m_options.event_id,
                 m_options.latency_ms);
}

RelayServer::~RelayServer()
{
    // Sockets close before the library: m_connections and m_listener are destroyed before m_library.
    reap_readers(true);
    m_connections.clear();
    m_listener.reset();
}

int RelayServer::on_listen(void* self, SRTSOCKET socket, int hs_version, const sockaddr* peer, const char* stream_id)
{
    return static_cast<RelayServer*>(self)->authorise(socket, hs_version, peer, stream_id);
}

// Runs on libsrt's receive thread, during the handshake: decide, set this connection's key, return.
int RelayServer::authorise(SRTSOCKET socket, int hs_version, const sockaddr* peer, const char* stream_id)
{
    auto reject = [&](int code, const std::string& reason) {
        srt_setrejectreason(socket, code);
        ++m_rejected;
        log_refusal(peer_text(peer), stream_id ? stream_id : "", reason, code);
        return -1;
    };
    if (hs_version < 5)
        return reject(SRT_REJX_VERSION, "SRT 1.3 or later is needed (a stream id)");
    auto parsed = srt::parse_stream_id(stream_id ? stream_id : "");
    if (auto* error = std::get_if<srt::StreamIdError>(&parsed))
        return reject(error->reject_code, error->reason);
    const auto& id = std::get<srt::StreamId>(parsed);
    if (id.event != m_options.event_id)
        return reject(SRT_REJX_NOTFOUND, "no event \"" + id.event + "\" on this relay");
    std::string passphrase;
    const auto room = room_of(id.stream);
    bool known_room = false;
    {
        std::lock_guard keys(m_keys_mutex);
        if (id.user == producer_user) {
            passphrase = m_options.producer_passphrase;
        } else {
            auto site = m_options.site_passphrases.find(id.user);
            if (site == m_options.site_passphrases.end())
                return reject(SRT_REJX_UNAUTHORIZED, "unknown site \"" + id.user + "\"");
            passphrase = site->second;
        }
        known_room = room && m_options.site_passphrases.count(*room);
    }
    if (id.mode == srt::StreamMode::publish) {
        // The producer publishes the programme; a room publishes its own microphone, nothing else.
        if (id.user != producer_user && room != id.user)
            return reject(SRT_REJX_FORBIDDEN, "site \"" + id.user + "\" may publish only " + m_options.event_id +
                                                  "/room-" + id.user);
        if (id.user == producer_user && room)
            return reject(SRT_REJX_FORBIDDEN, "a room's stream is published by that room, not by the producer");
    } else {
        if (room && id.user != producer_user)
            return reject(SRT_REJX_FORBIDDEN, "only the producer may play a room's stream");
        std::lock_guard lock(m_published_mutex);
        if (!standard_streams.count(id.stream) && !known_room && !m_published.count(id.stream))
            return reject(SRT_REJX_NOTFOUND, "no stream \"" + id.resource() + "\"");
    }
    // One key per connection: this site's passphrase opens this connection only.
    if (m_options.encryption &&
        srt_setsockflag(socket, SRTO_PASSPHRASE, passphrase.data(), static_cast<int>(passphrase.size())) == SRT_ERROR)
        return reject(SRT_REJX_ISE, "cannot set the passphrase: " + srt::last_error());
    return 0;
}

// One line per refusal, but a caller that retries every few milliseconds (srt-live-transmit does) gets
// one line per 10 s with a count, so the log stays readable during an event.
void RelayServer::log_refusal(const std::string& peer, const std::string& stream_id, const std::string& reason,
                              int code)
{
    const auto host = peer.substr(0, peer.rfind(':'));
    std::lock_guard lock(m_refusal_log_mutex);
    auto& entry = m_refusal_log[host + " " + stream_id];
    const auto now = Clock::now();
    if (entry.last != Clock::time_point{} && now - entry.last < std::chrono::seconds(10)) {
        ++entry.suppressed;
        return;
    }
    if (entry.suppressed > 0)
        spdlog::warn("relay: refused {} \"{}\": {} ({}); {} more refusals in the last 10 s", peer, stream_id, reason,
                     code, entry.suppressed);
    else
        spdlog::warn("relay: refused {} \"{}\": {} ({})", peer, stream_id, reason, code);
    entry = {now, 0};
}

std::string RelayServer::update_keys(const RelayOptions& options)
{
    for (const auto& [what, changed] : {std::pair{"event id", options.event_id != m_options.event_id},
                                        std::pair{"listen", options.listen.to_string() != m_options.listen.to_string()},
                                        std::pair{"latency_ms", options.latency_ms != m_options.latency_ms}})
        if (changed)
            spdlog::warn("relay: reload: {} changed; it takes effect when the relay is restarted", what);
    std::vector<std::string> added, removed, rekeyed;
    {
        std::lock_guard keys(m_keys_mutex);
        for (const auto& [site, passphrase] : options.site_passphrases) {
            auto before = m_options.site_passphrases.find(site);
            if (before == m_options.site_passphrases.end())
                added.push_back(site);
            else if (before->second != passphrase)
                rekeyed.push_back(site);
        }
        for (const auto& [site, passphrase] : m_options.site_passphrases)
            if (!options.site_passphrases.count(site))
                removed.push_back(site);
        m_options.site_passphrases = options.site_passphrases;
        m_options.producer_passphrase = options.producer_passphrase;
    }
    // Who used a key that no longer opens anything goes; everyone else stays connected.
    auto gone = [&](const std::string& site) {
        return std::find(removed.begin(), removed.end(), site) != removed.end() ||
               std::find(rekeyed.begin(), rekeyed.end(), site) != rekeyed.end();
    };
    std::vector<SRTSOCKET> to_close;
    for (const auto& [socket, connection] : m_connections) {
        std::string site = connection.role == Role::subscriber ? connection.subscriber.site : std::string();
        if (connection.role == Role::publisher)
            if (auto s = m_streams.find(connection.stream); s != m_streams.end())
                site = s->second->publisher_kind;
        if (!site.empty() && gone(site))
            to_close.push_back(socket);
    }
    for (auto socket : to_close)
        close(socket, "its site's key changed or it left the event file");
    auto list = [](const std::vector<std::string>& sites) {
        std::string text;
        for (const auto& s : sites)
            text += (text.empty() ? "" : ", ") + s;
        return sites.empty() ? std::string("none") : text;
    };
    return "sites added: " + list(added) + "; removed: " + list(removed) + "; new passphrase: " + list(rekeyed) +
           "; " + std::to_string(to_close.size()) + " connection(s) closed, the others kept";
}

void RelayServer::run(const std::atomic<bool>& stop, const RelayHooks& hooks)
{
    std::vector<SRT_EPOLL_EVENT> events(1024);
    auto next_stats = Clock::now();
    auto next_lag_check = Clock::now();
    while (!stop.load()) {
        if (hooks.alive)
            hooks.alive();
        // Polled, never waited on: see the class comment. A site waits at most one turn (10 ms) to be
        // taken in; the publishers' messages do not go through here.
        const int ready = srt_epoll_uwait(m_epoll.id(), events.data(), static_cast<int>(events.size()), 0);
        {
            std::lock_guard state(m_state);
            if (hooks.reload && hooks.reload->exchange(false) && hooks.reread) {
                if (auto options = hooks.reread())
                    spdlog::info("relay: event file reloaded: {}", update_keys(*options));
            }
            loop_turn(events, ready);
            connect_upstreams();
            if (Clock::now() >= next_lag_check) {
                check_lagging_sites();
                next_lag_check = Clock::now() + std::chrono::milliseconds(100);
            }
            if (Clock::now() >= next_stats) {
                refresh_stats();
                next_stats = Clock::now() + std::chrono::seconds(1);
            }
            reap_readers(false);
        }
        if (ready <= 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    reap_readers(true);
}

void RelayServer::loop_turn(std::vector<SRT_EPOLL_EVENT>& events, int ready)
{
    for (int i = 0; i < ready; ++i) {
        const SRTSOCKET socket = events[static_cast<std::size_t>(i)].fd;
        const int flags = events[static_cast<std::size_t>(i)].events;
        if (socket == m_listener.get()) {
            accept_one();
            continue;
        }
        auto it = m_connections.find(socket);
        if (it == m_connections.end())
            continue;
        Connection& connection = it->second;
        const auto up = connection.role == Role::upstream
                            ? std::find_if(m_upstreams.begin(), m_upstreams.end(),
                                           [&](const Upstream& u) { return u.socket == socket; })
                            : m_upstreams.end();
        if (flags & SRT_EPOLL_ERR) {
            const bool connecting = connection.role == Role::upstream && (up == m_upstreams.end() || !up->connected);
            close(socket, connecting ? upstream_failure(socket).c_str() : "connection closed");
            continue;
        }
        if (connection.role == Role::upstream) {
            if (up != m_upstreams.end() && !up->connected && srt_getsockstate(socket) == SRTS_CONNECTED) {
                up->connected = true;
                up->connected_at = Clock::now();
                up->backoff = std::chrono::milliseconds(500);
                m_epoll.update(socket, SRT_EPOLL_ERR);
                attach_publisher(socket, srt::StreamId{m_options.event_id, up->stream, srt::StreamMode::publish, "upstream"},
                                 Role::upstream);
            }
        }
        if ((flags & SRT_EPOLL_OUT) && connection.role == Role::subscriber) {
            connection.subscriber.blocked = false;
            m_epoll.update(socket, SRT_EPOLL_ERR);
            pump(socket, connection.subscriber, stream(connection.stream));
        }
    }
}

// A publisher's messages (the producer's speaker, slides and return; a room holding the floor; an upstream
// relay) are read by a thread of its own, in batches: every `publisher_read_interval` the reader takes what
// libsrt has ready (TSBPD releases each message at its time) and sends it on to every site. Reading each
// message as it becomes due (a blocking read) costs more than it seems: libsrt wakes its delivery thread
// twice per blocking read (before waiting and after reading), and the send thread wakes for each burst of
// sends — at 20 sites 8,200 wake-ups a second against 6,300 in batches (docs/relay.md#threads).
void RelayServer::start_reader(SRTSOCKET socket)
{
    auto reader = std::make_unique<Reader>();
    reader->socket = socket;
    reader->thread = std::thread([this, r = reader.get()] {
        read_in_batches(*r);
        r->finished = true;
    });
    m_readers.push_back(std::move(reader));
}

void RelayServer::read_in_batches(Reader& reader)
{
    std::array<std::uint8_t, 1500> message{};
    while (!m_stopping) {
        std::this_thread::sleep_for(publisher_read_interval);
        // Asked before each read, instead of reading until "nothing more": a read that finds nothing
        // wakes libsrt's delivery thread for no reason.
        int events = srt::socket_events(reader.socket);
        if (!(events & (SRT_EPOLL_IN | SRT_EPOLL_ERR)))
            continue;
        std::lock_guard state(m_state);
        auto it = m_connections.find(reader.socket);
        if (it == m_connections.end())
            return;  // closed by the loop (replaced, its key changed)
        for (; events & SRT_EPOLL_IN; events = srt::socket_events(reader.socket)) {
            const int size = srt_recvmsg2(reader.socket, reinterpret_cast<char*>(message.data()),
                                          static_cast<int>(message.size()), nullptr);
            if (size <= 0)
                break;
            store(it->second, {message.data(), static_cast<std::size_t>(size)});
        }
        if (events & SRT_EPOLL_ERR) {
            close(reader.socket, "connection closed");
            return;
        }
    }
}

void RelayServer::reap_readers(bool all)
{
    if (all)
        m_stopping = true;
    auto done = [&](const std::unique_ptr<Reader>& r) { return all || r->finished.load(); };
    for (auto& r : m_readers)
        if (done(r) && r->thread.joinable())
            r->thread.join();
    m_readers.erase(std::remove_if(m_readers.begin(), m_readers.end(), done), m_readers.end());
}

// One connection per readiness event: the epoll is level-triggered, so more pending ones come back at once.
void RelayServer::accept_one()
{
    sockaddr_storage peer{};
    int length = sizeof peer;
    const SRTSOCKET accepted = srt_accept(m_listener.get(), reinterpret_cast<sockaddr*>(&peer), &length);
    if (accepted == SRT_INVALID_SOCK)
        return;
    srt::Socket socket(accepted);
    auto parsed = srt::parse_stream_id(socket.stream_id());
    if (!std::holds_alternative<srt::StreamId>(parsed))
        return;  // authorise() already refused it; cannot happen
    const auto id = std::get<srt::StreamId>(parsed);
    const SRTSOCKET handle = socket.get();
    m_connections.emplace(handle, Connection{std::move(socket), Role::subscriber, id.stream, {}});
    if (id.mode == srt::StreamMode::publish)
        attach_publisher(handle, id, Role::publisher);
    else
        attach_subscriber(handle, id);
}

RelayServer::Stream& RelayServer::stream(const std::string& name)
{
    auto& slot = m_streams[name];
    if (!slot) {
        slot = std::make_unique<Stream>(m_options.buffer_messages);
        std::lock_guard lock(m_published_mutex);
        m_published.insert(name);
    }
    return *slot;
}

void RelayServer::attach_publisher(SRTSOCKET socket, const srt::StreamId& id, Role role)
{
    auto& connection = m_connections.at(socket);
    connection.role = role;
    connection.stream = id.stream;
    Stream& s = stream(id.stream);
    if (s.publisher != SRT_INVALID_SOCK && s.publisher != socket) {
        // The producer came back (a network blip, a restart): the new connection wins, sites stay.
        spdlog::info("relay: {} publisher replaced", id.resource());
        close(s.publisher, "replaced by a new publisher");
    }
    s.publisher = socket;
    s.publisher_kind = role == Role::upstream ? "upstream" : id.user;  // "producer", or a room's site id
    s.publisher_since_ms = wall_ms();
    // A new encoder: old keyframes and tables describe another stream.
    s.inspector.reset();
    s.keyframe.reset();
    s.tables.clear();
    // Sites stay connected and resume, whole pictures only, at the new encoder's first keyframe.
    // (Before the very first publisher, they simply get everything from the first byte.)
    for (SRTSOCKET subscriber : s.buffer.next_seq() == 0 ? std::vector<SRTSOCKET>{} : s.subscribers) {
        auto& sub = m_connections.at(subscriber).subscriber;
        sub.next = s.buffer.next_seq();
        sub.wait_keyframe = true;
        sub.send_tables = false;
    }
    start_reader(socket);
    spdlog::info("relay: {} publishing {}", s.publisher_kind, id.resource());
}

void RelayServer::attach_subscriber(SRTSOCKET socket, const srt::StreamId& id)
{
    auto& connection = m_connections.at(socket);
    Stream& s = stream(id.stream);
    Subscriber& sub = connection.subscriber;
    sub.site = id.user;
    sub.connected_since_ms = wall_ms();
    // Fast start: from the newest keyframe, tables first, so the first picture decodes at once.
    if (s.keyframe && s.buffer.find(*s.keyframe) && !s.tables.empty()) {
        sub.next = *s.keyframe;
        sub.send_tables = true;
    } else {
        sub.next = s.buffer.next_seq();
        sub.wait_keyframe = s.buffer.next_seq() > 0;  // mid-stream with nothing cached: wait for one
    }
    s.subscribers.push_back(socket);
    m_epoll.add(socket, SRT_EPOLL_ERR);
    // SRT itself drops what is late by about the latency plus a second (tearing pictures); give the
    // relay's own check (max_lag, whole GOPs skipped) the time to act first.
    const int drop_delay = m_options.max_lag_ms;
    srt_setsockflag(socket, SRTO_SNDDROPDELAY, &drop_delay, sizeof drop_delay);
    spdlog::info("relay: site {} playing {} ({} sites on it)", sub.site, id.resource(), s.subscribers.size());
    pump(socket, sub, s);
}

void RelayServer::store(Connection& connection, std::span<const std::uint8_t> message)
{
    Stream& s = stream(connection.stream);
    StoredMessage& slot = s.buffer.next_slot();
    const std::size_t size = std::min(message.size(), slot.data.size());
    std::copy_n(message.begin(), size, slot.data.begin());
    const auto seq = s.buffer.commit(static_cast<std::uint16_t>(size), Clock::now());
    s.bytes += size;
    const auto facts = s.inspector.inspect({slot.data.data(), size});
    if (facts.pes_start)
        s.last_pes_start = seq;
    if (facts.keyframe) {
        s.keyframe = facts.keyframe_here ? seq : s.last_pes_start;
        s.tables = s.inspector.tables();
        ++s.keyframes;
    }
    for (SRTSOCKET subscriber : s.subscribers)
        pump(subscriber, m_connections.at(subscriber).subscriber, s);
}

// Behind by more than max_lag, with a newer keyframe to jump to. A site that was just started at the
// newest keyframe (fast start) is never lagging, however old that keyframe: skipping would only wait.
bool RelayServer::lagging(const Subscriber& sub, const Stream& s) const
{
    if (sub.next >= s.buffer.next_seq())
        return false;
    const StoredMessage* at = s.buffer.find(sub.next);
    if (!at)
        return true;  // overwritten: far behind
    const bool newer_keyframe = s.keyframe && *s.keyframe > sub.next;
    return newer_keyframe &&
           s.buffer.newest()->arrived - at->arrived > std::chrono::milliseconds(m_options.max_lag_ms);
}

// Never a torn picture: a site that fell behind resumes at a keyframe, with the tables first.
void RelayServer::skip_ahead(Subscriber& sub, Stream& s)
{
    ++sub.keyframe_skips;
    resume_at_keyframe(sub, s);
}

// The newest keyframe still in the buffer and not behind the site, else the next one to come.
void RelayServer::resume_at_keyframe(Subscriber& sub, Stream& s)
{
    if (s.keyframe && *s.keyframe > sub.next && s.buffer.find(*s.keyframe) && !s.tables.empty()) {
        sub.next = *s.keyframe;
        sub.send_tables = true;
    } else {
        sub.next = s.buffer.next_seq();
        sub.wait_keyframe = true;
    }
}

void RelayServer::pump(SRTSOCKET socket, Subscriber& sub, Stream& s)
{
    if (sub.blocked || sub.catching_up)
        return;
    if (sub.wait_keyframe) {
        // Jump to the first keyframe that began after the skip, if one has.
        if (!s.keyframe || *s.keyframe < sub.next) {
            sub.next = s.buffer.next_seq();
            return;
        }
        sub.next = *s.keyframe;
        sub.send_tables = true;
        sub.wait_keyframe = false;
    }
    if (lagging(sub, s))
        skip_ahead(sub, s);
    auto send = [&](const std::uint8_t* data, int size) {
        if (srt_sendmsg2(socket, reinterpret_cast<const char*>(data), size, nullptr) != SRT_ERROR) {
            sub.bytes += static_cast<std::uint64_t>(size);
            return true;
        }
        if (srt_getlasterror(nullptr) == SRT_EASYNCSND) {
            // Only now ask for SRT_EPOLL_OUT: registering it always would make the loop spin.
            sub.blocked = true;
            m_epoll.update(socket, SRT_EPOLL_OUT | SRT_EPOLL_ERR);
        }
        return false;
    };
    if (sub.send_tables) {
        if (!send(s.tables.data(), static_cast<int>(s.tables.size())))
            return;
        sub.send_tables = false;
    }
    while (!sub.wait_keyframe && sub.next < s.buffer.next_seq()) {
        const StoredMessage* message = s.buffer.find(sub.next);
        if (!message) {
            skip_ahead(sub, s);
            continue;
        }
        if (!send(message->data.data(), message->size))
            return;
        ++sub.next;
    }
}

void RelayServer::close(SRTSOCKET socket, const char* why)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection& connection = it->second;
    m_epoll.remove(socket);
    if (auto s = m_streams.find(connection.stream); s != m_streams.end()) {
        auto& subs = s->second->subscribers;
        subs.erase(std::remove(subs.begin(), subs.end(), socket), subs.end());
        if (s->second->publisher == socket)
            s->second->publisher = SRT_INVALID_SOCK;
    }
    if (connection.role == Role::subscriber)
        spdlog::info("relay: site {} left {} ({})", connection.subscriber.site, connection.stream, why);
    else if (connection.role == Role::upstream)
        spdlog::info("relay: {} from upstream stopped ({})", connection.stream, why);
    else
        spdlog::info("relay: publisher of {} left ({})", connection.stream, why);
    for (auto& up : m_upstreams) {
        if (up.socket == socket) {
            up.socket = SRT_INVALID_SOCK;
            up.connected = false;
            up.retry_at = Clock::now() + up.backoff;
            up.backoff = std::min(up.backoff * 2, std::chrono::milliseconds(8000));
        }
    }
    m_connections.erase(it);
}

// A site whose SRT send queue spans more than max_lag of the stream (a slow or stalled link) is fed
// nothing more until the queue has drained; it then resumes at the newest keyframe. SRT measures the
// span itself (msSndBuf: oldest to newest unacknowledged packet), so a change of bitrate or a fast-start
// burst does not fool the check. It runs ten times a second, not per packet: the hot path stays a send.
void RelayServer::check_lagging_sites()
{
    for (auto& [name, s] : m_streams) {
        for (SRTSOCKET socket : s->subscribers) {
            auto& sub = m_connections.at(socket).subscriber;
            SRT_TRACEBSTATS perf{};
            if (srt_bistats(socket, &perf, 0, 1) == SRT_ERROR)
                continue;
            const int queued_ms = perf.msSndBuf;
            if (!sub.catching_up && queued_ms > m_options.max_lag_ms) {
                sub.catching_up = true;
                ++sub.keyframe_skips;
                spdlog::info("relay: site {} is {} ms behind on {}: skipping ahead to a keyframe", sub.site,
                             queued_ms, name);
            } else if (sub.catching_up && queued_ms < m_options.max_lag_ms / 4) {
                sub.catching_up = false;
                resume_at_keyframe(sub, *s);
                pump(socket, sub, *s);
            }
        }
    }
}

// Why libsrt gave up on a connection to the upstream (refused, timed out, a wrong passphrase...), for
// whoever reads the log.
std::string RelayServer::upstream_failure(SRTSOCKET socket)
{
    return std::string("upstream connection failed: ") + srt_rejectreason_str(srt_getrejectreason(socket));
}

// Chaining: play each stream from the upstream relay as a site, and publish it here.
void RelayServer::connect_upstreams()
{
    if (!m_options.upstream)
        return;
    const auto& options = *m_options.upstream;
    for (auto& up : m_upstreams) {
        if (up.socket != SRT_INVALID_SOCK) {
            const auto state = srt_getsockstate(up.socket);
            if (!up.connected && (state == SRTS_BROKEN || state == SRTS_CLOSED || state == SRTS_NONEXIST)) {
                close(up.socket, upstream_failure(up.socket).c_str());
            } else if (up.connected) {
                // Data flowed on this connection and has stopped: the upstream is gone (or its publisher
                // is); a new connection finds out sooner than libsrt would, and costs nothing if it is alive.
                const auto* newest = stream(up.stream).buffer.newest();
                if (newest && newest->arrived > up.connected_at &&
                    Clock::now() - newest->arrived > std::chrono::milliseconds(options.idle_timeout_ms)) {
                    up.backoff = std::chrono::milliseconds(500);
                    close(up.socket, "no data from upstream");
                }
            }
            continue;
        }
        if (Clock::now() < up.retry_at)
            continue;
        // A socket option or the address can throw (resources); a refused connect is an answer: either
        // way, one retry later.
        std::string problem;
        try {
            auto socket = srt::Socket::create();
            set_live_options(socket, m_options.latency_ms);
            socket.set_string(SRTO_STREAMID,
                              srt::StreamId{m_options.event_id, up.stream, srt::StreamMode::play, options.site}.to_string());
            if (m_options.encryption)
                socket.set_string(SRTO_PASSPHRASE, options.passphrase);
            const auto address = resolve(options.address);
            const SRTSOCKET handle = socket.get();
            m_epoll.add(handle, SRT_EPOLL_IN | SRT_EPOLL_OUT | SRT_EPOLL_ERR);
            if (srt_connect(handle, reinterpret_cast<const sockaddr*>(&address), address_length(address)) == SRT_ERROR) {
                m_epoll.remove(handle);
                problem = srt::last_error();
            } else {
                m_connections.emplace(handle, Connection{std::move(socket), Role::upstream, up.stream, {}});
                up.socket = handle;
            }
        } catch (const srt::Error& e) {
            problem = e.what();
        }
        if (!problem.empty()) {
            spdlog::warn("relay: cannot reach upstream {}: {}", options.address.to_string(), problem);
            up.retry_at = Clock::now() + up.backoff;
            up.backoff = std::min(up.backoff * 2, std::chrono::milliseconds(8000));
        }
    }
}

void RelayServer::refresh_stats()
{
    RelayStats stats;
    stats.rejected = m_rejected.load();
    for (const auto& [name, s] : m_streams) {
        StreamStats st;
        st.name = m_options.event_id + "/" + name;
        st.publishing = s->publisher != SRT_INVALID_SOCK;
        st.publisher = s->publisher_kind;
        st.publisher_since_ms = s->publisher_since_ms;
        st.bytes = s->bytes;
        st.keyframes = s->keyframes;
        st.subscribers = s->subscribers.size();
        if (st.publishing) {
            SRT_TRACEBSTATS perf{};
            if (srt_bstats(s->publisher, &perf, 0) == 0) {
                st.mbps = perf.mbpsRecvRate;
                st.lost = perf.pktRcvLossTotal;
                st.dropped = perf.pktRcvDropTotal;
            }
        }
        stats.streams.push_back(st);
        for (SRTSOCKET socket : s->subscribers) {
            const auto& sub = m_connections.at(socket).subscriber;
            SubscriberStats ss;
            ss.site = sub.site;
            ss.stream = st.name;
            ss.connected_since_ms = sub.connected_since_ms;
            ss.keyframe_skips = sub.keyframe_skips;
            ss.bytes = sub.bytes;
            SRT_TRACEBSTATS perf{};
            if (srt_bstats(socket, &perf, 0) == 0) {
                ss.rtt_ms = perf.msRTT;
                ss.lost = perf.pktSndLossTotal;
                ss.retransmitted = perf.pktRetransTotal;
                ss.send_drops = perf.pktSndDropTotal;
                ss.packets_sent = perf.pktSentUniqueTotal;
                ss.mbps = perf.mbpsSendRate;
            }
            stats.subscribers.push_back(ss);
        }
    }
    stats.refreshed = Clock::now();
    std::lock_guard lock(m_stats_mutex);
    m_stats = std::move(stats);
}

RelayStats RelayServer::stats() const
{
    std::lock_guard lock(m_stats_mutex);
    return m_stats;
}

}  // namespace estrade::relay
