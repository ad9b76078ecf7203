// Bad input of every kind the kiosk reads: the corpus under tests/data/bad_input (each file with
// the exact message a person sees), formula injection, CSV rows that must never delete data,
// lossless round trips, odd folder entries, foreign and read-only databases, and a failure
// injected between finishing a checklist and recording it in the skill matrix.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <toml++/toml.h>

#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/policy.hpp"
#include "scoring/result.hpp"
#include "scoring/service.hpp"
#include "skills/catalog.hpp"
#include "skills/csv.hpp"
#include "advisors/service.hpp"
#include "skills/people_csv.hpp"
#include "skills/service.hpp"
#include "store/assessment_store.hpp"
#include "store/database.hpp"
#include "store/people_store.hpp"
#include "store/result_store.hpp"
#include "support.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const questionnaire::Catalog& content() {
    static const auto catalog = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    return catalog;
}

const skills::SkillCatalog& skillCatalog() {
    static const auto loaded = skills::loadSkillCatalog(test::sourceDir() / "questionnaires", content());
    REQUIRE(loaded.catalog);
    return *loaded.catalog;
}

std::string withoutTrailingNewline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

std::vector<fs::path> corpus(const std::string& kind, const std::string& extension) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(test::dataDir() / "bad_input" / kind))
        if (entry.path().extension() == extension) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// A matrix in its own database file.
struct Matrix {
    store::Database db;
    store::PeopleStore people{db};
    skills::SkillService service{people, skillCatalog()};
    explicit Matrix(const std::string& path = ":memory:") : db(std::move(store::Database::open(path).value())) {}
    std::vector<skills::Person> all() {
        auto p = people.all();
        REQUIRE(p);
        return *p;
    }
    std::string exported() {
        auto csv = service.exportCsv();
        REQUIRE(csv);
        return *csv;
    }
};

// The CSV with the id column's cells emptied (`drop`: without the column): an export as another
// kiosk's matrix takes it, where the ids of this one mean nothing.
std::string withoutIds(const std::string& csv, bool drop = false) {
    auto rows = skills::parseCsv(csv);
    REQUIRE(rows);
    std::vector<std::vector<std::string>> out;
    for (std::size_t r = 0; r < rows->size(); ++r) {
        std::vector<std::string> fields;
        for (const auto& f : (*rows)[r].fields) fields.push_back(skills::restoreCell(f));  // writeCsv neutralises again
        REQUIRE(fields.front() == (r == 0 ? "id" : fields.front()));
        if (drop) fields.erase(fields.begin());
        else if (r > 0) fields.front().clear();
        out.push_back(std::move(fields));
    }
    return skills::writeCsv(out);
}

int scalar(store::Database& db, const std::string& sql) {
    store::Statement s(db, sql);
    auto row = s.step();
    REQUIRE(row);
    REQUIRE(*row);
    return static_cast<int>(s.integer(0));
}

}  // namespace

TEST_CASE("every broken answers file in the corpus is refused with its exact message") {
    const auto files = corpus("answers", ".json");
    REQUIRE(files.size() >= 10);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        auto parsed = scoring::parseAnswersFile(test::readFile(file), content());
        REQUIRE_FALSE(parsed);
        auto expected = file;
        CHECK(parsed.error() == withoutTrailingNewline(test::readFile(expected.replace_extension(".expected"))));
    }
}

TEST_CASE("every broken people CSV in the corpus is refused with its exact messages and changes nothing stored") {
    const auto files = corpus("people", ".csv");
    REQUIRE(files.size() >= 8);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        Matrix m;
        // Someone already in the matrix, under the name the broken rows use (id 1), and two people
        // who share a name (ids 2 and 3).
        REQUIRE(m.service.importCsv("name,role,employment,hit_held,skill_bak_restore\n山田 花子,clerical,full_time,yes,3\n", false));
        skills::Person twin;
        twin.name = "佐藤 一郎";
        twin.role = "nurse";
        twin.department = "外来";
        REQUIRE(m.service.recordByAdmin(twin));
        twin.role = "clerical";
        twin.department = "医事課";
        REQUIRE(m.service.recordByAdmin(twin));
        const std::string before = m.exported();
        auto report = m.service.importCsv(test::readFile(file), false);
        REQUIRE(report);
        std::string messages;
        for (const auto& e : report->errors) messages += (messages.empty() ? "" : "\n") + e.format();
        auto expected = file;
        CHECK(messages == withoutTrailingNewline(test::readFile(expected.replace_extension(".expected"))));
        CHECK(report->imported == 0);
        CHECK(m.exported() == before);
    }
}

