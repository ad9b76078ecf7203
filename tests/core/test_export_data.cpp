// Exports of data and their import: the improvement plan (checked, audited, kept across the
// migration), the report read from the database, the CSV tables, the JSON bundle restored in
// another kiosk, and the export service's files (names, refusals, nothing half written).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "export/csv_writer.hpp"
#include "export/export_service.hpp"
#include "export/json_bundle.hpp"
#include "export/report_builder.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/recorder.hpp"
#include "skills/csv.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/facility_store.hpp"
#include "store/plan_store.hpp"
#include "support.hpp"
#include "util/dates.hpp"
#include "util/hash.hpp"

using namespace kiosk;
using namespace kiosk::exporting;
using nlohmann::json;

namespace {

int count(store::Database& db, const std::string& sql) {
    store::Statement s(db, sql);
    auto row = s.step();
    REQUIRE_MESSAGE(row, (row ? "" : row.error()));
    REQUIRE(*row);
    return static_cast<int>(s.integer(0));
}

// The first column of the first row.
std::string text(store::Database& db, const std::string& sql) {
    store::Statement s(db, sql);
    auto row = s.step();
    REQUIRE_MESSAGE(row, (row ? "" : row.error()));
    REQUIRE(*row);
    return s.text(0);
}

std::string dump(store::Database& db) {
    std::string out;
    for (const char* table : {"questionnaire_snapshots", "assessments", "answers", "answer_versions", "results", "plan_items", "audit_log"}) {
        store::Statement s(db, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
        for (;;) {
            auto row = s.step();
            REQUIRE(row);
            if (!*row) break;
            for (int c = 0; c < 10; ++c) out += s.text(c) + "|";
            out += "\n";
        }
    }
    return out;
}

// A kiosk database with scored assessments, recorded from scenario files as at the kiosk.
struct Kiosk {
    test::TempDir dir;
    questionnaire::Catalog catalog = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    scoring::Policy policy;
    store::Database db = open("kiosk.db");
    store::AuditLog audit{db};

    Kiosk() {
        auto loaded = scoring::loadPolicy(test::sourceDir() / "questionnaires", catalog);
        REQUIRE(loaded.policy);
        policy = std::move(*loaded.policy);
        audit.setActor(store::Role::Auditor);
    }

    store::Database open(const std::string& name) {
        auto opened = store::Database::open((dir / name).string());
        REQUIRE_MESSAGE(opened, (opened ? "" : opened.error()));
        return std::move(*opened);
    }

    scoring::Recorded record(const std::string& scenario) {
        auto parsed = scoring::parseAnswersFile(test::readFile(test::dataDir() / "scenarios" / (scenario + ".json")), catalog);
        REQUIRE(parsed);
        auto recorded = scoring::recordAnswers(db, catalog, policy, *parsed, Lang::Ja, &audit);
        REQUIRE_MESSAGE(recorded, (recorded ? "" : recorded.error()));
        return std::move(*recorded);
    }

    Report report(ReportRequest request = {}) {
        auto built = buildReport(db, request, {&catalog.domains, nullptr, nullptr});
        REQUIRE_MESSAGE(built, (built ? "" : built.error()));
        return std::move(*built);
    }
};

std::vector<std::string> events(store::AuditLog& log, const std::string& prefix) {
    auto rows = log.list({std::nullopt, std::nullopt, prefix});
    REQUIRE(rows);
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.event.details);
    return out;
}

}  // namespace

TEST_CASE("a schema-5 database gains an empty improvement plan, and a schema-6 one keeps its entries") {
    test::TempDir dir;
    for (int version : {5, 6}) {
        const auto path = (dir / ("schema" + std::to_string(version) + ".db")).string();
        {
            auto raw = store::Database::openRaw(path);
            REQUIRE(raw);
            REQUIRE(raw->exec(test::readFile(test::dataDir() / "migrations" / ("schema" + std::to_string(version) + ".sql"))));
        }
        auto db = store::Database::open(path);
        REQUIRE_MESSAGE(db, (db ? "" : db.error()));
        store::PlanStore plans(*db);
        auto plan = plans.list("3f2b8c1e");
        REQUIRE_MESSAGE(plan, (plan ? "" : plan.error()));
        if (version == 5) {
            CHECK(plan->empty());
            continue;
        }
        REQUIRE(plan->size() == 2);
        const auto& first = (*plan)[0].targetDate.empty() ? (*plan)[1] : (*plan)[0];
        CHECK(first.owner == "医事課 佐藤");
        CHECK(first.targetDate == "2026-09-30");
        CHECK(first.status == PlanStatus::InProgress);
        CHECK(first.note == "事業者と日程を調整中。\n予算は来年度に計上。");
    }
}

