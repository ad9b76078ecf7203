// The skill matrix: qualification renewal at its boundaries, each person's standing, development
// paths, coverage and single-person dependencies, CSV round trips and broken CSVs, people told
// apart by id when they share a name, the kiosk checklist becoming a snapshot, and the matrix
// changing the recommendation.
#include <doctest/doctest.h>

#include <algorithm>

#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/engine.hpp"
#include "skills/catalog.hpp"
#include "skills/csv.hpp"
#include "skills/people_csv.hpp"
#include "skills/service.hpp"
#include "store/database.hpp"
#include "store/people_store.hpp"
#include "support.hpp"

using namespace kiosk;
using namespace kiosk::skills;

namespace {

struct Matrix {
    questionnaire::Catalog content = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    SkillCatalog catalog;
    store::Database db = std::move(store::Database::open(":memory:").value());
    store::PeopleStore people{db};
    std::unique_ptr<SkillService> service;
    Matrix() {
        auto loaded = loadSkillCatalog(test::sourceDir() / "questionnaires", content);
        for (const auto& d : loaded.diagnostics) MESSAGE(d.format());
        REQUIRE(loaded.catalog);
        catalog = std::move(*loaded.catalog);
        service = std::make_unique<SkillService>(people, catalog);
    }
    int count() {
        auto all = people.all();
        REQUIRE(all);
        return static_cast<int>(all->size());
    }
};

Date d(const char* text) { return *parseDate(text); }

// The 250-bed hospital of the scenarios, scored with the matrix's people on a given day.
struct MatrixScoring {
    Matrix& m;
    scoring::PolicyResult rules = scoring::loadPolicy(test::sourceDir() / "questionnaires", m.content);
    Result<scoring::AnswersFile> answers =
        scoring::parseAnswersFile(test::readFile(test::dataDir() / "scenarios" / "hospital_250_single_person.json"), m.content);
    explicit MatrixScoring(Matrix& matrix) : m(matrix) {
        REQUIRE(rules.policy);
        REQUIRE(answers);
    }
    scoring::FacilityResult on(Date day) {
        scoring::FacilityInput input{answers->profile.get(), answers->measures.get()};
        input.staffingForTier = [this, day](std::string_view tier) -> std::optional<scoring::Staffing> {
            auto s = m.service->staffingFor(tier, day);
            REQUIRE(s);
            return *s;
        };
        return scoring::evaluate(*rules.policy, m.content, input);
    }
};

QualificationDef def(std::string id, CountsAs counts, int years, bool registration = false) {
    return {std::move(id), {"", ""}, counts, years, registration, ""};
}

}  // namespace

TEST_CASE("a qualification is expiring up to and including its due date, and expired the day after") {
    const auto hit = def("hit", CountsAs::Knowledge, 5);
    const QualificationRecord record{"hit", d("2020-04-01"), std::nullopt, true};
    CHECK(qualificationState(hit, record, d("2025-03-31"), 90).status == QualificationStatus::Expiring);
    CHECK(qualificationState(hit, record, d("2025-04-01"), 90).status == QualificationStatus::Expiring);
    CHECK(qualificationState(hit, record, d("2025-04-02"), 90).status == QualificationStatus::Expired);
    CHECK(formatDate(*qualificationState(hit, record, d("2025-01-01"), 90).due) == "2025-04-01");
}

TEST_CASE("the expiring window opens exactly 90 days before the due date") {
    const auto rissa = def("rissa", CountsAs::Security, 3, true);
    const QualificationRecord record{"rissa", d("2024-10-01"), std::nullopt, true};  // due 2027-10-01
    CHECK(qualificationState(rissa, record, d("2027-07-02"), 90).status == QualificationStatus::Valid);     // 91 days left
    CHECK(qualificationState(rissa, record, d("2027-07-03"), 90).status == QualificationStatus::Expiring);  // 90 days left
}

