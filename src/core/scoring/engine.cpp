// Scores, tiers and the recommendation. Thresholds, wording and citations come from the policy
// files; the order of reasoning follows the source report: essentials first, then whether the
// facility reaches the tier its role calls for, then whether it has the people for it.
#include "scoring/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "assessment/conditions.hpp"
#include "i18n/strings.hpp"

namespace kiosk::scoring {
namespace {

using assessment::Answer;
using assessment::Session;
using questionnaire::Condition;
using questionnaire::Question;

constexpr std::string_view kCsfNames[][3] = {
    {"GV", "統治（GV）", "Govern (GV)"},   {"ID", "識別（ID）", "Identify (ID)"}, {"PR", "防御（PR）", "Protect (PR)"},
    {"DE", "検知（DE）", "Detect (DE)"},   {"RS", "対応（RS）", "Respond (RS)"},  {"RC", "復旧（RC）", "Recover (RC)"},
};

LocalizedText plain(const std::string& s) { return {s, s}; }

std::string number(double v) { return fmt::format("{}", static_cast<long long>(std::lround(v))); }

// Fills {0}, {1} … of a bilingual pattern with bilingual arguments.
LocalizedText fill(const LocalizedText& pattern, const std::vector<LocalizedText>& args) {
    auto one = [&](Lang lang) {
        std::string out = pattern.get(lang);
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string key = "{" + std::to_string(i) + "}";
            for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + args[i].get(lang).size()))
                out.replace(at, key.size(), args[i].get(lang));
        }
        return out;
    };
    return {one(Lang::Ja), one(Lang::En)};
}

// The answers a session gives, as a lookup that hides answers of questions not shown.
assessment::AnswerLookup visibleAnswers(const Session& session) {
    return [&session](std::string_view id) -> const Answer* {
        const int i = session.questionnaire().indexOf(id);
        if (i < 0 || !session.isVisible(i)) return nullptr;
        return session.answer(id);
    };
}

std::string rawAnswer(const Session& session, std::string_view id) {
    const int i = session.questionnaire().indexOf(id);
    if (i < 0) return "(unknown question)";
    if (!session.isVisible(i)) return "(not shown)";
    const Answer* a = session.answer(id);
    if (!a) return "(unanswered)";
    if (a->skipped) return "(skipped)";
    return assessment::encodeAnswer(session.question(i), *a);
}

void questionsOf(const Condition& c, std::vector<std::string>& out) {
    if (c.kind == Condition::Kind::Test) {
        if (std::find(out.begin(), out.end(), c.question) == out.end()) out.push_back(c.question);
        return;
    }
    for (const auto& child : c.children) questionsOf(child, out);
}

double numberAnswer(const Session& session, std::string_view id) {
    const auto lookup = visibleAnswers(session);
    const Answer* a = lookup(id);
    return a && a->number ? *a->number : 0;
}

// ---------------------------------------------------------------------------------------------
// Scores

ItemScore scoreItem(const Question& q, const Answer* a, const Policy& policy) {
    ItemScore item;
    item.id = q.id;
    item.text = q.text;
    item.help = q.help;
    item.action = q.action;
    item.domain = q.domain;
    item.csf = q.csf;
    item.minTier = q.minTier;
    item.critical = q.critical;
    item.weight = q.weight;
    item.references = q.references;
    if (!a || a->skipped) {
        item.answer = "unanswered";
        item.answerLabel = {"未回答", "Unanswered"};
        item.score = 0;
        item.unknown = true;
        return item;
    }
    item.answer = a->choice;
    const auto* option = q.findOption(a->choice);
    if (!option) return item;
    item.answerLabel = option->label;
    if (option->notApplicable) return item;  // no score: left out of the denominator
    item.score = option->score.value_or(0);
    item.unknown = option->unknown;
    item.inPlace = !option->unknown && *item.score >= policy.thresholds.inPlaceScore;
    return item;
}

