#include "producer.hpp"

#include "card_set.hpp"
#include "control.hpp"
#include "element_names.hpp"
#include "frame_stamp.hpp"
#include "gst/gate_probe.hpp"
#include "gst/speech_gate.hpp"
#include "pipelines.hpp"
#include "presenter_keys.hpp"
#include "recorder.hpp"
#include "slideshow.hpp"
#include "slide_renderer.hpp"
#include "slides_pusher.hpp"
#include "gst/looping_file.hpp"
#include "gst/sound_meter.hpp"
#include "gst/stream_player.hpp"
#include "gst/stream_publisher.hpp"

#include "config/event_file.hpp"
#include "qa/zap.hpp"
#include "srt/caller.hpp"
#include "srt/handles.hpp"

#include <gst/video/video.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <zmq.hpp>

#include <cmath>
#include <cstring>
#include <list>
#include <numbers>
#include <optional>

namespace estrade::producer {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;


std::string describe_pipeline_problem(const gst::PipelineProblem& problem, const config::Event& event)
{
    const auto& p = event.producer;
    const std::string file = event.file.string();
    std::string source;
    std::string key;
    if (problem.element == names::camera) {
        source = "camera (" + config::to_string(p.camera) + ")";
        key = "camera";
    } else if (problem.element == names::microphone) {
        source = "microphone (" + config::to_string(p.microphone) + ")";
        key = "microphone";
    } else if (problem.element == names::screen || problem.element == names::capture_card) {
        source = "slides source (" + config::to_string(p.slides) + ")";
        key = "slides";
    }
    if (!source.empty()) {
        if (problem.resource_busy)
            return source + " is busy: another program (a videoconference, a browser tab?) is using it; close it";
        if (problem.resource_not_found)
            return source + " cannot be opened: check that it is plugged in and switched on, and the `" + key +
                   "` key in [producer] of " + file + " (" + problem.message + ")";
        return source + " failed: " + problem.message + " (check the `" + key + "` key in [producer] of " + file + ")";
    }
    if (problem.element.find("encoder") != std::string::npos)
        return "the video encoder (" + problem.element + ") failed: " + problem.message +
               " (the machine may be short of memory or CPU)";
    return problem.element + ": " + problem.message;
}

// Who touches what: the main thread (run(): the control socket, the keys, the pipelines' states, the
// slideshow) owns everything here; the slides pusher's thread owns only the picture it is told to show;
// GStreamer's threads reach the speech gate, the frame-stamp probe and the recorder's file names; each
// publisher's thread pulls from its appsink.
struct Producer::Impl {
    srt::Library srt;  // first in, last out: libsrt outlives every socket of the publishers
    config::Event event;
    ProducerOptions options;
    EncodingSettings encoding;

    // Declared before what reads them, so they are destroyed after: the pictures outlive the pusher and
    // the pipelines, the recorder outlives the splitmuxsinks that call it.
    CardSet cards;
    // A show of hands' results, drawn when the console sends them. The last few are kept: the pusher's
    // thread may still be sending the one before the newest.
    std::list<Picture> poll_cards;
    bool poll_card_shown = false;
    std::optional<Recorder> recorder;
    std::unique_ptr<gst::SpeechGate> gate;
    gst::SoundMeter floor_meter;  // outlives the floor player it is attached to
    Slideshow slideshow{{}};

    std::optional<gst::Pipeline> speaker;
    std::optional<gst::Pipeline> slides;
    std::vector<gst::LoopingFile> files;
    gst::Element slides_switch;
    std::optional<std::chrono::steady_clock::time_point> restarts[2];  // speaker, slides: after a failure

    std::unique_ptr<SlidesPusher> pusher;
    std::unique_ptr<gst::StreamPublisher> speaker_publisher;
    std::unique_ptr<gst::StreamPublisher> slides_publisher;
    std::unique_ptr<gst::StreamPublisher> return_publisher;

