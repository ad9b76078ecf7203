// The audit trail: rows chained by SHA-256 in a documented canonical form, refused changes,
// tampering found at the right row, filters, the history of answers, and the services' state
// changes recorded in the same transaction as the change itself.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "skills/catalog.hpp"
#include "skills/service.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/people_store.hpp"
#include "store/result_store.hpp"
#include "support.hpp"
#include "util/hash.hpp"
#include "util/json.hpp"
#include "util/time.hpp"

using namespace kiosk;
using namespace kiosk::store;
using std::chrono::system_clock;

namespace {

Database memoryDb() {
    auto db = Database::open(":memory:");
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    return std::move(db).value();
}

int count(Database& db, const std::string& sql) {
    Statement s(db, sql);
    auto row = s.step();
    REQUIRE_MESSAGE(row, (row ? "" : row.error()));
    REQUIRE(*row);
    return static_cast<int>(s.integer(0));
}

std::vector<AuditRow> rows(AuditLog& log, AuditFilter filter = {}) {
    auto listed = log.list(filter);
    REQUIRE_MESSAGE(listed, (listed ? "" : listed.error()));
    return *listed;
}

std::vector<std::string> events(AuditLog& log) {
    std::vector<std::string> out;
    for (const auto& r : rows(log)) out.push_back(r.event.event);
    return out;
}

std::optional<ChainBreak> verified(AuditLog& log) {
    auto result = log.verify();
    REQUIRE_MESSAGE(result, (result ? "" : result.error()));
    return *result;
}

system_clock::time_point utc(const char* text) {
    auto t = parseIsoUtc(text);
    REQUIRE(t);
    return *t;
}

// Five rows as a kiosk writes them, a minute apart.
void appendFive(AuditLog& log) {
    auto t = utc("2026-03-02T05:40:00.000Z");
    log.setClock([&t] { return t; });
    log.setActor(Role::Admin);
    for (int i = 1; i <= 5; ++i) {
        REQUIRE(log.append({"person.edited", std::to_string(i), R"({"source":"admin","n":)" + std::to_string(i) + "}"}));
        t += std::chrono::minutes(1);
    }
    log.setClock(nullptr);
}

// What someone with the sqlite3 command line can do: drop the triggers first.
void dropTriggers(Database& db) {
    REQUIRE(db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"));
}

questionnaire::Catalog tinyCatalog() {
    questionnaire::Catalog catalog;
    auto result = questionnaire::loadQuestionnaireFile(test::dataDir() / "good" / "tiny.toml", {});
    REQUIRE(result.questionnaire);
    catalog.questionnaires.push_back(std::move(*result.questionnaire));
    return catalog;
}

}  // namespace

TEST_CASE("the canonical row is a compact JSON array with the details' keys sorted") {
    auto row = canonicalRow(3, "2026-03-02T05:41:07.204Z", "admin", "person.removed", "12", "{}");
    REQUIRE(row);
    CHECK(*row == R"([3,"2026-03-02T05:41:07.204Z","admin","person.removed","12",{}])");
    row = canonicalRow(1, "2026-03-02T05:41:07.204Z", "staff", "assessment.answered", "u", R"({ "value": "はい",  "question": "q\t1" })");
    REQUIRE(row);
    CHECK(*row == R"([1,"2026-03-02T05:41:07.204Z","staff","assessment.answered","u",{"question":"q\t1","value":"はい"}])");
    CHECK_FALSE(canonicalRow(1, "t", "staff", "a.b", "", "[1]"));
    CHECK_FALSE(canonicalRow(1, "t", "staff", "a.b", "", "{"));
}

TEST_CASE("a row written with quotes, backslashes and every control character in its texts verifies, its canonical form the same as nlohmann's") {
    std::string awkward = "名前 \"quoted\" back\\slash \x7f end";
    for (char c = 1; c < 0x20; ++c) awkward += c;
    std::string escaped;
    appendJsonString(escaped, awkward);
    CHECK(escaped == nlohmann::json(awkward).dump());
    for (int c = 0; c < 0x80; ++c) {
        CAPTURE(c);
        const std::string one(1, static_cast<char>(c));
        std::string out;
        appendJsonString(out, one);
        CHECK(out == nlohmann::json(one).dump());
    }

    auto db = memoryDb();
    AuditLog log(db);
    REQUIRE(log.append({"person.edited", awkward, R"({"name":"a\u0001b"})"}));
    REQUIRE(log.append({"person.edited", "plain", "{}"}));
    const auto all = rows(log);
    REQUIRE(all.size() == 2);
    CHECK(all[0].event.subject == awkward);
    auto canonical = canonicalRow(all[0].seq, all[0].at, roleName(all[0].role), all[0].event.event, all[0].event.subject, all[0].event.details);
    REQUIRE(canonical);
    CHECK(all[0].hash == sha256Hex(std::string(kGenesisHash) + *canonical));
    CHECK_FALSE(verified(log));
}

TEST_CASE("rows are numbered from 1, each linked to the one before by SHA-256, and the chain verifies") {
    auto db = memoryDb();
    AuditLog log(db);
    auto head = log.head();
    REQUIRE(head);
    CHECK(*head == kGenesisHash);
    CHECK_FALSE(verified(log));  // an empty log is intact

    appendFive(log);
    const auto all = rows(log);
    REQUIRE(all.size() == 5);
    std::string previous(kGenesisHash);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& r = all[i];
        CAPTURE(r.seq);
        CHECK(r.seq == static_cast<std::int64_t>(i + 1));
        CHECK(r.role == Role::Admin);
        CHECK(r.previousHash == previous);
        auto canonical = canonicalRow(r.seq, r.at, roleName(r.role), r.event.event, r.event.subject, r.event.details);
        REQUIRE(canonical);
        CHECK(r.hash == sha256Hex(previous + *canonical));
        previous = r.hash;
    }
    CHECK(all[0].at == "2026-03-02T05:40:00.000Z");
    CHECK(all[0].event.details == R"({"n":1,"source":"admin"})");  // stored as hashed: canonical
    head = log.head();
    REQUIRE(head);
    CHECK(*head == all.back().hash);
    CHECK_FALSE(verified(log));
    auto n = log.count();
    REQUIRE(n);
    CHECK(*n == 5);
}

