// advisors import | list | match | export | publish | consent: the external-advisor directory from
// the command line. Changes are audited as the system (the machine's command line).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "advisors/service.hpp"
#include "app/cli.hpp"
#include "app/cli_common.hpp"
#include "assessment/service.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/result.hpp"
#include "skills/catalog.hpp"
#include "skills/service.hpp"
#include "store/advisor_store.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/people_store.hpp"
#include "store/result_store.hpp"
#include "util/file.hpp"

namespace kiosk::app {
namespace {


// The catalogues the directory works from, or the problems printed and nothing.
struct Catalogs {
    questionnaire::Catalog questionnaires;
    skills::SkillCatalog skills;
    advisors::AdvisorCatalog advisors;
};

std::optional<Catalogs> loadCatalogs(const Paths& paths) {
    Catalogs c;
    c.questionnaires = questionnaire::loadCatalog(paths.questionnaires);
    auto skills = skills::loadSkillCatalog(paths.questionnaires, c.questionnaires);
    for (const auto& d : skills.diagnostics) fmt::print(stderr, "{}\n", d.format());
    if (!skills.catalog) return printError("the advisor directory needs the qualifications catalogue (medsec-kiosk validate)"), std::nullopt;
    c.skills = std::move(*skills.catalog);
    auto directory = advisors::loadAdvisorCatalog(paths.questionnaires, c.skills, c.questionnaires.domains);
    for (const auto& d : directory.diagnostics) fmt::print(stderr, "{}\n", d.format());
    if (!directory.catalog) return printError("the advisor directory's settings have problems (medsec-kiosk validate)"), std::nullopt;
    c.advisors = std::move(*directory.catalog);
    return c;
}

std::string dateText(const std::optional<skills::Date>& d) { return d ? skills::formatDate(*d) : std::string(); }

// The day statuses are judged on: the one given (planning ahead, or a reproducible check), or today.
std::optional<skills::Date> judgedOn(const std::optional<std::string>& on) {
    if (!on) return skills::today();
    if (auto d = skills::parseDate(*on)) return d;
    printError(fmt::format("--on '{}' is not a date; write YYYY-MM-DD", *on));
    return std::nullopt;
}

nlohmann::json advisorJson(const advisors::Advisor& a, const advisors::AdvisorStanding& st, bool withContact) {
    nlohmann::json j{{"source", a.source},
                     {"name", a.name},
                     {"registration_number", a.registrationNumber},
                     {"registration_date", dateText(a.registered)},
                     {"last_course_date", dateText(a.lastCourse)},
                     {"registration", std::string(advisors::registrationName(st.registration))},
                     {"registration_due", dateText(st.registrationDue)},
                     {"knowledge", st.knowledge},
                     {"knowledge_because", st.knowledgeBecause},
                     {"security", st.security},
                     {"stale", st.stale},
                     {"experience_years", a.experienceYears},
                     {"experience_kind", std::string(advisors::experienceKindName(a.experienceKind))},
                     {"prefecture", a.prefecture},
                     {"serves", a.serves},
                     {"support_mode", std::string(advisors::supportModeName(a.mode))},
                     {"menus", a.menus},
                     {"skills", a.skills},
                     {"affiliation", a.affiliation},
                     {"confirmed_date", dateText(a.confirmed)}};
    j["days_per_month"] = a.daysPerMonth ? nlohmann::json(*a.daysPerMonth) : nlohmann::json(nullptr);
    j["side_work"] = a.sideWork ? nlohmann::json(*a.sideWork) : nlohmann::json(nullptr);
    nlohmann::json qualifications = nlohmann::json::object();
    for (const auto& [id, d] : a.qualifications) qualifications[id] = skills::formatDate(d);
    j["qualifications"] = qualifications;
    if (withContact) j["contact"] = a.contact;
    return j;
}

}  // namespace

int runAdvisorsImport(const Paths& paths, const AdvisorImportOptions& options) {
    auto catalogs = loadCatalogs(paths);
    if (!catalogs) return 1;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(options.file, ec)) return printError(fmt::format("cannot read {}", options.file)), 1;
    auto db = openOrCreate(paths);
    if (!db) return printError(db.error()), 1;
    store::AuditLog audit(*db);
    audit.setActor(store::Role::System);
    store::AdvisorStore directory(*db, &audit);
    advisors::AdvisorService service(directory, catalogs->advisors);
    auto report = service.importFile(options.file, options.partial, options.source, skills::today());
    if (!report) return printError(report.error()), 1;
    for (const auto& e : report->errors) fmt::print(stderr, "{}: {}\n", options.file, e.format());
    if (report->errorsNotListed > 0) fmt::print(stderr, "{}: … and {} more problem(s) not listed\n", options.file, report->errorsNotListed);
    const int written = report->counts.added + report->counts.updated + report->counts.unchanged;
    if (written == 0) {
        // --partial helps only a list with good rows beside the bad ones.
        const bool goodRows = report->rows > report->problems();
        fmt::print(stderr, "medsec-kiosk: {} problem(s) in {}; nothing was imported{}\n", report->problems(), options.file,
                   options.partial || !goodRows ? "" : " (use --partial to import the good rows)");
        return 1;
    }
    fmt::print("imported {} of {} advisor(s) from {} ({} new, {} updated, {} unchanged)\n", written, report->rows, options.file,
               report->counts.added, report->counts.updated, report->counts.unchanged);
    if (report->problems() > 0) {
        fmt::print(stderr, "medsec-kiosk: {} problem(s) left rows out (listed above)\n", report->problems());
        return 2;
    }
    return 0;
}

