#include "producer.hpp"

#include "control.hpp"
#include "frame_stamp.hpp"
#include "gate_probe.hpp"
#include "noise_gate.hpp"
#include "pipelines.hpp"
#include "slide_renderer.hpp"
#include "slideshow.hpp"
#include "stream_publisher.hpp"

#include "srt/handles.hpp"
#include "srt/stream_id.hpp"

#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>
#include <zmq.hpp>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace estrade::producer {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string source_label(const config::MediaSource& source)
{
    using Kind = config::MediaSource::Kind;
    switch (source.kind) {
    case Kind::test:
        return "test";
    case Kind::v4l2:
        return "v4l2:" + source.argument;
    case Kind::file:
        return "file:" + source.argument;
    case Kind::alsa:
        return "alsa:" + source.argument;
    case Kind::pulse:
        return source.argument.empty() ? "pulse" : "pulse:" + source.argument;
    case Kind::deck:
        return "deck";
    case Kind::screen:
        return source.argument.empty() ? "screen" : "screen:" + source.argument;
    }
    return "?";
}

// The terminal in "one key at a time" mode for as long as the producer runs, restored after.
class TerminalKeys {
public:
    TerminalKeys()
    {
        if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios raw = m_saved;
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    ~TerminalKeys()
    {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }
    TerminalKeys(const TerminalKeys&) = delete;
    TerminalKeys& operator=(const TerminalKeys&) = delete;
    bool active() const { return m_active; }

private:
    termios m_saved{};
    bool m_active = false;
};

// A file source played in its own pipeline and sought back to the start at its end.
struct LoopingFile {
    gst::Pipeline pipeline;
    std::string label;
};

}  // namespace

