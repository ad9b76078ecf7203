// The external-advisor directory: lists read with every problem named by line and column, the
// knowledge assurance and registration status of an entry on boundary days, matching a result
// against the sample lists (order and reasons), an empty match with its explanation, and the
// directory as stored and audited.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "advisors/csv.hpp"
#include "advisors/match.hpp"
#include "advisors/service.hpp"
#include "questionnaire/loader.hpp"
#include "skills/catalog.hpp"
#include "store/advisor_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "support.hpp"

using namespace kiosk;
using namespace kiosk::advisors;


namespace {

const AdvisorCatalog& catalog() {
    static const AdvisorCatalog loaded = [] {
        const auto dir = test::sourceDir() / "questionnaires";
        const auto questionnaires = questionnaire::loadCatalog(dir);
        const auto skillCatalog = skills::loadSkillCatalog(dir, questionnaires);
        REQUIRE(skillCatalog.catalog);
        auto result = loadAdvisorCatalog(dir, *skillCatalog.catalog, questionnaires.domains);
        for (const auto& d : result.diagnostics) FAIL(d.format());
        REQUIRE(result.catalog);
        return *result.catalog;
    }();
    return loaded;
}

Date dateOf(const char* text) {
    auto d = skills::parseDate(text);
    REQUIRE(d);
    return *d;
}

Date addDays(Date d, int n) { return Date{std::chrono::sys_days{d} + std::chrono::days{n}}; }

const Date kToday{std::chrono::year{2026}, std::chrono::November, std::chrono::day{24}};

std::vector<Advisor> sampleLists() {
    std::vector<Advisor> all;
    for (const char* file : {"registered.csv", "regional.csv", "part_time.csv", "medcsc.csv"}) {
        auto read = readAdvisorsCsv(test::readFile(test::dataDir() / "advisors" / file), catalog(), kToday);
        for (const auto& e : read.errors) FAIL(file << ": " << e.format());
        for (auto& a : read.advisors) {
            a.id = static_cast<std::int64_t>(all.size()) + 1;
            all.push_back(std::move(a));
        }
    }
    return all;
}

// A result whose gaps lie in backup (an essential measure), incident, access and vendors, and
// which recommends the registered specialists, a regional advisor and a part-time specialist.
scoring::FacilityResult resultWithGaps() {
    scoring::FacilityResult r;
    const auto item = [&](const char* id, const char* domain, bool critical) {
        scoring::ItemScore i;
        i.id = id;
        i.domain = domain;
        i.critical = critical;
        i.score = 0;
        r.items.push_back(i);
        r.gaps.push_back(id);
    };
    item("m_backup_offline", "backup", true);
    item("m_incident_plan", "incident", false);
    item("m_backup_test", "backup", false);
    item("m_access_review", "access", false);
    item("m_vendor_contract", "vendors", false);
    const auto route = [&](const char* id, const char* ja, const char* until) {
        scoring::RouteAdvice a;
        a.id = id;
        a.name = {ja, id};
        a.untilThen = {until, until};
        r.routes.push_back(a);
    };
    route("registered_specialist", "登録セキスペ", "候補者に資格を直接確かめる");
    route("regional_advisor", "地域のアドバイザー", "都道府県の医療担当部署に問い合わせる");
    route("part_time_specialist", "兼業", "指導的な医療機関に直接相談する");
    return r;
}

std::vector<std::string> names(const MatchResult& m) {
    std::vector<std::string> out;
    for (const auto& c : m.candidates) out.push_back(c.advisor->name);
    return out;
}

const RowError* errorAt(const AdvisorImport& read, int line, const std::string& column) {
    for (const auto& e : read.errors)
        if (e.line == line && e.column == column) return &e;
    return nullptr;
}

std::string header() {
    std::string h;
    for (const auto& c : advisorsCsvHeader(catalog())) h += (h.empty() ? "" : ",") + c;
    return h + "\n";
}

// A row of the full header with the given cells set (by column name), the rest empty.
std::string row(std::initializer_list<std::pair<const char*, const char*>> cells) {
    const auto columns = advisorsCsvHeader(catalog());
    std::vector<std::string> fields(columns.size());
    for (const auto& [name, value] : cells) {
        auto it = std::find(columns.begin(), columns.end(), name);
        REQUIRE(it != columns.end());
        fields[static_cast<std::size_t>(it - columns.begin())] = value;
    }
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
    return out + "\n";
}

}  // namespace