TEST_CASE("every broken advisor list in the corpus is refused with its exact messages and changes nothing stored") {
    const auto files = corpus("advisors", ".csv");
    REQUIRE(files.size() >= 15);
    const auto loaded = advisors::loadAdvisorCatalog(test::sourceDir() / "questionnaires", skillCatalog(), content().domains);
    REQUIRE(loaded.catalog);
    const skills::Date today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        auto db = store::Database::open(":memory:");
        REQUIRE(db);
        store::AuditLog audit(*db);
        store::AdvisorStore directory(*db, &audit);
        advisors::AdvisorService service(directory, *loaded.catalog);
        // A directory that already holds a list, one of whose advisors a broken row names again.
        REQUIRE(service.importFile((test::dataDir() / "advisors" / "registered.csv").string(), false, std::nullopt, today));
        const auto before = service.exportCsv(true).value();
        const auto auditRows = audit.list().value().size();
        auto report = service.importCsv(test::readFile(file), file.filename().string(), false, std::nullopt, today);
        REQUIRE(report);
        std::string messages;
        for (const auto& e : report->errors) messages += (messages.empty() ? "" : "\n") + e.format();
        auto expected = file;
        CHECK(messages == withoutTrailingNewline(test::readFile(expected.replace_extension(".expected"))));
        CHECK(report->imported == 0);
        CHECK(service.exportCsv(true).value() == before);
        CHECK(audit.list().value().size() == auditRows);  // a refused list leaves no audit row either
    }
}

TEST_CASE("every broken content file in the corpus is reported at its file, line and column") {
    const auto cases = corpus("content", ".toml");
    REQUIRE(cases.size() >= 12);
    for (const auto& file : cases) {
        CAPTURE(file.filename().string());
        const auto spec = toml::parse_file(file.string());
        const std::string target = spec["file"].value_or(std::string());
        const std::string replace = spec["replace"].value_or(std::string());
        const std::string with = spec["with"].value_or(std::string());
        test::TempDir tmp;
        const auto dir = tmp / "q";
        fs::copy(test::sourceDir() / "questionnaires", dir, fs::copy_options::recursive);
        std::string text = test::readFile(dir / target);
        const auto at = text.find(replace);
        REQUIRE(at != std::string::npos);
        text.replace(at, replace.size(), with);
        test::writeFile(dir / target, text);

        auto catalog = questionnaire::loadCatalog(dir);
        auto diagnostics = catalog.diagnostics;
        for (auto& d : scoring::loadPolicy(dir, catalog).diagnostics) diagnostics.push_back(d);
        auto skillLoad = skills::loadSkillCatalog(dir, catalog);
        for (auto& d : skillLoad.diagnostics) diagnostics.push_back(d);
        if (skillLoad.catalog)
            for (auto& d : advisors::loadAdvisorCatalog(dir, *skillLoad.catalog, catalog.domains).diagnostics) diagnostics.push_back(d);
        std::vector<std::string> found;
        for (const auto& d : diagnostics) {
            std::string line = d.format();
            const std::string prefix = dir.string() + "/";
            if (line.rfind(prefix, 0) == 0) line = line.substr(prefix.size());
            found.push_back(line);
        }
        std::vector<std::string> expected;
        for (const auto& e : *spec["expected"].as_array()) expected.push_back(e.value_or(std::string()));
        CHECK(found == expected);
    }
}

