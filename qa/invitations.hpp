#pragma once
// Join files with their keys: the site's own CurveZMQ pair and the broker's public key, read from the
// event's keys folder. What a room needs and nothing more (config/invitation.hpp).

#include "connection.hpp"

#include "config/invitation.hpp"
#include "config/web_invitation.hpp"

#include <filesystem>
#include <vector>

namespace estrade::qa {

// Throws std::runtime_error naming the missing key file (and `estrade-qa keys`).
config::Invitation invitation_with_keys(const config::Event& event, const config::Site& site);

// Writes <dir>/<site>.estrade (mode 0600: it holds the room's secrets) for each remote site of the event
// (every site but the host's), or for the given sites. Returns the files written.
std::vector<std::filesystem::path> write_invitations(const config::Event& event, const std::filesystem::path& dir,
                                                     const std::vector<std::string>& sites = {});

ClientAuth client_auth_from(const config::Invitation& invitation);

// Browser links (config/web_invitation.hpp): one valid link for each of `sites` (default: every site but the
// host's, `web` included), made when a site has none; returns every valid link.
struct WebLink {
    std::string site;
    std::string site_name;
    std::string link;
};
std::vector<WebLink> ensure_web_invitations(const config::Event& event, const std::vector<std::string>& sites = {});
// Revokes one link (by token) or every link of a site (by site id); how many were revoked.
int revoke_web_invitations(const config::Event& event, const std::string& token_or_site);

}  // namespace estrade::qa
