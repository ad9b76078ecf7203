#include "export/report_outline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "export/labels.hpp"
#include "i18n/strings.hpp"
#include "util/time.hpp"

namespace kiosk::exporting {
namespace {

namespace L = labels;

std::string scoreText(double v) { return fmt::format("{:.0f}", std::isfinite(v) ? v : 0.0); }

std::string shortId(const std::string& uuid) { return uuid.substr(0, 8); }

std::string inputsText(const scoring::Explanation& e) {
    std::string out;
    for (const auto& [name, value] : e.inputs) out += (out.empty() ? "" : ", ") + name + " = " + value;
    return out;
}

Tone routeTone(const scoring::RouteAdvice& route) { return route.status == "available" ? Tone::Good : Tone::Notice; }

class Builder {
public:
    explicit Builder(const Report& report) : m_report(report), m_lang(report.lang) {}

    Outline build() {
        Outline out;
        out.lang = m_lang;
        out.title = t(L::kReportTitle);
        out.facility = m_report.facility.empty() ? t(L::kNoFacility) : m_report.facility;
        out.date = timeLabel(m_report.exportedAt).substr(0, 10);
        m_blocks = &out.blocks;

        title(out);
        overview();
        for (const auto& a : m_report.assessments)
            if (a.result) scored(a, *a.result);
        answers();
        audit();
        add(block::Signature{t(L::kSignature), {t(L::kSignatureName), t(L::kSignatureDate), t(L::kSignatureSign)}});
        return out;
    }

private:
    const std::string& t(const LocalizedText& text) const { return text.get(m_lang); }
    // "本文（補足）" in Japanese, "text (aside)" in English.
    std::string paren(const std::string& text, const std::string& aside) const {
        return m_lang == Lang::Ja ? fmt::format("{}（{}）", text, aside) : fmt::format("{} ({})", text, aside);
    }
    // A heading of two parts: the ideographic space in Japanese, a dash in English.
    std::string pair(const std::string& a, const std::string& b) const {
        return m_lang == Lang::Ja ? fmt::format("{}　{}", a, b) : fmt::format("{} — {}", a, b);
    }
    void add(Block b) { m_blocks->push_back(std::move(b)); }

    void title(const Outline& out) {
        block::Title b{out.title, {}};
        b.meta.emplace_back(t(L::kFacility), out.facility);
        b.meta.emplace_back(t(L::kReportDate), out.date);
        if (m_report.from || m_report.to)
            b.meta.emplace_back(t(L::kPeriod), fmt::format("{} – {}", m_report.from.value_or(""), m_report.to.value_or("")));
        b.meta.emplace_back(t(L::kExportedAt), timeLabel(m_report.exportedAt));
        add(std::move(b));
    }

    void overview() {
        add(block::Heading{t(L::kAssessments), 1, {}});
        if (m_report.assessments.empty()) {
            add(block::Paragraph{t(L::kNoAssessments), false});
            return;
        }
        block::Table table;
        table.header = {t(L::kQuestionnaire), t(L::kAssessment), t(L::kStatus), t(L::kCompletedAt), t(L::kDecision), t(L::kAnswerCount)};
        table.widths = {2.6, 1.3, 1.2, 2.1, 2, 0.9};
        table.numeric = {false, false, false, false, false, true};
        for (const auto& a : m_report.assessments) {
            table.rows.push_back({t(a.questionnaireTitle).empty() ? a.record.questionnaireId : t(a.questionnaireTitle),
                                  shortId(a.record.uuid), t(assessmentStatusLabel(a.record.status)),
                                  a.record.completedAt ? timeLabel(*a.record.completedAt) : "",
                                  a.result ? t(a.result->decisionName) : "", std::to_string(a.answers.size())});
        }
        add(std::move(table));
    }

