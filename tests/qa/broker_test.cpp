#include "broker_fixture.hpp"

#include <catch2/catch.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <zmq_addon.hpp>

using namespace estrade;
using namespace estrade::qa;
using estrade::testing::BrokerFixture;
using estrade::testing::eventually;

namespace {

Json ask(QaConnection& connection, const std::string& text)
{
    auto reply = connection.request(Json{{"cmd", "ask"}, {"text", text}});
    REQUIRE(reply);
    REQUIRE(reply->value("ok", false));
    return (*reply)["question"];
}

std::unique_ptr<Replica> subscribe(BrokerFixture& broker, QaConnection& connection, const std::string& who)
{
    auto replica = std::make_unique<Replica>(broker.context, broker.publish_endpoint, broker.auth(who), connection);
    REQUIRE(replica->resync());
    return replica;
}

}  // namespace

TEST_CASE("a site asks, the moderator sees it and picks it, every site sees it on screen")
{
    BrokerFixture broker;
    auto moderator = broker.connect("moderator");
    auto loudeac = broker.connect("loudeac");
    auto merdrignac = broker.connect("merdrignac");
    auto moderator_view = subscribe(broker, *moderator, "moderator");
    auto loudeac_view = subscribe(broker, *loudeac, "loudeac");
    auto merdrignac_view = subscribe(broker, *merdrignac, "merdrignac");

    const auto question = ask(*loudeac, "Quel est le salaire en début de carrière ?");
    const auto id = question["id"].get<std::int64_t>();
    CHECK(question["site"] == "loudeac");

    REQUIRE(eventually(*moderator_view, [&] { return moderator_view->questions().count(id) == 1; }));
    CHECK(moderator_view->questions().at(id).text == "Quel est le salaire en début de carrière ?");
    CHECK(moderator_view->questions().at(id).state == QuestionState::waiting);

    auto picked = moderator->request(Json{{"cmd", "pick"}, {"question", id}});
    REQUIRE(picked);
    REQUIRE(picked->value("ok", false));
    for (auto* view : {moderator_view.get(), loudeac_view.get(), merdrignac_view.get()}) {
        REQUIRE(eventually(*view, [&] {
            return view->questions().count(id) && view->questions().at(id).state == QuestionState::on_screen;
        }));
    }
    CHECK(merdrignac_view->resyncs() == 1);  // followed by updates alone, no gap
}

TEST_CASE("a late joiner takes a snapshot, then follows the numbered updates")
{
    BrokerFixture broker;
    auto loudeac = broker.connect("loudeac");
    for (int i = 0; i < 5; ++i)
        ask(*loudeac, "question " + std::to_string(i));
    auto moderator = broker.connect("moderator");
    REQUIRE(moderator->request(Json{{"cmd", "step"}, {"kind", "questions"}, {"talk", 2}})->value("ok", false));

    auto late = broker.connect("brest-cobrem");
    auto view = subscribe(broker, *late, "brest-cobrem");
    CHECK(view->questions().size() == 5);
    REQUIRE(view->programme());
    CHECK(view->programme()->step.kind == StepKind::questions);
    CHECK(view->programme()->speaker == "Yann Guéguen");
    const auto seq_at_join = view->seq();

    const auto sixth = ask(*loudeac, "la sixième")["id"].get<std::int64_t>();
    REQUIRE(eventually(*view, [&] { return view->questions().count(sixth) == 1; }));
    CHECK(view->seq() == seq_at_join + 1);
    CHECK(view->resyncs() == 1);
}