TEST_CASE("an event name that is not dotted lower-case words, or details that are not a JSON object, append nothing") {
    auto db = memoryDb();
    AuditLog log(db);
    for (const char* bad : {"", "signed_in", "Auth.failed", "auth..failed", "auth.failed.", "auth failed"}) {
        CAPTURE(bad);
        CHECK_FALSE(log.append({bad, "", "{}"}));
    }
    CHECK_FALSE(log.append({"auth.failed", "admin", "[1,2]"}));
    CHECK_FALSE(log.append({"auth.failed", "admin", R"({"a":1,"a":2})"}));
    CHECK_FALSE(log.append({"auth.failed", "admin", "{\"a\":\"\xff\"}"}));
    CHECK(count(db, "SELECT COUNT(*) FROM audit_log") == 0);
    CHECK(log.append({"auth.failed", "admin", ""}));  // no details: {}
    CHECK(rows(log).front().event.details == "{}");
}

TEST_CASE("the database refuses to change or delete a row of the audit log") {
    auto db = memoryDb();
    AuditLog log(db);
    appendFive(log);
    const auto before = rows(log);
    auto changed = db.exec("UPDATE audit_log SET details = '{}' WHERE seq = 2");
    REQUIRE_FALSE(changed);
    CHECK(changed.error().find("append-only") != std::string::npos);
    auto deleted = db.exec("DELETE FROM audit_log WHERE seq = 5");
    REQUIRE_FALSE(deleted);
    CHECK(deleted.error().find("append-only") != std::string::npos);
    CHECK_FALSE(db.exec("DELETE FROM audit_log"));
    const auto after = rows(log);
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].hash == before[i].hash);
    CHECK_FALSE(verified(log));
}