TEST_CASE("the schema refuses a plan entry whose target date is not a real day or whose status is unknown") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    const std::string gap = r.result.gaps.front();
    auto insert = [&](const std::string& date, const std::string& status) {
        return k.db.exec("INSERT INTO plan_items(assessment_uuid, item_id, target_date, status) VALUES ('" + r.measures + "', '" + gap +
                         "', " + date + ", '" + status + "')");
    };
    CHECK_FALSE(insert("'2026-02-30'", "planned"));
    CHECK_FALSE(insert("'2026/09/30'", "planned"));
    CHECK_FALSE(insert("'2026-09-30'", "maybe"));
    CHECK(count(k.db, "SELECT COUNT(*) FROM plan_items") == 0);
    CHECK(insert("'2028-02-29'", "done"));
}

TEST_CASE("an auditor sets the plan of a gap; the change is audited as the auditor with free text only as its SHA-256") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    store::PlanStore plans(k.db, &k.audit);
    const std::string gap = r.result.gaps.front();
    auto set = plans.set(r.measures.substr(0, 8), {gap, "  医事課 佐藤　", "令和8年9月30日", PlanStatus::InProgress, "事業者と調整中。\n来年度予算"});
    REQUIRE_MESSAGE(set, (set ? "" : set.error()));
    CHECK(set->assessment == r.measures);
    CHECK(set->owner == "医事課 佐藤");
    CHECK(set->targetDate == "2026-09-30");
    CHECK_FALSE(set->updatedAt.empty());

    auto listed = plans.list(r.measures);
    REQUIRE(listed);
    REQUIRE(listed->size() == 1);
    CHECK(listed->front().note == "事業者と調整中。\n来年度予算");

    auto rows = k.audit.list({std::nullopt, std::nullopt, "plan.updated"});
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().role == store::Role::Auditor);
    CHECK(rows->front().event.subject == r.measures);
    const auto details = json::parse(rows->front().event.details);
    CHECK(details["item"] == gap);
    CHECK(details["status"] == "in_progress");
    CHECK(details["target_date"] == "2026-09-30");
    CHECK(details["owner"] == "sha256:" + sha256Hex("医事課 佐藤"));
    CHECK(details["created"] == true);
    CHECK(rows->front().event.details.find("佐藤") == std::string::npos);
    CHECK(rows->front().event.details.find("事業者") == std::string::npos);

    // The same again changes nothing and records nothing; a new status is a second row.
    REQUIRE(plans.set(r.measures, {gap, "医事課 佐藤", "2026-09-30", PlanStatus::InProgress, "事業者と調整中。\n来年度予算"}));
    CHECK(events(k.audit, "plan.").size() == 1);
    auto done = plans.set(r.measures, {gap, "医事課 佐藤", "", PlanStatus::Done, ""});
    REQUIRE(done);
    CHECK(done->targetDate.empty());
    const auto second = events(k.audit, "plan.");
    REQUIRE(second.size() == 2);
    CHECK(json::parse(second.back())["target_date"].is_null());
    CHECK(json::parse(second.back())["created"] == false);
}

