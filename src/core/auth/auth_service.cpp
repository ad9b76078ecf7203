// PIN policy, Argon2id hashing (libsodium), lockout and the role gates. Each change of a role's
// stored state is written together with its audit row, in one transaction.
#include "auth/auth_service.hpp"

#include <sodium.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "util/time.hpp"

namespace kiosk::auth {
namespace {

using std::chrono::system_clock;
using Json = nlohmann::json;

// Whether a role signs in with a PIN (staff need none; the command line is trusted as it is).
bool hasOwnPin(Role role) { return role == Role::Trainer || role == Role::Auditor || role == Role::Admin; }

Status pinRole(Role role) {
    if (hasOwnPin(role)) return {};
    return Error{fmt::format("the {} role has no PIN (PINs are for trainer, auditor and admin)", store::roleName(role))};
}

// A role's row of auth_roles; all defaults when it has none yet.
struct RoleState {
    std::optional<std::string> pinHash;
    int failures = 0;
    std::optional<system_clock::time_point> lockedUntil;
    int lockouts = 0;
};

Result<RoleState> readState(store::Database& db, Role role) {
    store::Statement s(db, "SELECT pin_hash, failures, locked_until, lockouts FROM auth_roles WHERE role = ?1");
    s.bind(1, store::roleName(role));
    auto row = s.step();
    if (!row) return Error{fmt::format("could not read the {} role's PIN: {}", store::roleName(role), row.error())};
    RoleState state;
    if (!*row) return state;
    state.pinHash = s.optionalText(0);
    state.failures = static_cast<int>(s.integer(1));
    if (auto until = s.optionalText(2)) state.lockedUntil = parseIsoUtc(*until);
    state.lockouts = static_cast<int>(s.integer(3));
    return state;
}

Status writeState(store::Database& db, Role role, const RoleState& state) {
    store::Statement s(db, R"sql(
INSERT INTO auth_roles(role, pin_hash, failures, locked_until, lockouts) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT(role) DO UPDATE SET pin_hash = excluded.pin_hash, failures = excluded.failures,
    locked_until = excluded.locked_until, lockouts = excluded.lockouts)sql");
    s.bind(1, store::roleName(role)).bind(3, state.failures).bind(5, state.lockouts);
    if (state.pinHash) s.bind(2, *state.pinHash);
    else s.bindNull(2);
    if (state.lockedUntil) s.bind(4, isoUtc(*state.lockedUntil));
    else s.bindNull(4);
    if (auto st = s.run(); !st) return Error{fmt::format("could not save the {} role's PIN state: {}", store::roleName(role), st.error())};
    return {};
}

// How long the n-th lockout (1, 2, …) lasts: 5 minutes, doubling, at most a day.
std::chrono::minutes lockoutLength(int lockouts) {
    auto length = kFirstLockout;
    for (int i = 1; i < lockouts && length < kLongestLockout; ++i) length *= 2;
    return std::min(length, kLongestLockout);
}

// Whole seconds left, rounded up, so that a lock never shows as 0 while it holds.
std::chrono::seconds remaining(system_clock::time_point until, system_clock::time_point now) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
    return std::chrono::seconds((left.count() + 999) / 1000);
}

Result<std::string> hashPin(std::string_view pin) {
    if (sodium_init() < 0) return Error{"the cryptography library could not be initialised"};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{"not enough memory to hash the PIN"};
    return std::string(out);
}

bool pinMatches(const std::string& hash, std::string_view pin) {
    if (sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

// Stored with other limits or another algorithm than we hash with today.
bool needsRehash(const std::string& hash) {
    return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

Status audited(store::AuditLog& audit, std::string_view event, Role role, const Json& details) {
    return audit.append({std::string(event), std::string(store::roleName(role)), details.dump()});
}

}  // namespace

std::optional<std::string> pinProblem(std::string_view pin) {
    if (pin.empty()) return "enter a PIN of at least 6 digits";
    for (char c : pin)
        if (c < '0' || c > '9') return "a PIN is made of the digits 0 to 9 only";
    if (pin.size() < 6) return "a PIN needs at least 6 digits";
    if (pin.size() > 32) return "a PIN has at most 32 digits";
    // A group repeated: 000000 (one digit), 121212, 123123, 12341234.
    for (std::size_t period = 1; period <= pin.size() / 2; ++period) {
        bool repeats = true;
        for (std::size_t i = period; i < pin.size() && repeats; ++i) repeats = pin[i] == pin[i % period];
        if (!repeats) continue;
        if (period == 1) return "a PIN of one digit repeated is too easy to guess";
        return fmt::format("a PIN that repeats {} is too easy to guess", pin.substr(0, period));
    }
    // A run up or down, also across 9 and 0: 123456, 987654, 890123.
    bool up = true, down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        const int step = (pin[i] - pin[i - 1] + 10) % 10;
        up = up && step == 1;
        down = down && step == 9;
    }
    if (up || down) return "a run of digits such as 123456 or 987654 is too easy to guess";
    return std::nullopt;
}

bool allows(Role role, Gate gate) {
    switch (role) {
        case Role::System: return true;
        case Role::Staff: return false;
        case Role::Trainer: return gate == Gate::Workshops;
        case Role::Auditor:
            return gate == Gate::SkillMatrix || gate == Gate::PeopleExport || gate == Gate::Exports || gate == Gate::AuditLogView ||
                   gate == Gate::Region;
        case Role::Admin:
            return gate == Gate::SkillMatrix || gate == Gate::PeopleEdit || gate == Gate::PeopleExport || gate == Gate::Exports ||
                   gate == Gate::AuditLogView || gate == Gate::Settings || gate == Gate::AdvisorContact ||
                   gate == Gate::Region;
    }
    return false;
}

system_clock::time_point AuthService::now() const { return m_clock ? m_clock() : system_clock::now(); }

Result<bool> AuthService::hasPin(Role role) {
    if (!hasOwnPin(role)) return false;
    auto state = readState(m_db, role);
    if (!state) return Error{state.error()};
    return state->pinHash.has_value();
}

Status AuthService::setPin(Role role, std::string_view pin) {
    if (auto s = pinRole(role); !s) return s;
    if (auto problem = pinProblem(pin)) return Error{*problem};
    store::Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not set the PIN: {}", tx.beginStatus().error())};
    auto state = readState(m_db, role);
    if (!state) return Error{state.error()};
    const Role by = current();
    const bool firstAdminPin = role == Role::Admin && !state->pinHash;
    if (by != Role::Admin && by != Role::System && by != role && !firstAdminPin)
        return Error{fmt::format("only the admin can set the {} PIN; sign in as admin first", store::roleName(role))};
    auto hash = hashPin(pin);
    if (!hash) return Error{hash.error()};
    const bool replaced = state->pinHash.has_value();
    const bool wasLocked = state->lockedUntil && *state->lockedUntil > now();
    *state = RoleState{*hash, 0, std::nullopt, 0};
    if (auto s = writeState(m_db, role, *state); !s) return s;
    if (auto s = audited(m_audit, "auth.pin_set", role, Json{{"replaced", replaced}, {"was_locked", wasLocked}}); !s) return s;
    return tx.commit();
}

Result<SignInResult> AuthService::lockState(Role role) {
    if (auto s = pinRole(role); !s) return Error{s.error()};
    auto state = readState(m_db, role);
    if (!state) return Error{state.error()};
    SignInResult out;
    const auto at = now();
    if (state->lockedUntil && *state->lockedUntil > at) {
        out.locked = true;
        out.lockedFor = remaining(*state->lockedUntil, at);
        return out;
    }
    out.attemptsLeft = kFailuresBeforeLockout - state->failures;
    return out;
}

Result<SignInResult> AuthService::signIn(Role role, std::string_view pin) {
    if (role == Role::Staff) {
        signOut();
        return SignInResult{true, false, std::chrono::seconds(0), 0};
    }
    if (role == Role::System) return Error{"the command line's role cannot be signed in to at the kiosk"};
    store::Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not check the PIN: {}", tx.beginStatus().error())};
    auto state = readState(m_db, role);
    if (!state) return Error{state.error()};
    if (!state->pinHash)
        return Error{role == Role::Admin ? std::string("no admin PIN has been set yet; set one first")
                                         : fmt::format("no {} PIN has been set yet; the admin sets it in the settings", store::roleName(role))};
    const auto at = now();
    SignInResult out;
    if (state->lockedUntil && *state->lockedUntil > at) {
        // Refused without looking at the PIN, so that guessing goes no faster while locked.
        out.locked = true;
        out.lockedFor = remaining(*state->lockedUntil, at);
        if (auto s = audited(m_audit, "auth.refused", role, Json{{"reason", "locked"}, {"locked_until", isoUtc(*state->lockedUntil)}}); !s)
            return Error{s.error()};
        if (auto s = tx.commit(); !s) return Error{fmt::format("could not check the PIN: {}", s.error())};
        return out;
    }
    state->lockedUntil.reset();  // a lock that has run out

    if (!pinMatches(*state->pinHash, pin)) {
        state->failures += 1;
        if (state->failures >= kFailuresBeforeLockout) {
            state->failures = 0;
            state->lockouts += 1;
            const auto length = lockoutLength(state->lockouts);
            state->lockedUntil = at + length;
            out.locked = true;
            out.lockedFor = length;
        } else {
            out.attemptsLeft = kFailuresBeforeLockout - state->failures;
        }
        if (auto s = writeState(m_db, role, *state); !s) return Error{s.error()};
        if (auto s = audited(m_audit, "auth.failed", role, Json{{"attempts_left", out.attemptsLeft}}); !s) return Error{s.error()};
        if (out.locked) {
            const Json details{{"lockout", state->lockouts},
                               {"minutes", std::chrono::duration_cast<std::chrono::minutes>(out.lockedFor).count()},
                               {"locked_until", isoUtc(*state->lockedUntil)}};
            if (auto s = audited(m_audit, "auth.locked", role, details); !s) return Error{s.error()};
        }
        if (auto s = tx.commit(); !s) return Error{fmt::format("could not record the failed attempt: {}", s.error())};
        return out;
    }

    const bool rehash = needsRehash(*state->pinHash);
    if (rehash) {
        auto hash = hashPin(pin);
        if (!hash) return Error{hash.error()};
        state->pinHash = *hash;
    }
    state->failures = 0;
    state->lockouts = 0;
    if (auto s = writeState(m_db, role, *state); !s) return Error{s.error()};
    if (rehash)
        if (auto s = audited(m_audit, "auth.pin_rehashed", role, Json::object()); !s) return Error{s.error()};
    const Role before = current();
    m_audit.setActor(role);  // the sign-in is the role's first recorded act
    auto committed = audited(m_audit, "auth.signed_in", role, Json::object());
    if (committed) committed = tx.commit();
    if (!committed) {
        m_audit.setActor(before);
        return Error{fmt::format("could not sign in: {}", committed.error())};
    }
    out.ok = true;
    out.attemptsLeft = kFailuresBeforeLockout;
    return out;
}

void AuthService::signOut() {
    const Role was = current();
    if (was == Role::Staff) return;
    // Recorded as the role that leaves; staff from here on even if the record cannot be written,
    // because staying signed in would be the worse failure.
    (void)audited(m_audit, "auth.signed_out", was, Json::object());
    m_audit.setActor(Role::Staff);
}

Status AuthService::resetPin(Role role) {
    if (auto s = pinRole(role); !s) return s;
    if (current() != Role::System && current() != Role::Admin)
        return Error{"only the admin or the command line of the machine can reset a PIN"};
    store::Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not reset the PIN: {}", tx.beginStatus().error())};
    auto state = readState(m_db, role);
    if (!state) return Error{state.error()};
    const Json details{{"had_pin", state->pinHash.has_value()},
                       {"was_locked", state->lockedUntil.has_value() && *state->lockedUntil > now()},
                       {"failures", state->failures},
                       {"lockouts", state->lockouts}};
    if (auto s = writeState(m_db, role, RoleState{}); !s) return s;
    if (auto s = audited(m_audit, "auth.pin_reset", role, details); !s) return s;
    return tx.commit();
}

}  // namespace kiosk::auth