TEST_CASE("the directory's catalogue: sources for every route, menus on known domains, prefectures by code or name") {
    const auto& c = catalog();
    CHECK(c.sources.size() == 4);
    CHECK(c.source("registered")->registrationRequired);
    CHECK(c.prefectures.size() == 47);
    CHECK(c.findPrefecture("13")->name.ja == "東京都");
    CHECK(c.findPrefecture("1")->name.ja == "北海道");
    CHECK(c.findPrefecture("東京")->code == "13");
    CHECK(c.findPrefecture("大阪府")->code == "27");
    CHECK(c.findPrefecture("kyoto")->code == "26");
    CHECK(c.findPrefecture("北海")  == nullptr);
    CHECK(c.findPrefecture("48") == nullptr);
    CHECK(c.findPrefecture("") == nullptr);
    // The registration is not among the "other" qualifications a list gives with a date.
    for (const auto* q : c.otherQualifications()) CHECK(q->id != "rissa");

    Diagnostics none;
    const auto dir = test::sourceDir() / "questionnaires";
    const auto questionnaires = questionnaire::loadCatalog(dir);
    const auto skillCatalog = skills::loadSkillCatalog(dir, questionnaires);
    auto broken = parseAdvisorCatalog("[policy]\nstale_after_days = 365\nregistration_qualification = \"hit\"\n"
                                      "[[menus]]\nid = \"x\"\nname = { ja = \"x\", en = \"x\" }\ndomains = [\"no_such_domain\"]\n",
                                      "advisors.toml", *skillCatalog.catalog, questionnaires.domains);
    CHECK_FALSE(broken.catalog);
    std::string all;
    for (const auto& d : broken.diagnostics) all += d.format() + "\n";
    CHECK(all.find("requires_registration") != std::string::npos);
    CHECK(all.find("no_such_domain") != std::string::npos);
    CHECK(all.find("advisors.toml:7:11: support menu") != std::string::npos);  // the line and column of the list
    CHECK(all.find("no source serves the route 'medcsc'") != std::string::npos);
}

TEST_CASE("the sample lists read without a problem and say what they mean") {
    const auto all = sampleLists();
    REQUIRE(all.size() == 13);
    const auto& ichiro = all[0];
    CHECK(ichiro.source == "registered");
    CHECK(ichiro.registrationNumber == "990001");
    CHECK(ichiro.prefecture == "13");
    CHECK(ichiro.serves == std::vector<std::string>{"11", "12", "13", "14"});
    CHECK(ichiro.mode == SupportMode::Both);
    CHECK(ichiro.daysPerMonth == 4);
    CHECK(ichiro.qualifications.count("senior_hit"));
    CHECK(ichiro.menus.size() == 4);
    // Nationwide is its own value, and every sample is plainly fictional.
    CHECK(std::find(all[2].serves.begin(), all[2].serves.end(), std::string(kNationwide)) != all[2].serves.end());
    for (const auto& a : all) CHECK(a.name.find("架空") != std::string::npos);
}

