#pragma once
// CurveZMQ key pairs on disk: "<name>.key" holds the pair (readable by its owner only),
// "<name>.pub" the public half that others may be given. Both are small TOML files.

#include <filesystem>
#include <optional>
#include <string>

namespace estrade::qa {

struct KeyPair {
    std::string public_key;  // Z85, 40 characters
    std::string secret_key;  // Z85, 40 characters; empty when only the public half is known
};

KeyPair generate_key_pair();

std::filesystem::path secret_key_file(const std::filesystem::path& dir, const std::string& owner);
std::filesystem::path public_key_file(const std::filesystem::path& dir, const std::string& owner);

// Writes both files; the .key file gets mode 0600.
void write_key_pair(const std::filesystem::path& dir, const std::string& owner, const KeyPair& pair);

// Throws std::runtime_error naming the file and what to run when it is missing or malformed.
KeyPair read_key_pair(const std::filesystem::path& dir, const std::string& owner);
std::string read_public_key(const std::filesystem::path& dir, const std::string& owner);

// The broker's own key is "broker"; the moderator's is "moderator"; each site's is its id.
inline constexpr const char* broker_key_owner = "broker";
inline constexpr const char* moderator_key_owner = "moderator";
// The producer's control socket's own pair (its clients: the moderator's key only).
inline constexpr const char* producer_key_owner = "producer";

}  // namespace estrade::qa
