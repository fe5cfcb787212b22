#include "talkback.hpp"

#include "config/event_file.hpp"
#include "gst/gate_probe.hpp"
#include "gst/handles.hpp"
#include "gst/launch.hpp"

#include <gst/gst.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace estrade::viewer {

namespace {

using Kind = config::MediaSource::Kind;
using gst::quoted;

// The echo canceller, its probe and Opus at one rate: 16 kHz (wideband speech) costs a third of 48 kHz
// in webrtcdsp (one band instead of three), which is what holding the floor costs a room PC most.
constexpr int rate = 16000;
const std::string sound_caps =
    "audio/x-raw,format=S16LE,layout=interleaved,rate=" + std::to_string(rate) + ",channels=1";

std::string file_channel(const TalkbackSettings& s) { return s.event.event.id + "-" + s.site + "-microphone"; }

}  // namespace

std::string room_microphone_source(const TalkbackSettings& s)
{
    const auto& m = s.microphone;
    switch (m.kind) {
    case Kind::alsa:
        return "alsasrc name=microphone device=" + quoted(m.argument);
    case Kind::pulse:
        return "pulsesrc name=microphone" + (m.argument.empty() ? std::string() : " device=" + quoted(m.argument));
    case Kind::file:
        return "interaudiosrc name=microphone period-time=10000000 latency-time=40000000 channel=" + quoted(file_channel(s));
    case Kind::test:
        // A tick every half second: a rehearsal hears the room's line work without anyone speaking.
        return "audiotestsrc name=microphone is-live=true wave=ticks tick-interval=500000000 volume=0.4";
    default:
        return "autoaudiosrc name=microphone";
    }
}

std::string talkback_pipeline_tail(const TalkbackSettings& s)
{
    // What the loudspeakers play, and the echo canceller's reference: the return (AAC).
    const std::string playback = "demux. ! audio/mpeg ! queue max-size-time=1000000000 ! aacparse ! avdec_aac ! "
                                 "audioconvert ! audioresample ! " + sound_caps +
                                 " ! identity name=returned ! webrtcechoprobe name=room-probe ! "
                                 "( name=sound async-handling=true " + s.speakers + " ) ";
    // The room's voice: cleaned (room_voice_cleanup), then Opus in MPEG-TS for the publisher, one TS packet
    // (one 20 ms Opus frame) per SRT message: seven a message held each back up to 140 ms, and the host's
    // inter channel, fed in such bursts, padded with silence between them (the voice slipped by ±20 ms).
    const std::string voice = room_microphone_source(s) + " ! " + room_voice_cleanup(true) +
                              " ! identity name=room-voice ! audioconvert ! opusenc bitrate=32000 frame-size=20 "
                              "bandwidth=wideband audio-type=voice ! mpegtsmux alignment=1 ! appsink name=room-ts "
                              "sync=false max-buffers=200 drop=true";
    return playback + voice;
}

std::string room_voice_cleanup(bool echo_cancel)
{
    return "audioconvert ! audioresample ! " + sound_caps +
           " ! webrtcdsp name=room-cleanup probe=room-probe echo-cancel=" + (echo_cancel ? "true" : "false") +
           " delay-agnostic=true echo-suppression-level=high noise-suppression=true noise-suppression-level=high "
           "high-pass-filter=true gain-control=true ! identity name=room-gate";
}

std::string room_sound_caps() { return sound_caps; }

std::optional<std::string> microphone_problem(const config::MediaSource& microphone)
{
    if (microphone.kind == Kind::file) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(microphone.argument, ec))
            return "the microphone file " + microphone.argument + " is not there";
        return std::nullopt;
    }
    if (microphone.kind != Kind::automatic)
        return std::nullopt;  // named explicitly: a failure is reported when the floor opens it
    gst::ensure_initialized();
    GstDeviceMonitor* monitor = gst_device_monitor_new();
    gst_device_monitor_add_filter(monitor, "Audio/Source", nullptr);
    GList* devices = gst_device_monitor_get_devices(monitor);
    const bool found = devices != nullptr;
    g_list_free_full(devices, gst_object_unref);
    gst_object_unref(monitor);
    if (!found)
        return "no microphone found on this computer";
    return std::nullopt;
}

Talkback::Talkback(TalkbackSettings settings) : m_settings(std::move(settings)), m_gate(rate)
{
    if (m_settings.microphone.kind == Kind::file) {
        auto opened = gst::LoopingFile::open(m_settings.microphone.argument, gst::FileMedia::audio,
                                             file_channel(m_settings));
        if (auto* error = std::get_if<std::string>(&opened))
            throw std::runtime_error("the microphone file cannot be played: " + *error);
        m_file.emplace(std::move(std::get<gst::LoopingFile>(opened)));
    }
    gst::PlayerSettings player;
    player.caller = srt::caller_settings(m_settings.event, "return", srt::StreamMode::play, m_settings.site);
    player.remux_tail = talkback_pipeline_tail(m_settings);
    player.start_now = false;
    m_player = std::make_unique<gst::StreamPlayer>(std::move(player));
    gst::attach_gate(m_player->element("room-gate").get(), m_gate);
    m_microphone.attach(m_player->element("room-voice").get());
    m_returned.attach(m_player->element("returned").get());
    auto caller = srt::caller_settings(m_settings.event, srt::room_stream(m_settings.site), srt::StreamMode::publish,
                                       m_settings.site);
    m_publisher = std::make_unique<gst::StreamPublisher>(m_settings.event.stream_name(srt::room_stream(m_settings.site)),
                                                         caller, m_player->element("room-ts").get(), [] {});
    if (m_file) {
        if (auto problem = m_file->play())
            spdlog::warn("microphone file: {}", problem->message);
        m_file_loop = std::jthread([this](std::stop_token stop) {
            while (!stop.stop_requested()) {
                if (auto failure = m_file->poll())
                    spdlog::warn("{}", *failure);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }
    m_player->start();
    spdlog::info("floor: {}'s microphone is open ({})", m_settings.site, config::to_string(m_settings.microphone));
}

Talkback::~Talkback()
{
    m_publisher.reset();  // first: the relay sees the room's stream end at once
    m_player.reset();
    m_file_loop = {};
    if (m_file)
        m_file->stop();
    spdlog::info("floor: {}'s microphone is closed", m_settings.site);
}

}  // namespace estrade::viewer