struct Sum {
    double got = 0, possible = 0, target = 0;
    int applicable = 0, inPlace = 0;
    void add(const ItemScore& item, bool expected) {
        if (!item.score) return;
        got += item.weight * *item.score;
        possible += item.weight * 100;
        if (expected) target += item.weight * 100;
        ++applicable;
        if (item.inPlace) ++inPlace;
    }
    ScoreLine line(std::string id, LocalizedText name) const {
        return {std::move(id), std::move(name), possible > 0 ? got / possible * 100 : 0, possible > 0 ? target / possible * 100 : 0,
                applicable, inPlace};
    }
};

void computeScores(FacilityResult& r, const Policy& policy, const questionnaire::Catalog& catalog, int expectedRank) {
    // The overall score, which the thresholds judge, counts only what the facility's tier expects:
    // a clinic's answer to a leading-only item (not done, or not applicable) must not move it.
    // The measures the next tier adds are scored apart, as readiness for that tier.
    Sum overall, next;
    std::map<std::string, Sum> byDomain, byFunction;
    for (const auto& item : r.items) {
        const int rank = policy.rankOf(item.minTier);
        const bool expected = rank <= expectedRank;
        if (expected) overall.add(item, true);
        if (rank == expectedRank + 1) next.add(item, true);
        byDomain[item.domain].add(item, expected);
        byFunction[item.csf].add(item, expected);
    }
    r.overall = overall.line("overall", {}).score;
    for (const auto& t : policy.tiers) {
        if (t.rank != expectedRank + 1) continue;
        r.nextTier = t.id;
        r.nextTierName = t.name;
        if (next.possible > 0) r.nextTierReadiness = next.line("next", {}).score;
    }
    for (const auto& d : catalog.domains)
        if (byDomain.count(d.id)) r.domains.push_back(byDomain[d.id].line(d.id, d.name));
    for (const auto& f : kCsfNames)
        if (byFunction.count(std::string(f[0])))
            r.functions.push_back(byFunction[std::string(f[0])].line(std::string(f[0]), {std::string(f[1]), std::string(f[2])}));
}

void orderGaps(FacilityResult& r, const Policy& policy, int expectedRank) {
    std::vector<const ItemScore*> gaps;
    for (const auto& item : r.items)
        if (item.score && !item.inPlace) gaps.push_back(&item);
    std::stable_sort(gaps.begin(), gaps.end(), [&](const ItemScore* a, const ItemScore* b) {
        if (a->critical != b->critical) return a->critical;
        const bool ea = policy.rankOf(a->minTier) <= expectedRank, eb = policy.rankOf(b->minTier) <= expectedRank;
        if (ea != eb) return ea;
        if (a->weight != b->weight) return a->weight > b->weight;
        return policy.rankOf(a->minTier) < policy.rankOf(b->minTier);
    });
    for (const auto* g : gaps) r.gaps.push_back(g->id);
}

// What the profile already says about a measure: a facility that reports no medical information
// systems department cannot have the department measure in place, whatever was answered there.
void applyProfileFacts(FacilityResult& r, const Policy& policy, const Session& profile) {
    const Answer* department = visibleAnswers(profile)("has_it_department");
    if (!department || department->choice != "no") return;
    for (auto& item : r.items) {
        if (item.id != "gov_dedicated_department" || !item.score) continue;
        item.answer = "no_department";
        item.answerLabel = policy.text("answer_no_department");
        item.score = 0;
        item.inPlace = false;
        item.unknown = false;
    }
}

// ---------------------------------------------------------------------------------------------
// Tiers