TEST_CASE("an explicit renewal date wins, registration is required where it must be, and some never expire") {
    const auto rissa = def("rissa", CountsAs::Security, 3, true);
    CHECK(qualificationState(rissa, {"rissa", d("2020-10-01"), d("2026-10-01"), true}, d("2026-01-01"), 90).status == QualificationStatus::Valid);
    CHECK(qualificationState(rissa, {"rissa", d("2025-10-01"), std::nullopt, false}, d("2026-01-01"), 90).status ==
          QualificationStatus::NotRegistered);
    const auto sg = def("sg", CountsAs::Security, 0);
    CHECK(qualificationState(sg, {"sg", d("2001-01-01"), std::nullopt, true}, d("2030-01-01"), 90).status == QualificationStatus::Valid);
    // Registered on 29 February: due on the last day of February three years later.
    CHECK(formatDate(*qualificationState(rissa, {"rissa", d("2024-02-29"), std::nullopt, true}, d("2025-01-01"), 90).due) == "2027-02-28");
}

TEST_CASE("a person meets the knowledge assurance by certification, experience or a healthcare course") {
    Matrix m;
    const auto on = d("2026-11-24");
    Person p;
    p.latest = SkillSnapshot{};
    CHECK_FALSE(standing(p, m.catalog.policy, on, {}).knowledge);
    p.latest->experienceYears = 2;
    CHECK_FALSE(standing(p, m.catalog.policy, on, {}).knowledge);
    p.latest->experienceYears = 3;  // experience_years_for_knowledge
    CHECK(standing(p, m.catalog.policy, on, {}).knowledge);
    p.latest->experienceYears = 0;
    p.latest->healthcareCourse = true;
    CHECK(standing(p, m.catalog.policy, on, {}).knowledge);
    p.latest->healthcareCourse = false;
    p.qualifications.push_back({"hit", d("2024-04-01"), std::nullopt, true});
    auto st = standing(p, m.catalog.policy, on, {});
    CHECK(st.knowledge);
    CHECK_FALSE(st.security);
    p.qualifications.push_back({"ip", d("2024-04-01"), std::nullopt, true});
    CHECK_FALSE(standing(p, m.catalog.policy, on, {}).security);  // IT Passport counts towards neither
    p.qualifications.push_back({"sg", d("2024-04-01"), std::nullopt, true});
    st = standing(p, m.catalog.policy, on, {});
    CHECK(st.security);
    CHECK(st.both());
    // An expired certificate no longer counts.
    Person lapsed;
    lapsed.qualifications.push_back({"hit", d("2015-04-01"), std::nullopt, true});
    CHECK_FALSE(standing(lapsed, m.catalog.policy, on, {}).knowledge);
}

TEST_CASE("the development path leads to the next qualification and lists skills below target") {
    Matrix m;
    const auto on = d("2026-11-24");
    Person nurse;
    nurse.latest = SkillSnapshot{};
    nurse.latest->levels = {{"skill_bak_restore", 3}, {"skill_inc_first_response", 1}};
    auto path = developmentPath(nurse, standing(nurse, m.catalog.policy, on, {}), 3, {"skill_bak_restore", "skill_inc_first_response"});
    CHECK(path.nextQualification == "ip");
    CHECK(path.skillsBelowTarget == std::vector<std::string>{"skill_inc_first_response"});
    nurse.qualifications.push_back({"sg", d("2025-01-01"), std::nullopt, true});
    path = developmentPath(nurse, standing(nurse, m.catalog.policy, on, {}), 3, {});
    CHECK(path.nextQualification == "hit");  // security-qualified: now the healthcare side
    CHECK(path.healthcareCourse);
    nurse.qualifications.push_back({"hit", d("2025-01-01"), std::nullopt, true});
    CHECK(developmentPath(nurse, standing(nurse, m.catalog.policy, on, {}), 3, {}).nextQualification == "rissa");
}