TEST_CASE("cells that a spreadsheet would run as formulas are written as text and read back exactly") {
    const std::vector<std::string> payloads{"=HYPERLINK(\"http://x\",\"y\")", "+cmd", "-1+1", "@SUM(A1)", "=cmd|' /C calc'!A0",
                                            "\t=1+1",  "\r=1+1", "'already quoted", "''", "'", "a=b"};
    for (const auto& p : payloads) {
        CAPTURE(p);
        const std::string written = skills::neutraliseCell(p);
        if (p.front() == '=' || p.front() == '+' || p.front() == '-' || p.front() == '@' || p.front() == '\t' || p.front() == '\r' ||
            p.front() == '\'') {
            CHECK(written == "'" + p);
        } else {
            CHECK(written == p);
        }
        CHECK(skills::restoreCell(written) == p);
    }
    // Through the whole CSV writer and reader.
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : payloads) rows.push_back({p, "x"});
    auto parsed = skills::parseCsv(skills::writeCsv(rows));
    REQUIRE(parsed);
    REQUIRE(parsed->size() == payloads.size());
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        CHECK((*parsed)[i].fields[0].front() != '=');
        CHECK(skills::restoreCell((*parsed)[i].fields[0]) == payloads[i]);
    }
}

TEST_CASE("a person named like a formula is exported as text and imported back under the same name") {
    Matrix m;
    for (const std::string name : {"=HYPERLINK(\"http://evil\",\"click\")", "+81 事務", "-1+1", "@SUM(A1)", "=cmd|' /C calc'!A0"}) {
        skills::Person p;
        p.name = name;
        p.role = "clerical";
        p.department = "=1+2";
        REQUIRE(m.service.recordByAdmin(p));
    }
    const std::string csv = m.exported();
    auto rows = skills::parseCsv(csv);
    REQUIRE(rows);
    for (std::size_t r = 1; r < rows->size(); ++r) {
        CHECK((*rows)[r].fields[1].front() == '\'');  // the name, after the id
        CHECK((*rows)[r].fields[3] == "'=1+2");
    }
    // Back into the same matrix: each row updates its person with exactly what was exported.
    auto same = m.service.importCsv(csv, false);
    REQUIRE(same);
    CHECK(same->errors.empty());
    CHECK(same->added == 0);
    CHECK(m.exported() == csv);
    // Into another matrix, as new people.
    Matrix again;
    REQUIRE(again.service.importCsv(withoutIds(csv), false));
    const auto people = again.all();
    REQUIRE(people.size() == 5);
    CHECK(people[0].name == "+81 事務");
    CHECK(people[0].department == "=1+2");
    CHECK(withoutIds(again.exported(), true) == withoutIds(csv, true));
}

TEST_CASE("a short row is refused and an import never removes what a row leaves empty, unless asked to replace") {
    Matrix m;
    const std::string full =
        "name,role,department,employment,experience_years,hit_held,hit_date,rissa_held,skill_bak_restore,skill_gov_rules\n"
        "山田 花子,clerical,医事課,full_time,5,yes,2020-04-01,yes,3,2\n";
    REQUIRE(m.service.importCsv(full, false));
    const auto stored = m.all().front();
    REQUIRE(stored.qualifications.size() == 2);

    // 4 of 10 fields: refused, whatever --partial says.
    auto shortRow = m.service.importCsv(
        "name,role,department,employment,experience_years,hit_held,hit_date,rissa_held,skill_bak_restore,skill_gov_rules\n"
        "山田 花子,clerical,医事課,full_time\n",
        true);
    REQUIRE(shortRow);
    REQUIRE(shortRow->errors.size() == 1);
    CHECK(shortRow->errors[0].format() ==
          "line 2: 4 fields, but the header has 10; every row needs one field for each column (an empty field changes nothing)");
    CHECK(shortRow->imported == 0);

    // Empty cells and missing columns keep what is stored; what the row gives changes.
    auto merged = m.service.importCsv("name,role,employment,department,skill_bak_restore,hit_held\n山田 花子,it_department,part_time,,4,\n", false);
    REQUIRE(merged);
    CHECK(merged->imported == 1);
    CHECK(merged->added == 0);
    auto after = m.all().front();
    CHECK(after.role == "it_department");
    CHECK(after.employment == skills::Employment::PartTime);
    CHECK(after.department == "医事課");
    CHECK(after.qualifications.size() == 2);
    REQUIRE(after.qualification("hit"));
    CHECK(skills::formatDate(*after.qualification("hit")->obtained) == "2020-04-01");
    REQUIRE(after.latest);
    CHECK(after.latest->levels.at("skill_bak_restore") == 4);
    CHECK(after.latest->levels.at("skill_gov_rules") == 2);
    CHECK(after.latest->experienceYears == 5);

    // An explicit "no" removes one qualification, and only that one.
    REQUIRE(m.service.importCsv("name,role,employment,rissa_held\n山田 花子,it_department,part_time,no\n", false));
    after = m.all().front();
    CHECK(after.qualifications.size() == 1);
    CHECK(after.qualification("hit"));

    // Replacement, asked for explicitly, makes the row the whole truth.
    REQUIRE(m.service.importCsv("name,role,employment,skill_bak_restore\n山田 花子,it_department,part_time,1\n", false, skills::ImportMode::Replace));
    after = m.all().front();
    CHECK(after.qualifications.empty());
    CHECK(after.department.empty());
    REQUIRE(after.latest);
    CHECK(after.latest->levels == std::map<std::string, int>{{"skill_bak_restore", 1}});
}