TEST_CASE("a plan entry that is not a gap, has no result, a day that does not exist or bad text is refused and changes nothing") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    store::PlanStore plans(k.db, &k.audit);
    const std::string gap = r.result.gaps.front();
    const int rows = count(k.db, "SELECT COUNT(*) FROM audit_log");
    std::string inPlace;
    for (const auto& item : r.result.items)
        if (item.inPlace) inPlace = item.id;
    REQUIRE_FALSE(inPlace.empty());

    auto refused = [&](const std::string& assessment, const store::PlanEntry& entry, const std::string& says) {
        auto set = plans.set(assessment, entry);
        REQUIRE_FALSE(set);
        CHECK_MESSAGE(set.error().find(says) != std::string::npos, set.error());
    };
    refused(r.measures, {inPlace, "", "", PlanStatus::Planned, ""}, "is not a gap of assessment");
    refused(r.measures, {"no_such_item", "", "", PlanStatus::Planned, ""}, "'no_such_item' is not a gap");
    refused(r.profile, {gap, "", "", PlanStatus::Planned, ""}, "has no stored result");
    refused("0000dead", {gap, "", "", PlanStatus::Planned, ""}, "no assessment 0000dead");
    refused(r.measures, {gap, "", "2026-02-30", PlanStatus::Planned, ""}, "the target date '2026-02-30'");
    refused(r.measures, {gap, "", "来週", PlanStatus::Planned, ""}, "the target date '来週'");
    refused(r.measures, {gap, std::string(101, 'a'), "", PlanStatus::Planned, ""}, "the owner: it is 101 characters long");
    refused(r.measures, {gap, "佐藤\t", "", PlanStatus::Planned, ""}, "the owner: it holds a control character");
    refused(r.measures, {gap, "", "", PlanStatus::Planned, std::string("\xff\xfe", 2)}, "the note: it is not valid UTF-8");
    refused(r.measures, {gap, "", "", PlanStatus::Planned, std::string(1001, 'x')}, "the note: it is 1001 characters long");
    CHECK(count(k.db, "SELECT COUNT(*) FROM plan_items") == 0);
    CHECK(count(k.db, "SELECT COUNT(*) FROM audit_log") == rows);
}

TEST_CASE("a plan change whose audit row cannot be written is not stored either") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    REQUIRE(k.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'the log is full'); END"));
    store::PlanStore plans(k.db, &k.audit);
    auto set = plans.set(r.measures, {r.result.gaps.front(), "佐藤", "2026-09-30", PlanStatus::Planned, ""});
    REQUIRE_FALSE(set);
    CHECK_MESSAGE(set.error().find("the log is full") != std::string::npos, set.error());
    CHECK(count(k.db, "SELECT COUNT(*) FROM plan_items") == 0);
}

TEST_CASE("the report holds each answer in questionnaire order with the stored questionnaire's text and the stored result's score") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    store::PlanStore plans(k.db, &k.audit);
    REQUIRE(plans.set(r.measures, {r.result.gaps[1], "佐藤", "2026-09-30", PlanStatus::Planned, ""}));
    REQUIRE(plans.set(r.measures, {r.result.gaps[0], "鈴木", "", PlanStatus::Done, ""}));

    // Asking for the measures assessment brings the profile it was scored with.
    const Report report = k.report({r.measures.substr(0, 8), std::nullopt, std::nullopt, Lang::Ja, false});
    REQUIRE(report.assessments.size() == 2);
    CHECK(report.assessments[0].record.uuid == r.profile);
    const auto& measures = report.assessments[1];
    CHECK(measures.record.uuid == r.measures);
    CHECK(measures.questionnaireTitle.ja == k.catalog.find("security_measures")->title.ja);
    REQUIRE(measures.result);
    REQUIRE(measures.stored);
    CHECK(measures.result->decision == r.result.decision);

    const auto* q = k.catalog.find("security_measures");
    REQUIRE(measures.answers.size() == static_cast<std::size_t>(count(k.db, "SELECT COUNT(*) FROM answers WHERE assessment_uuid = '" + r.measures + "'")));
    int previous = -1;
    for (const auto& line : measures.answers) {
        const int index = q->indexOf(line.questionId);
        CHECK(index > previous);
        previous = index;
        const auto& question = q->questions[static_cast<std::size_t>(index)];
        CHECK(line.question.ja == question.text.ja);
        CHECK(line.domain == question.domain);
        CHECK_FALSE(line.domainName.ja.empty());
        REQUIRE(line.history.size() == 1);
        CHECK(line.history.back().value == line.value);
        const auto* item = measures.result->item(line.questionId);
        REQUIRE(item);
        CHECK(line.score == item->score);
    }
    // The plan follows the result's order of priority.
    REQUIRE(measures.plan.size() == 2);
    CHECK(measures.plan[0].item == r.result.gaps[0]);
    CHECK(measures.plan[1].item == r.result.gaps[1]);

    // The audit events of one assessment are those about it; the chain head is the whole log's.
    CHECK_FALSE(report.audit.empty());
    for (const auto& row : report.audit) CHECK((row.event.subject == r.measures || row.event.subject == r.profile));
    auto head = k.audit.head();
    REQUIRE(head);
    CHECK(report.chainHead == *head);
    CHECK(report.auditRows == count(k.db, "SELECT COUNT(*) FROM audit_log"));
    CHECK(report.questionnaires.size() == 2);
}

