#pragma once
// estrade-moderator's whole run once its command line is read: join files (the `invite` subcommand), or
// the console's window with its grabs and the demo's autopilot.

#include <string>
#include <vector>

namespace estrade::moderator {

struct ConsoleOptions {
    std::string event_file;
    std::string language;  // "fr", "en"; empty: the event's, else this PC's
    std::string size = "1400x860";
    std::vector<std::string> grabs;
    double quit_after = 0;
    double autopilot = 0;  // seconds per programme step; 0: a person drives
    bool invite_only = false;
    std::string invitation_dir = "invitations";
};

// The process's exit status: 0 after a normal quit, 1 when the console cannot start, 2 for bad options.
int run_console(int argc, char** argv, const ConsoleOptions& options);

}  // namespace estrade::moderator
