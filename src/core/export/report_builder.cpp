// Reading the database into the report model: which assessments, their answers in questionnaire
// order with the stored questionnaire's texts, results as stored, plans, and the audit events.
#include "export/report_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "assessment/answer.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/people_store.hpp"
#include "store/plan_store.hpp"
#include "store/result_store.hpp"
#include "util/time.hpp"

namespace kiosk::exporting {
namespace {

// The UTC bounds of the period; a bound not given is open.
struct Period {
    std::optional<store::UtcSpan> from, to;
    bool contains(const std::string& at) const { return (!from || at >= from->begin) && (!to || at < to->end); }
};

Result<Period> periodOf(const ReportRequest& request) {
    Period period;
    if (request.from) {
        auto span = store::utcSpanOf(*request.from, "start");
        if (!span) return Error{span.error()};
        period.from = *span;
    }
    if (request.to) {
        auto span = store::utcSpanOf(*request.to, "end");
        if (!span) return Error{span.error()};
        period.to = *span;
    }
    if (period.from && period.to && period.to->end <= period.from->begin)
        return Error{fmt::format("the end '{}' comes before the start '{}'", *request.to, *request.from)};
    return period;
}

// The day that places an assessment in a period: completed, or else begun.
const std::string& dayOf(const store::AssessmentRecord& record) { return record.completedAt ? *record.completedAt : record.createdAt; }

LocalizedText domainName(const std::string& id, const std::optional<scoring::FacilityResult>& result, const ReportContext& context) {
    if (id.empty()) return {};
    if (result)
        if (const auto* line = result->domain(id)) return line->name;
    if (context.domains)
        for (const auto& d : *context.domains)
            if (d.id == id) return d.name;
    return {id, id};
}

// The answers of one assessment in questionnaire order, each with every value it has had.
Result<std::vector<AnswerLine>> answerLines(store::AssessmentStore& store, const store::AssessmentRecord& record,
                                            const questionnaire::Questionnaire& q, const std::optional<scoring::FacilityResult>& result,
                                            const ReportContext& context) {
    auto answers = store.answers(record.uuid);
    if (!answers) return Error{answers.error()};
    auto versions = store.versions(record.uuid);
    if (!versions) return Error{versions.error()};
    std::map<std::string, std::vector<store::StoredAnswer>, std::less<>> history;
    for (auto& v : *versions) history[v.questionId].push_back(std::move(v));

    std::vector<std::pair<int, AnswerLine>> lines;
    for (auto& stored : *answers) {
        AnswerLine line;
        line.questionId = stored.questionId;
        line.value = stored.skipped ? std::string() : stored.value;
        line.skipped = stored.skipped;
        line.answeredAt = stored.answeredAt;
        const int index = q.indexOf(stored.questionId);
        if (index >= 0) {
            const auto& question = q.questions[static_cast<std::size_t>(index)];
            line.question = question.text;
            line.domain = question.domain;
            line.domainName = domainName(question.domain, result, context);
            line.valueLabel = answerLabel(question, stored);
        } else {
            line.valueLabel = {line.value, line.value};
        }
        if (result)
            if (const auto* item = result->item(stored.questionId)) line.score = item->score;
        if (auto it = history.find(stored.questionId); it != history.end()) line.history = std::move(it->second);
        // An answer the questionnaire does not know (only a hand-edited database has one) goes last.
        lines.emplace_back(index >= 0 ? index : static_cast<int>(q.questions.size()), std::move(line));
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<AnswerLine> out;
    out.reserve(lines.size());
    for (auto& [index, line] : lines) out.push_back(std::move(line));
    return out;
}

// The plan entries of a result, in the order of its gaps.
std::vector<PlanItem> orderedPlan(std::vector<PlanItem> plan, const scoring::FacilityResult& result) {
    auto rank = [&result](const PlanItem& p) {
        return static_cast<std::size_t>(std::find(result.gaps.begin(), result.gaps.end(), p.item) - result.gaps.begin());
    };
    std::stable_sort(plan.begin(), plan.end(), [&](const PlanItem& a, const PlanItem& b) { return rank(a) < rank(b); });
    return plan;
}

Result<AssessmentReport> assessmentReport(store::Database& db, StoredQuestionnaires& snapshots, const store::AssessmentRecord& record,
                                          const ReportContext& context) {
    store::AssessmentStore assessments(db);
    store::ResultStore results(db);
    store::PlanStore plans(db);
    AssessmentReport out;
    out.record = record;
    auto q = snapshots.get(record.contentHash);
    if (!q) return Error{fmt::format("assessment {}: {}", record.uuid, q.error())};
    out.questionnaireTitle = (*q)->title;

    auto stored = results.get(record.uuid);
    if (!stored) return Error{stored.error()};
    if (*stored) {
        auto parsed = scoring::fromJson((*stored)->json);
        if (!parsed) return Error{fmt::format("the stored result of assessment {} cannot be read: {}", record.uuid, parsed.error())};
        out.result = std::move(*parsed);
        out.stored = std::move(**stored);
    }
    auto lines = answerLines(assessments, record, **q, out.result, context);
    if (!lines) return Error{lines.error()};
    out.answers = std::move(*lines);
    auto plan = plans.list(record.uuid);
    if (!plan) return Error{plan.error()};
    out.plan = out.result ? orderedPlan(std::move(*plan), *out.result) : std::move(*plan);
    return out;
}

// The records asked for, with the profiles their results were scored with, oldest first.
Result<std::vector<store::AssessmentRecord>> selectRecords(store::Database& db, const ReportRequest& request, const Period& period) {
    store::AssessmentStore assessments(db);
    std::vector<store::AssessmentRecord> chosen;
    if (!request.assessment.empty()) {
        auto record = assessments.get(request.assessment);
        if (!record) return Error{record.error()};
        if (period.contains(dayOf(*record))) chosen.push_back(std::move(*record));
    } else {
        auto all = assessments.list(std::nullopt, store::AssessmentStore::AnswerCount::Left);
        if (!all) return Error{all.error()};
        for (auto& record : *all)
            if (period.contains(dayOf(record))) chosen.push_back(std::move(record));
    }
    std::set<std::string> uuids;
    for (const auto& r : chosen) uuids.insert(r.uuid);
    store::ResultStore results(db);
    auto profiles = results.profiles();
    if (!profiles) return Error{profiles.error()};
    const std::size_t asked = chosen.size();
    for (std::size_t i = 0; i < asked; ++i) {
        const auto scoredWith = profiles->find(chosen[i].uuid);
        if (scoredWith == profiles->end() || uuids.count(scoredWith->second)) continue;
        auto profile = assessments.get(scoredWith->second);
        if (!profile) return Error{fmt::format("the profile that assessment {} was scored with: {}", chosen[i].uuid, profile.error())};
        uuids.insert(profile->uuid);
        chosen.push_back(std::move(*profile));
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const auto& a, const auto& b) { return std::tie(a.createdAt, a.storedOrder) < std::tie(b.createdAt, b.storedOrder); });
    return chosen;
}

std::string nothingToExport(store::Database& db, const ReportRequest& request) {
    std::string period;
    if (request.from && request.to) period = fmt::format(" completed (or begun) from {} to {}", *request.from, *request.to);
    else if (request.from) period = fmt::format(" completed (or begun) on or after {}", *request.from);
    else if (request.to) period = fmt::format(" completed (or begun) on or before {}", *request.to);
    if (!request.assessment.empty())
        return fmt::format("nothing to export: assessment {} was not{}", request.assessment,
                           period.empty() ? std::string(" found") : period);
    return fmt::format("nothing to export: no assessment{} in {}", period, db.path());
}

Result<MatrixReport> matrixReport(store::Database& db, const ReportContext& context) {
    if (!context.skills) return Error{"the skill matrix cannot be exported without the skill catalogue (qualifications.toml)"};
    MatrixReport matrix;
    for (const auto& skill : context.skills->skills) matrix.skills.emplace_back(skill.id, skill.text);
    store::PeopleStore people(db);
    auto all = people.all();
    if (!all) return Error{all.error()};
    matrix.people = std::move(*all);
    return matrix;
}

}  // namespace

Result<StoredQuestionnaires::Pointer> StoredQuestionnaires::get(const std::string& contentHash) {
    if (auto it = m_parsed.find(contentHash); it != m_parsed.end()) return it->second;
    auto snapshot = m_store.snapshot(contentHash);
    if (!snapshot) return Error{snapshot.error()};
    auto parsed = questionnaire::parseQuestionnaire(snapshot->source,
                                                    fmt::format("{} {} (stored copy)", snapshot->questionnaireId, snapshot->version), {});
    if (!parsed.questionnaire)
        return Error{fmt::format("the stored copy of questionnaire {} {} can no longer be read: {}", snapshot->questionnaireId,
                                 snapshot->version,
                                 parsed.diagnostics.empty() ? std::string("unknown error") : parsed.diagnostics.front().format())};
    m_sources.push_back(std::move(*snapshot));
    auto ptr = std::make_shared<const questionnaire::Questionnaire>(std::move(*parsed.questionnaire));
    m_parsed.emplace(contentHash, ptr);
    return ptr;
}

std::vector<store::QuestionnaireSnapshot> StoredQuestionnaires::sources() const {
    auto out = m_sources;
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.contentHash < b.contentHash; });
    return out;
}