void expectedTier(FacilityResult& r, const Policy& policy, const Session& profile) {
    const auto lookup = visibleAnswers(profile);
    int best = 0;
    for (const auto& rule : policy.tierRules) {
        if (!assessment::conditionHolds(rule.when, lookup)) continue;
        Explanation e{rule.id, rule.explanation, {}, rule.citation};
        std::vector<std::string> ids;
        questionsOf(rule.when, ids);
        for (const auto& id : ids) e.inputs.emplace_back(id, rawAnswer(profile, id));
        r.expectedWhy.push_back(std::move(e));
        best = std::max(best, policy.rankOf(rule.tier));
    }
    const Tier* tier = nullptr;
    for (const auto& t : policy.tiers)
        if (t.rank == best) tier = &t;
    if (!tier) {
        tier = policy.tier(policy.defaultTier);
        r.expectedWhy.push_back({"default_tier", fill(policy.text("expected_default"), {tier->name}), {}, tier->citation});
    }
    r.expectedTier = tier->id;
    r.expectedTierName = tier->name;
}

bool staffed(const Staffing& s, const StaffingNeed& need) {
    return s.knowledge >= need.knowledge && s.security >= need.security && s.both >= need.both;
}

std::vector<std::pair<std::string, std::string>> staffingInputs(const Staffing& s) {
    return {{"staff_knowledge", std::to_string(s.knowledge)}, {"staff_security", std::to_string(s.security)},
            {"staff_both", std::to_string(s.both)}, {"security_duty_holders", std::to_string(s.dutyHolders)},
            {"staffing_source", s.source}};
}

void achievedTier(FacilityResult& r, const Policy& policy) {
    // Cumulative: a tier counts only when every tier below it is met too.
    r.achievedTier = "none";
    r.achievedTierName = {"未達", "None yet"};
    for (const auto& tier : policy.tiers) {
        int applicable = 0, inPlace = 0;
        for (const auto& item : r.items) {
            if (!item.score || policy.rankOf(item.minTier) > tier.rank) continue;
            ++applicable;
            if (item.inPlace) ++inPlace;
        }
        const int missing = applicable - inPlace;
        const bool measuresOk = applicable == 0 || missing <= static_cast<int>(std::floor(policy.measureTolerance * applicable + 1e-9));
        // The tolerance never covers an essential measure: each one the tier expects must be in place.
        std::vector<std::string> essentialsMissing;
        for (const auto& item : r.items)
            if (item.critical && item.score && !item.inPlace && policy.rankOf(item.minTier) <= tier.rank) essentialsMissing.push_back(item.id);
        const LocalizedText tolerance = plain(number(policy.measureTolerance * 100));
        std::vector<std::pair<std::string, std::string>> inputs{{"tier", tier.id},
                                                                {"measures_applicable", std::to_string(applicable)},
                                                                {"measures_in_place", std::to_string(inPlace)},
                                                                {"measure_tolerance", fmt::format("{}", policy.measureTolerance)}};
        if (!measuresOk) {
            r.achievedWhy.push_back({"measures_below_tier",
                                     fill(policy.text("achieved_blocked_measures"),
                                          {tier.name, plain(std::to_string(applicable)), plain(std::to_string(inPlace)), tolerance}),
                                     inputs, tier.citation});
            break;
        }
        if (!essentialsMissing.empty()) {
            inputs.emplace_back("essentials_missing", fmt::format("{}", fmt::join(essentialsMissing, ", ")));
            r.achievedWhy.push_back({"essentials_below_tier",
                                     fill(policy.text("achieved_blocked_essentials"), {tier.name, plain(std::to_string(essentialsMissing.size()))}),
                                     inputs, tier.citation});
            break;
        }
        if (!staffed(r.staffing, tier.staffing)) {
            auto staffInputs = staffingInputs(r.staffing);
            inputs.insert(inputs.end(), staffInputs.begin(), staffInputs.end());
            r.achievedWhy.push_back({"staffing_below_tier",
                                     fill(policy.text("achieved_blocked_staff"),
                                          {tier.name, plain(std::to_string(tier.staffing.knowledge)),
                                           plain(std::to_string(tier.staffing.security)), plain(std::to_string(tier.staffing.both)),
                                           plain(std::to_string(r.staffing.knowledge)), plain(std::to_string(r.staffing.security)),
                                           plain(std::to_string(r.staffing.both))}),
                                     inputs, tier.citation});
            break;
        }
        r.achievedTier = tier.id;
        r.achievedTierName = tier.name;
        r.achievedWhy.push_back({"tier_met",
                                 fill(policy.text("achieved_tier"),
                                      {tier.name, plain(std::to_string(applicable)), plain(std::to_string(inPlace)), tolerance}),
                                 inputs, tier.citation});
    }
    if (r.achievedTier == "none" && !r.achievedWhy.empty()) {
        r.achievedWhy.insert(r.achievedWhy.begin(), {"no_tier", policy.text("achieved_none"), {}, policy.tiers.front().citation});
    }
}

