// The subcommands that move assessments between kiosks and other programs: export (CSV, JSON),
// import (a JSON export), and record (answers kept elsewhere, as a JSON answers file, stored as
// completed assessments and scored). What they change or write is audited as the system.
#include <fmt/format.h>

#include <unistd.h>

#include "app/cli.hpp"
#include "app/cli_common.hpp"
#include "export/export_service.hpp"
#include "export/json_bundle.hpp"
#include "export/report_builder.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/answers_file.hpp"
#include "scoring/recorder.hpp"
#include "skills/catalog.hpp"
#include "skills/service.hpp"
#include "store/audit_log.hpp"
#include "store/people_store.hpp"
#include "util/file.hpp"
#include "util/signing.hpp"

namespace kiosk::app {
namespace {

namespace fs = std::filesystem;

int fail(const std::string& message) {
    printError(message);
    return 1;
}

// A database this process may write (the file and its folder, for SQLite's journal).
bool writable(const fs::path& database) {
    const fs::path folder = database.has_parent_path() ? database.parent_path() : fs::path(".");
    return ::access(database.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

std::string rowsNote(std::int64_t rows) { return rows < 0 ? std::string() : fmt::format(" ({} row(s))", rows); }

}  // namespace

int runExport(const Paths& paths, const ExportOptions& options, Lang lang) {
    if (options.all == !options.assessment.empty()) return fail("export needs either --assessment UUID or --all");
    if (!exporting::findFormat(options.format))
        return fail(fmt::format("'{}' is not a format this kiosk writes; choose {}", options.format, exporting::formatNames()));
    std::error_code ec;
    if (!fs::exists(paths.database, ec)) return fail(fmt::format("no database at {} (give --db)", paths.database.string()));
    // An export is recorded in the audit log; a read-only copy (an auditor's) is exported all the same.
    const bool canRecord = writable(paths.database);
    auto db = store::Database::open(paths.database.string(), canRecord ? store::OpenMode::ReadWrite : store::OpenMode::ReadOnly,
                                    store::Integrity::Trusted);
    if (!db) return fail(db.error());

    const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
    std::optional<skills::SkillCatalog> skillCatalog;
    if (options.matrix) {
        auto loaded = skills::loadSkillCatalog(paths.questionnaires, catalog);
        for (const auto& d : loaded.diagnostics) fmt::print(stderr, "{}\n", d.format());
        if (!loaded.catalog) return fail("the skill matrix cannot be exported until these problems are fixed (medsec-kiosk validate)");
        skillCatalog = std::move(loaded.catalog);
    }
    // A facility bundle is signed with the kiosk's key, kept beside the database (made on first use).
    std::optional<SigningKey> key;
    if (options.format == "bundle") {
        auto loaded = loadOrCreateSigningKey(signingKeyPath(paths.database));
        if (!loaded) return fail(loaded.error());
        key = *loaded;
    }
    exporting::ReportRequest request{options.assessment, options.from, options.to, lang, options.matrix};
    store::AuditLog audit(*db);
    audit.setActor(store::Role::System);
    auto outcome = exporting::exportDatabase(*db, &audit, request, {&catalog.domains, skillCatalog ? &*skillCatalog : nullptr, key ? &*key : nullptr},
                                             {options.format, options.out, options.force});
    if (!outcome) return fail(outcome.error());
    for (const auto& file : outcome->files) fmt::print("wrote {}{}\n", file.path.string(), rowsNote(file.rows));
    fmt::print("exported {} assessment(s) as {}\n", outcome->assessments, options.format);
    if (!outcome->recorded)
        fmt::print(stderr, "note: {} is read-only, so this export is not recorded in its audit log\n", paths.database.string());
    return 0;
}

int runImport(const Paths& paths, const std::string& file) {
    const auto text = readFile(file);
    if (!text) return fail(text.error());
    auto db = openOrCreate(paths);
    if (!db) return fail(db.error());
    store::AuditLog audit(*db);
    audit.setActor(store::Role::System);
    auto summary = exporting::importBundle(*db, &audit, *text);
    if (!summary) return fail(fmt::format("{}: {}; nothing was imported", file, summary.error()));
    if (summary->imported.empty()) {
        fmt::print("nothing new: the {} assessment(s) in {} are already in {}\n", summary->present.size(), file,
                   paths.database.string());
        return 0;
    }
    for (const auto& uuid : summary->imported) fmt::print("imported {}\n", uuid);
    fmt::print("imported {} assessment(s) from {} into {} ({} questionnaire text(s) added", summary->imported.size(), file,
               paths.database.string(), summary->questionnaires);
    if (!summary->present.empty()) fmt::print("; {} already there were left as they are", summary->present.size());
    fmt::print(")\n");
    return 0;
}

int runRecord(const Paths& paths, const std::string& file, Lang lang) {
    const auto catalog = questionnaire::loadCatalog(paths.questionnaires);
    auto policy = scoring::loadPolicy(paths.questionnaires, catalog);
    if (!policy.policy) {
        for (const auto& d : policy.diagnostics) fmt::print(stderr, "{}\n", d.format());
        return fail("the scoring rules have problems; fix them (medsec-kiosk validate) and try again");
    }
    const auto text = readFile(file);
    if (!text) return fail(text.error());
    auto skillCatalog = skills::loadSkillCatalog(paths.questionnaires, catalog);
    auto parsed = scoring::parseAnswersFile(*text, catalog, skillCatalog.catalog ? &*skillCatalog.catalog : nullptr);
    if (!parsed) return fail(fmt::format("{}: {}", file, parsed.error()));

    auto db = openOrCreate(paths);
    if (!db) return fail(db.error());
    store::AuditLog audit(*db);
    audit.setActor(store::Role::System);
    store::PeopleStore people(*db);
    std::optional<skills::SkillService> matrix;
    if (skillCatalog.catalog) matrix.emplace(people, *skillCatalog.catalog);
    auto recorded = scoring::recordAnswers(*db, catalog, *policy.policy, *parsed, lang, &audit, matrix ? &*matrix : nullptr);
    if (!recorded) return fail(fmt::format("{}: {}; nothing was stored", file, recorded.error()));
    fmt::print("profile {}\nmeasures {}\ndecision {}\n", recorded->profile, recorded->measures,
               scoring::decisionName(recorded->result.decision));
    return 0;
}

}  // namespace kiosk::app
