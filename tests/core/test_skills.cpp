// The skill matrix: qualification renewal at its boundaries, each person's standing, development
// paths, coverage and single-person dependencies, CSV round trips and broken CSVs, the kiosk
// checklist becoming a snapshot, and the matrix changing the recommendation.
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
    auto first = m.people.all();
    REQUIRE(first);

    Matrix again;
    auto reimport = again.service->importCsv(*exported, false);
    REQUIRE(reimport);
    CHECK(reimport->errors.empty());
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
    CHECK(*exportedAgain == *exported);
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
    Person clash = all->front();
    REQUIRE(m.service->recordByAdmin(p));  // 高橋 C. again, as a second person
    clash.name = "高橋 C.";
    auto refused = m.service->recordByAdmin(clash);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("another person already has this name") != std::string::npos);
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
