// Join files: what one room needs, written and read back; nothing of another room's; mistakes named.
#include "config/invitation.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace estrade::config;
using estrade::testing::TempDir;

namespace {

Event two_room_event()
{
    Event event;
    event.event = {"zoom-2026", "Zoom métiers \"police\"", "host", "fr"};
    event.relay.url = {"relay.example.org", 7000};
    event.relay.latency_ms = 300;
    event.qa.url = "tcp://relay.example.org:7100";
    event.qa.publish_url = "tcp://relay.example.org:7101";
    event.producer.passphrase = "producer-secret-123";
    event.sites = {{"host", "Host room", 45, "host-secret-123"}, {"loudeac", "Maison de l'Emploi, Loudéac", 20, "loudeac-secret"}};
    return event;
}

}  // namespace

TEST_CASE("a join file holds one room's endpoints and secrets, and reads back the same")
{
    const auto event = two_room_event();
    auto invitation = invitation_for(event, event.sites[1]);
    invitation.broker_public_key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    invitation.site_public_key = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
    invitation.site_secret_key = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";
    const auto text = invitation_text(invitation);
    CHECK(text.find("estrade-viewer loudeac.estrade") != std::string::npos);
    CHECK(text.find("host-secret-123") == std::string::npos);      // another room's passphrase
    CHECK(text.find("producer-secret-123") == std::string::npos);  // the host's

    TempDir dir;
    const auto loaded = load_invitation(dir.write("loudeac.estrade", text));
    REQUIRE(std::holds_alternative<Invitation>(loaded));
    const auto& back = std::get<Invitation>(loaded);
    CHECK(back.event_id == "zoom-2026");
    CHECK(back.event_title == "Zoom métiers \"police\"");
    CHECK(back.language == "fr");  // the rooms speak the event's language
    CHECK(back.site.id == "loudeac");
    CHECK(back.site.name == "Maison de l'Emploi, Loudéac");
    CHECK(back.site.passphrase == "loudeac-secret");
    CHECK(back.relay == HostPort{"relay.example.org", 7000});
    CHECK(back.latency_ms == 300);
    CHECK(back.questions_url == "tcp://relay.example.org:7100");
    CHECK(back.updates_url == "tcp://relay.example.org:7101");
    CHECK(back.site_secret_key == invitation.site_secret_key);
    CHECK(back.broker_public_key == invitation.broker_public_key);

    const auto as_event = back.as_event("loudeac.estrade");
    REQUIRE(as_event.sites.size() == 2);
    CHECK(as_event.find_site("loudeac"));
    CHECK(as_event.event.language == "fr");
    REQUIRE(as_event.find_site("host"));
    CHECK(as_event.find_site("host")->name == "Host room");  // the other room's name, not its secret
    CHECK(as_event.find_site("host")->passphrase.empty());
    CHECK(as_event.relay.url == HostPort{"relay.example.org", 7000});
}

TEST_CASE("a damaged join file names the file, the line and the key")
{
    TempDir dir;
    const auto file = dir.write("bad.estrade", "[join]\nevent_id = \"x\"\nsite = \"loudeac\"\npassphrase = \"loudeac-secret\"\n"
                                                "relay = \"http://nowhere\"\nquestions = \"tcp://a:1\"\nupdates = \"tcp://a:2\"\n"
                                                "security = \"plaintext\"\nsite_nmae = \"typo\"\n");
    const auto loaded = load_invitation(file);
    REQUIRE(std::holds_alternative<EventFileErrors>(loaded));
    const auto& errors = std::get<EventFileErrors>(loaded);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].to_string() == file.string() + ":9: [join]: unknown key \"site_nmae\" (did you mean \"site_name\"?)");
    CHECK(errors[1].to_string() == file.string() + ":5: [join]: relay must be srt://host:port, got \"http://nowhere\"");

    const auto curve = load_invitation(dir.write("curve.estrade", "[join]\nevent_id = \"x\"\nsite = \"loudeac\"\n"
                                                                  "passphrase = \"p-secret-12\"\nrelay = \"srt://a:1\"\n"
                                                                  "questions = \"tcp://a:1\"\nupdates = \"tcp://a:2\"\n"));
    REQUIRE(std::holds_alternative<EventFileErrors>(curve));
    CHECK(std::get<EventFileErrors>(curve).front().message == "[join]: broker_public_key is missing");
}

TEST_CASE("join files pointing at this machine only come with a warning naming the key")
{
    auto event = two_room_event();
    CHECK(invitation_warnings(event).empty());
    event.qa.url = "tcp://127.0.0.1:7100";
    const auto warnings = invitation_warnings(event);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].starts_with("[qa] url is tcp://127.0.0.1:7100: the rooms in other places cannot reach it"));
}