TEST_CASE("a qualification held without a date survives export and import") {
    Matrix m;
    skills::Person p;
    p.name = "佐藤 一郎";
    p.role = "it_department";
    p.qualifications.push_back({"hit", std::nullopt, std::nullopt, true});
    p.qualifications.push_back({"rissa", std::nullopt, std::nullopt, false});
    REQUIRE(m.service.recordByAdmin(p));
    const std::string csv = m.exported();
    REQUIRE(m.service.importCsv(csv, false));
    CHECK(m.exported() == csv);
    Matrix again;
    REQUIRE(again.service.importCsv(withoutIds(csv), false));
    const auto back = again.all().front();
    REQUIRE(back.qualifications.size() == 2);
    REQUIRE(back.qualification("rissa"));
    CHECK_FALSE(back.qualification("rissa")->registered);
    CHECK_FALSE(back.qualification("hit")->obtained);
    CHECK(withoutIds(again.exported(), true) == withoutIds(csv, true));
}

TEST_CASE("export, import and export again gives the same bytes for generated people, in the same matrix and another") {
    const auto& catalog = skillCatalog();
    std::mt19937 rng(20261124);
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::vector<std::string> pieces{"山田", "花子", "=SUM(1)", "+1", "-", "@x", "'", "\"引用\"", ",", "Ö", "𠮷", "a b", "医事課"};
    const auto text = [&](bool allowEmpty) {
        std::string s;
        const int n = allowEmpty ? pick(4) : 1 + pick(3);
        for (int i = 0; i < n; ++i) s += pieces[static_cast<std::size_t>(pick(static_cast<int>(pieces.size())))];
        return skills::trimPersonText(s);
    };
    const auto date = [&] { return skills::Date{std::chrono::year{1990 + pick(40)}, std::chrono::month{static_cast<unsigned>(1 + pick(12))},
                                                 std::chrono::day{static_cast<unsigned>(1 + pick(28))}}; };
    for (int round = 0; round < 20; ++round) {
        CAPTURE(round);
        Matrix first;
        std::vector<skills::Person> people;
        std::set<std::string> names;
        const int count = 1 + pick(12);
        while (static_cast<int>(people.size()) < count) {
            skills::Person p;
            p.name = text(false) + std::to_string(people.size());
            if (!names.insert(p.name).second || skills::personTextProblem(p.name)) continue;
            p.role = catalog.roles[static_cast<std::size_t>(pick(static_cast<int>(catalog.roles.size())))].first;
            p.department = text(true);
            p.employment = static_cast<skills::Employment>(pick(3));
            for (const auto& q : catalog.policy.qualifications) {
                if (pick(2)) continue;
                skills::QualificationRecord r{q.id, std::nullopt, std::nullopt, true};
                if (pick(2)) r.obtained = date();
                if (pick(3) == 0) r.renewalDue = date();
                if (q.requiresRegistration) r.registered = pick(2) == 0;
                p.qualifications.push_back(r);
            }
            if (pick(4)) {
                skills::SkillSnapshot s;
                s.experienceYears = pick(40);
                s.healthcareCourse = pick(2) == 0;
                for (const auto& skill : catalog.skills)
                    if (pick(3)) s.levels[skill.id] = pick(5);
                p.latest = s;
            }
            people.push_back(p);
        }
        REQUIRE(first.people.upsert(people, "admin"));
        const std::string csv = first.exported();
        auto same = first.service.importCsv(csv, false);
        REQUIRE(same);
        for (const auto& e : same->errors) MESSAGE(e.format());
        REQUIRE(same->errors.empty());
        CHECK(same->added == 0);
        CHECK(first.exported() == csv);
        // Another matrix takes the export without its ids, as new people.
        Matrix second;
        auto report = second.service.importCsv(withoutIds(csv), false);
        REQUIRE(report);
        for (const auto& e : report->errors) MESSAGE(e.format());
        REQUIRE(report->errors.empty());
        CHECK(withoutIds(second.exported(), true) == withoutIds(csv, true));
        const auto a = first.all();
        const auto b = second.all();
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].name == b[i].name);
            CHECK(a[i].department == b[i].department);
            CHECK(a[i].role == b[i].role);
            CHECK(a[i].employment == b[i].employment);
            REQUIRE(a[i].qualifications.size() == b[i].qualifications.size());
            for (std::size_t k = 0; k < a[i].qualifications.size(); ++k) {
                CHECK(a[i].qualifications[k].id == b[i].qualifications[k].id);
                CHECK(a[i].qualifications[k].obtained == b[i].qualifications[k].obtained);
                CHECK(a[i].qualifications[k].renewalDue == b[i].qualifications[k].renewalDue);
                CHECK(a[i].qualifications[k].registered == b[i].qualifications[k].registered);
            }
            CHECK(a[i].latest.has_value() == b[i].latest.has_value());
            if (a[i].latest && b[i].latest) {
                CHECK(a[i].latest->levels == b[i].latest->levels);
                CHECK(a[i].latest->experienceYears == b[i].latest->experienceYears);
                CHECK(a[i].latest->healthcareCourse == b[i].latest->healthcareCourse);
            }
        }
    }
}

