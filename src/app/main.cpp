// medsec-kiosk: the kiosk (no subcommand) and its command-line tools.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "app/cli.hpp"
#include "app/kiosk.hpp"
#include "util/paths.hpp"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.0.0"
#endif
#ifndef KIOSK_SOURCE_DIR
#define KIOSK_SOURCE_DIR "."
#endif
#ifndef KIOSK_DEFAULT_FONT
#define KIOSK_DEFAULT_FONT "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#endif

namespace {

namespace fs = std::filesystem;

// Bundled content: next to an installed binary (../share/medsec-kiosk/NAME), else the source tree.
fs::path bundled(const std::string& name) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "medsec-kiosk" / name;
        if (fs::is_directory(installed, ec)) return installed;
    }
    return fs::path(KIOSK_SOURCE_DIR) / name;
}

// The build's subset of the default font (scripts/font-subset.py): installed beside the content,
// else in the build tree; none when the build made none.
fs::path fontSubset() {
#ifdef KIOSK_FONT_SUBSET_BUILT
    std::error_code ec;
    const fs::path built = KIOSK_FONT_SUBSET_BUILT;
    const fs::path installed = bundled("fonts") / built.filename();
    if (fs::is_regular_file(installed, ec)) return installed;
    if (fs::is_regular_file(built, ec)) return built;
#endif
    return {};
}

}  // namespace

