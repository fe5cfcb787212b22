// Show of hands benchmark: the real broker (estrade-qa serve, its own process) and N rooms, each running
// the viewer's own question channel (viewer::QuestionChannel: its thread, its replica, its journal), all on
// this machine. For each of R polls: the moderator opens it, every room answers through its channel as its
// operator would, the moderator closes it; the time from the close request leaving the moderator to each
// room's channel handing the results to its screen (the ChannelView the Qt side draws from) is measured.
//
//   bench_poll --qa-bin build/bin/estrade-qa --rooms 100 --polls 20
//
// Prints one JSON line: open→seen and close→results p50 / p95 / max (ms), answers lost, broker CPU.
#include "broker_process.hpp"
#include "qa/connection.hpp"
#include "viewer/question_channel.hpp"

#include "config/event_file.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <regex>
#include <thread>

using namespace estrade;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

using estrade::bench::cpu_seconds_of;
using estrade::bench::start_broker;

namespace {


std::filesystem::path write_event(const std::filesystem::path& dir, int rooms)
{
    const auto file = dir / "event.toml";
    std::ofstream out(file);
    out << "[event]\nid = \"poll-bench\"\ntitle = \"Poll bench\"\nhost_site = \"room-1\"\n"
        << "[qa]\ndatabase = \"questions.sqlite\"\nsecurity = \"plaintext\"\n"
        << "[producer]\npassphrase = \"producer-secret-123\"\n"
        << "[[talk]]\nspeaker = \"Claire Le Bihan\"\ntitle = \"Une journée en commissariat\"\n";
    for (int i = 1; i <= rooms; ++i)
        out << "[[site]]\nid = \"room-" << i << "\"\nname = \"Salle " << i << "\"\nseats = 30\npassphrase = \"room-" << i
            << "-secret\"\n";
    return file;
}

struct Percentiles {
    double p50 = 0, p95 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    auto at = [&](double q) { return values[std::min(values.size() - 1, static_cast<std::size_t>(q * values.size()))]; };
    return {at(0.5), at(0.95), values.back()};
}

// What each room's screen was handed, and when (the bench's side of the channel's callback).
struct RoomScreen {
    std::mutex mutex;
    std::map<std::int64_t, Clock::time_point> saw_open;
    std::map<std::int64_t, Clock::time_point> saw_results;
    std::set<std::int64_t> answered;
};

}  // namespace