TEST_CASE("names with control characters or spaces at the ends are refused wherever a person is saved") {
    Matrix m;
    skills::Person p;
    p.role = "clerical";
    p.name = std::string("山田\0花子", 10);
    CHECK(m.service.recordByAdmin(p).error() == "the name contains the control character U+0000; remove it");
    p.name = " 山田";
    CHECK(m.service.recordByAdmin(p).error() == "the name begins or ends with a space");
    p.name = "山田";
    p.department = "医事課\n2階";
    CHECK(m.service.recordByAdmin(p).error() == "the department contains the control character U+000A; remove it");
    CHECK(m.all().empty());
    CHECK(skills::trimPersonText("\xE3\x80\x80 山田 花子 \xE3\x80\x80") == "山田 花子");
}

TEST_CASE("a questionnaire folder named with a trailing slash loads like the folder itself") {
    const auto plain = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    const auto slashed = questionnaire::loadCatalog((test::sourceDir() / "questionnaires").string() + "/");
    const auto dotted = questionnaire::loadCatalog((test::sourceDir() / "questionnaires").string() + "/./");
    CHECK(plain.diagnostics.empty());
    CHECK(slashed.diagnostics.empty());
    CHECK(dotted.diagnostics.empty());
    CHECK(slashed.questionnaires.size() == plain.questionnaires.size());
    CHECK(dotted.questionnaires.size() == plain.questionnaires.size());
    CHECK(scoring::loadPolicy((test::sourceDir() / "questionnaires").string() + "/", slashed).diagnostics.empty());
}

