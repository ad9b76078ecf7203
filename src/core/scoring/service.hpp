// Scoring of stored assessments: computes the result of a completed security-measures assessment
// with the facility's profile, stores it with the assessment, and from then on returns the stored
// result unchanged, whatever happens to the questionnaires or rules later.
#pragma once

#include <optional>
#include <string>

#include "assessment/service.hpp"
#include "scoring/engine.hpp"
#include "scoring/policy.hpp"
#include "skills/service.hpp"
#include "store/result_store.hpp"

namespace kiosk::scoring {

class ScoringService {
public:
    // `policy` may be null when the rules could not be loaded; scoring then explains why it cannot run.
    ScoringService(assessment::AssessmentService& assessments, store::ResultStore& results, const questionnaire::Catalog& catalog,
                   const Policy* policy, std::string policyProblem = {})
        : m_assessments(assessments), m_results(results), m_catalog(catalog), m_policy(policy), m_policyProblem(std::move(policyProblem)) {}

    // The stored result of a measures assessment, or, the first time, a new one computed with the
    // given profile (default: the latest profile completed before it) and stored when the
    // assessment is completed. An assessment in progress is scored but not stored.
    Result<FacilityResult> resultFor(const std::string& uuidOrPrefix, const std::optional<std::string>& profileUuid = std::nullopt);

    bool available() const { return m_policy != nullptr; }
    // The decision stored for an assessment, if it has a result.
    std::optional<Decision> storedDecision(const std::string& assessmentUuid);
    // The decision and overall score stored for an assessment, read without parsing its result.
    struct StoredSummary {
        Decision decision = Decision::NotNeeded;
        double overall = 0;
    };
    std::optional<StoredSummary> storedSummary(const std::string& assessmentUuid);
    // The expected tier of the newest stored result, if there is one (the skill matrix's default target).
    std::optional<std::string> latestExpectedTier();
    // With a skill matrix, staffing comes from it (when it has people) instead of the profile.
    void useSkillMatrix(skills::SkillService* skills) { m_skills = skills; }
    const std::string& problem() const { return m_policyProblem; }

private:
    assessment::AssessmentService& m_assessments;
    store::ResultStore& m_results;
    const questionnaire::Catalog& m_catalog;
    const Policy* m_policy;
    std::string m_policyProblem;
    skills::SkillService* m_skills = nullptr;
};

}  // namespace kiosk::scoring
