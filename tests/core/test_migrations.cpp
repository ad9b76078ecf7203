// Opening databases of every earlier schema with today's code. Each tests/data/migrations/schemaN.sql
// (written by make_fixtures.py there, which says what every fixture holds) becomes a database file
// that must open at the current schema with every row kept, read-only without a byte of the file
// changing, and that a failed migration must leave exactly as it was.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "assessment/service.hpp"
#include "auth/auth_service.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/result.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/people_store.hpp"
#include "store/result_store.hpp"
#include "store/workshop_store.hpp"
#include "store/advisor_store.hpp"
#include "store/facility_store.hpp"
#include "util/hash.hpp"
#include "support.hpp"
#include "util/hash.hpp"

using namespace kiosk;
using namespace kiosk::store;
namespace fs = std::filesystem;

namespace {

// The data make_fixtures.py puts in every fixture.
const std::string kCompleted = "3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34";
const std::string kInProgress = "a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10";
const std::string kDiscarded = "6c1e2f9a-3b7d-4a05-9e48-d2f17a6b0c83";  // schema >= 4
const std::string kJapaneseNote = "停電時は紙カルテに切り替えます。手順書は医事課の棚にあります。";

struct Fixture {
    int version = 0;
    fs::path sql;
};

// Every schemaN.sql in the folder, oldest schema first: a fixture added later is tested with no
// change here.
std::vector<Fixture> fixtures() {
    std::vector<Fixture> out;
    const std::regex pattern(R"(schema([0-9]+)\.sql)");
    for (const auto& entry : fs::directory_iterator(test::dataDir() / "migrations")) {
        const std::string name = entry.path().filename().string();
        std::smatch match;
        if (std::regex_match(name, match, pattern)) out.push_back({std::stoi(match[1].str()), entry.path()});
    }
    std::sort(out.begin(), out.end(), [](const Fixture& a, const Fixture& b) { return a.version < b.version; });
    return out;
}

// Kiosk databases are in WAL mode (the fixtures end by switching to it, as every kiosk version
// does); a copy made with other tools may be in the rollback-journal mode.
enum class Journal { Wal, Rollback };
const char* journalName(Journal j) {
    return j == Journal::Wal ? "WAL" : "rollback journal";
}

// The fixture as a closed database file, at its own schema.
std::string load(const Fixture& fixture, const test::TempDir& dir, Journal journal) {
    const std::string path = (dir / ("schema" + std::to_string(fixture.version) + ".db")).string();
    auto db = Database::openRaw(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    const auto loaded = db->exec(test::readFile(fixture.sql));
    REQUIRE_MESSAGE(loaded, loaded.error());
    if (journal == Journal::Rollback) REQUIRE(db->exec("PRAGMA journal_mode = DELETE"));
    REQUIRE(db->userVersion() == fixture.version);
    return path;
}

std::string fileHash(const std::string& path) {
    return sha256Hex(test::readFile(path));
}

// Nothing waits beside the file to be rolled back or written into it: no rollback journal, and a
// write-ahead log, if one is left, that is empty.
bool nothingPending(const std::string& path) {
    std::error_code ec;
    return !fs::exists(path + "-journal") && (!fs::exists(path + "-wal") || fs::file_size(path + "-wal", ec) == 0);
}

int count(Database& db, const std::string& sql) {
    Statement s(db, sql);
    auto row = s.step();
    REQUIRE_MESSAGE(row, (row ? "" : row.error()));
    REQUIRE(*row);
    return static_cast<int>(s.integer(0));
}

std::vector<std::string> texts(Database& db, const std::string& sql, const std::string& parameter = {}) {
    Statement s(db, sql);
    if (!parameter.empty()) s.bind(1, parameter);
    std::vector<std::string> out;
    for (;;) {
        auto row = s.step();
        REQUIRE_MESSAGE(row, (row ? "" : row.error()));
        if (!*row) break;
        out.push_back(s.text(0));
    }
    return out;
}

// Every table and index with its SQL as SQLite keeps it, one after the other (a failed comparison
// prints both).
std::string schemaOf(Database& db) {
    std::string out;
    for (const auto& line :
         texts(db, "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"))
        out += line + "\n";
    return out;
}

// Table name to its column names.
using Columns = std::map<std::string, std::vector<std::string>>;

Columns columnsOf(Database& db) {
    Columns out;
    for (const auto& table : texts(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        out[table] = texts(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", table);
    return out;
}

// The rows of the given columns, each value as SQLite quotes it (type and bytes), sorted: equal
// contents mean every value was kept exactly.
std::map<std::string, std::vector<std::string>> rowsOf(Database& db, const Columns& columns) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [table, names] : columns) {
        std::string row;
        for (const auto& name : names) row += (row.empty() ? "" : " || ',' || ") + std::string("quote(\"") + name + "\")";
        out[table] = texts(db, "SELECT " + row + " FROM \"" + table + "\" ORDER BY 1");
        std::sort(out[table].begin(), out[table].end());
    }
    return out;
}

// The first table the migration to `version` creates.
std::string firstTableOf(int version) {
    for (const auto& m : migrations()) {
        if (m.version != version) continue;
        std::smatch match;
        const std::string sql(m.sql);
        REQUIRE(std::regex_search(sql, match, std::regex(R"(CREATE TABLE (\w+))")));
        return match[1].str();
    }
    FAIL("no migration " << version);
    return {};
}

const skills::Person* personNamed(const std::vector<skills::Person>& people, const std::string& name) {
    for (const auto& p : people)
        if (p.name == name) return &p;
    return nullptr;
}

skills::Date day(const char* text) {
    return *skills::parseDate(text);
}

// What every fixture holds, read back through the services the kiosk uses, on a database already
// at the current schema.
void checkData(Database& db, int fixtureVersion) {
    CHECK(count(db, "SELECT COUNT(*) FROM questionnaire_snapshots") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM assessments") == (fixtureVersion >= 4 ? 3 : 2));

    // Workshops (schema 8): the fixture's session, found by its code as a participant types it.
    WorkshopStore workshops(db);
    auto session = workshops.find("k7mpq2");
    REQUIRE_MESSAGE(session, (session ? "" : session.error()));
    CHECK(session->has_value() == (fixtureVersion >= 8));
    if (*session) {
        CHECK((*session)->name == "夜間対応研修 2026");
        CHECK((*session)->exercises == std::vector<std::string>{"ransomware_night", "vpn_advisory"});
        CHECK((*session)->mode == workshop::Mode::Team);
        CHECK((*session)->explanations == workshop::Explanations::AtEnd);
        CHECK((*session)->phase == workshop::Phase::Post);
        CHECK_FALSE((*session)->closedAt);
        CHECK(texts(db, "SELECT code FROM workshop_participants") == std::vector<std::string>{"さくら"});
        auto runs = workshops.runs((*session)->uuid);
        REQUIRE(runs);
        CHECK(runs->empty());
    }
    // The advisor directory (schema 9): the fixture's advisor as the store reads it, and the consent.
    AdvisorStore directory(db);
    auto advisors = directory.list();
    REQUIRE_MESSAGE(advisors, (advisors ? "" : advisors.error()));
    CHECK(advisors->size() == (fixtureVersion >= 9 ? 1u : 0u));
    if (!advisors->empty()) {
        const auto& a = advisors->front();
        CHECK(a.name == "見本 一郎（架空）");
        CHECK(a.key() == "registered|#990001");
        CHECK(a.qualifications.size() == 2);
        CHECK(a.serves == std::vector<std::string>{"11", "12", "13", "14"});
        CHECK(a.mode == advisors::SupportMode::Both);
        CHECK(a.confirmed == day("2026-09-01"));
    }
    CHECK(directory.directoryConsent().value() == (fixtureVersion >= 9 ? std::vector<std::int64_t>{1} : std::vector<std::int64_t>{}));
    // The facility (schema 10): an older database gets one, with a random version-4 UUID and no name.
    FacilityStore facilities(db);
    auto facility = facilities.get();
    REQUIRE_MESSAGE(facility, (facility ? "" : facility.error()));
    CHECK(count(db, "SELECT COUNT(*) FROM facility") == 1);
    if (fixtureVersion >= 10) {
        CHECK(facility->uuid == "6f1c2a9e-4b7d-4e21-9c3a-5d8e7f60a1b2");
        CHECK(facility->name == "架空市立病院");
        CHECK(facility->beds == 199);
    } else {
        CHECK(isUuid(facility->uuid));
        CHECK(facility->uuid[14] == '4');
        CHECK(std::string("89ab").find(facility->uuid[19]) != std::string::npos);
        CHECK(facility->name.empty());
    }
    CHECK(count(db, "SELECT COUNT(*) FROM answers") == (fixtureVersion >= 4 ? 6 : 5));
    CHECK(count(db, "SELECT COUNT(*) FROM results") == (fixtureVersion >= 2 ? 1 : 0));
    CHECK(count(db, "SELECT COUNT(*) FROM people") == (fixtureVersion >= 4 ? 5 : fixtureVersion >= 3 ? 3 : 0));
    CHECK(count(db, "SELECT COUNT(*) FROM qualifications") == (fixtureVersion >= 4 ? 4 : fixtureVersion >= 3 ? 3 : 0));
    CHECK(count(db, "SELECT COUNT(*) FROM skill_snapshots") == (fixtureVersion >= 4 ? 4 : fixtureVersion >= 3 ? 3 : 0));
    CHECK(count(db, "SELECT COUNT(*) FROM skill_levels") == (fixtureVersion >= 4 ? 10 : fixtureVersion >= 3 ? 9 : 0));
    // Every answer is the latest of its versions; an older database's answers are each their first.
    CHECK(count(db, "SELECT COUNT(*) FROM answer_versions") == (fixtureVersion >= 5 ? 7 : fixtureVersion >= 4 ? 6 : 5));
    CHECK(count(db, R"sql(SELECT COUNT(*) FROM answers a WHERE NOT EXISTS (
                          SELECT 1 FROM answer_versions v WHERE v.assessment_uuid = a.assessment_uuid
                              AND v.question_id = a.question_id AND v.value IS a.value AND v.skipped = a.skipped
                              AND v.version = (SELECT MAX(version) FROM answer_versions w
                                               WHERE w.assessment_uuid = a.assessment_uuid AND w.question_id = a.question_id)))sql") == 0);
    // The audit log: empty until schema 5, and its chain holds either way.
    AuditLog audit(db);
    auto auditRows = audit.count();
    REQUIRE_MESSAGE(auditRows, (auditRows ? "" : auditRows.error()));
    CHECK(*auditRows == (fixtureVersion >= 5 ? 5 : 0));
    auto broken = audit.verify();
    REQUIRE_MESSAGE(broken, (broken ? "" : broken.error()));
    CHECK_MESSAGE(!*broken, (*broken ? (*broken)->reason : ""));
    auth::AuthService auth(db, audit);
    auto adminPin = auth.hasPin(Role::Admin);
    REQUIRE(adminPin);
    CHECK(*adminPin == (fixtureVersion >= 5));
    auto trainer = auth.lockState(Role::Trainer);
    REQUIRE(trainer);
    CHECK_FALSE(trainer->locked);
    CHECK(trainer->attemptsLeft == (fixtureVersion >= 5 ? 3 : 5));

    // No questionnaire on disk: the assessments must open from the copy stored with them.
    const questionnaire::Catalog nothingOnDisk;
    AssessmentStore store(db);
    assessment::AssessmentService service(store, nothingOnDisk);

    auto completed = service.open(kCompleted);
    REQUIRE_MESSAGE(completed, (completed ? "" : completed.error()));
    const auto& q = completed->session.questionnaire();
    CHECK(q.id == "tiny");
    CHECK(q.contentHash == completed->record.contentHash);
    CHECK(sha256Hex(q.source) == completed->record.contentHash);
    CHECK(completed->record.status == AssessmentStatus::Completed);
    CHECK(completed->record.language == "ja");
    CHECK(completed->record.completedAt == std::optional<std::string>("2026-02-16T01:04:55.870Z"));
    CHECK(completed->session.answers().size() == 3);
    REQUIRE(completed->session.answer("has_backup"));
    CHECK(completed->session.answer("has_backup")->choice == "yes");
    REQUIRE(completed->session.answer("backup_tested"));
    CHECK(completed->session.answer("backup_tested")->choice == "no");
    REQUIRE(completed->session.answer("note"));
    CHECK(completed->session.answer("note")->text == kJapaneseNote);
    CHECK(completed->session.isComplete());

    auto inProgress = service.open(kInProgress);
    REQUIRE_MESSAGE(inProgress, (inProgress ? "" : inProgress.error()));
    CHECK(inProgress->record.status == AssessmentStatus::InProgress);
    CHECK(inProgress->record.language == "en");
    CHECK_FALSE(inProgress->record.completedAt);
    REQUIRE(inProgress->session.answer("has_backup"));
    CHECK(inProgress->session.answer("has_backup")->choice == "yes");
    auto backupHistory = store.history(kInProgress, "has_backup");
    REQUIRE_MESSAGE(backupHistory, (backupHistory ? "" : backupHistory.error()));
    REQUIRE(backupHistory->size() == (fixtureVersion >= 5 ? 2u : 1u));
    CHECK(backupHistory->front().value == (fixtureVersion >= 5 ? "no" : "yes"));
    CHECK(backupHistory->back().value == "yes");
    CHECK(backupHistory->back().answeredAt == "2026-02-18T06:12:41.760Z");
    REQUIRE(inProgress->session.answer("note"));
    CHECK(inProgress->session.answer("note")->skipped);
    CHECK(inProgress->session.answer("backup_tested") == nullptr);
    CHECK(inProgress->session.firstUnanswered() == 1);  // resumes at backup_tested

    // Home lists the assessment in progress, where it left off.
    auto listed = service.summaries(AssessmentStatus::InProgress);
    REQUIRE_MESSAGE(listed, (listed ? "" : listed.error()));
    REQUIRE(listed->size() == 1);
    CHECK(listed->front().record.uuid == kInProgress);
    CHECK(listed->front().title.ja == "小さな例");
    CHECK(listed->front().resumeAt == 1);

    // The full list has every assessment with its status; a discarded one is never offered to resume.
    auto all = service.summaries(std::nullopt);
    REQUIRE_MESSAGE(all, (all ? "" : all.error()));
    std::map<std::string, std::string> statuses;
    for (const auto& summary : *all) statuses[summary.record.uuid] = std::string(statusName(summary.record.status));
    std::map<std::string, std::string> expectedStatuses{{kCompleted, "completed"}, {kInProgress, "in_progress"}};
    if (fixtureVersion >= 4) expectedStatuses[kDiscarded] = "discarded";
    CHECK(statuses == expectedStatuses);
    if (fixtureVersion >= 4) {
        auto discarded = service.open(kDiscarded);
        REQUIRE_MESSAGE(discarded, (discarded ? "" : discarded.error()));
        CHECK(discarded->record.status == AssessmentStatus::Discarded);
        CHECK(discarded->record.discardedAt == std::optional<std::string>("2026-03-10T00:12:45.380Z"));
        CHECK_FALSE(discarded->record.completedAt);
        REQUIRE(discarded->session.answer("has_backup"));
        CHECK(discarded->session.answer("has_backup")->choice == "no");
    }

    ResultStore results(db);
    auto stored = results.get(kCompleted);
    REQUIRE_MESSAGE(stored, (stored ? "" : stored.error()));
    if (fixtureVersion < 2) {
        CHECK_FALSE(*stored);
    } else {
        REQUIRE(*stored);
        const StoredResult& row = **stored;
        CHECK(row.decision == "urgent");
        // As the kiosk of each era scored the same answers (schema 4's scores the measures of the expected tier).
        CHECK(row.overall == doctest::Approx(fixtureVersion >= 4 ? 10.9 : 9.1));
        CHECK(row.profileUuid.empty());
        CHECK(row.computedAt == "2026-03-02T05:41:07.204Z");
        auto result = scoring::fromJson(row.json);
        REQUIRE_MESSAGE(result, (result ? "" : result.error()));
        CHECK(scoring::decisionName(result->decision) == row.decision);
        CHECK(result->overall == doctest::Approx(row.overall));
        CHECK(result->assessment == kCompleted);
        CHECK(result->computedAt == row.computedAt);
        CHECK(result->engineVersion == row.engineVersion);
        CHECK(result->expectedTier == "supported");
        CHECK(result->achievedTier == "none");
        CHECK(result->criticalGaps().size() == 5);
        CHECK(result->staffing.source == "profile");
        CHECK_FALSE(result->routes.empty());
        CHECK_FALSE(result->summary.ja.empty());

        // What tables of results read instead of the JSON (migration 7) agrees with it, whether
        // the migration filled it from an older database or the trigger when the row was stored.
        CHECK(count(db, "SELECT COUNT(*) FROM result_items") == static_cast<int>(result->items.size()));
        CHECK(texts(db, "SELECT item_id FROM result_items WHERE gap_rank IS NOT NULL ORDER BY gap_rank") == result->gaps);
        CHECK(texts(db, "SELECT item_id FROM result_items ORDER BY position").front() == result->items.front().id);
        CHECK(count(db, "SELECT COUNT(*) FROM result_items WHERE critical = 1 AND gap_rank IS NOT NULL") == 5);
        CHECK(texts(db, "SELECT action_ja FROM result_items WHERE item_id = ?", result->gaps.front()) ==
              std::vector<std::string>{result->item(result->gaps.front())->actionOrText().ja});
        CHECK(texts(db, "SELECT domain_id FROM result_domains ORDER BY position").size() == result->domains.size());
        CHECK(texts(db, "SELECT name_en FROM result_domains WHERE domain_id = ?", result->domains.front().id) ==
              std::vector<std::string>{result->domains.front().name.en});
        CHECK(texts(db, "SELECT expected_tier || ' ' || expected_tier_ja || ' ' || achieved_tier || ' ' || decision_en FROM result_summaries") ==
              std::vector<std::string>{fmt::format("supported {} none {}", result->expectedTierName.ja, result->decisionName.en)});
        CHECK(count(db, "SELECT gaps FROM result_summaries") == static_cast<int>(result->gaps.size()));
    }

    PeopleStore peopleStore(db);
    auto people = peopleStore.all();
    REQUIRE_MESSAGE(people, (people ? "" : people.error()));
    if (fixtureVersion < 3) {
        CHECK(people->empty());
        return;
    }
    REQUIRE(people->size() == (fixtureVersion >= 4 ? 5 : 3));
    // Ids are kept exactly: exports and the matrix screen refer to people by them.
    CHECK(personNamed(*people, "佐藤 花子")->id == 1);
    CHECK(personNamed(*people, "鈴木 一郎")->id == 2);
    CHECK(personNamed(*people, "山本 健太")->id == 3);

    const auto* sato = personNamed(*people, "佐藤 花子");
    REQUIRE(sato);
    CHECK(sato->role == "it_department");
    CHECK(sato->department == "医療情報部");
    CHECK(sato->employment == skills::Employment::FullTime);
    REQUIRE(sato->qualifications.size() == 2);
    const auto* hit = sato->qualification("hit");  // held, with no date
    REQUIRE(hit);
    CHECK_FALSE(hit->obtained);
    CHECK_FALSE(hit->renewalDue);
    CHECK(hit->registered);
    const auto* rissa = sato->qualification("rissa");
    REQUIRE(rissa);
    CHECK(rissa->obtained == std::optional<skills::Date>(day("2024-10-01")));
    CHECK(rissa->renewalDue == std::optional<skills::Date>(day("2027-10-01")));
    CHECK(rissa->registered);
    CHECK(sato->snapshotCount == 2);
    REQUIRE(sato->latest);  // the newer of her two snapshots
    CHECK(sato->latest->takenAt == "2026-02-20T07:55:31.640Z");
    CHECK(sato->latest->source == "admin");
    CHECK(sato->latest->experienceYears == 9);
    CHECK(sato->latest->healthcareCourse);
    CHECK(sato->latest->levels ==
          std::map<std::string, int>{
              {"skill_bak_restore", 4}, {"skill_gov_rules", 3}, {"skill_inc_first_response", 3}, {"skill_net_remote", 2}});
    auto history = peopleStore.history(sato->id);
    REQUIRE_MESSAGE(history, (history ? "" : history.error()));
    REQUIRE(history->size() == 2);
    CHECK(history->back().source == "import");
    CHECK(history->back().levels ==
          std::map<std::string, int>{{"skill_bak_restore", 2}, {"skill_gov_rules", 2}, {"skill_net_remote", 1}});

    const auto* suzuki = personNamed(*people, "鈴木 一郎");
    REQUIRE(suzuki);
    CHECK(suzuki->employment == skills::Employment::PartTime);
    REQUIRE(suzuki->qualifications.size() == 1);
    CHECK(suzuki->qualifications[0].id == "sg");
    CHECK(suzuki->qualifications[0].obtained == std::optional<skills::Date>(day("2022-12-20")));
    CHECK_FALSE(suzuki->qualifications[0].renewalDue);
    REQUIRE(suzuki->latest);
    CHECK(suzuki->latest->levels == std::map<std::string, int>{{"skill_gov_rules", 1}, {"skill_med_devices", 3}});

    const auto* yamamoto = personNamed(*people, "山本 健太");
    REQUIRE(yamamoto);
    CHECK(yamamoto->employment == skills::Employment::External);
    CHECK(yamamoto->department.empty());
    CHECK(yamamoto->qualifications.empty());
    CHECK_FALSE(yamamoto->latest);
    CHECK(yamamoto->snapshotCount == 0);

    if (fixtureVersion < 4) return;
    // Two people with one name, told apart by id, each with what is theirs.
    std::vector<const skills::Person*> tanaka;
    for (const auto& p : *people)
        if (p.name == "田中 美咲") tanaka.push_back(&p);
    REQUIRE(tanaka.size() == 2);
    CHECK(tanaka[0]->id == 4);
    CHECK(tanaka[0]->department == "外来");
    REQUIRE(tanaka[0]->qualification("ip"));
    REQUIRE(tanaka[0]->latest);
    CHECK(tanaka[0]->latest->levels == std::map<std::string, int>{{"skill_gov_rules", 1}});
    CHECK(tanaka[1]->id == 5);
    CHECK(tanaka[1]->department == "病棟 3階");
    CHECK(tanaka[1]->qualifications.empty());
    CHECK_FALSE(tanaka[1]->latest);
}

}  // namespace

TEST_CASE("the migration fixtures cover every schema from 1 to the current one") {
    std::vector<int> versions;
    for (const auto& f : fixtures()) versions.push_back(f.version);
    std::vector<int> expected;
    for (int v = 1; v <= latestSchemaVersion(); ++v) expected.push_back(v);
    // A new migration needs its fixture: see tests/data/migrations/make_fixtures.py.
    CHECK(versions == expected);
}

TEST_CASE("each fixture's schema is exactly what migrations 1 to N create today, so no published migration was edited") {
    for (const auto& fixture : fixtures()) {
        CAPTURE(fixture.sql.filename().string());
        test::TempDir dir;
        const auto path = load(fixture, dir, Journal::Rollback);
        auto old = Database::openRaw(path);
        REQUIRE(old);
        auto fresh = Database::openRaw((dir / "fresh.db").string());
        REQUIRE(fresh);
        REQUIRE(migrate(*fresh, fixture.version));
        CHECK(schemaOf(*old) == schemaOf(*fresh));
    }
}

TEST_CASE("a database of every earlier schema opens with today's code at the current schema with every row kept") {
    for (const auto& fixture : fixtures()) {
        for (const Journal journal : {Journal::Wal, Journal::Rollback}) {
            CAPTURE(fixture.sql.filename().string());
            CAPTURE(journalName(journal));
            test::TempDir dir;
            const auto path = load(fixture, dir, journal);
            Columns columns;
            std::map<std::string, std::vector<std::string>> before;
            {
                auto raw = Database::openRaw(path);
                REQUIRE(raw);
                columns = columnsOf(*raw);
                before = rowsOf(*raw, columns);
            }

            auto db = Database::open(path);
            REQUIRE_MESSAGE(db, (db ? "" : db.error()));
            CHECK(db->userVersion() == latestSchemaVersion());
            // Every value of every column the old schema had, exactly as it was.
            const auto after = rowsOf(*db, columns);
            for (const auto& [table, rows] : before) {
                CAPTURE(table);
                CHECK(after.at(table) == rows);
            }
            // Migrated, the database is just like a new one.
            auto fresh = Database::open((dir / "fresh.db").string());
            REQUIRE(fresh);
            CHECK(schemaOf(*db) == schemaOf(*fresh));
            checkData(*db, fixture.version);
        }
    }
}

TEST_CASE("a database of every earlier schema opened read-only reads the same and its file stays byte for byte as it was") {
    for (const auto& fixture : fixtures()) {
        for (const Journal journal : {Journal::Wal, Journal::Rollback}) {
            CAPTURE(fixture.sql.filename().string());
            CAPTURE(journalName(journal));
            test::TempDir dir;
            const auto path = load(fixture, dir, journal);
            const auto hash = fileHash(path);
            {
                auto db = Database::open(path, OpenMode::ReadOnly);
                REQUIRE_MESSAGE(db, (db ? "" : db.error()));
                CHECK(db->readOnly());
                CHECK(db->userVersion() == latestSchemaVersion());
                checkData(*db, fixture.version);
            }
            CHECK(fileHash(path) == hash);
            CHECK(nothingPending(path));
            auto raw = Database::openRaw(path);
            REQUIRE(raw);
            CHECK(raw->userVersion() == fixture.version);
        }
    }
}

TEST_CASE("a migration that fails names itself and leaves the database byte for byte as it was, at its old schema") {
    int tried = 0;
    for (const auto& fixture : fixtures()) {
        if (fixture.version >= latestSchemaVersion()) continue;
        for (const Journal journal : {Journal::Wal, Journal::Rollback}) {
            CAPTURE(fixture.sql.filename().string());
            CAPTURE(journalName(journal));
            ++tried;
            test::TempDir dir;
            const auto path = load(fixture, dir, journal);
            // A table in the way of the next migration, e.g. `people` in a schema-2 database.
            const int next = fixture.version + 1;
            const std::string clash = firstTableOf(next);
            {
                auto raw = Database::openRaw(path);
                REQUIRE(raw);
                REQUIRE(raw->exec("CREATE TABLE " + clash + "(x); INSERT INTO " + clash + " VALUES ('in the way')"));
            }
            const auto hash = fileHash(path);
            const std::string named = "schema migration " + std::to_string(next) + " failed";

            auto db = Database::open(path);
            REQUIRE_FALSE(db);
            CHECK_MESSAGE(db.error().find(named) != std::string::npos, db.error());
            CHECK_MESSAGE(db.error().find("already exists") != std::string::npos, db.error());
            CHECK(fileHash(path) == hash);

            auto readOnly = Database::open(path, OpenMode::ReadOnly);
            REQUIRE_FALSE(readOnly);
            CHECK_MESSAGE(readOnly.error().find(named) != std::string::npos, readOnly.error());
            CHECK(fileHash(path) == hash);
            CHECK(nothingPending(path));

            auto raw = Database::openRaw(path);
            REQUIRE(raw);
            CHECK(raw->userVersion() == fixture.version);
            CHECK(count(*raw, "SELECT COUNT(*) FROM " + clash) == 1);
            CHECK(count(*raw, "SELECT COUNT(*) FROM answers") == (fixture.version >= 4 ? 6 : 5));
        }
    }
    CHECK(tried == 2 * (latestSchemaVersion() - 1));
}

namespace {

// The fixture of one schema, as a database file in `dir`.
std::string loadSchema(int version, const test::TempDir& dir) {
    for (const auto& fixture : fixtures())
        if (fixture.version == version) return load(fixture, dir, Journal::Wal);
    FAIL("no fixture of schema " << version);
    return {};
}

}  // namespace

TEST_CASE("a schema-3 database keeps assessments opened but never answered, and any in progress can be discarded after the migration") {
    test::TempDir dir;
    const auto path = loadSchema(3, dir);
    const std::string neverAnswered = "0b6d2c1f-94e3-4f7a-b2d8-5a1e7c3f9d60";
    {
        // What earlier versions stored the moment a questionnaire was opened.
        auto raw = Database::openRaw(path);
        REQUIRE(raw);
        REQUIRE(raw->exec("INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, "
                          "created_at, updated_at) SELECT '" + neverAnswered + "', questionnaire_id, version, content_hash, "
                          "'in_progress', 'ja', '2026-02-19T09:00:00.000Z', '2026-02-19T09:00:00.000Z' FROM questionnaire_snapshots"));
    }
    auto db = Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    CHECK(db->userVersion() == latestSchemaVersion());
    // Rebuilding the assessments table with foreign keys enforced must not take what refers to it along.
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 3);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 5);
    CHECK(count(*db, "SELECT COUNT(*) FROM results") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM skill_snapshots") == 3);
    CHECK(texts(*db, "PRAGMA foreign_key_check").empty());
    // …and enforcement is back on afterwards: an answer to no assessment is refused.
    CHECK(count(*db, "PRAGMA foreign_keys") == 1);
    CHECK_FALSE(db->exec("INSERT INTO answers(assessment_uuid, question_id, value) VALUES ('no-such-assessment', 'has_backup', 'yes')"));

    const questionnaire::Catalog nothingOnDisk;
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, nothingOnDisk);
    auto home = service.summaries(AssessmentStatus::InProgress);
    REQUIRE_MESSAGE(home, (home ? "" : home.error()));
    CHECK(home->size() == 2);  // left as it was: nothing is deleted by a migration

    auto discarded = service.discard(kInProgress.substr(0, 8));
    REQUIRE_MESSAGE(discarded, (discarded ? "" : discarded.error()));
    CHECK(discarded->status == AssessmentStatus::Discarded);
    CHECK(discarded->answerCount == 2);
    CHECK(discarded->discardedAt);
    REQUIRE(service.discard(neverAnswered));
    auto refused = service.discard(kCompleted);
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == "assessment " + kCompleted + " is completed; only an assessment in progress can be discarded");

