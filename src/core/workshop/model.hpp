// Workshop sessions: a trainer's session of one or more exercises, the participants who joined
// it (a nickname or an anonymous code, never a real name needed, with the moment they consented
// to their answers being used for the session's aggregate), and each participant's runs of the
// exercises. A run is an assessment like any other, so every decision is saved the moment it is
// made; the run links it to its participant and says whether it was taken before the workshop's
// teaching (pre) or after it (post).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::workshop {

enum class Mode { Individual, Team };      // a participant is a person, or a team at one kiosk
enum class Explanations { EachDecision, AtEnd };
enum class Phase { Pre, Post };

std::string_view modeName(Mode mode);                  // "individual", "team"
std::optional<Mode> parseMode(std::string_view name);
std::string_view explanationsName(Explanations when);  // "each_decision", "at_end"
std::optional<Explanations> parseExplanations(std::string_view name);
std::string_view phaseName(Phase phase);               // "pre", "post"
std::optional<Phase> parsePhase(std::string_view name);

struct Session {
    std::string uuid;
    std::string code;                    // short, for participants to type: 6 letters and digits
    std::string name;
    std::vector<std::string> exercises;  // questionnaire ids, in the order they are run
    Mode mode = Mode::Individual;
    Explanations explanations = Explanations::EachDecision;
    Phase phase = Phase::Pre;            // what runs begun now are: before or after the teaching (the trainer switches it)
    std::string createdAt;
    std::optional<std::string> closedAt;
    std::string improvements;            // the trainer's improvement items, for the after-action report
};

struct Participant {
    std::string uuid;
    std::string session;  // the session's UUID
    std::string code;     // a nickname or an anonymous code, as typed (the same code before and after)
    std::string consentedAt;
};

// One run of one exercise by one participant, with the decisions made so far.
struct Run {
    std::string participant;  // the participant's UUID
    std::string participantCode;
    std::string exercise;     // questionnaire id
    Phase phase = Phase::Pre;
    std::string assessment;   // the run's assessment UUID
    bool completed = false;
    std::map<std::string, std::string> choices;  // decision id -> option id
};

}  // namespace kiosk::workshop
