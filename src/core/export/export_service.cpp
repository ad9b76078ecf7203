// The formats of this build, the names of their files, and writing them with their audit rows.
#include "export/export_service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>

#include "export/csv_writer.hpp"
#include "export/documents.hpp"
#include "export/json_bundle.hpp"
#include "region/bundle.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"

namespace kiosk::exporting {
namespace {

namespace fs = std::filesystem;

Result<std::string> jsonDocument(const Report& report) { return bundleJson(report); }

// The JSON export with the facility record, signed with the kiosk's key (region/bundle.hpp).
Result<std::string> facilityBundle(const Report& report) {
    if (!report.signingKey) return Error{"no signing key to sign the facility bundle with"};
    if (!report.facilityRecord) return Error{"the database has no facility record"};
    return region::writeBundle(*report.facilityRecord, bundleJson(report), *report.signingKey);
}

bool namesFolder(const fs::path& out) {
    std::error_code ec;
    return !out.has_filename() || fs::is_directory(out, ec);
}

// What a check before writing finds wrong with a target, or nothing.
std::optional<std::string> targetProblem(const fs::path& path, bool force) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (fs::is_directory(status)) return fmt::format("{} is a folder; give a file name", path.string());
    if (fs::exists(status) && !force) return fmt::format("{} exists; give --force to replace it", path.string());
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec)) return fmt::format("cannot write {}: the folder {} does not exist", path.string(), folder.string());
    return std::nullopt;
}

}  // namespace

const std::vector<Format>& formats() {
    static const std::vector<Format> list{{"csv", "csv", {"answers", "results", "plan"}, {}},
                                          {"xlsx", "xlsx", {""}, xlsxDocument},
                                          {"json", "json", {""}, jsonDocument},
                                          {"html", "html", {""}, htmlReport},
                                          {"pdf", "pdf", {""}, pdfReport},
                                          {"bundle", "json", {""}, facilityBundle}};
    return list;
}

const Format* findFormat(std::string_view name) {
    for (const auto& f : formats())
        if (f.name == name) return &f;
    return nullptr;
}

std::string formatNames() {
    std::string out;
    const auto& list = formats();
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += i + 1 == list.size() ? " or " : ", ";
        out += list[i].name;
    }
    return out;
}

std::vector<fs::path> outputPaths(const fs::path& out, const Format& format) {
    std::vector<fs::path> paths;
    const std::string extension = "." + std::string(format.extension);
    for (const auto part : format.parts) {
        if (part.empty()) {
            paths.push_back(out);
        } else if (namesFolder(out)) {
            paths.push_back(out / (std::string(part) + extension));
        } else {
            std::string prefix = out.filename().string();
            if (prefix.size() > extension.size() && prefix.ends_with(extension)) prefix.resize(prefix.size() - extension.size());
            paths.push_back(out.parent_path() / (prefix + "-" + std::string(part) + extension));
        }
    }
    return paths;
}

namespace {

// The files of one export, written whole beside their targets and not yet in place.
struct Staged {
    const Format* format = nullptr;
    std::vector<std::unique_ptr<StagedFile>> files;
    std::vector<std::int64_t> rows;  // per file; -1 for a document without rows
    std::size_t assessments = 0;
};

// The format and the staged files for a request, every target checked first.
Result<Staged> stage(const ExportRequest& request) {
    Staged staged;
    staged.format = findFormat(request.format);
    if (!staged.format) return Error{fmt::format("'{}' is not a format this kiosk writes; choose {}", request.format, formatNames())};
    const auto paths = outputPaths(request.out, *staged.format);
    for (const auto& path : paths)
        if (auto problem = targetProblem(path, request.force)) return Error{*problem};
    for (const auto& path : paths) {
        auto file = StagedFile::create(path);
        if (!file) return Error{file.error()};
        staged.files.push_back(std::move(*file));
    }
    return staged;
}

// Flushes every staged file, then moves them into place with their audit rows in one transaction.
Result<ExportOutcome> commit(Staged& staged, store::Database& db, store::AuditLog* audit) {
    for (auto& file : staged.files)
        if (auto s = file->finish(); !s) return Error{s.error()};
    ExportOutcome outcome;
    outcome.assessments = staged.assessments;
    outcome.recorded = audit && !db.readOnly();
    store::Transaction tx(db);
    if (outcome.recorded && !tx.began()) return Error{fmt::format("could not record the export: {}", tx.beginStatus().error())};
    for (std::size_t i = 0; i < staged.files.size(); ++i) {
        const auto& file = *staged.files[i];
        std::error_code ec;
        const fs::path absolute = fs::absolute(file.target(), ec).lexically_normal();
        WrittenFile written{ec ? file.target() : absolute, file.sha256(), file.size(), staged.rows[i]};
        if (outcome.recorded) {
            const nlohmann::json details{{"path", written.path.string()},
                                         {"format", std::string(staged.format->name)},
                                         {"sha256", written.sha256},
                                         {"bytes", written.bytes},
                                         {"assessments", staged.assessments}};
            if (auto s = audit->append({"export.written", "", details.dump()}); !s)
                return Error{fmt::format("could not record the export of {}: {}", file.target().string(), s.error())};
        }
        outcome.files.push_back(std::move(written));
    }
    // Every file is complete on disk: only renames are left, and the audit rows wait for them.
    std::vector<fs::path> created;
    for (auto& file : staged.files) {
        std::error_code ec;
        const bool existed = fs::exists(file->target(), ec);
        if (auto s = file->commit(); !s) {
            for (const auto& p : created) fs::remove(p, ec);
            return Error{s.error()};
        }
        if (!existed) created.push_back(file->target());
    }
    if (outcome.recorded)
        if (auto s = tx.commit(); !s) {
            std::error_code ec;
            for (const auto& p : created) fs::remove(p, ec);
            return Error{fmt::format("could not record the export: {}", s.error())};
        }
    return outcome;
}

std::optional<store::Database> secondReader(const store::Database& db) {
    if (db.readOnly() || db.path().empty() || db.path() == ":memory:") return std::nullopt;
    auto opened = store::Database::open(db.path(), store::OpenMode::ReadWrite, store::Integrity::Trusted);
    if (!opened) return std::nullopt;
    return std::move(*opened);
}

Status writeDocument(Staged& staged, const Report& report) {
    auto bytes = staged.format->document(report);
    if (!bytes) return Error{bytes.error()};
    staged.files.front()->write(*bytes);
    staged.rows = {-1};
    staged.assessments = report.assessments.size();
    return {};
}

}  // namespace