    home = service.summaries(AssessmentStatus::InProgress);
    REQUIRE(home);
    CHECK(home->empty());
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments WHERE status = 'discarded'") == 2);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 5);  // a discarded assessment keeps its answers

    // New assessments on the migrated database are stored with their first answer, as on a new one.
    auto tiny = service.open(kCompleted);
    REQUIRE(tiny);
    questionnaire::Catalog catalog;
    catalog.questionnaires.push_back(tiny->session.questionnaire());
    assessment::AssessmentService current(store, catalog);
    auto fresh = current.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(fresh);
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 3);
    REQUIRE(current.answer(*fresh, "has_backup", assessment::Answer::option("yes")));
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 4);
}

TEST_CASE("after the migration two people may share a name; ids are kept and never reused") {
    test::TempDir dir;
    const auto path = loadSchema(3, dir);
    auto db = Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    CHECK(count(*db, "SELECT COUNT(*) FROM qualifications") == 3);  // nothing that refers to people was lost
    CHECK(count(*db, "SELECT COUNT(*) FROM skill_levels") == 9);
    CHECK(texts(*db, "PRAGMA foreign_key_check").empty());

    PeopleStore store(*db);
    skills::Person second;
    second.name = "佐藤 花子";  // the name of person 1
    second.role = "nurse";
    second.department = "病棟 5階";
    REQUIRE(store.upsert({second}, "admin"));
    auto people = store.all();
    REQUIRE(people);
    REQUIRE(people->size() == 4);
    std::vector<std::int64_t> satoIds;
    for (const auto& p : *people)
        if (p.name == "佐藤 花子") satoIds.push_back(p.id);
    CHECK(satoIds == std::vector<std::int64_t>{1, 4});
    const auto* first = personNamed(*people, "佐藤 花子");
    REQUIRE(first);
    CHECK(first->department == "医療情報部");  // the first one is untouched
    CHECK(first->qualifications.size() == 2);

    // A person removed leaves their id unused: an old export's id never reaches someone else.
    REQUIRE(store.remove(4));
    REQUIRE(store.upsert({second}, "admin"));
    people = store.all();
    REQUIRE(people);
    satoIds.clear();
    for (const auto& p : *people)
        if (p.name == "佐藤 花子") satoIds.push_back(p.id);
    CHECK(satoIds == std::vector<std::int64_t>{1, 5});
}

