// SHA-256 with OpenSSL's libcrypto; random codes and UUIDs with libsodium, initialised once.
#include "util/hash.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace kiosk {
namespace {

void ensureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string toHex(const unsigned char* bytes, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0x0F]);
    }
    return out;
}

// The digest's implementation, looked up once: an implicit lookup on every start costs more than
// hashing an audit row.
const EVP_MD* sha256Method() {
    static EVP_MD* const method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return method;
}

}  // namespace

std::string sha256Hex(std::string_view bytes) {
    // One context per thread, started again for each digest: allocating one per call costs more
    // than hashing an audit row.
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (!context || !sha256Method() || EVP_DigestInit_ex2(context.get(), sha256Method(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1)
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    return toHex(digest.data(), size);
}

struct Sha256::State {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

Sha256::Sha256() : m_state(std::make_unique<State>()) {
    if (!m_state->context || !sha256Method() || EVP_DigestInit_ex(m_state->context.get(), sha256Method(), nullptr) != 1)
        throw std::runtime_error("OpenSSL could not start a SHA-256 digest");
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
    // Fails only when the context is broken, which the constructor has ruled out.
    EVP_DigestUpdate(m_state->context.get(), bytes.data(), bytes.size());
}

std::string Sha256::hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(m_state->context.get(), digest.data(), &size) != 1)
        throw std::runtime_error("OpenSSL could not finish a SHA-256 digest");
    return toHex(digest.data(), size);
}

std::string hashedText(std::string_view text) { return text.empty() ? std::string() : "sha256:" + sha256Hex(text); }

std::string randomCode(std::size_t length) {
    ensureSodium();
    static constexpr char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
    return out;
}

bool isUuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::string newUuid() {
    ensureSodium();
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    const std::string hex = toHex(b.data(), b.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

}  // namespace kiosk