TEST_CASE("links that loop or lead nowhere, FIFOs and devices among the questionnaires are named in warnings, not read") {
    test::TempDir tmp;
    fs::create_directories(tmp / "exercises");
    test::writeFile(tmp / "tiny.toml", test::readFile(test::dataDir() / "good" / "tiny.toml"));
    fs::create_symlink("loop.toml", tmp / "loop.toml");
    fs::create_symlink("nowhere.toml", tmp / "dangling.toml");
    fs::create_symlink("/dev/zero", tmp / "zero.toml");
    REQUIRE(::mkfifo((tmp / "exercises" / "fifo.toml").c_str(), 0600) == 0);
    const auto catalog = questionnaire::loadCatalog(tmp.path());
    CHECK(catalog.diagnostics.empty());
    CHECK(catalog.questionnaires.size() == 1);
    std::vector<std::string> warnings;
    for (const auto& w : catalog.warnings) warnings.push_back(fs::path(w.file).filename().string() + ": " + w.message);
    std::sort(warnings.begin(), warnings.end());
    CHECK(warnings == std::vector<std::string>{
                          "dangling.toml: skipped: a link that leads nowhere readable (No such file or directory)",
                          "fifo.toml: skipped: not a regular file (a device, FIFO or socket)",
                          "loop.toml: skipped: a link that leads nowhere readable (Too many levels of symbolic links)",
                          "zero.toml: skipped: not a regular file (a device, FIFO or socket)",
                      });
    // Reading such a file directly is refused the same way, without blocking on the FIFO.
    CHECK(readFile(tmp / "exercises" / "fifo.toml").error() ==
          (tmp / "exercises" / "fifo.toml").string() + ": is not a regular file (a device, FIFO or socket); it was not read");
    CHECK_FALSE(readFile(tmp / "loop.toml"));
    CHECK(readFile(tmp / "tiny.toml", 10).error().find("more than the 0 MB") != std::string::npos);
}

TEST_CASE("another program's SQLite database is refused and left byte for byte as it was") {
    test::TempDir tmp;
    const auto path = (tmp / "notes.db").string();
    {
        auto raw = store::Database::openRaw(path);
        REQUIRE(raw);
        REQUIRE(raw->exec("CREATE TABLE notes(text); INSERT INTO notes VALUES ('hello');"));
    }
    const std::string before = sha256Hex(test::readFile(path));
    for (auto mode : {store::OpenMode::ReadWrite, store::OpenMode::ReadOnly}) {
        auto opened = store::Database::open(path, mode);
        REQUIRE_FALSE(opened);
        CHECK(opened.error() == path + " is an SQLite database of another program (it has 1 table(s) or index(es), such as 'notes', and "
                                       "no medsec-kiosk schema); it has been left untouched. Choose another file with --db");
    }
    CHECK(sha256Hex(test::readFile(path)) == before);
    CHECK_FALSE(fs::exists(path + "-wal"));
}

TEST_CASE("a database opened read-only refuses every change and is never written") {
    test::TempDir tmp;
    const auto path = (tmp / "kiosk.db").string();
    {
        Matrix m(path);
        REQUIRE(m.service.importCsv("name,role,employment\n山田 花子,clerical,full_time\n", false));
    }
    ::chmod(path.c_str(), 0444);
    const std::string before = sha256Hex(test::readFile(path));
    auto db = store::Database::open(path, store::OpenMode::ReadOnly);
    REQUIRE(db);
    CHECK(db->readOnly());
    store::PeopleStore people(*db);
    skills::SkillService service(people, skillCatalog());
    auto csv = service.exportCsv();
    REQUIRE(csv);
    CHECK(csv->find("山田 花子") != std::string::npos);
    auto refused = service.importCsv("name,role,employment\n佐藤,clerical,full_time\n", false);
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == path + " is open read-only; nothing can be changed in it");
    CHECK(sha256Hex(test::readFile(path)) == before);
}

