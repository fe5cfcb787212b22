#include "stream_player.hpp"

#include <gst/app/gstappsrc.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <utility>

namespace estrade::gst {

using namespace std::chrono_literals;
using Clock = StreamStatusMachine::Clock;

std::string player_pipeline(const PlayerSettings& settings)
{
    // The caps filters right after the demuxer are what route each of its pads to the right branch.
    // tsdemux's latency is the margin it adds for its own smoothing (700 ms unless told); playing on the
    // clock, it is the whole margin the pictures and the sound have between capture and being shown.
    const std::string source = "appsrc name=in is-live=true format=bytes do-timestamp=true block=false "
                               "caps=video/mpegts,systemstream=true,packetsize=188 ! tsdemux name=demux " +
                               (settings.clock_latency_ms > 0
                                    ? "latency=" + std::to_string(settings.clock_latency_ms) + " "
                                    : std::string());
    if (!settings.remux_tail.empty())
        return source + settings.remux_tail;
    // The branches are linked to the demuxer's streams by StreamPlayer::link_stream, each time a stream
    // appears: a launch line's "demux. !" links only the first one, and a host whose sound stops (a new
    // program without it) would freeze on its last picture.
    std::string launch =
        source + " queue name=video-in max-size-time=1000000000 ! h264parse ! avdec_h264 name=decoder ! " +
        settings.video_sink;
    if (!settings.audio_sink.empty())
        // The sound's sink in a bin that handles its own state changes: a stream without sound (or whose
        // sound starts late) must not hold the pipeline in PAUSED, waiting for that sink's first buffer,
        // with the first picture frozen on screen.
        launch += " queue name=audio-in max-size-time=1000000000" +
                  (settings.sound_delay_ms > 0 && settings.clock_latency_ms == 0
                       ? " min-threshold-time=" + std::to_string(settings.sound_delay_ms * 1'000'000LL)
                       : std::string()) +
                  " ! aacparse ! avdec_aac name=audio-decoder ! "
                  "audioconvert ! audioresample ! ( name=sound async-handling=true " +
                  settings.audio_sink + " )";
    return launch;
}

namespace {

GstPadProbeReturn count_frame(GstPad*, GstPadProbeInfo*, gpointer counter)
{
    ++*static_cast<std::atomic<long>*>(counter);
    return GST_PAD_PROBE_OK;
}

void stream_added(GstElement*, GstPad* pad, gpointer player) { static_cast<StreamPlayer*>(player)->link_stream(pad); }

GstPadProbeReturn drop_when_hidden(GstPad*, GstPadProbeInfo*, gpointer showing)
{
    return static_cast<std::atomic<bool>*>(showing)->load() ? GST_PAD_PROBE_OK : GST_PAD_PROBE_DROP;
}

GstPadProbeReturn drop_repeated(GstPad*, GstPadProbeInfo* info, gpointer filter)
{
    return static_cast<RepeatedPictures*>(filter)->pass(GST_PAD_PROBE_INFO_BUFFER(info), g_get_monotonic_time() * 1000)
               ? GST_PAD_PROBE_OK
               : GST_PAD_PROBE_DROP;
}

GstPadProbeReturn buffer_decoded(GstPad* pad, GstPadProbeInfo* info, gpointer player)
{
    static_cast<StreamPlayer*>(player)->buffer_decoded(pad, GST_PAD_PROBE_INFO_BUFFER(info));
    return GST_PAD_PROBE_OK;
}

// Sets a property on every sink of the pipeline that has it (autoaudiosink's is passed on to the device's
// sink it makes later).
template <typename Value>
void set_on_sinks(GstBin* bin, const char* property, Value value)
{
    GstIterator* it = gst_bin_iterate_recurse(bin);
    GValue item = G_VALUE_INIT;
    while (gst_iterator_next(it, &item) == GST_ITERATOR_OK) {
        auto* element = GST_ELEMENT(g_value_get_object(&item));
        if (GST_OBJECT_FLAG_IS_SET(element, GST_ELEMENT_FLAG_SINK) &&
            g_object_class_find_property(G_OBJECT_GET_CLASS(element), property))
            g_object_set(element, property, value, nullptr);
        g_value_reset(&item);
    }
    g_value_unset(&item);
    gst_iterator_free(it);
}

}  // namespace

StreamPlayer::StreamPlayer(PlayerSettings settings) : m_settings(std::move(settings))
{
    auto parsed = gst::Pipeline::parse(player_pipeline(m_settings));
    if (auto* error = std::get_if<std::string>(&parsed))
        throw std::runtime_error("the player pipeline cannot be built: " + *error);
    m_pipeline.emplace(std::move(std::get<gst::Pipeline>(parsed)));
    m_appsrc = m_pipeline->element("in");
    if (m_settings.clock_latency_ms > 0) {
        // The system clock, not the sound card's: a stream without sound (or whose sound stops) must keep
        // its pictures moving, and a sound sink's clock stands still while it has nothing to play.
        GstClock* clock = gst_system_clock_obtain();
        gst_pipeline_use_clock(GST_PIPELINE(m_pipeline->get()), clock);
        gst_object_unref(clock);
        // Every sink waits for its buffers' time (the launch strings say sync=false, for playing as they arrive).
        set_on_sinks(GST_BIN(m_pipeline->get()), "sync", TRUE);
        for (const char* name : {"decoder", "audio-decoder"})
            if (gst::Element decoder = m_pipeline->element(name)) {
                gst::Pad pad(gst_element_get_static_pad(decoder.get(), "src"), gst::Ownership::adopt);
                gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &gst::buffer_decoded, this, nullptr);
            }
    }
    if (gst::Element decoder = m_pipeline->element("decoder")) {
        count_buffers("decoder", "src", m_decoded);
        gst::Pad pad(gst_element_get_static_pad(decoder.get(), "src"), gst::Ownership::adopt);
        gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &drop_when_hidden, &m_showing, nullptr);
        if (m_settings.skip_repeated_pictures)
            gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &drop_repeated, &m_repeated, nullptr);
    }
    if (!m_settings.audio_sink.empty())
        count_buffers("audio-decoder", "src", m_sound_decoded);
    if (gst::Element sink = m_pipeline->element("video-sink"))
        count_buffers("video-sink", "sink", m_shown);
    g_signal_connect(m_pipeline->element("demux").get(), "pad-added", G_CALLBACK(&stream_added), this);
    if (m_settings.start_now)
        start();
}