// ---------------------------------------------------------------------------------------------
// Recommendation

struct Facts {
    int expectedRank = 0;
    int achievedRank = 0;
    int criticalGaps = 0;
    int unknowns = 0;
    double overall = 0;
    Staffing staffing;
    StaffingNeed need;  // of the expected tier
    std::string criticalList;
    // Outside help the profile says is already in place (labels, as shown), and the routes it covers.
    std::vector<LocalizedText> outsideHelp;
    std::set<std::string> routesInPlace;
};

// What the profile says about help from outside the facility: the external_support options other
// than the vendors' own maintenance (which does not stand in for a security person), and a group
// head office that supports the facility.
void readOutsideHelp(Facts& f, const Policy& policy, const Session& profile) {
    const auto lookup = visibleAnswers(profile);
    static const std::map<std::string, std::string> kRouteOf{
        {"regional_advisor", "regional_advisor"}, {"other_facility", "part_time_specialist"}, {"individual_expert", "registered_specialist"},
        {"security_contract", ""}};
    if (const Answer* a = lookup("external_support"); a && !a->skipped) {
        const Question* q = profile.questionnaire().findQuestion("external_support");
        for (const auto& choice : a->choices) {
            auto it = kRouteOf.find(choice);
            if (it == kRouteOf.end()) continue;
            const auto* option = q ? q->findOption(choice) : nullptr;
            f.outsideHelp.push_back(option ? option->label : plain(choice));
            if (!it->second.empty()) f.routesInPlace.insert(it->second);
        }
    }
    if (const Answer* a = lookup("group_it_support"); a && a->choice == "yes") f.outsideHelp.push_back(policy.text("outside_help_group"));
}

LocalizedText joined(const std::vector<LocalizedText>& items) {
    LocalizedText out;
    for (const auto& t : items) {
        out.ja += (out.ja.empty() ? "" : "、") + t.ja;
        out.en += (out.en.empty() ? "" : "; ") + t.en;
    }
    return out;
}

