// The store: migrations from an empty file, rollback of a transaction left uncommitted, answers
// persisted as given, assessments stored with their first answer and discarded on request, and
// files that must never be touched (newer schema, not a database).
#include <doctest/doctest.h>

#include <algorithm>

#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support.hpp"
#include "util/hash.hpp"

using namespace kiosk;
using namespace kiosk::store;

namespace {

int count(Database& db, const std::string& sql) {
    Statement s(db, sql);
    auto row = s.step();
    REQUIRE(row);
    REQUIRE(*row);
    return static_cast<int>(s.integer(0));
}

questionnaire::Catalog tinyCatalog() {
    questionnaire::Catalog catalog;
    auto result = questionnaire::loadQuestionnaireFile(test::dataDir() / "good" / "tiny.toml", {});
    REQUIRE(result.questionnaire);
    catalog.questionnaires.push_back(std::move(*result.questionnaire));
    return catalog;
}

// tiny.toml with every question optional: it can be finished without a single answer.
questionnaire::Catalog allOptionalCatalog() {
    std::string text = test::readFile(test::dataDir() / "good" / "tiny.toml");
    const std::string yesNo = "type = \"yes_no\"\n";
    for (auto at = text.find(yesNo); at != std::string::npos; at = text.find(yesNo, at + 1)) text.insert(at + yesNo.size(), "required = false\n");
    auto parsed = questionnaire::parseQuestionnaire(text, "optional.toml", {});
    REQUIRE(parsed.questionnaire);
    questionnaire::Catalog catalog;
    catalog.questionnaires.push_back(std::move(*parsed.questionnaire));
    return catalog;
}

}  // namespace

TEST_CASE("a new database is migrated to the latest schema with WAL and foreign keys") {
    test::TempDir dir;
    auto db = Database::open((dir / "kiosk.db").string());
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    CHECK(db->userVersion() == latestSchemaVersion());
    Statement mode(*db, "PRAGMA journal_mode");
    REQUIRE(*mode.step());
    CHECK(mode.text(0) == "wal");
    CHECK(count(*db, "PRAGMA foreign_keys") == 1);
    CHECK(count(*db, "PRAGMA synchronous") == 2);  // FULL
}

TEST_CASE("each migration applies on top of the previous one") {
    test::TempDir dir;
    auto db = Database::openRaw((dir / "kiosk.db").string());
    REQUIRE(db);
    CHECK(db->userVersion() == 0);
    for (const auto& m : migrations()) {
        REQUIRE(migrate(*db, m.version));
        CHECK(db->userVersion() == m.version);
    }
    CHECK(count(*db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('assessments', 'answers', 'questionnaire_snapshots')") == 3);
}

TEST_CASE("a transaction that leaves scope without commit rolls back") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t(x)"));
    {
        Transaction tx(*db);
        REQUIRE(tx.began());
        REQUIRE(db->exec("INSERT INTO t VALUES (1)"));
        CHECK(count(*db, "SELECT COUNT(*) FROM t") == 1);
    }
    CHECK(count(*db, "SELECT COUNT(*) FROM t") == 0);
    {
        Transaction tx(*db);
        REQUIRE(db->exec("INSERT INTO t VALUES (2)"));
        REQUIRE(tx.commit());
    }
    CHECK(count(*db, "SELECT COUNT(*) FROM t") == 1);
}

TEST_CASE("answers are persisted the moment they are given and survive reopening") {
    test::TempDir dir;
    const auto path = (dir / "kiosk.db").string();
    const auto catalog = tinyCatalog();
    std::string uuid;
    {
        auto db = Database::open(path);
        REQUIRE(db);
        AssessmentStore store(*db);
        assessment::AssessmentService service(store, catalog);
        auto active = service.start(catalog.questionnaires[0], Lang::Ja);
        REQUIRE(active);
        REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));
        uuid = active->uuid;
        // Visible in the file straight away, through a second connection.
        auto other = Database::open(path);
        REQUIRE(other);
        CHECK(count(*other, "SELECT COUNT(*) FROM answers") == 1);
        REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("no")));
        CHECK(count(*other, "SELECT COUNT(*) FROM answers") == 1);  // replaced, not added
    }
    auto db = Database::open(path);
    REQUIRE(db);
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.open(uuid.substr(0, 8));  // a prefix is enough
    REQUIRE(active);
    REQUIRE(active->session.answer("has_backup"));
    CHECK(active->session.answer("has_backup")->choice == "no");
    CHECK(active->session.firstUnanswered() == 2);  // backup_tested is hidden after "no"
}

TEST_CASE("an answer that does not fit is refused and nothing is written") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::En);
    REQUIRE(active);
    CHECK_FALSE(service.answer(*active, "has_backup", assessment::Answer::option("perhaps")));
    CHECK_FALSE(service.answer(*active, "has_backup", assessment::Answer::skip()));
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 0);
}

