// What a workshop's runs add up to: a participant's score and path against the best path, and
// for the trainer's console the session's aggregate per exercise (how many are done or still in
// progress, how the choices of every decision are spread, the most common wrong choice to debrief,
// mean and spread of the scores overall and per learning objective) and the change from the runs
// before the workshop to those after it, per participant code and on average.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "questionnaire/model.hpp"
#include "workshop/model.hpp"

namespace kiosk::workshop {

// Percentages 0-100 of what the best choices would have scored.
struct Share {
    double scored = 0;
    double possible = 0;
    double percent() const { return possible > 0 ? 100 * scored / possible : 0; }
};

struct DecisionOutcome {
    std::string decision;                // question id
    std::optional<std::string> chosen;   // option id; nothing while not decided
    std::string best;                    // the best option's id
    double score = 0;                    // of the chosen option (0 when not decided)
    double possible = 0;                 // of the best option
    int objective = 0;
    bool isBest() const { return chosen && *chosen == best; }
};

struct RunScore {
    std::vector<DecisionOutcome> decisions;  // in the exercise's order: the participant's path
    Share total;                             // over every decision (one not made scores 0)
    std::map<int, Share> objectives;         // by learning objective (1 for the first)
    int decided = 0;
    int best = 0;                            // decisions where the best option was chosen
};

RunScore scoreRun(const questionnaire::Questionnaire& exercise, const std::map<std::string, std::string>& choices);

// Mean and spread (population standard deviation) of run percentages.
struct Spread {
    int runs = 0;
    double mean = 0;
    double deviation = 0;
};
Spread spreadOf(const std::vector<double>& percents);

struct ChoiceCount {
    std::string option;
    int count = 0;
    bool best = false;
};

struct DecisionAggregate {
    std::string decision;
    int objective = 0;
    int decided = 0;                          // runs that made this decision
    std::vector<ChoiceCount> choices;         // every option in the exercise's order, chosen or not
    std::optional<std::string> commonestWrong;  // the wrong option chosen most (earliest on a tie); nothing when none was
};

struct ExerciseAggregate {
    std::string exercise;
    int completed = 0;
    int inProgress = 0;
    std::vector<DecisionAggregate> decisions;  // every decision made in any run, finished or not
    Spread total;                              // scores of completed runs
    std::map<int, Spread> objectives;
};

// The runs of one exercise in one phase (runs of other exercises or phases are left out).
ExerciseAggregate aggregate(const questionnaire::Questionnaire& exercise, const std::vector<Run>& runs, Phase phase);

// One participant code that completed a run before and after the workshop.
struct ParticipantChange {
    std::string participantCode;
    double before = 0, after = 0;            // total percentages
    std::map<int, double> objectives;        // after minus before, percentage points
    double change() const { return after - before; }
};

struct PrePost {
    std::vector<ParticipantChange> participants;  // by code
    Spread before, after;
    std::map<int, double> meanChange;             // per objective, over the participants above
    double meanTotalChange = 0;
};

// Pairs each participant code's latest completed pre run with its latest completed post run.
PrePost prePost(const questionnaire::Questionnaire& exercise, const std::vector<Run>& runs);

}  // namespace kiosk::workshop
