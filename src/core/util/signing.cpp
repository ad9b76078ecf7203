// Ed25519 keys and signatures through libsodium.
#include "util/signing.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "util/file.hpp"

namespace kiosk {
namespace {

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::string toBase64(const unsigned char* bytes, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Exactly `size` bytes from base64, or nothing.
std::optional<std::vector<unsigned char>> fromBase64(std::string_view text, std::size_t size) {
    std::vector<unsigned char> out(size);
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != size || end != text.data() + text.size())
        return std::nullopt;
    return out;
}

}  // namespace

std::string SigningKey::publicKeyBase64() const { return toBase64(publicKey.data(), publicKey.size()); }

SigningKey newSigningKey() {
    SigningKey key;
    if (sodiumReady()) crypto_sign_keypair(key.publicKey.data(), key.secretKey.data());
    return key;
}

std::filesystem::path signingKeyPath(const std::filesystem::path& database) {
    return database.parent_path() / "signing.key";
}

Result<SigningKey> loadOrCreateSigningKey(const std::filesystem::path& path) {
    if (!sodiumReady()) return Error{"libsodium could not be initialised"};
    SigningKey key;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if ((st.st_mode & 077) != 0)
            return Error{fmt::format("{}: the signing key may be read or changed by others (mode {:o}); make it 0600 (chmod 600)", path.string(),
                                     st.st_mode & 0777)};
        auto text = readFile(path, 1024);
        if (!text) return Error{text.error()};
        std::string line = *text;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        auto secret = fromBase64(line, key.secretKey.size());
        if (!secret) return Error{fmt::format("{}: not a signing key (64 bytes in base64 expected)", path.string())};
        std::copy(secret->begin(), secret->end(), key.secretKey.begin());
        if (crypto_sign_ed25519_sk_to_pk(key.publicKey.data(), key.secretKey.data()) != 0)
            return Error{fmt::format("{}: not a signing key", path.string())};
        return key;
    }
    if (errno != ENOENT) return Error{fmt::format("{}: {}", path.string(), std::strerror(errno))};

    crypto_sign_keypair(key.publicKey.data(), key.secretKey.data());
    std::string text = toBase64(key.secretKey.data(), key.secretKey.size()) + "\n";
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    // Written to a temporary file of mode 0600, synced, then linked into place: another process
    // making its key at the same moment keeps its own, and this one reads that instead.
    const auto temporary = path.string() + fmt::format(".{}.tmp", ::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Error{fmt::format("{}: cannot write the signing key: {}", path.string(), std::strerror(errno))};
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(temporary.c_str());
        return Error{fmt::format("{}: cannot write the signing key", path.string())};
    }
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int linkError = errno;
    ::unlink(temporary.c_str());
    if (linked != 0) {
        if (linkError == EEXIST) return loadOrCreateSigningKey(path);
        return Error{fmt::format("{}: cannot write the signing key: {}", path.string(), std::strerror(linkError))};
    }
    sodium_memzero(text.data(), text.size());
    return key;
}

std::string signBase64(const SigningKey& key, std::string_view message) {
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.secretKey.data());
    return toBase64(signature.data(), signature.size());
}

bool verifyBase64(std::string_view publicKey, std::string_view message, std::string_view signature) {
    if (!sodiumReady()) return false;
    const auto pk = fromBase64(publicKey, crypto_sign_PUBLICKEYBYTES);
    const auto sig = fromBase64(signature, crypto_sign_BYTES);
    if (!pk || !sig) return false;
    return crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(), pk->data()) == 0;
}

}  // namespace kiosk