int runAdvisorsList(const Paths& paths, bool json, bool withContact, const std::optional<std::string>& on) {
    const auto day = judgedOn(on);
    if (!day) return 1;
    auto catalogs = loadCatalogs(paths);
    if (!catalogs) return 1;
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    store::AdvisorStore directory(*db);
    auto list = directory.list();
    if (!list) return printError(list.error()), 1;
    const auto today = *day;
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& a : *list) out.push_back(advisorJson(a, advisors::standing(a, catalogs->advisors, today), withContact));
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    if (list->empty()) {
        fmt::print("the directory holds no advisors; import a list with: medsec-kiosk advisors import FILE.csv\n");
        return 0;
    }
    fmt::print("{:<10} {:<8} {:<8} {:<10} {:<5} {:<9} {}\n", "source", "number", "reg.", "due", "know.", "pref.", "name");
    for (const auto& a : *list) {
        const auto st = advisors::standing(a, catalogs->advisors, today);
        const auto* pref = catalogs->advisors.prefectureByCode(a.prefecture);
        fmt::print("{:<10} {:<8} {:<8} {:<10} {:<5} {:<9} {}{}{}\n", a.source, a.registrationNumber.empty() ? "-" : a.registrationNumber,
                   advisors::registrationName(st.registration), st.registrationDue ? skills::formatDate(*st.registrationDue) : "-",
                   st.knowledge ? "yes" : "no", pref ? pref->code : "-", a.name, st.stale ? "  (to be confirmed)" : "",
                   withContact && !a.contact.empty() ? "  <" + a.contact + ">" : "");
    }
    fmt::print("{} advisor(s)\n", list->size());
    return 0;
}

