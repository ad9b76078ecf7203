// Roles and PINs: the PIN policy, Argon2id hashes, lockout with its doubling and its expiry on an
// injected clock, a lock that survives a restart, recovery by reset-pin, who may set a PIN, and
// the role gates. Every step is checked in the audit log too.
#include <doctest/doctest.h>

#include <sodium.h>

#include <chrono>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "support.hpp"
#include "util/time.hpp"

using namespace kiosk;
using namespace kiosk::auth;
using namespace std::chrono_literals;
using std::chrono::system_clock;

namespace {

constexpr const char* kAdminPin = "258036";

// A clock that moves only when the test says so.
struct FakeClock {
    system_clock::time_point now = *parseIsoUtc("2026-03-02T05:41:07.204Z");
    AuthService::Clock fn() {
        return [this] { return now; };
    }
};

store::Database openDb(const std::string& path = ":memory:") {
    auto db = store::Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    return std::move(db).value();
}

std::string storedHash(store::Database& db, Role role) {
    store::Statement s(db, "SELECT COALESCE(pin_hash, '') FROM auth_roles WHERE role = ?1");
    s.bind(1, store::roleName(role));
    auto row = s.step();
    REQUIRE(row);
    return *row ? s.text(0) : std::string();
}

std::vector<std::string> events(store::AuditLog& log) {
    auto rows = log.list();
    REQUIRE(rows);
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(std::string(store::roleName(r.role)) + " " + r.event.event + " " + r.event.subject);
    return out;
}

SignInResult signIn(AuthService& auth, Role role, const char* pin) {
    auto result = auth.signIn(role, pin);
    REQUIRE_MESSAGE(result, (result ? "" : result.error()));
    return *result;
}

// Five wrong PINs in a row; the last one locks.
SignInResult failFiveTimes(AuthService& auth, Role role) {
    SignInResult last;
    for (int i = 0; i < kFailuresBeforeLockout; ++i) {
        last = signIn(auth, role, "000001");
        CHECK_FALSE(last.ok);
        if (i < kFailuresBeforeLockout - 1) CHECK(last.attemptsLeft == kFailuresBeforeLockout - 1 - i);
    }
    CHECK(last.locked);
    return last;
}

}  // namespace

TEST_CASE("PIN policy: six or more digits that are not easy to guess") {
    struct Case {
        const char* pin;
        bool good;
    };
    const Case cases[] = {
        {"258036", true},        {"7391046", true},      {"20260302", true},        {"11223344", true},
        {"", false},             {"12345", false},       {"25803", false},          {"258o36", false},
        {"258 036", false},      {"２５８０３６", false}, {"000000", false},          {"999999999", false},
        {"123456", false},       {"234567890", false},   {"987654", false},         {"890123", false},
        {"121212", false},       {"123123", false},      {"12341234", false},       {"1212121", false},
        {"147147147", false},    {"123456789012345678901234567890123", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.pin);
        const auto problem = pinProblem(c.pin);
        CHECK(problem.has_value() == !c.good);
        if (problem) CHECK_FALSE(problem->empty());
    }
    CHECK(pinProblem("12345")->find("at least 6 digits") != std::string::npos);
    CHECK(pinProblem("abcdef")->find("digits 0 to 9") != std::string::npos);
    CHECK(pinProblem("123123")->find("repeats 123") != std::string::npos);
}

TEST_CASE("a PIN is stored only as an Argon2id hash, which verifies it") {
    auto db = openDb();
    store::AuditLog log(db);
    AuthService auth(db, log);
    CHECK_FALSE(*auth.hasPin(Role::Admin));
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));
    CHECK(*auth.hasPin(Role::Admin));
    const auto hash = storedHash(db, Role::Admin);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find(kAdminPin) == std::string::npos);
    REQUIRE(sodium_init() >= 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), kAdminPin, 6) == 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "258037", 6) != 0);
    CHECK(crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);

    CHECK(signIn(auth, Role::Admin, kAdminPin).ok);
    CHECK(auth.current() == Role::Admin);
    CHECK(log.actor() == Role::Admin);
    // The same PIN hashed again gives another string (a new salt each time).
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));
    CHECK(storedHash(db, Role::Admin) != hash);
    auth.signOut();
    CHECK(auth.current() == Role::Staff);
}

