// The subcommands: validate, list, show, discard, score, people import and export, admin reset-pin,
// audit verify and list. What they change is audited as the system (the machine's command line).
#include "app/cli.hpp"
#include "app/cli_common.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "advisors/model.hpp"
#include "assessment/service.hpp"
#include "auth/auth_service.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/engine.hpp"
#include "scoring/service.hpp"
#include "skills/catalog.hpp"
#include "skills/service.hpp"
#include "store/people_store.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/result_store.hpp"
#include "store/database.hpp"
#include "util/file.hpp"

namespace kiosk::app {
namespace {


// The audit log of the command line: its changes are the machine's, not a kiosk role's.
store::AuditLog systemAudit(store::Database& db) {
    store::AuditLog audit(db);
    audit.setActor(store::Role::System);
    return audit;
}

}  // namespace

void printError(const std::string& message) { fmt::print(stderr, "medsec-kiosk: {}\n", message); }

Result<store::Database> openExisting(const Paths& paths) {
    std::error_code ec;
    if (!std::filesystem::exists(paths.database, ec))
        return Error{fmt::format("no database at {} (start the kiosk once, or give --db)", paths.database.string())};
    return store::Database::open(paths.database.string(), store::OpenMode::ReadOnly);
}

Result<store::Database> openOrCreate(const Paths& paths) {
    std::error_code ec;
    if (paths.database.has_parent_path()) std::filesystem::create_directories(paths.database.parent_path(), ec);
    return store::Database::open(paths.database.string());
}

int runValidate(const std::filesystem::path& dir) {
    auto catalog = questionnaire::loadCatalog(dir);
    // The scoring rules are checked when the folder has them (a folder of test questionnaires may not).
    std::error_code ec;
    const bool hasPolicy = std::filesystem::exists(dir / "tiers.toml", ec) || std::filesystem::exists(dir / "recommendation.toml", ec);
    if (hasPolicy) {
        auto policy = scoring::loadPolicy(dir, catalog);
        catalog.filesRead += 2;
        for (auto& d : policy.diagnostics) catalog.diagnostics.push_back(std::move(d));
    }
    const bool hasQualifications = std::filesystem::exists(dir / "qualifications.toml", ec);
    const bool hasAdvisors = std::filesystem::exists(dir / "advisors.toml", ec);
    if (hasQualifications) {
        auto skills = skills::loadSkillCatalog(dir, catalog);
        ++catalog.filesRead;
        for (auto& d : skills.diagnostics) catalog.diagnostics.push_back(std::move(d));
        // The advisor directory builds on the qualifications and skills.
        if (hasAdvisors && skills.catalog) {
            auto directory = advisors::loadAdvisorCatalog(dir, *skills.catalog, catalog.domains);
            ++catalog.filesRead;
            for (auto& d : directory.diagnostics) catalog.diagnostics.push_back(std::move(d));
        }
    }
    // Warnings (entries skipped without reading) do not fail validation, but are never silent.
    for (const auto& w : catalog.warnings) fmt::print(stderr, "warning: {}\n", w.format());
    for (const auto& d : catalog.diagnostics) fmt::print(stderr, "{}\n", d.format());
    if (!catalog.diagnostics.empty()) {
        fmt::print(stderr, "{} problem(s) in {}; {} of {} questionnaire file(s) are valid\n", catalog.diagnostics.size(),
                   dir.string(), catalog.questionnaires.size(), catalog.questionnaireFiles);
        return 1;
    }
    for (const auto& q : catalog.questionnaires)
        fmt::print("ok  {:<22} {:<8} {:>3} questions  {}\n", q.id, q.version, q.questions.size(), q.file);
    if (hasPolicy) fmt::print("ok  tier and recommendation rules (tiers.toml, recommendation.toml)\n");
    if (hasQualifications) fmt::print("ok  qualifications and skill-matrix settings (qualifications.toml)\n");
    if (hasQualifications && hasAdvisors) fmt::print("ok  advisor directory settings (advisors.toml)\n");
    fmt::print("{} questionnaire(s) valid in {}\n", catalog.questionnaires.size(), dir.string());
    return 0;
}

int runList(const Paths& paths, const std::string& status) {
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    const std::optional<store::AssessmentStatus> filter = store::parseStatus(status);  // "all": none
    store::AssessmentStore assessments(*db);
    auto records = assessments.list(filter);
    if (!records) return printError(records.error()), 1;
    if (records->empty()) {
        fmt::print("no assessments in {}\n", paths.database.string());
        return 0;
    }
    fmt::print("{:<36}  {:<11}  {:<20} {:<8} {:>7}  {}\n", "uuid", "status", "questionnaire", "version", "answers", "updated");
    for (const auto& r : *records)
        fmt::print("{:<36}  {:<11}  {:<20} {:<8} {:>7}  {}\n", r.uuid, store::statusName(r.status), r.questionnaireId,
                   r.questionnaireVersion, r.answerCount, r.updatedAt);
    return 0;
}

int runShow(const Paths& paths, const std::string& uuid, Lang lang) {
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
    store::AssessmentStore assessments(*db);
    assessment::AssessmentService service(assessments, catalog);
    auto active = service.open(uuid);
    if (!active) return printError(active.error()), 1;

    const auto& q = active->session.questionnaire();
    const auto& r = active->record;
    fmt::print("{}\n", q.title.get(lang));
    fmt::print("assessment  {}\nquestionnaire  {} {} (sha256 {})\nstatus  {}\nstarted  {}\nupdated  {}\n", r.uuid, q.id, q.version,
               r.contentHash.substr(0, 16), store::statusName(r.status), r.createdAt, r.updatedAt);
    if (r.completedAt) fmt::print("completed  {}\n", *r.completedAt);

    std::string section;
    for (int i = 0; i < active->session.questionCount(); ++i) {
        const auto& question = active->session.question(i);
        if (question.section != section) {
            section = question.section;
            const auto* s = q.findSection(section);
            fmt::print("\n## {}\n", s ? s->title.get(lang) : section);
        }
        const auto* a = active->session.answer(question.id);
        std::string shown;
        if (!active->session.isVisible(i)) shown = lang == Lang::Ja ? "（対象外）" : "(not applicable here)";
        else if (!a) shown = lang == Lang::Ja ? "（未回答）" : "(unanswered)";
        else shown = assessment::describeAnswer(question, *a, lang);
        fmt::print("{}  {}\n    {}\n", question.id, question.text.get(lang), shown);
    }
    const auto p = active->session.progress(-1);
    fmt::print("\n{} of {} applicable questions answered\n", p.answered, p.total);
    return 0;
}

int runDiscard(const Paths& paths, const std::string& uuid) {
    std::error_code ec;
    if (!std::filesystem::exists(paths.database, ec))
        return printError(fmt::format("no database at {} (give --db)", paths.database.string())), 1;
    auto db = store::Database::open(paths.database.string());
    if (!db) return printError(db.error()), 1;
    const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
    store::AssessmentStore assessments(*db);
    auto audit = systemAudit(*db);
    assessment::AssessmentService service(assessments, catalog, &audit);
    auto discarded = service.discard(uuid);
    if (!discarded) return printError(discarded.error()), 1;
    fmt::print("discarded assessment {} ({} {}, {} answer(s) kept); it is no longer offered to continue\n", discarded->uuid,
               discarded->questionnaireId, discarded->questionnaireVersion, discarded->answerCount);
    return 0;
}

int runScore(const Paths& paths, const ScoreOptions& options, Lang lang) {
    if (options.uuid.empty() == options.answersFile.empty()) return printError("score needs either an assessment UUID or --answers FILE"), 1;
    const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
    auto policy = scoring::loadPolicy(paths.questionnaires, catalog);
    if (!policy.policy) {
        for (const auto& d : policy.diagnostics) fmt::print(stderr, "{}\n", d.format());
        return printError("the scoring rules have problems; fix them (medsec-kiosk validate) and try again"), 1;
    }

    scoring::FacilityResult result;
    if (!options.answersFile.empty()) {
        const auto text = readFile(options.answersFile);
        if (!text) return printError(text.error()), 1;
        auto skillCatalog = skills::loadSkillCatalog(paths.questionnaires, catalog);
        const skills::SkillCatalog* skills = skillCatalog.catalog ? &*skillCatalog.catalog : nullptr;
        auto parsed = scoring::parseAnswersFile(*text, catalog, skills);
        if (!parsed) return printError(fmt::format("{}: {}", options.answersFile, parsed.error())), 1;
        result = scoring::evaluate(*policy.policy, catalog, scoring::facilityInput(*parsed, skills));
    } else {
        auto db = openExisting(paths);
        if (!db) return printError(db.error()), 1;
        store::AssessmentStore assessments(*db);
        store::ResultStore results(*db);
        assessment::AssessmentService service(assessments, catalog);
        scoring::ScoringService scoring(service, results, catalog, &*policy.policy);
        store::PeopleStore peopleStore(*db);
        auto skillCatalog = skills::loadSkillCatalog(paths.questionnaires, catalog);
        std::optional<skills::SkillService> skillService;
        if (skillCatalog.catalog) {
            skillService.emplace(peopleStore, *skillCatalog.catalog);
            scoring.useSkillMatrix(&*skillService);
        }
        auto scored = scoring.resultFor(options.uuid, options.profileUuid.empty() ? std::nullopt : std::optional(options.profileUuid));
        if (!scored) return printError(scored.error()), 1;
        result = std::move(*scored);
    }
    if (options.json) fmt::print("{}\n", scoring::toJson(result));
    else fmt::print("{}", scoring::toText(result, lang));
    return 0;
}

namespace {

// The skill catalogue, or a printed reason why it cannot be loaded.
std::optional<skills::SkillCatalog> skillCatalogFor(const Paths& paths) {
    const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
    auto loaded = skills::loadSkillCatalog(paths.questionnaires, catalog);
    for (const auto& d : loaded.diagnostics) fmt::print(stderr, "{}\n", d.format());
    if (!loaded.catalog) printError("the skill matrix cannot be used until these problems are fixed (medsec-kiosk validate)");
    return std::move(loaded.catalog);
}

}  // namespace

int runPeopleImport(const Paths& paths, const std::string& file, bool partial, bool replace) {
    auto skillCatalog = skillCatalogFor(paths);
    if (!skillCatalog) return 1;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return printError(fmt::format("cannot read {}", file)), 1;
    if (paths.database.has_parent_path()) std::filesystem::create_directories(paths.database.parent_path(), ec);
    auto db = store::Database::open(paths.database.string());
    if (!db) return printError(db.error()), 1;
    auto audit = systemAudit(*db);
    store::PeopleStore people(*db, &audit);
    skills::SkillService service(people, *skillCatalog);
    auto report = service.importFile(file, partial, replace ? skills::ImportMode::Replace : skills::ImportMode::Merge);
    if (!report) return printError(report.error()), 1;
    for (const auto& e : report->errors) fmt::print(stderr, "{}: {}\n", file, e.format());
    if (report->errorsNotListed > 0) fmt::print(stderr, "{}: … and {} more problem(s) not listed\n", file, report->errorsNotListed);
    if (report->problems() > 0 && !partial) {
        fmt::print(stderr, "medsec-kiosk: {} problem(s) in {}; nothing was imported (use --partial to import the good rows)\n",
                   report->problems(), file);
        return 1;
    }
    fmt::print("imported {} of {} people from {} ({} new, {} updated)\n", report->imported, report->rows, file, report->added,
               report->imported - report->added);
    if (report->problems() > 0) {
        fmt::print(stderr, "medsec-kiosk: {} problem(s) left rows out (listed above)\n", report->problems());
        return 2;
    }
    return 0;
}

int runPeopleExport(const Paths& paths, const std::string& file) {
    auto skillCatalog = skillCatalogFor(paths);
    if (!skillCatalog) return 1;
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    store::PeopleStore people(*db);
    skills::SkillService service(people, *skillCatalog);
    if (file == "-") {
        auto csv = service.exportCsv();
        if (!csv) return printError(csv.error()), 1;
        fmt::print("{}", *csv);
        return 0;
    }
    if (auto s = service.exportFile(file); !s) return printError(s.error()), 1;
    fmt::print("exported people to {}\n", file);
    return 0;
}

int runAdminResetPin(const Paths& paths, const std::string& roleName) {
    const auto role = store::parseRole(roleName);
    if (!role || *role == store::Role::Staff || *role == store::Role::System)
        return printError(fmt::format("'{}' is not a role with a PIN; choose trainer, auditor or admin", roleName)), 1;
    std::error_code ec;
    if (!std::filesystem::exists(paths.database, ec))
        return printError(fmt::format("no database at {} (give --db)", paths.database.string())), 1;
    auto db = store::Database::open(paths.database.string());
    if (!db) return printError(db.error()), 1;
    auto audit = systemAudit(*db);
    auth::AuthService auth(*db, audit);
    if (auto s = auth.resetPin(*role); !s) return printError(s.error()), 1;
    fmt::print("reset the {} PIN in {}: its failed attempts and lock are cleared; {}\n", roleName, paths.database.string(),
               *role == store::Role::Admin ? "the kiosk asks for a new admin PIN before any protected screen opens"
                                           : "the admin sets a new one at the kiosk");
    return 0;
}

int runAuditVerify(const Paths& paths) {
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    store::AuditLog audit(*db);
    auto rows = audit.count();
    if (!rows) return printError(rows.error()), 1;
    auto broken = audit.verify();
    if (!broken) return printError(broken.error()), 1;
    if (*broken) {
        fmt::print("row {}: {}\n", (*broken)->seq, (*broken)->reason);
        printError(fmt::format("the audit log in {} does not verify: {} row(s), the chain breaks at row {}", paths.database.string(), *rows,
                               (*broken)->seq));
        return 1;
    }
    auto head = audit.head();
    if (!head) return printError(head.error()), 1;
    fmt::print("chain intact, {} rows, head {}\n", *rows, *head);
    return 0;
}

namespace {

// A field on one tab-separated line: a tab or line break inside it (which only an edited file
// can hold) becomes a space.
std::string field(std::string text) {
    for (char& c : text)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return text;
}

}  // namespace

int runAuditList(const Paths& paths, const AuditListOptions& options) {
    auto db = openExisting(paths);
    if (!db) return printError(db.error()), 1;
    store::AuditLog audit(*db);
    auto rows = audit.list({options.from, options.to, options.event});
    if (!rows) return printError(rows.error()), 1;
    fmt::print("seq\tat\trole\tevent\tsubject\tdetails\n");
    for (const auto& r : *rows)
        fmt::print("{}\t{}\t{}\t{}\t{}\t{}\n", r.seq, field(r.at), store::roleName(r.role), field(r.event.event), field(r.event.subject),
                   field(r.event.details));
    return 0;
}

}  // namespace kiosk::app
