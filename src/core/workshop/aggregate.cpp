// Scores from the options' scores in the exercise; aggregates from the runs as they are stored.
#include "workshop/aggregate.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::workshop {

RunScore scoreRun(const questionnaire::Questionnaire& exercise, const std::map<std::string, std::string>& choices) {
    RunScore out;
    for (const auto& q : exercise.questions) {
        DecisionOutcome d;
        d.decision = q.id;
        d.objective = q.objective;
        for (const auto& o : q.options) {
            if (o.best) d.best = o.id;
            d.possible = std::max(d.possible, o.score.value_or(0));
        }
        if (const auto it = choices.find(q.id); it != choices.end())
            if (const auto* chosen = q.findOption(it->second)) {
                d.chosen = chosen->id;
                d.score = chosen->score.value_or(0);
                ++out.decided;
                if (chosen->best) ++out.best;
            }
        out.total.scored += d.score;
        out.total.possible += d.possible;
        auto& share = out.objectives[d.objective];
        share.scored += d.score;
        share.possible += d.possible;
        out.decisions.push_back(std::move(d));
    }
    return out;
}

Spread spreadOf(const std::vector<double>& percents) {
    Spread s;
    s.runs = static_cast<int>(percents.size());
    if (percents.empty()) return s;
    for (double p : percents) s.mean += p;
    s.mean /= static_cast<double>(percents.size());
    double squares = 0;
    for (double p : percents) squares += (p - s.mean) * (p - s.mean);
    s.deviation = std::sqrt(squares / static_cast<double>(percents.size()));
    return s;
}

ExerciseAggregate aggregate(const questionnaire::Questionnaire& exercise, const std::vector<Run>& runs, Phase phase) {
    ExerciseAggregate out;
    out.exercise = exercise.id;
    for (const auto& q : exercise.questions) {
        DecisionAggregate d;
        d.decision = q.id;
        d.objective = q.objective;
        for (const auto& o : q.options) d.choices.push_back({o.id, 0, o.best});
        out.decisions.push_back(std::move(d));
    }
    std::vector<double> totals;
    std::map<int, std::vector<double>> byObjective;
    for (const auto& run : runs) {
        if (run.exercise != exercise.id || run.phase != phase) continue;
        ++(run.completed ? out.completed : out.inProgress);
        for (auto& d : out.decisions) {
            const auto chosen = run.choices.find(d.decision);
            if (chosen == run.choices.end()) continue;
            for (auto& c : d.choices)
                if (c.option == chosen->second) {
                    ++c.count;
                    ++d.decided;
                }
        }
        if (!run.completed) continue;
        const RunScore score = scoreRun(exercise, run.choices);
        totals.push_back(score.total.percent());
        for (const auto& [objective, share] : score.objectives) byObjective[objective].push_back(share.percent());
    }
    for (auto& d : out.decisions) {
        const ChoiceCount* wrong = nullptr;
        for (const auto& c : d.choices)
            if (!c.best && c.count > 0 && (!wrong || c.count > wrong->count)) wrong = &c;
        if (wrong) d.commonestWrong = wrong->option;
    }
    out.total = spreadOf(totals);
    for (const auto& [objective, percents] : byObjective) out.objectives[objective] = spreadOf(percents);
    return out;
}

PrePost prePost(const questionnaire::Questionnaire& exercise, const std::vector<Run>& runs) {
    // The latest completed run of each code in each phase: runs come in the order they began.
    std::map<std::string, const Run*> before, after;
    for (const auto& run : runs) {
        if (run.exercise != exercise.id || !run.completed) continue;
        (run.phase == Phase::Pre ? before : after)[run.participantCode] = &run;
    }
    PrePost out;
    std::vector<double> befores, afters;
    std::map<int, std::vector<double>> changes;
    for (const auto& [code, pre] : before) {
        const auto post = after.find(code);
        if (post == after.end()) continue;
        const RunScore a = scoreRun(exercise, pre->choices), b = scoreRun(exercise, post->second->choices);
        ParticipantChange change{code, a.total.percent(), b.total.percent(), {}};
        for (const auto& [objective, share] : b.objectives) {
            const double delta = share.percent() - a.objectives.at(objective).percent();
            change.objectives[objective] = delta;
            changes[objective].push_back(delta);
        }
        befores.push_back(change.before);
        afters.push_back(change.after);
        out.meanTotalChange += change.change();
        out.participants.push_back(std::move(change));
    }
    out.before = spreadOf(befores);
    out.after = spreadOf(afters);
    if (!out.participants.empty()) out.meanTotalChange /= static_cast<double>(out.participants.size());
    for (const auto& [objective, deltas] : changes) out.meanChange[objective] = spreadOf(deltas).mean;
    return out;
}

}  // namespace kiosk::workshop
