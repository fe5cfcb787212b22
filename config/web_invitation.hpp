#pragma once
// Invitation links for browser participants (docs/web.md): each carries an unguessable token that maps to
// one site of the event — a room whose people join from tablets, or `web` for people at home. The tokens
// live in one file beside the event ([web] invitations), written by `estrade-qa invite --web` and read by
// estrade-web, which notices when it changes (a revoked link stops working without a restart).
//
//   [[invitation]]
//   token = "3f9c…"   # 32 hex digits from the system's random source
//   site = "merdrignac"
//   revoked = false

#include "event.hpp"
#include "event_file.hpp"

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace estrade::config {

struct WebInvitation {
    std::string token;
    std::string site;
    bool revoked = false;
};

// A missing file is an empty list; a damaged one is errors with file:line.
std::variant<std::vector<WebInvitation>, EventFileErrors> load_web_invitations(const std::filesystem::path& file);
// Written whole (0600: the tokens are the links' only secret), through a temporary file and a rename.
void save_web_invitations(const std::filesystem::path& file, const std::vector<WebInvitation>& invitations);

std::string make_web_token();
// "<public_url>/?t=<token>"
std::string web_link(const WebSettings& web, const std::string& token);
// The follow-up page of the same link, after the event.
std::string web_follow_up_link(const WebSettings& web, const std::string& token);

}  // namespace estrade::config