TEST_CASE("a failure between finishing a checklist and recording it in the matrix leaves neither done, and a retry does both") {
    test::TempDir tmp;
    auto db = store::Database::open((tmp / "kiosk.db").string());
    REQUIRE(db);
    store::AssessmentStore assessments(*db);
    assessment::AssessmentService service(assessments, content());
    store::PeopleStore people(*db);
    skills::SkillService skills(people, skillCatalog());
    auto active = service.start(*content().find("staff_skills"), Lang::Ja);
    REQUIRE(active);
    REQUIRE(service.answer(*active, "name", assessment::Answer::words("山田 花子")));
    for (auto missing = active->session.missingRequired(); !missing.empty(); missing = active->session.missingRequired())
        REQUIRE(service.answer(*active, active->session.question(missing.front()).id, test::neutralAnswer(active->session.question(missing.front()))));

    // The failure is injected in the database itself, right where the matrix entry is written.
    REQUIRE(db->exec("CREATE TEMP TRIGGER fail BEFORE INSERT ON skill_snapshots BEGIN SELECT RAISE(ABORT, 'disk gone'); END"));
    auto failed = skills.completeChecklist(service, *active);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().find("disk gone") != std::string::npos);
    CHECK(active->record.status == store::AssessmentStatus::InProgress);
    CHECK(scalar(*db, "SELECT COUNT(*) FROM assessments WHERE status = 'completed'") == 0);
    CHECK(scalar(*db, "SELECT COUNT(*) FROM people") == 0);

    // Completing alone, then failing on the final commit, must not happen either: the same
    // trigger on the assessment's own update stops the pair at the second step.
    REQUIRE(db->exec("DROP TRIGGER fail"));
    REQUIRE(db->exec("CREATE TEMP TRIGGER fail AFTER UPDATE OF status ON assessments BEGIN SELECT RAISE(ABORT, 'power cut'); END"));
    REQUIRE_FALSE(skills.completeChecklist(service, *active));
    CHECK(scalar(*db, "SELECT COUNT(*) FROM people") == 0);
    CHECK(scalar(*db, "SELECT COUNT(*) FROM skill_snapshots") == 0);

    REQUIRE(db->exec("DROP TRIGGER fail"));
    REQUIRE(skills.completeChecklist(service, *active));
    CHECK(active->record.status == store::AssessmentStatus::Completed);
    CHECK(scalar(*db, "SELECT COUNT(*) FROM assessments WHERE status = 'completed'") == 1);
    CHECK(scalar(*db, "SELECT COUNT(*) FROM skill_snapshots WHERE assessment_uuid IS NOT NULL") == 1);
}

TEST_CASE("a stored result damaged outside the kiosk is reported with its assessment, never thrown") {
    test::TempDir tmp;
    auto db = store::Database::open((tmp / "kiosk.db").string());
    REQUIRE(db);
    REQUIRE(db->exec("INSERT INTO questionnaire_snapshots(content_hash, questionnaire_id, version, source) VALUES ('h', 'q', '1', '');"
                     "INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status) "
                     "VALUES ('a1', 'security_measures', '1', 'h', 'completed');"
                     "INSERT INTO results(assessment_uuid, engine_version, decision, overall, computed_at, result_json) "
                     "VALUES ('a1', 1, 'urgent', 'abc', '2026-01-01', '{}');"));
    store::ResultStore results(*db);
    auto row = results.get("a1");
    REQUIRE_FALSE(row);
    CHECK(row.error() == "the stored result of assessment a1 is damaged: its overall score 'abc' is not a number");

    CHECK(scoring::fromJson("{}").error().rfind("the stored result cannot be read: ", 0) == 0);
    CHECK(scoring::fromJson(R"({"engine_version": 1e300})").error() ==
          "the stored result cannot be read: expected a whole number, found 1e+300");
    // A gap that names no item (found by fuzzing: the text and the screens looked it up blindly).
    std::string stored = test::readFile(test::sourceDir() / "tests" / "fuzz" / "result_seeds" / "clinic_19_beds.json");
    const auto gaps = stored.find("\"gaps\": [");
    REQUIRE(gaps != std::string::npos);
    stored.insert(gaps + 9, "\"no_such_item\", ");
    CHECK(scoring::fromJson(stored).error() == "the stored result cannot be read: gap 'no_such_item' is not one of its items");
    CHECK(scoring::fromJson(R"({"engine_version": 1, "engine_version": 2})").error() ==
          "the stored result cannot be read: not accepted: engine_version appears twice in the same object; keep one of them");
}