TEST_CASE("identity comes from the key: forged sites and unknown keys get nothing")
{
    BrokerFixture broker;
    auto loudeac = broker.connect("loudeac");

    SECTION("a site field in the message is ignored")
    {
        auto reply = loudeac->request(Json{{"cmd", "ask"}, {"text", "qui suis-je ?"}, {"site", "merdrignac"}});
        REQUIRE(reply);
        CHECK((*reply)["question"]["site"] == "loudeac");
        auto hello = loudeac->request(Json{{"cmd", "hello"}});
        CHECK((*hello)["you"] == "loudeac");
    }
    SECTION("a site cannot act as the moderator")
    {
        const auto id = ask(*loudeac, "x")["id"].get<std::int64_t>();
        auto reply = loudeac->request(Json{{"cmd", "pick"}, {"question", id}});
        REQUIRE(reply);
        CHECK((*reply)["error"]["code"] == "forbidden");
    }
    SECTION("a key the broker does not know is refused during the handshake")
    {
        QaConnection stranger(broker.context, broker.request_endpoint, broker.auth("stranger"));
        CHECK_FALSE(stranger.request(Json{{"cmd", "hello"}}, std::chrono::milliseconds(300), 1));
        auto reply = loudeac->request(Json{{"cmd", "snapshot"}});
        CHECK((*reply)["questions"].empty());  // and nothing it sent was applied
    }
    SECTION("the moderator's public key without its secret key does not work")
    {
        auto forged = broker.auth("loudeac");
        forged.own.public_key = broker.auth("moderator").own.public_key;
        QaConnection impostor(broker.context, broker.request_endpoint, forged);
        CHECK_FALSE(impostor.request(Json{{"cmd", "hello"}}, std::chrono::milliseconds(300), 1));
    }
}

TEST_CASE("plaintext mode, only when asked for: site id and passphrase, a wrong one refused")
{
    BrokerFixture broker(config::QaSettings::Security::plaintext);
    auto loudeac = broker.connect("loudeac");
    auto hello = loudeac->request(Json{{"cmd", "hello"}});
    REQUIRE(hello);
    CHECK((*hello)["you"] == "loudeac");
    auto wrong = broker.auth("loudeac");
    wrong.password = "not-the-passphrase";
    QaConnection impostor(broker.context, broker.request_endpoint, wrong);
    CHECK_FALSE(impostor.request(Json{{"cmd", "hello"}}, std::chrono::milliseconds(300), 1));
}

TEST_CASE("malformed messages get an error reply with a code, and the broker keeps serving")
{
    BrokerFixture broker;
    zmq::socket_t raw(broker.context, zmq::socket_type::dealer);
    raw.set(zmq::sockopt::linger, 0);
    apply_client_security(raw, broker.auth("loudeac"));
    raw.connect(broker.request_endpoint);
    auto reply_to = [&](std::vector<std::string> frames) {
        std::vector<zmq::const_buffer> buffers;
        for (const auto& f : frames)
            buffers.push_back(zmq::buffer(f));
        zmq::send_multipart(raw, buffers);
        zmq::message_t reply;
        raw.set(zmq::sockopt::rcvtimeo, 2000);
        REQUIRE(raw.recv(reply));
        return Json::parse(reply.to_string_view());
    };
    struct Case {
        std::vector<std::string> frames;
        std::string code;
    };
    const std::vector<Case> cases = {
        {{"{oops"}, "bad_json"},
        {{R"({"id":"1","cmd":"launch-missiles"})"}, "unknown_command"},
        {{R"({"id":"2","cmd":"ask","text":")" + std::string(501, 'x') + "\"}"}, "text_too_long"},
        {{"{\"id\":\"3\",\"cmd\":\"ask\",\"text\":\"caf\xC3\"}"}, "invalid_utf8"},
        {{R"({"id":"4","cmd":"ask"})"}, "bad_request"},
        {{R"({"id":"5","cmd":"vote","question":999})"}, "not_found"},
        {{"a", "b", "c"}, "bad_frames"},
    };
    for (const auto& c : cases) {
        INFO(c.code);
        auto reply = reply_to(c.frames);
        CHECK(reply["ok"] == false);
        CHECK(reply["error"]["code"] == c.code);
        CHECK_FALSE(reply["error"]["reason"].get<std::string>().empty());
    }
    auto good = reply_to({R"({"id":"6","cmd":"ask","text":"Toujours là ?"})"});
    CHECK(good["ok"] == true);
    CHECK(good["question"]["id"] == 1);
}

