// What a room's screen shows, computed from the programme and the queue: layouts, banner, panel rows.
#include "viewer/room_state.hpp"
#include "viewer/video_path.hpp"

#include <catch2/catch.hpp>

using namespace estrade;
using viewer::Layout;

namespace {

config::Event two_sites()
{
    config::Event event;
    event.event.title = "Zoom métiers";
    event.sites = {{"loudeac", "Maison de l'Emploi, Loudéac", 20, "x"}, {"brest", "Cobrem, Brest", 20, "y"}};
    return event;
}

qa::Question question(std::int64_t id, const std::string& site, qa::QuestionState state, std::set<std::string> voters = {})
{
    qa::Question q;
    q.id = id;
    q.site = site;
    q.text = "question " + std::to_string(id);
    q.state = state;
    q.voters = std::move(voters);
    return q;
}

}  // namespace

TEST_CASE("the host's step suggests a layout: slides, the speaker inset during a talk, the speaker for questions")
{
    CHECK(viewer::suggested_layout(std::nullopt) == Layout::slides);
    CHECK(viewer::suggested_layout(qa::ProgrammeStep{qa::StepKind::opening, 0}) == Layout::slides);
    CHECK(viewer::suggested_layout(qa::ProgrammeStep{qa::StepKind::talk, 2}) == Layout::slides_with_speaker_inset);
    CHECK(viewer::suggested_layout(qa::ProgrammeStep{qa::StepKind::questions, 2}) == Layout::speaker);
    CHECK(viewer::suggested_layout(qa::ProgrammeStep{qa::StepKind::ended, 0}) == Layout::slides);
    CHECK(viewer::layout_from_number(3) == Layout::side_by_side);
    CHECK_FALSE(viewer::layout_from_number(5));
    CHECK_FALSE(viewer::layout_from_number(0));
}

TEST_CASE("a room's own layout holds across the host's steps until it follows the host again")
{
    viewer::LayoutChoice choice;
    choice.host_suggests(Layout::slides_with_speaker_inset);
    CHECK(choice.shown() == Layout::slides_with_speaker_inset);
    CHECK(choice.following_host());
    choice.room_chooses(Layout::side_by_side);
    choice.host_suggests(Layout::speaker);
    CHECK(choice.shown() == Layout::side_by_side);
    CHECK_FALSE(choice.following_host());
    choice.follow_host();
    CHECK(choice.shown() == Layout::speaker);
}

TEST_CASE("the banner says where the programme is, in words")
{
    const qa::Json talk = {{"kind", "talk"}, {"talk", 2}, {"talks", 3}, {"speaker", "Yann Guéguen"},
                           {"role", "Maréchal des logis-chef"}, {"organisation", "Gendarmerie nationale"},
                           {"title", "Gendarme en brigade territoriale"}};
    // Read as the replica reads the broker's JSON: the wire shape is the test's input.
    auto banner_of = [](const qa::Json& json, const std::string& title) {
        return viewer::banner_for(qa::programme_from_json(json), title);
    };
    auto banner = banner_of(talk, "Zoom métiers");
    CHECK(banner.headline == "Talk 2 of 3 — Yann Guéguen");
    CHECK(banner.detail == "Maréchal des logis-chef, Gendarmerie nationale · Gendarme en brigade territoriale");

    auto questions = talk;
    questions["kind"] = "questions";
    banner = banner_of(questions, "Zoom métiers");
    CHECK(banner.headline == "Questions — talk 2 of 3");
    CHECK(banner.detail == "Yann Guéguen, Maréchal des logis-chef, Gendarmerie nationale");

    CHECK(banner_of({{"kind", "break"}, {"talk", 1}, {"talks", 3}}, "Z").detail == "next: talk 2 of 3");
    CHECK(banner_of({{"kind", "opening"}, {"talk", 0}, {"talks", 3}}, "Z").headline == "Z");
    CHECK(banner_of({{"kind", "ended"}}, "Z").detail.starts_with("the event has ended"));
    CHECK(banner_of(qa::Json(), "Z").detail == "waiting for the host's programme");
}

TEST_CASE("the picked question is shown with who asked it and from where")
{
    const auto event = two_sites();
    std::map<std::int64_t, qa::Question> questions;
    questions[1] = question(1, "loudeac", qa::QuestionState::answered);
    CHECK_FALSE(viewer::picked_question(questions, event));
    questions[2] = question(2, "brest", qa::QuestionState::on_screen);
    questions[2].asker = "Léa";
    const auto picked = viewer::picked_question(questions, event);
    REQUIRE(picked);
    CHECK(picked->id == 2);
    CHECK(picked->text == "question 2");
    CHECK(picked->from == "Léa — Cobrem, Brest");
}