void decide(FacilityResult& r, const Policy& policy, const Facts& f) {
    const auto& th = policy.thresholds;
    const bool shortOfPeople = !staffed(f.staffing, f.need);
    const LocalizedText gaps = plain(std::to_string(f.criticalGaps));
    const LocalizedText score = plain(number(f.overall));
    const auto add = [&](std::string_view id, std::vector<LocalizedText> args, std::vector<std::pair<std::string, std::string>> inputs) {
        const auto& rule = policy.rule(id);
        r.why.push_back({rule.id, fill(rule.text, args), std::move(inputs), rule.citation});
        r.decision = std::max(r.decision, rule.decision);
    };
    const std::pair<std::string, std::string> both{"staff_both", std::to_string(f.staffing.both)};
    const std::pair<std::string, std::string> critical{"critical_gaps", f.criticalList.empty() ? "0" : f.criticalList};

    r.decision = Decision::NotNeeded;
    if (f.criticalGaps >= th.urgentCriticalGaps && f.staffing.both == 0)
        add("urgent_critical_gaps", {gaps}, {critical, both, {"urgent_critical_gaps", std::to_string(th.urgentCriticalGaps)}});
    if (f.overall < th.urgentScore && f.staffing.both == 0)
        add("urgent_low_score", {score}, {{"overall_score", number(f.overall)}, {"urgent_score", number(th.urgentScore)}, both});
    if (f.achievedRank < f.expectedRank && shortOfPeople) {
        auto inputs = staffingInputs(f.staffing);
        inputs.insert(inputs.begin(), {{"expected_tier", r.expectedTier}, {"achieved_tier", r.achievedTier}});
        add("tier_gap_with_staff_shortage",
            {r.expectedTierName, plain(std::to_string(f.need.knowledge)), plain(std::to_string(f.need.security)),
             plain(std::to_string(f.need.both))},
            inputs);
    }
    if (f.criticalGaps >= 1 && f.staffing.both == 0 && f.criticalGaps < th.urgentCriticalGaps)
        add("critical_gap_no_expert", {gaps}, {critical, both});
    // One person (or nobody) carrying security is a dependency at every tier (研究報告書 D). For a
    // facility that cannot add a second person the remedy is outside support, so the rule is
    // weightier when there is none yet.
    if (f.staffing.dutyHolders <= 1) {
        const std::pair<std::string, std::string> holders{"security_duty_holders", std::to_string(f.staffing.dutyHolders)};
        const std::pair<std::string, std::string> help{"outside_help", f.outsideHelp.empty() ? "none" : joined(f.outsideHelp).en};
        if (!f.outsideHelp.empty())
            add("dependency_backed_by_outside_help", {plain(std::to_string(f.staffing.dutyHolders)), joined(f.outsideHelp)}, {holders, help});
        else if (f.staffing.dutyHolders == 0)
            add("no_duty_holder", {}, {holders, help});
        else
            add("single_person_dependency", {}, {holders, help});
    }
    // Staffing that holds today only through qualifications due for renewal: the decision must
    // change before the lapse, not on the day after it.
    if (!shortOfPeople && f.staffing.knowledgeIfLapsed >= 0 && f.staffing.expiringPeople > 0) {
        Staffing lapsed;
        lapsed.knowledge = f.staffing.knowledgeIfLapsed;
        lapsed.security = f.staffing.securityIfLapsed;
        lapsed.both = f.staffing.bothIfLapsed;
        if (!staffed(lapsed, f.need))
            add("staffing_at_risk", {plain(std::to_string(f.staffing.expiringPeople)), plain(f.staffing.expiringBy)},
                {{"expiring_people", std::to_string(f.staffing.expiringPeople)}, {"expiring_by", f.staffing.expiringBy},
                 {"staff_if_lapsed", fmt::format("{}/{}/{}", lapsed.knowledge, lapsed.security, lapsed.both)},
                 {"staff_needed", fmt::format("{}/{}/{}", f.need.knowledge, f.need.security, f.need.both)}});
    }
    // Skills of the security duties that only one person holds are a dependency too.
    if (f.staffing.dutyHolders > 1 && !f.staffing.singlePersonDutySkillNames.empty())
        add("single_person_skills", {plain(std::to_string(f.staffing.singlePersonDutySkillNames.size())),
                                     [&] {
                                         LocalizedText out;
                                         for (const auto& n : f.staffing.singlePersonDutySkillNames) {
                                             out.ja += (out.ja.empty() ? "" : "／") + n.ja;
                                             out.en += (out.en.empty() ? "" : " / ") + n.en;
                                         }
                                         return out;
                                     }()},
            {{"single_person_duty_skills", std::to_string(f.staffing.singlePersonDutySkillNames.size())}});
    if (f.achievedRank < f.expectedRank && !shortOfPeople)
        add("tier_gap", {r.expectedTierName}, {{"expected_tier", r.expectedTier}, {"achieved_tier", r.achievedTier}});
    if (f.overall < th.considerScore && !(f.overall < th.urgentScore && f.staffing.both == 0))
        add("low_score", {score, plain(number(th.considerScore))}, {{"overall_score", number(f.overall)}, {"consider_score", number(th.considerScore)}});
    if (f.unknowns >= th.unknownFindings)
        add("many_unknowns", {plain(std::to_string(f.unknowns))}, {{"unknown_answers", std::to_string(f.unknowns)}, {"unknown_findings", std::to_string(th.unknownFindings)}});
    if (f.criticalGaps >= 1 && f.staffing.both > 0) add("critical_gap", {gaps}, {critical, both});
    if (r.why.empty())
        add("all_clear", {r.expectedTierName}, {{"expected_tier", r.expectedTier}, {"achieved_tier", r.achievedTier}, {"overall_score", number(f.overall)}});

    // Weightiest reason first; the first of equal weight keeps its place.
    std::stable_sort(r.why.begin(), r.why.end(), [&](const Explanation& a, const Explanation& b) {
        return policy.rule(a.rule).decision > policy.rule(b.rule).decision;
    });
    r.decisionName = policy.decisionNames.at(r.decision);
    r.summary = r.why.front().text;
}