TEST_CASE("an export with nothing in it is refused, saying so, and a period keeps the assessments of its days") {
    Kiosk k;
    auto empty = buildReport(k.db, {});
    REQUIRE_FALSE(empty);
    CHECK_MESSAGE(empty.error().find("nothing to export") != std::string::npos, empty.error());

    k.record("clinic_19_beds");
    k.record("university_600_beds");
    CHECK(k.report().assessments.size() == 4);
    const std::string today = dates::iso(dates::today());
    CHECK(k.report({"", today, today, Lang::Ja, false}).assessments.size() == 4);
    auto future = buildReport(k.db, {"", "2100-01-01", std::nullopt, Lang::Ja, false});
    REQUIRE_FALSE(future);
    CHECK_MESSAGE(future.error().find("nothing to export: no assessment completed (or begun) on or after 2100-01-01") != std::string::npos,
                  future.error());
    auto bad = buildReport(k.db, {"", "2026-02-30", std::nullopt, Lang::Ja, false});
    REQUIRE_FALSE(bad);
    CHECK_MESSAGE(bad.error().find("'2026-02-30'") != std::string::npos, bad.error());
    auto matrix = buildReport(k.db, {"", std::nullopt, std::nullopt, Lang::Ja, true});
    REQUIRE_FALSE(matrix);
    CHECK_MESSAGE(matrix.error().find("skill catalogue") != std::string::npos, matrix.error());
}

// The three CSV files of a request, parsed back as a reader would.
struct CsvExport {
    std::string answers, results, plan;
    std::vector<skills::CsvRow> rows(const std::string& bytes) const {
        auto parsed = skills::parseCsv(bytes);
        REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error()));
        return *parsed;
    }
};

// The files from one connection, or with the results and plan read from `second` on another thread.
CsvExport csvOf(store::Database& db, const ReportRequest& request = {}, store::Database* second = nullptr) {
    CsvExport out;
    auto rows = writeCsv(db, request, {}, {[&](std::string_view b) { out.answers += b; }, [&](std::string_view b) { out.results += b; },
                                          [&](std::string_view b) { out.plan += b; }},
                         {}, second);
    REQUIRE_MESSAGE(rows, (rows ? "" : rows.error()));
    return out;
}

TEST_CASE("the CSV files: one row per answer, per scored assessment and per gap; formula cells neutralised; Excel quoting") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    store::PlanStore plans(k.db, &k.audit);
    REQUIRE(plans.set(r.measures, {r.result.gaps[0], "=HYPERLINK(\"http://x\")", "2026-09-30", PlanStatus::InProgress, "一行目, 続き\n二行目"}));
    const CsvExport csv = csvOf(k.db);

    const auto answers = csv.rows(csv.answers);
    CHECK(answers.size() == 1 + static_cast<std::size_t>(count(k.db, "SELECT COUNT(*) FROM answers")));
    CHECK(answers.front().fields.front() == "評価ID");
    const auto results = csv.rows(csv.results);
    REQUIRE(results.size() == 2);
    CHECK(results[1].fields[7] == std::string(scoring::decisionName(r.result.decision)));
    CHECK(results.front().fields.size() == results[1].fields.size());
    const auto plan = csv.rows(csv.plan);
    REQUIRE(plan.size() == 1 + r.result.gaps.size());
    CHECK(plan[1].fields[4] == r.result.gaps[0]);
    CHECK(plan[1].fields[10] == "対応中");
    CHECK(plan[2].fields[8].empty());  // a gap without an entry is listed for the plan to be filled in

    for (const auto* bytes : {&csv.answers, &csv.results, &csv.plan}) {
        CHECK(bytes->rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(bytes->find("\r\n") != std::string::npos);
    }
    CHECK(csv.plan.find("'=HYPERLINK(\"\"http://x\"\")") != std::string::npos);
    CHECK(csv.plan.find("\"一行目, 続き\n二行目\"") != std::string::npos);
    CHECK(skills::restoreCell(plan[1].fields[8]) == "=HYPERLINK(\"http://x\")");
    CHECK(plan[1].fields[11] == "一行目, 続き\n二行目");

    const CsvExport english = csvOf(k.db, {"", std::nullopt, std::nullopt, Lang::En, false});
    CHECK(english.rows(english.answers).front().fields.front() == "assessment");
    CHECK(english.rows(english.plan)[1].fields[10] == "In progress");

    // Once the facility is named, every row of the three files carries its name.
    CHECK(answers[1].fields[1].empty());
    store::FacilityStore facilities(k.db);
    auto facility = facilities.get();
    REQUIRE(facility);
    facility->name = "架空みなと診療所";
    REQUIRE(facilities.update(*facility));
    const CsvExport named = csvOf(k.db);
    for (const auto* bytes : {&named.answers, &named.results, &named.plan}) {
        const auto rows = named.rows(*bytes);
        REQUIRE(rows.size() > 1);
        CHECK(rows.front().fields[1] == "施設");
        for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i].fields[1] == "架空みなと診療所");
    }
}