TEST_CASE("the question panel: on screen, then waiting by votes, then unsent, then this room's closed ones")
{
    const auto event = two_sites();
    std::map<std::int64_t, qa::Question> questions;
    questions[1] = question(1, "brest", qa::QuestionState::waiting);
    questions[2] = question(2, "brest", qa::QuestionState::waiting, {"loudeac"});
    questions[3] = question(3, "loudeac", qa::QuestionState::dismissed);
    questions[3].reason = "already answered in the talk";
    questions[4] = question(4, "brest", qa::QuestionState::answered);  // not this room's: not shown
    questions[5] = question(5, "loudeac", qa::QuestionState::on_screen);
    questions[6] = question(6, "loudeac", qa::QuestionState::answered);
    const auto rows = viewer::question_rows(questions, {{"r1", "typed offline", "Tom"}}, "loudeac", event);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0].id == 5);
    CHECK(rows[0].state == "on screen");
    CHECK(rows[1].id == 2);  // one vote: before question 1
    CHECK(rows[1].votes == 1);
    CHECK(rows[1].voted);
    CHECK_FALSE(rows[1].can_vote);
    CHECK(rows[2].id == 1);
    CHECK(rows[2].can_vote);
    CHECK(rows[2].from == "Cobrem, Brest");
    CHECK(rows[3].id == 0);
    CHECK(rows[3].state == "not sent yet");
    CHECK(rows[3].from == "Tom — this room");
    CHECK(rows[4].id == 6);  // closed ones newest first
    CHECK(rows[5].id == 3);
    CHECK(rows[5].state == "dismissed: already answered in the talk");
    CHECK(rows[5].mine);
    CHECK_FALSE(rows[5].can_vote);
}

TEST_CASE("the video path follows the GL renderer: scale and convert on the CPU without a GPU")
{
    using viewer::VideoPath;
    CHECK(viewer::video_path_for("llvmpipe (LLVM 15.0.6, 256 bits)") == VideoPath::software);
    CHECK(viewer::video_path_for("softpipe") == VideoPath::software);
    CHECK(viewer::video_path_for("Mesa Intel(R) UHD Graphics 620 (KBL GT2)") == VideoPath::gpu);
    CHECK(viewer::video_path_for("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)") == VideoPath::gpu);

    // --video-path NAME: the names that force a path; "auto" and "glsink" choose by the renderer.
    CHECK(viewer::video_path_named("raster") == VideoPath::raster);
    CHECK(viewer::video_path_named("raster-image") == VideoPath::raster_image);
    CHECK(viewer::video_path_named("scaled-gl-convert") == VideoPath::scaled_gl_convert);
    CHECK_FALSE(viewer::video_path_named("auto"));
    CHECK_FALSE(viewer::video_path_named("glsink"));
    CHECK(viewer::video_path_names().size() == 8);

    const auto software = viewer::video_sink_for(VideoPath::software, 640, 360);
    CHECK(software.find("videoscale ! capsfilter name=video-size caps=video/x-raw,width=640,height=360 "
                        "! videoconvert ! video/x-raw,format=RGBA ! glupload") != std::string::npos);
    CHECK(viewer::video_sink_for(VideoPath::gpu, 640, 360).find("glupload ! glcolorconvert ! qml6glsink") !=
          std::string::npos);
    for (auto path : {VideoPath::software, VideoPath::software_full_size, VideoPath::gpu}) {
        const auto sink = viewer::video_sink_for(path, 640, 360);
        CHECK(sink.starts_with("queue max-size-buffers=3 max-size-bytes=0 max-size-time=0 leaky=downstream ! "));
        CHECK(sink.ends_with("qml6glsink name=video-sink sync=false"));
    }
    // Without GL: BGRx (QImage's RGB32) at the item's size, square pixels, for the image item's appsink.
    const auto raster = viewer::video_sink_for(VideoPath::raster, 640, 360);
    // Scaled in 4:2:0 before converting (cheaper than one pass that does both), converted by the item.
    CHECK(raster.find("videoscale ! capsfilter name=video-size caps=video/x-raw,pixel-aspect-ratio=1/1,width=640,height=360 "
                      "! videoconvert ! video/x-raw,format=I420 ! appsink name=video-frames") != std::string::npos);
    // The image item's (benchmarks): BGRx, QImage's RGB32.
    CHECK(viewer::video_sink_for(VideoPath::raster_image, 640, 360)
              .find("width=640,height=360 ! videoconvert ! video/x-raw,format=BGRx ! appsink name=video-frames") !=
          std::string::npos);
    // On the clock, pictures wait for their time in the queue: a second of them, not three.
    CHECK(viewer::video_sink_for(VideoPath::raster, 640, 360, true)
              .starts_with("queue max-size-buffers=0 max-size-bytes=0 max-size-time=1000000000 leaky=downstream ! "));
}

TEST_CASE("no sound from the host is said after a few seconds of pictures without sound, and cleared when it is back")
{
    using namespace std::chrono_literals;
    viewer::SoundWatch watch;
    const auto t0 = viewer::SoundWatch::Clock::now();
    long pictures = 0, sound = 0;
    auto at = [&](std::chrono::milliseconds t, bool picture, bool sound_buffer) {
        pictures += picture ? 8 : 0;
        sound += sound_buffer ? 12 : 0;
        return watch.update(pictures, sound, t0 + t);
    };
    CHECK_FALSE(at(0ms, true, true));
    CHECK_FALSE(at(250ms, true, true));
    CHECK_FALSE(at(3000ms, true, false));  // silent for 2.75 s: not yet
    CHECK(at(4500ms, true, false));        // pictures move, no sound for over 4 s
    CHECK_FALSE(at(4750ms, false, false)); // the pictures stopped too: the stream's status says so, not this
    CHECK(at(5000ms, true, false));
    CHECK_FALSE(at(5250ms, true, true));   // sound is back
}