int main(int argc, char** argv)
{
    std::string qa_bin = "build/bin/estrade-qa";
    int rooms = 100;
    int polls = 20;
    CLI::App cli{"bench_poll: a show of hands across N rooms, close to results on every room's screen"};
    cli.add_option("--qa-bin", qa_bin);
    cli.add_option("--rooms", rooms);
    cli.add_option("--polls", polls);
    CLI11_PARSE(cli, argc, argv);
    spdlog::set_level(spdlog::level::warn);  // a hundred channels saying "connected"

    const auto dir = std::filesystem::temp_directory_path() / ("estrade-poll-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto event_file = write_event(dir, rooms);
    auto broker = start_broker(qa_bin, event_file);
    auto event = std::get<config::Event>(config::load_event_file(event_file));
    event.qa.url = broker.requests;
    event.qa.publish_url = broker.updates;

    std::vector<std::unique_ptr<RoomScreen>> screens;
    std::vector<std::unique_ptr<viewer::QuestionChannel>> channels;
    for (int i = 1; i <= rooms; ++i) {
        const auto site = "room-" + std::to_string(i);
        auto& screen = *screens.emplace_back(std::make_unique<RoomScreen>());
        channels.push_back(std::make_unique<viewer::QuestionChannel>(
            viewer::ChannelSettings{&event, site, qa::client_auth_from(event, site), dir / (site + ".journal")},
            [&screen](const viewer::ChannelView& view) {
                const auto now = Clock::now();
                std::lock_guard lock(screen.mutex);
                for (const auto& [id, poll] : view.polls) {
                    if (poll.state == qa::PollState::open)
                        screen.saw_open.try_emplace(id, now);
                    if (poll.state == qa::PollState::closed)
                        screen.saw_results.try_emplace(id, now);
                }
            }));
    }
    zmq::context_t context;
    qa::QaConnection moderator(context, broker.requests, qa::client_auth_from(event, "moderator"));
    std::this_thread::sleep_for(3s);  // every room's channel connected and resynced

    std::vector<double> open_ms, close_ms;
    int answers_missing = 0;
    const double cpu_before = cpu_seconds_of(broker.pid);
    const auto started = Clock::now();
    for (int k = 0; k < polls; ++k) {
        const auto opened_at = Clock::now();
        auto opened = moderator.request(qa::requests::open_poll("Qui est déjà en formation ?", {"Oui", "Pas encore"}, 60));
        if (!opened || !qa::is_ok(*opened))
            throw std::runtime_error("the broker did not open the poll");
        const auto id = (*opened)["poll"]["id"].get<std::int64_t>();
        // Each room answers once it sees the poll, as its operator would (a count a few seconds later
        // in reality; at once here, so that the answers arrive together).
        const auto deadline = Clock::now() + 10s;
        std::vector<bool> answered(static_cast<std::size_t>(rooms), false);
        int count = 0;
        while (count < rooms && Clock::now() < deadline) {
            for (int i = 0; i < rooms; ++i) {
                auto& screen = *screens[static_cast<std::size_t>(i)];
                std::lock_guard lock(screen.mutex);
                if (answered[static_cast<std::size_t>(i)] || !screen.saw_open.contains(id))
                    continue;
                answered[static_cast<std::size_t>(i)] = true;
                open_ms.push_back(std::chrono::duration<double, std::milli>(screen.saw_open[id] - opened_at).count());
                channels[static_cast<std::size_t>(i)]->answer_poll(id, {i % 7, (i * 3) % 11});
                ++count;
            }
            std::this_thread::sleep_for(5ms);
        }
        // Wait until the broker counted every room (or 5 s), then close.
        const auto counted_by = Clock::now() + 5s;
        std::size_t counted = 0;
        while (Clock::now() < counted_by) {
            auto snapshot = moderator.request(qa::requests::snapshot());
            counted = snapshot ? (*snapshot)["polls"].back()["rooms"].size() : 0;
            if (counted == static_cast<std::size_t>(rooms))
                break;
            std::this_thread::sleep_for(50ms);
        }
        answers_missing += rooms - static_cast<int>(counted);
        const auto closed_at = Clock::now();
        auto closed = moderator.request(qa::requests::close_poll(id));
        if (!closed || !qa::is_ok(*closed))
            throw std::runtime_error("the broker did not close the poll");
        const auto shown_by = Clock::now() + 5s;
        int shown = 0;
        while (shown < rooms && Clock::now() < shown_by) {
            shown = 0;
            for (auto& screen : screens) {
                std::lock_guard lock(screen->mutex);
                shown += screen->saw_results.contains(id);
            }
            std::this_thread::sleep_for(5ms);
        }
        for (auto& screen : screens) {
            std::lock_guard lock(screen->mutex);
            const auto it = screen->saw_results.find(id);
            close_ms.push_back(it == screen->saw_results.end()
                                   ? 5000.0
                                   : std::chrono::duration<double, std::milli>(it->second - closed_at).count());
        }
        moderator.request(qa::requests::clear_poll(id));
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    const double cpu = cpu_seconds_of(broker.pid) - cpu_before;
    channels.clear();
    kill(broker.pid, SIGTERM);
    waitpid(broker.pid, nullptr, 0);
    std::filesystem::remove_all(dir);

    const auto opening = percentiles(open_ms);
    const auto closing = percentiles(close_ms);
    nlohmann::json out{{"rooms", rooms},
                       {"polls", polls},
                       {"open_to_room_ms", {{"p50", opening.p50}, {"p95", opening.p95}, {"max", opening.max}}},
                       {"close_to_results_ms", {{"p50", closing.p50}, {"p95", closing.p95}, {"max", closing.max}}},
                       {"answers_missing", answers_missing},
                       {"broker_cpu_percent", 100.0 * cpu / seconds}};
    std::cout << out.dump() << std::endl;
    return closing.p95 < 1000 && answers_missing == 0 ? 0 : 1;
}
