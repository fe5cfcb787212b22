// The producer's launch strings: pure functions of the event file, checked as text and parsed by GStreamer.
#include "gst/looping_file.hpp"
#include "producer/pipelines.hpp"

#include "gst/pipeline.hpp"

#include <catch2/catch.hpp>

using namespace estrade;
using producer::EncodingSettings;
using Kind = config::MediaSource::Kind;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

EncodingSettings small()
{
    EncodingSettings e;
    e.size = {320, 180};
    e.event_id = "demo";
    return e;
}

bool parses(const std::string& description)
{
    auto parsed = gst::Pipeline::parse(description);
    if (auto* error = std::get_if<std::string>(&parsed))
        FAIL_CHECK(*error << "\n" << description);
    return std::holds_alternative<gst::Pipeline>(parsed);
}

}  // namespace

TEST_CASE("speaker pipeline: full-size zero-latency H.264 with keyframes every 2 s, cleaned audio, TS for SRT")
{
    EncodingSettings e;
    e.event_id = "demo";
    const std::string p = producer::speaker_pipeline({}, e);
    CHECK(contains(p, "width=1920,height=1080,framerate=30/1"));
    CHECK(contains(p, "x264enc name=speaker-encoder tune=zerolatency"));
    CHECK(contains(p, "key-int-max=60 bframes=0"));
    CHECK(contains(p, "h264parse config-interval=-1"));  // SPS/PPS before every keyframe
    // The hall output is on by default: the host microphone's echo canceller listens to it.
    CHECK(contains(p, "webrtcdsp name=speaker-cleanup echo-cancel=true delay-agnostic=true probe=hall-probe noise-suppression=true"));
    CHECK(contains(p, "webrtcechoprobe name=hall-probe ! autoaudiosink name=hall-out"));
    CHECK(contains(p, "interaudiosrc name=floor-in"));
    CHECK(contains(p, "audiomixer name=programme-mix"));
    CHECK(contains(p, "mpegtsmux name=return-mux alignment=7 ! appsink name=return-ts"));
    CHECK(contains(p, "high-pass-filter=true gain-control=true"));
    CHECK(contains(p, "identity name=speaker-gate"));
    CHECK(contains(p, "avenc_aac"));
    CHECK(contains(p, "mpegtsmux name=speaker-mux alignment=7"));
    CHECK(contains(p, "appsink name=speaker-ts"));
    CHECK_FALSE(contains(p, "splitmuxsink"));
    CHECK(parses(p));
}

TEST_CASE("the hall output: none, a device, or a WAV file — the floor player feeds floor-in")
{
    config::ProducerSettings s;
    s.hall_output = {Kind::none, {}};
    auto p = producer::speaker_pipeline(s, small());
    CHECK(contains(p, "echo-cancel=false"));  // nothing played in the hall, nothing to cancel
    CHECK_FALSE(contains(p, "webrtcechoprobe"));
    CHECK(contains(p, "interaudiosrc name=floor-in"));  // every room still hears the floor
    CHECK(parses(p));
    s.hall_output = {Kind::alsa, "hw:2"};
    CHECK(contains(producer::speaker_pipeline(s, small()), "alsasink name=hall-out sync=false device=\"hw:2\""));
    s.hall_output = {Kind::file, "/tmp/hall.wav"};
    p = producer::speaker_pipeline(s, small());
    CHECK(contains(p, "wavenc ! filesink name=hall-out sync=false location=\"/tmp/hall.wav\""));
    CHECK(parses(p));
    const auto tail = producer::floor_player_tail("demo");
    CHECK(contains(tail, "opusdec"));
    CHECK(contains(tail, "interaudiosink"));
    CHECK(contains(tail, "channel=\"demo-floor\""));
}

