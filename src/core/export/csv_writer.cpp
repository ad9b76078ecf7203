// The rows of the CSV files, from the answers, the stored questionnaires and the result index.
#include "export/csv_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "skills/csv.hpp"
#include "store/export_rows.hpp"
#include "store/facility_store.hpp"

namespace kiosk::exporting {
namespace {

constexpr std::size_t kFlushBytes = 256 * 1024;

// One file's rows, buffered and handed to its sink in pieces.
class CsvFile {
public:
    explicit CsvFile(const ByteSink& sink) : m_sink(sink) { m_buffer = "\xEF\xBB\xBF"; }
    template <class Cells>
    void row(const Cells& cells) {
        bool first = true;
        for (const auto& cell : cells) {
            if (!first) m_buffer += ',';
            first = false;
            skills::appendCsvCell(m_buffer, cell);
        }
        m_buffer += "\r\n";
        if (m_buffer.size() >= kFlushBytes) flush();
    }
    void row(std::initializer_list<std::string_view> cells) { row<std::initializer_list<std::string_view>>(cells); }
    void flush() {
        if (m_buffer.empty()) return;
        m_sink(m_buffer);
        m_buffer.clear();
    }

private:
    const ByteSink& m_sink;
    std::string m_buffer;
};

std::vector<std::string> header(Lang lang, std::initializer_list<LocalizedText> columns) {
    std::vector<std::string> out;
    out.reserve(columns.size());
    for (const auto& c : columns) out.push_back(c.get(lang));
    return out;
}

// Scores as the result stores them: the shortest form that reads back as the same number.
std::string number(double value) { return fmt::format("{}", value); }

std::string_view yesNo(bool value, Lang lang) {
    if (lang == Lang::Ja) return value ? "はい" : "いいえ";
    return value ? "yes" : "no";
}

// What the rows of one stored questionnaire need, worked out once: answers as shown, by question
// and value.
struct Questionnaire {
    StoredQuestionnaires::Pointer q;
    std::unordered_map<std::string, LocalizedText> labels;

