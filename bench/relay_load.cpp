// Load generator for the relay benchmark: one process, one SRT epoll, N subscriber sockets, one
// publisher paced at the stream's bitrate, plus a direct leg (a second publisher to a listener of our
// own) to measure the latency the relay adds. Prints one JSON object with what it measured.
//
//   bench_relay_load --publish 127.0.0.1:9000 --play 127.0.0.1:9001 --subscribers 50 --file stream.ts
//                    --bitrate 4000000 --seconds 10 --relay-pid PID [--passphrase P | --site-passphrases]
//                    [--ports own|shared]
//
// Subscribers connect the way rooms do: all at once, each retrying a refused or failed connection a
// quarter of a second later (a relay's listen backlog may refuse callers that come together). With
// `--ports own` each has its own local UDP port, as separate machines would; with `--ports shared` they
// are all bound to one local port (one libsrt multiplexer), which is lighter for this process.
#include "relay/stream_buffer.hpp"
#include "relay/ts.hpp"

#include <CLI/CLI.hpp>
#include <sstream>
#include <nlohmann/json.hpp>
#include <srt/srt.h>

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <thread>

using namespace estrade::relay;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
    std::string publish = "127.0.0.1:9000";
    std::string play = "127.0.0.1:9001";
    std::string publish_id = "#!::r=bench/speaker,m=publish,u=producer";
    std::string play_id = "#!::r=bench/speaker,m=request,u={site}";
    std::string producer_passphrase;
    std::string passphrase;        // one passphrase for every subscriber (gst, bare loop)
    bool site_passphrases = false;  // "<site>-secret-pass" per site (estrade-relay)
    int subscribers = 10;
    std::string file;
    double bitrate = 4e6;
    double seconds = 10;
    int latency = 120;
    int relay_pid = 0;
    std::string ports = "own";
};

sockaddr_in parse_address(const std::string& text)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    const auto colon = text.rfind(':');
    a.sin_port = htons(static_cast<std::uint16_t>(std::stoi(text.substr(colon + 1))));
    inet_pton(AF_INET, text.substr(0, colon).c_str(), &a.sin_addr);
    return a;
}

std::string site_name(int i)
{
    char name[16];
    std::snprintf(name, sizeof name, "site-%03d", i);
    return name;
}

SRTSOCKET make_socket(int latency, const std::string& stream_id, const std::string& passphrase, bool blocking)
{
    SRTSOCKET s = srt_create_socket();
    srt_setsockflag(s, SRTO_RCVSYN, &blocking, sizeof blocking);
    srt_setsockflag(s, SRTO_SNDSYN, &blocking, sizeof blocking);
    srt_setsockflag(s, SRTO_LATENCY, &latency, sizeof latency);
    const int timeout = 8000;
    srt_setsockflag(s, SRTO_CONNTIMEO, &timeout, sizeof timeout);
    if (!stream_id.empty())
        srt_setsockflag(s, SRTO_STREAMID, stream_id.data(), static_cast<int>(stream_id.size()));
    if (!passphrase.empty())
        srt_setsockflag(s, SRTO_PASSPHRASE, passphrase.data(), static_cast<int>(passphrase.size()));
    return s;
}

