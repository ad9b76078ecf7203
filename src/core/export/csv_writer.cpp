// The rows of the CSV files, from the answers, the stored questionnaires and the result index.
#include "export/csv_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "skills/csv.hpp"
#include "store/export_rows.hpp"
#include "store/facility_store.hpp"

namespace kiosk::exporting {
namespace {

constexpr std::size_t kFlushBytes = 256 * 1024;

// One file's rows, buffered and handed to its sink in pieces. Cells are added one by one, or
// several at once when they were formatted before (a run of cells that repeats on many rows).
class CsvFile {
public:
    explicit CsvFile(const ByteSink& sink) : m_sink(sink) { m_buffer = "\xEF\xBB\xBF"; }
    CsvFile& cell(std::string_view text) {
        separate();
        skills::appendCsvCell(m_buffer, text);
        return *this;
    }
    // Cells formatted by formatCells.
    CsvFile& formatted(std::string_view cells) {
        separate();
        m_buffer += cells;
        return *this;
    }
    void end() {
        m_buffer += "\r\n";
        m_first = true;
        if (m_buffer.size() >= kFlushBytes) flush();
    }
    template <class Cells>
    void row(const Cells& cells) {
        for (const auto& c : cells) cell(c);
        end();
    }
    void row(std::initializer_list<std::string_view> cells) { row<std::initializer_list<std::string_view>>(cells); }
    void flush() {
        if (m_buffer.empty()) return;
        m_sink(m_buffer);
        m_buffer.clear();
    }

private:
    void separate() {
        if (!m_first) m_buffer += ',';
        m_first = false;
    }
    const ByteSink& m_sink;
    std::string m_buffer;
    bool m_first = true;
};

// Cells joined as they appear in a row, for CsvFile::formatted.
std::string formatCells(std::initializer_list<std::string_view> cells) {
    std::string out;
    for (const auto& c : cells) {
        if (&c != cells.begin()) out += ',';
        skills::appendCsvCell(out, c);
    }
    return out;
}

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

const LocalizedText* domainName(const std::string& id, const std::vector<store::DomainScore>& scored, const ReportContext& context) {
    for (const auto& d : scored)
        if (d.id == id) return &d.name;
    if (context.domains)
        for (const auto& d : *context.domains)
            if (d.id == id) return &d.name;
    return nullptr;
}

// A heterogeneous hash, so that a map keyed by std::string is searched with a string_view.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// What the answer rows of one stored questionnaire repeat, formatted once: for each question its
// item, question, domain and domain name, and each answer given to it with the answer as shown.
class QuestionCells {
public:
    // The cells were formatted with the domain names of one result; another result of the same
    // questionnaire names its domains the same way unless the scoring rules changed in between.
    void prepare(const StoredQuestionnaires::Pointer& q, const std::vector<store::DomainScore>& domains) {
        if (m_q == q && sameNames(domains)) return;
        m_q = q;
        m_domains = domains;
        m_questions.assign(q->questions.size(), {});
    }
    const std::string& question(std::size_t index, Lang lang, const ReportContext& context) {
        auto& cells = m_questions[index];
        if (cells.text.empty()) {
            const auto& question = m_q->questions[index];
            const LocalizedText* domain = domainName(question.domain, m_domains, context);
            cells.text = formatCells({question.id, question.text.get(lang), question.domain,
                                      domain ? std::string_view(domain->get(lang)) : std::string_view(question.domain)});
        }
        return cells.text;
    }
    const std::string& answer(std::size_t index, const store::ScoredAnswer& answer, Lang lang) {
        auto& shown = m_questions[index].answers[answer.skipped ? 1 : 0];
        auto it = shown.find(std::string_view(answer.value));
        if (it == shown.end()) {
            const LocalizedText label =
                answerLabel(m_q->questions[index], {answer.questionId, answer.value, answer.skipped, answer.answeredAt});
            it = shown.emplace(answer.value, formatCells({answer.value, label.get(lang)})).first;
        }
        return it->second;
    }

private:
    bool sameNames(const std::vector<store::DomainScore>& domains) const {
        return std::equal(domains.begin(), domains.end(), m_domains.begin(), m_domains.end(), [](const auto& a, const auto& b) {
            return a.id == b.id && a.name.ja == b.name.ja && a.name.en == b.name.en;
        });
    }
    struct Cells {
        std::string text;
        // By value, for answers given and for skipped ones.
        std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> answers[2];
    };
    StoredQuestionnaires::Pointer m_q;
    std::vector<store::DomainScore> m_domains;
    std::vector<Cells> m_questions;
};


// What both passes over the assessments share; read once, before they start.
struct Pass {
    const std::vector<store::AssessmentRecord>& records;
    Lang lang;
    std::string facility;  // the facility's name, on every row (empty until the administrator names it)
    const ReportContext& context;
};

// The answers file: one row per current answer, in questionnaire order.
Result<std::int64_t> writeAnswers(store::Database& db, const Pass& pass, const ByteSink& sink, const ReportProgress& progress) {
    const Lang lang = pass.lang;
    CsvFile answers(sink);
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
    std::int64_t rows = 0;
    store::AssessmentStore assessments(db);
    StoredQuestionnaires snapshots(assessments);
    std::map<std::string, QuestionCells, std::less<>> questionnaires;
    store::ExportRows read(db);
    store::AssessmentRows given;
    std::vector<store::DomainScore> domains;
    std::vector<std::pair<int, const store::ScoredAnswer*>> order;
    std::size_t done = 0;
    for (const auto& record : pass.records) {
        auto q = snapshots.get(record.contentHash);
        if (!q) return Error{fmt::format("assessment {}: {}", record.uuid, q.error())};
        const auto& questions = (*q)->questions;
        if (auto s = read.domains(record.uuid, domains); !s) return Error{s.error()};
        if (auto s = read.answers(record.uuid, given); !s) return Error{s.error()};
        auto& cells = questionnaires[record.contentHash];
        cells.prepare(*q, domains);

        // Questionnaire order; an answer the questionnaire does not know (only a hand-edited
        // database has one) goes last.
        order.clear();
        for (std::size_t i = 0; i < given.answerCount; ++i) {
            const auto& a = given.answers[i];
            const int index = (*q)->indexOf(a.questionId);
            order.emplace_back(index >= 0 ? index : static_cast<int>(questions.size()), &a);
        }
        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        const std::string assessment =
            formatCells({record.uuid, pass.facility, record.questionnaireId, (*q)->title.get(lang), record.questionnaireVersion,
                         store::statusName(record.status), record.completedAt.value_or("")});
        for (const auto& [index, a] : order) {
            answers.formatted(assessment);
            if (index < static_cast<int>(questions.size())) {
                const auto i = static_cast<std::size_t>(index);
                answers.formatted(cells.question(i, lang, pass.context)).formatted(cells.answer(i, *a, lang));
            } else {
                answers.cell(a->questionId).cell("").cell("").cell("").cell(a->value).cell(a->value);
            }
            answers.cell(yesNo(a->skipped, lang)).cell(a->score ? number(*a->score) : std::string()).cell(a->answeredAt).end();
            ++rows;
        }
        if (progress) progress(++done, pass.records.size());
    }
    answers.flush();
    return rows;
}

// The results file (one row per scored assessment) and the plan file (one row per gap).
Status writeResultsAndPlan(store::Database& db, const Pass& pass, const ByteSink& resultSink, const ByteSink& planSink, CsvRows& rows) {
    const Lang lang = pass.lang;
    CsvFile results(resultSink), plan(planSink);
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

    store::ExportRows read(db);
    store::AssessmentRows given;
    std::vector<store::DomainScore> domains;
    std::vector<PlanItem> entries;
    for (const auto& record : pass.records) {
        auto summary = read.summary(record.uuid);
        if (!summary) return Error{summary.error()};
        if (!*summary) continue;
        if (auto s = read.domains(record.uuid, domains); !s) return Error{s.error()};
        const auto& r = **summary;
        const std::string completedAt = record.completedAt.value_or("");
        for (const auto& d : domains)
            if (std::none_of(domainColumns.begin(), domainColumns.end(), [&](const auto& known) { return known.first == d.id; }))
                domainColumns.emplace_back(d.id, d.name);
        resultRows.push_back({{record.uuid, pass.facility, record.questionnaireId, record.questionnaireVersion, completedAt, r.computedAt,
                               r.profileUuid, r.decision, r.decisionName.get(lang), r.expectedTier, r.expectedTierName.get(lang),
                               r.achievedTier, r.achievedTierName.get(lang), number(r.overall), std::to_string(r.gaps)},
                              domains});

        if (auto s = read.gaps(record.uuid, given); !s) return Error{s.error()};
        if (auto s = read.plan(record.uuid, entries); !s) return Error{s.error()};
        const std::string assessment = formatCells({record.uuid, pass.facility, completedAt});
        for (std::size_t i = 0; i < given.gapCount; ++i) {
            const auto& gap = given.gaps[i];
            const auto entry = std::find_if(entries.begin(), entries.end(), [&](const PlanItem& p) { return p.item == gap.item; });
            const bool planned = entry != entries.end();
            const LocalizedText* domain = domainName(gap.domain, domains, pass.context);
            plan.formatted(assessment);
            plan.row({std::to_string(i + 1), gap.item, gap.action.get(lang),
                      domain ? std::string_view(domain->get(lang)) : std::string_view(gap.domain), yesNo(gap.critical, lang),
                      planned ? std::string_view(entry->owner) : std::string_view(), planned ? std::string_view(entry->targetDate) : std::string_view(),
                      planned ? std::string_view(planStatusLabel(entry->status).get(lang)) : std::string_view(),
                      planned ? std::string_view(entry->note) : std::string_view(), planned ? std::string_view(entry->updatedAt) : std::string_view()});
            ++rows.plan;
        }
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
    results.flush();
    plan.flush();
    return {};
}

}  // namespace

Result<CsvRows> writeCsv(store::Database& db, const ReportRequest& request, const ReportContext& context, const CsvSinks& sinks,
                         const ReportProgress& progress, store::Database* second) {
    auto records = selectAssessments(db, request);
    if (!records) return Error{records.error()};
    auto facility = store::FacilityStore(db).get();
    if (!facility) return Error{facility.error()};
    const Pass pass{*records, request.lang, facility->name, context};

    CsvRows rows;
    Status resultsAndPlan;
    // With a second connection the results and plan are read on a thread of their own while this
    // one writes the answers (the larger part); without one, after the answers.
    std::jthread other;
    if (second) other = std::jthread([&] { resultsAndPlan = writeResultsAndPlan(*second, pass, sinks.results, sinks.plan, rows); });
    auto answers = writeAnswers(db, pass, sinks.answers, progress);
    if (other.joinable()) other.join();
    else if (answers) resultsAndPlan = writeResultsAndPlan(db, pass, sinks.results, sinks.plan, rows);
    if (!answers) return Error{answers.error()};
    if (!resultsAndPlan) return Error{resultsAndPlan.error()};
    rows.answers = *answers;
    return rows;
}

}  // namespace kiosk::exporting