static int run(int argc, char** argv) {
    using namespace kiosk;
    CLI::App cli{"medsec-kiosk: information-security self-assessment and skill-matrix kiosk for hospitals.\n"
                 "Without a subcommand it opens the kiosk window.",
                 "medsec-kiosk"};
    cli.set_version_flag("--version", std::string("medsec-kiosk ") + KIOSK_VERSION);
    cli.fallthrough();

    app::Paths paths{defaultDatabasePath(), bundled("questionnaires"), bundled("assets"), KIOSK_DEFAULT_FONT, {}};
    std::string db = paths.database.string();
    std::string questionnaires = paths.questionnaires.string();
    std::string assets = paths.assets.string();
    std::string font = paths.font.string();
    std::string langName = "ja";
    app::KioskOptions kioskOptions;

    cli.add_option("--db", db, "SQLite database of assessments")->capture_default_str();
    cli.add_option("--questionnaires", questionnaires, "Folder of questionnaire TOML files")->capture_default_str();
    cli.add_option("--assets", assets, "Folder of UI assets (i18n string catalogues)")->capture_default_str();
    cli.add_option("--font", font, "Japanese font file (TTF/OTF/TTC)")->capture_default_str();
    cli.add_option("--lang", langName, "Language of the screens and of text output")
        ->check(CLI::IsMember({"ja", "en"}))
        ->capture_default_str();
    cli.add_flag("--fullscreen", kioskOptions.fullscreen, "Open full screen on the primary monitor (kiosk mode)");
    cli.add_option("--width", kioskOptions.width, "Window width in pixels")->check(CLI::Range(640, 7680))->capture_default_str();
    cli.add_option("--height", kioskOptions.height, "Window height in pixels")->check(CLI::Range(480, 4320))->capture_default_str();
    cli.add_flag("--kiosk", kioskOptions.kiosk, "Kiosk mode: full screen, closing needs the administrator PIN");
    cli.add_option("--idle-timeout", kioskOptions.idleTimeout,
                   "Seconds without input after which the kiosk saves what is valid, signs out, clears what was typed and "
                   "returns to Home")
        ->check(CLI::Range(10, 86400))
        ->capture_default_str();
    cli.add_option("--region", kioskOptions.region,
                   "The regional store (postgresql://…): the kiosk shows its facilities ranked by need, behind the auditor PIN");
    cli.add_option("--scale", kioskOptions.scale,
                   "UI scale from 1.0 to 3.0 (default: follows the window size and the monitor's content scale)")
        ->check(CLI::Range(1.0f, 3.0f));

    auto* validate = cli.add_subcommand("validate", "Check questionnaire files; prints file:line:column for each problem");
    std::string validateDir;
    validate->add_option("DIR", validateDir, "Folder to check (default: the --questionnaires folder)");

    auto* list = cli.add_subcommand("list", "List the assessments in the database");
    std::string status = "all";
    list->add_option("--status", status, "Only assessments with this status")
        ->check(CLI::IsMember({"all", "in_progress", "completed", "discarded"}))
        ->capture_default_str();

    auto* show = cli.add_subcommand("show", "Print an assessment's answers as text");
    std::string uuid;
    show->add_option("UUID", uuid, "Assessment id (a unique prefix is enough)")->required();

    auto* discard = cli.add_subcommand("discard", "Set an assessment in progress aside: its answers are kept, but it is no longer "
                                                  "offered to continue (a completed one cannot be discarded)");
    discard->add_option("UUID", uuid, "Assessment id (a unique prefix is enough)")->required();

    auto* score = cli.add_subcommand("score", "Score a security-measures assessment: decision on external advisors, tier, gaps, "
                                              "routes, each with its reason");
    app::ScoreOptions scoreOptions;
    score->add_option("UUID", scoreOptions.uuid, "Security-measures assessment (a unique prefix is enough)");
    score->add_option("--answers", scoreOptions.answersFile, "Score answers from a JSON file instead (see questionnaires/README.md)");
    score->add_option("--profile", scoreOptions.profileUuid, "Facility-profile assessment to use (default: the latest completed)");
    score->add_flag("--json", scoreOptions.json, "Print the result as JSON");

    auto* people = cli.add_subcommand("people", "The skill matrix's people, qualifications and skill levels as CSV");
    people->require_subcommand(1);
    auto* peopleImport = people->add_subcommand("import", "Import people from CSV (UTF-8, Excel quoting); nothing is imported if a row "
                                                          "is bad, unless --partial");
    std::string peopleFile;
    bool partial = false;
    bool replace = false;
    peopleImport->add_option("FILE", peopleFile, "CSV file")->required();
    peopleImport->add_flag("--partial", partial, "Import the good rows and list the bad ones");
    peopleImport->add_flag("--replace", replace,
                           "Each row replaces everything stored about its person: empty cells clear levels, dates and "
                           "qualifications (without it, empty cells change nothing)");
    auto* peopleExport = people->add_subcommand("export", "Export people to CSV (\"-\" for standard output)");
    peopleExport->add_option("FILE", peopleFile, "CSV file to write")->required();

    auto* advisorsCmd = cli.add_subcommand("advisors", "The external-advisor directory: import lists, list them, match a result "
                                                       "against them, publish the facility's own people for the region");
    advisorsCmd->require_subcommand(1);
    app::AdvisorImportOptions advisorImport;
    auto* advisorsImport = advisorsCmd->add_subcommand("import", "Import an advisor list from CSV (UTF-8, Excel quoting); nothing is "
                                                                 "imported if a row is bad, unless --partial");
    advisorsImport->add_option("FILE", advisorImport.file, "CSV file (columns: medsec-kiosk advisors export -)")->required();
    advisorsImport->add_flag("--partial", advisorImport.partial, "Import the good rows and list the bad ones (exit 2)");
    advisorsImport->add_option("--source", advisorImport.source, "The source of every row, for a list without a source column "
                                                                 "(registered, medcsc, regional, part_time)");
    bool advisorsJson = false, advisorsContact = false;
    auto* advisorsList = advisorsCmd->add_subcommand("list", "List the directory with each entry's registration and knowledge status");
    advisorsList->add_flag("--json", advisorsJson, "Print JSON");
    advisorsList->add_flag("--contact", advisorsContact, "Include the contact field");
    std::optional<std::string> advisorsOn;
    advisorsList->add_option("--on", advisorsOn, "Judge registration and staleness on this day (YYYY-MM-DD) instead of today");
    app::AdvisorMatchOptions advisorMatch;
    auto* advisorsMatch = advisorsCmd->add_subcommand("match", "Candidates for a result's routes, ranked by the gaps they cover, with "
                                                               "the reasons; or why nobody matches and what to do instead");
    advisorsMatch->add_option("RESULT", advisorMatch.result, "The security-measures assessment's UUID (a unique prefix), or latest")
        ->required();
    advisorsMatch->add_option("--prefecture", advisorMatch.prefecture, "The facility's prefecture (東京都, or its code 13)");
    advisorsMatch->add_flag("--security-only", advisorMatch.securityOnly,
                            "Do not require knowledge of medical information systems");
    advisorsMatch->add_flag("--any-registration", advisorMatch.anyRegistration, "Include advisors whose registration is not in force");
    advisorsMatch->add_flag("--on-site", advisorMatch.onSite, "Only advisors who can visit");
    advisorsMatch->add_option("--days", advisorMatch.days, "At least this many days a month")->check(CLI::Range(0, 31));
    advisorsMatch->add_flag("--json", advisorMatch.json, "Print JSON");
    advisorsMatch->add_flag("--contact", advisorMatch.contact, "Include the contact field");
    advisorsMatch->add_option("--on", advisorMatch.on, "Judge registration and staleness on this day (YYYY-MM-DD) instead of today");
    std::string advisorsFile;
    auto* advisorsExport = advisorsCmd->add_subcommand("export", "Write the directory as CSV (\"-\" for standard output)");
    advisorsExport->add_option("FILE", advisorsFile, "CSV file to write")->required();
    advisorsExport->add_flag("--contact", advisorsContact, "Include the contact field");
    app::AdvisorPublishOptions advisorPublish;
    auto* advisorsPublish = advisorsCmd->add_subcommand(
        "publish", "Write the facility's own people who agreed (advisors consent) as an advisor list for the region: public fields only");
    advisorsPublish->add_option("--out", advisorPublish.out, "CSV file to write (\"-\" for standard output)")->required();
    advisorsPublish->add_option("--affiliation", advisorPublish.affiliation, "The facility's name")->required();
    advisorsPublish->add_option("--prefecture", advisorPublish.prefecture, "The facility's prefecture")->required();
    advisorsPublish->add_option("--serves", advisorPublish.serves, "Further prefectures served, separated by ';' (or 全国)");
    advisorsPublish->add_option("--side-work", advisorPublish.sideWork, "Whether the facility permits side work (yes or no)");
    advisorsPublish->add_option("--days", advisorPublish.days, "Days a month each person can give")->check(CLI::Range(0, 31));
    advisorsPublish->add_option("--mode", advisorPublish.mode, "onsite, remote or both");
    advisorsPublish->add_option("--contact", advisorPublish.contact, "The facility's desk for requests (not a person's)");
    std::int64_t consentPerson = 0;
    std::string consentAnswer;
    auto* advisorsConsent = advisorsCmd->add_subcommand("consent", "Record whether a person of the skill matrix agreed to appear in "
                                                                   "the published directory (audited)");
    advisorsConsent->add_option("PERSON_ID", consentPerson, "The person's id (people export)")->required()->check(CLI::PositiveNumber);
    advisorsConsent->add_option("ANSWER", consentAnswer, "yes or no")->required()->check(CLI::IsMember({"yes", "no"}));

    app::FacilityOptions facilityOptions;
    auto* facility = cli.add_subcommand("facility", "Show the facility this database belongs to, or set its name, prefecture, kind "
                                                    "and beds (audited)");
    facility->add_option("--name", facilityOptions.name, "The facility's name");
    facility->add_option("--prefecture", facilityOptions.prefecture, "Its prefecture (東京都, or the code 13)");
    facility->add_option("--kind", facilityOptions.kind, "hospital, clinic_beds or clinic_no_beds")
        ->check(CLI::IsMember({"hospital", "clinic_beds", "clinic_no_beds"}));
    facility->add_option("--beds", facilityOptions.beds, "Beds")->check(CLI::Range(0, 5000));

    app::RegionOptions regionOptions;
    auto* regionCmd = cli.add_subcommand("region", "The regional store in PostgreSQL: init, import signed facility bundles, list the "
                                                   "facilities ranked by need");
    regionCmd->add_option("--db", regionOptions.url, "postgresql://… (scripts/region-db start prints one)");
    regionCmd->add_option("COMMAND", regionOptions.command, "init, import, facilities, rank, export (the ranking as CSV or XLSX), or generate (a synthetic region's bundles)")
        ->required()
        ->check(CLI::IsMember({"init", "import", "facilities", "rank", "export", "generate"}));
    regionCmd->add_option("--facilities", regionOptions.facilities, "generate: how many facilities")->check(CLI::Range(1, 100000));
    regionCmd->add_option("--assessments", regionOptions.assessments, "generate: measures assessments per facility")->check(CLI::Range(1, 50));
    regionCmd->add_option("--seed", regionOptions.seed, "generate: the same seed gives the same region");
    regionCmd->add_option("--out", regionOptions.out, "generate: the folder for the bundles; export: FILE.csv or FILE.xlsx");
    regionCmd->add_flag("--force", regionOptions.force, "export: replace a file that exists");
    regionCmd->add_option("BUNDLE", regionOptions.bundles, "Bundle files to import (medsec-kiosk export --format bundle)");
    regionCmd->add_flag("--trust-new-key", regionOptions.trustNewKey, "Record the signing key of a facility the region does not know yet");
    regionCmd->add_flag("--json", regionOptions.json, "facilities / rank as JSON");

    auto* admin = cli.add_subcommand("admin", "Administration from the machine's command line (physical access is the trust boundary)");
    admin->require_subcommand(1);
    auto* resetPin = admin->add_subcommand("reset-pin", "Clear a role's PIN, failed attempts and lock, so that a new PIN is set "
                                                        "at the kiosk (recorded in the audit log)");
    std::string pinRole;
    resetPin->add_option("ROLE", pinRole, "trainer, auditor or admin")->required();

    auto* audit = cli.add_subcommand("audit", "The tamper-evident audit trail of every change");
    audit->require_subcommand(1);
    auto* auditVerify = audit->add_subcommand("verify", "Walk the hash chain; exit 1 naming the first row that was changed, removed "
                                                        "or moved");
    auto* auditList = audit->add_subcommand("list", "Print the log, one tab-separated line per row: seq, time (UTC), role, event, "
                                                    "subject, details (JSON)");
    app::AuditListOptions auditOptions;
    auditList->add_option("--from", auditOptions.from, "From this day (YYYY-MM-DD, local time) or UTC time (YYYY-MM-DDTHH:MM[:SS]Z)");
    auditList->add_option("--to", auditOptions.to, "Up to and including this day or UTC time");
    auditList->add_option("--event", auditOptions.event, "Only this event (e.g. auth.failed), or events starting with a prefix "
                                                         "ending in '.' (auth.)");

    auto* exportCmd = cli.add_subcommand(
        "export", "Export assessments for other programs: csv (three files: answers, results, plan; UTF-8 with BOM for Excel) or json "
                  "(everything needed to restore them in another kiosk; docs/export-schema.json). Recorded in the audit log");
    app::ExportOptions exportOptions;
    exportCmd->add_option("--format", exportOptions.format, "csv, xlsx, json, html, pdf, or bundle (the JSON export with the facility record, signed with the kiosk's key, for the region)")->required();
    exportCmd->add_option("--out", exportOptions.out,
                          "File to write; for csv a prefix (out/audit.csv writes out/audit-answers.csv, -results.csv, -plan.csv) or a "
                          "folder ending in /")
        ->required();
    auto* exportOne = exportCmd->add_option("--assessment", exportOptions.assessment, "One assessment (a unique prefix is enough)");
    auto* exportAll = exportCmd->add_flag("--all", exportOptions.all, "Every assessment (in the period, when one is given)");
    exportOne->excludes(exportAll);
    exportCmd->add_option("--from", exportOptions.from, "Assessments completed (or begun) on or after this day");
    exportCmd->add_option("--to", exportOptions.to, "…on or before this day");
    exportCmd->add_flag("--force", exportOptions.force, "Replace files that exist");
    exportCmd->add_flag("--matrix", exportOptions.matrix, "Include the skill matrix (personal data; json only)");

    auto* importCmd = cli.add_subcommand("import", "Import the assessments of a JSON export that this database does not hold yet "
                                                   "(all or nothing; a second import changes nothing)");
    std::string importFile;
    importCmd->add_option("FILE", importFile, "JSON export (medsec-kiosk export --format json)")->required();

    auto* record = cli.add_subcommand("record", "Store answers from a JSON answers file (as for score --answers) as a completed "
                                                "facility profile and security-measures assessment, and score them");
    std::string recordFile;
    record->add_option("FILE", recordFile, "JSON answers file (see questionnaires/README.md)")->required();

    cli.require_subcommand(0, 1);
    CLI11_PARSE(cli, argc, argv);

    // The subset is of the default font only; another --font is read whole.
    paths = {db, questionnaires, assets, font, font == KIOSK_DEFAULT_FONT ? fontSubset() : fs::path()};
    const Lang lang = langName == "en" ? Lang::En : Lang::Ja;

    if (*validate) return app::runValidate(validateDir.empty() ? paths.questionnaires : fs::path(validateDir));
    if (*list) return app::runList(paths, status);
    if (*show) return app::runShow(paths, uuid, lang);
    if (*discard) return app::runDiscard(paths, uuid);
    if (*score) return app::runScore(paths, scoreOptions, lang);
    if (*peopleImport) return app::runPeopleImport(paths, peopleFile, partial, replace);
    if (*peopleExport) return app::runPeopleExport(paths, peopleFile);
    if (*advisorsImport) return app::runAdvisorsImport(paths, advisorImport);
    if (*advisorsList) return app::runAdvisorsList(paths, advisorsJson, advisorsContact, advisorsOn);
    if (*advisorsMatch) return app::runAdvisorsMatch(paths, advisorMatch, lang);
    if (*advisorsExport) return app::runAdvisorsExport(paths, advisorsFile, advisorsContact);
    if (*advisorsPublish) return app::runAdvisorsPublish(paths, advisorPublish);
    if (*advisorsConsent) return app::runAdvisorsConsent(paths, consentPerson, consentAnswer);
    if (*facility) return app::runFacility(paths, facilityOptions);
    if (*regionCmd) return app::runRegion(paths, regionOptions, lang);
    if (*resetPin) return app::runAdminResetPin(paths, pinRole);
    if (*auditVerify) return app::runAuditVerify(paths);
    if (*auditList) return app::runAuditList(paths, auditOptions);
    if (*exportCmd) return app::runExport(paths, exportOptions, lang);
    if (*importCmd) return app::runImport(paths, importFile);
    if (*record) return app::runRecord(paths, recordFile, lang);
    kioskOptions.lang = lang;
    if (kioskOptions.kiosk) kioskOptions.fullscreen = true;
    return app::runKiosk(paths, kioskOptions);
}

// The core reports errors as values; this is the last guard, so that even a defect ends in a
// message and exit status 1 rather than an abort (and, for the kiosk, nothing unsaved is lost:
// every answer is already in the database when it is shown as given).
int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "medsec-kiosk: internal error: {}\n", e.what());
    } catch (...) {
        fmt::print(stderr, "medsec-kiosk: internal error\n");
    }
    return 1;
}