int runAdvisorsMatch(const Paths& paths, const AdvisorMatchOptions& options, Lang lang) {
    const auto day = judgedOn(options.on);
    if (!day) return 1;
    auto catalogs = loadCatalogs(paths);
    if (!catalogs) return 1;
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    std::string uuid = options.result;
    store::ResultStore results(*db);
    std::optional<store::StoredResult> stored;
    if (uuid == "latest") {
        auto latest = results.latest();
        if (!latest) return printError(latest.error()), 1;
        stored = std::move(*latest);
        if (!stored) return printError("no result is stored yet; complete a security-measures assessment first"), 1;
    } else {
        store::AssessmentStore assessments(*db);
        auto record = assessments.get(uuid);
        if (!record) return printError(record.error()), 1;
        auto got = results.get(record->uuid);
        if (!got) return printError(got.error()), 1;
        stored = std::move(*got);
        if (!stored) return printError(fmt::format("assessment {} has no result (only a completed security-measures assessment has one)",
                                                   record->uuid)),
                            1;
    }
    auto result = scoring::fromJson(stored->json);
    if (!result) return printError(fmt::format("the result of {} cannot be read: {}", stored->assessmentUuid, result.error())), 1;

    advisors::MatchOptions match;
    match.on = *day;
    if (options.prefecture) {
        const auto* p = catalogs->advisors.findPrefecture(*options.prefecture);
        if (!p) return printError(fmt::format("'{}' is not a prefecture; give its name (東京都) or its code (13)", *options.prefecture)), 1;
        match.prefecture = p->code;
    }
    match.securityOnly = options.securityOnly;
    match.requireRegistration = !options.anyRegistration;
    match.needOnSite = options.onSite;
    match.minDaysPerMonth = options.days;

    store::AdvisorStore directory(*db);
    advisors::AdvisorService service(directory, catalogs->advisors);
    std::vector<advisors::Advisor> storage;
    auto m = service.match(*result, match, storage);
    if (!m) return printError(m.error()), 1;

    if (options.json) {
        nlohmann::json out{{"result", stored->assessmentUuid},
                           {"decision", result->decisionName.get(lang)},
                           {"gap_domains", m->gapDomains},
                           {"routes", m->routes},
                           {"routes_from_result", m->routesFromResult},
                           {"considered", m->considered},
                           {"excluded_by", m->excludedBy},
                           {"most_excluding", m->mostExcluding}};
        nlohmann::json candidates = nlohmann::json::array();
        int rank = 0;
        for (const auto& c : m->candidates) {
            auto j = advisorJson(*c.advisor, c.standing, options.contact);
            j["rank"] = ++rank;
            j["route"] = c.route;
            nlohmann::json covers = nlohmann::json::array();
            for (const auto& cov : c.covers) covers.push_back({{"domain", cov.domain}, {"menus", cov.menus}, {"skills", cov.skills}});
            j["covers"] = covers;
            j["reasons"] = advisors::reasonLines(c, catalogs->advisors, lang);
            candidates.push_back(std::move(j));
        }
        out["candidates"] = candidates;
        out["advice"] = m->candidates.empty() ? advisors::noMatchLines(*m, catalogs->advisors, lang) : std::vector<std::string>{};
        fmt::print("{}\n", out.dump(2));
        return 0;
    }

    const bool ja = lang == Lang::Ja;
    std::string gaps;
    for (const auto& d : m->gapDomains)
        if (const auto* domain = catalogs->advisors.domain(d)) gaps += (gaps.empty() ? "" : ja ? "、" : ", ") + domain->name.get(lang);
    fmt::print("{}  {}\n", ja ? "結果" : "result", stored->assessmentUuid);
    fmt::print("{}  {}\n", ja ? "判断" : "decision", result->decisionName.get(lang));
    fmt::print("{}  {}\n", ja ? "欠けている分野" : "gap domains", gaps.empty() ? "-" : gaps);
    if (!m->routesFromResult) fmt::print("{}\n", ja ? "（結果は外部人材を勧めていないため、すべての探し方から探しました）"
                                                  : "(the result recommends no route, so every route was searched)");
    fmt::print("\n");
    if (m->candidates.empty()) {
        for (const auto& line : advisors::noMatchLines(*m, catalogs->advisors, lang)) fmt::print("{}\n", line);
        return 0;
    }
    int rank = 0;
    for (const auto& c : m->candidates) {
        const auto* source = catalogs->advisors.source(c.advisor->source);
        fmt::print("{}. {}  [{}]\n", ++rank, c.advisor->name, source ? source->name.get(lang) : c.advisor->source);
        for (const auto& line : advisors::reasonLines(c, catalogs->advisors, lang)) fmt::print("   {}\n", line);
        if (options.contact && !c.advisor->contact.empty()) fmt::print("   {}: {}\n", ja ? "連絡先" : "contact", c.advisor->contact);
    }
    fmt::print("\n{}\n", ja ? fmt::format("候補 {} 人（名簿 {} 人）", m->candidates.size(), m->considered)
                            : fmt::format("{} candidate(s) of {} advisor(s)", m->candidates.size(), m->considered));
    return 0;
}