TEST_CASE("a REQ client (the simplest third-party client) is answered too")
{
    BrokerFixture broker;
    zmq::socket_t req(broker.context, zmq::socket_type::req);
    req.set(zmq::sockopt::linger, 0);
    req.set(zmq::sockopt::rcvtimeo, 2000);
    apply_client_security(req, broker.auth("merdrignac"));
    req.connect(broker.request_endpoint);
    req.send(zmq::str_buffer(R"({"id":"py-1","cmd":"hello"})"));
    zmq::message_t reply;
    REQUIRE(req.recv(reply));
    auto json = Json::parse(reply.to_string_view());
    CHECK(json["id"] == "py-1");
    CHECK(json["you"] == "merdrignac");

    // Two frames: refused, and the reply comes back behind REQ's delimiter, so the client is not left waiting.
    req.send(zmq::str_buffer(R"({"id":"py-2",)"), zmq::send_flags::sndmore);
    req.send(zmq::str_buffer(R"("cmd":"hello"})"));
    REQUIRE(req.recv(reply));
    json = Json::parse(reply.to_string_view());
    CHECK(json["ok"] == false);
    CHECK(json["error"]["code"] == "bad_frames");
    CHECK(json["id"] == "");  // the request's id could not be read (documented)
}

TEST_CASE("a resent request is answered from the store, even after a restart, and never applied twice")
{
    BrokerFixture broker;
    auto loudeac = broker.connect("loudeac");
    const Json request{{"id", "client-made-42"}, {"cmd", "ask"}, {"text", "Une seule fois"}};
    auto first = loudeac->request(request);
    auto again = loudeac->request(request);
    REQUIRE(first);
    REQUIRE(again);
    CHECK((*first)["question"]["id"] == (*again)["question"]["id"]);

    broker.stop();
    broker.start();
    auto after_restart = broker.connect("loudeac")->request(request);
    REQUIRE(after_restart);
    CHECK((*after_restart)["question"]["id"] == (*first)["question"]["id"]);
    auto snapshot = broker.connect("moderator")->request(Json{{"cmd", "snapshot"}});
    CHECK((*snapshot)["questions"].size() == 1);
}

TEST_CASE("the queue, the programme and the window survive a restart")
{
    BrokerFixture broker;
    auto moderator = broker.connect("moderator");
    const auto id = ask(*broker.connect("merdrignac"), "Faut-il le permis ?")["id"].get<std::int64_t>();
    REQUIRE(moderator->request(Json{{"cmd", "dismiss"}, {"question", id}, {"reason", "hors sujet"}})->value("ok", false));
    REQUIRE(moderator->request(Json{{"cmd", "step"}, {"kind", "talk"}, {"talk", 3}})->value("ok", false));
    REQUIRE(moderator->request(Json{{"cmd", "window"}, {"open", false}})->value("ok", false));
    const auto seq = (*moderator->request(Json{{"cmd", "hello"}}))["seq"].get<std::int64_t>();

    broker.stop();
    broker.start();
    auto snapshot = *broker.connect("moderator")->request(Json{{"cmd", "snapshot"}});
    CHECK(snapshot["seq"] == seq);  // numbering carries on: subscribers see no gap
    CHECK(snapshot["questions"][0]["state"] == "dismissed");
    CHECK(snapshot["questions"][0]["reason"] == "hors sujet");
    CHECK(snapshot["programme"]["kind"] == "talk");
    CHECK(snapshot["programme"]["talk"] == 3);
    CHECK(snapshot["window_open"] == false);
}