TEST_CASE("coverage finds skills nobody holds, skills one person holds, and staffing at risk") {
    Matrix m;
    const auto on = d("2026-11-24");
    std::vector<Person> people(3);
    for (int i = 0; i < 3; ++i) {
        people[i].id = i + 1;
        people[i].latest = SkillSnapshot{};
    }
    people[0].latest->levels = {{"a", 3}, {"b", 4}};
    people[1].latest->levels = {{"a", 3}, {"b", 2}};
    people[2].latest->levels = {{"a", 1}};
    people[0].qualifications.push_back({"sg", d("2020-01-01"), std::nullopt, true});
    people[1].qualifications.push_back({"rissa", d("2023-12-20"), std::nullopt, true});  // due 2026-12-20: expiring
    const auto c = coverage(people, m.catalog.policy, on, 3, {"a", "b", "c"}, {"a"});
    CHECK(c.gaps == std::vector<std::string>{"c"});
    CHECK(c.singlePerson == std::vector<std::string>{"b"});
    CHECK(c.skills[0].holders == std::vector<std::int64_t>{1, 2});
    CHECK(c.security == 2);
    CHECK(c.securityIfLapsed == 1);
    CHECK(c.expiringPeople == std::vector<std::int64_t>{2});
    CHECK(c.dutyHolders == 2);
}

namespace {

// The CSV with every cell of the given column emptied (or, with `drop`, without the column).
std::string editColumn(const std::string& csv, const std::string& name, bool drop) {
    auto rows = parseCsv(csv);
    REQUIRE(rows);
    const auto& header = rows->front().fields;
    const auto at = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    REQUIRE(at < header.size());
    std::vector<std::vector<std::string>> out;
    for (std::size_t r = 0; r < rows->size(); ++r) {
        std::vector<std::string> fields;
        for (const auto& f : (*rows)[r].fields) fields.push_back(restoreCell(f));  // writeCsv neutralises again
        if (drop) fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(at));
        else if (r > 0) fields[at].clear();
        out.push_back(std::move(fields));
    }
    return writeCsv(out);
}

}  // namespace

