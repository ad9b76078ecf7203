// What the scoring engine concludes about a facility: scores, tiers, the decision, the routes
// and in-house actions, and an explanation (rule, inputs, citation) for every conclusion. The
// result is self-contained (it carries the texts it shows), so a stored result can be shown and
// exported later exactly as it was.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scoring/policy.hpp"
#include "util/result.hpp"
#include "util/text.hpp"

namespace kiosk::scoring {

// 2: the overall score counts the measures of the expected tier only; readiness for the next
// tier is reported beside it; routes carry their status.
inline constexpr int kEngineVersion = 2;

struct Explanation {
    std::string rule;
    LocalizedText text;
    std::vector<std::pair<std::string, std::string>> inputs;  // question id or figure, value given
    std::string citation;
};

struct ItemScore {
    std::string id;
    LocalizedText text;
    LocalizedText help;
    LocalizedText action;  // what to do so that it is in place; empty in results stored before it existed
    std::string domain;    // a domain id; its name is the ScoreLine of the same id in FacilityResult::domains
    std::string csf;
    std::string minTier;
    bool critical = false;
    double weight = 1;
    std::string answer;            // option id, or "unanswered"
    LocalizedText answerLabel;
    std::optional<double> score;   // nothing when not applicable
    bool unknown = false;          // わからない (or unanswered): not in place, and a finding
    bool inPlace = false;
    std::vector<std::string> references;

    // How a gap is listed: the action, or the question for results stored before actions existed.
    const LocalizedText& actionOrText() const { return action.empty() ? text : action; }
};

struct ScoreLine {
    std::string id;
    LocalizedText name;
    double score = 0;   // 0–100 over applicable items
    double target = 0;  // what a facility of the expected tier is expected to reach
    int applicable = 0;
    int inPlace = 0;
};

// People who can carry security, from the profile's answers or (when it exists) the skill matrix.
struct Staffing {
    int knowledge = 0;    // meet the knowledge assurance of medical information systems
    int security = 0;     // hold a security qualification
    int both = 0;
    int dutyHolders = 0;  // people who share the security duties
    std::string source = "profile";
    // From the skill matrix only:
    std::vector<std::string> uncoveredSkills;     // nobody at the target level
    std::vector<std::string> singlePersonSkills;  // exactly one person at the target level
    int expiringPeople = 0;                       // people whose counting qualification is expiring
    // Staffing on the day after the renewal window if the expiring qualifications lapsed, and the
    // first due date among them (YYYY-MM-DD); -1 / empty when unknown (profile counts).
    int knowledgeIfLapsed = -1, securityIfLapsed = -1, bothIfLapsed = -1;
    std::string expiringBy;
    // Names of the skills above, as shown (ids are kept for the record).
    std::vector<LocalizedText> uncoveredSkillNames;
    std::vector<LocalizedText> singlePersonSkillNames;
    std::vector<LocalizedText> singlePersonDutySkillNames;  // of them, skills of the security duties
};

struct RouteAdvice {
    std::string id;
    LocalizedText name;
    LocalizedText description;
    LocalizedText reason;
    std::string citation;
    std::string status = "proposed";  // available, planned, proposed (RouteStatus)
    LocalizedText statusName;         // as shown: 利用できる / 計画段階 / 提案段階 …
    std::string statusChecked;        // YYYY-MM-DD
    std::string statusSource;
    LocalizedText untilThen;          // empty when available
    bool inPlace = false;             // the facility already has this kind of help
};

struct Action {
    std::string id;
    LocalizedText text;
};

struct QuestionnaireRef {
    std::string id;
    std::string version;
    std::string contentHash;
};

struct Change {
    std::string previousAssessment;
    std::string previousComputedAt;
    double previousOverall = 0;
    std::string previousDecision;
    std::vector<std::pair<std::string, double>> domainDeltas;  // domain id, score now minus before
};

struct FacilityResult {
    int engineVersion = kEngineVersion;
    std::string computedAt;
    std::string assessment;         // the measures assessment, when scored from the database
    std::string profileAssessment;  // the profile it was scored with
    QuestionnaireRef measures;
    QuestionnaireRef profile;

    double overall = 0;                    // over the measures of the expected tier
    std::string nextTier;                  // the tier above the expected one, if any
    LocalizedText nextTierName;
    std::optional<double> nextTierReadiness;  // score over the measures that tier adds
    std::vector<ScoreLine> domains;
    std::vector<ScoreLine> functions;  // NIST CSF 2.0
    std::vector<ItemScore> items;      // every measure, in questionnaire order
    std::vector<std::string> gaps;     // ids of items not in place, in priority order (critical first)

    Staffing staffing;
    std::string expectedTier;
    LocalizedText expectedTierName;
    std::vector<Explanation> expectedWhy;
    std::string achievedTier;  // "none" when not even the first tier is met
    LocalizedText achievedTierName;
    std::vector<Explanation> achievedWhy;

    Decision decision = Decision::NotNeeded;
    LocalizedText decisionName;
    LocalizedText summary;  // one sentence: the weightiest reason
    std::vector<Explanation> why;
    std::vector<RouteAdvice> routes;
    std::vector<Action> actions;
    bool provider = false;
    std::optional<Explanation> providerWhy;
    std::optional<Change> change;

    const ItemScore* item(std::string_view id) const;
    const ScoreLine* domain(std::string_view id) const;  // the line of a domain id, for its name; null if absent
    std::vector<const ItemScore*> criticalGaps() const;
    std::vector<const ItemScore*> unknowns() const;
};

std::string toJson(const FacilityResult& result, int indent = 2);
Result<FacilityResult> fromJson(const std::string& json);

// The result as plain text for the terminal, in one language.
std::string toText(const FacilityResult& result, Lang lang);

}  // namespace kiosk::scoring