TEST_CASE("a failed atomic write leaves the target as it was and no temporary file behind") {
    test::TempDir tmp;
    test::writeFile(tmp / "people.csv", "old");
    REQUIRE(writeFileAtomically(tmp / "people.csv", "new"));
    CHECK(test::readFile(tmp / "people.csv") == "new");

    fs::create_directories(tmp / "taken" / "inside");  // a folder where the file should go
    auto intoFolder = writeFileAtomically(tmp / "taken", "secret staff list");
    REQUIRE_FALSE(intoFolder);
    CHECK(intoFolder.error() == "cannot write " + (tmp / "taken").string() + ": it is a folder");
    auto noFolder = writeFileAtomically(tmp / "missing" / "people.csv", "secret staff list");
    REQUIRE_FALSE(noFolder);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 2);  // people.csv and taken/, nothing else
    CHECK(test::readFile(tmp / "people.csv") == "new");
}

TEST_CASE("a file staged in pieces replaces its target only when committed, with the SHA-256 of every byte") {
    test::TempDir tmp;
    test::writeFile(tmp / "answers.csv", "old");
    // Pieces larger and smaller than the buffer handed to the writing thread.
    std::string expected;
    {
        auto staged = StagedFile::create(tmp / "answers.csv");
        REQUIRE_MESSAGE(staged, (staged ? "" : staged.error()));
        for (int i = 0; i < 300; ++i) {
            const std::string piece(static_cast<std::size_t>(i * 97 % 9000 + (i == 150 ? 3u << 20 : 0u)), static_cast<char>('a' + i % 26));
            (*staged)->write(piece);
            expected += piece;
        }
        REQUIRE((*staged)->finish());
        CHECK((*staged)->size() == expected.size());
        CHECK((*staged)->sha256() == sha256Hex(expected));
        CHECK(test::readFile(tmp / "answers.csv") == "old");  // finished, not yet committed
        REQUIRE((*staged)->commit());
    }
    CHECK(test::readFile(tmp / "answers.csv") == expected);

    {
        auto abandoned = StagedFile::create(tmp / "answers.csv");
        REQUIRE(abandoned);
        (*abandoned)->write("half an export");
    }
    CHECK(test::readFile(tmp / "answers.csv") == expected);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 1);  // no temporary file left behind

    auto intoFolder = StagedFile::create(tmp.path());
    REQUIRE_FALSE(intoFolder);
    CHECK_FALSE(StagedFile::create(tmp / "missing" / "answers.csv"));
}

TEST_CASE("an empty text never answers a required question, and one saved by an earlier version reads as unanswered") {
    test::TempDir tmp;
    auto db = store::Database::open((tmp / "kiosk.db").string());
    REQUIRE(db);
    store::AssessmentStore assessments(*db);
    assessment::AssessmentService service(assessments, content());
    auto active = service.start(*content().find("staff_skills"), Lang::Ja);
    REQUIRE(active);
    CHECK(service.answer(*active, "name", assessment::Answer::words("")).error() ==
          "question 'name' needs an answer; an empty text does not count");
    CHECK_FALSE(service.answer(*active, "name", assessment::Answer::words("  ")));
    CHECK(active->session.firstUnanswered() == active->session.questionnaire().indexOf("name"));
    CHECK_FALSE(active->stored());  // refused answers store nothing, not even the assessment
    // As an earlier version stored it when the person left through Home (after answering another question):
    const auto& other = active->session.question(active->session.questionnaire().indexOf("name") + 1);
    REQUIRE(service.answer(*active, other.id, test::neutralAnswer(other)));
    REQUIRE(db->exec("INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES ('" +
                     active->uuid + "', 'name', 1, '', 0, '2026-03-01T00:00:00.000Z')"));
    auto reopened = service.open(active->uuid);
    REQUIRE(reopened);
    CHECK(reopened->session.answer("name") == nullptr);
    CHECK(reopened->session.firstUnanswered() == reopened->session.questionnaire().indexOf("name"));
}
