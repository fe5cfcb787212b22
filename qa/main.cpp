// estrade-qa: the question broker and the command-line clients of the question channel.
#include "qa/commands.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <functional>

using namespace estrade::qa;

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }
// Only the long-running subcommands stop cleanly on a signal; the others are bounded by their timeouts.
std::atomic<bool> g_reload{false};
void on_hangup(int) { g_reload = true; }

// SIGHUP (systemctl reload): the broker reads its event file again.
std::atomic<bool>& reload_on_hangup()
{
    std::signal(SIGHUP, on_hangup);
    return g_reload;
}

const std::atomic<bool>& stop_on_signals()
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    return g_stop;
}
}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Estrade question channel: the broker (serve) and its command-line clients.\n"
                 "Exit status: 0 done, 1 refused by the broker (reason printed), 2 bad usage or event file,\n"
                 "3 no answer from the broker."};
    app.require_subcommand(1);
    CommandOptions o;
    std::vector<std::pair<CLI::App*, std::function<int()>>> runs;
    auto add = [&](const char* name, const char* help, bool site_option, std::function<int()> run) {
        auto* sub = app.add_subcommand(name, help);
        sub->add_option("--event", o.event_file, "the event file")->required()->check(CLI::ExistingFile);
        if (site_option)
            sub->add_option("--site", o.site, "act as this site (its key); without it, as the moderator");
        sub->add_option("--timeout-ms", o.timeout_ms, "how long to wait for each attempt")->capture_default_str();
        sub->add_option("--attempts", o.attempts, "how many times to send before giving up")->capture_default_str();
        sub->add_flag("--json", o.json, "print JSON");
        runs.emplace_back(sub, std::move(run));
        return sub;
    };
    add("keys", "create the missing CurveZMQ key pairs of the broker, the moderator and each site", false,
        [&] { return run_keys(o); });
    auto* invite = add("invite", "write each remote site's join file (<site>.estrade: only what that room needs)",
                       false, [&] { return run_invite(o); });
    invite->add_option("--out", o.out_dir, "folder to write into")->capture_default_str();
    invite->add_option("--site", o.sites, "only these sites (default: every site but the host's)");
    invite->add_flag("--web", o.web, "browser links instead of join files: one per site, printed as SITE LINK NAME");
    invite->add_option("--revoke", o.revoke, "with --web: stop a link working (its token, or a site id for all its links)");
    auto* serve = add("serve", "run the question broker", false, [&] { return run_serve(o, stop_on_signals(), reload_on_hangup()); });
    serve->add_option("--listen", o.listen, "override qa.listen (e.g. tcp://127.0.0.1:*)");
    serve->add_option("--publish", o.publish, "override qa.publish");
    serve->add_option("--database", o.database, "override qa.database (a service keeps it in its state folder)");
    serve->add_option("--metrics", o.metrics, "override qa.metrics_listen (host:port; port 0 lets the system pick)");
    auto* ask = add("ask", "ask a question as a site; prints its id once the broker has it", true,
                    [&] { return run_ask(o); });
    ask->add_option("--name", o.name, "the asker's name (optional)");
    ask->add_option("--talk", o.talk, "the talk it is for (default: the current one)");
    ask->add_option("--journal", o.journal, "the site's journal file (default: ~/.local/share/estrade/)");
    ask->add_option("text", o.text, "the question")->required();
    ask->get_option("--site")->required();
    add("list", "show every question, waiting ones in suggested order", true, [&] { return run_list(o); });
    auto* watch = add("watch", "print updates as they are published", true, [&] { return run_watch(o, stop_on_signals()); });
    watch->add_option("--seconds", o.seconds, "stop after this long (default: until Ctrl-C)");
    auto* export_ = add("export", "moderator: write the per-site follow-up report (CSV and JSON)", false,
                        [&] { return run_export(o); });
    export_->add_option("--out", o.out_dir, "folder to write into")->capture_default_str();

    using Operand = OneRequestCommand::Operand;
    for (const auto& command : one_request_commands()) {
        auto* sub = add(command.name, command.help, command.as_site, [&] { return run_one_request(o, command); });
        if (command.as_site)
            sub->get_option("--site")->required();
        if (command.operand == Operand::window_state) {
            sub->add_option("state", o.kind, "open or close")->required()->check(CLI::IsMember({"open", "close"}));
            continue;
        }
        if (command.operand == Operand::optional_text) {
            sub->add_option("--name", o.name, "the asker's name (optional)");
            sub->add_option("text", o.text, "what about (optional)");
            continue;
        }
        if (command.operand == Operand::floor) {
            sub->add_option("--site", o.site, "act as this site: only \"none\", to hand back its own floor");
            sub->add_option("target", o.kind, "a site id, #N for the site of request N, or none")
                ->required()
                ->check([](const std::string& v) {
                    if (v.size() > 1 && v[0] == '#' && v.find_first_not_of("0123456789", 1) == std::string::npos)
                        return std::string();
                    return v.empty() || v[0] == '#' ? std::string("a site id, #N or none") : std::string();
                });
            continue;
        }
        if (command.operand == Operand::poll_open) {
            o.seconds = 60;
            sub->add_option("question", o.text, "what the rooms are asked")->required();
            sub->add_option("choices", o.choices, "1 to 5 answers (default: one, \"hands up\")");
            sub->add_option("--seconds", o.seconds, "how long rooms may answer")->capture_default_str();
            sub->final_callback([&] {
                if (o.choices.empty())
                    o.choices = {"hands up"};
            });
            continue;
        }
        if (command.operand == Operand::poll || command.operand == Operand::poll_answer) {
            sub->add_option("poll", o.question, "the show of hands' id")->required();
            if (command.operand == Operand::poll_answer)
                sub->add_option("counts", o.counts, "hands up for each answer, in order")->required();
            continue;
        }
        if (command.operand == Operand::step) {
            sub->add_option("kind", o.kind, "opening, talk, questions, break or ended")
                ->required()
                ->check(CLI::IsMember({"opening", "talk", "questions", "break", "ended"}));
            sub->add_option("talk", o.talk, "the talk number (for talk, questions, break)");
            continue;
        }
        sub->add_option("question", o.question, command.operand == Operand::question_and_into ? "the duplicate" : "")
            ->required();
        if (command.operand == Operand::question_and_into)
            sub->add_option("--into", o.into, "the question that carries on")->required();
        if (command.operand == Operand::question_and_text)
            sub->add_option("text", o.text)->required();
        if (command.operand == Operand::question_and_reason)
            sub->add_option("--reason", o.reason, "what the site is told");
    }

    CLI11_PARSE(app, argc, argv);
    // Logs go to stderr: stdout carries only what a script may parse (ids, JSON, the serving line).
    spdlog::set_default_logger(spdlog::stderr_color_mt("estrade-qa"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
    for (auto& [sub, run] : runs)
        if (sub->parsed())
            return run();
    return exit_usage;
}