LocalizedText answerLabel(const questionnaire::Question& question, const store::StoredAnswer& stored) {
    auto decoded = assessment::decodeAnswer(question, stored.value, stored.skipped);
    if (!decoded) return {stored.value, stored.value};  // a value the questionnaire no longer reads is shown as stored
    return {assessment::describeAnswer(question, *decoded, Lang::Ja), assessment::describeAnswer(question, *decoded, Lang::En)};
}

Result<std::vector<store::AssessmentRecord>> selectAssessments(store::Database& db, const ReportRequest& request) {
    auto period = periodOf(request);
    if (!period) return Error{period.error()};
    auto records = selectRecords(db, request, *period);
    if (!records) return Error{records.error()};
    if (records->empty()) return Error{nothingToExport(db, request)};
    return records;
}

Result<Report> buildReport(store::Database& db, const ReportRequest& request, const ReportContext& context, const ReportProgress& progress) {
    Report report;
    report.lang = request.lang;
    report.from = request.from;
    report.to = request.to;
    report.exportedAt = isoUtc(std::chrono::system_clock::now());
    report.signingKey = context.signingKey;
    if (auto facility = store::FacilityStore(db).get()) {
        report.facility = facility->name;
        report.facilityRecord = std::move(*facility);
    }

    auto records = selectAssessments(db, request);
    if (!records) return Error{records.error()};

    store::AssessmentStore assessments(db);
    StoredQuestionnaires snapshots(assessments);
    for (const auto& record : *records) {
        auto one = assessmentReport(db, snapshots, record, context);
        if (!one) return Error{one.error()};
        report.assessments.push_back(std::move(*one));
        if (progress) progress(report.assessments.size(), records->size());
    }
    report.questionnaires = snapshots.sources();

    if (request.matrix) {
        auto matrix = matrixReport(db, context);
        if (!matrix) return Error{matrix.error()};
        report.matrix = std::move(*matrix);
    }

    store::AuditLog audit(db);
    auto rows = audit.list({request.from, request.to, std::nullopt});
    if (!rows) return Error{rows.error()};
    if (!request.from && !request.to && !request.assessment.empty()) {
        std::set<std::string, std::less<>> subjects;
        for (const auto& a : report.assessments) subjects.insert(a.record.uuid);
        std::erase_if(*rows, [&](const store::AuditRow& r) { return !subjects.count(r.event.subject); });
    }
    report.audit = std::move(*rows);
    auto head = audit.head();
    if (!head) return Error{head.error()};
    report.chainHead = *head;
    auto count = audit.count();
    if (!count) return Error{count.error()};
    report.auditRows = *count;
    return report;
}

}  // namespace kiosk::exporting