    // The room every site hears (docs/producer.md#the-floor): its stream played into floor-in.
    std::string floor_site;
    std::int64_t floor_since_ms = 0;
    std::chrono::steady_clock::time_point floor_given{};
    std::unique_ptr<gst::StreamPlayer> floor_player;
    bool floor_reported_missing = false;

    zmq::context_t context;
    std::optional<qa::ZapHandler> zap;  // who may drive the producer: the moderator's key only
    zmq::socket_t control{context, zmq::socket_type::router};
    std::string control_endpoint;

    ~Impl()
    {
        pusher.reset();
        floor_player.reset();
        speaker_publisher.reset();
        slides_publisher.reset();
        return_publisher.reset();
        for (auto& f : files)
            f.stop();
        if (speaker)
            speaker->stop();
        if (slides)
            slides->stop();
    }

    std::optional<std::string> build_pipelines()
    {
        std::string problems;
        auto build = [&](const std::string& name, const std::string& description) -> std::optional<gst::Pipeline> {
            spdlog::debug("{} pipeline: {}", name, description);
            auto parsed = gst::Pipeline::parse(description);
            if (auto* error = std::get_if<std::string>(&parsed)) {
                problems += name + " pipeline cannot be built: " + *error +
                            " (is a GStreamer plugin missing? `./estrade deps` installs them)\n";
                return std::nullopt;
            }
            return std::move(std::get<gst::Pipeline>(parsed));
        };
        const auto& p = event.producer;
        auto loop = [&](const config::MediaSource& source, gst::FileMedia media, const char* role) {
            if (source.kind != config::MediaSource::Kind::file)
                return;
            auto opened = gst::LoopingFile::open(source.argument, media, file_channel(event.event.id, role));
            if (auto* error = std::get_if<std::string>(&opened))
                problems += std::string(role) + " file pipeline cannot be built: " + *error + "\n";
            else
                files.push_back(std::move(std::get<gst::LoopingFile>(opened)));
        };
        loop(p.camera, gst::FileMedia::video, names::camera);
        loop(p.microphone, gst::FileMedia::audio, names::microphone);
        speaker = build("speaker", speaker_pipeline(p, encoding));
        slides = build("slides", slides_pipeline(p, encoding));
        if (!problems.empty())
            return problems;
        slides_switch = slides->element(names::slides_switch);
        gate = std::make_unique<gst::SpeechGate>(audio_cleanup_rate);
        gst::attach_gate(speaker->element(names::speaker_gate).get(), *gate);
        gst::attach_gate_side_chain(speaker->element(names::speaker_cleanup).get(), *gate);
        if (options.stamp_frames)
            attach_stamp();
        if (options.flash_and_beep)
            if (gst::Element flash = speaker->element("flash")) {
                gst::Pad pad(gst_element_get_static_pad(flash.get(), "src"), gst::Ownership::adopt);
                gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &Impl::flash_probe, nullptr, nullptr);
            }
        if (options.flash_and_beep)
            if (gst::Element beep = speaker->element("beep")) {
                gst::Pad pad(gst_element_get_static_pad(beep.get(), "src"), gst::Ownership::adopt);
                gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &Impl::beep_probe, nullptr, nullptr);
            }
        if (options.hall_meter)
            if (gst::Element probe = speaker->element(names::hall_probe))
                options.hall_meter->attach(probe.get());
        if (encoding.record_dir) {
            std::error_code ec;
            fs::create_directories(*encoding.record_dir, ec);
            if (ec)
                return "cannot create the recording folder " + encoding.record_dir->string() + ": " + ec.message();
            recorder.emplace(*encoding.record_dir);
            recorder->attach(*speaker, "speaker");
            recorder->attach(*slides, "slides");
        }
        return std::nullopt;
    }

    void attach_stamp()
    {
        gst::Element identity = speaker->element(names::speaker_stamp);
        gst::Pad pad(gst_element_get_static_pad(identity.get(), "src"), gst::Ownership::adopt);
        gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &Impl::stamp_probe, nullptr, nullptr);
    }

    // The probe's picture, made writable and mapped, handed to `paint`.
    template <typename Paint>
    static GstPadProbeReturn paint_picture(GstPad* pad, GstPadProbeInfo* info, Paint paint)
    {
        GstBuffer* buffer = gst_buffer_make_writable(GST_PAD_PROBE_INFO_BUFFER(info));
        GST_PAD_PROBE_INFO_DATA(info) = buffer;
        gst::Caps caps(gst_pad_get_current_caps(pad), gst::Ownership::adopt);
        GstVideoInfo video;
        GstVideoFrame frame;
        if (caps && gst_video_info_from_caps(&video, caps.get()) &&
            gst_video_frame_map(&frame, &video, buffer, GST_MAP_READWRITE)) {
            paint(frame);
            gst_video_frame_unmap(&frame);
        }
        return GST_PAD_PROBE_OK;
    }

    // The frame captured on a whole second of the pipeline's clock turns white (the tone of the test
    // microphone starts on the same second).
    static GstPadProbeReturn flash_probe(GstPad* pad, GstPadProbeInfo* info, gpointer)
    {
        const GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
        const GstClockTime pts = GST_BUFFER_PTS(buffer);
        const GstClockTime duration = GST_BUFFER_DURATION(buffer);
        if (!GST_CLOCK_TIME_IS_VALID(pts) || !GST_CLOCK_TIME_IS_VALID(duration) || pts % GST_SECOND >= duration)
            return GST_PAD_PROBE_OK;
        // The capture moment on the system clock (CLOCK_MONOTONIC, as the viewer's steady_clock), for
        // the delay from the host's camera to a room's screen.
        const GstClockTime captured = gst_element_get_base_time(GST_ELEMENT(GST_OBJECT_PARENT(pad))) + pts;
        spdlog::info("bench flash captured at {:.3f} ms", static_cast<double>(captured) / 1e6);
        return paint_picture(pad, info, [](GstVideoFrame& frame) {
            for (int y = 0; y < GST_VIDEO_FRAME_HEIGHT(&frame); ++y)
                std::memset(static_cast<std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)) +
                                y * GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0),
                            235, static_cast<std::size_t>(GST_VIDEO_FRAME_COMP_WIDTH(&frame, 0)));
        });
    }

    // A buzz with a voice's pitch (150 Hz and its harmonics) whose loud part starts on every whole second
    // of the pipeline's clock, as the flash: 60 ms of it 24 dB quieter before (so the speech gate, which
    // needs 10 ms of voice to open, is open when the loud part comes, as it is for a speaker already
    // talking), then 100 ms loud. The room notes the first loud sample.
    static GstPadProbeReturn beep_probe(GstPad*, GstPadProbeInfo* info, gpointer)
    {
        constexpr std::int64_t rate = 48000, lead = rate * 60 / 1000, loud = rate * 100 / 1000;
        GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
        if (!GST_CLOCK_TIME_IS_VALID(GST_BUFFER_PTS(buffer)))
            return GST_PAD_PROBE_OK;
        const auto first = static_cast<std::int64_t>(gst_util_uint64_scale_round(GST_BUFFER_PTS(buffer), rate, GST_SECOND));
        const auto count = static_cast<std::int64_t>(gst_buffer_get_size(buffer) / sizeof(std::int16_t));
        const std::int64_t start = (first % rate), end = start + count;
        if (end <= rate - lead && start >= loud)
            return GST_PAD_PROBE_OK;  // nothing of the beep in this buffer
        buffer = gst_buffer_make_writable(buffer);
        GST_PAD_PROBE_INFO_DATA(info) = buffer;
        GstMapInfo map;
        if (!gst_buffer_map(buffer, &map, GST_MAP_WRITE))
            return GST_PAD_PROBE_OK;
        auto* samples = reinterpret_cast<std::int16_t*>(map.data);
        for (std::int64_t i = 0; i < count; ++i) {
            const std::int64_t in_second = (first + i) % rate;
            const double level = in_second < loud ? 0.5 : in_second >= rate - lead ? 0.03 : 0.0;
            if (level == 0.0)
                continue;
            const double t = static_cast<double>(first + i) / rate;
            double buzz = 0;
            for (int k = 1; k <= 10; ++k)
                buzz += std::sin(2 * std::numbers::pi * 150.0 * k * t) / k;
            samples[i] = static_cast<std::int16_t>(std::lround(32767.0 * level * buzz / 2.0));
        }
        gst_buffer_unmap(buffer, &map);
        // audiotestsrc marks its silence as a gap, which the elements after it may skip as silence.
        GST_BUFFER_FLAG_UNSET(buffer, GST_BUFFER_FLAG_GAP);
        return GST_PAD_PROBE_OK;
    }

    static GstPadProbeReturn stamp_probe(GstPad* pad, GstPadProbeInfo* info, gpointer)
    {
        return paint_picture(pad, info, [](GstVideoFrame& frame) {
            write_frame_stamp(static_cast<std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)),
                              GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0), GST_VIDEO_FRAME_WIDTH(&frame),
                              GST_VIDEO_FRAME_HEIGHT(&frame), monotonic_microseconds());
        });
    }

    void request_keyframe(gst::Pipeline& pipeline, const char* stream)
    {
        gst::Element element = pipeline.element(names::encoder(stream).c_str());
        gst_element_send_event(element.get(), gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, TRUE, 0));
    }

    void start_publishers()
    {
        auto caller = [&](const std::string& stream) {
            auto s = srt::caller_settings(event, stream, srt::StreamMode::publish, srt::producer_user);
            s.connect_timeout = 1500ms;
            return s;
        };
        speaker_publisher = std::make_unique<gst::StreamPublisher>(
            event.stream_name("speaker"), caller("speaker"), speaker->element(names::ts_out("speaker").c_str()).get(),
            [this] { request_keyframe(*speaker, "speaker"); });
        slides_publisher = std::make_unique<gst::StreamPublisher>(
            event.stream_name("slides"), caller("slides"), slides->element(names::ts_out("slides").c_str()).get(),
            [this] { request_keyframe(*slides, "slides"); });
        return_publisher = std::make_unique<gst::StreamPublisher>(
            event.stream_name("return"), caller("return"), speaker->element(names::ts_out("return").c_str()).get(),
            [] {});  // sound only: every packet is a place to start
    }

    // The results of a show of hands on the slides stream, until the programme moves or "none".
    std::optional<std::string> show_poll_card(const std::string& poll_json)
    {
        if (poll_json.empty()) {
            if (poll_card_shown)
                show(slideshow.position());
            return std::nullopt;
        }
        qa::Poll poll;
        try {
            poll = qa::poll_from_json(json::parse(poll_json));
        } catch (const std::exception& e) {
            return std::string("the poll could not be read: ") + e.what();
        }
        poll_cards.push_back(render_poll_card(event, poll, encoding.size));
        while (poll_cards.size() > 3)
            poll_cards.pop_front();
        if (slides_switch) {
            gst::Pad pad(gst_element_get_static_pad(slides_switch.get(), "sink_0"), gst::Ownership::adopt);
            g_object_set(slides_switch.get(), "active-pad", pad.get(), nullptr);
        }
        pusher->show(&poll_cards.back());
        poll_card_shown = true;
        spdlog::info("showing the results of show of hands {}", poll.id);
        return std::nullopt;
    }

    // Plays the room's stream into the programme and the hall; none stops it (silence goes on).
    std::optional<std::string> give_floor(const std::string& site)
    {
        if (site == floor_site)
            return std::nullopt;
        if (!site.empty() && !event.find_site(site))
            return "no site \"" + site + "\" in " + event.file.string();
        floor_player.reset();
        floor_meter.reset();
        floor_site = site;
        floor_reported_missing = false;
        if (site.empty()) {
            spdlog::info("floor: nobody; the programme is the host room alone");
            return std::nullopt;
        }
        floor_since_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        floor_given = std::chrono::steady_clock::now();
        gst::PlayerSettings settings;
        settings.caller = srt::caller_settings(event, srt::room_stream(site), srt::StreamMode::play, srt::producer_user);
        settings.remux_tail = floor_player_tail(event.event.id);
        settings.start_now = false;
        try {
            floor_player = std::make_unique<gst::StreamPlayer>(std::move(settings));
        } catch (const std::exception& e) {
            spdlog::error("floor: {}", e.what());
            return std::string(e.what()) + " (is a GStreamer plugin missing? `./estrade deps` installs them)";
        }
        floor_meter.attach(floor_player->element(names::floor_meter).get());
        floor_player->start();
        spdlog::info("floor: {} is heard by every site{}", event.site_name(site),
                     event.producer.hall_output.kind == config::MediaSource::Kind::none ? "" : " and in the hall");
        return std::nullopt;
    }

    // Whether the floor room's sound reaches the host, in words when it does not.
    std::optional<std::string> floor_problem() const
    {
        if (floor_site.empty())
            return std::nullopt;
        const auto now = std::chrono::steady_clock::now();
        const auto last = floor_meter.last_buffer();
        if ((!last && now - floor_given > 3s) || (last && now - *last > 3s))
            return event.site_name(floor_site) + "'s microphone is not reaching the host";
        return std::nullopt;
    }

    json floor_state() const
    {
        if (floor_site.empty())
            return nullptr;
        json out{{"site", floor_site}, {"name", event.site_name(floor_site)}, {"since_ms", floor_since_ms},
                 {"level_db", floor_meter.level_db()}, {"stream", floor_player ? floor_player->status().text : ""}};
        if (auto problem = floor_problem())
            out["problem"] = *problem;
        return out;
    }

    void watch_floor()
    {
        const auto problem = floor_problem();
        if (problem && !floor_reported_missing)
            spdlog::warn("floor: {}; the programme goes on without it", *problem);
        else if (!problem && floor_reported_missing)
            spdlog::info("floor: {} is heard again", event.site_name(floor_site));
        floor_reported_missing = problem.has_value();
    }

    // What the slides stream shows now: a card or slide through the pusher, or the live source.
    void show(SlidePosition at)
    {
        poll_card_shown = false;
        const Picture* picture = cards.picture_at(at);
        if (slides_switch) {
            const char* pad_name = picture ? "sink_0" : "sink_1";
            gst::Pad pad(gst_element_get_static_pad(slides_switch.get(), pad_name), gst::Ownership::adopt);
            g_object_set(slides_switch.get(), "active-pad", pad.get(), nullptr);
        }
        pusher->show(picture ? picture : &cards.opening());  // the live source is on, through the selector
        if (recorder && recorder->talk_changed(at.talk)) {
            request_keyframe(*speaker, "speaker");
            request_keyframe(*slides, "slides");
        }
    }

    json stream_state(const gst::StreamPublisher& publisher) const
    {
        const gst::PublisherStatus s = publisher.status();
        return {{"state", to_string(s.state)}, {"detail", s.detail}, {"bytes_sent", s.bytes_sent},
                {"connections", s.connections}};
    }

    json state() const
    {
        const SlidePosition at = slideshow.position();
        json out{{"ok", true},
                 {"showing", to_string(at.showing)},
                 {"talk", at.talk},
                 {"slide", at.slide},
                 {"slides", at.talk > 0 ? slideshow.slides(at.talk) : 0},
                 {"talks", event.talks.size()}};
        if (at.talk > 0) {
            const config::Talk& talk = event.talks.at(static_cast<std::size_t>(at.talk - 1));
            out["speaker"] = talk.speaker;
            out["title"] = talk.title;
        }
        out["streams"] = {{"speaker", stream_state(*speaker_publisher)},
                          {"slides", stream_state(*slides_publisher)},
                          {"return", stream_state(*return_publisher)}};
        out["floor"] = floor_state();
        out["poll_card"] = poll_card_shown;
        return out;
    }

    json handle(const ControlCommand& command)
    {
        std::optional<std::string> refusal;
        bool moved = false;
        switch (command.verb) {
        case ControlCommand::Verb::state: break;
        case ControlCommand::Verb::next:
            moved = slideshow.next();
            if (!moved)
                refusal = "already at the end of the programme";
            break;
        case ControlCommand::Verb::previous:
            moved = slideshow.previous();
            if (!moved)
                refusal = "already at the opening card";
            break;
        case ControlCommand::Verb::go_to:
            refusal = slideshow.go_to(command.target);
            moved = !refusal;
            break;
        case ControlCommand::Verb::floor:
            refusal = give_floor(command.site);
            break;
        case ControlCommand::Verb::poll_card:
            refusal = show_poll_card(command.poll);
            break;
        }
        if (moved) {
            const SlidePosition at = slideshow.position();
            show(at);
            spdlog::info("showing {} talk {} slide {}", to_string(at.showing), at.talk, at.slide);
        }
        json reply = state();
        if (refusal) {
            reply["ok"] = false;
            reply["error"] = *refusal;
        }
        return reply;
    }

    json handle(std::string_view text)
    {
        auto parsed = parse_control_command(text);
        if (auto* error = std::get_if<std::string>(&parsed))
            return {{"ok", false}, {"error", *error}};
        return handle(std::get<ControlCommand>(parsed));
    }

    void handle_keys(std::string_view bytes)
    {
        for (const auto& command : commands_from_keys(bytes, slideshow.position().talk)) {
            const json reply = handle(command);
            if (!reply["ok"].get<bool>())
                spdlog::warn("{}: {}", to_string(command), reply["error"].get<std::string>());
        }
    }

    void serve_control()
    {
        std::vector<zmq::message_t> parts;
        while (true) {
            parts.clear();
            zmq::message_t part;
            if (!control.recv(part, zmq::recv_flags::dontwait))
                return;
            parts.push_back(std::move(part));
            while (parts.back().more()) {
                zmq::message_t next;
                (void)control.recv(next);
                parts.push_back(std::move(next));
            }
            if (parts.size() < 2)
                continue;
            const json reply = handle(parts.back().to_string_view());
            // The envelope back unchanged: REQ clients (identity, empty frame) and DEALERs alike.
            for (std::size_t i = 0; i + 1 < parts.size(); ++i)
                control.send(parts[i], zmq::send_flags::sndmore);
            control.send(zmq::buffer(reply.dump()), zmq::send_flags::none);
        }
    }

    void watch_pipelines()
    {
        gst::PipelineProblem problem;
        for (auto& file : files)
            if (auto failure = file.poll())
                spdlog::error("{}", *failure);
        const auto now = std::chrono::steady_clock::now();
        std::size_t index = 0;
        for (auto* pipeline : {&*speaker, &*slides}) {
            auto& restart_at = restarts[index++];
            if (restart_at && now >= *restart_at) {
                restart_at.reset();
                spdlog::info("restarting a stream after its source failed");
                gst_element_set_state(pipeline->get(), GST_STATE_PLAYING);  // failures come back on the bus
            }
            if (pipeline->next_event(0ms, problem) != gst::BusEvent::problem)
                continue;
            const std::string line = describe_pipeline_problem(problem, event);
            if (problem.severity == gst::PipelineProblem::Severity::warning) {
                spdlog::warn("{}", line);
                continue;
            }
            // A source unplugged mid-event: say so, and try again rather than end the broadcast; the
            // control socket and the other stream carry on meanwhile.
            spdlog::error("{}; restarting that stream in 2 s", line);
            pipeline->stop();
            restart_at = now + 2s;
        }
    }
};