TEST_CASE("a bad PIN is refused with its reason, and nothing is stored or logged") {
    auto db = openDb();
    store::AuditLog log(db);
    AuthService auth(db, log);
    auto refused = auth.setPin(Role::Admin, "123456");
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == *pinProblem("123456"));
    CHECK_FALSE(*auth.hasPin(Role::Admin));
    CHECK(events(log).empty());
    CHECK_FALSE(auth.setPin(Role::Staff, kAdminPin));
    CHECK_FALSE(auth.setPin(Role::System, kAdminPin));
}

TEST_CASE("who may set a PIN: anyone the first admin PIN, then the admin, and a role its own") {
    auto db = openDb();
    store::AuditLog log(db);
    AuthService auth(db, log);
    CHECK_FALSE(auth.setPin(Role::Trainer, "741852"));  // no admin yet: staff cannot hand out PINs
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));        // the first run
    auto again = auth.setPin(Role::Admin, "963852");
    REQUIRE_FALSE(again);
    CHECK(again.error().find("only the admin") != std::string::npos);
    auto noPin = auth.signIn(Role::Trainer, "741852");
    REQUIRE_FALSE(noPin);
    CHECK(noPin.error().find("no trainer PIN") != std::string::npos);

    REQUIRE(signIn(auth, Role::Admin, kAdminPin).ok);
    REQUIRE(auth.setPin(Role::Trainer, "741852"));
    auth.signOut();
    REQUIRE(signIn(auth, Role::Trainer, "741852").ok);
    REQUIRE(auth.setPin(Role::Trainer, "852741"));  // its own
    CHECK_FALSE(auth.setPin(Role::Auditor, "852741"));
    auth.signOut();
    CHECK(signIn(auth, Role::Trainer, "852741").ok);
    CHECK(events(log) == std::vector<std::string>{"staff auth.pin_set admin", "admin auth.signed_in admin", "admin auth.pin_set trainer",
                                                  "admin auth.signed_out admin", "trainer auth.signed_in trainer",
                                                  "trainer auth.pin_set trainer", "trainer auth.signed_out trainer",
                                                  "trainer auth.signed_in trainer"});
}

TEST_CASE("five wrong PINs lock a role for 5 minutes, the next lockout for 10; a lock runs out on the clock") {
    auto db = openDb();
    store::AuditLog log(db);
    FakeClock clock;
    AuthService auth(db, log, clock.fn());
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));

    auto locked = failFiveTimes(auth, Role::Admin);
    CHECK(locked.lockedFor == 5min);
    CHECK(auth.current() == Role::Staff);
    // While locked even the right PIN is refused, without being checked.
    clock.now += 4min + 59s;
    auto refused = signIn(auth, Role::Admin, kAdminPin);
    CHECK_FALSE(refused.ok);
    CHECK(refused.locked);
    CHECK(refused.lockedFor == 1s);
    clock.now += 1s;
    auto state = auth.lockState(Role::Admin);
    REQUIRE(state);
    CHECK_FALSE(state->locked);
    CHECK(state->attemptsLeft == kFailuresBeforeLockout);

    locked = failFiveTimes(auth, Role::Admin);
    CHECK(locked.lockedFor == 10min);
    clock.now += 9min + 59s;
    CHECK(signIn(auth, Role::Admin, kAdminPin).locked);
    clock.now += 1s;
    locked = failFiveTimes(auth, Role::Admin);
    CHECK(locked.lockedFor == 20min);
    clock.now += 20min;
    // Signing in with the right PIN clears the failures and the doubling.
    auto ok = signIn(auth, Role::Admin, kAdminPin);
    CHECK(ok.ok);
    auth.signOut();
    CHECK(failFiveTimes(auth, Role::Admin).lockedFor == 5min);

    auto rows = log.list({std::nullopt, std::nullopt, "auth."});
    REQUIRE(rows);
    int failed = 0, lockouts = 0, refusals = 0;
    for (const auto& r : *rows) {
        failed += r.event.event == "auth.failed";
        lockouts += r.event.event == "auth.locked";
        refusals += r.event.event == "auth.refused";
    }
    CHECK(failed == 20);
    CHECK(lockouts == 4);
    CHECK(refusals == 2);
    CHECK_FALSE(*log.verify());
}