TEST_CASE("completing refuses while required questions are unanswered, and a completed assessment is closed") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    CHECK_FALSE(service.complete(*active));
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("no")));
    REQUIRE(service.complete(*active));
    CHECK(active->record.status == AssessmentStatus::Completed);
    CHECK_FALSE(service.answer(*active, "note", assessment::Answer::words("late")));
    auto listed = store.list(AssessmentStatus::InProgress);
    REQUIRE(listed);
    CHECK(listed->empty());
}

TEST_CASE("an assessment keeps the questionnaire it began with after the file is edited") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    auto catalog = tinyCatalog();
    AssessmentStore store(*db);
    std::string uuid;
    {
        assessment::AssessmentService service(store, catalog);
        auto active = service.start(catalog.questionnaires[0], Lang::Ja);
        REQUIRE(active);
        REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));
        uuid = active->uuid;
    }
    // The file changes: a question's text is reworded.
    std::string edited = test::readFile(test::dataDir() / "good" / "tiny.toml");
    const std::string from = "電子カルテのバックアップを取っていますか。";
    edited.replace(edited.find(from), from.size(), "別の問い");
    auto reloaded = questionnaire::parseQuestionnaire(edited, "tiny.toml", {});
    REQUIRE(reloaded.questionnaire);
    questionnaire::Catalog newer;
    newer.questionnaires.push_back(std::move(*reloaded.questionnaire));
    assessment::AssessmentService service(store, newer);
    auto active = service.open(uuid);
    REQUIRE(active);
    CHECK(active->session.questionnaire().questions[0].text.ja == from);
}

TEST_CASE("a database from a newer schema is refused and left untouched") {
    test::TempDir dir;
    const auto path = (dir / "kiosk.db").string();
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA user_version = 99"));
        REQUIRE(db->exec("PRAGMA journal_mode = DELETE"));
    }
    const std::string before = sha256Hex(test::readFile(path));
    auto db = Database::open(path);
    REQUIRE_FALSE(db);
    CHECK(db.error().find("newer version of medsec-kiosk (schema 99") != std::string::npos);
    CHECK(db.error().find("left untouched") != std::string::npos);
    CHECK(sha256Hex(test::readFile(path)) == before);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("a file that is not a database is refused and never overwritten") {
    test::TempDir dir;
    const auto path = dir / "notes.db";
    const std::string text = "These are my notes, not a database.\n";
    test::writeFile(path, text);
    auto db = Database::open(path.string());
    REQUIRE_FALSE(db);
    CHECK(db.error().find("not an SQLite file") != std::string::npos);
    CHECK(test::readFile(path) == text);
}

TEST_CASE("a damaged database is refused and left as it was") {
    test::TempDir dir;
    const auto path = dir / "kiosk.db";
    {
        auto db = Database::open(path.string());
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA journal_mode = DELETE"));
        REQUIRE(db->exec("CREATE TABLE filler(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                         "INSERT INTO filler SELECT randomblob(100) FROM n"));
    }
    // Overwrite the middle of the file with garbage, keeping the header intact.
    std::string bytes = test::readFile(path);
    REQUIRE(bytes.size() > 20000);
    for (std::size_t i = 8192; i < 16384; ++i) bytes[i] = static_cast<char>(i * 7);
    test::writeFile(path, bytes);
    auto db = Database::open(path.string());
    REQUIRE_FALSE(db);
    CHECK(test::readFile(path) == bytes);
}

TEST_CASE("an empty file becomes a new database") {
    test::TempDir dir;
    test::writeFile(dir / "empty.db", "");
    auto db = Database::open((dir / "empty.db").string());
    REQUIRE_MESSAGE(db, (db ? "" : db.error()));
    CHECK(db->userVersion() == latestSchemaVersion());
}

TEST_CASE("an answer given while another program locks the database is refused, and nothing is lost") {
    test::TempDir dir;
    const auto path = (dir / "kiosk.db").string();
    const auto catalog = tinyCatalog();
    auto db = Database::open(path);
    REQUIRE(db);
    db->setBusyTimeout(100);
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));

    auto other = Database::open(path);
    REQUIRE(other);
    {
        Transaction lock(*other);  // another program holds the write lock
        REQUIRE(lock.began());
        auto refused = service.answer(*active, "backup_tested", assessment::Answer::option("no"));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().find("locked") != std::string::npos);
        CHECK(active->session.answer("backup_tested") == nullptr);  // not shown as given
    }
    // The lock is gone: the same answer goes through, and the earlier one is still there.
    REQUIRE(service.answer(*active, "backup_tested", assessment::Answer::option("no")));
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 2);
}