TEST_CASE("a site's journal keeps what the broker has not acknowledged and sends it when it is back")
{
    BrokerFixture broker;
    broker.stop();  // the question channel is down
    qa::Journal journal(broker.dir.path() / "loudeac.journal");
    QaConnection connection(broker.context, broker.request_endpoint, broker.auth("loudeac"));
    SiteClient site(connection, journal);
    auto offline = site.ask("Posée pendant la coupure", {}, std::nullopt, std::chrono::milliseconds(100), 1);
    CHECK_FALSE(offline.reply);
    REQUIRE(journal.unacknowledged().size() == 1);

    broker.start();
    CHECK(site.resend_unacknowledged() == 0);
    CHECK(journal.unacknowledged().empty());
    auto snapshot = *broker.connect("moderator")->request(Json{{"cmd", "snapshot"}});
    REQUIRE(snapshot["questions"].size() == 1);
    CHECK(snapshot["questions"][0]["text"] == "Posée pendant la coupure");
    CHECK(journal.all()[0].question_id == snapshot["questions"][0]["id"].get<std::int64_t>());
}

TEST_CASE("the floor is broker state: published to every site, in the snapshot, kept across a restart")
{
    BrokerFixture broker;
    auto moderator = broker.connect("moderator");
    auto loudeac = broker.connect("loudeac");
    auto merdrignac = broker.connect("merdrignac");
    auto merdrignac_view = subscribe(broker, *merdrignac, "merdrignac");

    auto asked = loudeac->request(requests::ask_aloud("Sur les horaires"));
    REQUIRE(asked);
    REQUIRE(is_ok(*asked));
    CHECK((*asked)["question"]["kind"] == "aloud");
    const auto id = (*asked)["question"]["id"].get<std::int64_t>();

    auto refused = loudeac->request(requests::give_floor("loudeac"));
    CHECK(error_code(*refused) == "forbidden");
    auto malformed = moderator->request(Json{{"cmd", "floor"}});
    CHECK(error_code(*malformed) == "bad_request");

    REQUIRE(is_ok(*moderator->request(requests::give_floor_for(id))));
    REQUIRE(eventually(*merdrignac_view, [&] { return merdrignac_view->floor().site == "loudeac"; }));
    CHECK(merdrignac_view->floor().question == id);
    CHECK(merdrignac_view->questions().at(id).state == QuestionState::on_screen);
    CHECK(error_code(*merdrignac->request(requests::end_floor())) == "forbidden");

    broker.stop();
    broker.start();
    auto snapshot = *broker.connect("moderator")->request(requests::snapshot());
    CHECK(snapshot["floor"]["site"] == "loudeac");
    CHECK(snapshot["floor"]["question"] == id);
    CHECK(snapshot["questions"][0]["kind"] == "aloud");

    // The room hands it back itself.
    auto loudeac_again = broker.connect("loudeac");
    REQUIRE(is_ok(*loudeac_again->request(requests::end_floor())));
    auto after = *broker.connect("moderator")->request(requests::snapshot());
    CHECK(after["floor"].is_null());
    CHECK(after["questions"][0]["state"] == "answered");
}

TEST_CASE("every refused handshake leaves a line in the log: an unknown key, a known key with the wrong secret, a PLAIN client")
{
    auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(200);
    spdlog::default_logger()->sinks().push_back(sink);
    auto logged = [&](const std::string& text) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (std::chrono::steady_clock::now() < deadline) {
            for (const auto& line : sink->last_formatted())
                if (line.find(text) != std::string::npos)
                    return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    };
    {
        BrokerFixture broker;
        auto unknown = broker.auth("lannion");  // a key pair the broker has never seen
        CHECK_FALSE(QaConnection(broker.context, broker.request_endpoint, unknown).request(requests::hello(),
                                                                                            std::chrono::milliseconds(300), 1));
        CHECK(logged("unknown key"));

        auto wrong_secret = broker.auth("loudeac");
        wrong_secret.own.secret_key = generate_key_pair().secret_key;
        CHECK_FALSE(QaConnection(broker.context, broker.request_endpoint, wrong_secret)
                        .request(requests::hello(), std::chrono::milliseconds(300), 1));
        CHECK(logged("wrong secret key"));

        auto plain = broker.auth("loudeac");
        plain.security = config::QaSettings::Security::plaintext;
        CHECK_FALSE(QaConnection(broker.context, broker.request_endpoint, plain)
                        .request(requests::hello(), std::chrono::milliseconds(300), 1));
        CHECK(logged("another security mechanism"));
    }
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
}