TEST_CASE("after the migration to schema 5 a changed answer appends a version, and the audit log and PINs work") {
    test::TempDir dir;
    const auto path = loadSchema(4, dir);
    auto db = Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    CHECK(count(*db, "SELECT COUNT(*) FROM answer_versions") == 6);  // each answer its first version

    const questionnaire::Catalog nothingOnDisk;
    AssessmentStore store(*db);
    AuditLog audit(*db);
    assessment::AssessmentService service(store, nothingOnDisk, &audit);
    auto active = service.open(kInProgress);
    REQUIRE_MESSAGE(active, (active ? "" : active.error()));
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("no")));
    auto history = store.history(kInProgress, "has_backup");
    REQUIRE(history);
    REQUIRE(history->size() == 2);
    CHECK(history->front().value == "yes");
    CHECK(history->front().answeredAt == "2026-02-18T06:12:41.760Z");  // kept exactly as it was
    CHECK(history->back().value == "no");
    auto rows = audit.list();
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().seq == 1);
    CHECK(rows->front().event.event == "assessment.changed");
    CHECK_FALSE(*audit.verify());
}

TEST_CASE("a schema-5 database's PINs sign in, and new rows continue its audit chain") {
    test::TempDir dir;
    const auto path = loadSchema(5, dir);
    auto db = Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    AuditLog audit(*db);
    auth::AuthService auth(*db, audit);
    auto wrong = auth.signIn(Role::Trainer, "741853");
    REQUIRE(wrong);
    CHECK(wrong->attemptsLeft == 2);  // two failures were stored before
    auto signedIn = auth.signIn(Role::Admin, "258036");
    REQUIRE(signedIn);
    CHECK(signedIn->ok);
    auto total = audit.count();
    REQUIRE(total);
    CHECK(*total == 7);
    auto rows = audit.list();
    REQUIRE(rows);
    CHECK(rows->back().seq == 7);
    CHECK(rows->back().event.event == "auth.signed_in");
    CHECK_FALSE(*audit.verify());
}

