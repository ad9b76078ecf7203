// The rows of the CSV tables; quoting and neutralising are skills::writeCsv's.
#include "export/csv_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "skills/csv.hpp"

namespace kiosk::exporting {
namespace {

std::vector<std::string> header(Lang lang, std::initializer_list<LocalizedText> columns) {
    std::vector<std::string> out;
    out.reserve(columns.size());
    for (const auto& c : columns) out.push_back(c.get(lang));
    return out;
}

// Scores as the result stores them: the shortest form that reads back as the same number.
std::string number(double value) { return fmt::format("{}", value); }

std::string yesNo(bool value, Lang lang) {
    if (lang == Lang::Ja) return value ? "はい" : "いいえ";
    return value ? "yes" : "no";
}

}  // namespace

CsvTable answersTable(const Report& report) {
    const Lang lang = report.lang;
    CsvTable table;
    table.push_back(header(lang, {{"評価ID", "assessment"},
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
    for (const auto& a : report.assessments) {
        const auto& r = a.record;
        const std::string status(store::statusName(r.status));
        for (const auto& line : a.answers) {
            table.push_back({r.uuid, report.facility, r.questionnaireId, a.questionnaireTitle.get(lang), r.questionnaireVersion, status,
                             r.completedAt.value_or(""), line.questionId, line.question.get(lang), line.domain,
                             line.domainName.get(lang), line.value, line.valueLabel.get(lang), yesNo(line.skipped, lang),
                             line.score ? number(*line.score) : std::string(), line.answeredAt});
        }
    }
    return table;
}

CsvTable resultsTable(const Report& report) {
    const Lang lang = report.lang;
    // Every domain of any result, in the order they first appear, with the name it first had.
    std::vector<std::pair<std::string, LocalizedText>> domains;
    for (const auto& a : report.assessments) {
        if (!a.result) continue;
        for (const auto& d : a.result->domains)
            if (std::none_of(domains.begin(), domains.end(), [&](const auto& known) { return known.first == d.id; }))
                domains.emplace_back(d.id, d.name);
    }
    CsvTable table;
    table.push_back(header(lang, {{"評価ID", "assessment"},
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
                                  {"ギャップ数", "gaps"}}));
    for (const auto& [id, name] : domains)
        table.front().push_back(lang == Lang::Ja ? fmt::format("得点：{}", name.ja) : fmt::format("score: {}", name.en));
    for (const auto& a : report.assessments) {
        if (!a.result) continue;
        const auto& r = a.record;
        const auto& result = *a.result;
        std::vector<std::string> row{r.uuid,
                                     report.facility,
                                     r.questionnaireId,
                                     r.questionnaireVersion,
                                     r.completedAt.value_or(""),
                                     result.computedAt,
                                     result.profileAssessment,
                                     std::string(scoring::decisionName(result.decision)),
                                     result.decisionName.get(lang),
                                     result.expectedTier,
                                     result.expectedTierName.get(lang),
                                     result.achievedTier,
                                     result.achievedTierName.get(lang),
                                     number(result.overall),
                                     std::to_string(result.gaps.size())};
        for (const auto& [id, name] : domains) {
            const auto* line = result.domain(id);
            row.push_back(line ? number(line->score) : std::string());
        }
        table.push_back(std::move(row));
    }
    return table;
}

CsvTable planTable(const Report& report) {
    const Lang lang = report.lang;
    CsvTable table;
    table.push_back(header(lang, {{"評価ID", "assessment"},
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
    for (const auto& a : report.assessments) {
        if (!a.result) continue;
        const auto& result = *a.result;
        int priority = 0;
        for (const auto& gap : result.gaps) {
            ++priority;
            const auto* item = result.item(gap);
            const auto plan = std::find_if(a.plan.begin(), a.plan.end(), [&](const PlanItem& p) { return p.item == gap; });
            const bool planned = plan != a.plan.end();
            const auto* domain = item ? result.domain(item->domain) : nullptr;
            table.push_back({a.record.uuid, report.facility, a.record.completedAt.value_or(""), std::to_string(priority), gap,
                             item ? item->actionOrText().get(lang) : std::string(), domain ? domain->name.get(lang) : std::string(),
                             item ? yesNo(item->critical, lang) : std::string(), planned ? plan->owner : std::string(),
                             planned ? plan->targetDate : std::string(), planned ? planStatusLabel(plan->status).get(lang) : std::string(),
                             planned ? plan->note : std::string(), planned ? plan->updatedAt : std::string()});
        }
    }
    return table;
}

std::string csvBytes(const CsvTable& table) { return skills::writeCsv(table); }

}  // namespace kiosk::exporting
