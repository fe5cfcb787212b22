#include "pipelines.hpp"

#include "element_names.hpp"

#include "gst/launch.hpp"

#include <algorithm>

namespace estrade::producer {

namespace {

using config::MediaSource;
using gst::quoted;

std::string raw_video_caps(const EncodingSettings& e, int framerate)
{
    return "video/x-raw,format=I420,width=" + std::to_string(e.size.width) + ",height=" +
           std::to_string(e.size.height) + ",framerate=" + std::to_string(framerate) + "/1,pixel-aspect-ratio=1/1";
}

// Any camera gives the same picture size and rate to the encoder; add-borders keeps its shape.
std::string normalise_video(const EncodingSettings& e, int framerate)
{
    return " ! videoconvert ! videoscale add-borders=true ! videorate ! " + raw_video_caps(e, framerate);
}

std::string camera_source(const MediaSource& camera, const EncodingSettings& e)
{
    switch (camera.kind) {
    case MediaSource::Kind::v4l2:
        return "v4l2src name=" + std::string(names::camera) + " device=" + quoted(camera.argument) + " ! decodebin" +
               normalise_video(e, e.speaker_framerate);
    case MediaSource::Kind::file:
        return "intervideosrc name=" + std::string(names::camera) + " channel=" + quoted(file_channel(e.event_id, "camera")) +
               normalise_video(e, e.speaker_framerate);
    default: {
        if (e.flash_and_beep)
            // Black, but for the one frame of every whole second the producer paints white (its capture
            // time stamp says which): bench/lip-sync.sh.
            return "videotestsrc name=" + std::string(names::camera) + " is-live=true pattern=black ! " +
                   raw_video_caps(e, e.speaker_framerate) + " ! identity name=flash";
        // A moving pattern and a clock: a frozen picture at a site is seen at once.
        const int font_px = std::max(8, e.size.height / 14);
        return "videotestsrc name=" + std::string(names::camera) + " is-live=true pattern=smpte horizontal-speed=4 ! " +
               raw_video_caps(e, e.speaker_framerate) +
               " ! clockoverlay halignment=center valignment=bottom shaded-background=true time-format=%H:%M:%S "
               "text=" + quoted("Estrade — test camera") + " font-desc=" + quoted("Sans " + std::to_string(font_px) + "px");
    }
    }
}

// The inter channel (a file microphone, the floor room) into the speaker pipeline: 10 ms periods, 40 ms of
// latency (the defaults, 25 and 100 ms, add a tenth of a second to every question).
const std::string inter_audio_timing = "period-time=10000000 latency-time=40000000";

std::string microphone_source(const MediaSource& microphone, const EncodingSettings& e)
{
    switch (microphone.kind) {
    case MediaSource::Kind::alsa:
        return "alsasrc name=" + std::string(names::microphone) + " device=" + quoted(microphone.argument);
    case MediaSource::Kind::pulse:
        return microphone.argument.empty() ? "pulsesrc name=" + std::string(names::microphone)
                                           : "pulsesrc name=" + std::string(names::microphone) + " device=" + quoted(microphone.argument);
    case MediaSource::Kind::file:
        return "interaudiosrc name=" + std::string(names::microphone) + " " + inter_audio_timing +
               " channel=" + quoted(file_channel(e.event_id, "microphone"));
    default:
        // A tick every second: not steady, so noise suppression leaves it alone and a site hears it. For
        // bench/lip-sync.sh, silence into which the producer writes a voice-like beep on every whole
        // second (the speech gate passes only what has a voice's pitch), in 10 ms buffers.
        if (e.flash_and_beep)
            return "audiotestsrc name=" + std::string(names::microphone) +
                   " is-live=true wave=silence samplesperbuffer=480 ! "
                   "audio/x-raw,format=S16LE,rate=48000,channels=1,layout=interleaved ! identity name=beep";
        return "audiotestsrc name=" + std::string(names::microphone) + " is-live=true wave=ticks volume=0.5";
    }
}


std::string hall_sink(const MediaSource& hall)
{
    const std::string name = " name=" + std::string(names::hall_out);
    switch (hall.kind) {
    case MediaSource::Kind::alsa:
        return "alsasink" + name + " sync=false device=" + quoted(hall.argument);
    case MediaSource::Kind::pulse:
        return "pulsesink" + name + " sync=false" + (hall.argument.empty() ? "" : " device=" + quoted(hall.argument));
    case MediaSource::Kind::file:
        // A recording of what the hall would hear, paced like a loudspeaker (tests, rehearsals).
        return "wavenc ! filesink" + name + " sync=false location=" + quoted(hall.argument);
    default:
        return "autoaudiosink" + name + " sync=false";
    }
}

std::string x264(const std::string& name, const EncodingSettings& e, int framerate, int kbps, const char* tune)
{
    // No B-frames and zero-latency tuning: each frame leaves the encoder as soon as it is coded.
    return "x264enc name=" + name + " tune=" + tune + " speed-preset=" + e.x264_preset + " bitrate=" +
           std::to_string(kbps) + " key-int-max=" + std::to_string(keyframe_interval_frames(framerate)) +
           " bframes=0 byte-stream=true ! video/x-h264,profile=high ! h264parse config-interval=-1";
}

std::string recorder(const std::string& stream, const EncodingSettings& e)
{
    // MPEG-TS: a file cut short by a crash or a power cut still plays up to its last second.
    return "splitmuxsink name=" + names::recorder(stream) + " async-finalize=true muxer-factory=mpegtsmux location=" +
           quoted((*e.record_dir / (stream + "-%03d.ts")).string());
}

std::string ts_output(const std::string& stream)
{
    // alignment=7: one SRT message carries seven 188-byte packets (1316 bytes), as every SRT tool expects.
    // At most ~0.4 s of 1080p waits for the publisher; older data is dropped, never sent late.
    return "mpegtsmux name=" + names::mux(stream) + " alignment=7 ! appsink name=" + names::ts_out(stream) +
           " sync=false max-buffers=200 drop=true";
}

}  // namespace

std::string floor_sound_caps()
{
    return "audio/x-raw,format=S16LE,layout=interleaved,rate=" + std::to_string(audio_cleanup_rate) + ",channels=1";
}

std::string audio_cleanup_chain(bool hall_echo_cancel)
{
    // Delay-agnostic: the hall plays as the sound arrives (sync=false, no added latency), so the canceller
    // finds the echo's delay itself rather than trusting timestamps.
    const std::string echo = hall_echo_cancel
                                 ? std::string("echo-cancel=true delay-agnostic=true probe=") + names::hall_probe
                                 : std::string("echo-cancel=false");
    return "audioconvert ! audioresample ! " + floor_sound_caps() + " ! webrtcdsp name=" + names::speaker_cleanup +
           " " + echo +
           " noise-suppression=true noise-suppression-level=very-high high-pass-filter=true gain-control=true ! "
           "identity name=" + names::speaker_gate;
}

std::string floor_player_tail(const std::string& event_id)
{
    // The decoder conceals a lost packet (plc) rather than leave a gap; the inter channel is what the
    // speaker pipeline's floor-in reads.
    return "demux. ! audio/x-opus ! queue max-size-time=500000000 ! opusparse ! opusdec plc=true ! audioconvert ! "
           "audioresample ! " + floor_sound_caps() + " ! identity name=" + std::string(names::floor_meter) +
           " ! interaudiosink sync=false channel=" + quoted(file_channel(event_id, "floor"));
}

int keyframe_interval_frames(int framerate) { return std::max(1, 2 * framerate); }

std::string file_channel(const std::string& event_id, const char* role) { return event_id + "-" + role; }

EncodingSettings encoding_from(const config::Event& event)
{
    EncodingSettings e;
    e.size = event.producer.resolution;
    e.speaker_framerate = event.producer.framerate;
    e.record_dir = event.producer.record_dir;
    e.event_id = event.event.id;
    // Bitrates follow the picture area, from the 1080p figures.
    const double area = static_cast<double>(e.size.width) * e.size.height / (1920.0 * 1080.0);
    e.speaker_kbps = std::max(300, static_cast<int>(e.speaker_kbps * area));
    e.slides_kbps = std::max(200, static_cast<int>(e.slides_kbps * area));
    return e;
}

std::string speaker_pipeline(const config::ProducerSettings& producer, const EncodingSettings& e)
{
    const bool recording = e.record_dir.has_value();
    const bool hall = producer.hall_output.kind != MediaSource::Kind::none;
    std::string video = camera_source(producer.camera, e);
    if (e.stamp_frames)
        video += std::string(" ! identity name=") + names::speaker_stamp;
    // A leaky queue: if the encoder falls behind, frames are dropped here rather than piling up as delay.
    video += " ! queue max-size-buffers=2 max-size-bytes=0 max-size-time=0 leaky=downstream ! " +
             x264(names::encoder("speaker"), e, e.speaker_framerate, e.speaker_kbps, "zerolatency");
    const std::string aac = "audioconvert ! avenc_aac bitrate=" + std::to_string(e.audio_kbps * 1000) + " ! aacparse";
    // The host's voice, cleaned, goes to the programme and, alone, to the return stream.
    std::string host_voice = microphone_source(producer.microphone, e) + " ! " + audio_cleanup_chain(hall) +
                             " ! tee name=host-voice host-voice. ! queue ! " + names::programme_mix + ". ";
    // The floor room's voice (silence while nobody holds the floor) joins it, and plays in the hall.
    std::string floor_voice = std::string("interaudiosrc name=") + names::floor_in + " " + inter_audio_timing +
                              " channel=" + quoted(file_channel(e.event_id, "floor")) + " ! " + floor_sound_caps();
    if (hall)
        floor_voice += " ! tee name=floor-voice floor-voice. ! queue ! " + std::string(names::programme_mix) +
                       ". floor-voice. ! queue max-size-time=200000000 leaky=downstream ! webrtcechoprobe name=" +
                       names::hall_probe + " ! " + hall_sink(producer.hall_output) + " ";
    else
        floor_voice += " ! queue ! " + std::string(names::programme_mix) + ". ";
    std::string audio = "audiomixer name=" + std::string(names::programme_mix) + " ! " + aac;
    const std::string return_stream = "host-voice. ! queue ! " + aac + " ! mpegtsmux name=" + names::mux("return") +
                                      " alignment=7 ! appsink name=" + names::ts_out("return") +
                                      " sync=false max-buffers=200 drop=true ";
    std::string out = ts_output("speaker");
    const std::string to_mux = " ! queue ! " + names::mux("speaker") + ". ";
    const std::string sound = host_voice + floor_voice + return_stream;
    if (!recording)
        return video + to_mux + audio + to_mux + out + " " + sound;
    return video + " ! tee name=speaker-video" + to_mux + audio + " ! tee name=speaker-audio" + to_mux + out +
           " speaker-video. ! queue ! " + recorder("speaker", e) + " speaker-audio. ! queue ! " +
           names::recorder("speaker") + ".audio_0 " + sound;
}

std::string slides_pipeline(const config::ProducerSettings& producer, const EncodingSettings& e)
{
    const std::string cards = "appsrc name=" + std::string(names::slides_in) + " is-live=true do-timestamp=true format=time block=false "
                              "max-bytes=0 max-buffers=4 leaky-type=downstream caps=" +
                              quoted(raw_video_caps(e, e.slides_framerate) + ",colorimetry=bt709");
    // With a screen or a capture card, a selector picks it (slides) or the cards (sink_0).
    std::string picture = cards;
    std::string live_branch;
    if (producer.slides.kind == config::MediaSource::Kind::screen) {
        live_branch = "ximagesrc name=" + std::string(names::screen) + " use-damage=false show-pointer=true";
        if (!producer.slides.argument.empty())
            live_branch += " display-name=" + quoted(producer.slides.argument);
        live_branch += " ! video/x-raw,framerate=" + std::to_string(e.slides_framerate) + "/1";
    } else if (producer.slides.kind == config::MediaSource::Kind::v4l2) {
        live_branch = "v4l2src name=" + std::string(names::capture_card) + " device=" + quoted(producer.slides.argument) + " ! decodebin";
    }
    if (!live_branch.empty()) {
        picture = "input-selector name=" + std::string(names::slides_switch);
        const std::string selector = names::slides_switch;
        live_branch = " " + cards + " ! " + selector + ".sink_0 " + live_branch + normalise_video(e, e.slides_framerate) +
                      " ! " + selector + ".sink_1";
    }
    // stillimage keeps text sharp; a leaky queue never lets the slides stream build up delay.
    std::string video = picture + " ! queue max-size-buffers=2 max-size-bytes=0 max-size-time=0 leaky=downstream ! " +
                        x264(names::encoder("slides"), e, e.slides_framerate, e.slides_kbps, "stillimage+zerolatency");
    std::string out = ts_output("slides");
    const std::string to_mux = " ! queue ! " + names::mux("slides") + ". ";
    if (!e.record_dir)
        return video + to_mux + out + live_branch;
    return video + " ! tee name=slides-video" + to_mux + out + " slides-video. ! queue ! " + recorder("slides", e) +
           live_branch;
}


}  // namespace estrade::producer
