// estrade-qa: the question broker and the command-line clients of the question channel.
#include "qa/broker.hpp"
#include "qa/invitations.hpp"
#include "qa/connection.hpp"
#include "qa/export.hpp"
#include "qa/site_client.hpp"

#include "config/event_file.hpp"
#include "config/invitation.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

using namespace estrade;
using namespace estrade::qa;

namespace {

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

enum Exit { exit_ok = 0, exit_refused = 1, exit_usage = 2, exit_no_answer = 3 };

struct Options {
    std::string event_file;
    std::string site;
    std::string name;
    std::string journal;
    std::string reason;
    std::string out_dir = ".";
    std::string listen;
    std::string publish;
    std::string text;
    std::string kind;
    std::int64_t question = 0;
    std::int64_t into = 0;
    int talk = 0;
    int timeout_ms = 2500;
    int attempts = 3;
    double seconds = 0;
    bool json = false;
};

std::string who_of(const Options& o) { return o.site.empty() ? moderator_key_owner : o.site; }

[[noreturn]] void fail(int code, const std::string& message)
{
    std::cerr << "estrade-qa: " << message << "\n";
    std::exit(code);
}

config::Event load(const Options& o)
{
    auto event = config::load_event_file_or_exit(o.event_file);
    if (!o.site.empty() && !event.find_site(o.site))
        fail(exit_usage, "\"" + o.site + "\" is not a site of " + o.event_file);
    return event;
}

ClientAuth auth_or_exit(const config::Event& event, const std::string& who)
{
    try {
        return client_auth_from(event, who);
    } catch (const std::exception& e) {
        fail(exit_usage, e.what());
    }
}

std::string no_answer(const config::Event& event)
{
    return "no answer from the question broker at " + event.qa.url +
           " (is `estrade-qa serve` running, and does it know this key?)";
}

// Sends one request as the site or the moderator; prints a refusal and exits non-zero on one.
Json request_or_exit(const Options& o, Json request)
{
    auto event = load(o);
    zmq::context_t context;
    QaConnection connection(context, event.qa.url, auth_or_exit(event, who_of(o)));
    auto reply = connection.request(std::move(request), std::chrono::milliseconds(o.timeout_ms), o.attempts);
    if (!reply)
        fail(exit_no_answer, no_answer(event));
    if (!reply->value("ok", false))
        fail(exit_refused, "refused: " + (*reply)["error"].value("code", "") + ": " +
                               (*reply)["error"].value("reason", ""));
    return *reply;
}

std::filesystem::path default_journal(const config::Event& event, const std::string& site)
{
    const char* state = std::getenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = state && *state ? state : std::filesystem::path(home ? home : ".") / ".local/state";
    return base / "estrade" / (event.event.id + "-" + site + ".journal");
}

int cmd_keys(const Options& o)
{
    auto event = load(o);
    std::vector<std::string> owners{broker_key_owner, moderator_key_owner};
    for (const auto& site : event.sites)
        owners.push_back(site.id);
    int created = 0;
    for (const auto& owner : owners) {
        if (std::filesystem::exists(secret_key_file(event.qa.keys, owner)))
            continue;
        write_key_pair(event.qa.keys, owner, generate_key_pair());
        std::cout << "created " << secret_key_file(event.qa.keys, owner).string() << " and .pub\n";
        ++created;
    }
    std::cout << created << " key pair(s) created, " << owners.size() - static_cast<std::size_t>(created)
              << " already there, in " << event.qa.keys.string() << "\n";
    return exit_ok;
}

int cmd_invite(const Options& o, const std::vector<std::string>& sites)
{
    auto event = load(o);
    for (const auto& warning : config::invitation_warnings(event))
        std::cerr << "estrade-qa: note: " << warning << "\n";
    try {
        for (const auto& file : write_invitations(event, o.out_dir, sites))
            std::cout << file.string() << "\n";
    } catch (const std::exception& e) {
        fail(2, e.what());
    }
    return exit_ok;
}

int cmd_serve(const Options& o)
{
    auto event = load(o);
    BrokerOptions options;
    try {
        options = broker_options_from(event);
    } catch (const std::exception& e) {
        fail(exit_usage, e.what());
    }
    if (!o.listen.empty())
        options.listen = o.listen;
    if (!o.publish.empty())
        options.publish = o.publish;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    zmq::context_t context;
    try {
        Broker broker(context, options);
        // One parseable line, so scripts and tests learn the ports a "*" resolved to.
        std::cout << "serving requests=" << broker.request_endpoint() << " updates=" << broker.publish_endpoint()
                  << std::endl;
        broker.run(g_stop);
    } catch (const std::exception& e) {
        fail(exit_usage, std::string("cannot serve: ") + e.what());
    }
    spdlog::info("question broker stopped");
    return exit_ok;
}

int cmd_ask(const Options& o)
{
    auto event = load(o);
    zmq::context_t context;
    QaConnection connection(context, event.qa.url, auth_or_exit(event, o.site));
    Journal journal(o.journal.empty() ? default_journal(event, o.site) : std::filesystem::path(o.journal));
    SiteClient client(connection, journal);
    const auto timeout = std::chrono::milliseconds(o.timeout_ms);
    if (int left = client.resend_unacknowledged(timeout, o.attempts); left > 0)
        std::cerr << "estrade-qa: " << left << " earlier question(s) still unsent; they stay in the journal\n";
    auto result = client.ask(o.text, o.name, o.talk > 0 ? std::optional(o.talk) : std::nullopt, timeout, o.attempts);
    if (!result.reply)
        fail(exit_no_answer, no_answer(event) + "; the question is kept in the journal and sent next time");
    if (!result.acknowledged())
        fail(exit_refused, "refused: " + (*result.reply)["error"].value("code", "") + ": " +
                               (*result.reply)["error"].value("reason", ""));
    const auto& q = (*result.reply)["question"];
    if (o.json)
        std::cout << q.dump() << "\n";
    else
        std::cout << q["id"].get<std::int64_t>() << "\n";
    return exit_ok;
}

void print_question(const Json& q)
{
    std::cout << "#" << q["id"].get<std::int64_t>() << "  [" << q["state"].get<std::string>() << "]  "
              << q["site"].get<std::string>() << "  talk " << q["talk"].get<int>() << "  votes "
              << q["votes"].get<int>() << "\n    " << q["text"].get<std::string>() << "\n";
}

int cmd_list(const Options& o)
{
    auto reply = request_or_exit(o, Json{{"cmd", "snapshot"}});
    if (o.json) {
        std::cout << reply.dump(2) << "\n";
        return exit_ok;
    }
    std::map<std::int64_t, Json> by_id;
    for (const auto& q : reply["questions"])
        by_id[q["id"].get<std::int64_t>()] = q;
    const auto& step = reply["programme"];
    std::cout << "Programme: " << step.value("kind", "") << (step.contains("talk") ? " " + step["talk"].dump() : "")
              << (step.contains("title") ? " — " + step["title"].get<std::string>() : "")
              << (reply.value("window_open", true) ? "" : "  (questions closed)") << "\n";
    std::cout << "Waiting, in suggested order:\n";
    for (const auto& id : reply["suggested"]) {
        print_question(by_id[id.get<std::int64_t>()]);
        by_id.erase(id.get<std::int64_t>());
    }
    std::cout << "Others:\n";
    for (const auto& [id, q] : by_id)
        print_question(q);
    std::cout << "Per site (asked / picked / answered / waiting):\n";
    for (const auto& [site, c] : reply["sites"].items())
        std::cout << "  " << site << ": " << c["asked"] << " / " << c["picked"] << " / " << c["answered"] << " / "
                  << c["waiting"] << "\n";
    return exit_ok;
}

int cmd_watch(const Options& o)
{
    auto event = load(o);
    zmq::context_t context;
    auto auth = auth_or_exit(event, who_of(o));
    QaConnection connection(context, event.qa.url, auth);
    Replica replica(context, event.qa.publish_url, auth, connection);
    if (!replica.resync())
        fail(exit_no_answer, no_answer(event));
    std::cout << "{\"kind\":\"snapshot\",\"seq\":" << replica.seq() << ",\"questions\":" << replica.questions().size()
              << "}" << std::endl;
    replica.on_update = [](const Json& update) { std::cout << update.dump() << std::endl; };
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.seconds);
    while (!g_stop && (o.seconds <= 0 || std::chrono::steady_clock::now() < end))
        replica.poll(std::chrono::milliseconds(200));
    return exit_ok;
}

