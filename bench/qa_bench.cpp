// Question channel benchmark: the real broker (estrade-qa serve, its own process, SQLite with
// synchronous=FULL) against N sites on loopback, driven from one thread with one poll loop.
//
// Reports, per run: submissions per second at saturation (every site with one request in flight),
// and at a fixed offered rate, the latency from submit to acknowledgement and from submit to the
// moderator's update (the PUB message a moderator console receives), p50 / p99 / max.
//
//   bench_qa --qa-bin build/bin/estrade-qa --sites 4 --rate 1000 --seconds 5
#include "broker_process.hpp"
#include "qa/connection.hpp"
#include "qa/keys.hpp"

#include "config/event_file.hpp"

#include <CLI/CLI.hpp>
#include <zmq_addon.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <regex>
#include <unordered_map>

using namespace estrade;
using namespace estrade::qa;
using Clock = std::chrono::steady_clock;

using estrade::bench::Broker;
using estrade::bench::cpu_seconds_of;
using estrade::bench::start_broker;

namespace {


struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    auto at = [&](double q) { return values[std::min(values.size() - 1, static_cast<std::size_t>(q * values.size()))]; };
    return {at(0.50), at(0.99), values.back()};
}

struct RunResult {
    int sent = 0;
    int acknowledged = 0;
    int refused = 0;
    int updates_seen = 0;
    double seconds = 0;
    double broker_cpu = 0;
    Percentiles ack_ms;
    Percentiles update_ms;
};

// rate 0: saturation (each site keeps one request in flight); otherwise a fixed total rate.
RunResult run_load(zmq::context_t& context, const config::Event& event, const Broker& broker, double rate,
                   double seconds)
{
    std::vector<zmq::socket_t> sites;
    for (const auto& site : event.sites) {
        zmq::socket_t socket(context, zmq::socket_type::dealer);
        socket.set(zmq::sockopt::linger, 0);
        apply_client_security(socket, client_auth_from(event, site.id));
        socket.connect(broker.requests);
        sites.push_back(std::move(socket));
    }
    zmq::socket_t moderator(context, zmq::socket_type::sub);
    moderator.set(zmq::sockopt::rcvhwm, 1000000);
    apply_client_security(moderator, client_auth_from(event, moderator_key_owner));
    moderator.set(zmq::sockopt::subscribe, "");
    moderator.connect(broker.updates);
    // Every connection authenticated and the subscription live before the clock starts.
    for (auto& s : sites) {
        s.send(zmq::str_buffer(R"({"id":"warm","cmd":"hello"})"));
        zmq::message_t m;
        (void)s.recv(m);
    }
    zmq::message_t heartbeat;
    (void)moderator.recv(heartbeat);

    std::unordered_map<std::string, Clock::time_point> sent_at;
    std::vector<double> ack_ms, update_ms;
    std::vector<bool> in_flight(sites.size(), false);
    RunResult result;
    const double cpu_before = cpu_seconds_of(broker.pid);
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::size_t next_site = 0;
    int counter = 0;
    auto send_one = [&](std::size_t site) {
        const std::string id = "b" + std::to_string(counter++);
        const std::string body = R"({"id":")" + id + R"(","cmd":"ask","text":"Question de charge )" + id + "\"}";
        sent_at[id] = Clock::now();
        sites[site].send(zmq::buffer(body), zmq::send_flags::dontwait);
        in_flight[site] = true;
        ++result.sent;
    };
    std::vector<zmq::pollitem_t> items;
    for (auto& s : sites)
        items.push_back({s.handle(), 0, ZMQ_POLLIN, 0});
    items.push_back({moderator.handle(), 0, ZMQ_POLLIN, 0});
    const auto drain_until = end + std::chrono::seconds(2);
    while (Clock::now() < drain_until) {
        const auto now = Clock::now();
        if (now < end) {
            if (rate <= 0) {
                for (std::size_t i = 0; i < sites.size(); ++i)
                    if (!in_flight[i])
                        send_one(i);
            } else {
                const auto due = static_cast<int>(std::chrono::duration<double>(now - start).count() * rate);
                while (result.sent < due) {
                    send_one(next_site);
                    next_site = (next_site + 1) % sites.size();
                }
            }
        } else if (result.acknowledged + result.refused >= result.sent && result.updates_seen >= result.acknowledged) {
            break;
        }
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(rate > 0 ? 1 : 10));
        for (std::size_t i = 0; i < sites.size(); ++i) {
            zmq::message_t reply;
            while (sites[i].recv(reply, zmq::recv_flags::dontwait)) {
                const auto arrived = Clock::now();
                auto json = Json::parse(reply.to_string_view());
                auto it = sent_at.find(json.value("id", ""));
                if (it == sent_at.end())
                    continue;
                if (json.value("ok", false)) {
                    ++result.acknowledged;
                    ack_ms.push_back(std::chrono::duration<double, std::milli>(arrived - it->second).count());
                } else {
                    ++result.refused;
                }
                in_flight[i] = false;
            }
        }
        zmq::message_t update;
        while (moderator.recv(update, zmq::recv_flags::dontwait)) {
            const auto arrived = Clock::now();
            auto json = Json::parse(update.to_string_view());
            if (json.value("kind", "") != "question")
                continue;
            auto it = sent_at.find(json["question"].value("request_id", ""));
            if (it == sent_at.end())
                continue;
            ++result.updates_seen;
            update_ms.push_back(std::chrono::duration<double, std::milli>(arrived - it->second).count());
        }
    }
    result.seconds = std::chrono::duration<double>(std::min(Clock::now(), end) - start).count();
    result.broker_cpu = (cpu_seconds_of(broker.pid) - cpu_before) / result.seconds * 100.0;
    result.ack_ms = percentiles(ack_ms);
    result.update_ms = percentiles(update_ms);
    return result;
}