TEST_CASE("people round-trip through CSV unchanged") {
    Matrix m;
    const std::string original = test::readFile(test::dataDir() / "people" / "staff_40.csv");
    auto report = m.service->importCsv(original, false);
    REQUIRE(report);
    CHECK(report->errors.empty());
    CHECK(report->imported == 40);
    auto exported = m.service->exportCsv();
    REQUIRE(exported);
    CHECK(exported->rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(exported->rfind("\xEF\xBB\xBFid,name,role,", 0) == 0);  // each person's id first
    auto first = m.people.all();
    REQUIRE(first);

    // Imported back into the same matrix, every row updates its own person by id and nothing changes.
    auto same = m.service->importCsv(*exported, false);
    REQUIRE(same);
    CHECK(same->errors.empty());
    CHECK(same->imported == 40);
    CHECK(same->added == 0);
    CHECK(m.count() == 40);
    auto exportedSame = m.service->exportCsv();
    REQUIRE(exportedSame);
    CHECK(*exportedSame == *exported);

    // Into another matrix the ids mean nothing, so they are left out: everyone is added as new.
    Matrix again;
    auto reimport = again.service->importCsv(editColumn(*exported, "id", false), false);
    REQUIRE(reimport);
    CHECK(reimport->errors.empty());
    CHECK(reimport->added == 40);
    auto second = again.people.all();
    REQUIRE(second);
    REQUIRE(second->size() == first->size());
    for (std::size_t i = 0; i < first->size(); ++i) {
        const auto& a = (*first)[i];
        const auto& b = (*second)[i];
        CHECK(a.name == b.name);
        CHECK(a.role == b.role);
        CHECK(a.department == b.department);
        CHECK(a.employment == b.employment);
        CHECK(a.qualifications.size() == b.qualifications.size());
        REQUIRE(a.latest);
        REQUIRE(b.latest);
        CHECK(a.latest->levels == b.latest->levels);
        CHECK(a.latest->experienceYears == b.latest->experienceYears);
    }
    auto exportedAgain = again.service->exportCsv();
    REQUIRE(exportedAgain);
    CHECK(editColumn(*exportedAgain, "id", true) == editColumn(*exported, "id", true));
}

TEST_CASE("two people may share a name: each keeps their own record, and an export's ids update each of them") {
    Matrix m;
    Person p;
    p.name = "佐藤 一郎";
    p.role = "nurse";
    p.department = "外来";
    REQUIRE(m.service->recordByAdmin(p));
    p.role = "clerical";
    p.department = "医事課";
    REQUIRE(m.service->recordByAdmin(p));  // a second person of the same name, not an update
    auto both = m.service->peopleNamed("佐藤 一郎");
    REQUIRE(both);
    REQUIRE(both->size() == 2);
    CHECK(both->at(0).department == "外来");
    CHECK(both->at(1).department == "医事課");
    const auto nurse = both->at(0).id;
    const auto clerk = both->at(1).id;

    // The export gives each their id; a change in one row reaches that person only.
    auto csv = m.service->exportCsv();
    REQUIRE(csv);
    const std::string from = "医事課";
    const auto at = csv->find(from);
    REQUIRE(at != std::string::npos);
    std::string edited = *csv;
    edited.replace(at, from.size(), "総務課");
    auto report = m.service->importCsv(edited, false);
    REQUIRE(report);
    for (const auto& e : report->errors) MESSAGE(e.format());
    CHECK(report->imported == 2);
    CHECK(report->added == 0);
    auto after = m.service->peopleNamed("佐藤 一郎");
    REQUIRE(after);
    REQUIRE(after->size() == 2);
    CHECK(after->at(0).id == nurse);
    CHECK(after->at(0).department == "外来");
    CHECK(after->at(1).id == clerk);
    CHECK(after->at(1).department == "総務課");

    // An id can also rename: the row says who, the name is just a field.
    report = m.service->importCsv("id,name,role,employment\n" + std::to_string(clerk) + ",佐藤 一朗,clerical,full_time\n", false);
    REQUIRE(report);
    CHECK(report->imported == 1);
    CHECK(m.service->peopleNamed("佐藤 一朗")->front().id == clerk);
    CHECK(m.service->peopleNamed("佐藤 一郎")->size() == 1);
}

TEST_CASE("a row without an id updates the one person of its name, adds a new name, and is refused when the name is ambiguous") {
    Matrix m;
    REQUIRE(m.service->importCsv("name,role,employment,skill_bak_restore\n山田 花子,clerical,full_time,1\n", false));
    Person twin;
    twin.name = "佐藤 一郎";
    twin.role = "nurse";
    REQUIRE(m.service->recordByAdmin(twin));
    REQUIRE(m.service->recordByAdmin(twin));
    const std::string file = "name,role,employment,skill_bak_restore\n"
                             "山田 花子,clerical,full_time,3\n"
                             "新井 太郎,clerical,part_time,2\n"
                             "佐藤 一郎,clerical,full_time,4\n";
    auto refused = m.service->importCsv(file, false);
    REQUIRE(refused);
    REQUIRE(refused->errors.size() == 1);
    CHECK(refused->errors[0].format() ==
          "line 4, column name: 2 people in the matrix are named '佐藤 一郎', so the name is ambiguous; give the id of the one "
          "this row is about (the id column of an export)");
    CHECK(refused->imported == 0);
    CHECK(m.count() == 3);

    auto partial = m.service->importCsv(file, true);
    REQUIRE(partial);
    CHECK(partial->imported == 2);
    CHECK(partial->added == 1);
    CHECK(m.count() == 4);
    CHECK(m.service->peopleNamed("山田 花子")->front().latest->levels.at("skill_bak_restore") == 3);  // updated, not doubled
    CHECK(m.service->peopleNamed("山田 花子")->size() == 1);
    const auto twins = m.service->peopleNamed("佐藤 一郎");
    REQUIRE(twins);
    for (const auto& p : *twins) {
        CHECK(p.role == "nurse");  // neither was touched
        CHECK_FALSE(p.latest);
    }
}

TEST_CASE("ids in a people CSV: unknown, not a number, given twice, or the same person twice are refused at their line") {
    Matrix m;
    REQUIRE(m.service->importCsv("name,role,employment\n山田 花子,clerical,full_time\n", false));
    const auto id = m.service->peopleNamed("山田 花子")->front().id;
    const auto messages = [&](const std::string& csv) {
        auto report = m.service->importCsv(csv, false);
        REQUIRE(report);
        CHECK(report->imported == 0);
        std::vector<std::string> out;
        for (const auto& e : report->errors) out.push_back(e.format());
        return out;
    };
    const std::string header = "id,name,role,employment\n";
    const std::string yamada = std::to_string(id) + ",山田 花子,clerical,full_time\n";
    CHECK(messages(header + yamada + std::to_string(id) + ",山田 花子,nurse,full_time\n") ==
          std::vector<std::string>{"line 3, column id: id " + std::to_string(id) + " appears on more than one line"});
    CHECK(messages(header + yamada + ",山田 花子,nurse,full_time\n") ==
          std::vector<std::string>{"line 3, column name: '山田 花子' appears on more than one line; people who share a name each need "
                                   "their id (the id column of an export)"});
    // The name matches the person an earlier line gives by id (renamed there): one person, two lines.
    CHECK(messages(header + std::to_string(id) + ",山田 華子,clerical,full_time\n,山田 花子,nurse,full_time\n") ==
          std::vector<std::string>{"line 3, column name: this row is about the same person as line 2 ('山田 花子', id " +
                                   std::to_string(id) + "); give each person one line"});
    CHECK(messages(header + "x1,山田 花子,clerical,full_time\n") ==
          std::vector<std::string>{"line 2, column id: 'x1' is not an id; an id is the whole number an export gives each person "
                                   "(leave it empty for a new person)"});
    CHECK(m.count() == 1);
}

TEST_CASE("Excel-style quoting, a byte-order mark and labels instead of ids are read") {
    Matrix m;
    auto report = m.service->importCsv(test::readFile(test::dataDir() / "people" / "quoted_ok.csv"), false);
    REQUIRE(report);
    for (const auto& e : report->errors) MESSAGE(e.format());
    REQUIRE(report->imported == 1);
    auto all = m.people.all();
    REQUIRE(all);
    CHECK(all->front().name == "渡辺, D.");
    CHECK(all->front().department == "総務課 \"IT\" 担当");
    CHECK(all->front().role == "clerical");
    CHECK(all->front().employment == Employment::FullTime);
}

TEST_CASE("broken CSVs are refused with line and column, and nothing is imported") {
    Matrix m;
    const auto errors = [&](const char* file) {
        auto report = m.service->importCsv(test::readFile(test::dataDir() / "people" / file), false);
        REQUIRE(report);
        CHECK(report->imported == 0);
        std::string all;
        for (const auto& e : report->errors) all += e.format() + "\n";
        return all;
    };
    CHECK(errors("broken_quoting.csv").find("line 3: a quoted field is never closed") != std::string::npos);
    CHECK(errors("broken_quote_inside.csv").find("line 3, field 1: a quote inside an unquoted field") != std::string::npos);
    CHECK(errors("broken_unknown_skill.csv").find("line 1, column skill_quantum_crypto: unknown skill") != std::string::npos);
    const auto level = errors("broken_level.csv");
    CHECK(level.find("line 2, column skill_bak_restore: level '5' is out of range") != std::string::npos);
    CHECK(level.find("line 4, column role: 'wizard' is not a role") != std::string::npos);
    CHECK(errors("broken_shift_jis.csv").find("not UTF-8 (it may have been saved as Shift_JIS)") != std::string::npos);
    CHECK(m.count() == 0);
}

TEST_CASE("--partial imports the good rows and lists the bad ones") {
    Matrix m;
    auto report = m.service->importCsv(test::readFile(test::dataDir() / "people" / "broken_level.csv"), true);
    REQUIRE(report);
    CHECK(report->rows == 3);
    CHECK(report->imported == 1);
    CHECK(report->errors.size() == 2);
    CHECK(m.count() == 1);
}

TEST_CASE("each completion is a dated snapshot, so history is kept") {
    Matrix m;
    REQUIRE(m.service->importCsv(test::readFile(test::dataDir() / "people" / "staff_40.csv"), false));
    REQUIRE(m.service->importCsv(test::readFile(test::dataDir() / "people" / "staff_40.csv"), false));
    auto all = m.people.all();
    REQUIRE(all);
    CHECK(all->front().snapshotCount == 2);
    auto history = m.people.history(all->front().id);
    REQUIRE(history);
    CHECK(history->size() == 2);
}

TEST_CASE("a staff checklist completed at the kiosk becomes the person's newest snapshot") {
    Matrix m;
    auto q = std::make_shared<const questionnaire::Questionnaire>(*m.content.find("staff_skills"));
    assessment::Session s(q);
    using assessment::Answer;
    REQUIRE(s.setAnswer("name", Answer::words("山田 花子")));
    REQUIRE(s.setAnswer("role", Answer::option("radiologic_technologist")));
    REQUIRE(s.setAnswer("employment", Answer::option("full_time")));
    REQUIRE(s.setAnswer("q_hit", Answer::option("yes")));
    REQUIRE(s.setAnswer("q_hit_date", Answer::words("2022-04-01")));
    REQUIRE(s.setAnswer("q_rissa", Answer::option("yes")));
    REQUIRE(s.setAnswer("q_rissa_registered", Answer::option("yes")));
    REQUIRE(s.setAnswer("q_rissa_renewal_date", Answer::words("2027-04-30")));
    REQUIRE(s.setAnswer("experience_years", Answer::value(6)));
    REQUIRE(s.setAnswer("skill_bak_restore", Answer::value(3)));
    REQUIRE(m.service->recordChecklist(s, ""));
    auto all = m.people.all();
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    const auto& p = all->front();
    CHECK(p.role == "radiologic_technologist");
    REQUIRE(p.qualification("rissa"));
    CHECK(formatDate(*p.qualification("rissa")->renewalDue) == "2027-04-30");
    CHECK(p.latest->levels.at("skill_bak_restore") == 3);
    const auto st = standing(p, m.catalog.policy, d("2026-11-24"), m.catalog.dutySkills);
    CHECK(st.both());

    // The same name again is the same person: a newer snapshot, not a second person.
    REQUIRE(s.setAnswer("skill_bak_restore", Answer::value(4)));
    REQUIRE(m.service->recordChecklist(s, ""));
    all = m.people.all();
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK(all->front().snapshotCount == 2);
    CHECK(all->front().latest->levels.at("skill_bak_restore") == 4);
}

TEST_CASE("a checklist under a name two people share is refused until it says which of them it is for, or a new one") {
    Matrix m;
    Person twin;
    twin.name = "山田 花子";
    twin.role = "clerical";
    REQUIRE(m.service->recordByAdmin(twin));
    twin.role = "nurse";
    REQUIRE(m.service->recordByAdmin(twin));
    const auto twins = *m.service->peopleNamed("山田 花子");
    REQUIRE(twins.size() == 2);

    auto q = std::make_shared<const questionnaire::Questionnaire>(*m.content.find("staff_skills"));
    assessment::Session s(q);
    using assessment::Answer;
    REQUIRE(s.setAnswer("name", Answer::words("山田 花子")));
    REQUIRE(s.setAnswer("role", Answer::option("nurse")));
    REQUIRE(s.setAnswer("employment", Answer::option("part_time")));
    REQUIRE(s.setAnswer("skill_bak_restore", Answer::value(2)));
    auto refused = m.service->recordChecklist(s, "");
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == "2 people in the skill matrix are named 山田 花子; choose which of them this checklist is for");
    const auto unchanged = m.service->peopleNamed("山田 花子");
    REQUIRE(unchanged);
    for (const auto& p : *unchanged) CHECK(p.snapshotCount == 0);  // nothing saved

    REQUIRE(m.service->recordChecklist(s, "", twins[1].id));
    const auto after = *m.service->peopleNamed("山田 花子");
    REQUIRE(after.size() == 2);
    CHECK(after[0].snapshotCount == 0);
    CHECK(after[1].snapshotCount == 1);
    CHECK(after[1].employment == Employment::PartTime);
    CHECK(after[1].latest->levels.at("skill_bak_restore") == 2);

    // Or neither of them: a third person of the same name.
    REQUIRE(m.service->recordChecklist(s, "", kNewPerson));
    const auto three = *m.service->peopleNamed("山田 花子");
    REQUIRE(three.size() == 3);
    CHECK(three[2].snapshotCount == 1);
    CHECK(three[1].snapshotCount == 1);
}

