// The data the scoring engine works from: facility tiers with the rules that give a facility its
// expected tier (tiers.toml), and the thresholds, rules, routes and wording of the
// recommendation (recommendation.toml). Loaded and checked like questionnaires.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "questionnaire/loader.hpp"
#include "questionnaire/model.hpp"
#include "util/diagnostic.hpp"

namespace kiosk::scoring {

enum class Decision { NotNeeded, Consider, Recommended, Urgent };
std::string_view decisionName(Decision decision);
std::optional<Decision> parseDecision(std::string_view name);

struct StaffingNeed {
    int knowledge = 0;  // meet the knowledge assurance of medical information systems
    int security = 0;   // hold a security qualification
    int both = 0;
};

struct Tier {
    std::string id;
    int rank = 0;
    LocalizedText name;
    LocalizedText description;
    StaffingNeed staffing;
    std::string citation;
};

struct TierRule {
    std::string id;
    std::string tier;
    LocalizedText explanation;
    std::string citation;
    questionnaire::Condition when;
};

struct DecisionRule {
    std::string id;
    Decision decision = Decision::NotNeeded;
    LocalizedText text;
    std::string citation;
};

// Whether a route exists today. The source report describes most routes as proposals or
// plans; the results must never present them as services one can call now.
enum class RouteStatus { Available, Planned, Proposed };
std::string_view routeStatusName(RouteStatus status);

struct RouteInfo {
    std::string id;
    LocalizedText name;
    LocalizedText description;
    std::string citation;
    RouteStatus status = RouteStatus::Proposed;
    std::string statusChecked;  // YYYY-MM-DD: when the status was last checked
    std::string statusSource;   // what it was checked against
    LocalizedText untilThen;    // what to do until a planned or proposed route exists
};

struct Thresholds {
    double inPlaceScore = 100;
    double considerScore = 80;
    double urgentScore = 40;
    int urgentCriticalGaps = 2;
    int unknownFindings = 5;
};

struct Policy {
    // tiers.toml
    std::string profileQuestionnaire = "facility_profile";
    std::string defaultTier = "supported";
    double measureTolerance = 0.15;
    std::vector<Tier> tiers;  // rising rank
    std::vector<TierRule> tierRules;
    // recommendation.toml
    Thresholds thresholds;
    std::map<Decision, LocalizedText> decisionNames;
    std::vector<DecisionRule> decisionRules;
    std::vector<RouteInfo> routes;
    std::map<std::string, LocalizedText> texts;

    const Tier* tier(std::string_view id) const;
    int rankOf(std::string_view tierId) const;  // 0 when unknown
    const DecisionRule& rule(std::string_view id) const;
    const RouteInfo& route(std::string_view id) const;
    const LocalizedText& text(std::string_view key) const;
};

// Rule ids, route ids and text keys the engine uses; the policy files must define each of them.
const std::vector<std::string_view>& requiredRuleIds();
const std::vector<std::string_view>& requiredRouteIds();
const std::vector<std::string_view>& requiredTextKeys();

// Reads tiers.toml and recommendation.toml from the content folder. Tier rules are checked
// against the profile questionnaire (every question exists, every test fits its type).
struct PolicyResult {
    std::optional<Policy> policy;
    Diagnostics diagnostics;
};
PolicyResult loadPolicy(const std::filesystem::path& dir, const questionnaire::Catalog& catalog);
PolicyResult parsePolicy(std::string_view tiersText, const std::string& tiersFile, std::string_view recommendationText,
                         const std::string& recommendationFile, const questionnaire::Catalog& catalog);

}  // namespace kiosk::scoring
