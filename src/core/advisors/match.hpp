// Matching a facility's result against the advisor directory: the candidates for the routes the
// result recommends, filtered by knowledge of medical information systems (or security only),
// registration, the prefecture served and availability; ranked by how many of the facility's gap
// domains their menus and skills cover, then by experience. Every candidate carries the reasons;
// when nobody matches, the result says which criterion excluded the most advisors and what to do
// instead (the route's advice until a list exists).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "advisors/model.hpp"
#include "scoring/result.hpp"

namespace kiosk::advisors {

struct MatchOptions {
    std::optional<std::string> prefecture;  // the facility's prefecture (code); nothing: any
    bool securityOnly = false;              // do not require knowledge of medical information systems
    bool requireRegistration = true;        // registration in force (valid or due for renewal)
    bool needOnSite = false;                // the advisor must be able to visit
    int minDaysPerMonth = 0;                // 0: any
    Date on;                                // the day statuses are judged on
};

// The criteria in the order a match applies them; CriterionDef ids.
inline const std::vector<std::string> kCriteria{"route", "knowledge", "registration", "prefecture", "availability"};

struct Coverage {
    std::string domain;
    std::vector<std::string> menus;   // the advisor's menus that cover it
    std::vector<std::string> skills;  // the advisor's skills in it
};

struct Candidate {
    const Advisor* advisor = nullptr;
    AdvisorStanding standing;
    std::string route;                // the route the advisor's source serves
    std::vector<Coverage> covers;     // the facility's gap domains the advisor covers, in gap order
    bool servesByHome = false;        // the prefecture is the advisor's own (else listed in serves, or nationwide)
};

struct FallbackRoute {
    std::string route;
    LocalizedText name;
    LocalizedText advice;  // the route's "until then", or its description when it is available
};

struct MatchResult {
    std::vector<std::string> gapDomains;  // the domains of the result's gaps, most urgent first
    std::vector<std::string> routes;      // the routes searched
    bool routesFromResult = true;         // false: the result names no route, every route was searched
    int considered = 0;                   // advisors in the directory
    std::vector<Candidate> candidates;    // ranked
    std::map<std::string, int> excludedBy;  // criterion id -> advisors it excluded (an advisor may fail several)
    // When there is no candidate: the criterion that excluded the most, and what to do instead.
    std::string mostExcluding;
    std::vector<FallbackRoute> fallbacks;
};

MatchResult match(const scoring::FacilityResult& result, const std::vector<Advisor>& advisors, const AdvisorCatalog& catalog,
                  const MatchOptions& options);

// The reasons of one candidate, as lines a person reads: the gaps covered, the knowledge
// assurance, the registration, the prefecture, the availability, and a stale entry.
std::vector<std::string> reasonLines(const Candidate& candidate, const AdvisorCatalog& catalog, Lang lang);
// The sentences that explain an empty match: which criterion left nobody, and what to do instead.
std::vector<std::string> noMatchLines(const MatchResult& match, const AdvisorCatalog& catalog, Lang lang);

}  // namespace kiosk::advisors
