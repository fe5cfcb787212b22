// The latency bench's receiver: an SRT listener that takes the producer's two streams, decodes the
// speaker stream as a site would, and reads the capture time stamped into each picture
// (estrade-producer --bench-stamp-frames). Prints one JSON line.
#include "gst/pipeline.hpp"
#include "producer/frame_stamp.hpp"
#include "srt/handles.hpp"

#include <CLI/CLI.hpp>
#include <arpa/inet.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

using namespace estrade;

namespace {

struct Counters {
    std::mutex mutex;
    std::vector<double> latency_ms;
    std::int64_t speaker_bytes = 0, slides_bytes = 0;
    std::int64_t lost = 0, dropped = 0;
    int decoded = 0, stamped = 0;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"bench receiver: decode the producer's speaker stream and measure capture-to-decoded latency"};
    int port = 0, latency = 120;
    double seconds = 20, warmup = 5;
    std::string passphrase;
    app.add_option("--port", port)->required();
    app.add_option("--passphrase", passphrase)->required();
    app.add_option("--latency", latency, "SRT latency (ms)");
    app.add_option("--seconds", seconds, "measured seconds, after the warm-up");
    app.add_option("--warmup", warmup, "seconds ignored at the start");
    std::string dump;
    app.add_option("--dump", dump, "write the speaker stream to this file");
    bool decode = true;
    app.add_flag("!--no-decode", decode, "only count bytes");
    CLI11_PARSE(app, argc, argv);

    gst::ensure_initialized();
    srt::Library library;
    auto listener = srt::Socket::create();
    listener.set_string(SRTO_PASSPHRASE, passphrase);
    listener.set(SRTO_LATENCY, latency);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (srt_bind(listener.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == SRT_ERROR ||
        srt_listen(listener.get(), 4) == SRT_ERROR) {
        std::cerr << "listen: " << srt::last_error() << "\n";
        return 1;
    }
    std::cerr << "receiver listening on " << port << std::endl;

    auto parsed = gst::Pipeline::parse("appsrc name=in is-live=true format=bytes do-timestamp=false "
                                       "caps=video/mpegts,systemstream=true,packetsize=188 ! tsdemux ! video/x-h264 ! "
                                       "h264parse ! avdec_h264 ! appsink name=out sync=false max-buffers=5 drop=false");
    auto& decoder = std::get<gst::Pipeline>(parsed);
    gst::Element in = decoder.element("in");
    gst::Element out = decoder.element("out");
    decoder.play();

    Counters counters;
    std::atomic<bool> stop{false};
    std::atomic<bool> measuring{false};
    std::vector<std::thread> readers;
    std::thread accepting([&] {
        while (!stop && readers.size() < 2) {
            sockaddr_storage peer{};
            int length = sizeof peer;
            const int timeout = 200;
            srt_setsockflag(listener.get(), SRTO_RCVTIMEO, &timeout, sizeof timeout);
            srt::Socket caller(srt_accept(listener.get(), reinterpret_cast<sockaddr*>(&peer), &length));
            if (!caller)
                continue;
            readers.emplace_back([&, c = std::move(caller)]() {
                const bool speaker = c.stream_id().find("/speaker") != std::string::npos;
                std::unique_ptr<FILE, int (*)(FILE*)> file(speaker && !dump.empty() ? fopen(dump.c_str(), "wb") : nullptr, fclose);
                const int t = 200;
                srt_setsockflag(c.get(), SRTO_RCVTIMEO, &t, sizeof t);
                char buffer[1500];
                while (!stop) {
                    const int n = srt_recvmsg(c.get(), buffer, sizeof buffer);
                    if (n <= 0)
                        continue;
                    if (measuring) {
                        std::lock_guard lock(counters.mutex);
                        (speaker ? counters.speaker_bytes : counters.slides_bytes) += n;
                    }
                    if (file)
                        fwrite(buffer, 1, static_cast<std::size_t>(n), file.get());
                    if (speaker && decode) {
                        GstBuffer* b = gst_buffer_new_memdup(buffer, static_cast<gsize>(n));
                        gst_app_src_push_buffer(GST_APP_SRC(in.get()), b);
                    }
                }
                SRT_TRACEBSTATS stats{};
                srt_bstats(c.get(), &stats, 0);
                std::lock_guard lock(counters.mutex);
                counters.lost += stats.pktRcvLossTotal;
                counters.dropped += stats.pktRcvDropTotal;
            });
        }
    });
    std::thread decoding([&] {
        while (!stop) {
            gst::Sample sample(gst_app_sink_try_pull_sample(GST_APP_SINK(out.get()), 200 * GST_MSECOND), gst::Ownership::adopt);
            if (!sample)
                continue;
            const std::uint64_t now = producer::monotonic_microseconds();
            GstVideoInfo info;
            GstVideoFrame frame;
            if (!gst_video_info_from_caps(&info, gst_sample_get_caps(sample.get())) ||
                !gst_video_frame_map(&frame, &info, gst_sample_get_buffer(sample.get()), GST_MAP_READ))
                continue;
            const auto stamp = producer::read_frame_stamp(static_cast<const std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)),
                                                          GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0),
                                                          GST_VIDEO_INFO_WIDTH(&info), GST_VIDEO_INFO_HEIGHT(&info));
            gst_video_frame_unmap(&frame);
            if (!measuring)
                continue;
            std::lock_guard lock(counters.mutex);
            ++counters.decoded;
            if (stamp && now >= *stamp) {
                ++counters.stamped;
                counters.latency_ms.push_back(static_cast<double>(now - *stamp) / 1000.0);
            }
        }
    });
    std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
    measuring = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    measuring = false;
    stop = true;
    accepting.join();
    for (auto& r : readers)
        r.join();
    decoding.join();
    decoder.stop();

    std::lock_guard lock(counters.mutex);
    nlohmann::json result{
        {"seconds", seconds},
        {"decoded_fps", counters.decoded / seconds},
        {"stamped_frames", counters.stamped},
        {"speaker_kbps", static_cast<double>(counters.speaker_bytes) * 8 / 1000 / seconds},
        {"srt_packets_lost", counters.lost},
        {"srt_packets_dropped", counters.dropped},
        {"slides_kbps", static_cast<double>(counters.slides_bytes) * 8 / 1000 / seconds},
        {"latency_ms",
         {{"p50", percentile(counters.latency_ms, 0.5)},
          {"p95", percentile(counters.latency_ms, 0.95)},
          {"max", percentile(counters.latency_ms, 1.0)}}}};
    std::cout << result.dump() << std::endl;
    return 0;
}