std::string event_text(int sites)
{
    std::string text = R"([event]
id = "bench"
title = "Benchmark"
host_site = "site-000"
[qa]
database = "questions.sqlite"
max_waiting_per_site = 10000
[producer]
passphrase = "producer-secret-123"
[[talk]]
speaker = "Bench"
title = "Bench"
)";
    for (int i = 0; i < sites; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "site-%03d", i);
        text += std::string("[[site]]\nid = \"") + id + "\"\nname = \"" + id + "\"\npassphrase = \"" + id +
                "-secret-pass\"\n";
    }
    return text;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Question channel benchmark (see docs/benchmarks.md)"};
    std::string qa_bin = "build/bin/estrade-qa";
    std::vector<int> site_counts{4, 100};
    std::vector<double> rates{1000};
    double seconds = 5;
    app.add_option("--qa-bin", qa_bin)->capture_default_str();
    app.add_option("--sites", site_counts, "site counts to run")->capture_default_str();
    app.add_option("--rate", rates, "offered rates in questions/s (0 = saturation)")->capture_default_str();
    app.add_option("--seconds", seconds, "length of each run")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    std::printf("| sites | offered q/s | acknowledged q/s | refused | ack p50 / p99 / max (ms) | "
                "update p50 / p99 / max (ms) | broker CPU %% |\n|---|---|---|---|---|---|---|\n");
    for (int site_count : site_counts) {
        for (double rate : rates) {
            char dir_template[] = "/tmp/estrade-bench-XXXXXX";
            const std::filesystem::path dir = mkdtemp(dir_template);
            const auto event_file = dir / "event.toml";
            std::ofstream(event_file) << event_text(site_count);
            if (std::system((qa_bin + " keys --event " + event_file.string() + " >/dev/null").c_str()) != 0)
                return 1;
            auto event = config::load_event_file_or_exit(event_file);
            auto broker = start_broker(qa_bin, event_file);
            zmq::context_t context;
            auto r = run_load(context, event, broker, rate, seconds);
            kill(broker.pid, SIGTERM);
            waitpid(broker.pid, nullptr, 0);
            std::filesystem::remove_all(dir);
            std::printf("| %d | %s | %.0f | %d | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.0f |\n", site_count,
                        rate > 0 ? std::to_string(static_cast<int>(rate)).c_str() : "saturation",
                        r.acknowledged / r.seconds, r.refused, r.ack_ms.p50, r.ack_ms.p99, r.ack_ms.max,
                        r.update_ms.p50, r.update_ms.p99, r.update_ms.max, r.broker_cpu);
            std::fflush(stdout);
        }
    }
    return 0;
}
