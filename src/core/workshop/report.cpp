// The after-action report's blocks, in the order a debrief goes: the session, then each exercise
// decision by decision, then before and after, then what the group will improve.
#include "workshop/report.hpp"

#include <fmt/format.h>

#include <set>
#include <sstream>

#include "workshop/aggregate.hpp"

namespace kiosk::workshop {
namespace {

using namespace exporting;

struct Words {
    Lang lang;
    std::string operator()(std::string_view ja, std::string_view en) const { return std::string(lang == Lang::Ja ? ja : en); }
};

std::string points(double percent) { return fmt::format("{:.0f}", percent); }

void exerciseBlocks(Outline& out, const Words& w, const questionnaire::Questionnaire& exercise, const std::vector<Run>& runs) {
    const Lang lang = w.lang;
    out.blocks.push_back(block::Heading{exercise.title.get(lang), 1, ""});
    for (const Phase phase : {Phase::Pre, Phase::Post}) {
        const auto agg = aggregate(exercise, runs, phase);
        if (agg.completed + agg.inProgress == 0) continue;
        const std::string phaseName = phase == Phase::Pre ? w("研修の前", "Before the workshop") : w("研修の後", "After the workshop");
        out.blocks.push_back(block::Heading{phaseName, 2, ""});
        block::Facts facts;
        facts.rows.push_back({w("終了した参加者", "Participants done"), std::to_string(agg.completed)});
        facts.rows.push_back({w("回答中の参加者", "Still answering"), std::to_string(agg.inProgress)});
        if (agg.total.runs > 0)
            facts.rows.push_back({w("得点（平均とばらつき）", "Score (mean and spread)"), fmt::format("{} ± {}", points(agg.total.mean), points(agg.total.deviation))});
        for (const auto& [objective, spread] : agg.objectives)
            if (objective >= 1 && objective <= static_cast<int>(exercise.objectives.size()))
                facts.rows.push_back({fmt::format("{} {}", w("学習目標", "Objective"), objective), fmt::format("{} ± {}", points(spread.mean), points(spread.deviation))});
        out.blocks.push_back(std::move(facts));

        int number = 0;
        for (const auto& d : agg.decisions) {
            ++number;
            const auto* q = exercise.findQuestion(d.decision);
            if (!q) continue;
            out.blocks.push_back(block::Heading{fmt::format("{}. {}", number, q->text.get(lang)), 2,
                                                d.objective > 0 ? fmt::format("{} {}", w("学習目標", "Objective"), d.objective) : ""});
            block::Table table;
            table.header = {w("選択肢", "Option"), w("人数", "People"), w("最善", "Best")};
            table.widths = {8, 1, 1};
            table.numeric = {false, true, false};
            for (const auto& c : d.choices) {
                const auto* option = q->findOption(c.option);
                table.rows.push_back({option ? option->label.get(lang) : c.option, std::to_string(c.count), c.best ? "✓" : ""});
            }
            out.blocks.push_back(std::move(table));
            block::Entries notes;
            notes.numbered = false;
            for (const auto& o : q->options) {
                const bool wrong = d.commonestWrong && *d.commonestWrong == o.id;
                if (!o.best && !wrong) continue;
                block::Entry entry;
                entry.title = o.label.get(lang);
                entry.badge = o.best ? w("最善", "Best") : w("最も多かった誤り", "Most common wrong choice");
                entry.badgeTone = o.best ? Tone::Good : Tone::Warning;
                entry.details.push_back({{"", o.explanation.get(lang)}});
                notes.items.push_back(std::move(entry));
            }
            out.blocks.push_back(std::move(notes));
        }
    }

    const auto change = prePost(exercise, runs);
    if (!change.participants.empty()) {
        out.blocks.push_back(block::Heading{w("研修の前と後", "Before and after the workshop"), 2, ""});
        block::Table table;
        table.header = {w("参加者", "Participant"), w("前", "Before"), w("後", "After"), w("変化", "Change")};
        table.widths = {4, 1, 1, 1};
        table.numeric = {false, true, true, true};
        for (const auto& p : change.participants)
            table.rows.push_back({p.participantCode, points(p.before), points(p.after), fmt::format("{:+.0f}", p.change())});
        table.rows.push_back({w("平均", "Mean"), points(change.before.mean), points(change.after.mean), fmt::format("{:+.0f}", change.meanTotalChange)});
        out.blocks.push_back(std::move(table));
        block::Facts objectives;
        for (const auto& [objective, delta] : change.meanChange)
            if (objective >= 1 && objective <= static_cast<int>(exercise.objectives.size()))
                objectives.rows.push_back({fmt::format("{} {}：{}", w("学習目標", "Objective"), objective,
                                                       exercise.objectives[static_cast<std::size_t>(objective - 1)].get(lang)),
                                           fmt::format("{:+.0f}", delta)});
        if (!objectives.rows.empty()) out.blocks.push_back(std::move(objectives));
    }
}

}  // namespace

Outline afterActionOutline(const Session& session, const std::vector<Run>& runs, const questionnaire::Catalog& catalog, Lang lang,
                           const std::string& date) {
    const Words w{lang};
    Outline out;
    out.lang = lang;
    out.title = w("事後検討報告書", "After-action report");
    out.facility = session.name;
    out.date = date;
    std::set<std::string> people;
    for (const auto& r : runs) people.insert(r.participantCode);
    out.blocks.push_back(block::Title{w("ワークショップ事後検討報告書", "Workshop after-action report"),
                                      {{w("セッション", "Session"), session.name},
                                       {w("コード", "Code"), session.code},
                                       {w("参加者", "Participants"), std::to_string(people.size())},
                                       {w("作成日", "Date"), date}}});
    out.blocks.push_back(block::Paragraph{w("各判断で参加者が選んだ選択肢の人数、最善の選択肢と最も多かった誤りの解説、学習目標ごとの得点、研修の前後の変化をまとめています。得点は最善の選択肢を 100 点とした割合です。",
                                            "For every decision: how many participants chose each option, the best option and the most common wrong one with their explanations; the scores per learning objective; and the change from before to after the workshop. Scores are percentages of what the best choices would score."),
                                          true});
    for (const auto& id : session.exercises) {
        const auto* exercise = catalog.find(id);
        if (!exercise || exercise->kind != questionnaire::Kind::Exercise) continue;
        exerciseBlocks(out, w, *exercise, runs);
    }
    out.blocks.push_back(block::Heading{w("改善項目", "Improvement items"), 1, ""});
    block::Entries items;
    std::istringstream lines(session.improvements);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t　") == std::string::npos) continue;
        items.items.push_back({line, "", Tone::Normal, {}});
    }
    if (items.items.empty()) out.blocks.push_back(block::Paragraph{w("改善項目はまだ記録されていません。", "No improvement item has been recorded yet."), true});
    else out.blocks.push_back(std::move(items));
    out.blocks.push_back(block::Signature{w("確認", "Reviewed by"), {w("研修担当", "Trainer"), w("日付", "Date"), w("署名", "Signature")}});
    return out;
}

}  // namespace kiosk::workshop