    const LocalizedText& label(const questionnaire::Question& question, const store::ScoredAnswer& answer) {
        std::string key = question.id;
        key += answer.skipped ? '\x01' : '\x02';
        key += answer.value;
        auto it = labels.find(key);
        if (it == labels.end())
            it = labels.emplace(std::move(key), answerLabel(question, {answer.questionId, answer.value, answer.skipped, answer.answeredAt}))
                     .first;
        return it->second;
    }
};

const LocalizedText* domainName(const std::string& id, const std::vector<store::DomainScore>& scored, const ReportContext& context) {
    for (const auto& d : scored)
        if (d.id == id) return &d.name;
    if (context.domains)
        for (const auto& d : *context.domains)
            if (d.id == id) return &d.name;
    return nullptr;
}

}  // namespace

Result<CsvRows> writeCsv(store::Database& db, const ReportRequest& request, const ReportContext& context, const CsvSinks& sinks,
                         const ReportProgress& progress) {
    auto records = selectAssessments(db, request);
    if (!records) return Error{records.error()};
    const Lang lang = request.lang;
    // The facility's name, on every row (empty until the administrator names it).
    std::string facility;
    if (auto record = store::FacilityStore(db).get()) facility = record->name;
    else return Error{record.error()};

    CsvFile answers(sinks.answers), results(sinks.results), plan(sinks.plan);
    answers.row(header(lang, {{"評価ID", "assessment"},
                              {"施設", "facility"},
                              {"質問票", "questionnaire"},
                              {"質問票の名前", "questionnaire title"},
                              {"版", "version"},
                              {"状態", "status"},
                              {"完了日時", "completed at"},
                              {"項目", "item"},
                              {"質問", "question"},
                              {"領域", "domain"},
                              {"領域名", "domain name"},
                              {"回答", "answer"},
                              {"回答（表示）", "answer as shown"},
                              {"スキップ", "skipped"},
                              {"得点", "score"},
                              {"回答日時", "answered at"}}));
    plan.row(header(lang, {{"評価ID", "assessment"},
                           {"施設", "facility"},
                           {"完了日時", "completed at"},
                           {"優先順位", "priority"},
                           {"項目", "item"},
                           {"対策", "action"},
                           {"領域", "domain"},
                           {"重要", "critical"},
                           {"担当", "owner"},
                           {"目標日", "target date"},
                           {"状況", "status"},
                           {"メモ", "note"},
                           {"更新日時", "updated at"}}));
    // The results file has a column per domain of any result: its rows wait for the last one.
    std::vector<std::pair<std::string, LocalizedText>> domainColumns;
    std::vector<std::pair<std::vector<std::string>, std::vector<store::DomainScore>>> resultRows;

    CsvRows rows;
    store::AssessmentStore assessments(db);
    StoredQuestionnaires snapshots(assessments);
    std::map<std::string, Questionnaire, std::less<>> questionnaires;
    store::ExportRows read(db);
    std::vector<store::ScoredAnswer> given;
    std::vector<store::DomainScore> domains;
    std::vector<store::GapLine> gaps;
    std::vector<PlanItem> entries;
    std::vector<std::pair<int, const store::ScoredAnswer*>> order;
    std::size_t done = 0;
    for (const auto& record : *records) {
        auto q = snapshots.get(record.contentHash);
        if (!q) return Error{fmt::format("assessment {}: {}", record.uuid, q.error())};
        auto& stored = questionnaires[record.contentHash];
        stored.q = *q;
        const auto& questions = (*q)->questions;
        auto summary = read.summary(record.uuid);
        if (!summary) return Error{summary.error()};
        domains.clear();
        if (*summary)
            if (auto s = read.domains(record.uuid, domains); !s) return Error{s.error()};
        if (auto s = read.answers(record.uuid, given); !s) return Error{s.error()};

        // Questionnaire order; an answer the questionnaire does not know (only a hand-edited
        // database has one) goes last.
        order.clear();
        for (const auto& a : given) {
            const int index = (*q)->indexOf(a.questionId);
            order.emplace_back(index >= 0 ? index : static_cast<int>(questions.size()), &a);
        }
        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        const std::string_view status = store::statusName(record.status);
        const std::string_view title = (*q)->title.get(lang);
        const std::string completedAt = record.completedAt.value_or("");
        for (const auto& [index, a] : order) {
            const bool known = index < static_cast<int>(questions.size());
            const auto* question = known ? &questions[static_cast<std::size_t>(index)] : nullptr;
            const LocalizedText* domain = question ? domainName(question->domain, domains, context) : nullptr;
            const std::string_view domainShown =
                domain ? std::string_view(domain->get(lang)) : question ? std::string_view(question->domain) : std::string_view();
            const std::string score = a->score ? number(*a->score) : std::string();
            answers.row({record.uuid, facility, record.questionnaireId, title, record.questionnaireVersion, status, completedAt,
                         a->questionId, question ? std::string_view(question->text.get(lang)) : std::string_view(),
                         question ? std::string_view(question->domain) : std::string_view(),
                         domainShown,
                         a->value, question ? std::string_view(stored.label(*question, *a).get(lang)) : std::string_view(a->value),
                         yesNo(a->skipped, lang), score, a->answeredAt});
            ++rows.answers;
        }

        if (*summary) {
            const auto& r = **summary;
            for (const auto& d : domains)
                if (std::none_of(domainColumns.begin(), domainColumns.end(), [&](const auto& known) { return known.first == d.id; }))
                    domainColumns.emplace_back(d.id, d.name);
            resultRows.push_back({{record.uuid, facility, record.questionnaireId, record.questionnaireVersion, completedAt, r.computedAt,
                                   r.profileUuid, r.decision, r.decisionName.get(lang), r.expectedTier, r.expectedTierName.get(lang),
                                   r.achievedTier, r.achievedTierName.get(lang), number(r.overall), std::to_string(r.gaps)},
                                  domains});

            if (auto s = read.gaps(record.uuid, gaps); !s) return Error{s.error()};
            if (auto s = read.plan(record.uuid, entries); !s) return Error{s.error()};
            int priority = 0;
            for (const auto& gap : gaps) {
                ++priority;
                const auto entry = std::find_if(entries.begin(), entries.end(), [&](const PlanItem& p) { return p.item == gap.item; });
                const bool planned = entry != entries.end();
                const LocalizedText* domain = domainName(gap.domain, domains, context);
                plan.row({record.uuid, facility, completedAt, std::to_string(priority), gap.item, gap.action.get(lang),
                          domain ? std::string_view(domain->get(lang)) : std::string_view(gap.domain), yesNo(gap.critical, lang),
                          planned ? std::string_view(entry->owner) : std::string_view(), planned ? std::string_view(entry->targetDate) : std::string_view(),
                          planned ? std::string_view(planStatusLabel(entry->status).get(lang)) : std::string_view(),
                          planned ? std::string_view(entry->note) : std::string_view(), planned ? std::string_view(entry->updatedAt) : std::string_view()});
                ++rows.plan;
            }
        }
        if (progress) progress(++done, records->size());
    }

    auto head = header(lang, {{"評価ID", "assessment"},
                              {"施設", "facility"},
                              {"質問票", "questionnaire"},
                              {"版", "version"},
                              {"完了日時", "completed at"},
                              {"算出日時", "computed at"},
                              {"施設プロファイル", "profile"},
                              {"判定", "decision"},
                              {"判定名", "decision name"},
                              {"想定される区分", "expected tier"},
                              {"想定される区分名", "expected tier name"},
                              {"達成している区分", "achieved tier"},
                              {"達成している区分名", "achieved tier name"},
                              {"総合得点", "overall"},
                              {"ギャップ数", "gaps"}});
    for (const auto& [id, name] : domainColumns)
        head.push_back(lang == Lang::Ja ? fmt::format("得点：{}", name.ja) : fmt::format("score: {}", name.en));
    results.row(head);
    for (auto& [cells, scores] : resultRows) {
        for (const auto& column : domainColumns) {
            const auto it = std::find_if(scores.begin(), scores.end(), [&](const store::DomainScore& d) { return d.id == column.first; });
            cells.push_back(it != scores.end() ? number(it->score) : std::string());
        }
        results.row(cells);
        ++rows.results;
    }
    answers.flush();
    results.flush();
    plan.flush();
    return rows;
}

}  // namespace kiosk::exporting
