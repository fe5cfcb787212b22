// Simulated browsers for estrade-web's benchmark: each follows both live playlists as a player does —
// the playlist again every segment length, each new segment fetched once — through its own keep-alive
// connection, for a bounded time. Prints one JSON object: requests, errors, bytes, request times.
#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Totals {
    std::atomic<long> requests{0}, errors{0}, bytes{0}, segments{0};
    std::mutex mutex;
    std::vector<double> playlist_ms, segment_ms;
};

std::vector<std::string> segments_in(const std::string& playlist)
{
    std::vector<std::string> names;
    std::istringstream in(playlist);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#')
            names.push_back(line);
    return names;
}

void browser(const std::string& host, int port, const std::vector<std::string>& playlists, double segment_s,
             Clock::time_point end, Totals& totals, int index)
{
    httplib::Client client(host, port);
    client.set_keep_alive(true);
    client.set_read_timeout(5, 0);
    std::vector<std::set<std::string>> fetched(playlists.size());
    // Browsers do not all start on the same millisecond.
    std::this_thread::sleep_for(std::chrono::milliseconds(index * 7 % 2000));
    std::vector<double> playlist_ms, segment_ms;
    while (Clock::now() < end) {
        const auto round = Clock::now();
        for (std::size_t p = 0; p < playlists.size(); ++p) {
            auto started = Clock::now();
            auto response = client.Get(playlists[p]);
            ++totals.requests;
            playlist_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
            if (!response || response->status != 200) {
                ++totals.errors;
                continue;
            }
            totals.bytes += static_cast<long>(response->body.size());
            const auto base = playlists[p].substr(0, playlists[p].rfind('/') + 1);
            const auto names = segments_in(response->body);
            // A player joining starts near the live edge: the last two segments.
            for (std::size_t i = names.size() >= 2 ? names.size() - 2 : 0; i < names.size(); ++i) {
                if (!fetched[p].insert(names[i]).second)
                    continue;
                started = Clock::now();
                auto segment = client.Get(base + names[i]);
                ++totals.requests;
                segment_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
                if (!segment || segment->status != 200) {
                    ++totals.errors;
                    continue;
                }
                totals.bytes += static_cast<long>(segment->body.size());
                ++totals.segments;
            }
        }
        std::this_thread::sleep_until(round + std::chrono::duration<double>(segment_s));
    }
    std::lock_guard lock(totals.mutex);
    totals.playlist_ms.insert(totals.playlist_ms.end(), playlist_ms.begin(), playlist_ms.end());
    totals.segment_ms.insert(totals.segment_ms.end(), segment_ms.begin(), segment_ms.end());
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Simulated browsers following estrade-web's live playlists (bounded in time)."};
    std::string host = "127.0.0.1";
    int port = 8080, browsers = 500;
    double seconds = 30, segment_s = 2;
    std::vector<std::string> playlists;
    app.add_option("--host", host);
    app.add_option("--port", port)->required();
    app.add_option("--playlist", playlists, "a live playlist's path (repeat: speaker and slides)")->required();
    app.add_option("--browsers", browsers)->check(CLI::Range(1, 5000));
    app.add_option("--seconds", seconds)->check(CLI::Range(1.0, 600.0));
    app.add_option("--segment-seconds", segment_s);
    CLI11_PARSE(app, argc, argv);
    Totals totals;
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> threads;
    for (int i = 0; i < browsers; ++i)
        threads.emplace_back(browser, host, port, playlists, segment_s, end, std::ref(totals), i);
    for (auto& t : threads)
        t.join();
    nlohmann::json out{{"browsers", browsers},
                       {"seconds", seconds},
                       {"requests", totals.requests.load()},
                       {"errors", totals.errors.load()},
                       {"segments", totals.segments.load()},
                       {"mbytes", static_cast<double>(totals.bytes.load()) / 1e6},
                       {"playlist_ms_p50", percentile(totals.playlist_ms, 0.5)},
                       {"playlist_ms_p99", percentile(totals.playlist_ms, 0.99)},
                       {"segment_ms_p50", percentile(totals.segment_ms, 0.5)},
                       {"segment_ms_p99", percentile(totals.segment_ms, 0.99)}};
    std::cout << out.dump() << std::endl;
    return totals.errors > 0 ? 1 : 0;
}
