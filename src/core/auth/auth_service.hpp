// Roles and PINs: who may open what at the kiosk. Staff need no PIN; trainer, auditor and admin
// sign in with a PIN stored only as an Argon2id hash (libsodium crypto_pwhash_str). Five wrong
// PINs lock a role for five minutes, doubling with each further lockout; counters and locks are
// stored, so a restart does not reset them. Every sign-in, failure, lockout and PIN change is
// appended to the audit log.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::auth {

using store::Role;

// Why a PIN cannot be used: fewer than 6 digits (or more than 32), not only digits, or too easy to
// guess (all one digit, a run such as 123456 or 987654, a repeated group such as 121212 or
// 123123). Nothing when fine.
std::optional<std::string> pinProblem(std::string_view pin);

inline constexpr int kFailuresBeforeLockout = 5;
// The first lockout; each further one lasts twice as long as the one before, up to kLongestLockout.
inline constexpr std::chrono::minutes kFirstLockout{5};
inline constexpr std::chrono::minutes kLongestLockout{24 * 60};

// What a role may do. Staff: answer assessments and their own checklist, see results.
enum class Gate {
    SkillMatrix,    // personal data: admin; auditor reads
    PeopleEdit,     // add, edit, import people: admin
    PeopleExport,   // admin, auditor
    Exports,        // auditor (and admin)
    AuditLogView,   // auditor (and admin)
    Workshops,      // trainer
    Settings,       // settings and PINs: admin
    AdvisorContact, // the contact field of the advisor directory: admin
    Region,         // the regional store's facilities (a desk role): auditor (and admin)
};
// The command line of the machine (Role::System) is allowed everything: physical access is the
// trust boundary.
bool allows(Role role, Gate gate);

struct SignInResult {
    bool ok = false;
    bool locked = false;                     // refused because the role is locked
    std::chrono::seconds lockedFor{0};       // how long it stays locked
    int attemptsLeft = 0;                    // before the next lockout
};

class AuthService {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    AuthService(store::Database& db, store::AuditLog& audit) : m_db(db), m_audit(audit) {}
    // With another clock for lockouts (tests); the system clock otherwise.
    AuthService(store::Database& db, store::AuditLog& audit, Clock clock) : m_db(db), m_audit(audit), m_clock(std::move(clock)) {}
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Whether the admin PIN has been set (first run: it must be before anything protected opens).
    // Staff and the command line have no PIN: false.
    Result<bool> hasPin(Role role);
    // Sets or changes a role's PIN (refused with pinProblem's reason). Audited. Allowed to the
    // admin, to a role for its own PIN, and, while no admin PIN exists (the first run, or after
    // `admin reset-pin admin`), to anyone for the admin PIN. A new PIN also lifts the role's lock.
    Status setPin(Role role, std::string_view pin);
    // Checks a PIN; on success the audit log's actor becomes `role`. Audited either way. A locked
    // role is refused without looking at the PIN. Signing in as staff is signing out. A success
    // clears the role's failures and lockouts, and rehashes a PIN stored with weaker limits.
    Result<SignInResult> signIn(Role role, std::string_view pin);
    // Whether a role is locked now and how many attempts it has left, without trying a PIN.
    Result<SignInResult> lockState(Role role);
    // Back to staff (also on the idle timeout). Audited when someone was signed in.
    void signOut();
    Role current() const { return m_audit.actor(); }
    // From the command line of the machine (physical access is the trust boundary): clears the
    // role's PIN, failure counter and lock, so that the kiosk asks for a new PIN. Audited. Only the
    // command line (Role::System) and the admin may.
    Status resetPin(Role role);

private:
    std::chrono::system_clock::time_point now() const;

    store::Database& m_db;
    store::AuditLog& m_audit;
    Clock m_clock;
};

}  // namespace kiosk::auth