TEST_CASE("a changed answer is exported once, with its latest value") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    const auto before = csvOf(k.db);
    const auto rowsBefore = before.rows(before.answers);
    // The value of one measure's answer given again the other way, as the kiosk appends it.
    const std::string question = text(k.db, "SELECT question_id FROM answers WHERE assessment_uuid = '" + r.measures +
                                                "' AND value IN ('done', 'not_done') ORDER BY question_id LIMIT 1");
    REQUIRE(k.db.exec("INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) "
                      "SELECT assessment_uuid, question_id, 2, CASE value WHEN 'done' THEN 'not_done' ELSE 'done' END, 0, "
                      "'2026-06-01T00:00:00.000Z' FROM answers WHERE assessment_uuid = '" + r.measures + "' AND question_id = '" + question + "'"));
    const auto after = csvOf(k.db);
    const auto rowsAfter = after.rows(after.answers);
    REQUIRE(rowsAfter.size() == rowsBefore.size());
    auto find = [&](const std::vector<skills::CsvRow>& rows) {
        std::vector<std::size_t> found;
        for (std::size_t i = 1; i < rows.size(); ++i)
            if (rows[i].fields[0] == r.measures && std::find(rows[i].fields.begin(), rows[i].fields.end(), question) != rows[i].fields.end())
                found.push_back(i);
        return found;
    };
    const auto was = find(rowsBefore), is = find(rowsAfter);
    REQUIRE(was.size() == 1);
    REQUIRE(is.size() == 1);
    CHECK(rowsAfter[is[0]].fields != rowsBefore[was[0]].fields);
    CHECK(std::find(rowsAfter[is[0]].fields.begin(), rowsAfter[is[0]].fields.end(), "2026-06-01T00:00:00.000Z") != rowsAfter[is[0]].fields.end());
    for (std::size_t i = 1; i < rowsAfter.size(); ++i)
        if (i != is[0]) CHECK(rowsAfter[i].fields == rowsBefore[i].fields);
}

TEST_CASE("the results and plan read on another connection are the same bytes, of the same moment, as those read after the answers") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    k.record("university_600_beds");
    store::PlanStore plans(k.db, &k.audit);
    REQUIRE(plans.set(r.measures, {r.result.gaps[0], "情報システム係", "2026-09-30", PlanStatus::Planned, ""}));
    const CsvExport alone = csvOf(k.db);

    store::Database second = k.open("kiosk.db");
    {
        store::ReadTransaction first(k.db), other(second);
        REQUIRE(store::sameSnapshot(k.db, second));
        // Committed by the kiosk's own connection while the export reads: neither reader sees it.
        store::Database kiosk = k.open("kiosk.db");
        store::PlanStore later(kiosk, nullptr);
        REQUIRE(later.set(r.measures, {r.result.gaps[1], "後から決めた担当", "2026-12-01", PlanStatus::Planned, ""}));
        const CsvExport together = csvOf(k.db, {}, &second);
        CHECK(together.answers == alone.answers);
        CHECK(together.results == alone.results);
        CHECK(together.plan == alone.plan);
    }
    // Outside the snapshot the change is there.
    CHECK(csvOf(k.db, {}, &second).plan.find("後から決めた担当") != std::string::npos);

    // Connections not in a read transaction cannot share one.
    CHECK_FALSE(store::sameSnapshot(k.db, second));
}