Result<ExportOutcome> writeExport(const Report& report, const ExportRequest& request, store::Database& db, store::AuditLog* audit) {
    if (report.assessments.empty()) return Error{"nothing to export: the report holds no assessment"};
    auto staged = stage(request);
    if (!staged) return Error{staged.error()};
    if (!staged->format->document)
        return Error{fmt::format("{} is written from the database, not from a report", staged->format->name)};
    if (auto s = writeDocument(*staged, report); !s) return Error{s.error()};
    return commit(*staged, db, audit);
}

Result<ExportOutcome> exportDatabase(store::Database& db, store::AuditLog* audit, const ReportRequest& report, const ReportContext& context,
                                     const ExportRequest& request, const ReportProgress& progress) {
    auto staged = stage(request);
    if (!staged) return Error{staged.error()};
    {
        store::ReadTransaction snapshot(db);
        if (staged->format->document) {
            auto built = buildReport(db, report, context, progress);
            if (!built) return Error{built.error()};
            if (auto s = writeDocument(*staged, *built); !s) return Error{s.error()};
        } else {
            auto& files = staged->files;
            const CsvSinks sinks{[&](std::string_view b) { files[0]->write(b); }, [&](std::string_view b) { files[1]->write(b); },
                                 [&](std::string_view b) { files[2]->write(b); }};
            // A second connection reading the same snapshot lets the results and plan be written
            // beside the answers; without one (a database in memory or open read-only, or a lock
            // not had) the files are written one after the other from this connection.
            auto second = secondReader(db);
            std::optional<store::ReadTransaction> secondSnapshot;
            if (second) {
                secondSnapshot.emplace(*second);
                if (!store::sameSnapshot(db, *second)) {
                    secondSnapshot.reset();
                    second.reset();
                }
            }
            auto rows = writeCsv(
                db, report, context, sinks,
                [&](std::size_t done, std::size_t total) {
                    staged->assessments = total;
                    if (progress) progress(done, total);
                },
                second ? &*second : nullptr);
            if (!rows) return Error{rows.error()};
            staged->rows = {rows->answers, rows->results, rows->plan};
        }
    }
    return commit(*staged, db, audit);
}

Result<ExportOutcome> Exporter::run(const ReportRequest& report, const ExportRequest& request) {
    return exportDatabase(m_db, m_audit, report, m_context, request);
}

bool Exporter::exists(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

std::shared_ptr<ExportJob> Exporter::start(const ReportRequest& report, const ExportRequest& request) {
    const store::Role actor = m_audit ? m_audit->actor() : store::Role::System;
    if (m_db.path().empty() || m_db.path() == ":memory:") return std::make_shared<ExportJob>(run(report, request));
    return std::make_shared<ExportJob>(m_db.path(), actor, report, request, m_context);
}

ExportJob::ExportJob(std::string databasePath, store::Role actor, ReportRequest report, ExportRequest request, ReportContext context) {
    auto work = [this, databasePath, actor, report = std::move(report), request = std::move(request), context]() {
        m_outcome = [&]() -> Result<ExportOutcome> {
            // The kiosk checked the file when it opened it; this second connection only reads and records.
            auto db = store::Database::open(databasePath, store::OpenMode::ReadWrite, store::Integrity::Trusted);
            if (!db) return Error{db.error()};
            store::AuditLog audit(*db);
            audit.setActor(actor);
            // exportDatabase reads in one transaction: the export is of the database as it was when
            // it started, while the kiosk goes on saving answers through its own connection.
            return exportDatabase(*db, &audit, report, context, request, [this](std::size_t done, std::size_t total) {
                m_total = total;
                m_done = done;
            });
        }();
        m_finished = true;
    };
    m_thread = std::thread(std::move(work));
}

ExportJob::~ExportJob() {
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace kiosk::exporting