int cmd_export(const Options& o)
{
    auto event = load(o);
    auto reply = request_or_exit(o, Json{{"cmd", "snapshot"}});
    auto files = write_follow_up_report(event, reply, o.out_dir);
    for (const auto& file : files)
        std::cout << file.string() << "\n";
    return exit_ok;
}

int simple(const Options& o, Json request)
{
    auto reply = request_or_exit(o, std::move(request));
    std::cout << (o.json ? reply.dump() : "ok") << "\n";
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Estrade question channel: the broker (serve) and its command-line clients.\n"
                 "Exit status: 0 done, 1 refused by the broker (reason printed), 2 bad usage or event file,\n"
                 "3 no answer from the broker."};
    app.require_subcommand(1);
    Options o;
    auto add = [&](const char* name, const char* help, bool site_option) {
        auto* sub = app.add_subcommand(name, help);
        sub->add_option("--event", o.event_file, "the event file")->required()->check(CLI::ExistingFile);
        if (site_option)
            sub->add_option("--site", o.site, "act as this site (its key); without it, as the moderator");
        sub->add_option("--timeout-ms", o.timeout_ms, "how long to wait for each attempt")->capture_default_str();
        sub->add_option("--attempts", o.attempts, "how many times to send before giving up")->capture_default_str();
        sub->add_flag("--json", o.json, "print JSON");
        return sub;
    };
    auto* keys = add("keys", "create the missing CurveZMQ key pairs of the broker, the moderator and each site", false);
    std::vector<std::string> invite_sites;
    auto* invite = add("invite", "write each remote site's join file (<site>.estrade: only what that room needs)", false);
    invite->add_option("--out", o.out_dir, "folder to write into")->capture_default_str();
    invite->add_option("--site", invite_sites, "only these sites (default: every site but the host's)");
    auto* serve = add("serve", "run the question broker", false);
    serve->add_option("--listen", o.listen, "override qa.listen (e.g. tcp://127.0.0.1:*)");
    serve->add_option("--publish", o.publish, "override qa.publish");
    auto* ask = add("ask", "ask a question as a site; prints its id once the broker has it", true);
    ask->add_option("--name", o.name, "the asker's name (optional)");
    ask->add_option("--talk", o.talk, "the talk it is for (default: the current one)");
    ask->add_option("--journal", o.journal, "the site's journal file (default: ~/.local/state/estrade/)");
    ask->add_option("text", o.text, "the question")->required();
    ask->get_option("--site")->required();
    auto* withdraw = add("withdraw", "withdraw one of this site's waiting questions", true);
    withdraw->add_option("question", o.question)->required();
    withdraw->get_option("--site")->required();
    auto* vote = add("vote", "vote for another site's question (one vote per site)", true);
    vote->add_option("question", o.question)->required();
    vote->get_option("--site")->required();
    auto* list = add("list", "show every question, waiting ones in suggested order", true);
    auto* watch = add("watch", "print updates as they are published", true);
    watch->add_option("--seconds", o.seconds, "stop after this long (default: until Ctrl-C)");
    auto* pick = add("pick", "moderator: put a question on screen at every site", false);
    pick->add_option("question", o.question)->required();
    auto* answered = add("answered", "moderator: mark a question answered", false);
    answered->add_option("question", o.question)->required();
    auto* dismiss = add("dismiss", "moderator: dismiss a question (its site is told)", false);
    dismiss->add_option("question", o.question)->required();
    dismiss->add_option("--reason", o.reason, "what the site is told");
    auto* merge = add("merge", "moderator: merge a duplicate into another question (votes add up)", false);
    merge->add_option("question", o.question, "the duplicate")->required();
    merge->add_option("--into", o.into, "the question that carries on")->required();
    auto* edit = add("edit", "moderator: correct a question's text", false);
    edit->add_option("question", o.question)->required();
    edit->add_option("text", o.text)->required();
    auto* window = add("window", "moderator: open or close questions", false);
    window->add_option("state", o.kind, "open or close")->required()->check(CLI::IsMember({"open", "close"}));
    auto* step = add("step", "moderator: set the programme step every site shows", false);
    step->add_option("kind", o.kind, "opening, talk, questions, break or ended")
        ->required()
        ->check(CLI::IsMember({"opening", "talk", "questions", "break", "ended"}));
    step->add_option("talk", o.talk, "the talk number (for talk, questions, break)");
    auto* export_ = add("export", "moderator: write the per-site follow-up report (CSV and JSON)", false);
    export_->add_option("--out", o.out_dir, "folder to write into")->capture_default_str();

    CLI11_PARSE(app, argc, argv);
    // Logs go to stderr: stdout carries only what a script may parse (ids, JSON, the serving line).
    spdlog::set_default_logger(spdlog::stderr_color_mt("estrade-qa"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");

    if (keys->parsed())
        return cmd_keys(o);
    if (serve->parsed())
        return cmd_serve(o);
    if (invite->parsed())
        return cmd_invite(o, invite_sites);
    if (ask->parsed())
        return cmd_ask(o);
    if (list->parsed())
        return cmd_list(o);
    if (watch->parsed())
        return cmd_watch(o);
    if (export_->parsed())
        return cmd_export(o);
    if (withdraw->parsed())
        return simple(o, {{"cmd", "withdraw"}, {"question", o.question}});
    if (vote->parsed())
        return simple(o, {{"cmd", "vote"}, {"question", o.question}});
    if (pick->parsed())
        return simple(o, {{"cmd", "pick"}, {"question", o.question}});
    if (answered->parsed())
        return simple(o, {{"cmd", "answered"}, {"question", o.question}});
    if (dismiss->parsed())
        return simple(o, {{"cmd", "dismiss"}, {"question", o.question}, {"reason", o.reason}});
    if (merge->parsed())
        return simple(o, {{"cmd", "merge"}, {"question", o.question}, {"into", o.into}});
    if (edit->parsed())
        return simple(o, {{"cmd", "edit"}, {"question", o.question}, {"text", o.text}});
    if (window->parsed())
        return simple(o, {{"cmd", "window"}, {"open", o.kind == "open"}});
    if (step->parsed()) {
        Json request{{"cmd", "step"}, {"kind", o.kind}};
        if (o.talk > 0)
            request["talk"] = o.talk;
        return simple(o, std::move(request));
    }
    return exit_usage;
}
