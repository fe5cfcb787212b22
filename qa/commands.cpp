#include "commands.hpp"

#include "broker.hpp"
#include "connection.hpp"
#include "export.hpp"
#include "invitations.hpp"
#include "site_client.hpp"

#include "config/event_file.hpp"
#include "config/invitation.hpp"
#include "service/notifier.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <map>

namespace estrade::qa {

namespace {

std::string who_of(const CommandOptions& o) { return o.site.empty() ? moderator_key_owner : o.site; }

[[noreturn]] void fail(int code, const std::string& message)
{
    std::cerr << "estrade-qa: " << message << "\n";
    std::exit(code);
}

config::Event load(const CommandOptions& o)
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
Json request_or_exit(const CommandOptions& o, Json request)
{
    auto event = load(o);
    zmq::context_t context;
    QaConnection connection(context, event.qa.url, auth_or_exit(event, who_of(o)));
    auto reply = connection.request(std::move(request), std::chrono::milliseconds(o.timeout_ms), o.attempts);
    if (!reply)
        fail(exit_no_answer, no_answer(event));
    if (!is_ok(*reply))
        fail(exit_refused, "refused: " + error_code(*reply) + ": " + error_reason(*reply));
    return *reply;
}

int run_web_invite(const config::Event& event, const CommandOptions& o)
{
    try {
        if (!o.revoke.empty()) {
            const int revoked = revoke_web_invitations(event, o.revoke);
            std::cout << revoked << " link(s) revoked\n";
            return revoked > 0 ? exit_ok : exit_refused;
        }
        for (const auto& link : ensure_web_invitations(event, o.sites))
            std::cout << link.site << "\t" << link.link << "\t" << link.site_name << "\n";
    } catch (const std::exception& e) {
        fail(exit_usage, e.what());
    }
    return exit_ok;
}

}  // namespace

int run_keys(const CommandOptions& o)
{
    auto event = load(o);
    std::vector<std::string> owners{broker_key_owner, moderator_key_owner, producer_key_owner};
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

int run_invite(const CommandOptions& o)
{
    auto event = load(o);
    if (o.web)
        return run_web_invite(event, o);
    for (const auto& warning : config::invitation_warnings(event))
        std::cerr << "estrade-qa: note: " << warning << "\n";
    try {
        for (const auto& file : write_invitations(event, o.out_dir, o.sites))
            std::cout << file.string() << "\n";
    } catch (const std::exception& e) {
        fail(2, e.what());
    }
    return exit_ok;
}

int run_serve(const CommandOptions& o, const std::atomic<bool>& stop, std::atomic<bool>& reload)
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
    if (!o.database.empty())
        options.database = o.database;
    zmq::context_t context;
    try {
        Broker broker(context, options);
        auto metrics_address = event.qa.metrics_listen;
        if (!o.metrics.empty()) {
            auto parsed = config::parse_host_port(o.metrics, config::PortRule::any_port);
            if (!parsed)
                fail(exit_usage, "--metrics \"" + o.metrics + "\" must be host:port, like 127.0.0.1:0");
            metrics_address = *parsed;
        }
        // Questions matter more than numbers: without its metrics port (taken), the broker still serves.
        std::unique_ptr<MetricsServer> metrics;
        try {
            metrics = std::make_unique<MetricsServer>(metrics_address, [&broker] { return broker.stats(); });
        } catch (const std::exception& e) {
            spdlog::warn("question broker: {} (is another broker running on this machine?); serving without /metrics",
                         e.what());
        }
        // One parseable line, so scripts and tests learn the ports a "*" resolved to.
        std::cout << "serving requests=" << broker.request_endpoint() << " updates=" << broker.publish_endpoint()
                  << " metrics=" << (metrics ? metrics->port() : 0) << std::endl;
        service::Notifier systemd;
        systemd.ready("serving " + event.event.id + ": requests on " + broker.request_endpoint());
        // The file as it is now; a broken one is refused with its file:line errors, the running rules kept.
        auto reread = [&]() -> std::optional<BrokerOptions> {
            systemd.reloading();
            auto result = config::reread_event_file(o.event_file);
            if (auto* errors = std::get_if<std::string>(&result)) {
                spdlog::error("question broker: reload refused, the running configuration is kept:\n{}", *errors);
                systemd.ready("reload refused: the event file has errors (see the log); serving as before");
                return std::nullopt;
            }
            systemd.ready("serving " + std::get<config::Event>(result).event.id);
            try {
                auto fresh = broker_options_from(std::get<config::Event>(result));
                fresh.listen = options.listen;
                fresh.publish = options.publish;
                fresh.database = options.database;
                return fresh;
            } catch (const std::exception& e) {
                spdlog::error("question broker: reload refused, the running configuration is kept: {}", e.what());
                return std::nullopt;
            }
        };
        broker.run(stop, {&reload, reread, [&systemd] { systemd.alive(); }});
        systemd.stopping();
    } catch (const std::exception& e) {
        fail(exit_usage, std::string("cannot serve: ") + e.what());
    }
    spdlog::info("question broker stopped");
    return exit_ok;
}

int run_ask(const CommandOptions& o)
{
    auto event = load(o);
    zmq::context_t context;
    QaConnection connection(context, event.qa.url, auth_or_exit(event, o.site));
    Journal journal(o.journal.empty() ? default_journal_path(event.event.id, o.site) : std::filesystem::path(o.journal));
    SiteClient client(connection, journal);
    const auto timeout = std::chrono::milliseconds(o.timeout_ms);
    if (int left = client.resend_unacknowledged(timeout, o.attempts); left > 0)
        std::cerr << "estrade-qa: " << left << " earlier question(s) still unsent; they stay in the journal\n";
    auto result = client.ask(o.text, o.name, o.talk > 0 ? std::optional(o.talk) : std::nullopt, timeout, o.attempts);
    if (!result.reply)
        fail(exit_no_answer, no_answer(event) + "; the question is kept in the journal and sent next time");
    if (!result.acknowledged())
        fail(exit_refused, "refused: " + error_code(*result.reply) + ": " + error_reason(*result.reply));
    const auto& q = (*result.reply)["question"];
    if (o.json)
        std::cout << q.dump() << "\n";
    else
        std::cout << q["id"].get<std::int64_t>() << "\n";
    return exit_ok;
}

namespace {

void print_question(const Json& q)
{
    std::cout << "#" << q["id"].get<std::int64_t>() << "  [" << q["state"].get<std::string>() << "]  "
              << q["site"].get<std::string>() << "  talk " << q["talk"].get<int>() << "  votes "
              << q["votes"].get<int>() << "\n    " << q["text"].get<std::string>() << "\n";
}

}  // namespace

int run_list(const CommandOptions& o)
{
    auto reply = request_or_exit(o, requests::snapshot());
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
    for (const auto& json : reply.value("polls", Json::array())) {
        const auto poll = poll_from_json(json);
        if (poll.state == PollState::archived)
            continue;
        std::cout << "Show of hands " << poll.id << " (" << to_string(poll.state) << "): " << poll.question << "\n";
        const auto totals = poll.totals();
        for (std::size_t i = 0; i < poll.choices.size(); ++i)
            std::cout << "  " << poll.choices[i] << ": " << totals[i] << "\n";
        for (const auto& [site, counts] : poll.per_site()) {
            std::cout << "  " << site << ":";
            for (auto n : counts)
                std::cout << " " << n;
            std::cout << "\n";
        }
    }
    return exit_ok;
}

int run_watch(const CommandOptions& o, const std::atomic<bool>& stop)
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
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.seconds);
    while (!stop && (o.seconds <= 0 || std::chrono::steady_clock::now() < end))
        replica.poll(std::chrono::milliseconds(200));
    return exit_ok;
}