TEST_CASE("the lockout doubles up to a day and no further") {
    auto db = openDb();
    store::AuditLog log(db);
    FakeClock clock;
    AuthService auth(db, log, clock.fn());
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));
    std::vector<std::chrono::seconds> lengths;
    for (int i = 0; i < 11; ++i) {
        const auto locked = failFiveTimes(auth, Role::Admin);
        lengths.push_back(locked.lockedFor);
        clock.now += locked.lockedFor;
    }
    CHECK(lengths.front() == 5min);
    CHECK(lengths[8] == 1280min);
    CHECK(lengths[9] == 24h);
    CHECK(lengths[10] == 24h);
}

TEST_CASE("failures and a lock survive closing and reopening the database") {
    test::TempDir dir;
    const auto path = (dir / "kiosk.db").string();
    FakeClock clock;
    {
        auto db = openDb(path);
        store::AuditLog log(db);
        AuthService auth(db, log, clock.fn());
        REQUIRE(auth.setPin(Role::Admin, kAdminPin));
        for (int i = 0; i < 3; ++i) CHECK_FALSE(signIn(auth, Role::Admin, "000001").ok);
    }
    {
        auto db = openDb(path);
        store::AuditLog log(db);
        AuthService auth(db, log, clock.fn());
        auto state = auth.lockState(Role::Admin);
        REQUIRE(state);
        CHECK(state->attemptsLeft == 2);
        CHECK(signIn(auth, Role::Admin, "000001").attemptsLeft == 1);
        CHECK(signIn(auth, Role::Admin, "000001").locked);
    }
    clock.now += 2min;
    {
        auto db = openDb(path);
        store::AuditLog log(db);
        AuthService auth(db, log, clock.fn());
        auto refused = signIn(auth, Role::Admin, kAdminPin);
        CHECK(refused.locked);
        CHECK(refused.lockedFor == 3min);
        clock.now += 3min;
        CHECK(signIn(auth, Role::Admin, kAdminPin).ok);
        CHECK_FALSE(*log.verify());
    }
}

TEST_CASE("reset-pin from the command line clears the PIN, the failures and the lock, and is audited as the system") {
    auto db = openDb();
    store::AuditLog log(db);
    FakeClock clock;
    AuthService auth(db, log, clock.fn());
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));
    failFiveTimes(auth, Role::Admin);
    CHECK(signIn(auth, Role::Admin, kAdminPin).locked);

    auto refused = auth.resetPin(Role::Admin);  // not from the kiosk's staff screen
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("only the admin or the command line") != std::string::npos);

    log.setActor(Role::System);
    REQUIRE(auth.resetPin(Role::Admin));
    CHECK_FALSE(*auth.hasPin(Role::Admin));
    auto state = auth.lockState(Role::Admin);
    REQUIRE(state);
    CHECK_FALSE(state->locked);
    CHECK(state->attemptsLeft == kFailuresBeforeLockout);
    auto rows = log.list({std::nullopt, std::nullopt, "auth.pin_reset"});
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().role == Role::System);
    CHECK(rows->front().event.subject == "admin");
    CHECK(rows->front().event.details == R"({"failures":0,"had_pin":true,"lockouts":1,"was_locked":true})");

    // The kiosk then asks for a new admin PIN, which anyone at the machine may set.
    log.setActor(Role::Staff);
    REQUIRE(auth.setPin(Role::Admin, "963852"));
    CHECK(signIn(auth, Role::Admin, "963852").ok);
    CHECK_FALSE(auth.resetPin(Role::Staff));
}