TEST_CASE("a bad list names every problem by line and column, and a good row is not mistaken for a bad one") {
    const std::string text = header() +
                             row({{"source", "registered"}, {"name", "見本 甲（架空）"}, {"registration_number", "990901"}, {"registration_date", "2022-04-01"}}) +
                             row({{"source", "registered"}, {"name", "見本 乙（架空）"}, {"registration_date", "2022-04-01"}}) +
                             row({{"source", "nowhere"}, {"name", "見本 丙（架空）"}}) +
                             row({{"source", "regional"}, {"name", "見本 丁（架空）"}, {"registration_number", "99A"}, {"registration_date", "2022-13-01"},
                                  {"prefecture", "東京都"}, {"serves", "東京都;アトランティス"}, {"days_per_month", "40"},
                                  {"support_mode", "teleport"}, {"menus", "governance;juggling"}, {"skills", "skill_cooking"},
                                  {"experience_years", "-1"}, {"experience_kind", "dreaming"}, {"side_work", "maybe"},
                                  {"hit_date", "2030-01-01"}, {"confirmed_date", "2026/11/01"}}) +
                             row({{"source", "registered"}, {"name", "見本 戊（架空）"}, {"registration_number", "990901"}, {"registration_date", "2023-04-01"}}) +
                             row({{"source", "part_time"}, {"name", "\"=HYPERLINK(\"\"http://x\"\")\""}}) +
                             "registered,見本 己（架空）,990902\n";
    const auto read = readAdvisorsCsv(text, catalog(), kToday);
    CHECK(read.rows == 7);
    REQUIRE(read.advisors.size() == 2);  // line 2, and line 7 (a formula-looking name is text, kept as written)
    CHECK(read.advisors[0].name == "見本 甲（架空）");
    CHECK(read.advisors[1].name == "=HYPERLINK(\"http://x\")");

    CHECK(errorAt(read, 3, "registration_number"));  // the registered source needs the register's number
    CHECK(errorAt(read, 4, "source"));
    for (const char* column : {"registration_number", "registration_date", "serves", "days_per_month", "support_mode", "menus", "skills",
                               "experience_years", "experience_kind", "side_work", "hit_date"})
        CHECK_MESSAGE(errorAt(read, 5, column), column);
    CHECK(errorAt(read, 5, "menus")->message.find("juggling") != std::string::npos);
    CHECK(errorAt(read, 5, "hit_date")->message.find("future") != std::string::npos);
    CHECK_FALSE(errorAt(read, 5, "confirmed_date"));  // 2026/11/01 is how Japanese Excel writes a date
    CHECK(errorAt(read, 6, "registration_number")->message.find("line 2") != std::string::npos);  // the same advisor twice
    CHECK(errorAt(read, 8, ""));  // too few fields
    CHECK(errorAt(read, 5, "registration_number")->format().rfind("line 5, column registration_number: ", 0) == 0);
}

TEST_CASE("a list with a wrong header, in Shift_JIS or empty is refused whole") {
    auto missing = readAdvisorsCsv("name,registration_date,color\nx,2020-01-01,red\n", catalog(), kToday);
    CHECK(errorAt(missing, 1, "registration_number"));
    CHECK(errorAt(missing, 1, "color"));
    CHECK(errorAt(missing, 1, "source"));
    CHECK(missing.advisors.empty());
    // Without a source column the import may name the source of the whole list.
    auto withDefault = readAdvisorsCsv("name,registration_number,registration_date\n見本 庚（架空）,990903,2022-04-01\n", catalog(), kToday,
                                       std::string("registered"));
    REQUIRE(withDefault.advisors.size() == 1);
    CHECK(withDefault.advisors[0].source == "registered");
    CHECK(readAdvisorsCsv("\x83\x65\x83\x58\x83\x67\n", catalog(), kToday).errors.at(0).message.find("Shift_JIS") != std::string::npos);
    CHECK(readAdvisorsCsv("", catalog(), kToday).errors.size() == 1);
    // A byte-order mark is Excel's and not part of the first column's name.
    auto bom = readAdvisorsCsv("\xEF\xBB\xBF" + header() + row({{"source", "medcsc"}, {"name", "見本 辛（架空）"}}), catalog(), kToday);
    CHECK(bom.errors.empty());
    CHECK(bom.advisors.size() == 1);
}

TEST_CASE("the registration is in force, due for renewal or lapsed on the boundary days") {
    Advisor a;
    a.source = "registered";
    a.name = "見本";
    a.registered = dateOf("2020-04-01");
    a.lastCourse = dateOf("2023-06-01");  // the later date starts the 3-year period: due 2026-06-01
    const Date due = dateOf("2026-06-01");
    CHECK(standing(a, catalog(), addDays(due, -91)).registration == Registration::Valid);
    CHECK(standing(a, catalog(), addDays(due, -90)).registration == Registration::Due);
    CHECK(standing(a, catalog(), due).registration == Registration::Due);
    CHECK(standing(a, catalog(), addDays(due, 1)).registration == Registration::Lapsed);
    CHECK(standing(a, catalog(), due).registrationDue == due);
    // Without a course, the registration date starts it.
    a.lastCourse.reset();
    CHECK(standing(a, catalog(), dateOf("2023-04-02")).registration == Registration::Lapsed);
    CHECK(standing(a, catalog(), dateOf("2023-03-31")).registration == Registration::Due);
    a.registered.reset();
    CHECK(standing(a, catalog(), kToday).registration == Registration::None);
}