void chooseRoutes(FacilityResult& r, const Policy& policy, const Facts& f) {
    if (r.decision == Decision::NotNeeded) return;
    const bool supported = f.expectedRank <= policy.rankOf("supported");
    const bool urgent = r.decision == Decision::Urgent;
    const int missingKnowledge = std::max(0, f.need.knowledge - f.staffing.knowledge);
    const int missingSecurity = std::max(0, f.need.security - f.staffing.security);
    const bool shortOfPeople = !staffed(f.staffing, f.need);
    const bool singlePerson = f.staffing.dutyHolders <= 1;
    const bool backupNeeded = singlePerson && f.outsideHelp.empty();

    std::map<std::string, LocalizedText> reasons;
    if (f.staffing.security == 0) reasons["registered_specialist"] = policy.text("route_registered_no_security");
    else if (f.criticalGaps > 0)
        reasons["registered_specialist"] = fill(policy.text("route_registered_gaps"), {plain(std::to_string(f.criticalGaps))});
    else if (f.overall < policy.thresholds.considerScore)
        reasons["registered_specialist"] = policy.text("route_registered_score");
    reasons["medcsc"] = f.unknowns > 0 ? fill(policy.text("route_medcsc_unknowns"), {plain(std::to_string(f.unknowns))})
                                       : policy.text("route_medcsc_general");
    if (supported) reasons["regional_advisor"] = policy.text("route_regional_supported");
    else if (urgent) reasons["regional_advisor"] = policy.text("route_regional_urgent");
    else if (backupNeeded) reasons["regional_advisor"] = policy.text("route_backup_single");
    if (!supported && shortOfPeople)
        reasons["part_time_specialist"] = fill(policy.text("route_part_time_staff"),
                                               {plain(std::to_string(missingKnowledge)), plain(std::to_string(missingSecurity))});
    else if (!supported && singlePerson)
        reasons["part_time_specialist"] = policy.text("route_part_time_single");

    // Small facilities lean on the region first; larger ones on a specialist who comes regularly.
    // (No route is put first for being quick: most are proposals, and none can be promised to answer at once.)
    std::vector<std::string> order = supported ? std::vector<std::string>{"regional_advisor", "medcsc", "registered_specialist", "part_time_specialist"}
                                               : std::vector<std::string>{"part_time_specialist", "registered_specialist", "medcsc", "regional_advisor"};
    // Help the facility already has comes first: use it before looking for more.
    std::stable_partition(order.begin(), order.end(), [&](const std::string& id) { return f.routesInPlace.count(id) > 0; });
    for (const auto& id : order) {
        const bool inPlace = f.routesInPlace.count(id) > 0;
        auto it = reasons.find(id);
        if (it == reasons.end() && !inPlace) continue;
        const auto& info = policy.route(id);
        RouteAdvice advice;
        advice.id = id;
        advice.name = info.name;
        advice.description = info.description;
        advice.reason = inPlace ? policy.text("route_in_place") : it->second;
        advice.citation = info.citation;
        advice.status = std::string(routeStatusName(info.status));
        advice.statusName = policy.text(fmt::format("status_{}", advice.status));
        advice.statusChecked = info.statusChecked;
        advice.statusSource = info.statusSource;
        advice.untilThen = info.untilThen;
        advice.inPlace = inPlace;
        r.routes.push_back(std::move(advice));
    }
}

