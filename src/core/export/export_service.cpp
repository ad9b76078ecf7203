// The formats of this build, the names of their files, and writing them with their audit rows.
#include "export/export_service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "export/csv_writer.hpp"
#include "export/documents.hpp"
#include "export/json_bundle.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"

namespace kiosk::exporting {
namespace {

namespace fs = std::filesystem;

Result<std::vector<OutputFile>> csvFiles(const Report& report) {
    std::vector<OutputFile> out;
    for (auto [part, table] : {std::pair{"answers", answersTable(report)}, std::pair{"results", resultsTable(report)},
                               std::pair{"plan", planTable(report)}})
        out.push_back({part, csvBytes(table), static_cast<std::int64_t>(table.size()) - 1});
    return out;
}

Result<std::vector<OutputFile>> jsonFile(const Report& report) { return std::vector<OutputFile>{{"", bundleJson(report), -1}}; }

// A document of one file (documents.hpp) as a format.
template <Result<std::string> (*Document)(const Report&)>
Result<std::vector<OutputFile>> documentFile(const Report& report) {
    auto bytes = Document(report);
    if (!bytes) return Error{bytes.error()};
    return std::vector<OutputFile>{{"", std::move(*bytes), -1}};
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
    static const std::vector<Format> list{{"csv", "csv", csvFiles},
                                          {"xlsx", "xlsx", documentFile<xlsxDocument>},
                                          {"json", "json", jsonFile},
                                          {"html", "html", documentFile<htmlReport>},
                                          {"pdf", "pdf", documentFile<pdfReport>}};
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

std::vector<fs::path> outputPaths(const fs::path& out, const Format& format, const std::vector<OutputFile>& files) {
    std::vector<fs::path> paths;
    const std::string extension = "." + std::string(format.extension);
    for (const auto& file : files) {
        if (file.part.empty()) {
            paths.push_back(out);
        } else if (namesFolder(out)) {
            paths.push_back(out / (file.part + extension));
        } else {
            std::string prefix = out.filename().string();
            if (prefix.size() > extension.size() && prefix.ends_with(extension)) prefix.resize(prefix.size() - extension.size());
            paths.push_back(out.parent_path() / (prefix + "-" + file.part + extension));
        }
    }
    return paths;
}

Result<ExportOutcome> writeExport(const Report& report, const ExportRequest& request, store::Database& db, store::AuditLog* audit) {
    const Format* format = findFormat(request.format);
    if (!format) return Error{fmt::format("'{}' is not a format this kiosk writes; choose {}", request.format, formatNames())};
    if (report.assessments.empty()) return Error{"nothing to export: the report holds no assessment"};
    auto files = format->write(report);
    if (!files) return Error{files.error()};
    const auto paths = outputPaths(request.out, *format, *files);
    for (const auto& path : paths)
        if (auto problem = targetProblem(path, request.force)) return Error{*problem};

    ExportOutcome outcome;
    outcome.recorded = audit && !db.readOnly();
    store::Transaction tx(db);
    if (outcome.recorded && !tx.began()) return Error{fmt::format("could not record the export: {}", tx.beginStatus().error())};
    // Files this call created; removed again if a later one fails, so that no export is half there.
    std::vector<fs::path> created;
    auto undo = [&created] {
        std::error_code ec;
        for (const auto& p : created) fs::remove(p, ec);
    };
    for (std::size_t i = 0; i < files->size(); ++i) {
        const auto& file = (*files)[i];
        std::error_code ec;
        const fs::path absolute = fs::absolute(paths[i], ec).lexically_normal();
        WrittenFile written{ec ? paths[i] : absolute, sha256Hex(file.bytes), file.bytes.size(), file.rows};
        if (outcome.recorded) {
            const nlohmann::json details{{"path", written.path.string()},
                                         {"format", std::string(format->name)},
                                         {"sha256", written.sha256},
                                         {"bytes", written.bytes},
                                         {"assessments", report.assessments.size()}};
            if (auto s = audit->append({"export.written", "", details.dump()}); !s) {
                undo();
                return Error{fmt::format("could not record the export of {}: {}", paths[i].string(), s.error())};
            }
        }
        const bool existed = fs::exists(paths[i], ec);
        if (auto s = writeFileAtomically(paths[i], file.bytes); !s) {
            undo();
            return Error{s.error()};
        }
        if (!existed) created.push_back(paths[i]);
        outcome.files.push_back(std::move(written));
    }
    if (outcome.recorded)
        if (auto s = tx.commit(); !s) {
            undo();
            return Error{fmt::format("could not record the export: {}", s.error())};
        }
    return outcome;
}

Result<ExportOutcome> Exporter::run(const ReportRequest& report, const ExportRequest& request) {
    if (!findFormat(request.format)) return Error{fmt::format("'{}' is not a format this kiosk writes; choose {}", request.format, formatNames())};
    auto built = buildReport(m_db, report, m_context);
    if (!built) return Error{built.error()};
    return writeExport(*built, request, m_db, m_audit);
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
            auto db = store::Database::open(databasePath);
            if (!db) return Error{db.error()};
            store::AuditLog audit(*db);
            audit.setActor(actor);
            // One read transaction: the export is of the database as it was when it started, while
            // the kiosk goes on saving answers through its own connection.
            if (auto begun = db->exec("BEGIN"); !begun) return Error{begun.error()};
            auto built = buildReport(*db, report, context, [this](std::size_t done, std::size_t total) {
                m_total = total;
                m_done = done;
            });
            (void)db->exec("COMMIT");
            if (!built) return Error{built.error()};
            return writeExport(*built, request, *db, &audit);
        }();
        m_finished = true;
    };
    m_thread = std::thread(std::move(work));
}

ExportJob::~ExportJob() {
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace kiosk::exporting
