#pragma once
// A join file: what one remote room needs to join an event, and nothing more — its name, the relay and
// question endpoints, its own SRT passphrase and its own question-channel key pair (never another
// site's secrets, never the producer's). The host writes one per site (`estrade-qa invite`); the room
// opens it with `estrade-viewer FILE`. TOML, documented in docs/event-file.md#join-files.

#include "event.hpp"
#include "event_file.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace estrade::config {

struct Invitation {
    std::string event_id;
    std::string event_title;
    std::string language;  // the event's: "fr", "en", or empty (the room PC's own)
    Site site;  // this room only
    HostPort relay;
    int latency_ms = 200;
    std::string questions_url;
    std::string updates_url;
    QaSettings::Security security = QaSettings::Security::curve;
    std::string broker_public_key;  // curve
    std::string site_public_key;    // curve
    std::string site_secret_key;    // curve
    // The other rooms' names, so questions show where they come from ("Cobrem, Brest"); no secrets.
    std::vector<std::pair<std::string, std::string>> other_rooms;  // id, name
    // The room's microphone for the floor, when the room set one in its file (`microphone = "alsa:hw:1"`);
    // otherwise the viewer's --microphone, or auto.
    std::optional<MediaSource> microphone;

    // The event as the viewer uses it: this site (the only one with a passphrase), the others' names, the
    // endpoints to call.
    Event as_event(const std::filesystem::path& file) const;
};

// What the event file says about one site (keys left empty: the caller reads them from the keys folder).
Invitation invitation_for(const Event& event, const Site& site);

std::string invitation_text(const Invitation& invitation);

// What would make the join files useless to a remote room: endpoints on this machine only (127.0.0.1,
// localhost), fine for a demo, not for rooms in other towns. One sentence each, naming the key.
std::vector<std::string> invitation_warnings(const Event& event);

std::variant<Invitation, EventFileErrors> load_invitation(const std::filesystem::path& file);
// The same from text in memory (a join file arrives by e-mail: the fuzzers feed this).
std::variant<Invitation, EventFileErrors> load_invitation_text(std::string_view text, const std::filesystem::path& file);

// The join file's extension: a room opens "loudeac.estrade".
inline constexpr const char* invitation_extension = ".estrade";

}  // namespace estrade::config