Producer::Producer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Producer::~Producer() = default;

std::variant<std::unique_ptr<Producer>, std::string> Producer::start(const config::Event& event,
                                                                     const ProducerOptions& options)
{
    gst::ensure_initialized();
    auto impl = std::make_unique<Impl>();
    impl->event = event;
    impl->options = options;
    impl->encoding = encoding_from(event);
    impl->encoding.stamp_frames = options.stamp_frames;
    impl->encoding.flash_and_beep = options.flash_and_beep;
    if (!options.x264_preset.empty())
        impl->encoding.x264_preset = options.x264_preset;
    const bool live_slides = event.producer.slides.kind != config::MediaSource::Kind::deck;
    if (auto problem = impl->cards.render(event, impl->encoding.size, live_slides))
        return *problem;
    impl->slideshow = Slideshow(impl->cards.slides_per_talk());
    if (auto problem = impl->build_pipelines())
        return *problem;
    try {
        // Its commands decide what every room sees and hears: the moderator's key only (docs/producer.md).
        auto auth = qa::producer_control_server_auth(event);
        impl->zap.emplace(impl->context, auth, "producer control");
        qa::apply_server_security(impl->control, auth);
    } catch (const std::exception& e) {
        return std::string("the control socket cannot be secured: ") + e.what();
    }
    try {
        impl->control.set(zmq::sockopt::linger, 0);
        impl->control.bind(event.producer.control);
        impl->control_endpoint = impl->control.get(zmq::sockopt::last_endpoint);
    } catch (const zmq::error_t& e) {
        return "cannot open the control socket " + event.producer.control + ": " + e.what() +
               " (is another estrade-producer running? change [producer] control in " + event.file.string() + ")";
    }
    // The slides pipeline only reaches PLAYING once its appsrc has a picture.
    impl->pusher = std::make_unique<SlidesPusher>(impl->slides->element(names::slides_in),
                                                  impl->encoding.slides_framerate, &impl->cards.opening(),
                                                  [raw = impl.get()] { raw->request_keyframe(*raw->slides, "slides"); });
    for (auto& file : impl->files)
        if (auto problem = file.play())
            return file.label() + ": " + problem->message;
    for (auto* pipeline : {&*impl->speaker, &*impl->slides})
        if (auto problem = pipeline->play())
            return describe_pipeline_problem(*problem, event);
    impl->start_publishers();
    return std::unique_ptr<Producer>(new Producer(std::move(impl)));
}