// utime + stime of a process or a thread, from its /proc …/stat; none if it is gone.
std::optional<double> stat_cpu_seconds(const std::filesystem::path& stat_path)
{
    std::ifstream stat(stat_path);
    std::string content((std::istreambuf_iterator<char>(stat)), {});
    const auto close = content.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream rest(content.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i)
        if (i == 14 || i == 15)
            ticks += std::stod(field);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double cpu_seconds(int pid) { return stat_cpu_seconds("/proc/" + std::to_string(pid) + "/stat").value_or(0); }

// Per thread (by its name: libsrt's SRT:SndQ:w1, SRT:RcvQ:w1, SRT:TsbPd…, the relay's own): CPU seconds
// and voluntary and involuntary context switches, to say where a relay's time goes.
struct ThreadTimes {
    std::string name;
    double cpu = 0;
    long switches = 0;
};

std::map<std::string, ThreadTimes> thread_times(int pid)
{
    std::map<std::string, ThreadTimes> by_tid;
    const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
    for (const auto& task : std::filesystem::directory_iterator(tasks)) {
        ThreadTimes t;
        std::ifstream status(task.path() / "status");
        std::string line;
        while (std::getline(status, line)) {
            if (line.rfind("Name:", 0) == 0)
                t.name = line.substr(line.find_first_not_of(" \t", 5));
            if (line.rfind("voluntary_ctxt_switches:", 0) == 0 || line.rfind("nonvoluntary_ctxt_switches:", 0) == 0)
                t.switches += std::stol(line.substr(line.find(':') + 1));
        }
        const auto cpu = stat_cpu_seconds(task.path() / "stat");
        if (!cpu)
            continue;  // the thread ended meanwhile
        t.cpu = *cpu;
        by_tid[task.path().filename().string()] = t;
    }
    return by_tid;
}

// Every thread's context switches: what a relay's wake-ups cost the kernel.
long context_switches(int pid)
{
    long total = 0;
    for (const auto& [tid, t] : thread_times(pid))
        total += t.switches;
    return total;
}

// The window's share per thread name (several threads of one name summed), in % of a core and per second.
nlohmann::json thread_breakdown(const std::map<std::string, ThreadTimes>& before,
                                const std::map<std::string, ThreadTimes>& after, double seconds)
{
    std::map<std::string, std::pair<double, double>> by_name;
    for (const auto& [tid, t] : after) {
        auto was = before.find(tid);
        const double cpu = t.cpu - (was != before.end() ? was->second.cpu : 0);
        const long switches = t.switches - (was != before.end() ? was->second.switches : 0);
        auto& sum = by_name[t.name];
        sum.first += cpu / seconds * 100;
        sum.second += static_cast<double>(switches) / seconds;
    }
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, sum] : by_name)
        out[name] = {{"cpu_percent", sum.first}, {"switches_per_s", sum.second}};
    return out;
}

int thread_count(int pid)
{
    return static_cast<int>(std::distance(std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task"),
                                          std::filesystem::directory_iterator{}));
}

long rss_kb(int pid, const char* key)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(key, 0) == 0)
            return std::stol(line.substr(std::strlen(key)));
    return 0;
}

bool has_random_access(const char* data, int size)
{
    for (int at = 0; at + 188 <= size; at += 188) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(data + at);
        if ((p[3] & 0x20) && p[4] > 0 && (p[5] & 0x40))
            return true;
    }
    return false;
}

