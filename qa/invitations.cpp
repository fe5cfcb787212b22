#include "invitations.hpp"

#include "keys.hpp"

#include <fstream>
#include <stdexcept>

namespace estrade::qa {

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
    std::vector<const config::Site*> chosen;
    if (sites.empty()) {
        for (const auto& site : event.sites)
            if (site.id != event.event.host_site)
                chosen.push_back(&site);
    } else {
        for (const auto& id : sites) {
            const auto* site = event.find_site(id);
            if (!site)
                throw std::runtime_error("there is no site \"" + id + "\" in " + event.file.string());
            chosen.push_back(site);
        }
    }
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
