// Scoring stored assessments, and keeping their results.
#include "scoring/service.hpp"

#include <fmt/format.h>

namespace kiosk::scoring {

Result<FacilityResult> ScoringService::resultFor(const std::string& uuidOrPrefix, const std::optional<std::string>& profileUuid) {
    auto measures = m_assessments.open(uuidOrPrefix);
    if (!measures) return Error{measures.error()};
    const auto& record = measures->record;
    if (measures->session.questionnaire().kind != questionnaire::Kind::SecurityMeasures)
        return Error{fmt::format("assessment {} is a {} questionnaire; results are computed for the security measures", record.uuid,
                                 record.questionnaireId)};

    auto stored = m_results.get(record.uuid);
    if (!stored) return Error{stored.error()};
    if (*stored && !profileUuid) return fromJson((*stored)->json);

    if (!m_policy) return Error{fmt::format("the scoring rules could not be loaded: {}", m_policyProblem)};
    std::optional<std::string> profileId = profileUuid;
    if (!profileId) {
        auto latest = m_results.latestCompleted(m_policy->profileQuestionnaire, record.completedAt);
        if (!latest) return Error{latest.error()};
        if (!*latest) latest = m_results.latestCompleted(m_policy->profileQuestionnaire, std::nullopt);
        if (!latest) return Error{latest.error()};
        if (!*latest)
            return Error{fmt::format("no completed facility profile ({}) to score with; complete the profile first",
                                     m_policy->profileQuestionnaire)};
        profileId = **latest;
    }
    auto profile = m_assessments.open(*profileId);
    if (!profile) return Error{profile.error()};
    if (profile->session.questionnaire().id != m_policy->profileQuestionnaire)
        return Error{fmt::format("assessment {} is not a {} assessment", profile->uuid, m_policy->profileQuestionnaire)};

    FacilityInput input{&profile->session, &measures->session, std::nullopt, nullptr};
    if (m_skills) {
        input.staffingForTier = [this](std::string_view tier) -> std::optional<Staffing> {
            auto staffing = m_skills->staffingFor(tier, skills::today());
            return staffing ? *staffing : std::nullopt;
        };
    }
    FacilityResult result = evaluate(*m_policy, m_catalog, input);
    result.assessment = record.uuid;
    result.profileAssessment = profile->uuid;
    result.computedAt = m_results.now();
    auto previous = m_results.previous(record.uuid);
    if (!previous) return Error{previous.error()};
    if (*previous) {
        auto before = fromJson((*previous)->json);
        if (before) compareWithPrevious(result, *before);
    }
    // Only a completed assessment's result is kept; it is never recomputed afterwards.
    // A read-only database (an auditor's copy) is scored the same way but left as it is.
    if (record.status == store::AssessmentStatus::Completed && !*stored && !m_results.readOnly()) {
        if (auto s = m_results.save({record.uuid, profile->uuid, result.engineVersion, std::string(decisionName(result.decision)),
                                     result.overall, result.computedAt, toJson(result)});
            !s)
            return Error{s.error()};
    }
    return result;
}

std::optional<ScoringService::StoredSummary> ScoringService::storedSummary(const std::string& assessmentUuid) {
    auto stored = m_results.get(assessmentUuid);
    if (!stored || !*stored) return std::nullopt;
    auto decision = parseDecision((*stored)->decision);
    if (!decision) return std::nullopt;
    return StoredSummary{*decision, (*stored)->overall};
}

std::optional<Decision> ScoringService::storedDecision(const std::string& assessmentUuid) {
    auto summary = storedSummary(assessmentUuid);
    if (!summary) return std::nullopt;
    return summary->decision;
}

std::optional<std::string> ScoringService::latestExpectedTier() {
    auto latest = m_results.latest();
    if (!latest || !*latest) return std::nullopt;
    auto result = fromJson((*latest)->json);
    if (!result) return std::nullopt;
    return result->expectedTier;
}

}  // namespace kiosk::scoring
