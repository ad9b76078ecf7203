// The skill-matrix service: what screens and the CLI call to import and export people, record
// a completed staff checklist, and read the matrix with its coverage. It also supplies the
// recommendation with staffing when skill data exists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assessment/service.hpp"
#include "assessment/session.hpp"
#include "scoring/result.hpp"
#include "skills/catalog.hpp"
#include "skills/people_csv.hpp"
#include "store/people_store.hpp"

namespace kiosk::skills {

struct ImportReport {
    int rows = 0;
    int imported = 0;             // people written (new or changed)
    int added = 0;                // of them, new to the matrix
    std::vector<RowError> errors;
    int errorsNotListed = 0;      // problems beyond the listed ones
    int problems() const { return static_cast<int>(errors.size()) + errorsNotListed; }
};

// How an import treats what a row leaves empty.
enum class ImportMode {
    Merge,    // keep what is stored (the default: an import never removes what a row does not mention)
    Replace,  // the row is the whole truth about the person; asked for explicitly
};

// Staffing for the recommendation from a list of people on a given day, at the target level of
// the given tier: counts, duty holders, single-person and uncovered skills, expiring qualifications.
scoring::Staffing staffingOf(const std::vector<Person>& people, const SkillCatalog& catalog, std::string_view tier, Date on,
                             std::string source = "skill_matrix");

// For recordChecklist / completeChecklist: the checklist is about a new person, even though
// someone in the matrix already has the name.
inline constexpr std::int64_t kNewPerson = -1;

class SkillService {
public:
    SkillService(store::PeopleStore& store, const SkillCatalog& catalog) : m_store(store), m_catalog(catalog) {}

    const SkillCatalog& catalog() const { return m_catalog; }

    // Imports people from CSV in one transaction. With any bad row nothing is imported, unless
    // `partial`, which imports the good rows; the report lists every bad field either way.
    // A row with an id updates that person; one without updates the one person of its name, or
    // adds a new person when nobody has it (see resolveRows for what is refused).
    // People not in the file are never touched.
    Result<ImportReport> importCsv(std::string_view text, bool partial, ImportMode mode = ImportMode::Merge);
    Result<std::string> exportCsv();
    // The same with files: reading one, or writing one atomically (never half a file).
    Result<ImportReport> importFile(const std::string& path, bool partial = false, ImportMode mode = ImportMode::Merge);
    Status exportFile(const std::string& path);

    Result<std::vector<Person>> people();
    // Everyone stored under this name (people may share one), by id.
    Result<std::vector<Person>> peopleNamed(std::string_view name);
    Result<std::vector<SkillSnapshot>> history(std::int64_t personId) { return m_store.history(personId); }

    // An administrator records a person (new or changed): checked, then saved with a new snapshot.
    Status recordByAdmin(const Person& person);

    // A person's completed staff checklist at the kiosk becomes their newest snapshot. The person
    // is `personId` when given (someone chosen from the matrix, or kNewPerson); otherwise the one
    // person stored under the checklist's name, or a new person when nobody has it. When two or
    // more people have that name, nothing is saved and the error says to choose which of them it
    // is (peopleNamed lists them).
    Status recordChecklist(const assessment::Session& checklist, const std::string& assessmentUuid, std::int64_t personId = 0);

    // Completes a staff checklist and records it in the matrix in one transaction: either the
    // assessment is completed and its person is in the matrix, or neither happened and the
    // checklist can be finished again. `personId` as for recordChecklist.
    Status completeChecklist(assessment::AssessmentService& assessments, assessment::ActiveAssessment& checklist,
                             std::int64_t personId = 0);

    // Coverage of the skills at the target of the given tier.
    Result<Coverage> coverageFor(std::string_view tier, Date on);

    // Staffing for the recommendation, or nothing when no one is in the matrix yet.
    Result<std::optional<scoring::Staffing>> staffingFor(std::string_view tier, Date on);

private:
    store::PeopleStore& m_store;
    const SkillCatalog& m_catalog;
};

}  // namespace kiosk::skills