TEST_CASE("an answers file may list two people of the same name; both count") {
    const auto content = questionnaire::loadCatalog(test::sourceDir() / "questionnaires");
    const auto skillCatalog = loadSkillCatalog(test::sourceDir() / "questionnaires", content);
    REQUIRE(skillCatalog.catalog);
    std::string file = test::readFile(test::dataDir() / "scenarios" / "hospital_250_registration_due.json");
    const auto at = file.find("鈴木 B.");
    REQUIRE(at != std::string::npos);
    file.replace(at, std::string("鈴木 B.").size(), "佐藤 A.");
    auto parsed = scoring::parseAnswersFile(file, content, &*skillCatalog.catalog);
    REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error()));
    REQUIRE(parsed->people.size() == 2);
    CHECK(parsed->people[0].name == parsed->people[1].name);
    CHECK(parsed->people[0].id != parsed->people[1].id);
    const auto staffing = staffingOf(parsed->people, *skillCatalog.catalog, "supported", *parsed->asOf);
    CHECK(staffing.security == 2);
}

TEST_CASE("the skill matrix changes the recommendation: a second person removes a single-person dependency") {
    Matrix m;
    MatrixScoring hospital(m);
    const auto person = [](const char* name, bool duty) {
        Person p;
        p.name = name;
        p.role = "it_department";
        p.qualifications = {{"hit", *parseDate("2024-04-01"), std::nullopt, true}, {"sg", *parseDate("2024-06-01"), std::nullopt, true}};
        p.latest = SkillSnapshot{};
        p.latest->levels = {{"skill_gov_rules", duty ? 3 : 1}, {"skill_inc_first_response", duty ? 3 : 2}};
        return p;
    };
    const auto decide = [&] { return hospital.on(d("2026-11-24")); };
    // Two qualified people, but only one carries the security duties: a single-person dependency.
    REQUIRE(m.people.upsert({person("佐藤 A.", true), person("鈴木 B.", false)}, "admin"));
    auto before = decide();
    CHECK(before.staffing.source == "skill_matrix");
    CHECK(before.staffing.dutyHolders == 1);
    CHECK(before.decision == scoring::Decision::Recommended);
    // The second person is trained to carry them too.
    REQUIRE(m.people.upsert({person("鈴木 B.", true)}, "admin"));
    auto after = decide();
    CHECK(after.staffing.dutyHolders == 2);
    CHECK(after.decision == scoring::Decision::NotNeeded);
    bool listsSingleSkills = false;
    for (const auto& a : after.actions) listsSingleSkills |= a.id == "second_person_skills" || a.id == "cover_skill_gaps";
    CHECK(listsSingleSkills);  // most checklist skills have nobody at target in this small matrix
}