TEST_CASE("opening a questionnaire stores nothing; the first answer stores the assessment with it") {
    test::TempDir dir;
    const auto path = (dir / "kiosk.db").string();
    const auto catalog = tinyCatalog();
    auto db = Database::open(path);
    REQUIRE(db);
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    CHECK_FALSE(active->stored());
    CHECK(active->session.firstUnanswered() == 0);
    // Switching the language before answering is kept in memory and stored with the first answer.
    REQUIRE(service.setLanguage(*active, Lang::En));
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 0);
    auto home = service.summaries(AssessmentStatus::InProgress);
    REQUIRE(home);
    CHECK(home->empty());  // nothing to continue on Home

    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));
    REQUIRE(active->stored());
    auto other = Database::open(path);  // visible in the file at once, through a second connection
    REQUIRE(other);
    CHECK(count(*other, "SELECT COUNT(*) FROM assessments") == 1);
    CHECK(count(*other, "SELECT COUNT(*) FROM answers") == 1);
    auto reopened = service.open(active->uuid);
    REQUIRE(reopened);
    CHECK(reopened->record.language == "en");
    CHECK(reopened->record.status == AssessmentStatus::InProgress);
    CHECK(reopened->record.createdAt == active->record.createdAt);
    CHECK(reopened->session.answer("has_backup")->choice == "yes");
    home = service.summaries(AssessmentStatus::InProgress);
    REQUIRE(home);
    REQUIRE(home->size() == 1);
    CHECK(home->front().resumeAt == 1);

    // Later answers go to the same assessment.
    REQUIRE(service.answer(*active, "backup_tested", assessment::Answer::option("no")));
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 2);
}

TEST_CASE("a unit that joins its caller's transaction commits and rolls back with it, and alone is a transaction of its own") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t(x)"));
    {
        Transaction outer(*db);
        REQUIRE(outer.began());
        {
            Transaction joined(*db, Transaction::Nested::Join);
            REQUIRE(joined.began());
            REQUIRE(db->exec("INSERT INTO t VALUES (1)"));
            REQUIRE(joined.commit());
        }
        {
            Transaction joined(*db, Transaction::Nested::Join);
            REQUIRE(db->exec("INSERT INTO t VALUES (2)"));
        }  // not committed: nothing undone here, the caller decides
        CHECK(count(*db, "SELECT COUNT(*) FROM t") == 2);
    }  // the caller gives up: both are gone
    CHECK(count(*db, "SELECT COUNT(*) FROM t") == 0);
    {
        Transaction alone(*db, Transaction::Nested::Join);
        REQUIRE(alone.began());
        REQUIRE(db->exec("INSERT INTO t VALUES (3)"));
    }  // a transaction of its own, rolled back when not committed
    CHECK(count(*db, "SELECT COUNT(*) FROM t") == 0);
    {
        Transaction alone(*db, Transaction::Nested::Join);
        REQUIRE(db->exec("INSERT INTO t VALUES (4)"));
        REQUIRE(alone.commit());
    }
    CHECK(count(*db, "SELECT COUNT(*) FROM t") == 1);
}

TEST_CASE("a first answer that cannot be saved stores neither the assessment nor the answer, and can be given again") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);

    // The answer's own write fails after the assessment's row was written: both are rolled back.
    REQUIRE(db->exec("CREATE TEMP TRIGGER fail BEFORE INSERT ON answer_versions BEGIN SELECT RAISE(ABORT, 'disk gone'); END"));
    auto refused = service.answer(*active, "has_backup", assessment::Answer::option("yes"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("disk gone") != std::string::npos);
    CHECK_FALSE(active->stored());
    CHECK(active->session.answer("has_backup") == nullptr);  // not shown as given
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 0);
    CHECK(count(*db, "SELECT COUNT(*) FROM questionnaire_snapshots") == 0);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 0);

    // The assessment's row fails: no answer is left without it.
    REQUIRE(db->exec("DROP TRIGGER fail"));
    REQUIRE(db->exec("CREATE TEMP TRIGGER fail BEFORE INSERT ON assessments BEGIN SELECT RAISE(ABORT, 'disk gone'); END"));
    REQUIRE_FALSE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));
    CHECK_FALSE(active->stored());
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 0);

    REQUIRE(db->exec("DROP TRIGGER fail"));
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));
    CHECK(active->stored());
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 1);
}