void chooseActions(FacilityResult& r, const Policy& policy, const Facts& f) {
    if (f.criticalGaps > 0) r.actions.push_back({"fix_critical", fill(policy.text("action_fix_critical"), {plain(std::to_string(f.criticalGaps))})});
    if (f.unknowns > 0) r.actions.push_back({"find_unknowns", fill(policy.text("action_find_unknowns"), {plain(std::to_string(f.unknowns))})});
    if (f.staffing.dutyHolders == 0) r.actions.push_back({"name_duty_holder", policy.text("action_name_duty_holder")});
    else if (f.staffing.dutyHolders == 1) r.actions.push_back({"second_person", policy.text("action_second_person")});
    if (f.staffing.knowledge > f.staffing.both || (f.need.security > f.staffing.security && f.staffing.knowledge > 0))
        r.actions.push_back({"train_security", policy.text("action_train_security")});
    if (f.staffing.security > f.staffing.both) r.actions.push_back({"train_healthcare", policy.text("action_train_healthcare")});
    if (!staffed(f.staffing, f.need))
        r.actions.push_back({"build_team", fill(policy.text("action_build_team"), {plain(std::to_string(f.need.knowledge)),
                                                                                  plain(std::to_string(f.need.security)),
                                                                                  plain(std::to_string(f.need.both))})});
    // Skills by what they are (the checklist's wording), never by their ids.
    const auto list = [](const std::vector<std::string>& ids, const std::vector<LocalizedText>& names) {
        if (names.size() == ids.size()) {
            LocalizedText out;
            for (const auto& n : names) {
                out.ja += (out.ja.empty() ? "" : "／") + n.ja;
                out.en += (out.en.empty() ? "" : " / ") + n.en;
            }
            return out;
        }
        std::string out;
        for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
        return LocalizedText{out, out};
    };
    if (!f.staffing.uncoveredSkills.empty())
        r.actions.push_back({"cover_skill_gaps", fill(policy.text("action_cover_skill_gaps"),
                                                      {plain(std::to_string(f.staffing.uncoveredSkills.size())),
                                                       list(f.staffing.uncoveredSkills, f.staffing.uncoveredSkillNames)})});
    if (!f.staffing.singlePersonSkills.empty())
        r.actions.push_back({"second_person_skills", fill(policy.text("action_second_person_skills"),
                                                          {plain(std::to_string(f.staffing.singlePersonSkills.size())),
                                                           list(f.staffing.singlePersonSkills, f.staffing.singlePersonSkillNames)})});
    if (f.staffing.expiringPeople > 0)
        r.actions.push_back({"renew_qualifications", fill(policy.text("action_renew_qualifications"), {plain(std::to_string(f.staffing.expiringPeople))})});
    r.actions.push_back({"keep_going", policy.text("action_keep_going")});
}

void checkProvider(FacilityResult& r, const Policy& policy, const Facts& f) {
    const Tier& top = policy.tiers.back();
    if (r.expectedTier != top.id || r.achievedTier != top.id || f.criticalGaps > 0) return;
    const auto& need = top.staffing;
    if (f.staffing.both > need.both && f.staffing.knowledge > need.knowledge && f.staffing.security > need.security) {
        r.provider = true;
        r.providerWhy = Explanation{"provider", fill(policy.text("provider"), {plain(std::to_string(f.staffing.both))}),
                                    staffingInputs(f.staffing), policy.route("part_time_specialist").citation};
    }
}

}  // namespace

const std::vector<std::string_view>& profileQuestionsRead() {
    static const std::vector<std::string_view> ids{"staff_knowledge_count", "staff_security_count", "staff_both_count",
                                                   "security_duty_holders", "external_support", "group_it_support",
                                                   "has_it_department"};
    return ids;
}

