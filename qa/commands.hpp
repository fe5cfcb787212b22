#pragma once
// What `estrade-qa` does, one function per subcommand, so the program's main only parses arguments.
// Each returns the process's exit status (docs/qa-protocol.md#command-line) and prints what a script
// may parse on stdout, everything else on stderr.

#include "protocol.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace estrade::qa {

enum Exit { exit_ok = 0, exit_refused = 1, exit_usage = 2, exit_no_answer = 3 };

struct CommandOptions {
    std::string event_file;
    std::string site;  // empty: act as the moderator
    std::string name;
    std::string journal;
    std::string reason;
    std::string out_dir = ".";
    std::string listen;
    std::string publish;
    std::string database;  // serve: where the questions are kept (a service's state folder)
    std::string metrics;   // serve: host:port for /metrics and /health (port 0: the system picks)
    std::string text;
    std::string kind;
    std::vector<std::string> sites;
    std::vector<std::string> choices;  // open-poll
    std::vector<int> counts;           // answer-poll
    std::int64_t question = 0;
    std::int64_t into = 0;
    int talk = 0;
    int timeout_ms = 2500;
    int attempts = 3;
    double seconds = 0;
    bool json = false;
    bool web = false;    // invite: browser links instead of join files
    std::string revoke;  // invite --web: a token or a site whose links stop working
};

int run_keys(const CommandOptions& o);
int run_invite(const CommandOptions& o);
// Serves until `stop`; `reload` (SIGHUP) makes it read the event file again.
int run_serve(const CommandOptions& o, const std::atomic<bool>& stop, std::atomic<bool>& reload);
int run_ask(const CommandOptions& o);
int run_list(const CommandOptions& o);
int run_watch(const CommandOptions& o, const std::atomic<bool>& stop);
int run_export(const CommandOptions& o);

// The one-request subcommands: a name, what it needs, and the typed request it sends.
struct OneRequestCommand {
    enum class Operand {
        question, question_and_into, question_and_text, question_and_reason, window_state, step, optional_text, floor,
        poll_open, poll, poll_answer
    };
    const char* name;
    const char* help;
    Operand operand;
    bool as_site;  // --site required (withdraw, vote); otherwise the moderator
    Json (*build)(const CommandOptions&);
};
const std::vector<OneRequestCommand>& one_request_commands();
// Sends it, prints "ok" (or the reply with --json).
int run_one_request(const CommandOptions& o, const OneRequestCommand& command);

}  // namespace estrade::qa