std::string describe_pipeline_problem(const gst::PipelineProblem& problem, const config::Event& event)
{
    const auto& p = event.producer;
    const std::string file = event.file.string();
    std::string source;
    std::string key;
    if (problem.element == "camera") {
        source = "camera (" + source_label(p.camera) + ")";
        key = "camera";
    } else if (problem.element == "microphone") {
        source = "microphone (" + source_label(p.microphone) + ")";
        key = "microphone";
    } else if (problem.element == "screen" || problem.element == "capture-card") {
        source = "slides source (" + source_label(p.slides) + ")";
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

struct Producer::Impl {
    srt::Library srt;  // first in, last out: libsrt outlives every socket of the publishers
    config::Event event;
    ProducerOptions options;
    EncodingSettings encoding;

    // The pictures outlive the pipelines: the slides pipeline reads them without copying.
    Picture opening_card;
    std::vector<Picture> title_cards;
    std::vector<Picture> questions_cards;
    std::vector<std::vector<Picture>> decks;
    bool live_slides = false;  // screen or capture card instead of decks

    std::mutex show_mutex;  // guards slideshow; the pusher thread reads the picture under it
    Slideshow slideshow{{}};
    std::atomic<int> recording_talk{0};

    std::optional<gst::Pipeline> speaker;
    std::optional<gst::Pipeline> slides;
    std::vector<LoopingFile> files;
    gst::Element slides_in;
    gst::Element slides_switch;
    std::unique_ptr<NoiseGate> gate;

    std::optional<std::chrono::steady_clock::time_point> restarts[2];  // speaker, slides: after a failure
    std::unique_ptr<StreamPublisher> speaker_publisher;
    std::unique_ptr<StreamPublisher> slides_publisher;

    zmq::context_t context;
    zmq::socket_t control{context, zmq::socket_type::router};
    std::string control_endpoint;

    std::mutex pusher_mutex;
    std::condition_variable pusher_wake;
    bool pusher_stopping = false;
    bool pusher_changed = false;
    std::thread pusher;

    ~Impl()
    {
        {
            std::lock_guard lock(pusher_mutex);
            pusher_stopping = true;
        }
        pusher_wake.notify_all();
        if (pusher.joinable())
            pusher.join();
        speaker_publisher.reset();
        slides_publisher.reset();
        for (auto& f : files)
            f.pipeline.stop();
        if (speaker)
            speaker->stop();
        if (slides)
            slides->stop();
    }

    const Picture* picture_at(SlidePosition at) const
    {
        switch (at.showing) {
        case Showing::opening:
            return &opening_card;
        case Showing::title_card:
            return &title_cards.at(static_cast<std::size_t>(at.talk - 1));
        case Showing::questions:
            return &questions_cards.at(static_cast<std::size_t>(at.talk - 1));
        case Showing::slide:
            if (live_slides)
                return nullptr;
            return &decks.at(static_cast<std::size_t>(at.talk - 1)).at(static_cast<std::size_t>(at.slide - 1));
        }
        return nullptr;
    }

    std::optional<std::string> render_everything()
    {
        const config::VideoSize size = encoding.size;
        opening_card = render_card(event, CardKind::opening, 0, size);
        std::string problems;
        std::vector<int> slides_per_talk;
        for (std::size_t i = 0; i < event.talks.size(); ++i) {
            const config::Talk& talk = event.talks[i];
            title_cards.push_back(render_card(event, CardKind::title, i, size));
            questions_cards.push_back(render_card(event, CardKind::questions, i, size));
            std::vector<Picture> deck;
            if (talk.deck && !live_slides) {
                auto rendered = render_deck(*talk.deck, size);
                if (auto* error = std::get_if<DeckError>(&rendered)) {
                    problems += "talk " + std::to_string(i + 1) + " (" + talk.speaker + "): deck " + error->to_string() + "\n";
                } else {
                    deck = std::move(std::get<std::vector<Picture>>(rendered));
                    spdlog::info("talk {} ({}): {} slides ready from {}", i + 1, talk.speaker, deck.size(),
                                 talk.deck->string());
                }
            }
            slides_per_talk.push_back(live_slides ? 1 : static_cast<int>(deck.size()));
            decks.push_back(std::move(deck));
        }
        if (!problems.empty())
            return problems + "Fix the decks (or remove the `deck` key of those talks); nothing was published.";
        slideshow = Slideshow(slides_per_talk);
        return std::nullopt;
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
        if (p.camera.kind == config::MediaSource::Kind::file)
            if (auto pipe = build("camera file", looping_file_pipeline(p.camera.argument, FileMedia::video,
                                                                      file_channel(event.event.id, "camera"))))
                files.push_back({std::move(*pipe), "camera file " + p.camera.argument});
        if (p.microphone.kind == config::MediaSource::Kind::file)
            if (auto pipe = build("microphone file", looping_file_pipeline(p.microphone.argument, FileMedia::audio,
                                                                          file_channel(event.event.id, "microphone"))))
                files.push_back({std::move(*pipe), "microphone file " + p.microphone.argument});
        speaker = build("speaker", speaker_pipeline(p, encoding));
        slides = build("slides", slides_pipeline(p, encoding));
        if (!problems.empty())
            return problems;
        slides_in = slides->element("slides-in");
        slides_switch = slides->element("slides-switch");
        attach_gate();
        if (options.stamp_frames)
            attach_stamp();
        if (encoding.record_dir) {
            std::error_code ec;
            fs::create_directories(*encoding.record_dir, ec);
            if (ec)
                return "cannot create the recording folder " + encoding.record_dir->string() + ": " + ec.message();
            attach_recorder(*speaker, "speaker");
            attach_recorder(*slides, "slides");
        }
        return std::nullopt;
    }

    void attach_gate()
    {
        gate = std::make_unique<NoiseGate>(audio_cleanup_rate);
        gst::Element identity = speaker->element("speaker-gate");
        attach_noise_gate(identity.get(), *gate);
    }

    void attach_stamp()
    {
        gst::Element identity = speaker->element("speaker-stamp");
        gst::Pad pad(gst_element_get_static_pad(identity.get(), "src"), gst::Ownership::adopt);
        gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &Impl::stamp_probe, this, nullptr);
    }

    static GstPadProbeReturn stamp_probe(GstPad* pad, GstPadProbeInfo* info, gpointer)
    {
        GstBuffer* buffer = gst_buffer_make_writable(GST_PAD_PROBE_INFO_BUFFER(info));
        GST_PAD_PROBE_INFO_DATA(info) = buffer;
        gst::Caps caps(gst_pad_get_current_caps(pad), gst::Ownership::adopt);
        GstVideoInfo video;
        GstVideoFrame frame;
        if (caps && gst_video_info_from_caps(&video, caps.get()) &&
            gst_video_frame_map(&frame, &video, buffer, GST_MAP_READWRITE)) {
            write_frame_stamp(static_cast<std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)),
                              GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0), GST_VIDEO_INFO_WIDTH(&video),
                              GST_VIDEO_INFO_HEIGHT(&video), monotonic_microseconds());
            gst_video_frame_unmap(&frame);
        }
        return GST_PAD_PROBE_OK;
    }

    void attach_recorder(gst::Pipeline& pipeline, const char* stream)
    {
        gst::Element recorder = pipeline.element((std::string(stream) + "-recorder").c_str());
        g_object_set_data(G_OBJECT(recorder.get()), "estrade-stream", const_cast<char*>(stream));
        g_signal_connect(recorder.get(), "format-location", G_CALLBACK(&Impl::recording_name), this);
    }

    // One file per talk: <record_dir>/<stream>-talk2-001.ts (the number counts files within the talk).
    static gchar* recording_name(GstElement* recorder, guint fragment, gpointer self)
    {
        auto* impl = static_cast<Impl*>(self);
        const char* stream = static_cast<const char*>(g_object_get_data(G_OBJECT(recorder), "estrade-stream"));
        const int talk = impl->recording_talk.load();
        const std::string part = talk == 0 ? "opening" : "talk" + std::to_string(talk);
        const fs::path file = *impl->encoding.record_dir / (std::string(stream) + "-" + part + "-" +
                                                            std::to_string(fragment + 1000).substr(1) + ".ts");
        return g_strdup(file.c_str());
    }

    void split_recordings_if_talk_changed(int talk)
    {
        if (!encoding.record_dir || recording_talk.exchange(talk) == talk)
            return;
        for (auto* pipeline : {&*speaker, &*slides}) {
            const std::string name = pipeline == &*speaker ? "speaker-recorder" : "slides-recorder";
            gst::Element recorder = pipeline->element(name.c_str());
            g_signal_emit_by_name(recorder.get(), "split-now");
        }
        request_keyframes();
    }

    void request_keyframe(gst::Pipeline& pipeline, const char* encoder)
    {
        gst::Element element = pipeline.element(encoder);
        gst_element_send_event(element.get(), gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, TRUE, 0));
    }

    void request_keyframes()
    {
        request_keyframe(*speaker, "speaker-encoder");
        request_keyframe(*slides, "slides-encoder");
    }

    void start_publishers()
    {
        auto caller = [&](const std::string& stream) {
            auto s = srt::caller_settings(event, stream, srt::StreamMode::publish, "producer");
            s.connect_timeout = 1500ms;
            return s;
        };
        gst::Element speaker_ts = speaker->element("speaker-ts");
        gst::Element slides_ts = slides->element("slides-ts");
        speaker_publisher = std::make_unique<StreamPublisher>(
            event.stream_name("speaker"), caller("speaker"), speaker_ts.get(),
            [this] { request_keyframe(*speaker, "speaker-encoder"); });
        slides_publisher = std::make_unique<StreamPublisher>(
            event.stream_name("slides"), caller("slides"), slides_ts.get(),
            [this] { request_keyframe(*slides, "slides-encoder"); });
    }

    // Pushes the current picture ten times a second, and at once after a change.
    void push_slides()
    {
        const auto period = std::chrono::microseconds(1000000 / encoding.slides_framerate);
        std::unique_lock lock(pusher_mutex);
        while (!pusher_stopping) {
            pusher_wake.wait_for(lock, period, [this] { return pusher_stopping || pusher_changed; });
            pusher_changed = false;
            const Picture* picture = nullptr;
            {
                std::lock_guard show(show_mutex);
                picture = picture_at(slideshow.position());
            }
            if (!picture)  // the screen or capture card is on, through the selector
                picture = &opening_card;
            GstBuffer* buffer = gst_buffer_new_wrapped_full(
                GST_MEMORY_FLAG_READONLY, const_cast<std::uint8_t*>(picture->i420.data()), picture->i420.size(), 0,
                picture->i420.size(), nullptr, nullptr);
            gst_app_src_push_buffer(GST_APP_SRC(slides_in.get()), buffer);
        }
    }

    void show_changed()
    {
        SlidePosition at;
        {
            std::lock_guard show(show_mutex);
            at = slideshow.position();
        }
        if (slides_switch) {
            const char* pad_name = (at.showing == Showing::slide) ? "sink_1" : "sink_0";
            gst::Pad pad(gst_element_get_static_pad(slides_switch.get(), pad_name), gst::Ownership::adopt);
            g_object_set(slides_switch.get(), "active-pad", pad.get(), nullptr);
        }
        {
            std::lock_guard lock(pusher_mutex);
            pusher_changed = true;
        }
        pusher_wake.notify_all();
        split_recordings_if_talk_changed(at.talk);
    }

    json stream_state(const StreamPublisher& publisher) const
    {
        const PublisherStatus s = publisher.status();
        return {{"state", to_string(s.state)}, {"detail", s.detail}, {"bytes_sent", s.bytes_sent},
                {"connections", s.connections}};
    }

    json state()
    {
        SlidePosition at;
        int slides_in_talk = 0;
        {
            std::lock_guard show(show_mutex);
            at = slideshow.position();
            if (at.talk > 0)
                slides_in_talk = slideshow.slides(at.talk);
        }
        json out{{"ok", true},
                 {"showing", to_string(at.showing)},
                 {"talk", at.talk},
                 {"slide", at.slide},
                 {"slides", slides_in_talk},
                 {"talks", event.talks.size()}};
        if (at.talk > 0) {
            const config::Talk& talk = event.talks.at(static_cast<std::size_t>(at.talk - 1));
            out["speaker"] = talk.speaker;
            out["title"] = talk.title;
        }
        out["streams"] = {{"speaker", stream_state(*speaker_publisher)}, {"slides", stream_state(*slides_publisher)}};
        return out;
    }

    json handle(std::string_view text)
    {
        auto parsed = parse_control_command(text);
        if (auto* error = std::get_if<std::string>(&parsed))
            return {{"ok", false}, {"error", *error}};
        const ControlCommand& command = std::get<ControlCommand>(parsed);
        std::optional<std::string> refusal;
        bool moved = false;
        {
            std::lock_guard show(show_mutex);
            switch (command.verb) {
            case ControlCommand::Verb::state:
                break;
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
            }
        }
        if (moved) {
            show_changed();
            const SlidePosition at = slideshow.position();
            spdlog::info("showing {} talk {} slide {}", to_string(at.showing), at.talk, at.slide);
        }
        json reply = state();
        if (refusal) {
            reply["ok"] = false;
            reply["error"] = *refusal;
        }
        return reply;
    }

    // Presenter keys: → space n PageDown next; ← p PageUp previous; o opening card; t title card and
    // q questions card of the current talk; 1-9 first slide of that talk.
    void handle_key_bytes(const std::string& keys)
    {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const char c = keys[i];
            std::string command;
            if (c == '\x1b' && i + 2 < keys.size() && keys[i + 1] == '[') {
                const char code = keys[i + 2];
                i += 2;
                if (code == 'C')
                    command = "next";
                else if (code == 'D')
                    command = "previous";
                else if ((code == '5' || code == '6') && i + 1 < keys.size() && keys[i + 1] == '~') {
                    ++i;
                    command = code == '6' ? "next" : "previous";
                }
            } else if (c == ' ' || c == 'n') {
                command = "next";
            } else if (c == 'p' || c == 0x7f) {
                command = "previous";
            } else if (c == 'o') {
                command = "opening";
            } else if (c == 't' || c == 'q') {
                const int talk = std::max(1, slideshow.position().talk);
                command = std::string(c == 't' ? "title-card" : "questions") + " talk " + std::to_string(talk);
            } else if (c >= '1' && c <= '9') {
                command = "goto talk " + std::string(1, c);
            }
            if (command.empty())
                continue;
            const json reply = handle(command);
            if (!reply["ok"].get<bool>())
                spdlog::warn("{}: {}", command, reply["error"].get<std::string>());
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
        for (auto& file : files) {
            const auto seen = file.pipeline.next_event(0ms, problem);
            if (seen == gst::BusEvent::end_of_stream)
                gst_element_seek_simple(file.pipeline.get(), GST_FORMAT_TIME,
                                        static_cast<GstSeekFlags>(GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT), 0);
            else if (seen == gst::BusEvent::problem && problem.severity == gst::PipelineProblem::Severity::error)
                spdlog::error("{}: {}", file.label, problem.message);
        }
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
    if (!options.x264_preset.empty())
        impl->encoding.x264_preset = options.x264_preset;
    impl->live_slides = event.producer.slides.kind != config::MediaSource::Kind::deck;
    if (auto problem = impl->render_everything())
        return *problem;
    if (auto problem = impl->build_pipelines())
        return *problem;
    try {
        impl->control.set(zmq::sockopt::linger, 0);
        impl->control.bind(event.producer.control);
        impl->control_endpoint = impl->control.get(zmq::sockopt::last_endpoint);
    } catch (const zmq::error_t& e) {
        return "cannot open the control socket " + event.producer.control + ": " + e.what() +
               " (is another estrade-producer running? change [producer] control in " + event.file.string() + ")";
    }
    // The slides pipeline only reaches PLAYING once its appsrc has a picture.
    Impl* raw = impl.get();
    impl->pusher = std::thread([raw] { raw->push_slides(); });
    for (auto& file : impl->files)
        if (auto problem = file.pipeline.play())
            return file.label + ": " + problem->message;
    for (auto* pipeline : {&*impl->speaker, &*impl->slides})
        if (auto problem = pipeline->play())
            return describe_pipeline_problem(*problem, event);
    impl->start_publishers();
    return std::unique_ptr<Producer>(new Producer(std::move(impl)));
}

std::string Producer::control_endpoint() const { return m_impl->control_endpoint; }

nlohmann::json Producer::handle(std::string_view command) { return m_impl->handle(command); }

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
                                   {nullptr, STDIN_FILENO, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, reading_keys ? 2 : 1, 100ms);
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR)
                throw;
        }
        if (items[0].revents & ZMQ_POLLIN)
            m_impl->serve_control();
        if (reading_keys && (items[1].revents & ZMQ_POLLIN)) {
            char buffer[16];
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n > 0)
                m_impl->handle_key_bytes(std::string(buffer, static_cast<std::size_t>(n)));
        }
        m_impl->watch_pipelines();
    }
}

}  // namespace estrade::producer