TEST_CASE("the CSV files read from the result index say what the stored results say") {
    Kiosk k;
    k.record("clinic_19_beds");
    k.record("university_600_beds");
    const Report report = k.report();
    const CsvExport csv = csvOf(k.db);
    const auto answers = csv.rows(csv.answers), results = csv.rows(csv.results), plan = csv.rows(csv.plan);

    // Every answer row: its score is the stored result's score of that item, and its texts are the
    // stored questionnaire's, in the report's order.
    std::size_t row = 1, resultRow = 1, gapRow = 1;
    for (const auto& a : report.assessments) {
        for (const auto& line : a.answers) {
            REQUIRE(row < answers.size());
            const auto& f = answers[row++].fields;
            CHECK(f[0] == a.record.uuid);
            CHECK(f[7] == line.questionId);
            CHECK(f[8] == line.question.ja);
            CHECK(f[10] == line.domainName.ja);
            CHECK(f[12] == line.valueLabel.ja);
            CHECK(f[14] == (line.score ? fmt::format("{}", *line.score) : std::string()));
        }
        if (!a.result) continue;
        REQUIRE(resultRow < results.size());
        const auto& f = results[resultRow++].fields;
        CHECK(f[0] == a.record.uuid);
        CHECK(f[8] == a.result->decisionName.ja);
        CHECK(f[10] == a.result->expectedTierName.ja);
        CHECK(f[12] == a.result->achievedTierName.ja);
        CHECK(f[13] == fmt::format("{}", a.result->overall));
        CHECK(f[14] == std::to_string(a.result->gaps.size()));
        for (std::size_t d = 0; d < a.result->domains.size(); ++d) {
            const auto column = std::find(results[0].fields.begin(), results[0].fields.end(), "得点：" + a.result->domains[d].name.ja);
            REQUIRE(column != results[0].fields.end());
            CHECK(f[static_cast<std::size_t>(column - results[0].fields.begin())] == fmt::format("{}", a.result->domains[d].score));
        }
        for (const auto& gap : a.result->gaps) {
            REQUIRE(gapRow < plan.size());
            const auto& g = plan[gapRow++].fields;
            CHECK(g[4] == gap);
            CHECK(g[5] == a.result->item(gap)->actionOrText().ja);
            CHECK(g[7] == (a.result->item(gap)->critical ? "はい" : "いいえ"));
        }
    }
    CHECK(row == answers.size());
    CHECK(resultRow == results.size());
    CHECK(gapRow == plan.size());
}

TEST_CASE("a JSON export imported into a fresh kiosk exports the same again, and a second import changes nothing") {
    Kiosk k;
    const auto r = k.record("clinic_19_beds");
    k.record("university_600_beds");
    store::PlanStore plans(k.db, &k.audit);
    REQUIRE(plans.set(r.measures, {r.result.gaps[0], "佐藤", "2026-09-30", PlanStatus::InProgress, "メモ"}));
    const std::string first = bundleJson(k.report());

    auto fresh = k.open("fresh.db");
    store::AuditLog audit(fresh);
    audit.setActor(store::Role::System);
    auto imported = importBundle(fresh, &audit, first);
    REQUIRE_MESSAGE(imported, (imported ? "" : imported.error()));
    CHECK(imported->imported.size() == 4);
    CHECK(imported->questionnaires == 2);
    CHECK(events(audit, "assessment.imported").size() == 4);
    const auto details = json::parse(events(audit, "assessment.imported").front());
    CHECK(details["bundle_sha256"] == sha256Hex(first));

    auto again = buildReport(fresh, {});
    REQUIRE(again);
    json a = json::parse(first), b = json::parse(bundleJson(*again));
    for (json* doc : {&a, &b}) doc->erase("exported_at"), doc->erase("audit");
    CHECK(a == b);

    const std::string before = dump(fresh);
    auto twice = importBundle(fresh, &audit, first);
    REQUIRE(twice);
    CHECK(twice->imported.empty());
    CHECK(twice->present.size() == 4);
    CHECK(dump(fresh) == before);
}