std::string Producer::control_endpoint() const { return m_impl->control_endpoint; }

void Producer::run(const std::atomic<bool>& stop)
{
    std::optional<TerminalKeys> keys;
    if (m_impl->options.keyboard)
        keys.emplace();
    const bool reading_keys = keys && keys->active();
    if (reading_keys)
        spdlog::info("keys: → or space next, ← previous, o opening card, t title card, q questions, 1-9 talk, Ctrl-C stop");
    while (!stop) {
        zmq::pollitem_t items[] = {{m_impl->control.handle(), 0, ZMQ_POLLIN, 0},
                                   {m_impl->zap->socket().handle(), 0, ZMQ_POLLIN, 0},
                                   {nullptr, STDIN_FILENO, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, reading_keys ? 3 : 2, 100ms);
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR)
                throw;
        }
        if (items[1].revents & ZMQ_POLLIN)
            m_impl->zap->handle();
        if (items[0].revents & ZMQ_POLLIN)
            m_impl->serve_control();
        if (reading_keys && (items[2].revents & ZMQ_POLLIN)) {
            char buffer[16];
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n > 0)
                m_impl->handle_keys(std::string_view(buffer, static_cast<std::size_t>(n)));
        }
        m_impl->watch_pipelines();
        m_impl->watch_floor();
    }
}

}  // namespace estrade::producer