int run_export(const CommandOptions& o)
{
    auto event = load(o);
    auto reply = request_or_exit(o, requests::snapshot());
    auto files = write_follow_up_report(event, reply, o.out_dir);
    for (const auto& file : files)
        std::cout << file.string() << "\n";
    return exit_ok;
}

int run_one_request(const CommandOptions& o, const OneRequestCommand& command)
{
    auto reply = request_or_exit(o, command.build(o));
    std::cout << (o.json ? reply.dump() : "ok") << "\n";
    return exit_ok;
}

const std::vector<OneRequestCommand>& one_request_commands()
{
    using Operand = OneRequestCommand::Operand;
    static const std::vector<OneRequestCommand> table = {
        {"withdraw", "withdraw one of this site's waiting questions", Operand::question, true,
         [](const CommandOptions& o) { return requests::withdraw(o.question); }},
        {"vote", "vote for another site's question (one vote per site)", Operand::question, true,
         [](const CommandOptions& o) { return requests::vote(o.question); }},
        {"pick", "moderator: put a question on screen at every site", Operand::question, false,
         [](const CommandOptions& o) { return requests::pick(o.question); }},
        {"answered", "moderator: mark a question answered", Operand::question, false,
         [](const CommandOptions& o) { return requests::answered(o.question); }},
        {"dismiss", "moderator: dismiss a question (its site is told)", Operand::question_and_reason, false,
         [](const CommandOptions& o) { return requests::dismiss(o.question, o.reason); }},
        {"merge", "moderator: merge a duplicate into another question (votes add up)", Operand::question_and_into,
         false, [](const CommandOptions& o) { return requests::merge(o.question, o.into); }},
        {"edit", "moderator: correct a question's text", Operand::question_and_text, false,
         [](const CommandOptions& o) { return requests::edit(o.question, o.text); }},
        {"window", "moderator: open or close questions", Operand::window_state, false,
         [](const CommandOptions& o) { return requests::window(o.kind == "open"); }},
        {"step", "moderator: set the programme step every site shows", Operand::step, false,
         [](const CommandOptions& o) {
             return requests::step({step_kind_from(o.kind).value_or(StepKind::opening), o.talk});
         }},
        {"ask-aloud", "ask to speak as a site (the moderator may give it the floor)", Operand::optional_text, true,
         [](const CommandOptions& o) { return requests::ask_aloud(o.text, o.name); }},
        {"floor", "moderator: give the floor to a site, or to the site of request QUESTION (#N); none takes it back "
                  "(with --site: that room hands it back)",
         Operand::floor, false, [](const CommandOptions& o) {
             if (o.kind == "none")
                 return requests::end_floor();
             if (!o.kind.empty() && o.kind[0] == '#')
                 return requests::give_floor_for(std::stoll(o.kind.substr(1)));
             return requests::give_floor(o.kind);
         }},
        {"approve", "moderator: let every room see a question awaiting approval", Operand::question, false,
         [](const CommandOptions& o) { return requests::approve(o.question); }},
        {"open-poll", "moderator: ask every room for a show of hands (prints the poll with --json)", Operand::poll_open,
         false, [](const CommandOptions& o) {
             return requests::open_poll(o.text, o.choices, static_cast<int>(o.seconds));
         }},
        {"close-poll", "moderator: close a show of hands now (results on every screen)", Operand::poll, false,
         [](const CommandOptions& o) { return requests::close_poll(o.question); }},
        {"clear-poll", "moderator: move on from a show of hands' results", Operand::poll, false,
         [](const CommandOptions& o) { return requests::clear_poll(o.question); }},
        {"answer-poll", "a room's count of hands, one number per answer", Operand::poll_answer, true,
         [](const CommandOptions& o) { return requests::answer_poll(o.question, o.counts); }},
    };
    return table;
}

}  // namespace estrade::qa