TEST_CASE("an administrator adds and edits a person; a rename keeps the history, bad entries are refused") {
    Matrix m;
    Person p;
    p.name = "高橋 C.";
    p.role = "clinical_engineer";
    p.latest = SkillSnapshot{};
    p.latest->levels["skill_med_devices"] = 4;
    REQUIRE(m.service->recordByAdmin(p));
    auto all = m.people.all();
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    Person edited = all->front();
    edited.name = "高橋 千尋";
    edited.latest->levels["skill_med_devices"] = 3;
    REQUIRE(m.service->recordByAdmin(edited));
    all = m.people.all();
    REQUIRE(all->size() == 1);  // renamed, not duplicated
    CHECK(all->front().name == "高橋 千尋");
    CHECK(all->front().snapshotCount == 2);
    CHECK(all->front().latest->levels.at("skill_med_devices") == 3);

    Person bad = p;
    bad.role = "wizard";
    CHECK_FALSE(m.service->recordByAdmin(bad));
    bad = p;
    bad.latest->levels["skill_med_devices"] = 7;
    CHECK_FALSE(m.service->recordByAdmin(bad));
    bad = p;
    bad.name.clear();
    CHECK_FALSE(m.service->recordByAdmin(bad));
    // Two people may share a name: a new person of an existing name, and a rename onto one.
    Person renamed = all->front();
    REQUIRE(m.service->recordByAdmin(p));  // 高橋 C. again, as a second person
    renamed.name = "高橋 C.";
    REQUIRE(m.service->recordByAdmin(renamed));
    all = m.people.all();
    REQUIRE(all->size() == 2);
    CHECK(all->at(0).name == "高橋 C.");
    CHECK(all->at(1).name == "高橋 C.");
    CHECK(all->at(0).id == renamed.id);
    CHECK(all->at(0).snapshotCount == 3);  // the renamed one keeps its history
    CHECK(all->at(1).snapshotCount == 1);

    // An edit of someone removed meanwhile is refused, not turned into a new person.
    REQUIRE(m.people.remove(renamed.id));
    auto gone = m.service->recordByAdmin(renamed);
    REQUIRE_FALSE(gone);
    CHECK(gone.error() == "高橋 C. (id " + std::to_string(renamed.id) + ") is no longer in the matrix");
    CHECK(m.count() == 1);
}

