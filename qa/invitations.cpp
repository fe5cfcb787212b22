#include "invitations.hpp"

#include "keys.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace estrade::qa {

namespace {

std::vector<const config::Site*> chosen_sites(const config::Event& event, const std::vector<std::string>& sites,
                                              const std::vector<std::string>& left_out_by_default)
{
    std::vector<const config::Site*> chosen;
    if (sites.empty()) {
        for (const auto& site : event.sites)
            if (std::find(left_out_by_default.begin(), left_out_by_default.end(), site.id) == left_out_by_default.end())
                chosen.push_back(&site);
        return chosen;
    }
    for (const auto& id : sites) {
        const auto* site = event.find_site(id);
        if (!site)
            throw std::runtime_error("there is no site \"" + id + "\" in " + event.file.string());
        chosen.push_back(site);
    }
    return chosen;
}

std::vector<config::WebInvitation> load_or_throw(const std::filesystem::path& file)
{
    auto loaded = config::load_web_invitations(file);
    if (auto* errors = std::get_if<config::EventFileErrors>(&loaded))
        throw std::runtime_error(errors->front().to_string());
    return std::get<std::vector<config::WebInvitation>>(std::move(loaded));
}

const config::WebSettings& web_or_throw(const config::Event& event)
{
    if (!event.web)
        throw std::runtime_error(event.file.string() + " has no [web] section: browser links need estrade-web "
                                                       "(docs/web.md)");
    return *event.web;
}

}  // namespace

std::vector<WebLink> ensure_web_invitations(const config::Event& event, const std::vector<std::string>& sites)
{
    const auto& web = web_or_throw(event);
    auto invitations = load_or_throw(web.invitations);
    bool added = false;
    for (const auto* site : chosen_sites(event, sites, {event.event.host_site})) {
        const bool has_one = std::any_of(invitations.begin(), invitations.end(), [&](const auto& i) {
            return i.site == site->id && !i.revoked;
        });
        if (!has_one) {
            invitations.push_back({config::make_web_token(), site->id, false});
            added = true;
        }
    }
    if (added) {
        if (!web.invitations.parent_path().empty())
            std::filesystem::create_directories(web.invitations.parent_path());
        config::save_web_invitations(web.invitations, invitations);
    }
    std::vector<WebLink> links;
    for (const auto& invitation : invitations) {
        const auto* site = event.find_site(invitation.site);
        if (!invitation.revoked && site)
            links.push_back({site->id, site->name, config::web_link(web, invitation.token)});
    }
    return links;
}

int revoke_web_invitations(const config::Event& event, const std::string& token_or_site)
{
    const auto& web = web_or_throw(event);
    auto invitations = load_or_throw(web.invitations);
    int revoked = 0;
    for (auto& invitation : invitations)
        if (!invitation.revoked && (invitation.token == token_or_site || invitation.site == token_or_site)) {
            invitation.revoked = true;
            ++revoked;
        }
    if (revoked > 0)
        config::save_web_invitations(web.invitations, invitations);
    return revoked;
}

config::Invitation invitation_with_keys(const config::Event& event, const config::Site& site)
{
    auto invitation = config::invitation_for(event, site);
    if (invitation.security == config::QaSettings::Security::curve) {
        invitation.broker_public_key = read_public_key(event.qa.keys, broker_key_owner);
        const auto pair = read_key_pair(event.qa.keys, site.id);
        invitation.site_public_key = pair.public_key;
        invitation.site_secret_key = pair.secret_key;
    }
    return invitation;
}

std::vector<std::filesystem::path> write_invitations(const config::Event& event, const std::filesystem::path& dir,
                                                     const std::vector<std::string>& sites)
{
    // People at home (`web`) join through links, not join files.
    const auto chosen = chosen_sites(event, sites, {event.event.host_site, config::web_site_id});
    std::filesystem::create_directories(dir);
    std::vector<std::filesystem::path> written;
    for (const auto* site : chosen) {
        const auto text = config::invitation_text(invitation_with_keys(event, *site));
        const auto file = dir / (site->id + config::invitation_extension);
        std::ofstream(file, std::ios::trunc) << text;
        std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace);
        written.push_back(file);
    }
    return written;
}

ClientAuth client_auth_from(const config::Invitation& invitation)
{
    ClientAuth auth;
    auth.security = invitation.security;
    auth.server_public_key = invitation.broker_public_key;
    auth.own = {invitation.site_public_key, invitation.site_secret_key};
    auth.user = invitation.site.id;
    auth.password = invitation.site.passphrase;
    return auth;
}

}  // namespace estrade::qa