    void scored(const AssessmentReport& a, const scoring::FacilityResult& r) {
        const std::string when = a.record.completedAt ? timeLabel(*a.record.completedAt) : timeLabel(r.computedAt);
        add(block::Heading{pair(t(a.questionnaireTitle), when), 1,
                           fmt::format("{} {} · {} {} · {} {}", t(L::kAssessment), a.record.uuid, t(L::kQuestionnaire),
                                       r.measures.version.empty() ? a.record.questionnaireVersion : r.measures.version,
                                       t(L::kComputedAt), timeLabel(r.computedAt))});
        add(block::Decision{t(L::kDecision), t(r.decisionName), t(r.summary), decisionTone(r.decision)});

        block::Facts facts;
        facts.rows.emplace_back(t(L::kExpectedTier), t(r.expectedTierName));
        facts.rows.emplace_back(t(L::kAchievedTier), t(r.achievedTierName));
        facts.rows.emplace_back(t(L::kOverall), scoreText(r.overall) + " / 100");
        if (r.nextTierReadiness)
            facts.rows.emplace_back(paren(t(L::kNextTier), t(r.nextTierName)), scoreText(*r.nextTierReadiness) + " / 100");
        if (r.change)
            facts.rows.emplace_back(t(L::kChange), paren(fmt::format("{:+.0f}", r.overall - r.change->previousOverall),
                                                         scoreText(r.change->previousOverall) + " → " + scoreText(r.overall)));
        const auto& s = r.staffing;
        facts.rows.emplace_back(t(L::kStaffing), i18n::substitute(t(L::kStaffingLine), {std::to_string(s.knowledge), std::to_string(s.security),
                                                                                          std::to_string(s.both), std::to_string(s.dutyHolders)}));
        if (r.provider && r.providerWhy) facts.rows.emplace_back(t(L::kProvider), t(r.providerWhy->text));
        add(std::move(facts));

        scores(r);
        gaps(a, r);
        routes(r);
        if (!r.actions.empty()) {
            add(block::Heading{t(L::kActions), 2, {}});
            block::Entries list;
            list.numbered = false;
            for (const auto& action : r.actions) list.items.push_back({t(action.text), {}, Tone::Normal, {}});
            add(std::move(list));
        }
        reasons(t(L::kWhy), r.why);
        reasons(t(L::kWhyExpected), r.expectedWhy);
        reasons(t(L::kWhyAchieved), r.achievedWhy);
    }

    void scores(const scoring::FacilityResult& r) {
        if (r.domains.empty()) return;
        add(block::Heading{t(L::kScores), 2, {}});
        block::Radar radar;
        radar.caption = t(L::kRadarCaption);
        block::Table table;
        table.header = {t(L::kDomain), t(L::kScore), t(L::kTarget), t(L::kInPlace)};
        table.widths = {4, 1, 1, 1.6};
        table.numeric = {false, true, true, true};
        for (const auto& d : r.domains) {
            radar.axes.push_back({t(d.name), d.score, d.target});
            table.rows.push_back({t(d.name), scoreText(d.score), scoreText(d.target), fmt::format("{} / {}", d.inPlace, d.applicable)});
        }
        add(std::move(radar));
        add(std::move(table));
    }

    // The plan's owner, target date and status on one line, its note on the next.
    void planDetails(block::Entry& e, const PlanItem* plan) {
        if (!plan) {
            e.details.push_back({{t(L::kOwner), t(L::kNoPlan)}});
            return;
        }
        e.details.push_back({{t(L::kOwner), plan->owner.empty() ? t(L::kNotSet) : plan->owner},
                             {t(L::kTargetDate), plan->targetDate.empty() ? t(L::kNotSet) : plan->targetDate},
                             {t(L::kPlanStatus), t(planStatusLabel(plan->status))}});
        if (!plan->note.empty()) e.details.push_back({{t(L::kNote), plan->note}});
    }

    void gaps(const AssessmentReport& a, const scoring::FacilityResult& r) {
        add(block::Heading{t(L::kGaps), 2, {}});
        if (r.gaps.empty()) add(block::Paragraph{t(L::kNoGaps), false});
        block::Entries list;
        for (const auto& id : r.gaps) {
            const auto* item = r.item(id);
            if (!item) continue;
            block::Entry e;
            e.title = t(item->actionOrText());
            if (item->critical) {
                e.badge = t(L::kCritical);
                e.badgeTone = Tone::Danger;
            }
            const auto* domain = r.domain(item->domain);
            e.details.push_back({{t(L::kDomain), domain ? t(domain->name) : item->domain}, {t(L::kAnswer), t(item->answerLabel)}});
            planDetails(e, findPlan(a, id));
            list.items.push_back(std::move(e));
        }
        if (!list.items.empty()) add(std::move(list));

        // Plan entries whose measure is no longer a gap (done since, or set on an earlier result):
        // shown, never dropped.
        block::Entries others;
        others.numbered = false;
        for (const auto& plan : a.plan) {
            if (std::find(r.gaps.begin(), r.gaps.end(), plan.item) != r.gaps.end()) continue;
            const auto* item = r.item(plan.item);
            block::Entry e;
            e.title = item ? t(item->actionOrText()) : plan.item;
            planDetails(e, &plan);
            others.items.push_back(std::move(e));
        }
        if (!others.items.empty()) {
            add(block::Paragraph{t(L::kPlanDoneItems), true});
            add(std::move(others));
        }
    }