void StreamPlayer::count_buffers(const char* element, const char* pad_name, std::atomic<long>& counter)
{
    gst::Element counted = m_pipeline->element(element);
    gst::Pad pad(gst_element_get_static_pad(counted.get(), pad_name), gst::Ownership::adopt);
    gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &count_frame, &counter, nullptr);
}

void StreamPlayer::link_stream(GstPad* pad)
{
    gst::Caps caps(gst_pad_query_caps(pad, nullptr), gst::Ownership::adopt);
    if (!caps || gst_caps_is_empty(caps.get()))
        return;
    const std::string kind = gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
    const char* branch = kind == "video/x-h264" ? "video-in" : kind == "audio/mpeg" ? "audio-in" : nullptr;
    gst::Element queue = branch ? m_pipeline->element(branch) : gst::Element();
    if (!queue)
        return;  // a stream this player does not take (sound for the slides, subtitles, data)
    gst::Pad input(gst_element_get_static_pad(queue.get(), "sink"), gst::Ownership::adopt);
    if (gst::Pad previous{gst_pad_get_peer(input.get()), gst::Ownership::adopt})
        gst_pad_unlink(previous.get(), input.get());
    if (gst_pad_link(pad, input.get()) != GST_PAD_LINK_OK)
        spdlog::warn("{}: the host's {} stream could not be played", m_settings.caller.stream_id, kind);
}

std::optional<bool> StreamPlayer::sound_device_found() const
{
    gst::Element speakers = m_pipeline->element("speakers");
    if (!speakers || !GST_IS_BIN(speakers.get()))
        return std::nullopt;
    // autoaudiosink names its fallback "fake-audio-sink" (GStreamer's autodetect).
    if (gst::Element fake{gst_bin_get_by_name(GST_BIN(speakers.get()), "fake-audio-sink"), gst::Ownership::adopt})
        return false;
    if (GST_BIN_NUMCHILDREN(GST_BIN(speakers.get())) > 0)
        return true;
    return std::nullopt;
}

void StreamPlayer::start()
{
    if (std::exchange(m_started, true))
        return;
    gst_element_set_state(m_pipeline->get(), GST_STATE_PLAYING);
    m_thread = std::thread([this] { run(); });
}

StreamPlayer::~StreamPlayer()
{
    m_stopping = true;
    if (m_thread.joinable())
        m_thread.join();
    m_pipeline->stop();
}