TEST_CASE("knowledge assurance follows the staff rules: a qualification in force, 3 years of experience, or a healthcare course") {
    Advisor a;
    a.source = "regional";
    a.name = "見本";
    CHECK_FALSE(standing(a, catalog(), kToday).knowledge);
    a.experienceYears = 2;
    CHECK_FALSE(standing(a, catalog(), kToday).knowledge);
    a.experienceYears = 3;
    CHECK(standing(a, catalog(), kToday).knowledge);
    CHECK(standing(a, catalog(), kToday).knowledgeBecause == std::vector<std::string>{"experience"});
    a.experienceYears = 0;
    // 医療情報技師 is renewed every 5 years: the date given is when it was obtained or last renewed.
    a.qualifications["hit"] = dateOf("2021-11-24");
    CHECK(standing(a, catalog(), dateOf("2026-11-24")).knowledge);
    CHECK_FALSE(standing(a, catalog(), dateOf("2026-11-25")).knowledge);
    a.qualifications.clear();
    a.courses.push_back("医療情報セキュリティ特定講習（架空）");
    CHECK(standing(a, catalog(), kToday).knowledgeBecause == std::vector<std::string>{"healthcare_course"});
    // A security qualification alone is security, not knowledge.
    a.courses.clear();
    a.qualifications["sg"] = dateOf("2015-01-01");
    CHECK(standing(a, catalog(), kToday).security);
    CHECK_FALSE(standing(a, catalog(), kToday).knowledge);
}

TEST_CASE("an entry not confirmed for a year is stale, from the day after") {
    Advisor a;
    a.confirmed = dateOf("2025-11-24");
    CHECK_FALSE(standing(a, catalog(), dateOf("2026-11-24")).stale);
    CHECK(standing(a, catalog(), dateOf("2026-11-25")).stale);
    a.confirmed.reset();
    CHECK(standing(a, catalog(), kToday).stale);
}

TEST_CASE("matching ranks by gap domains covered, then experience, and gives the reasons") {
    const auto all = sampleLists();
    const auto result = resultWithGaps();
    MatchOptions options;
    options.prefecture = "13";
    options.on = kToday;
    const auto m = match(result, all, catalog(), options);
    CHECK(m.gapDomains == std::vector<std::string>{"backup", "incident", "access", "vendors"});
    CHECK(m.considered == 13);
    CHECK(names(m) == std::vector<std::string>{"見本 八雲（架空）", "見本 一郎（架空）", "見本 九重（架空）", "架空県医療セキュリティ相談員 A（架空）",
                                               "見本 二美（架空）", "見本 四季（架空）", "見本 六花（架空）"});
    CHECK(m.candidates[0].covers.size() == 4);
    CHECK(m.candidates[2].covers.size() == 3);
    // Who was left out, and by what: knowledge (三郎, 七海), registration (五郎 lapsed, B none), the
    // prefecture (七海, B, 十和) and the route (MedCSC is not among the result's routes).
    CHECK(m.excludedBy.at("knowledge") == 2);
    CHECK(m.excludedBy.at("registration") == 2);
    CHECK(m.excludedBy.at("prefecture") == 3);
    CHECK(m.excludedBy.at("route") == 1);
    CHECK(m.mostExcluding.empty());

    const auto ichiro = reasonLines(m.candidates[1], catalog(), Lang::Ja);
    REQUIRE(ichiro.size() >= 5);
    CHECK(ichiro[0].find("4 つ") != std::string::npos);
    CHECK(ichiro[0].find("バックアップと復旧") != std::string::npos);
    CHECK(ichiro[1].find("インシデント対応計画と診療継続計画（BCP）") != std::string::npos);  // the menus that cover them
    CHECK(ichiro[1].find("スキル 1 件") != std::string::npos);  // incident; his network skill is not a gap here
    CHECK(ichiro[1].find("医療機器のセキュリティ") == std::string::npos);  // not a menu of his
    CHECK(ichiro[2].find("上級医療情報技師") != std::string::npos);
    CHECK(ichiro[3].find("有効") != std::string::npos);
    CHECK(ichiro[3].find("2028-06-20") != std::string::npos);
    // 四季's renewal is due within 90 days; 六花's entry is stale: both say so.
    const auto shiki = reasonLines(m.candidates[5], catalog(), Lang::En);
    CHECK(std::any_of(shiki.begin(), shiki.end(), [](const auto& l) { return l.find("renewal due by 2026-12-05") != std::string::npos; }));
    CHECK(std::any_of(shiki.begin(), shiki.end(), [](const auto& l) { return l.find("8 years") != std::string::npos; }));
    const auto rikka = reasonLines(m.candidates[6], catalog(), Lang::Ja);
    CHECK(rikka.back().find("2025-03-01 から確認されていません") != std::string::npos);
}

