// The advisor directory as screens and the command line use it: importing a list (CSV), reading
// the directory, publishing the facility's own people for the region, and matching a result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisors/csv.hpp"
#include "advisors/match.hpp"
#include "advisors/model.hpp"
#include "store/advisor_store.hpp"

namespace kiosk::advisors {

struct ImportReport {
    int rows = 0;
    int imported = 0;  // rows written (new or changed)
    store::AdvisorImportCounts counts;
    std::vector<RowError> errors;
    int errorsNotListed = 0;
    int problems() const { return static_cast<int>(errors.size()) + errorsNotListed; }
};

class AdvisorService {
public:
    AdvisorService(store::AdvisorStore& store, const AdvisorCatalog& catalog) : m_store(store), m_catalog(catalog) {}

    const AdvisorCatalog& catalog() const { return m_catalog; }

    // Imports a list in one transaction. With any bad row nothing is imported, unless `partial`,
    // which imports the good rows; the report lists every bad field either way. `file` names the
    // list in the audit row, with the SHA-256 of its bytes.
    Result<ImportReport> importCsv(std::string_view text, const std::string& file, bool partial,
                                   const std::optional<std::string>& defaultSource, Date today);
    Result<ImportReport> importFile(const std::string& path, bool partial, const std::optional<std::string>& defaultSource, Date today);

    Result<std::vector<Advisor>> advisors() { return m_store.list(); }

    // The stored directory as a list (contact only for the administrator).
    Result<std::string> exportCsv(bool withContact);

    // Who of the skill matrix agreed to appear in the directory the facility publishes, and
    // recording a change (audited as the signed-in role).
    Result<std::vector<std::int64_t>> directoryConsent() { return m_store.directoryConsent(); }
    Status setDirectoryConsent(std::int64_t personId, bool agreed) { return m_store.setDirectoryConsent(personId, agreed); }

    // Matches a result against the stored directory.
    Result<MatchResult> match(const scoring::FacilityResult& result, const MatchOptions& options, std::vector<Advisor>& storage);

private:
    store::AdvisorStore& m_store;
    const AdvisorCatalog& m_catalog;
};

}  // namespace kiosk::advisors