void StreamPlayer::buffer_decoded(GstPad* pad, GstBuffer* buffer)
{
    GstElement* pipeline = m_pipeline->get();
    gst::Event segment_event(gst_pad_get_sticky_event(pad, GST_EVENT_SEGMENT, 0), gst::Ownership::adopt);
    gst::ClockHandle clock(gst_element_get_clock(pipeline), gst::Ownership::adopt);
    if (!GST_BUFFER_PTS_IS_VALID(buffer) || !segment_event || !clock)
        return;
    const GstSegment* segment = nullptr;
    gst_event_parse_segment(segment_event.get(), &segment);
    const guint64 running_time = gst_segment_to_running_time(segment, GST_FORMAT_TIME, GST_BUFFER_PTS(buffer));
    if (!GST_CLOCK_TIME_IS_VALID(running_time))
        return;
    std::lock_guard lock(m_margin_mutex);
    if (m_latency_ns < 0) {
        // The latency the sinks were given (tsdemux's, the decoder's...), asked again at each window.
        gst::Query query(gst_query_new_latency(), gst::Ownership::adopt);
        GstClockTime least = 0;
        if (gst_element_query(pipeline, query.get()))
            gst_query_parse_latency(query.get(), nullptr, &least, nullptr);
        m_latency_ns = static_cast<std::int64_t>(least);
    }
    const auto now = static_cast<std::int64_t>(gst_clock_get_time(clock.get()));
    const auto due = static_cast<std::int64_t>(gst_element_get_base_time(pipeline) + running_time) + m_latency_ns +
                     m_offset_ns;
    if (const auto change = m_margin.decoded(due - now, now)) {
        m_offset_ns += *change;
        set_on_sinks(GST_BIN(pipeline), "ts-offset", static_cast<gint64>(m_offset_ns.load()));
        spdlog::debug("{}: sinks' time offset moved {} ms, now {} ms", m_settings.caller.stream_id,
                      *change / 1'000'000, m_offset_ns / 1'000'000);
    }
    if (m_margin.window_closed())
        m_latency_ns = -1;
}

StreamStatus StreamPlayer::status() const
{
    std::lock_guard lock(m_mutex);
    return m_machine.status(Clock::now());
}

void StreamPlayer::run()
{
    while (!m_stopping) {
        {
            std::lock_guard lock(m_mutex);
            m_machine.connecting(Clock::now());
        }
        auto connected = srt::Caller::connect(m_settings.caller);
        if (auto* failure = std::get_if<srt::ConnectFailure>(&connected)) {
            std::lock_guard lock(m_mutex);
            m_machine.connect_failed(*failure, Clock::now());
        } else {
            receive(std::get<srt::Caller>(connected));
        }
        wait_for_retry();
    }
}

void StreamPlayer::restart_on_failure()
{
    gst::PipelineProblem problem;
    while (m_pipeline->next_event(0ms, problem) == gst::BusEvent::problem) {
        if (problem.severity != gst::PipelineProblem::Severity::error)
            continue;
        // One log line per different failure, and at most one restart a second: a stream that keeps
        // failing the same way must neither flood the log nor keep the player from stopping.
        if (problem.message != m_last_failure)
            spdlog::warn("{}: decoding failed in {}: {} — restarting the player", m_settings.caller.stream_id,
                         problem.element, problem.message);
        m_last_failure = problem.message;
        m_restart_pending = true;
    }
    if (m_restart_pending && !m_stopping && Clock::now() >= m_last_restart + 1s) {
        m_restart_pending = false;
        m_last_restart = Clock::now();
        gst_element_set_state(m_pipeline->get(), GST_STATE_NULL);
        gst_element_set_state(m_pipeline->get(), GST_STATE_PLAYING);
        ++m_restarts;
    }
}

void StreamPlayer::wait_for_retry()
{
    while (!m_stopping) {
        restart_on_failure();
        {
            std::lock_guard lock(m_mutex);
            if (m_machine.should_reconnect(Clock::now()))
                return;
        }
        std::this_thread::sleep_for(50ms);
    }
}

void StreamPlayer::receive(srt::Caller& caller)
{
    {
        std::lock_guard lock(m_mutex);
        m_machine.connected(Clock::now());
    }
    std::uint8_t buffer[1500];
    while (!m_stopping) {
        restart_on_failure();
        const auto n = caller.receive(buffer, 200ms);
        if (!n) {
            if (!caller.connected()) {
                std::lock_guard lock(m_mutex);
                m_machine.connection_lost(Clock::now());
                break;
            }
            continue;
        }
        gst_app_src_push_buffer(GST_APP_SRC(m_appsrc.get()), gst_buffer_new_memdup(buffer, *n));
        const auto now = Clock::now();
        if (const auto gap = now - m_last_data; gap < 1s)
            m_received_us += std::chrono::duration_cast<std::chrono::microseconds>(gap).count();
        m_last_data = now;
        std::lock_guard lock(m_mutex);
        m_machine.data_arrived(now);
    }
}

}  // namespace estrade::gst
