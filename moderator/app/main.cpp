// estrade-moderator: the host's control room (docs/moderator.md).
#include "console_app.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/cfg/env.h>

int main(int argc, char** argv)
{
    spdlog::cfg::load_env_levels();
    estrade::moderator::ConsoleOptions o;
    CLI::App cli{"estrade-moderator: the question queue, the programme and the site board of a live event"};
    cli.allow_extras();  // Qt's own options
    cli.add_option("--event", o.event_file, "the event file")->required()->check(CLI::ExistingFile);
    cli.add_option("--size", o.size, "window size, WIDTHxHEIGHT");
    cli.add_option("--language", o.language, "the console's language: fr or en (default: the event's, else this PC's)")
        ->check(CLI::IsMember({"fr", "en"}));
    cli.add_option("--grab", o.grabs, "write the window to PATH (PNG, and PATH.json) after SECONDS; PATH@SECONDS");
    cli.add_option("--quit-after", o.quit_after, "quit after SECONDS");
    cli.add_option("--autopilot", o.autopilot,
                   "demo: step through the programme every SECONDS, putting the first question in fair order on "
                   "screen halfway through each question time");
    auto* invite = cli.add_subcommand("invite", "write each remote room's join file, then quit (no window)");
    invite->add_option("--out", o.invitation_dir, "folder to write into")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    o.invite_only = invite->parsed();
    return estrade::moderator::run_console(argc, argv, o);
}
