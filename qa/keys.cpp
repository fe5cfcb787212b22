#include "keys.hpp"

#include <toml++/toml.h>
#include <zmq.h>

#include <fstream>
#include <stdexcept>

namespace estrade::qa {

namespace fs = std::filesystem;

namespace {

std::string read_key_field(const fs::path& file, const char* field)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw std::runtime_error(file.string() + ": key file missing; run: estrade-qa keys --event FILE");
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(file.string() + ":" + std::to_string(e.source().begin.line) +
                                 ": not a key file: " + std::string(e.description()));
    }
    auto value = table[field].value<std::string>();
    if (!value || value->size() != 40)
        throw std::runtime_error(file.string() + ": " + field + " must be a 40-character Z85 key");
    return *value;
}

}  // namespace

KeyPair generate_key_pair()
{
    char public_key[41];
    char secret_key[41];
    if (zmq_curve_keypair(public_key, secret_key) != 0)
        throw std::runtime_error("this libzmq was built without CURVE support");
    return KeyPair{public_key, secret_key};
}

fs::path secret_key_file(const fs::path& dir, const std::string& owner) { return dir / (owner + ".key"); }
fs::path public_key_file(const fs::path& dir, const std::string& owner) { return dir / (owner + ".pub"); }

void write_key_pair(const fs::path& dir, const std::string& owner, const KeyPair& pair)
{
    fs::create_directories(dir);
    const auto secret = secret_key_file(dir, owner);
    {
        std::ofstream out(secret, std::ios::trunc);
        out << "# CurveZMQ key pair of " << owner << " for Estrade's question channel. Keep it secret.\n"
            << "public = \"" << pair.public_key << "\"\nsecret = \"" << pair.secret_key << "\"\n";
    }
    fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    std::ofstream(public_key_file(dir, owner), std::ios::trunc)
        << "# Public CurveZMQ key of " << owner << ". Safe to share.\npublic = \"" << pair.public_key << "\"\n";
}

KeyPair read_key_pair(const fs::path& dir, const std::string& owner)
{
    const auto file = secret_key_file(dir, owner);
    return KeyPair{read_key_field(file, "public"), read_key_field(file, "secret")};
}

std::string read_public_key(const fs::path& dir, const std::string& owner)
{
    return read_key_field(public_key_file(dir, owner), "public");
}

}  // namespace estrade::qa
