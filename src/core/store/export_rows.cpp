// The statements of the CSV export, prepared once; each call resets, binds and reads one assessment.
#include "store/export_rows.hpp"

#include <fmt/format.h>

#include "store/plan_store.hpp"

namespace kiosk::store {
namespace {

// Steps a statement to its end, giving each row to `read`.
template <class Read>
Status eachRow(Statement& s, const char* what, Read read) {
    for (;;) {
        auto row = s.step();
        if (!row) return Error{fmt::format("could not read {}: {}", what, row.error())};
        if (!*row) return {};
        read();
    }
}

}  // namespace

ExportRows::ExportRows(Database& db)
    // Every version, in key order: the last of each question is its answer (what the view `answers`
    // picks with a lookup per row, here in the one pass).
    : m_answers(db,
                "SELECT question_id, value, skipped, answered_at FROM answer_versions WHERE assessment_uuid = ?1 "
                "ORDER BY question_id, version"),
      m_scores(db, "SELECT item_id, score FROM result_items WHERE assessment_uuid = ?1 ORDER BY item_id"),
      m_gaps(db,
             "SELECT item_id, action_ja, action_en, domain, critical FROM result_items "
             "WHERE assessment_uuid = ?1 AND gap_rank IS NOT NULL ORDER BY gap_rank"),
      m_summary(db,
                "SELECT r.computed_at, COALESCE(r.profile_uuid, ''), r.decision, s.overall, s.decision_ja, s.decision_en, "
                "s.expected_tier, s.expected_tier_ja, s.expected_tier_en, s.achieved_tier, s.achieved_tier_ja, s.achieved_tier_en, s.gaps "
                "FROM results r JOIN result_summaries s ON s.assessment_uuid = r.assessment_uuid WHERE r.assessment_uuid = ?1"),
      m_domains(db, "SELECT domain_id, name_ja, name_en, score FROM result_domains WHERE assessment_uuid = ?1 ORDER BY position"),
      m_plan(db, std::string(kSelectPlanItems) + " WHERE assessment_uuid = ?1") {}

Status ExportRows::answers(const std::string& assessment, AssessmentRows& out) {
    auto& answers = out.answers;
    std::size_t n = 0;
    auto& a = m_answers.reset().bind(1, assessment);
    auto read = eachRow(a, "the answers", [&] {
        const std::string_view question = a.view(0);
        // A later version of the same question replaces the one read before it.
        if (n == 0 || answers[n - 1].questionId != question) {
            if (n == answers.size()) answers.emplace_back();
            ++n;
        }
        auto& row = answers[n - 1];
        row.questionId.assign(question);
        row.skipped = a.integer(2) != 0;
        if (row.skipped) row.value.clear();
        else row.value.assign(a.view(1));
        row.answeredAt.assign(a.view(3));
        row.score.reset();
    });
    out.answerCount = n;
    if (!read) return read;
    // The scores in the order of their item ids, as the answers are: matched to the answers in
    // one pass instead of a lookup per answer.
    std::size_t next = 0;
    auto& s = m_scores.reset().bind(1, assessment);
    return eachRow(s, "the item scores", [&] {
        const std::string_view item = s.view(0);
        while (next < n && std::string_view(answers[next].questionId) < item) ++next;
        if (next < n && answers[next].questionId == item) answers[next].score = s.isNull(1) ? std::nullopt : s.real(1);
    });
}

Status ExportRows::gaps(const std::string& assessment, AssessmentRows& out) {
    std::size_t n = 0;
    auto& s = m_gaps.reset().bind(1, assessment);
    auto read = eachRow(s, "the gaps", [&] {
        if (n == out.gaps.size()) out.gaps.emplace_back();
        auto& gap = out.gaps[n++];
        gap.item.assign(s.view(0));
        gap.action.ja.assign(s.view(1));
        gap.action.en.assign(s.view(2));
        gap.domain.assign(s.view(3));
        gap.critical = s.integer(4) != 0;
    });
    out.gapCount = n;
    return read;
}

Status ExportRows::domains(const std::string& assessment, std::vector<DomainScore>& out) {
    out.clear();
    auto& s = m_domains.reset().bind(1, assessment);
    return eachRow(s, "the domain scores", [&] { out.push_back({s.text(0), {s.text(1), s.text(2)}, s.real(3).value_or(0)}); });
}

Status ExportRows::plan(const std::string& assessment, std::vector<exporting::PlanItem>& out) {
    out.clear();
    auto& s = m_plan.reset().bind(1, assessment);
    return eachRow(s, "the improvement plan", [&] { out.push_back(readPlanItem(s)); });
}

Result<std::optional<ResultSummary>> ExportRows::summary(const std::string& assessment) {
    auto& s = m_summary.reset().bind(1, assessment);
    auto row = s.step();
    if (!row) return Error{"could not read the stored result: " + row.error()};
    if (!*row) return std::optional<ResultSummary>{};
    ResultSummary out{s.text(0),
                      s.text(1),
                      s.text(2),
                      s.real(3).value_or(0),
                      {s.text(4), s.text(5)},
                      s.text(6),
                      {s.text(7), s.text(8)},
                      s.text(9),
                      {s.text(10), s.text(11)},
                      static_cast<int>(s.integer(12))};
    s.reset();
    return std::optional<ResultSummary>{std::move(out)};
}

}  // namespace kiosk::store
