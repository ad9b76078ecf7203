// The result as JSON (stored with the assessment and printed by `score --json`) and as text.
#include "scoring/result.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <nlohmann/json.hpp>

#include "util/json.hpp"

namespace kiosk::scoring {

using nlohmann::json;

namespace {

// A whole number read from a stored result: refuses fractions and values beyond int, which a
// plain get<int>() would convert with undefined behaviour.
struct Whole {
    int value = 0;
};
void from_json(const json& j, Whole& w) {
    const auto v = jsonInteger(j, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    if (!v) throw std::out_of_range(fmt::format("expected a whole number, found {}", j.dump()));
    w.value = static_cast<int>(*v);
}

double round1(double v) { return std::round(v * 10) / 10; }

json text(const LocalizedText& t) { return {{"ja", t.ja}, {"en", t.en}}; }
LocalizedText text(const json& j) { return {j.at("ja").get<std::string>(), j.at("en").get<std::string>()}; }

json explanation(const Explanation& e) {
    json inputs = json::array();
    for (const auto& [name, value] : e.inputs) inputs.push_back({{"name", name}, {"value", value}});
    return {{"rule", e.rule}, {"text", text(e.text)}, {"inputs", inputs}, {"citation", e.citation}};
}

Explanation explanation(const json& j) {
    Explanation e{j.at("rule").get<std::string>(), text(j.at("text")), {}, j.at("citation").get<std::string>()};
    for (const auto& i : j.at("inputs")) e.inputs.emplace_back(i.at("name").get<std::string>(), i.at("value").get<std::string>());
    return e;
}

json explanations(const std::vector<Explanation>& list) {
    json out = json::array();
    for (const auto& e : list) out.push_back(explanation(e));
    return out;
}

std::vector<Explanation> explanations(const json& j) {
    std::vector<Explanation> out;
    for (const auto& e : j) out.push_back(explanation(e));
    return out;
}

json lines(const std::vector<ScoreLine>& list) {
    json out = json::array();
    for (const auto& l : list)
        out.push_back({{"id", l.id}, {"name", text(l.name)}, {"score", round1(l.score)}, {"target", round1(l.target)},
                       {"applicable", l.applicable}, {"in_place", l.inPlace}});
    return out;
}

std::vector<ScoreLine> lines(const json& j) {
    std::vector<ScoreLine> out;
    for (const auto& l : j)
        out.push_back({l.at("id").get<std::string>(), text(l.at("name")), l.at("score").get<double>(), l.at("target").get<double>(),
                       l.at("applicable").get<Whole>().value, l.at("in_place").get<Whole>().value});
    return out;
}

json ref(const QuestionnaireRef& r) { return {{"id", r.id}, {"version", r.version}, {"sha256", r.contentHash}}; }
QuestionnaireRef ref(const json& j) {
    return {j.at("id").get<std::string>(), j.at("version").get<std::string>(), j.at("sha256").get<std::string>()};
}

}  // namespace

std::string toJson(const FacilityResult& r, int indent) {
    json items = json::array();
    for (const auto& i : r.items) {
        json item{{"id", i.id},           {"text", text(i.text)},     {"help", text(i.help)},      {"domain", i.domain},
                  {"csf", i.csf},         {"min_tier", i.minTier},    {"critical", i.critical},    {"weight", i.weight},
                  {"answer", i.answer},   {"answer_label", text(i.answerLabel)}, {"unknown", i.unknown}, {"in_place", i.inPlace},
                  {"references", i.references}};
        item["score"] = i.score ? json(*i.score) : json(nullptr);
        item["action"] = text(i.action);
        items.push_back(std::move(item));
    }
    json routes = json::array();
    for (const auto& route : r.routes)
        routes.push_back({{"id", route.id}, {"name", text(route.name)}, {"description", text(route.description)},
                          {"reason", text(route.reason)}, {"citation", route.citation}, {"status", route.status},
                          {"status_name", text(route.statusName)}, {"status_checked", route.statusChecked},
                          {"status_source", route.statusSource}, {"until_then", text(route.untilThen)}, {"in_place", route.inPlace}});
    json actions = json::array();
    for (const auto& a : r.actions) actions.push_back({{"id", a.id}, {"text", text(a.text)}});

    json j{
        {"engine_version", r.engineVersion},
        {"computed_at", r.computedAt},
        {"assessment", r.assessment},
        {"profile_assessment", r.profileAssessment},
        {"questionnaires", {{"measures", ref(r.measures)}, {"profile", ref(r.profile)}}},
        {"decision", std::string(decisionName(r.decision))},
        {"decision_name", text(r.decisionName)},
        {"summary", text(r.summary)},
        {"why", explanations(r.why)},
        {"tier",
         {{"expected", r.expectedTier},
          {"expected_name", text(r.expectedTierName)},
          {"expected_why", explanations(r.expectedWhy)},
          {"achieved", r.achievedTier},
          {"achieved_name", text(r.achievedTierName)},
          {"achieved_why", explanations(r.achievedWhy)}}},
        {"staffing",
         {{"knowledge", r.staffing.knowledge},
          {"security", r.staffing.security},
          {"both", r.staffing.both},
          {"duty_holders", r.staffing.dutyHolders},
          {"source", r.staffing.source},
          {"uncovered_skills", r.staffing.uncoveredSkills},
          {"single_person_skills", r.staffing.singlePersonSkills},
          {"expiring_people", r.staffing.expiringPeople},
          {"if_lapsed", r.staffing.knowledgeIfLapsed < 0 ? json(nullptr)
                                                          : json{{"knowledge", r.staffing.knowledgeIfLapsed},
                                                                 {"security", r.staffing.securityIfLapsed},
                                                                 {"both", r.staffing.bothIfLapsed},
                                                                 {"expiring_by", r.staffing.expiringBy}}}}},
        {"scores", {{"overall", round1(r.overall)},
                    {"overall_counts", "measures of the expected tier"},
                    {"next_tier", r.nextTier.empty() ? json(nullptr)
                                                     : json{{"id", r.nextTier}, {"name", text(r.nextTierName)},
                                                            {"readiness", r.nextTierReadiness ? json(round1(*r.nextTierReadiness)) : json(nullptr)}}},
                    {"domains", lines(r.domains)}, {"functions", lines(r.functions)}}},
        {"gaps", r.gaps},
        {"routes", routes},
        {"actions", actions},
        {"provider", r.provider},
        {"items", items},
    };
    j["provider_why"] = r.providerWhy ? explanation(*r.providerWhy) : json(nullptr);
    if (r.change) {
        json deltas = json::object();
        for (const auto& [id, delta] : r.change->domainDeltas) deltas[id] = round1(delta);
        j["change"] = {{"previous_assessment", r.change->previousAssessment},
                       {"previous_computed_at", r.change->previousComputedAt},
                       {"previous_overall", round1(r.change->previousOverall)},
                       {"previous_decision", r.change->previousDecision},
                       {"domain_deltas", deltas}};
    } else {
        j["change"] = nullptr;
    }
    return j.dump(indent);
}

Result<FacilityResult> fromJson(const std::string& text_) {
    try {
        auto parsed = parseJsonStrict(text_);
        if (!parsed) return Error{fmt::format("the stored result cannot be read: {}", parsed.error())};
        const json j = std::move(*parsed);
        FacilityResult r;
        r.engineVersion = j.at("engine_version").get<Whole>().value;
        r.computedAt = j.at("computed_at").get<std::string>();
        r.assessment = j.at("assessment").get<std::string>();
        r.profileAssessment = j.at("profile_assessment").get<std::string>();
        r.measures = ref(j.at("questionnaires").at("measures"));
        r.profile = ref(j.at("questionnaires").at("profile"));
        const auto decision = parseDecision(j.at("decision").get<std::string>());
        if (!decision) return Error{"unknown decision in stored result"};
        r.decision = *decision;
        r.decisionName = text(j.at("decision_name"));
        r.summary = text(j.at("summary"));
        r.why = explanations(j.at("why"));
        const auto& tier = j.at("tier");
        r.expectedTier = tier.at("expected").get<std::string>();
        r.expectedTierName = text(tier.at("expected_name"));
        r.expectedWhy = explanations(tier.at("expected_why"));
        r.achievedTier = tier.at("achieved").get<std::string>();
        r.achievedTierName = text(tier.at("achieved_name"));
        r.achievedWhy = explanations(tier.at("achieved_why"));
        const auto& s = j.at("staffing");
        r.staffing.knowledge = s.at("knowledge").get<Whole>().value;
        r.staffing.security = s.at("security").get<Whole>().value;
        r.staffing.both = s.at("both").get<Whole>().value;
        r.staffing.dutyHolders = s.at("duty_holders").get<Whole>().value;
        r.staffing.source = s.at("source").get<std::string>();
        r.staffing.uncoveredSkills = s.value("uncovered_skills", std::vector<std::string>{});
        r.staffing.singlePersonSkills = s.value("single_person_skills", std::vector<std::string>{});
        r.staffing.expiringPeople = s.contains("expiring_people") ? s.at("expiring_people").get<Whole>().value : 0;
        if (s.contains("if_lapsed") && !s.at("if_lapsed").is_null()) {
            const auto& lapsed = s.at("if_lapsed");
            r.staffing.knowledgeIfLapsed = lapsed.at("knowledge").get<Whole>().value;
            r.staffing.securityIfLapsed = lapsed.at("security").get<Whole>().value;
            r.staffing.bothIfLapsed = lapsed.at("both").get<Whole>().value;
            r.staffing.expiringBy = lapsed.at("expiring_by").get<std::string>();
        }
        r.overall = j.at("scores").at("overall").get<double>();
        // Results of engine 1 have no next tier.
        if (const auto& scores = j.at("scores"); scores.contains("next_tier") && !scores.at("next_tier").is_null()) {
            const auto& next = scores.at("next_tier");
            r.nextTier = next.at("id").get<std::string>();
            r.nextTierName = text(next.at("name"));
            if (!next.at("readiness").is_null()) r.nextTierReadiness = next.at("readiness").get<double>();
        }
        r.domains = lines(j.at("scores").at("domains"));
        r.functions = lines(j.at("scores").at("functions"));
        r.gaps = j.at("gaps").get<std::vector<std::string>>();
        for (const auto& route : j.at("routes")) {
            RouteAdvice advice;
            advice.id = route.at("id").get<std::string>();
            advice.name = text(route.at("name"));
            advice.description = text(route.at("description"));
            advice.reason = text(route.at("reason"));
            advice.citation = route.at("citation").get<std::string>();
            // Results stored before routes had a status carry none; they are shown without one.
            if (route.contains("status")) {
                advice.status = route.at("status").get<std::string>();
                advice.statusName = text(route.at("status_name"));
                advice.statusChecked = route.at("status_checked").get<std::string>();
                advice.statusSource = route.at("status_source").get<std::string>();
                advice.untilThen = text(route.at("until_then"));
                advice.inPlace = route.at("in_place").get<bool>();
            } else {
                advice.status.clear();
            }
            r.routes.push_back(std::move(advice));
        }
        for (const auto& a : j.at("actions")) r.actions.push_back({a.at("id").get<std::string>(), text(a.at("text"))});
        r.provider = j.at("provider").get<bool>();
        if (!j.at("provider_why").is_null()) r.providerWhy = explanation(j.at("provider_why"));
        for (const auto& i : j.at("items")) {
            ItemScore item;
            item.id = i.at("id").get<std::string>();
            item.text = text(i.at("text"));
            item.help = text(i.at("help"));
            // Results stored before measures had an action carry none and keep an empty one.
            if (i.contains("action")) item.action = text(i.at("action"));
            item.domain = i.at("domain").get<std::string>();
            item.csf = i.at("csf").get<std::string>();
            item.minTier = i.at("min_tier").get<std::string>();
            item.critical = i.at("critical").get<bool>();
            item.weight = i.at("weight").get<double>();
            item.answer = i.at("answer").get<std::string>();
            item.answerLabel = text(i.at("answer_label"));
            if (!i.at("score").is_null()) item.score = i.at("score").get<double>();
            item.unknown = i.at("unknown").get<bool>();
            item.inPlace = i.at("in_place").get<bool>();
            item.references = i.at("references").get<std::vector<std::string>>();
            r.items.push_back(std::move(item));
        }
        if (!j.at("change").is_null()) {
            const auto& c = j.at("change");
            Change change;
            change.previousAssessment = c.at("previous_assessment").get<std::string>();
            change.previousComputedAt = c.at("previous_computed_at").get<std::string>();
            change.previousOverall = c.at("previous_overall").get<double>();
            change.previousDecision = c.at("previous_decision").get<std::string>();
            for (const auto& [id, delta] : c.at("domain_deltas").items()) change.domainDeltas.emplace_back(id, delta.get<double>());
            r.change = std::move(change);
        }
        // Every gap must be one of the items: the screens and the text look each one up.
        for (const auto& id : r.gaps)
            if (!r.item(id)) return Error{fmt::format("the stored result cannot be read: gap '{}' is not one of its items", id)};
        return r;
    } catch (const std::exception& e) {  // json's own errors and a Whole out of range
        return Error{fmt::format("the stored result cannot be read: {}", e.what())};
    }
}

std::string toText(const FacilityResult& r, Lang lang) {
    const bool ja = lang == Lang::Ja;
    std::string out;
    const auto line = [&](const std::string& s) { out += s + "\n"; };
    const auto why = [&](const Explanation& e, const char* indent) {
        line(fmt::format("{}- {}", indent, e.text.get(lang)));
        std::string inputs;
        for (const auto& [name, value] : e.inputs) inputs += (inputs.empty() ? "" : ", ") + name + "=" + value;
        line(fmt::format("{}  [{}] {}", indent, e.rule, inputs));
        if (!e.citation.empty()) line(fmt::format("{}  {}: {}", indent, ja ? "根拠" : "source", e.citation));
    };

    line(fmt::format("{}: {} ({})", ja ? "判定" : "Decision", r.decisionName.get(lang), decisionName(r.decision)));
    line(r.summary.get(lang));
    line("");
    line(fmt::format("{}: {}  /  {}: {}", ja ? "求められる水準" : "Expected tier", r.expectedTierName.get(lang),
                     ja ? "達成している水準" : "Achieved tier", r.achievedTierName.get(lang)));
    line(fmt::format("{}: {} {} / {} {} / {} {} / {} {} ({})", ja ? "人材" : "People", ja ? "医療情報システム" : "knowledge", r.staffing.knowledge,
                     ja ? "資格" : "security", r.staffing.security, ja ? "両方" : "both", r.staffing.both,
                     ja ? "担当者" : "duty holders", r.staffing.dutyHolders, r.staffing.source));
    line(fmt::format("{}: {:.0f} / 100", ja ? "総合点（求められる水準の対策）" : "Overall score (measures of the expected tier)", r.overall));
    if (r.nextTierReadiness)
        line(fmt::format("{}: {:.0f} / 100", ja ? fmt::format("次の水準（{}）への準備", r.nextTierName.ja)
                                                 : fmt::format("Readiness for the next tier ({})", r.nextTierName.en),
                         *r.nextTierReadiness));
    if (r.change)
        line(fmt::format("{}: {:+.0f} ({} {:.0f}, {})", ja ? "前回からの変化" : "Change since last time", r.overall - r.change->previousOverall,
                         ja ? "前回" : "previously", r.change->previousOverall, r.change->previousDecision));
    line("");
    line(ja ? "領域別の点数（目標）:" : "Scores by domain (target):");
    for (const auto& d : r.domains)
        line(fmt::format("  {:>5.0f} ({:>3.0f})  {}  [{}/{}]", d.score, d.target, d.name.get(lang), d.inPlace, d.applicable));
    line(ja ? "CSF 機能別:" : "By CSF function:");
    for (const auto& f : r.functions) line(fmt::format("  {:>5.0f}  {}", f.score, f.name.get(lang)));

    line("");
    line(ja ? "判定の理由:" : "Why:");
    for (const auto& e : r.why) why(e, "  ");
    line(ja ? "求められる水準の理由:" : "Why this expected tier:");
    for (const auto& e : r.expectedWhy) why(e, "  ");
    line(ja ? "達成している水準の理由:" : "Why this achieved tier:");
    for (const auto& e : r.achievedWhy) why(e, "  ");

    line("");
    line(ja ? "不足している対策（優先順）:" : "Gaps, in priority order:");
    int n = 0;
    for (const auto& id : r.gaps) {
        const auto* item = r.item(id);
        const auto* domain = r.domain(item->domain);
        const std::string domainName = domain ? domain->name.get(lang) : item->domain;
        line(fmt::format("  {:>2}. {}{} — {}{}{} [{}]", ++n, item->critical ? (ja ? "【重要】" : "[critical] ") : "",
                         item->actionOrText().get(lang), domainName, ja ? "、回答: " : "; answer: ", item->answerLabel.get(lang),
                         item->id));
    }
    if (r.gaps.empty()) line(ja ? "  なし" : "  none");

    if (!r.routes.empty()) {
        line("");
        line(ja ? "外部人材の探し方（順に検討）:" : "Where to find external advisors, in order:");
        n = 0;
        for (const auto& route : r.routes) {
            line(fmt::format("  {}. {} — {}", ++n, route.name.get(lang), route.reason.get(lang)));
            line(fmt::format("     {}", route.description.get(lang)));
            if (!route.status.empty())
                line(fmt::format("     {}: {} ({} {})", ja ? "現状" : "status", route.statusName.get(lang), ja ? "確認日" : "checked",
                                 route.statusChecked));
            if (!route.untilThen.get(lang).empty()) line(fmt::format("     {}: {}", ja ? "今できること" : "what to do now", route.untilThen.get(lang)));
            line(fmt::format("     {}: {}", ja ? "根拠" : "source", route.citation));
        }
    }
    line("");
    line(ja ? "次にすること:" : "What to do next:");
    for (const auto& a : r.actions) line(fmt::format("  - {}", a.text.get(lang)));
    if (r.providerWhy) {
        line("");
        why(*r.providerWhy, "");
    }
    return out;
}

}  // namespace kiosk::scoring