TEST_CASE("the filters: security only, without registration, on site, days") {
    const auto all = sampleLists();
    const auto result = resultWithGaps();
    MatchOptions options;
    options.prefecture = "13";
    options.on = kToday;
    options.securityOnly = true;
    const auto security = match(result, all, catalog(), options);
    // 三郎 (security only, serves nationwide) joins; 七海 still serves only Kyushu.
    CHECK(std::find(names(security).begin(), names(security).end(), "見本 三郎（架空）") != names(security).end());
    CHECK(security.candidates.size() == 8);

    options = {};
    options.prefecture = "14";  // 神奈川県
    options.on = kToday;
    options.requireRegistration = false;
    const auto unregistered = match(result, all, catalog(), options);
    const auto n = names(unregistered);
    CHECK(std::find(n.begin(), n.end(), "架空県医療セキュリティ相談員 B（架空）") != n.end());

    options = {};
    options.prefecture = "13";
    options.on = kToday;
    options.needOnSite = true;
    options.minDaysPerMonth = 4;
    const auto visits = match(result, all, catalog(), options);
    CHECK(names(visits) == std::vector<std::string>{"見本 一郎（架空）", "見本 九重（架空）", "架空県医療セキュリティ相談員 A（架空）"});
}

TEST_CASE("no match says which criterion excluded the most and what to do instead") {
    const auto all = sampleLists();
    const auto result = resultWithGaps();
    MatchOptions options;
    options.prefecture = "47";  // 沖縄県: nobody lists it, three serve nationwide (none visits)
    options.on = kToday;
    options.needOnSite = true;
    const auto m = match(result, all, catalog(), options);
    CHECK(m.candidates.empty());
    CHECK(m.mostExcluding == "prefecture");
    CHECK(m.excludedBy.at("prefecture") == 10);  // three serve nationwide
    REQUIRE(m.fallbacks.size() == 3);
    CHECK(m.fallbacks[1].advice.ja == "都道府県の医療担当部署に問い合わせる");
    const auto lines = noMatchLines(m, catalog(), Lang::Ja);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].find("13 人") != std::string::npos);
    CHECK(lines[0].find("施設のある都道府県を支援できる") != std::string::npos);
    CHECK(lines[1] == catalog().criterion("prefecture")->hint.ja);
    CHECK(lines[3].find("地域のアドバイザー") != std::string::npos);

    // An empty directory says so, with the routes' advice.
    const auto empty = match(result, {}, catalog(), options);
    CHECK(empty.mostExcluding.empty());
    const auto emptyLines = noMatchLines(empty, catalog(), Lang::En);
    CHECK(emptyLines[0].find("holds no advisors") != std::string::npos);
    CHECK(emptyLines.size() == 4);

    // A result that recommends no route searches every route, and says so.
    scoring::FacilityResult clear;
    const auto open = match(clear, all, catalog(), MatchOptions{std::nullopt, false, true, false, 0, kToday});
    CHECK_FALSE(open.routesFromResult);
    CHECK(open.routes.size() == 4);
    CHECK(open.excludedBy.at("route") == 0);
}