TEST_CASE("after the migrations to schema 12 the history is one B-tree, the answers a view of its latest versions; the history still refuses changes and grows with each change") {
    test::TempDir dir;
    const auto path = loadSchema(10, dir);
    auto db = Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    CHECK(count(*db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'answer_versions' AND sql LIKE '%WITHOUT ROWID%'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'answers' AND type = 'view'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('assessments_by_status', 'audit_log_by_time', 'answers_v12')") == 0);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 6);
    const int versions = count(*db, "SELECT COUNT(*) FROM answer_versions");
    CHECK(versions == 7);  // in-progress has_backup was no, then yes
    CHECK_FALSE(db->exec("UPDATE answer_versions SET value = 'no'"));
    CHECK_FALSE(db->exec("DELETE FROM answer_versions"));
    CHECK(count(*db, "SELECT COUNT(*) FROM answer_versions") == versions);

    const questionnaire::Catalog nothingOnDisk;
    AssessmentStore store(*db);
    AuditLog audit(*db);
    assessment::AssessmentService service(store, nothingOnDisk, &audit);
    auto active = service.open(kInProgress);
    REQUIRE_MESSAGE(active, (active ? "" : active.error()));
    auto before = store.history(kInProgress, "has_backup");
    REQUIRE(before);
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("no")));
    auto after = store.history(kInProgress, "has_backup");
    REQUIRE(after);
    REQUIRE(after->size() == before->size() + 1);
    CHECK(after->back().value == "no");
    CHECK(count(*db, "SELECT COUNT(*) FROM answer_versions") == versions + 1);
    auto current = store.answer(kInProgress, "has_backup");
    REQUIRE(current);
    REQUIRE(*current);
    CHECK((*current)->value == "no");
    CHECK((*current)->answeredAt == after->back().answeredAt);
    // The same answer again writes nothing: no version, no audit row.
    const int rows = count(*db, "SELECT COUNT(*) FROM audit_log");
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("no")));
    CHECK(count(*db, "SELECT COUNT(*) FROM answer_versions") == versions + 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM audit_log") == rows);
    CHECK_FALSE(*audit.verify());
}

