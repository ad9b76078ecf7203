// Loading and checking of the tier and recommendation catalogues.
#include "scoring/policy.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "questionnaire/toml_reader.hpp"
#include "scoring/engine.hpp"
#include "questionnaire/validator.hpp"
#include "util/file.hpp"

namespace kiosk::scoring {

using questionnaire::detail::posOf;
using questionnaire::detail::Reader;

namespace {

bool isDate(const std::string& s) {
    return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

constexpr std::array<std::pair<std::string_view, Decision>, 4> kDecisions{{
    {"not_needed", Decision::NotNeeded},
    {"consider", Decision::Consider},
    {"recommended", Decision::Recommended},
    {"urgent", Decision::Urgent},
}};

void readTiers(Reader& r, const toml::table& root, const questionnaire::Catalog& catalog, Policy& p) {
    r.allowOnly(root, "tiers.toml", {"settings", "tiers", "rules"});
    if (const auto* settings = root.get("settings") ? root.get("settings")->as_table() : nullptr) {
        r.allowOnly(*settings, "[settings]", {"questionnaire", "default_tier", "measure_tolerance"});
        p.profileQuestionnaire = r.string(*settings, "questionnaire", "[settings]", true).value_or(p.profileQuestionnaire);
        p.defaultTier = r.string(*settings, "default_tier", "[settings]", true).value_or(p.defaultTier);
        if (auto tolerance = r.number(*settings, "measure_tolerance", "[settings]")) {
            if (*tolerance < 0 || *tolerance > 0.5)
                r.error(*settings->get("measure_tolerance"), "measure_tolerance must be between 0 and 0.5 (a fraction of the measures)");
            p.measureTolerance = *tolerance;
        }
    } else {
        r.error(SourcePos{1, 1}, "tiers.toml has no [settings] table");
    }
    const questionnaire::Questionnaire* profile = catalog.find(p.profileQuestionnaire);
    if (!profile)
        r.error(SourcePos{1, 1}, fmt::format("the profile questionnaire '{}' that the tier rules read is not loaded (is it valid?)",
                                             p.profileQuestionnaire));

    for (const toml::table* t : r.tables(root, "tiers", "tiers.toml")) {
        r.allowOnly(*t, "a tier", {"id", "rank", "name", "description", "staffing", "citation"});
        Tier tier;
        tier.id = r.identifier(*t, "id", "a tier");
        const std::string where = fmt::format("tier '{}'", tier.id);
        const auto rank = r.integer(*t, "rank", where, 1, 100);
        tier.rank = rank.value_or(0);
        tier.name = r.text(*t, "name", where, true);
        tier.description = r.text(*t, "description", where, true);
        tier.citation = r.string(*t, "citation", where, true).value_or("");
        const toml::node* staffing = t->get("staffing");
        if (const auto* s = staffing ? staffing->as_table() : nullptr) {
            r.allowOnly(*s, fmt::format("the staffing of {}", where), {"knowledge", "security", "both"});
            // Counts of people in one facility; 1000 is far above any tier's need.
            const std::string staffingOf = fmt::format("the staffing of {}", where);
            const auto knowledge = r.integer(*s, "knowledge", staffingOf, 0, 1000);
            const auto security = r.integer(*s, "security", staffingOf, 0, 1000);
            const auto both = r.integer(*s, "both", staffingOf, 0, 1000);
            tier.staffing.knowledge = knowledge.value_or(0);
            tier.staffing.security = security.value_or(0);
            tier.staffing.both = both.value_or(0);
            // Someone who counts for both also counts for each; the reverse cannot hold.
            if (knowledge && security && both && (*both > *knowledge || *both > *security))
                r.error(*s, fmt::format("{} asks for {} people with both, but for only {} with knowledge and {} with a security "
                                        "qualification; everyone counted in both also counts in each, so both cannot be larger",
                                        staffingOf, tier.staffing.both, tier.staffing.knowledge, tier.staffing.security));
        } else {
            r.error(posOf(*t), fmt::format("{} needs staffing = {{ knowledge = N, security = N, both = N }}", where));
        }
        // (A rank already reported as invalid is not compared, to avoid a second, derived message.)
        if (rank && !p.tiers.empty() && p.tiers.back().rank > 0 && tier.rank != p.tiers.back().rank + 1)
            r.error(posOf(*t), fmt::format("{} has rank {}; tiers are listed in rising order with ranks 1, 2, 3 …", where, tier.rank));
        p.tiers.push_back(std::move(tier));
    }
    for (auto id : questionnaire::kTierIds)
        if (!p.tier(id)) r.error(SourcePos{1, 1}, fmt::format("tiers.toml does not define the tier '{}'", id));
    if (!p.tier(p.defaultTier)) r.error(SourcePos{1, 1}, fmt::format("default_tier '{}' is not one of the tiers", p.defaultTier));

    std::set<std::string> ruleIds;
    for (const toml::table* t : r.tables(root, "rules", "tiers.toml")) {
        r.allowOnly(*t, "a tier rule", {"id", "tier", "explanation", "citation", "when"});
        TierRule rule;
        rule.id = r.identifier(*t, "id", "a tier rule");
        const std::string where = fmt::format("tier rule '{}'", rule.id);
        if (!rule.id.empty() && !ruleIds.insert(rule.id).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
        rule.tier = r.string(*t, "tier", where, true).value_or("");
        if (!rule.tier.empty() && !p.tier(rule.tier))
            r.error(*t->get("tier"), fmt::format("{} names tier '{}', which is not defined", where, rule.tier));
        rule.explanation = r.text(*t, "explanation", where, true);
        rule.citation = r.string(*t, "citation", where, true).value_or("");
        if (const toml::node* when = t->get("when")) {
            rule.when = questionnaire::detail::readCondition(r, *when, where);
            Diagnostics found;
            if (profile) questionnaire::checkConditionAgainst(rule.when, *profile, fmt::format("the condition of {}", where), r.file(), found);
            for (auto& d : found) r.error(d.pos, d.message);
        } else {
            r.error(posOf(*t), fmt::format("{} has no 'when' condition", where));
        }
        p.tierRules.push_back(std::move(rule));
    }
    if (p.tierRules.empty()) r.error(SourcePos{1, 1}, "tiers.toml defines no [[rules]]");

    // Every profile question must matter or say that it does not: read by a tier rule, read by
    // the engine, or marked informational = true.
    if (profile) {
        std::set<std::string> read;
        std::function<void(const questionnaire::Condition&)> collect = [&](const questionnaire::Condition& c) {
            if (c.kind == questionnaire::Condition::Kind::Test) read.insert(c.question);
            for (const auto& child : c.children) collect(child);
        };
        for (const auto& rule : p.tierRules) collect(rule.when);
        for (auto id : profileQuestionsRead()) read.insert(std::string(id));
        for (const auto& q : profile->questions) {
            if (read.count(q.id) && q.informational)
                r.diagnostics().push_back({profile->file, q.pos, fmt::format("question '{}' is marked informational, but a rule reads it; remove "
                                                                        "informational = true", q.id)});
            else if (!read.count(q.id) && !q.informational)
                r.diagnostics().push_back({profile->file, q.pos, fmt::format("question '{}' is read by no tier rule and not by the "
                                                                        "recommendation; use it in tiers.toml or mark it "
                                                                        "informational = true so that the screen says it is not "
                                                                        "used for the decision", q.id)});
        }
    }
}

void readRecommendation(Reader& r, const toml::table& root, Policy& p) {
    r.allowOnly(root, "recommendation.toml", {"thresholds", "decisions", "rules", "routes", "texts"});
    if (const auto* t = root.get("thresholds") ? root.get("thresholds")->as_table() : nullptr) {
        r.allowOnly(*t, "[thresholds]", {"in_place_score", "consider_score", "urgent_score", "urgent_critical_gaps", "unknown_findings"});
        auto& th = p.thresholds;
        const auto score = [&](std::string_view key, double& out) {
            if (auto v = r.number(*t, key, "[thresholds]")) {
                if (*v < 0 || *v > 100) r.error(*t->get(key), fmt::format("{} must be a score from 0 to 100", key));
                out = *v;
            } else {
                r.error(posOf(*t), fmt::format("[thresholds] is missing '{}'", key));
            }
        };
        const auto count = [&](std::string_view key, int& out) {
            if (!t->contains(key)) r.error(posOf(*t), fmt::format("[thresholds] is missing '{}'", key));
            else if (auto v = r.integer(*t, key, "[thresholds]", 1, 1000)) out = *v;
        };
        score("in_place_score", th.inPlaceScore);
        score("consider_score", th.considerScore);
        score("urgent_score", th.urgentScore);
        count("urgent_critical_gaps", th.urgentCriticalGaps);
        count("unknown_findings", th.unknownFindings);
        if (th.urgentScore > th.considerScore)
            r.error(posOf(*t), "urgent_score must not be above consider_score");
    } else {
        r.error(SourcePos{1, 1}, "recommendation.toml has no [thresholds] table");
    }

    if (const auto* d = root.get("decisions") ? root.get("decisions")->as_table() : nullptr) {
        r.allowOnly(*d, "[decisions]", {"not_needed", "consider", "recommended", "urgent"});
        for (const auto& [name, decision] : kDecisions) p.decisionNames[decision] = r.text(*d, name, "[decisions]", true);
    } else {
        r.error(SourcePos{1, 1}, "recommendation.toml has no [decisions] table");
    }

    std::set<std::string> seen;
    for (const toml::table* t : r.tables(root, "rules", "recommendation.toml")) {
        r.allowOnly(*t, "a decision rule", {"id", "decision", "text", "citation"});
        DecisionRule rule;
        rule.id = r.identifier(*t, "id", "a decision rule");
        const std::string where = fmt::format("decision rule '{}'", rule.id);
        if (!seen.insert(rule.id).second) r.error(posOf(*t), fmt::format("{} is defined twice", where));
        if (auto name = r.string(*t, "decision", where, true)) {
            if (auto d = parseDecision(*name)) rule.decision = *d;
            else r.error(*t->get("decision"), fmt::format("{} has decision '{}'; use not_needed, consider, recommended or urgent", where, *name));
        }
        rule.text = r.text(*t, "text", where, true);
        rule.citation = r.string(*t, "citation", where, true).value_or("");
        p.decisionRules.push_back(std::move(rule));
    }
    for (auto id : requiredRuleIds())
        if (!seen.count(std::string(id))) r.error(SourcePos{1, 1}, fmt::format("recommendation.toml lacks the rule '{}', which the engine uses", id));
    for (const auto& rule : p.decisionRules) {
        const auto& ids = requiredRuleIds();
        if (std::find(ids.begin(), ids.end(), rule.id) == ids.end())
            r.error(SourcePos{1, 1}, fmt::format("decision rule '{}' is not known to the engine (known: {})", rule.id, fmt::join(ids, ", ")));
    }

    seen.clear();
    for (const toml::table* t : r.tables(root, "routes", "recommendation.toml")) {
        r.allowOnly(*t, "a route", {"id", "name", "description", "citation", "status", "status_checked", "status_source", "until_then"});
        RouteInfo route;
        route.id = r.identifier(*t, "id", "a route");
        const std::string where = fmt::format("route '{}'", route.id);
        seen.insert(route.id);
        route.name = r.text(*t, "name", where, true);
        route.description = r.text(*t, "description", where, true);
        route.citation = r.string(*t, "citation", where, true).value_or("");
        if (auto status = r.string(*t, "status", where, true)) {
            if (*status == "available") route.status = RouteStatus::Available;
            else if (*status == "planned") route.status = RouteStatus::Planned;
            else if (*status == "proposed") route.status = RouteStatus::Proposed;
            else r.error(*t->get("status"), fmt::format("{} has status '{}'; use available, planned or proposed", where, *status));
        }
        route.statusChecked = r.string(*t, "status_checked", where, true).value_or("");
        if (t->contains("status_checked") && !isDate(route.statusChecked))
            r.error(*t->get("status_checked"), fmt::format("status_checked of {} must be a date, YYYY-MM-DD", where));
        route.statusSource = r.string(*t, "status_source", where, true).value_or("");
        // A route that does not exist yet must say what to do meanwhile; one that exists must not.
        if (route.status != RouteStatus::Available) route.untilThen = r.text(*t, "until_then", where, true);
        else if (const toml::node* n = t->get("until_then")) r.error(*n, fmt::format("{} is available, so it needs no until_then", where));
        p.routes.push_back(std::move(route));
    }
    for (auto id : requiredRouteIds())
        if (!seen.count(std::string(id))) r.error(SourcePos{1, 1}, fmt::format("recommendation.toml lacks the route '{}'", id));

    if (const auto* texts = root.get("texts") ? root.get("texts")->as_table() : nullptr) {
        for (auto&& [key, node] : *texts) p.texts[std::string(key.str())] = r.textOf(node, fmt::format("text '{}'", key.str()));
    }
    for (auto key : requiredTextKeys())
        if (!p.texts.count(std::string(key))) r.error(SourcePos{1, 1}, fmt::format("recommendation.toml lacks the text '{}' in [texts]", key));
}


}  // namespace

std::string_view routeStatusName(RouteStatus status) {
    switch (status) {
    case RouteStatus::Available:
        return "available";
    case RouteStatus::Planned:
        return "planned";
    case RouteStatus::Proposed:
        return "proposed";
    }
    return "proposed";
}

std::string_view decisionName(Decision decision) {
    for (const auto& [name, d] : kDecisions)
        if (d == decision) return name;
    return "?";
}

std::optional<Decision> parseDecision(std::string_view name) {
    for (const auto& [n, d] : kDecisions)
        if (n == name) return d;
    return std::nullopt;
}

const std::vector<std::string_view>& requiredRuleIds() {
    static const std::vector<std::string_view> ids{"urgent_critical_gaps", "urgent_low_score", "tier_gap_with_staff_shortage",
                                                   "critical_gap_no_expert", "no_duty_holder", "single_person_dependency",
                                                   "dependency_backed_by_outside_help", "staffing_at_risk",
                                                   "single_person_skills", "tier_gap", "low_score",
                                                   "many_unknowns", "critical_gap", "all_clear"};
    return ids;
}

const std::vector<std::string_view>& requiredRouteIds() {
    static const std::vector<std::string_view> ids{"registered_specialist", "medcsc", "regional_advisor", "part_time_specialist"};
    return ids;
}

const std::vector<std::string_view>& requiredTextKeys() {
    static const std::vector<std::string_view> keys{
        "route_registered_no_security", "route_registered_gaps", "route_medcsc_unknowns", "route_medcsc_general",
        "route_regional_supported",     "route_regional_urgent", "route_part_time_staff", "route_part_time_single",
        "action_fix_critical",          "action_find_unknowns",  "action_second_person",  "action_train_security",
        "action_train_healthcare",      "action_build_team",     "action_keep_going",     "provider",
        "action_cover_skill_gaps",      "action_second_person_skills", "action_renew_qualifications",
        "achieved_none",                "achieved_tier",         "achieved_blocked_measures", "achieved_blocked_staff",
        "achieved_blocked_essentials",  "expected_default",      "route_in_place",        "route_backup_single",
        "action_name_duty_holder",      "outside_help_group",    "status_available",      "status_planned",
        "status_proposed",              "answer_no_department",  "route_registered_score"};
    return keys;
}

const Tier* Policy::tier(std::string_view id) const {
    for (const auto& t : tiers)
        if (t.id == id) return &t;
    return nullptr;
}

int Policy::rankOf(std::string_view tierId) const {
    const Tier* t = tier(tierId);
    return t ? t->rank : 0;
}

const DecisionRule& Policy::rule(std::string_view id) const {
    for (const auto& r : decisionRules)
        if (r.id == id) return r;
    throw std::logic_error(fmt::format("decision rule '{}' missing from a validated policy", id));
}

const RouteInfo& Policy::route(std::string_view id) const {
    for (const auto& r : routes)
        if (r.id == id) return r;
    throw std::logic_error(fmt::format("route '{}' missing from a validated policy", id));
}

const LocalizedText& Policy::text(std::string_view key) const {
    auto it = texts.find(std::string(key));
    if (it == texts.end()) throw std::logic_error(fmt::format("text '{}' missing from a validated policy", key));
    return it->second;
}

PolicyResult parsePolicy(std::string_view tiersText, const std::string& tiersFile, std::string_view recommendationText,
                         const std::string& recommendationFile, const questionnaire::Catalog& catalog) {
    PolicyResult result;
    Policy policy;
    {
        Reader r(tiersFile, result.diagnostics);
        if (auto root = questionnaire::detail::parseToml(r, tiersText)) readTiers(r, *root, catalog, policy);
    }
    {
        Reader r(recommendationFile, result.diagnostics);
        if (auto root = questionnaire::detail::parseToml(r, recommendationText)) readRecommendation(r, *root, policy);
    }
    if (result.diagnostics.empty()) result.policy = std::move(policy);
    return result;
}

PolicyResult loadPolicy(const std::filesystem::path& dir, const questionnaire::Catalog& catalog) {
    const auto tiersFile = dir / "tiers.toml";
    const auto recommendationFile = dir / "recommendation.toml";
    const auto tiers = readFile(tiersFile);
    const auto recommendation = readFile(recommendationFile);
    if (!tiers || !recommendation) {
        PolicyResult result;
        if (!tiers) result.diagnostics.push_back({tiersFile.string(), {0, 0}, fmt::format("cannot read the tier rules: {}", readProblem(tiers.error(), tiersFile))});
        if (!recommendation)
            result.diagnostics.push_back(
                {recommendationFile.string(), {0, 0}, fmt::format("cannot read the recommendation rules: {}", readProblem(recommendation.error(), recommendationFile))});
        return result;
    }
    return parsePolicy(*tiers, tiersFile.string(), *recommendation, recommendationFile.string(), catalog);
}

}  // namespace kiosk::scoring
