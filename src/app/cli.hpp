// The command-line subcommands: they use the core without a window.
#pragma once

#include <filesystem>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

#include "util/text.hpp"

namespace kiosk::app {

struct Paths {
    std::filesystem::path database;
    std::filesystem::path questionnaires;
    std::filesystem::path assets;
    std::filesystem::path font;
    std::filesystem::path fontSubset;  // `font` cut down at build time (empty: none); see ui::FontFiles
};

// Each returns the process exit code; messages go to stdout, errors to stderr.
int runValidate(const std::filesystem::path& dir);
int runList(const Paths& paths, const std::string& status);
int runShow(const Paths& paths, const std::string& uuid, Lang lang);
// Sets an assessment in progress aside: kept with its answers, no longer offered to resume.
int runDiscard(const Paths& paths, const std::string& uuid);

struct ScoreOptions {
    std::string uuid;         // a stored security-measures assessment…
    std::string answersFile;  // …or answers in a JSON file
    std::string profileUuid;  // score with this profile instead of the latest completed one
    bool json = false;
};
int runScore(const Paths& paths, const ScoreOptions& options, Lang lang);

// people import FILE.csv [--partial] [--replace] / people export FILE.csv ("-" for standard output)
int runPeopleImport(const Paths& paths, const std::string& file, bool partial, bool replace);
int runPeopleExport(const Paths& paths, const std::string& file);

// admin reset-pin ROLE: clears a role's PIN, failed attempts and lock (audited as the system).
int runAdminResetPin(const Paths& paths, const std::string& role);

// audit verify: 0 and "chain intact, N rows, head H"; 1 and "row N: why" for the first bad row.
int runAuditVerify(const Paths& paths);
struct AuditListOptions {
    std::optional<std::string> from, to, event;
};
// audit list: one tab-separated line per row (seq, time in UTC, role, event, subject, details).
int runAuditList(const Paths& paths, const AuditListOptions& options);

// export --format csv|json --out PATH (--assessment UUID | --all) [--from DAY] [--to DAY]
// [--force] [--matrix]: the report of the assessments in a format, each file written atomically
// and recorded in the audit log; prints every path written (file names: export/export_service.hpp).
struct ExportOptions {
    std::string format;
    std::string out;
    std::string assessment;  // a UUID or unique prefix…
    bool all = false;        // …or every assessment
    std::optional<std::string> from, to;
    bool force = false;      // replace files that exist
    bool matrix = false;     // include the skill matrix (JSON)
};
int runExport(const Paths& paths, const ExportOptions& options, Lang lang);

// import FILE.json: the assessments of a JSON export this database does not hold yet, all or
// nothing; the first bad record is named.
int runImport(const Paths& paths, const std::string& file);

// record FILE.json: answers as for `score --answers`, stored as a completed facility profile and
// security-measures assessment (as the system) and scored; prints their ids and the decision.
int runRecord(const Paths& paths, const std::string& file, Lang lang);

// The external-advisor directory (cli_advisors.cpp).
// advisors import FILE.csv [--partial] [--source ID]: nothing is imported if a row is bad, unless
// --partial (then exit 2 when rows were left out).
struct AdvisorImportOptions {
    std::string file;
    bool partial = false;
    std::optional<std::string> source;  // the source of every row, for a list without a source column
};
int runAdvisorsImport(const Paths& paths, const AdvisorImportOptions& options);
// advisors list [--json] [--contact] [--on DAY]
int runAdvisorsList(const Paths& paths, bool json, bool withContact, const std::optional<std::string>& on);
// advisors match RESULT_UUID|latest [--prefecture P] [--security-only] [--any-registration]
// [--on-site] [--days N] [--json] [--contact]: candidates with reasons, or why there are none.
struct AdvisorMatchOptions {
    std::string result;
    std::optional<std::string> prefecture;
    bool securityOnly = false;
    bool anyRegistration = false;
    bool onSite = false;
    int days = 0;
    bool json = false;
    bool contact = false;
    std::optional<std::string> on;  // judge statuses on this day (YYYY-MM-DD) instead of today
};
int runAdvisorsMatch(const Paths& paths, const AdvisorMatchOptions& options, Lang lang);
// advisors export FILE.csv|- [--contact]
int runAdvisorsExport(const Paths& paths, const std::string& file, bool withContact);
// advisors publish --out FILE --affiliation NAME --prefecture P [...]: the facility's own people
// who agreed, as a list for the region.
struct AdvisorPublishOptions {
    std::string out;
    std::string affiliation;
    std::string prefecture;
    std::string serves;  // further prefectures, ';'-separated, or 全国
    std::optional<std::string> sideWork;
    std::optional<int> days;
    std::optional<std::string> mode;
    std::string contact;
};
int runAdvisorsPublish(const Paths& paths, const AdvisorPublishOptions& options);
// advisors consent PERSON_ID yes|no
int runAdvisorsConsent(const Paths& paths, std::int64_t personId, const std::string& answer);

// facility [--name NAME] [--prefecture P] [--kind K] [--beds N]: shows the facility record, or sets
// what is given (audited as the system) and shows it.
struct FacilityOptions {
    std::optional<std::string> name, prefecture, kind;
    std::optional<int> beds;
};
int runFacility(const Paths& paths, const FacilityOptions& options);
// region --db postgresql://… init | import [--trust-new-key] BUNDLE... | facilities | rank [--json]
struct RegionOptions {
    std::string url;
    std::string command;
    std::vector<std::string> bundles;
    bool trustNewKey = false;
    bool json = false;
    // generate
    int facilities = 30;
    int assessments = 4;
    std::uint64_t seed = 1;
    std::string out;
    bool force = false;
};
// region export --out FILE.csv|FILE.xlsx [--force]: the ranking for offices (headers in --lang).
// region generate --out DIR [--facilities N] [--assessments K] [--seed S]: a synthetic region's
// signed bundles (no database needed).
int runRegion(const Paths& paths, const RegionOptions& options, Lang lang);

}  // namespace kiosk::app
