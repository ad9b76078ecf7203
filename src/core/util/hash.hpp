// Content hashing (SHA-256, OpenSSL's libcrypto) and random identifiers (libsodium).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace kiosk {

// SHA-256 of the bytes, as 64 lower-case hex digits.
std::string sha256Hex(std::string_view bytes);

// SHA-256 of bytes given in pieces (a file as it is written).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    void update(std::string_view bytes);
    // The digest as 64 lower-case hex digits; the object is spent afterwards.
    std::string hex();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// How the audit log records a text it must not keep: "sha256:" and its hash; "" for "".
std::string hashedText(std::string_view text);

// A random (version 4) UUID in its canonical text form.
std::string newUuid();
// Whether a text is a UUID in that form: 8-4-4-4-12 lower-case hex digits.
bool isUuid(std::string_view text);

// A random code of `length` characters people can read aloud and type: capital letters and
// digits without the look-alikes 0/O and 1/I/L (31 characters, almost 5 bits each).
std::string randomCode(std::size_t length);

}  // namespace kiosk