TEST_CASE("a bundle from an earlier kiosk, whose answer was given again after its last change, imports that time as one more version") {
    Kiosk k;
    k.record("clinic_19_beds");
    json doc = json::parse(bundleJson(k.report()));
    auto& answer = doc["assessments"][1]["answers"][0];
    REQUIRE(answer["history"].size() == 1);
    const std::string question = answer["question"];
    const std::string firstGiven = answer["answered_at"];
    answer["answered_at"] = "2030-06-01T09:00:00.000Z";  // the same value confirmed later, as earlier kiosks recorded it
    const std::string uuid = doc["assessments"][1]["uuid"];

    auto fresh = k.open("fresh.db");
    auto imported = importBundle(fresh, nullptr, doc.dump());
    REQUIRE_MESSAGE(imported, (imported ? "" : imported.error()));
    store::AssessmentStore store(fresh);
    auto history = store.history(uuid, question);
    REQUIRE(history);
    REQUIRE(history->size() == 2);
    CHECK((*history)[0].answeredAt == firstGiven);
    CHECK((*history)[1].answeredAt == "2030-06-01T09:00:00.000Z");
    CHECK((*history)[1].value == (*history)[0].value);
    auto current = store.answer(uuid, question);
    REQUIRE(current);
    REQUIRE(*current);
    CHECK((*current)->answeredAt == "2030-06-01T09:00:00.000Z");

    // Exported again, the answer's time and its history agree, and that bundle imports unchanged.
    auto again = buildReport(fresh, {});
    REQUIRE(again);
    const std::string second = bundleJson(*again);
    auto other = k.open("other.db");
    REQUIRE(importBundle(other, nullptr, second));
    auto otherAgain = buildReport(other, {});
    REQUIRE(otherAgain);
    json x = json::parse(second), y = json::parse(bundleJson(*otherAgain));
    for (json* d : {&x, &y}) d->erase("exported_at"), d->erase("audit");
    CHECK(x == y);
}

TEST_CASE("an import that finds anything wrong names the first bad record and changes nothing") {
    Kiosk k;
    k.record("clinic_19_beds");
    const json good = json::parse(bundleJson(k.report()));
    auto fresh = k.open("fresh.db");
    store::AuditLog audit(fresh);
    const std::string before = dump(fresh);

    auto refused = [&](const std::string& text, const std::string& says) {
        auto imported = importBundle(fresh, &audit, text);
        REQUIRE_FALSE(imported);
        CHECK_MESSAGE(imported.error().find(says) != std::string::npos, imported.error());
        CHECK(dump(fresh) == before);
    };
    auto edited = [&](auto change) {
        json doc = good;
        change(doc);
        return doc.dump();
    };
    const std::string text = good.dump();
    refused(text.substr(0, text.size() / 2), "not valid JSON");
    refused("[]", "not a medsec-kiosk export");
    refused(edited([](json& d) { d["schema_version"] = 2; }), "schema_version: 2 is not a version this kiosk reads");
    refused(edited([](json& d) { d.erase("schema_version"); }), "schema_version: missing");
    refused(edited([](json& d) { d["assessments"][1]["answers"][7]["value"] = "perhaps"; }), "assessments[1].answers[7].value: ");
    refused(edited([](json& d) { d["assessments"][1]["answers"][2]["question"] = "nope"; }),
            "assessments[1].answers[2].question: questionnaire security_measures");
    refused(edited([](json& d) { d["assessments"][0]["uuid"] = "x"; }), "assessments[0].uuid: expected an assessment id");
    refused(edited([](json& d) { d["assessments"][0]["created_at"] = 5; }), "assessments[0].created_at: expected a text, found a number");
    refused(edited([](json& d) { d["questionnaires"][0]["source"] = d["questionnaires"][0]["source"].get<std::string>() + " "; }),
            "questionnaires[0].source: its SHA-256 is");
    refused(edited([](json& d) { d["assessments"][1]["plan"] = json::array({{{"item", "x"}, {"owner", ""}, {"target_date", nullptr},
                                                                                {"status", "planned"}, {"note", ""},
                                                                                {"updated_at", "2026-01-01T00:00:00.000Z"}}}); }),
            "assessments[1].plan[0].item: 'x' is not a gap");
    refused(edited([](json& d) { d["assessments"][1]["plan"] = json::array({{{"item", d["assessments"][1]["answers"][0]["question"]},
                                                                                {"owner", std::string(5000000, 'a')}, {"target_date", nullptr},
                                                                                {"status", "planned"}, {"note", ""},
                                                                                {"updated_at", "2026-01-01T00:00:00.000Z"}}}); }),
            "assessments[1].plan[0].");
    refused(edited([](json& d) { d["assessments"][1]["result"]["profile_assessment"] = "00000000-0000-4000-8000-000000000000"; }),
            "assessments[1].result.profile_assessment: the profile 00000000-0000-4000-8000-000000000000");
    refused(edited([](json& d) { d["assessments"][0]["answers"][0]["history"] = json::array(); }), "assessments[0].answers[0].history: empty");
    refused(edited([](json& d) { d["assessments"][0]["surprise"] = 1; }), "assessments[0].surprise: is not a field");
    refused(edited([](json& d) { d["assessments"] = json::array(); }), "nothing to import");
    CHECK(count(fresh, "SELECT COUNT(*) FROM audit_log") == 0);
}