TEST_CASE("a questionnaire with nothing required can be finished without an answer, and is stored completed") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    const auto catalog = allOptionalCatalog();
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto active = service.start(catalog.questionnaires[0], Lang::En);
    REQUIRE(active);
    REQUIRE(active->session.missingRequired().empty());

    // A failure on the way stores nothing and leaves it open.
    REQUIRE(db->exec("CREATE TEMP TRIGGER fail AFTER UPDATE OF status ON assessments BEGIN SELECT RAISE(ABORT, 'power cut'); END"));
    REQUIRE_FALSE(service.complete(*active));
    CHECK_FALSE(active->stored());
    CHECK(active->record.status == AssessmentStatus::InProgress);
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 0);

    REQUIRE(db->exec("DROP TRIGGER fail"));
    REQUIRE(service.complete(*active));
    REQUIRE(active->stored());
    CHECK(active->record.status == AssessmentStatus::Completed);
    CHECK(active->record.completedAt);
    auto record = store.get(active->uuid);
    REQUIRE(record);
    CHECK(record->status == AssessmentStatus::Completed);
    CHECK(record->language == "en");
    CHECK(record->answerCount == 0);
}

TEST_CASE("a discarded assessment keeps its answers, is no longer offered to continue, and takes no more answers") {
    test::TempDir dir;
    const auto catalog = tinyCatalog();
    auto db = Database::open((dir / "kiosk.db").string());
    REQUIRE(db);
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto kept = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(kept);
    REQUIRE(service.answer(*kept, "has_backup", assessment::Answer::option("no")));
    auto active = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(active);
    REQUIRE(service.answer(*active, "has_backup", assessment::Answer::option("yes")));
    REQUIRE(service.answer(*active, "note", assessment::Answer::words("途中でやめます")));

    REQUIRE(service.discard(*active));
    CHECK(active->record.status == AssessmentStatus::Discarded);
    REQUIRE(active->record.discardedAt);
    auto refused = service.answer(*active, "backup_tested", assessment::Answer::option("no"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == "this assessment was discarded");
    CHECK_FALSE(service.complete(*active));

    // Home lists only the other one; the full list still has it, marked discarded, answers and all.
    auto home = service.summaries(AssessmentStatus::InProgress);
    REQUIRE(home);
    REQUIRE(home->size() == 1);
    CHECK(home->front().record.uuid == kept->uuid);
    auto all = service.summaries(std::nullopt);
    REQUIRE(all);
    REQUIRE(all->size() == 2);
    const auto discarded = std::find_if(all->begin(), all->end(), [&](const auto& s) { return s.record.uuid == active->uuid; });
    REQUIRE(discarded != all->end());
    CHECK(discarded->record.status == AssessmentStatus::Discarded);
    CHECK(statusName(discarded->record.status) == "discarded");
    CHECK(discarded->record.answerCount == 2);
    auto reopened = service.open(active->uuid);
    REQUIRE(reopened);
    CHECK(reopened->record.status == AssessmentStatus::Discarded);
    CHECK(reopened->session.answer("note")->text == "途中でやめます");
    auto onlyDiscarded = store.list(AssessmentStatus::Discarded);
    REQUIRE(onlyDiscarded);
    REQUIRE(onlyDiscarded->size() == 1);

    // Discarding again changes nothing and says so.
    auto again = service.discard(active->uuid);
    REQUIRE_FALSE(again);
    CHECK(again.error() == "assessment " + active->uuid + " was already discarded on " + *active->record.discardedAt);
}

TEST_CASE("only an assessment in progress can be discarded, by its id or a prefix of it") {
    auto db = Database::open(":memory:");
    REQUIRE(db);
    const auto catalog = tinyCatalog();
    AssessmentStore store(*db);
    assessment::AssessmentService service(store, catalog);
    auto done = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(done);
    REQUIRE(service.answer(*done, "has_backup", assessment::Answer::option("no")));
    REQUIRE(service.complete(*done));
    auto refused = service.discard(done->uuid.substr(0, 8));
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == "assessment " + done->uuid + " is completed; only an assessment in progress can be discarded");
    CHECK_FALSE(service.discard(*done));
    CHECK(store.get(done->uuid)->status == AssessmentStatus::Completed);

    auto unknown = service.discard("00000000");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().find("no assessment 00000000") != std::string::npos);

    auto open = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(open);
    REQUIRE(service.answer(*open, "has_backup", assessment::Answer::option("yes")));
    auto discarded = service.discard(open->uuid.substr(0, 8));
    REQUIRE(discarded);
    CHECK(discarded->uuid == open->uuid);
    CHECK(discarded->status == AssessmentStatus::Discarded);
    CHECK(discarded->answerCount == 1);

    // One never answered has nothing stored to keep: it is set aside in memory only.
    auto untouched = service.start(catalog.questionnaires[0], Lang::Ja);
    REQUIRE(untouched);
    REQUIRE(service.discard(*untouched));
    CHECK_FALSE(untouched->stored());
    CHECK_FALSE(service.answer(*untouched, "has_backup", assessment::Answer::option("yes")));
    CHECK(count(*db, "SELECT COUNT(*) FROM assessments") == 2);
}
