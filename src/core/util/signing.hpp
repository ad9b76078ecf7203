// The kiosk's Ed25519 signing key (libsodium), made on first use and kept in the data folder with
// mode 0600, and signatures in base64 as the facility bundles carry them.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace kiosk {

struct SigningKey {
    std::array<unsigned char, 32> publicKey{};
    std::array<unsigned char, 64> secretKey{};
    std::string publicKeyBase64() const;
};

// A new key that lives in memory only (synthetic facilities, tests).
SigningKey newSigningKey();

// The key file beside the database.
std::filesystem::path signingKeyPath(const std::filesystem::path& database);

// Reads the key at `path`, or makes a new one there (mode 0600, written whole or not at all) when
// there is none. Refuses a key file that others may read or write, or that is not a key.
Result<SigningKey> loadOrCreateSigningKey(const std::filesystem::path& path);

// The detached signature of `message`, base64.
std::string signBase64(const SigningKey& key, std::string_view message);
// Whether `signature` (base64) is `publicKey`'s (base64) signature of `message`.
bool verifyBase64(std::string_view publicKey, std::string_view message, std::string_view signature);

}  // namespace kiosk
