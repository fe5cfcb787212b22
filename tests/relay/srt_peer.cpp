// A small SRT caller for tests that run in network namespaces: publishes a file at a steady pace,
// or plays a stream into a file until it has been idle for a while.
//   srt_peer publish HOST PORT STREAM_ID PASSPHRASE FILE LOOPS PACE_US
//   srt_peer play    HOST PORT STREAM_ID PASSPHRASE OUT_FILE IDLE_MS
#include "srt/caller.hpp"
#include "relay/ts.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>

using namespace estrade;
using namespace estrade::relay;

int main(int argc, char** argv)
{
    if (argc < 8) {
        std::fprintf(stderr, "usage: srt_peer publish|play HOST PORT STREAM_ID PASSPHRASE FILE ...\n");
        return 2;
    }
    srt::Library library;
    const std::string mode = argv[1];
    srt::CallerSettings settings{{argv[2], static_cast<std::uint16_t>(std::stoi(argv[3]))}, argv[4], argv[5], 200,
                            std::chrono::milliseconds(5000)};

    auto result = srt::Caller::connect(settings);
    if (auto* failure = std::get_if<srt::ConnectFailure>(&result)) {
        std::fprintf(stderr, "srt_peer: %s\n", failure->reason.c_str());
        return 1;
    }
    auto& caller = std::get<srt::Caller>(result);
    std::printf("connected\n");
    std::fflush(stdout);
    if (mode == "publish") {
        std::ifstream in(argv[6], std::ios::binary);
        std::vector<std::uint8_t> data{std::istreambuf_iterator<char>(in), {}};
        const int loops = std::stoi(argv[7]);
        const auto pace = std::chrono::microseconds(std::stoi(argv[8]));
        auto next = std::chrono::steady_clock::now();
        for (int loop = 0; loop < loops; ++loop)
            for (std::size_t at = 0; at < data.size(); at += max_srt_message) {
                caller.send({data.data() + at, std::min(max_srt_message, data.size() - at)});
                next += pace;
                std::this_thread::sleep_until(next);
            }
        // A live stream does not stop: keep going with null packets for a while, so that a loss near the
        // end is noticed and repaired like any other (the test ignores these).
        std::vector<std::uint8_t> null_packets(max_srt_message);
        for (std::size_t at = 0; at < null_packets.size(); at += ts_packet_size) {
            null_packets[at] = 0x47;
            null_packets[at + 1] = 0x1F;
            null_packets[at + 2] = 0xFF;
            null_packets[at + 3] = 0x10;
        }
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
        while (std::chrono::steady_clock::now() < end) {
            caller.send(null_packets);
            next += pace;
            std::this_thread::sleep_until(next);
        }
        return 0;
    }
    std::ofstream out(argv[6], std::ios::binary);
    std::vector<std::uint8_t> buffer(max_srt_message);
    bool started = false;
    const auto idle = std::chrono::milliseconds(std::stoi(argv[7]));
    while (true) {
        auto n = caller.receive(buffer, started ? idle : std::chrono::milliseconds(15000));
        if (!n)
            break;
        started = true;
        out.write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(*n));
        out.flush();
    }
    SRT_TRACEBSTATS stats{};
    srt_bstats(caller.handle(), &stats, 0);
    std::printf("lost=%d dropped=%d\n", stats.pktRcvLossTotal, stats.pktRcvDropTotal);
    return 0;
}