TEST_CASE("CSV files are named from the path given; an existing file is kept unless forced; each file written is audited with its SHA-256") {
    Kiosk k;
    k.record("clinic_19_beds");
    const Format* csv = findFormat("csv");
    REQUIRE(csv);
    CHECK(outputPaths("out/audit.csv", *csv) ==
          std::vector<std::filesystem::path>{"out/audit-answers.csv", "out/audit-results.csv", "out/audit-plan.csv"});
    CHECK(outputPaths("out/audit", *csv).front() == "out/audit-answers.csv");
    CHECK(outputPaths("out/", *csv).back() == "out/plan.csv");
    CHECK_FALSE(findFormat("docx"));

    const auto prefix = k.dir / "march.csv";
    auto written = exportDatabase(k.db, &k.audit, {}, {}, {"csv", prefix, false});
    REQUIRE_MESSAGE(written, (written ? "" : written.error()));
    REQUIRE(written->files.size() == 3);
    CHECK(written->recorded);
    const auto rows = events(k.audit, "export.written");
    REQUIRE(rows.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto details = json::parse(rows[i]);
        CHECK(details["sha256"] == sha256Hex(test::readFile(written->files[i].path)));
        CHECK(details["path"] == written->files[i].path.string());
        CHECK(details["format"] == "csv");
    }
    CHECK(written->files[0].rows == count(k.db, "SELECT COUNT(*) FROM answers"));
    CHECK(written->assessments == 2);
    // Only the three files are left in the folder: no temporary file of the staging.
    std::size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(k.dir.path()))
        if (entry.path().filename().string().rfind(".march", 0) == 0) ++entries;
    CHECK(entries == 0);

    auto again = exportDatabase(k.db, &k.audit, {}, {}, {"csv", prefix, false});
    REQUIRE_FALSE(again);
    CHECK_MESSAGE(again.error().find("exists; give --force to replace it") != std::string::npos, again.error());
    CHECK(events(k.audit, "export.written").size() == 3);
    CHECK(exportDatabase(k.db, &k.audit, {}, {}, {"csv", prefix, true}));
    CHECK(events(k.audit, "export.written").size() == 6);
}

TEST_CASE("an export to a folder that cannot be written leaves no file and records nothing") {
    Kiosk k;
    k.record("clinic_19_beds");
    const Report report = k.report();
    const int rows = count(k.db, "SELECT COUNT(*) FROM audit_log");
    auto missing = writeExport(report, {"json", k.dir / "no-such-folder" / "a.json", false}, k.db, &k.audit);
    REQUIRE_FALSE(missing);
    CHECK_MESSAGE(missing.error().find("does not exist") != std::string::npos, missing.error());

    // A folder where the second file's name should be: refused before any file is written.
    std::filesystem::create_directories(k.dir / "x-results.csv");
    auto blocked = exportDatabase(k.db, &k.audit, {}, {}, {"csv", k.dir / "x", false});
    REQUIRE_FALSE(blocked);
    CHECK_MESSAGE(blocked.error().find("is a folder") != std::string::npos, blocked.error());
    CHECK_FALSE(std::filesystem::exists(k.dir / "x-answers.csv"));
    CHECK(count(k.db, "SELECT COUNT(*) FROM audit_log") == rows);
}