Staffing staffingFromProfile(const Session& profile) {
    Staffing s;
    s.knowledge = static_cast<int>(numberAnswer(profile, "staff_knowledge_count"));
    s.security = static_cast<int>(numberAnswer(profile, "staff_security_count"));
    s.both = static_cast<int>(numberAnswer(profile, "staff_both_count"));
    s.dutyHolders = static_cast<int>(numberAnswer(profile, "security_duty_holders"));
    // "Both" can never exceed either count; a slip in the answers must not invent people.
    s.both = std::min({s.both, s.knowledge, s.security});
    s.source = "profile";
    return s;
}

FacilityResult evaluate(const Policy& policy, const questionnaire::Catalog& catalog, const FacilityInput& input) {
    FacilityResult r;
    const auto& measures = input.measures->questionnaire();
    const auto& profile = input.profile->questionnaire();
    r.measures = {measures.id, measures.version, measures.contentHash};
    r.profile = {profile.id, profile.version, profile.contentHash};
    expectedTier(r, policy, *input.profile);
    std::optional<Staffing> fromMatrix;
    if (!input.staffing && input.staffingForTier) fromMatrix = input.staffingForTier(r.expectedTier);
    r.staffing = input.staffing ? *input.staffing : fromMatrix ? *fromMatrix : staffingFromProfile(*input.profile);
    const int expectedRank = policy.rankOf(r.expectedTier);

    const auto lookup = visibleAnswers(*input.measures);
    for (const auto& q : measures.questions) r.items.push_back(scoreItem(q, lookup(q.id), policy));
    applyProfileFacts(r, policy, *input.profile);
    computeScores(r, policy, catalog, expectedRank);
    orderGaps(r, policy, expectedRank);
    achievedTier(r, policy);

    Facts f;
    f.expectedRank = expectedRank;
    f.achievedRank = policy.rankOf(r.achievedTier);
    f.overall = r.overall;
    f.staffing = r.staffing;
    f.need = policy.tier(r.expectedTier)->staffing;
    for (const auto* item : r.criticalGaps()) {
        ++f.criticalGaps;
        f.criticalList += (f.criticalList.empty() ? "" : ", ") + item->id + "=" + item->answer;
    }
    f.unknowns = static_cast<int>(r.unknowns().size());
    readOutsideHelp(f, policy, *input.profile);

    decide(r, policy, f);
    chooseRoutes(r, policy, f);
    chooseActions(r, policy, f);
    checkProvider(r, policy, f);
    return r;
}

void compareWithPrevious(FacilityResult& result, const FacilityResult& previous) {
    Change c;
    c.previousAssessment = previous.assessment;
    c.previousComputedAt = previous.computedAt;
    c.previousOverall = previous.overall;
    c.previousDecision = std::string(decisionName(previous.decision));
    for (const auto& line : result.domains) {
        for (const auto& before : previous.domains)
            if (before.id == line.id) c.domainDeltas.emplace_back(line.id, line.score - before.score);
    }
    result.change = std::move(c);
}

const ItemScore* FacilityResult::item(std::string_view id) const {
    for (const auto& i : items)
        if (i.id == id) return &i;
    return nullptr;
}

const ScoreLine* FacilityResult::domain(std::string_view id) const {
    for (const auto& d : domains)
        if (d.id == id) return &d;
    return nullptr;
}

std::vector<const ItemScore*> FacilityResult::criticalGaps() const {
    std::vector<const ItemScore*> out;
    for (const auto& id : gaps)
        if (const auto* i = item(id); i && i->critical) out.push_back(i);
    return out;
}

std::vector<const ItemScore*> FacilityResult::unknowns() const {
    std::vector<const ItemScore*> out;
    for (const auto& i : items)
        if (i.unknown) out.push_back(&i);
    return out;
}

}  // namespace kiosk::scoring
