// Stored workshop sessions, their participants and runs (schema 8). Every change is appended to
// the audit log in the same transaction, when one is given:
//   workshop.session_created  subject: the session's UUID  {code, name, exercises, mode, explanations}
//   workshop.joined           subject: the session's UUID  {participant, code_sha256}
//   workshop.run_started      subject: the run's assessment {participant, exercise, phase}
//   workshop.phase_changed    subject: the session's UUID  {phase}
//   workshop.session_closed   subject: the session's UUID  {improvements_sha256}
// A participant's code is recorded only as its SHA-256: the log proves who joined without
// keeping the nickname.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"
#include "workshop/model.hpp"

namespace kiosk::store {

inline constexpr std::size_t kMaxWorkshopName = 100;
inline constexpr std::size_t kMaxParticipantCode = 40;
inline constexpr std::size_t kMaxImprovements = 4000;
inline constexpr std::size_t kSessionCodeLength = 6;

struct NewSession {
    std::string name;
    std::vector<std::string> exercises;  // questionnaire ids of exercises, in order
    workshop::Mode mode = workshop::Mode::Individual;
    workshop::Explanations explanations = workshop::Explanations::EachDecision;
};

class WorkshopStore {
public:
    explicit WorkshopStore(Database& db, AuditLog* audit = nullptr) : m_db(db), m_audit(audit) {}
    void setAuditLog(AuditLog* audit) { m_audit = audit; }
    // For the session files (workshop/bundle.hpp), which read and merge through the same connection.
    Database& database() { return m_db; }

    // A new session with a fresh code. Refuses, saying why: an empty or unfit name, no exercise,
    // an exercise named twice. (Whether the ids are exercises of the catalogue is the caller's.)
    Result<workshop::Session> create(const NewSession& session);
    Result<std::vector<workshop::Session>> sessions();  // newest first
    // By UUID or by code (letters in either case); nothing when neither matches.
    Result<std::optional<workshop::Session>> find(std::string_view uuidOrCode);

    // The participant of this code in the session: joined now (consenting now), or the one who
    // joined with the same code before (a post run after a pre run). Refuses a closed session and a
    // code that is empty (after trimming spaces), too long or unfit.
    Result<workshop::Participant> join(const std::string& session, const std::string& code);

    // Links an assessment of an exercise of the participant's session to the participant.
    Status addRun(const std::string& participant, const std::string& exercise, workshop::Phase phase, const std::string& assessment);

    // Every run of the session, in the order they began, with the decisions made so far.
    Result<std::vector<workshop::Run>> runs(const std::string& session);

    // From now on the session's runs are taken as before (pre) or after (post) the teaching.
    Status setPhase(const std::string& session, workshop::Phase phase);

    // The assessments of every run of every session: the participant screens never list them.
    Result<std::set<std::string>> runAssessments();

    // Every participant of the session, in the order they joined.
    Result<std::vector<workshop::Participant>> participants(const std::string& session);

    // For merging a session file (workshop/bundle.hpp): inside the caller's transaction and not
    // audited (the merge records itself once). Each adds what this database does not hold yet and
    // says whether it did.
    //   the session as another kiosk stored it (refused when its code is another session's here);
    Result<bool> insertSession(const workshop::Session& session);
    //   a participant, unless the session already has one of that nickname: the UUID it has here;
    Result<std::pair<std::string, bool>> insertParticipant(const workshop::Participant& participant);
    //   a run, unless its assessment already has one.
    Result<bool> insertRun(const workshop::Run& run);

    // Closes the session with the trainer's improvement items; a closed session takes no new participant.
    Status close(const std::string& session, const std::string& improvements);

private:
    Result<workshop::Session> require(const std::string& session);
    Status insertSessionRows(const workshop::Session& session);
    Database& m_db;
    AuditLog* m_audit = nullptr;
};

}  // namespace kiosk::store