struct Receiver {
    SRTSOCKET socket = SRT_INVALID_SOCK;
    bool connected = false;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    ContinuityChecker continuity;
    std::vector<Clock::time_point> arrivals;  // kept for the latency probe and the direct leg
    bool record_arrivals = false;
    int index = -1;  // the site's number; -1 for the direct leg
    int attempts = 0;
    std::optional<Clock::time_point> retry_at;
    Clock::time_point connect_started;
    std::optional<Clock::time_point> first_keyframe;
    std::optional<Clock::time_point> first_message;
    std::optional<Clock::time_point> connected_at;
};

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv)
{
    Settings s;
    CLI::App app{"relay benchmark load generator"};
    app.add_option("--publish", s.publish);
    app.add_option("--play", s.play);
    app.add_option("--publish-id", s.publish_id);
    app.add_option("--play-id", s.play_id, "{site} is replaced by site-000, site-001, ...");
    app.add_option("--producer-passphrase", s.producer_passphrase);
    app.add_option("--passphrase", s.passphrase);
    app.add_flag("--site-passphrases", s.site_passphrases);
    app.add_option("--subscribers", s.subscribers);
    app.add_option("--file", s.file)->required();
    app.add_option("--bitrate", s.bitrate);
    app.add_option("--seconds", s.seconds);
    app.add_option("--latency", s.latency);
    app.add_option("--relay-pid", s.relay_pid);
    app.add_option("--ports", s.ports, "own: a local UDP port per subscriber; shared: one for all")
        ->check(CLI::IsMember({"own", "shared"}));
    CLI11_PARSE(app, argc, argv);

    std::ifstream in(s.file, std::ios::binary);
    std::vector<char> stream{std::istreambuf_iterator<char>(in), {}};
    stream.resize(stream.size() / max_srt_message * max_srt_message);
    const std::size_t message_count = stream.size() / max_srt_message;

    srt_startup();
    srt_setloglevel(3);
    const int eid = srt_epoll_create();
    srt_epoll_set(eid, SRT_EPOLL_ENABLE_EMPTY);
    std::map<SRTSOCKET, Receiver> receivers;
    auto subscriber_id = [&](int i) {
        auto id = s.play_id;
        if (auto at = id.find("{site}"); at != std::string::npos)
            id.replace(at, 6, site_name(i));
        return id;
    };
    auto passphrase_for = [&](int i) { return s.site_passphrases ? site_name(i) + "-secret-pass" : s.passphrase; };
    const auto play_address = parse_address(s.play);
    // With shared ports the first subscriber takes a free port and the others bind to the same one.
    sockaddr_in shared_port{};
    shared_port.sin_family = AF_INET;
    shared_port.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    auto start_connecting = [&](Receiver& r) {
        r.socket = make_socket(s.latency, subscriber_id(r.index), passphrase_for(r.index), false);
        if (s.ports == "shared") {
            srt_bind(r.socket, reinterpret_cast<const sockaddr*>(&shared_port), sizeof shared_port);
            if (shared_port.sin_port == 0) {
                int length = sizeof shared_port;
                srt_getsockname(r.socket, reinterpret_cast<sockaddr*>(&shared_port), &length);
            }
        }
        int events = SRT_EPOLL_IN | SRT_EPOLL_OUT | SRT_EPOLL_ERR;
        srt_epoll_add_usock(eid, r.socket, &events);
        ++r.attempts;
        r.retry_at.reset();
        if (srt_connect(r.socket, reinterpret_cast<const sockaddr*>(&play_address), sizeof play_address) == SRT_ERROR)
            r.retry_at = Clock::now() + std::chrono::milliseconds(250);
    };
    auto connect_subscriber = [&](int i) {
        Receiver r;
        r.index = i;
        r.connect_started = Clock::now();
        start_connecting(r);
        const SRTSOCKET sock = r.socket;
        receivers[sock] = std::move(r);
        return sock;
    };
    // A refused or broken attempt is closed; the site tries again with a new socket, as a room does.
    std::vector<SRTSOCKET> subscribers;
    std::vector<SRTSOCKET> late;
    auto retry_failed = [&] {
        std::vector<SRTSOCKET> due;
        for (auto& [sock, r] : receivers)
            if (r.index >= 0 && !r.connected && r.retry_at && Clock::now() >= *r.retry_at)
                due.push_back(sock);
        for (SRTSOCKET old : due) {
            Receiver r = std::move(receivers[old]);
            receivers.erase(old);
            srt_epoll_remove_usock(eid, old);
            srt_close(old);
            start_connecting(r);
            for (auto* list : {&subscribers, &late})
                std::replace(list->begin(), list->end(), old, r.socket);
            receivers[r.socket] = std::move(r);
        }
    };

    // The direct leg: our own listener, fed by a second publisher with the same messages.
    SRTSOCKET direct_listener = make_socket(s.latency, "", s.producer_passphrase, true);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    srt_bind(direct_listener, reinterpret_cast<sockaddr*>(&local), sizeof local);
    srt_listen(direct_listener, 1);
    int length = sizeof local;
    srt_getsockname(direct_listener, reinterpret_cast<sockaddr*>(&local), &length);
    SRTSOCKET direct_publisher = make_socket(s.latency, "", s.producer_passphrase, true);
    std::thread accept_direct([&] { srt_connect(direct_publisher, reinterpret_cast<sockaddr*>(&local), sizeof local); });
    SRTSOCKET direct = srt_accept(direct_listener, nullptr, nullptr);
    accept_direct.join();
    const bool no = false;
    srt_setsockflag(direct, SRTO_RCVSYN, &no, sizeof no);
    int in_events = SRT_EPOLL_IN | SRT_EPOLL_ERR;
    srt_epoll_add_usock(eid, direct, &in_events);
    receivers[direct].socket = direct;
    receivers[direct].connected = true;
    receivers[direct].record_arrivals = true;

    SRTSOCKET publisher = make_socket(s.latency, s.publish_id, s.producer_passphrase, true);
    const auto publish_address = parse_address(s.publish);
    if (srt_connect(publisher, reinterpret_cast<const sockaddr*>(&publish_address), sizeof publish_address) == SRT_ERROR) {
        std::fprintf(stderr, "publisher: %s\n", srt_getlasterror_str());
        return 1;
    }
    // Some relays (GStreamer's) take callers only once data flows: warm up with a trickle of null
    // packets while the sites connect, then go quiet so that none is in flight when measuring starts.
    std::vector<char> null_message(max_srt_message);
    for (std::size_t at = 0; at < null_message.size(); at += 188) {
        null_message[at] = 0x47;
        null_message[at + 1] = 0x1F;
        null_message[at + 2] = static_cast<char>(0xFF);
        null_message[at + 3] = 0x10;
    }
    auto last_trickle = Clock::now() - std::chrono::seconds(1);
    auto trickle = [&] {
        if (Clock::now() - last_trickle > std::chrono::milliseconds(50)) {
            srt_sendmsg(publisher, null_message.data(), max_srt_message, -1, 0);
            last_trickle = Clock::now();
        }
    };

    std::vector<SRT_EPOLL_EVENT> events(2048);
    char buffer[1500];
    auto poll_once = [&](int timeout_ms) {
        const int n = srt_epoll_uwait(eid, events.data(), static_cast<int>(events.size()), timeout_ms);
        const auto now = Clock::now();
        for (int i = 0; i < n; ++i) {
            auto it = receivers.find(events[static_cast<std::size_t>(i)].fd);
            if (it == receivers.end())
                continue;
            Receiver& r = it->second;
            const int flags = events[static_cast<std::size_t>(i)].events;
            if (!r.connected && (flags & SRT_EPOLL_OUT) && srt_getsockstate(r.socket) == SRTS_CONNECTED) {
                r.connected = true;
                r.connected_at = now;
                srt_epoll_update_usock(eid, r.socket, &in_events);
            }
            if (flags & SRT_EPOLL_ERR) {
                srt_epoll_remove_usock(eid, r.socket);
                if (!r.connected && r.index >= 0)
                    r.retry_at = now + std::chrono::milliseconds(250);
                continue;
            }
            int size;
            while ((size = srt_recvmsg(r.socket, buffer, sizeof buffer)) > 0) {
                r.bytes += static_cast<std::uint64_t>(size);
                ++r.messages;
                r.continuity.feed({reinterpret_cast<const std::uint8_t*>(buffer), static_cast<std::size_t>(size)});
                if (r.record_arrivals)
                    r.arrivals.push_back(now);
                if (!r.first_message)
                    r.first_message = now;
                if (!r.first_keyframe && has_random_access(buffer, size))
                    r.first_keyframe = now;
            }
        }
    };
    for (int i = 0; i < s.subscribers; ++i)
        subscribers.push_back(connect_subscriber(i));
    auto connected_count = [&] {
        return std::count_if(subscribers.begin(), subscribers.end(), [&](SRTSOCKET x) { return receivers[x].connected; });
    };
    // Everyone connected before the first byte, so "complete" means every byte.
    const auto connect_deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < connect_deadline && connected_count() < s.subscribers) {
        trickle();
        retry_failed();
        poll_once(10);
    }
    const auto quiet_until = Clock::now() + std::chrono::milliseconds(600);
    while (Clock::now() < quiet_until)
        poll_once(10);
    for (auto& [sock, r] : receivers) {  // measuring starts now
        r.bytes = 0;
        r.messages = 0;
        r.continuity = ContinuityChecker{};
        r.arrivals.clear();
        r.first_keyframe.reset();
    }
    receivers[subscribers[0]].record_arrivals = true;  // the latency probe
    const int connected = static_cast<int>(connected_count());
    int attempts = 0;
    for (SRTSOCKET x : subscribers)
        attempts += receivers[x].attempts;

    const auto interval = std::chrono::duration<double>(max_srt_message * 8.0 / s.bitrate);
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s.seconds));
    const double cpu_start = s.relay_pid ? cpu_seconds(s.relay_pid) : 0;
    const double self_cpu_start = cpu_seconds(getpid());
    const long switches_start = s.relay_pid ? context_switches(s.relay_pid) : 0;
    const auto threads_start = s.relay_pid ? thread_times(s.relay_pid) : std::map<std::string, ThreadTimes>{};
    std::uint64_t sent_messages = 0;
    // Late joiners at four points of the GOP (2 s): 30%, 45%, 60% and 75% of a 10 s run.
    const std::vector<double> late_at{0.30, 0.45, 0.60, 0.75};
    while (Clock::now() < end) {
        const auto due = static_cast<std::uint64_t>((Clock::now() - start) / interval) + 1;
        while (sent_messages < due) {
            const char* message = stream.data() + (sent_messages % message_count) * max_srt_message;
            srt_sendmsg(publisher, message, max_srt_message, -1, 0);
            srt_sendmsg(direct_publisher, message, max_srt_message, -1, 0);
            ++sent_messages;
        }
        if (late.size() < late_at.size() && Clock::now() - start > std::chrono::duration<double>(s.seconds * late_at[late.size()]))
        {
            late.push_back(connect_subscriber(s.subscribers + static_cast<int>(late.size())));
            receivers[late.back()].record_arrivals = std::getenv("BENCH_DEBUG") != nullptr;
        }
        retry_failed();
        poll_once(1);
    }
    const double cpu = s.relay_pid ? (cpu_seconds(s.relay_pid) - cpu_start) / s.seconds * 100.0 : 0;
    const double self_cpu = (cpu_seconds(getpid()) - self_cpu_start) / s.seconds * 100.0;
    const double switches =
        s.relay_pid ? static_cast<double>(context_switches(s.relay_pid) - switches_start) / s.seconds : 0;
    const int threads = s.relay_pid ? thread_count(s.relay_pid) : 0;
    const auto per_thread =
        s.relay_pid ? thread_breakdown(threads_start, thread_times(s.relay_pid), s.seconds) : nlohmann::json::object();
    const long rss = s.relay_pid ? rss_kb(s.relay_pid, "VmRSS:") : 0;
    const long rss_peak = s.relay_pid ? rss_kb(s.relay_pid, "VmHWM:") : 0;
    const auto drain = Clock::now() + std::chrono::milliseconds(1500);
    while (Clock::now() < drain)
        poll_once(5);

    const std::uint64_t sent_bytes = sent_messages * max_srt_message;
    double min_complete = 1e9, sum_complete = 0;
    std::int64_t continuity_errors = 0, lost = 0, retransmitted = 0, dropped = 0;
    for (SRTSOCKET sub : subscribers) {
        const auto& r = receivers[sub];
        const double complete = static_cast<double>(r.bytes) / static_cast<double>(sent_bytes);
        min_complete = std::min(min_complete, complete);
        sum_complete += complete;
        continuity_errors += r.continuity.errors();
        SRT_TRACEBSTATS perf{};
        if (srt_bstats(sub, &perf, 0) == 0) {
            lost += perf.pktRcvLossTotal;
            retransmitted += perf.pktRcvRetrans;
            dropped += perf.pktRcvDropTotal;
        }
    }
    // Same message, k-th on both paths: relay path minus direct path.
    const auto& probe = receivers[subscribers[0]].arrivals;
    const auto& reference = receivers[direct].arrivals;
    std::vector<double> added;
    for (std::size_t k = 0; k < std::min(probe.size(), reference.size()); ++k)
        added.push_back(std::chrono::duration<double, std::milli>(probe[k] - reference[k]).count());
    for (SRTSOCKET l : late) {
        auto& r = receivers[l];
        auto ms = [&](const std::optional<Clock::time_point>& t) {
            return t ? std::chrono::duration<double, std::milli>(*t - r.connect_started).count() : -1.0;
        };
        std::fprintf(stderr, "late joiner: connected %.0f ms, first message %.0f ms, first keyframe %.0f ms\n",
                     ms(r.connected_at), ms(r.first_message), ms(r.first_keyframe));
        for (std::size_t k = 0; k < std::min<std::size_t>(r.arrivals.size(), 6); ++k)
            std::fprintf(stderr, "   message %zu at %.1f ms\n", k, ms(r.arrivals[k]));
    }
    std::vector<double> late_ms;
    for (SRTSOCKET l : late)
        if (receivers[l].first_keyframe)
            late_ms.push_back(std::chrono::duration<double, std::milli>(*receivers[l].first_keyframe - receivers[l].connect_started).count());
    double late_mean = 0;
    for (double v : late_ms)
        late_mean += v / static_cast<double>(late_ms.size());

    nlohmann::json result{{"subscribers", s.subscribers},
                          {"connected", connected},
                          {"connect_attempts", attempts},
                          {"ports", s.ports},
                          {"relay_context_switches_per_s", switches},
                          {"relay_threads", threads},
                          {"relay_per_thread", per_thread},
                          {"sent_bytes", sent_bytes},
                          {"relay_cpu_percent", cpu},
                          {"loadgen_cpu_percent", self_cpu},
                          {"relay_rss_kb", rss},
                          {"relay_rss_peak_kb", rss_peak},
                          {"complete_min", min_complete},
                          {"complete_avg", sum_complete / s.subscribers},
                          {"continuity_errors", continuity_errors},
                          {"srt_lost", lost},
                          {"srt_retransmitted", retransmitted},
                          {"srt_dropped", dropped},
                          {"late_joiners", late_ms.size()},
                          {"late_joiner_first_keyframe_ms_mean", late_mean},
                          {"late_joiner_first_keyframe_ms_max", late_ms.empty() ? -1 : *std::max_element(late_ms.begin(), late_ms.end())},
                          {"added_latency_ms_p50", percentile(added, 0.5)},
                          {"added_latency_ms_p99", percentile(added, 0.99)}};
    std::printf("%s\n", result.dump().c_str());
    return 0;
}