TEST_CASE("with the triggers dropped, an edited, deleted or reordered row is named by verify at its number") {
    struct Case {
        const char* what;
        const char* sql;
        std::int64_t seq;
        const char* reason;
    };
    const Case cases[] = {
        {"details edited", R"(UPDATE audit_log SET details = '{"n":30,"source":"admin"}' WHERE seq = 3)", 3, "changed after it was written"},
        {"details reformatted, same meaning", R"(UPDATE audit_log SET details = '{"source":"admin","n":3}' WHERE seq = 3)", 3, "changed"},
        {"role edited", "UPDATE audit_log SET role = 'staff' WHERE seq = 2", 2, "changed"},
        {"time edited", "UPDATE audit_log SET at = '2026-03-01T00:00:00.000Z' WHERE seq = 4", 4, "changed"},
        {"row deleted", "DELETE FROM audit_log WHERE seq = 3", 3, "missing"},
        {"first row deleted", "DELETE FROM audit_log WHERE seq = 1", 1, "missing"},
        {"last row deleted", "DELETE FROM audit_log WHERE seq = 5", 5, "missing"},
        {"last two rows deleted", "DELETE FROM audit_log WHERE seq >= 4", 4, "missing"},
        {"rows 3 and 4 swapped",
         "UPDATE audit_log SET seq = -3 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -3",
         3, "link to row 2"},
        {"row renumbered", "UPDATE audit_log SET seq = 9 WHERE seq = 5", 5, "missing"},
        {"hash overwritten", "UPDATE audit_log SET hash = '1111111111111111111111111111111111111111111111111111111111111111' WHERE seq = 2",
         2, "changed"},
        {"link overwritten", "UPDATE audit_log SET previous_hash = '0000000000000000000000000000000000000000000000000000000000000000' WHERE seq = 4",
         4, "link to row 3"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        auto db = memoryDb();
        AuditLog log(db);
        appendFive(log);
        dropTriggers(db);
        REQUIRE(db.exec(c.sql));
        const auto broken = verified(log);
        REQUIRE(broken);
        CHECK(broken->seq == c.seq);
        CHECK_MESSAGE(broken->reason.find(c.reason) != std::string::npos, broken->reason);
    }
}

TEST_CASE("rows appended after a tampered row do not hide it") {
    auto db = memoryDb();
    AuditLog log(db);
    appendFive(log);
    dropTriggers(db);
    REQUIRE(db.exec("DELETE FROM audit_log WHERE seq = 5"));
    REQUIRE(log.append({"auth.signed_out", "admin", "{}"}));
    const auto broken = verified(log);
    REQUIRE(broken);
    CHECK(broken->seq == 5);
}

TEST_CASE("list filters by day, by UTC time and by event name or prefix, and names a bad date") {
    auto db = memoryDb();
    AuditLog log(db);
    std::string now = "2026-03-01T10:00:00.000Z";
    log.setClock([&now] { return *parseIsoUtc(now); });
    auto at = [&](const char* when, const char* event) {
        now = when;
        REQUIRE(log.append({event, "", "{}"}));
    };
    at("2026-02-28T23:59:59.999Z", "auth.failed");
    at("2026-03-01T00:00:00.000Z", "auth.signed_in");
    at("2026-03-01T09:30:15.250Z", "person.added");
    at("2026-03-02T12:00:00.000Z", "authx.other");
    at("2026-03-03T00:00:00.000Z", "auth.signed_out");

    auto seqs = [&](AuditFilter f) {
        std::vector<std::int64_t> out;
        for (const auto& r : rows(log, f)) out.push_back(r.seq);
        return out;
    };
    using V = std::vector<std::int64_t>;
    CHECK(seqs({}) == V{1, 2, 3, 4, 5});
    CHECK(seqs({std::nullopt, std::nullopt, "auth."}) == V{1, 2, 5});
    CHECK(seqs({std::nullopt, std::nullopt, "auth.failed"}) == V{1});
    CHECK(seqs({std::nullopt, std::nullopt, "auth"}).empty());  // a prefix ends with '.'
    CHECK(seqs({"2026-03-01T00:00Z", "2026-03-01T09:30Z", std::nullopt}) == V{2, 3});  // a minute covers its seconds
    CHECK(seqs({"2026-03-01T09:30:15.25Z", std::nullopt, std::nullopt}) == V{3, 4, 5});
    CHECK(seqs({"2026-03-01T09:30:16Z", "2026-03-02T12:00:00Z", "authx."}) == V{4});

    // A date is a day of the machine's local time: here Japan's (UTC+9), so 1 March runs from
    // 28 February 15:00 UTC to 1 March 15:00 UTC.
    const char* tz = std::getenv("TZ");
    const std::optional<std::string> savedTz = tz ? std::optional<std::string>(tz) : std::nullopt;
    setenv("TZ", "JST-9", 1);
    tzset();
    CHECK(seqs({"2026-03-01", "2026-03-01", std::nullopt}) == V{1, 2, 3});
    CHECK(seqs({"2026/3/2", std::nullopt, std::nullopt}) == V{4, 5});  // as people type dates
    CHECK(seqs({std::nullopt, "R8.3.2", std::nullopt}) == V{1, 2, 3, 4});  // 令和8年 is 2026
    if (savedTz) setenv("TZ", savedTz->c_str(), 1);
    else unsetenv("TZ");
    tzset();

    auto bad = log.list({"2026-13-01", std::nullopt, std::nullopt});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().find("the start '2026-13-01'") != std::string::npos);
    bad = log.list({std::nullopt, "yesterday", std::nullopt});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().find("the end 'yesterday'") != std::string::npos);
    bad = log.list({"2026-03-02", "2026-03-01", std::nullopt});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().find("comes before") != std::string::npos);
}

