// The advisor directory's service: reading lists into the store, and matching.
#include "advisors/service.hpp"

#include <fmt/format.h>

#include "util/file.hpp"
#include "util/hash.hpp"

namespace kiosk::advisors {

Result<ImportReport> AdvisorService::importCsv(std::string_view text, const std::string& file, bool partial,
                                               const std::optional<std::string>& defaultSource, Date today) {
    auto read = readAdvisorsCsv(text, m_catalog, today, defaultSource);
    ImportReport report;
    report.rows = read.rows;
    report.errors = std::move(read.errors);
    report.errorsNotListed = read.errorsNotListed;
    // Nothing at all is imported from a file whose header or encoding is wrong, partial or not.
    const bool fileLevel = std::any_of(report.errors.begin(), report.errors.end(), [](const RowError& e) { return e.line <= 1; });
    if ((report.problems() > 0 && !partial) || fileLevel) return report;
    if (read.advisors.empty()) {
        if (report.problems() == 0)
            report.errors.push_back({0, "", "the file holds no advisors, only a header"});
        return report;
    }
    store::AdvisorImportInfo info{file, sha256Hex(text), read.rows, read.rows - static_cast<int>(read.advisors.size())};
    auto counts = m_store.import(read.advisors, info);
    if (!counts) return Error{counts.error()};
    report.counts = *counts;
    report.imported = counts->added + counts->updated;
    return report;
}

Result<ImportReport> AdvisorService::importFile(const std::string& path, bool partial, const std::optional<std::string>& defaultSource,
                                                Date today) {
    const auto text = readFile(path);
    if (!text) return Error{text.error()};
    return importCsv(*text, path, partial, defaultSource, today);
}

Result<std::string> AdvisorService::exportCsv(bool withContact) {
    auto list = m_store.list();
    if (!list) return Error{list.error()};
    return writeAdvisorsCsv(*list, m_catalog, withContact);
}

Result<MatchResult> AdvisorService::match(const scoring::FacilityResult& result, const MatchOptions& options, std::vector<Advisor>& storage) {
    auto list = m_store.list();
    if (!list) return Error{list.error()};
    storage = std::move(*list);
    return advisors::match(result, storage, m_catalog, options);
}

}  // namespace kiosk::advisors
