// What the CSV export writes of each assessment, read from the tables with statements prepared
// once and run per assessment: the current answers with their item scores, and the index of a
// stored result that migration 7 keeps beside its JSON (summary, domain scores, gaps in order),
// so that an export of thousands of assessments never parses a stored result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "export/report.hpp"
#include "store/database.hpp"
#include "util/result.hpp"
#include "util/text.hpp"

namespace kiosk::store {

struct ScoredAnswer {
    std::string questionId;
    std::string value;  // empty when skipped
    bool skipped = false;
    std::string answeredAt;
    std::optional<double> score;  // from the stored result, when the item was scored
};

struct ResultSummary {
    std::string computedAt;
    std::string profileUuid;
    std::string decision;  // not_needed, consider, recommended, urgent
    double overall = 0;  // as the result shows it
    LocalizedText decisionName;
    std::string expectedTier;
    LocalizedText expectedTierName;
    std::string achievedTier;
    LocalizedText achievedTierName;
    int gaps = 0;
};

struct DomainScore {
    std::string id;
    LocalizedText name;
    double score = 0;
};

struct GapLine {
    std::string item;
    LocalizedText action;  // the action, or the question in results older than actions
    std::string domain;
    bool critical = false;
};

// One assessment's answers and gaps, read again for every assessment of an export. The vectors
// keep their rows between assessments so that the strings in them are reused, not allocated
// again for every row; only the first answerCount and gapCount rows are the current ones.
struct AssessmentRows {
    std::vector<ScoredAnswer> answers;  // by item id
    std::size_t answerCount = 0;
    std::vector<GapLine> gaps;  // in order of priority
    std::size_t gapCount = 0;
};

class ExportRows {
public:
    explicit ExportRows(Database& db);
    ExportRows(const ExportRows&) = delete;
    ExportRows& operator=(const ExportRows&) = delete;

    // The assessment's current answers with their item scores (answers, answerCount).
    Status answers(const std::string& assessment, AssessmentRows& out);
    // The gaps of its stored result, none without one (gaps, gapCount).
    Status gaps(const std::string& assessment, AssessmentRows& out);
    // Each fills `out` (cleared first) for one assessment's UUID.
    Status domains(const std::string& assessment, std::vector<DomainScore>& out);
    Status plan(const std::string& assessment, std::vector<exporting::PlanItem>& out);
    // Nothing when the assessment has no stored result.
    Result<std::optional<ResultSummary>> summary(const std::string& assessment);

private:
    Statement m_answers, m_scores, m_gaps, m_summary, m_domains, m_plan;
};

}  // namespace kiosk::store
