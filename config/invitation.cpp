#include "invitation.hpp"

#include "endpoint.hpp"
#include "event_file.hpp"
#include "toml_reader.hpp"

#include <sstream>

namespace estrade::config {

using namespace detail;

namespace {

constexpr std::string_view top_keys[] = {"join", "rooms"};
constexpr std::string_view join_keys[] = {"event_id",    "event_title", "site",     "site_name",
                                          "passphrase",  "relay",       "latency_ms", "questions",
                                          "updates",     "security",    "broker_public_key",
                                          "public_key",  "secret_key",  "microphone", "language"};

}  // namespace

Invitation invitation_for(const Event& event, const Site& site)
{
    Invitation invitation;
    invitation.event_id = event.event.id;
    invitation.event_title = event.event.title;
    invitation.language = event.event.language;
    invitation.site = site;
    invitation.relay = event.relay.url;
    invitation.latency_ms = event.relay.latency_ms;
    invitation.questions_url = event.qa.url;
    invitation.updates_url = event.qa.publish_url;
    invitation.security = event.qa.security;
    for (const auto& other : event.sites)
        if (other.id != site.id)
            invitation.other_rooms.emplace_back(other.id, other.name);
    return invitation;
}

Event Invitation::as_event(const std::filesystem::path& file) const
{
    Event event;
    event.file = file;
    event.event.id = event_id;
    event.event.title = event_title;
    event.event.language = language;
    event.event.host_site = site.id;
    event.relay.url = relay;
    event.relay.latency_ms = latency_ms;
    event.qa.url = questions_url;
    event.qa.publish_url = updates_url;
    event.qa.security = security;
    event.sites = {site};
    for (const auto& [id, name] : other_rooms)
        event.sites.push_back({id, name, 0, {}});
    return event;
}

namespace {

bool local_only(std::string_view endpoint)
{
    return endpoint.find("127.0.0.1") != std::string_view::npos || endpoint.find("localhost") != std::string_view::npos ||
           endpoint.find("[::1]") != std::string_view::npos;
}

}  // namespace

std::vector<std::string> invitation_warnings(const Event& event)
{
    std::vector<std::string> warnings;
    const auto warn = [&](std::string_view key, const std::string& value) {
        if (local_only(value))
            warnings.push_back(std::string(key) + " is " + value +
                               ": the rooms in other places cannot reach it; set it to this machine's address as "
                               "they see it before sending the join files");
    };
    warn("[relay] url", "srt://" + event.relay.url.to_string());
    warn("[qa] url", event.qa.url);
    warn("[qa] publish_url", event.qa.publish_url);
    return warnings;
}

std::string invitation_text(const Invitation& invitation)
{
    toml::table join{{"event_id", invitation.event_id},
                     {"event_title", invitation.event_title},
                     {"site", invitation.site.id},
                     {"site_name", invitation.site.name},
                     {"passphrase", invitation.site.passphrase},
                     {"relay", "srt://" + invitation.relay.to_string()},
                     {"latency_ms", invitation.latency_ms},
                     {"questions", invitation.questions_url},
                     {"updates", invitation.updates_url},
                     {"security", invitation.security == QaSettings::Security::curve ? "curve" : "plaintext"}};
    if (!invitation.language.empty())
        join.insert("language", invitation.language);
    if (invitation.security == QaSettings::Security::curve) {
        join.insert("broker_public_key", invitation.broker_public_key);
        join.insert("public_key", invitation.site_public_key);
        join.insert("secret_key", invitation.site_secret_key);
    }
    std::ostringstream out;
    out << "# Estrade: how " << invitation.site.name << " joins \"" << invitation.event_title << "\".\n"
        << "# Open it with: estrade-viewer " << invitation.site.id << invitation_extension << "\n"
        << "# It holds this room's own passphrase and key: keep it to this room.\n\n"
        << toml::table{{"join", join}} << "\n";
    if (!invitation.other_rooms.empty()) {
        toml::table rooms;
        for (const auto& [id, name] : invitation.other_rooms)
            rooms.insert(id, name);
        out << "\n# The other rooms, by name (for the question panel).\n" << toml::table{{"rooms", rooms}} << "\n";
    }
    return out.str();
}

namespace {

std::variant<Invitation, EventFileErrors> invitation_from(std::optional<toml::table> document, Reader& reader)
{
    if (!document)
        return reader.take_errors();
    const toml::table& root = *document;
    reader.check_keys(root, "join file", top_keys);
    const toml::table* join = reader.table(root, "join", Need::required);
    if (!join)
        return reader.take_errors();
    reader.check_keys(*join, "[join]", join_keys);
    Invitation invitation;
    std::string relay;
    std::string security = "curve";
    reader.read(*join, "[join]", "event_id", invitation.event_id, Need::required);
    reader.read(*join, "[join]", "event_title", invitation.event_title, Need::optional);
    reader.read(*join, "[join]", "site", invitation.site.id, Need::required);
    const int language_line = reader.read(*join, "[join]", "language", invitation.language, Need::optional);
    if (join->contains("language") && invitation.language != "fr" && invitation.language != "en")
        reader.error(language_line, "[join]: language must be \"fr\" or \"en\"");
    reader.read(*join, "[join]", "site_name", invitation.site.name, Need::optional);
    reader.read(*join, "[join]", "passphrase", invitation.site.passphrase, Need::required);
    const int relay_line = reader.read(*join, "[join]", "relay", relay, Need::required);
    reader.read(*join, "[join]", "latency_ms", invitation.latency_ms, Need::optional);
    reader.read(*join, "[join]", "questions", invitation.questions_url, Need::required);
    reader.read(*join, "[join]", "updates", invitation.updates_url, Need::required);
    const int security_line = reader.read(*join, "[join]", "security", security, Need::optional);
    std::string microphone;
    const int microphone_line = reader.read(*join, "[join]", "microphone", microphone, Need::optional);
    if (join->contains("microphone")) {
        invitation.microphone = parse_room_microphone(microphone);
        if (!invitation.microphone)
            reader.error(microphone_line, "[join]: microphone must be auto, pulse, pulse:DEVICE, alsa:DEVICE, test or "
                                          "file:PATH, got " + in_quotes(microphone));
    }
    if (!relay.empty()) {
        if (auto parsed = parse_srt_url(relay))
            invitation.relay = *parsed;
        else
            reader.error(relay_line, "[join]: relay must be srt://host:port, got " + in_quotes(relay));
    }
    if (security == "curve") {
        invitation.security = QaSettings::Security::curve;
        reader.read(*join, "[join]", "broker_public_key", invitation.broker_public_key, Need::required);
        reader.read(*join, "[join]", "public_key", invitation.site_public_key, Need::required);
        reader.read(*join, "[join]", "secret_key", invitation.site_secret_key, Need::required);
    } else if (security == "plaintext") {
        invitation.security = QaSettings::Security::plaintext;
    } else {
        reader.error(security_line, "[join]: security must be \"curve\" or \"plaintext\", got " + in_quotes(security));
    }
    if (invitation.site.name.empty())
        invitation.site.name = invitation.site.id;
    if (const toml::table* rooms = reader.table(root, "rooms", Need::optional)) {
        for (auto&& [id, name] : *rooms) {
            if (auto text = name.value_exact<std::string>())
                invitation.other_rooms.emplace_back(std::string(id.str()), *text);
            else
                reader.error(line_of(name), "[rooms]: " + std::string(id.str()) + " must be the room's name, a string");
        }
    }
    if (!reader.ok())
        return reader.take_errors();
    return invitation;
}

}  // namespace

std::variant<Invitation, EventFileErrors> load_invitation(const std::filesystem::path& file)
{
    Reader reader(file.string());
    return invitation_from(parse_toml_file(file, reader), reader);
}

std::variant<Invitation, EventFileErrors> load_invitation_text(std::string_view text,
                                                               const std::filesystem::path& file)
{
    Reader reader(file.string());
    return invitation_from(parse_toml_text(text, file.string(), reader), reader);
}

}  // namespace estrade::config