    void routes(const scoring::FacilityResult& r) {
        if (r.routes.empty()) return;
        add(block::Heading{t(L::kRoutes), 2, {}});
        block::Entries list;
        for (const auto& route : r.routes) {
            block::Entry e;
            e.title = t(route.name);
            e.badge = route.statusChecked.empty() ? t(route.statusName) : pair(t(route.statusName), t(L::kChecked) + " " + route.statusChecked);
            e.badgeTone = routeTone(route);
            if (route.status != "available") e.details.push_back({{t(L::kRouteStatus), t(L::kNotYetAvailable)}});
            e.details.push_back({{t(L::kReason), t(route.reason)}});
            e.details.push_back({{"", t(route.description)}});
            if (!t(route.untilThen).empty()) e.details.push_back({{t(L::kUntilThen), t(route.untilThen)}});
            if (route.inPlace) e.details.push_back({{"", t(L::kAlreadyInPlace)}});
            if (!route.statusSource.empty()) e.details.push_back({{t(L::kCheckedAgainst), route.statusSource}});
            if (!route.citation.empty()) e.details.push_back({{t(L::kCitation), route.citation}});
            list.items.push_back(std::move(e));
        }
        add(std::move(list));
    }

    void reasons(const std::string& heading, const std::vector<scoring::Explanation>& why) {
        if (why.empty()) return;
        add(block::Heading{heading, 2, {}});
        block::Entries list;
        for (const auto& e : why) {
            block::Entry entry;
            entry.title = t(e.text);
            if (!e.citation.empty()) entry.details.push_back({{t(L::kCitation), e.citation}});
            const std::string inputs = inputsText(e);
            entry.details.push_back({{t(L::kRule), inputs.empty() ? e.rule : paren(e.rule, inputs)}});
            list.items.push_back(std::move(entry));
        }
        add(std::move(list));
    }

    void answers() {
        bool any = false;
        for (const auto& a : m_report.assessments) any = any || !a.answers.empty();
        if (!any) return;
        add(block::Heading{t(L::kAnswers), 1, {}});
        for (const auto& a : m_report.assessments) {
            if (a.answers.empty()) continue;
            add(block::Heading{pair(t(a.questionnaireTitle), shortId(a.record.uuid)), 2, {}});
            block::Table table;
            table.header = {t(L::kQuestion), t(L::kAnswer), t(L::kScore)};
            table.widths = {5, 3, 0.8};
            table.numeric = {false, false, true};
            for (const auto& line : a.answers) {
                std::string question = t(line.question).empty() ? line.questionId : t(line.question);
                std::string answer = line.skipped ? t(L::kSkipped) : t(line.valueLabel).empty() ? line.value : t(line.valueLabel);
                table.rows.push_back({std::move(question), std::move(answer), line.score ? scoreText(*line.score) : ""});
            }
            add(std::move(table));
        }
    }

    void audit() {
        add(block::Heading{t(L::kAudit), 1, {}});
        block::Facts facts;
        facts.rows.emplace_back(t(L::kChainHead), m_report.chainHead);
        facts.rows.emplace_back(t(L::kAuditRows), std::to_string(m_report.auditRows));
        facts.rows.emplace_back(t(L::kAuditEvents), std::to_string(m_report.audit.size()));
        add(std::move(facts));
        add(block::Paragraph{t(L::kAuditWhere), true});
    }

    const Report& m_report;
    Lang m_lang;
    std::vector<Block>* m_blocks = nullptr;
};

}  // namespace

const LocalizedText& assessmentStatusLabel(store::AssessmentStatus status) {
    switch (status) {
        case store::AssessmentStatus::Completed: return L::kStatusCompleted;
        case store::AssessmentStatus::Discarded: return L::kStatusDiscarded;
        case store::AssessmentStatus::InProgress: break;
    }
    return L::kStatusInProgress;
}

const PlanItem* findPlan(const AssessmentReport& assessment, std::string_view item) {
    for (const auto& plan : assessment.plan)
        if (plan.item == item) return &plan;
    return nullptr;
}

Tone decisionTone(scoring::Decision decision) {
    switch (decision) {
        case scoring::Decision::NotNeeded: return Tone::Good;
        case scoring::Decision::Consider: return Tone::Notice;
        case scoring::Decision::Recommended: return Tone::Warning;
        case scoring::Decision::Urgent: return Tone::Danger;
    }
    return Tone::Normal;
}

std::string timeLabel(const std::string& isoUtc) { return localTimeLabel(isoUtc); }

Outline reportOutline(const Report& report) { return Builder(report).build(); }

}  // namespace kiosk::exporting