TEST_CASE("importing stores, re-importing changes nothing, an update replaces the entry, each audited") {
    test::TempDir dir;
    auto db = store::Database::open((dir / "kiosk.db").string());
    REQUIRE(db);
    store::AuditLog audit(*db);
    audit.setActor(store::Role::Admin);
    store::AdvisorStore advisorStore(*db, &audit);
    AdvisorService service(advisorStore, catalog());
    const auto file = (test::dataDir() / "advisors" / "registered.csv").string();

    auto first = service.importFile(file, false, std::nullopt, kToday);
    REQUIRE(first);
    CHECK(first->problems() == 0);
    CHECK(first->counts.added == 8);
    auto again = service.importFile(file, false, std::nullopt, kToday);
    REQUIRE(again);
    CHECK(again->counts.added == 0);
    CHECK(again->counts.unchanged == 8);
    CHECK(again->imported == 0);

    auto stored = service.advisors();
    REQUIRE(stored);
    REQUIRE(stored->size() == 8);
    // What was stored reads back as the list said it (the CSV of the store is the file's rows).
    const auto read = readAdvisorsCsv(test::readFile(file), catalog(), kToday);
    for (const auto& original : read.advisors) {
        auto it = std::find_if(stored->begin(), stored->end(), [&](const Advisor& a) { return a.key() == original.key(); });
        REQUIRE(it != stored->end());
        CHECK(writeAdvisorsCsv({*it}, catalog(), true) == writeAdvisorsCsv({original}, catalog(), true));
    }

    // A newer list changes one entry.
    std::string changed = test::readFile(file);
    const auto at = changed.find("2026-09-01");
    REQUIRE(at != std::string::npos);
    changed.replace(at, 10, "2026-11-20");
    auto update = service.importCsv(changed, "registered-2.csv", false, std::nullopt, kToday);
    REQUIRE(update);
    CHECK(update->counts.updated == 1);
    CHECK(update->counts.unchanged == 7);

    // A bad row stops the whole list, unless partial.
    const std::string bad = header() + row({{"source", "regional"}, {"name", "見本 壬（架空）"}}) +
                            row({{"source", "regional"}, {"name", "見本 癸（架空）"}, {"days_per_month", "99"}});
    auto refused = service.importCsv(bad, "bad.csv", false, std::nullopt, kToday);
    REQUIRE(refused);
    CHECK(refused->problems() == 1);
    CHECK(advisorStore.count().value() == 8);
    auto partial = service.importCsv(bad, "bad.csv", true, std::nullopt, kToday);
    REQUIRE(partial);
    CHECK(partial->counts.added == 1);
    CHECK(advisorStore.count().value() == 9);

    auto rows = audit.list();
    REQUIRE(rows);
    int imports = 0;
    for (const auto& r : *rows)
        if (r.event.event == "advisors.imported") {
            ++imports;
            CHECK(r.event.subject.size() == 64);  // the file's SHA-256
        }
    CHECK(imports == 4);  // first, again, update, partial; the refused import left nothing
    const auto last = nlohmann::json::parse(rows->back().event.details);
    CHECK(last.at("skipped") == 1);
    CHECK(last.at("file") == "bad.csv");

    CHECK(advisorStore.removeSource("regional").value() == 1);
    CHECK(advisorStore.count().value() == 8);
}

TEST_CASE("a leading facility publishes only the people who agreed, only their public fields") {
    skills::Person yes;
    yes.id = 1;
    yes.name = "見本 公開（架空）";
    yes.department = "医療情報部";
    yes.qualifications.push_back({"senior_hit", dateOf("2024-04-01"), std::nullopt, true});
    yes.qualifications.push_back({"rissa", dateOf("2023-10-01"), std::nullopt, true});
    // Obtained long ago, renewed since: due 2028-09-01, so the current period began 2023-09-01.
    yes.qualifications.push_back({"hit", dateOf("2013-09-01"), dateOf("2028-09-01"), true});
    skills::SkillSnapshot snap;
    snap.experienceYears = 9;
    snap.levels = {{"skill_bak_restore", 4}, {"skill_log_review", 2}};
    yes.latest = snap;
    skills::Person no = yes;
    no.id = 2;
    no.name = "見本 非公開（架空）";

    Publication publication;
    publication.affiliation = "架空大学病院";
    publication.prefecture = "13";
    publication.serves = {"13"};
    publication.sideWork = true;
    publication.confirmed = kToday;
    const auto published = publishPeople({yes, no}, {1}, catalog(), publication);
    REQUIRE(published.size() == 1);
    const auto& a = published[0];
    CHECK(a.name == "見本 公開（架空）");
    CHECK(a.source == "part_time");
    CHECK(a.registered == dateOf("2023-10-01"));
    CHECK(a.qualifications.count("senior_hit"));
    CHECK(a.qualifications.at("hit") == dateOf("2023-09-01"));
    CHECK(a.skills == std::vector<std::string>{"skill_bak_restore"});  // level 3 or above only
    CHECK(a.experienceYears == 9);
    CHECK(a.affiliation == "架空大学病院");
    // The published list reads back as a list, and says nothing of the department.
    const auto csv = writeAdvisorsCsv(published, catalog(), false);
    CHECK(csv.find("医療情報部") == std::string::npos);
    const auto back = readAdvisorsCsv(csv, catalog(), kToday);
    CHECK(back.errors.empty());
    REQUIRE(back.advisors.size() == 1);
    CHECK(standing(back.advisors[0], catalog(), kToday).knowledge);
}