TEST_CASE("a registration the tier's staffing depends on gives 'consider' with its date before it lapses, not after") {
    Matrix m;
    MatrixScoring hospital(m);
    const auto person = [](const char* name) {
        Person p;
        p.name = name;
        p.role = "it_department";
        p.latest = SkillSnapshot{};
        p.latest->levels = {{"skill_gov_rules", 3}, {"skill_inc_first_response", 3}};
        return p;
    };
    Person a = person("佐藤 A.");
    a.qualifications = {{"hit", d("2020-04-01"), d("2030-04-01"), true}, {"sg", d("2022-06-01"), std::nullopt, true}};
    Person b = person("鈴木 B.");
    // The second security qualification: a registration due for renewal on 2027-01-08.
    b.qualifications = {{"hit", d("2021-04-01"), d("2030-04-01"), true}, {"rissa", d("2024-01-09"), d("2027-01-08"), true}};
    REQUIRE(m.people.upsert({a, b}, "admin"));
    const auto decideOn = [&](Date on) { return hospital.on(on); };
    const auto ids = [](const scoring::FacilityResult& r) {
        std::vector<std::string> out;
        for (const auto& e : r.why) out.push_back(e.rule);
        return out;
    };

    const auto early = decideOn(d("2026-06-01"));  // well before the renewal window
    CHECK(early.decision == scoring::Decision::NotNeeded);

    const auto inWindow = decideOn(d("2026-11-24"));  // 45 days before the due date
    CHECK(inWindow.achievedTier == "self_reliant");
    CHECK(inWindow.decision == scoring::Decision::Consider);
    CHECK(ids(inWindow) == std::vector<std::string>{"staffing_at_risk"});
    CHECK(inWindow.summary.ja.find("2027-01-08") != std::string::npos);
    CHECK(inWindow.staffing.expiringBy == "2027-01-08");

    const auto lapsed = decideOn(d("2027-01-09"));
    CHECK(lapsed.achievedTier == "supported");
    CHECK(lapsed.decision == scoring::Decision::Recommended);
}

