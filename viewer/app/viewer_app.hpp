#pragma once
// estrade-viewer's whole run once its command line is read: the room from its join file (or the event
// file), the window or the two displays, grabs, and the exit line with what was decoded and shown.

#include "viewer/lip_sync.hpp"
#include "ui/window_grab.hpp"

#include <string>
#include <vector>

namespace estrade::viewer {

struct ViewerOptions {
    std::string join_file;
    std::string lip_sync_log;  // bench/lip-sync.sh: where flashes and tones are noted
    int speaker_latency_ms = default_speaker_latency_ms;  // 0: as they arrive (benchmarks)
    std::string language;  // "fr", "en"; empty: the event's, else this PC's
    std::string event_file;
    std::string site;
    std::string journal;
    int layout = 0;  // 0: follow the host
    bool fullscreen = false;
    std::string size = "1280x720";
    int speaker_screen = -1;
    int slides_screen = -1;
    bool mute = false;
    std::string microphone;        // empty: the join file's, else auto
    std::string return_sound_out;
    std::string sound_out;  // tests: the speaker's sound to a WAV file  // tests: the return's sound to a WAV file
    bool questions_open = false;
    std::string video_path = "auto";
    std::vector<std::string> grabs;
    double quit_after = 0;
};

// Returns the process's exit status: 0 after a normal quit, 1 when the room cannot be shown, 2 for bad
// options or a damaged file (the reason is printed on stderr).
int run_viewer(int argc, char** argv, const ViewerOptions& options);

}  // namespace estrade::viewer