TEST_CASE("a PIN stored with weaker limits is rehashed at the next sign-in") {
    auto db = openDb();
    store::AuditLog log(db);
    AuthService auth(db, log);
    REQUIRE(sodium_init() >= 0);
    char weak[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(weak, kAdminPin, 6, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) == 0);
    store::Statement put(db, "INSERT INTO auth_roles(role, pin_hash) VALUES ('admin', ?1)");
    put.bind(1, std::string(weak));
    REQUIRE(put.run());

    CHECK_FALSE(signIn(auth, Role::Admin, "258037").ok);
    CHECK(storedHash(db, Role::Admin) == weak);  // a wrong PIN changes nothing
    CHECK(signIn(auth, Role::Admin, kAdminPin).ok);
    const auto hash = storedHash(db, Role::Admin);
    CHECK(hash != weak);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
    CHECK(events(log) == std::vector<std::string>{"staff auth.failed admin", "staff auth.pin_rehashed admin", "admin auth.signed_in admin"});
}

TEST_CASE("every sign-in, failure, lockout, refusal and sign-out is in the audit log, with the attempts left") {
    auto db = openDb();
    store::AuditLog log(db);
    FakeClock clock;
    AuthService auth(db, log, clock.fn());
    REQUIRE(auth.setPin(Role::Admin, kAdminPin));
    REQUIRE(signIn(auth, Role::Admin, kAdminPin).ok);
    REQUIRE(auth.setPin(Role::Auditor, "741963"));
    auth.signOut();
    auth.signOut();  // already staff: nothing to record
    failFiveTimes(auth, Role::Auditor);
    CHECK(signIn(auth, Role::Auditor, "741963").locked);
    CHECK(signIn(auth, Role::Staff, "").ok);  // staff need no PIN
    auto system = auth.signIn(Role::System, kAdminPin);
    CHECK_FALSE(system);

    CHECK(events(log) == std::vector<std::string>{
                             "staff auth.pin_set admin", "admin auth.signed_in admin", "admin auth.pin_set auditor",
                             "admin auth.signed_out admin", "staff auth.failed auditor", "staff auth.failed auditor",
                             "staff auth.failed auditor", "staff auth.failed auditor", "staff auth.failed auditor",
                             "staff auth.locked auditor", "staff auth.refused auditor"});
    auto rows = log.list({std::nullopt, std::nullopt, "auth.failed"});
    REQUIRE(rows);
    CHECK(rows->front().event.details == R"({"attempts_left":4})");
    CHECK(rows->back().event.details == R"({"attempts_left":0})");
    auto lock = log.list({std::nullopt, std::nullopt, "auth.locked"});
    REQUIRE(lock);
    CHECK(lock->front().event.details == R"({"locked_until":"2026-03-02T05:46:07.204Z","lockout":1,"minutes":5})");
}

TEST_CASE("role gates: staff reach none; trainer workshops; auditor reads and exports; admin all but workshops") {
    using G = Gate;
    const std::vector<Gate> gates{G::SkillMatrix, G::PeopleEdit, G::PeopleExport, G::Exports, G::AuditLogView, G::Workshops, G::Settings,
                                 G::AdvisorContact, G::Region};
    struct Row {
        Role role;
        std::vector<bool> allowed;  // in the order of `gates`
    };
    const Row table[] = {
        {Role::Staff, {false, false, false, false, false, false, false, false, false}},
        {Role::Trainer, {false, false, false, false, false, true, false, false, false}},
        {Role::Auditor, {true, false, true, true, true, false, false, false, true}},
        {Role::Admin, {true, true, true, true, true, false, true, true, true}},
        {Role::System, {true, true, true, true, true, true, true, true, true}},
    };
    for (const auto& row : table) {
        for (std::size_t g = 0; g < gates.size(); ++g) {
            CAPTURE(store::roleName(row.role));
            CAPTURE(g);
            CHECK(allows(row.role, gates[g]) == row.allowed[g]);
        }
    }
}

TEST_CASE("role names round-trip and unknown names are refused") {
    for (Role r : {Role::Staff, Role::Trainer, Role::Auditor, Role::Admin, Role::System}) CHECK(store::parseRole(store::roleName(r)) == r);
    CHECK_FALSE(store::parseRole("root"));
    CHECK_FALSE(store::parseRole("Admin"));
}
