// Writing an export: a format turns the report into the bytes of its files; this service names
// the files from the path asked for, refuses to replace a file unless told to, writes each one
// atomically (temporary file, fsync, rename), and records each in the audit log.
//
// File names. A format of one file (xlsx, json, html, pdf) writes exactly the path given. CSV writes three files,
// answers, results and plan, named from the path given:
//   --out exports/audit-2026.csv  ->  exports/audit-2026-answers.csv, -results.csv, -plan.csv
//   --out exports/audit-2026      ->  the same (".csv" is added, never doubled)
//   --out exports/  (a folder: ends in a separator or is an existing folder)
//                                 ->  exports/answers.csv, exports/results.csv, exports/plan.csv
#pragma once

#include <cstdint>
#include <filesystem>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <string>
#include <string_view>
#include <vector>

#include "export/report.hpp"
#include "export/report_builder.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::exporting {

// A format: the files it writes and how their bytes are made. A document (xlsx, json, html, pdf:
// one file, from documents.hpp or the JSON bundle) is made from the report model; CSV is read
// straight from the database into its files (csv_writer.hpp).
struct Format {
    std::string_view name;                 // as given to --format
    std::string_view extension;            // without the dot
    std::vector<std::string_view> parts;   // what each file holds ("answers"), or one empty part for a format of one file
    std::function<Result<std::string>(const Report&)> document;  // empty for a format read from the database
};

// The formats this build writes (csv, xlsx, json, html, pdf), and one by name (nullptr when unknown).
const std::vector<Format>& formats();
const Format* findFormat(std::string_view name);
// "csv, xlsx, json, html or pdf", for messages.
std::string formatNames();

// Where each file of an export goes (see the top of this file), one per part of the format.
std::vector<std::filesystem::path> outputPaths(const std::filesystem::path& out, const Format& format);

struct ExportRequest {
    std::string format;         // a name of formats()
    std::filesystem::path out;  // a file, a prefix or a folder (see the top of this file)
    bool force = false;         // replace files that exist
};

struct WrittenFile {
    std::filesystem::path path;  // absolute
    std::string sha256;
    std::size_t bytes = 0;
    std::int64_t rows = -1;
};

struct ExportOutcome {
    std::vector<WrittenFile> files;
    std::size_t assessments = 0;  // assessments exported (with the profiles their results were scored with)
    bool recorded = false;  // appended to the audit log (not possible in a read-only database)
};

// Exports the assessments a report request asks for from the database, in one read transaction
// (the database as it was when the export began). Every target is checked before anything is
// written: an existing file is refused unless `force`, and so is a folder in its place or a folder
// that does not exist. Every file is first written whole to a temporary file beside its target
// (hashed as it is written, then flushed to disk); only when all are complete are they renamed into
// place, each appended to the audit log as export.written {path, format, sha256, bytes,
// assessments}, as the log's actor, in one transaction. When a file cannot be written (an
// unwritable folder, a full disk) no target is touched, nothing is recorded and the error names
// the file. A read-only database cannot record the export; the files are written and `recorded`
// is false. `progress` is told after each assessment is read.
Result<ExportOutcome> exportDatabase(store::Database& db, store::AuditLog* audit, const ReportRequest& report, const ReportContext& context,
                                     const ExportRequest& request, const ReportProgress& progress = {});

// The same for a document format, from a report already built (its targets, staging and audit rows
// as above).
Result<ExportOutcome> writeExport(const Report& report, const ExportRequest& request, store::Database& db, store::AuditLog* audit);

// An export running on a thread of its own with its own connection to the database, so that the
// kiosk keeps drawing and saving while a long export runs. It reads the database as of its start
// (one read transaction) and records the files as the role given. Destroying it waits for the end.
class ExportJob {
public:
    ExportJob(std::string databasePath, store::Role actor, ReportRequest report, ExportRequest request, ReportContext context);
    // A job that has already run (in the caller's thread).
    explicit ExportJob(Result<ExportOutcome> outcome) : m_finished(true), m_outcome(std::move(outcome)) {}
    ~ExportJob();
    ExportJob(const ExportJob&) = delete;
    ExportJob& operator=(const ExportJob&) = delete;

    std::size_t done() const { return m_done; }    // assessments read so far
    std::size_t total() const { return m_total; }  // assessments to read; 0 until known
    bool finished() const { return m_finished; }
    // What the export gave; only once finished().
    const Result<ExportOutcome>& outcome() const { return *m_outcome; }

private:
    std::atomic<std::size_t> m_done{0}, m_total{0};
    std::atomic<bool> m_finished{false};
    std::optional<Result<ExportOutcome>> m_outcome;  // set by the thread before m_finished
    std::thread m_thread;
};

// Exports as the kiosk's screens start them: the report built from the kiosk's database and written
// in one call, recorded in its audit log as the role signed in.
class Exporter {
public:
    Exporter(store::Database& db, store::AuditLog* audit, ReportContext context) : m_db(db), m_audit(audit), m_context(context) {}
    Result<ExportOutcome> run(const ReportRequest& report, const ExportRequest& request);
    // The same on a thread of its own (see ExportJob). A database only in memory cannot be opened
    // twice: its export runs here and the job is finished when returned.
    std::shared_ptr<ExportJob> start(const ReportRequest& report, const ExportRequest& request);
    // Whether a file or folder is at this path already (an export there waits for a yes).
    static bool exists(const std::filesystem::path& path);

private:
    store::Database& m_db;
    store::AuditLog* m_audit;
    ReportContext m_context;
};

}  // namespace kiosk::exporting