TEST_CASE("a duty skill only one person holds is a dependency, and actions name skills by what they are") {
    Matrix m;
    MatrixScoring hospital(m);
    Person a, b;
    a.name = "佐藤 A.";
    b.name = "鈴木 B.";
    a.role = b.role = "it_department";
    a.qualifications = {{"hit", d("2020-04-01"), d("2030-04-01"), true}, {"sg", d("2022-06-01"), std::nullopt, true}};
    b.qualifications = a.qualifications;
    a.latest = SkillSnapshot{};
    b.latest = SkillSnapshot{};
    a.latest->levels = {{"skill_gov_rules", 3}, {"skill_inc_first_response", 3}, {"skill_inc_reporting", 3}};
    b.latest->levels = {{"skill_gov_rules", 3}, {"skill_inc_first_response", 3}};
    REQUIRE(m.people.upsert({a, b}, "admin"));
    const auto r = hospital.on(d("2026-11-24"));
    REQUIRE_FALSE(r.why.empty());
    CHECK(r.why.front().rule == "single_person_skills");
    CHECK(r.decision == scoring::Decision::Consider);
    const auto* reporting = m.catalog.skill("skill_inc_reporting");
    REQUIRE(reporting);
    CHECK(r.why.front().text.ja.find(reporting->text.ja) != std::string::npos);
    for (const auto& action : r.actions) {
        CAPTURE(action.id);
        CHECK(action.text.ja.find("skill_") == std::string::npos);
        CHECK(action.text.en.find("skill_") == std::string::npos);
    }
}