int runAdvisorsExport(const Paths& paths, const std::string& file, bool withContact) {
    auto catalogs = loadCatalogs(paths);
    if (!catalogs) return 1;
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    store::AdvisorStore directory(*db);
    advisors::AdvisorService service(directory, catalogs->advisors);
    auto csv = service.exportCsv(withContact);
    if (!csv) return printError(csv.error()), 1;
    if (file == "-") {
        fmt::print("{}", *csv);
        return 0;
    }
    if (auto s = writeFileAtomically(file, *csv); !s) return printError(s.error()), 1;
    fmt::print("exported the advisor directory to {}\n", file);
    return 0;
}

int runAdvisorsPublish(const Paths& paths, const AdvisorPublishOptions& options) {
    auto catalogs = loadCatalogs(paths);
    if (!catalogs) return 1;
    const auto* pref = catalogs->advisors.findPrefecture(options.prefecture);
    if (!pref) return printError(fmt::format("'{}' is not a prefecture; give its name (東京都) or its code (13)", options.prefecture)), 1;
    if (auto problem = skills::personTextProblem(options.affiliation); problem || options.affiliation.empty())
        return printError(fmt::format("the affiliation (the facility's name) {}", problem ? *problem : "is required")), 1;
    advisors::Publication publication;
    publication.affiliation = options.affiliation;
    publication.prefecture = pref->code;
    publication.serves = {pref->code};
    std::vector<std::string> served;
    for (std::size_t start = 0; start <= options.serves.size();) {
        auto end = options.serves.find(';', start);
        if (end == std::string::npos) end = options.serves.size();
        if (auto item = skills::trimPersonText(options.serves.substr(start, end - start)); !item.empty()) served.push_back(item);
        start = end + 1;
    }
    for (const auto& s : served) {
        if (s == advisors::kNationwide || s == "全国") {
            publication.serves.emplace_back(advisors::kNationwide);
        } else if (const auto* p = catalogs->advisors.findPrefecture(s)) {
            publication.serves.push_back(p->code);
        } else {
            return printError(fmt::format("'{}' (--serves) is not a prefecture", s)), 1;
        }
    }
    if (options.sideWork) {
        if (*options.sideWork == "yes") publication.sideWork = true;
        else if (*options.sideWork == "no") publication.sideWork = false;
        else return printError("--side-work takes yes or no"), 1;
    }
    if (options.days) publication.daysPerMonth = *options.days;
    if (options.mode) {
        auto mode = advisors::parseSupportMode(*options.mode);
        if (!mode) return printError("--mode takes onsite, remote or both"), 1;
        publication.mode = *mode;
    }
    publication.contact = options.contact;
    publication.confirmed = skills::today();

    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    store::PeopleStore people(*db);
    skills::SkillService skillService(people, catalogs->skills);
    auto everyone = skillService.people();
    if (!everyone) return printError(everyone.error()), 1;
    store::AdvisorStore directory(*db);
    auto consenting = directory.directoryConsent();
    if (!consenting) return printError(consenting.error()), 1;
    const auto published = advisors::publishPeople(*everyone, *consenting, catalogs->advisors, publication);
    if (published.empty())
        return printError("nobody has agreed to appear in the directory (medsec-kiosk advisors consent PERSON_ID yes); nothing was written"), 1;
    const auto csv = advisors::writeAdvisorsCsv(published, catalogs->advisors, true);
    if (options.out == "-") {
        fmt::print("{}", csv);
        return 0;
    }
    if (auto s = writeFileAtomically(options.out, csv); !s) return printError(s.error()), 1;
    fmt::print("published {} of {} people to {} (only those who agreed, only their public fields)\n", published.size(), everyone->size(),
               options.out);
    return 0;
}

int runAdvisorsConsent(const Paths& paths, std::int64_t personId, const std::string& answer) {
    if (answer != "yes" && answer != "no") return printError("consent takes yes or no"), 1;
    auto db = openOrCreate(paths);
    if (!db) return printError(db.error()), 1;
    store::AuditLog audit(*db);
    audit.setActor(store::Role::System);
    store::AdvisorStore directory(*db, &audit);
    if (auto s = directory.setDirectoryConsent(personId, answer == "yes"); !s) return printError(s.error()), 1;
    fmt::print("person {} {} in the published directory\n", personId, answer == "yes" ? "agreed to appear" : "no longer appears");
    return 0;
}

}  // namespace kiosk::app
