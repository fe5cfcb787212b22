#include "web_invitation.hpp"

#include "toml_reader.hpp"

#include <fstream>
#include <random>

namespace estrade::config {

using namespace detail;

namespace {
constexpr std::string_view invitation_keys[] = {"token", "site", "revoked"};
constexpr std::string_view top_keys[] = {"invitation"};
}  // namespace

std::variant<std::vector<WebInvitation>, EventFileErrors> load_web_invitations(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return std::vector<WebInvitation>{};
    Reader reader(file.string());
    auto document = parse_toml_file(file, reader);
    if (!document)
        return reader.take_errors();
    const toml::table& root = *document;
    reader.check_keys(root, "invitations file", top_keys);
    std::vector<WebInvitation> invitations;
    int number = 0;
    for (const toml::table* t : reader.array_of_tables(root, "invitation")) {
        const std::string scope = "invitation " + std::to_string(++number);
        reader.check_keys(*t, scope, invitation_keys);
        WebInvitation invitation;
        const int token_line = reader.read(*t, scope, "token", invitation.token, Need::required);
        if (t->contains("token") && invitation.token.size() < 16)
            reader.error(token_line, scope + ": token must be at least 16 characters");
        reader.read(*t, scope, "site", invitation.site, Need::required);
        if (auto revoked = (*t)["revoked"].value<bool>())
            invitation.revoked = *revoked;
        invitations.push_back(std::move(invitation));
    }
    if (!reader.ok())
        return reader.take_errors();
    return invitations;
}

void save_web_invitations(const std::filesystem::path& file, const std::vector<WebInvitation>& invitations)
{
    toml::array list;
    for (const auto& invitation : invitations)
        list.push_back(toml::table{{"token", invitation.token}, {"site", invitation.site}, {"revoked", invitation.revoked}});
    const auto temporary = std::filesystem::path(file.string() + ".new");
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write " + temporary.string());
        out << "# Browser invitation links (estrade-qa invite --web). Each token is a link's only secret.\n"
            << toml::table{{"invitation", list}} << "\n";
    }
    std::filesystem::permissions(temporary, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::filesystem::rename(temporary, file);
}

std::string make_web_token()
{
    std::random_device random;  // the system's random source (getrandom)
    std::string token;
    static constexpr char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i)
        token += digits[random() % 16];
    return token;
}

std::string web_link(const WebSettings& web, const std::string& token) { return web.public_url + "/?t=" + token; }

std::string web_follow_up_link(const WebSettings& web, const std::string& token)
{
    return web.public_url + "/follow-up?t=" + token;
}

}  // namespace estrade::config