TEST_CASE("slides pipeline: a still-image encoder fed by the decks, keyframes every 2 s at 10 frames/s")
{
    const std::string p = producer::slides_pipeline({}, small());
    CHECK(contains(p, "appsrc name=slides-in is-live=true"));
    CHECK(contains(p, "width=320,height=180,framerate=10/1"));
    CHECK(contains(p, "tune=stillimage+zerolatency"));
    CHECK(contains(p, "key-int-max=20"));
    CHECK_FALSE(contains(p, "input-selector"));
    CHECK(parses(p));
}

TEST_CASE("sources from the event file become the right elements, named for error messages")
{
    config::ProducerSettings s;
    s.camera = {Kind::v4l2, "/dev/video2"};
    s.microphone = {Kind::alsa, "hw:1"};
    auto p = producer::speaker_pipeline(s, small());
    CHECK(contains(p, "v4l2src name=camera device=\"/dev/video2\" ! decodebin"));
    CHECK(contains(p, "videoscale add-borders=true"));
    CHECK(contains(p, "alsasrc name=microphone device=\"hw:1\""));
    CHECK(parses(p));

    s.camera = {Kind::file, "/tmp/talk.mp4"};
    s.microphone = {Kind::pulse, ""};
    p = producer::speaker_pipeline(s, small());
    CHECK(contains(p, "intervideosrc name=camera channel=\"demo-camera\""));
    CHECK(contains(p, "pulsesrc name=microphone"));
    CHECK(parses(p));

    s.microphone = {Kind::file, "/tmp/talk.mp4"};
    p = producer::speaker_pipeline(s, small());
    CHECK(contains(p, "interaudiosrc name=microphone period-time=10000000 latency-time=40000000 channel=\"demo-microphone\""));
    CHECK(parses(gst::looping_file_pipeline("/tmp/talk.mp4", gst::FileMedia::video, "demo-camera")));
    CHECK(parses(gst::looping_file_pipeline("/tmp/talk.mp4", gst::FileMedia::audio, "demo-microphone")));
}

TEST_CASE("screen or capture card slides go through a selector, so title cards can still be shown")
{
    config::ProducerSettings s;
    s.slides = {Kind::screen, ":1"};
    auto p = producer::slides_pipeline(s, small());
    CHECK(contains(p, "ximagesrc name=screen use-damage=false show-pointer=true display-name=\":1\""));
    CHECK(contains(p, "input-selector name=slides-switch"));
    CHECK(parses(p));
    s.slides = {Kind::v4l2, "/dev/video4"};
    p = producer::slides_pipeline(s, small());
    CHECK(contains(p, "v4l2src name=capture-card device=\"/dev/video4\""));
    CHECK(parses(p));
}

TEST_CASE("recording adds one splitmuxsink per stream, in MPEG-TS")
{
    auto e = small();
    e.record_dir = "/tmp/rec";
    const auto speaker = producer::speaker_pipeline({}, e);
    CHECK(contains(speaker, "splitmuxsink name=speaker-recorder async-finalize=true muxer-factory=mpegtsmux"));
    CHECK(contains(speaker, "speaker-recorder.audio_0"));
    CHECK(parses(speaker));
    const auto slides = producer::slides_pipeline({}, e);
    CHECK(contains(slides, "splitmuxsink name=slides-recorder"));
    CHECK(parses(slides));
}

TEST_CASE("quotes in a device name cannot break out of the launch string")
{
    config::ProducerSettings s;
    s.camera = {Kind::v4l2, "/dev/vid\"eo0 ! fakesink"};
    const auto p = producer::speaker_pipeline(s, small());
    CHECK(contains(p, "device=\"/dev/vid\\\"eo0 ! fakesink\""));
    CHECK(parses(p));
}

TEST_CASE("bitrates follow the picture size — keyframe interval is 2 s at any frame rate")
{
    config::Event event;
    event.event.id = "demo";
    event.producer.resolution = {960, 540};
    const auto e = producer::encoding_from(event);
    CHECK(e.speaker_kbps == 1250);
    CHECK(e.slides_kbps == 625);
    CHECK(producer::keyframe_interval_frames(25) == 50);
    CHECK(producer::keyframe_interval_frames(10) == 20);
}