TEST_CASE("an answer changed twice keeps three versions, and the current answer is the latest") {
    auto db = memoryDb();
    const auto catalog = tinyCatalog();
    AssessmentStore store(db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    using assessment::Answer;
    REQUIRE(service.answer(*active, "has_backup", Answer::option("yes")));
    REQUIRE(service.answer(*active, "has_backup", Answer::option("no")));
    REQUIRE(service.answer(*active, "has_backup", Answer::option("no")));  // the same again is no new version
    REQUIRE(service.answer(*active, "has_backup", Answer::option("yes")));
    REQUIRE(service.answer(*active, "note", Answer::skip()));
    REQUIRE(service.answer(*active, "note", Answer::words("停電時は紙カルテ")));

    auto history = store.history(active->uuid, "has_backup");
    REQUIRE(history);
    REQUIRE(history->size() == 3);
    CHECK((*history)[0].value == "yes");
    CHECK((*history)[1].value == "no");
    CHECK((*history)[2].value == "yes");
    auto note = store.history(active->uuid, "note");
    REQUIRE(note);
    REQUIRE(note->size() == 2);
    CHECK((*note)[0].skipped);
    CHECK((*note)[1].value == "停電時は紙カルテ");

    auto reopened = service.open(active->uuid);
    REQUIRE(reopened);
    REQUIRE(reopened->session.answer("has_backup"));
    CHECK(reopened->session.answer("has_backup")->choice == "yes");
    CHECK(reopened->session.answer("note")->text == "停電時は紙カルテ");
    CHECK(count(db, "SELECT COUNT(*) FROM answers") == 2);

    // The history itself cannot be rewritten.
    CHECK_FALSE(db.exec("UPDATE answer_versions SET value = 'no'"));
    CHECK_FALSE(db.exec("DELETE FROM answer_versions"));
    CHECK(count(db, "SELECT COUNT(*) FROM answer_versions") == 5);
}

TEST_CASE("an assessment's state changes are audited with what changed") {
    auto db = memoryDb();
    AuditLog log(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(db);
    assessment::AssessmentService service(store, catalog, &log);
    using assessment::Answer;

    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    CHECK(events(log).empty());  // opening a questionnaire changes nothing
    REQUIRE(service.answer(*active, "has_backup", Answer::option("yes")));
    REQUIRE(service.answer(*active, "has_backup", Answer::option("yes")));  // unchanged: nothing to record
    REQUIRE(service.answer(*active, "has_backup", Answer::option("no")));
    REQUIRE(service.answer(*active, "note", Answer::words("手順書は棚")));
    REQUIRE(service.setLanguage(*active, Lang::En));
    REQUIRE(service.complete(*active));
    CHECK(events(log) == std::vector<std::string>{"assessment.started", "assessment.answered", "assessment.changed",
                                                  "assessment.answered", "assessment.language", "assessment.completed"});
    const auto all = rows(log);
    for (const auto& r : all) {
        CHECK(r.event.subject == active->uuid);
        CHECK(r.role == Role::Staff);
    }
    CHECK(all[0].event.details == R"({"language":"ja","questionnaire":"tiny","version":"1.0.0"})");
    CHECK(all[1].event.details == R"({"question":"has_backup","value":"yes"})");
    CHECK(all[2].event.details == R"({"new":"no","old":"yes","question":"has_backup"})");
    // Free text is recorded by its hash, not copied into the log.
    CHECK(all[3].event.details == R"({"question":"note","value":"sha256:)" + sha256Hex("手順書は棚") + R"("})");
    CHECK(all[4].event.details == R"({"language":"en"})");
    CHECK(all[5].event.details == R"({"questionnaire":"tiny"})");

    auto other = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(other);
    REQUIRE(service.answer(*other, "note", Answer::skip()));
    REQUIRE(service.discard(*other));
    const auto tail = rows(log);
    REQUIRE(tail.size() == 9);
    CHECK(tail[7].event.details == R"({"question":"note","value":null})");
    CHECK(tail[8].event.event == "assessment.discarded");
    CHECK(tail[8].event.details == R"({"answers":1})");
    CHECK_FALSE(verified(log));
}

TEST_CASE("a change and its audit row are committed together or not at all") {
    auto db = memoryDb();
    AuditLog log(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(db);
    assessment::AssessmentService service(store, catalog, &log);
    using assessment::Answer;
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    REQUIRE(service.answer(*active, "has_backup", Answer::option("yes")));
    const int rowsBefore = count(db, "SELECT COUNT(*) FROM audit_log");

    SUBCASE("a change refused by the database leaves no audit row") {
        // Completed elsewhere (another window, the command line) after this one read it.
        REQUIRE(store.markCompleted(active->uuid));
        CHECK_FALSE(service.answer(*active, "backup_tested", Answer::option("no")));
        CHECK(count(db, "SELECT COUNT(*) FROM answers") == 1);
        CHECK(count(db, "SELECT COUNT(*) FROM audit_log") == rowsBefore);
    }
    SUBCASE("an audit log that cannot be written keeps the change from being saved") {
        REQUIRE(db.exec("CREATE TRIGGER full BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END"));
        auto refused = service.answer(*active, "has_backup", Answer::option("no"));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().find("disk full") != std::string::npos);
        CHECK(active->session.answer("has_backup")->choice == "yes");  // shown as it is saved
        auto stored = store.answer(active->uuid, "has_backup");
        REQUIRE(stored);
        CHECK((*stored)->value == "yes");
        CHECK(count(db, "SELECT COUNT(*) FROM answer_versions") == 1);
        CHECK_FALSE(service.discard(*active));
        CHECK(store.get(active->uuid)->status == AssessmentStatus::InProgress);
    }
    SUBCASE("a transaction rolled back around a change takes its audit row with it") {
        {
            Transaction outer(db);
            REQUIRE(service.answer(*active, "backup_tested", Answer::option("no")));
            CHECK(count(db, "SELECT COUNT(*) FROM audit_log") == rowsBefore + 1);
        }
        CHECK(count(db, "SELECT COUNT(*) FROM answers") == 1);
        CHECK(count(db, "SELECT COUNT(*) FROM audit_log") == rowsBefore);
    }
    CHECK_FALSE(verified(log));
}

TEST_CASE("a stored result is audited once; the refused second save adds nothing") {
    auto db = memoryDb();
    AuditLog log(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("no")));
    ResultStore results(db, &log);
    const StoredResult result{active->uuid, "", 3, "urgent", 10.9, "2026-03-02T05:41:07.204Z", "{}"};
    REQUIRE(results.save(result));
    CHECK_FALSE(results.save(result));
    const auto all = rows(log);
    REQUIRE(all.size() == 1);
    CHECK(all[0].event.event == "result.stored");
    CHECK(all[0].event.subject == active->uuid);
    CHECK(all[0].event.details == R"({"decision":"urgent","engine_version":3,"overall":"10.9","profile":""})");
}

TEST_CASE("people added, edited, imported and removed are audited by id, without their names") {
    const auto content = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    auto loaded = skills::loadSkillCatalog(test::sourceDir() / "questionnaires", content);
    REQUIRE(loaded.catalog);
    auto db = memoryDb();
    AuditLog log(db);
    log.setActor(Role::Admin);
    PeopleStore people(db, &log);
    skills::SkillService service(people, *loaded.catalog);

    auto report = service.importCsv(test::readFile(test::dataDir() / "people" / "staff_40.csv"), false);
    REQUIRE(report);
    REQUIRE(report->imported == 40);
    auto all = rows(log);
    REQUIRE(all.size() == 1);
    CHECK(all[0].event.event == "person.imported");
    CHECK(all[0].role == Role::Admin);
    CHECK(all[0].event.details.find(R"("added":40)") != std::string::npos);
    CHECK(all[0].event.details.find(R"("updated":0)") != std::string::npos);

    auto everyone = people.all();
    REQUIRE(everyone);
    skills::Person edited = everyone->front();
    edited.department = "医療情報部";
    REQUIRE(service.recordByAdmin(edited));
    skills::Person added;
    added.name = "新人 太郎";
    added.role = edited.role;
    REQUIRE(service.recordByAdmin(added));
    REQUIRE(people.remove(edited.id));
    REQUIRE(people.remove(edited.id));  // no longer there: nothing removed, nothing recorded

    all = rows(log);
    REQUIRE(all.size() == 4);
    CHECK(all[1].event.event == "person.edited");
    CHECK(all[1].event.subject == std::to_string(edited.id));
    CHECK(all[2].event.event == "person.added");
    CHECK(all[3].event.event == "person.removed");
    CHECK(all[3].event.subject == std::to_string(edited.id));
    for (const auto& r : all) {
        CHECK(r.event.details.find(edited.name) == std::string::npos);
        CHECK(r.event.details.find("新人") == std::string::npos);
    }
    CHECK_FALSE(verified(log));

    // A refused import records nothing.
    auto refused = service.importCsv("name,role,employment\r\n,nurse,full_time\r\n", false);
    REQUIRE(refused);
    CHECK(refused->imported == 0);
    CHECK(rows(log).size() == 4);
}