TEST_CASE("the migration to schema 12 keeps an answer's time that its history did not show") {
    test::TempDir dir;
    const auto path = loadSchema(11, dir);
    {
        auto raw = Database::openRaw(path);
        REQUIRE(raw);
        // Earlier kiosks moved an answer's time when the same value was given again, without a
        // version; synthetic regions moved answers back in time, not their versions.
        REQUIRE(raw->exec("UPDATE answers SET answered_at = '2026-02-18T07:30:00.000Z' WHERE assessment_uuid = '" + kInProgress +
                          "' AND question_id = 'has_backup'"));
        REQUIRE(raw->exec("UPDATE answers SET answered_at = '2025-08-16T00:59:03.118Z' WHERE assessment_uuid = '" + kCompleted +
                          "' AND question_id = 'backup_tested'"));
    }
    auto db = Database::open(path);
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    AssessmentStore store(*db);
    auto again = store.history(kInProgress, "has_backup");
    REQUIRE(again);
    REQUIRE(again->size() == 3);
    CHECK((*again)[1].value == "yes");
    CHECK((*again)[1].answeredAt == "2026-02-18T06:12:41.760Z");
    CHECK((*again)[2].value == "yes");
    CHECK((*again)[2].answeredAt == "2026-02-18T07:30:00.000Z");
    auto moved = store.history(kCompleted, "backup_tested");
    REQUIRE(moved);
    REQUIRE(moved->size() == 1);
    CHECK(moved->front().answeredAt == "2025-08-16T00:59:03.118Z");
    auto answers = store.answers(kCompleted);
    REQUIRE(answers);
    CHECK(answers->size() == 3);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 6);
}
