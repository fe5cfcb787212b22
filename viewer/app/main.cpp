// estrade-viewer: what a remote room runs on the PC connected to its projector or TV (docs/viewer.md).
#include "viewer_app.hpp"
#include "viewer/video_path.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/cfg/env.h>

int main(int argc, char** argv)
{
    spdlog::cfg::load_env_levels();
    estrade::viewer::ViewerOptions o;
    CLI::App cli{"estrade-viewer: the speaker and the slides of a live event, full screen, with the question panel"};
    cli.allow_extras();  // Qt's own options (-platform ...)
    cli.add_option("joinfile", o.join_file, "the join file the host sent this room (<site>.estrade)")
        ->check(CLI::ExistingFile);
    auto* event_option =
        cli.add_option("--event", o.event_file, "or: the whole event file (with --site)")->check(CLI::ExistingFile);
    auto* site_option = cli.add_option("--site", o.site, "this room's site id in the event file");
    event_option->needs(site_option);
    site_option->needs(event_option);
    event_option->excludes("joinfile");
    cli.add_option("--journal", o.journal, "where this room keeps its questions until they are sent (SQLite)");
    cli.add_option("--layout", o.layout, "start in a layout of the room's own: 1 speaker, 2 slides, 3 side by side, "
                                         "4 slides with the speaker inset (default: follow the host)")
        ->check(CLI::Range(1, 4));
    cli.add_option("--language", o.language, "the screen's language: fr or en (default: the event's, else this PC's)")
        ->check(CLI::IsMember({"fr", "en"}));
    cli.add_flag("--fullscreen", o.fullscreen, "start full screen (F toggles)");
    cli.add_option("--size", o.size, "window size when not full screen, WIDTHxHEIGHT");
    cli.add_option("--speaker-screen", o.speaker_screen,
                   "two displays: the speaker full screen on this screen (0, 1...)");
    cli.add_option("--slides-screen", o.slides_screen, "two displays: the slides full screen on this screen");
    cli.add_flag("--mute", o.mute, "do not play the speaker's sound");
    cli.add_option("--microphone", o.microphone,
                   "the room's microphone when it has the floor: auto, pulse, pulse:DEVICE, alsa:DEVICE, test, "
                   "file:PATH (default: the join file's, else auto)");
    cli.add_option("--sound-out", o.sound_out, "write the speaker's sound to this WAV file instead of playing it (tests)");
    cli.add_option("--return-sound-out", o.return_sound_out,
                   "while the room has the floor, write what its loudspeakers play to this WAV file (tests)");
    cli.add_flag("--questions", o.questions_open, "start with the question panel open (a PC used to ask questions)");
    cli.add_option("--video-path", o.video_path,
                   "how pictures reach the screen: auto (planes with a GPU, raster on a CPU renderer), planes (the "
                   "decoder's planes drawn by the scene graph), raster (Qt Quick's software renderer, no GL), glsink (GStreamer's qml6glsink, chosen by the GL "
                   "renderer), software, gpu (software-full-size, scaled-gl-convert, raster-image, raster-full-size: for benchmarks)")
        ->check(CLI::IsMember([] {
            auto names = estrade::viewer::video_path_names();
            names.insert(names.end(), {"auto", "glsink"});
            return names;
        }()));
    cli.add_option("--grab", o.grabs, "write the window to PATH.png (and what it says to PATH.png.json) after "
                                      "SECONDS; PATH@SECONDS, repeatable");
    cli.add_option("--bench-lip-sync", o.lip_sync_log,
                   "benchmarks only: note when the producer's flashes are drawn and its tones played, in FILE "
                   "(the producer runs with --bench-flash-and-beep)");
    cli.add_option("--speaker-latency", o.speaker_latency_ms,
                   "milliseconds from the host's camera and microphone to this room's screen and loudspeakers, "
                   "beyond the network's (lip sync); 0 plays them as they arrive (benchmarks)")
        ->capture_default_str()
        ->check(CLI::Range(0, 2000));
    cli.add_option("--quit-after", o.quit_after, "quit after SECONDS (tests, benches)");
    CLI11_PARSE(cli, argc, argv);
    return estrade::viewer::run_viewer(argc, argv, o);
}
