// SQL of workshop sessions, the checks of what the trainer and participants type, and audit rows.
#include "store/workshop_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "skills/model.hpp"
#include "store/plan_store.hpp"
#include "util/hash.hpp"

namespace kiosk::store {
namespace {

constexpr std::string_view kSelectSession =
    "SELECT uuid, code, name, mode, explanations, created_at, closed_at, improvements, phase FROM workshop_sessions";

// Reads the sessions a statement over kSelectSession gives, with their exercises.
Result<std::vector<workshop::Session>> readSessions(Database& db, Statement& s) {
    std::vector<workshop::Session> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the workshop sessions: " + row.error()};
        if (!*row) break;
        workshop::Session session;
        session.uuid = s.text(0);
        session.code = s.text(1);
        session.name = s.text(2);
        // The schema allows no other names.
        session.mode = workshop::parseMode(s.text(3)).value_or(workshop::Mode::Individual);
        session.explanations = workshop::parseExplanations(s.text(4)).value_or(workshop::Explanations::EachDecision);
        session.createdAt = s.text(5);
        session.closedAt = s.optionalText(6);
        session.improvements = s.text(7);
        session.phase = workshop::parsePhase(s.text(8)).value_or(workshop::Phase::Pre);
        out.push_back(std::move(session));
    }
    Statement exercises(db, "SELECT exercise_id FROM workshop_exercises WHERE session_uuid = ?1 ORDER BY position");
    for (auto& session : out) {
        exercises.reset().bind(1, session.uuid);
        for (;;) {
            auto row = exercises.step();
            if (!row) return Error{"could not read the workshop sessions: " + row.error()};
            if (!*row) break;
            session.exercises.push_back(exercises.text(0));
        }
    }
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

Result<workshop::Session> WorkshopStore::create(const NewSession& request) {
    const std::string name = skills::trimPersonText(request.name);
    if (name.empty()) return Error{"a workshop session needs a name"};
    if (auto problem = freeTextProblem(name, kMaxWorkshopName, false)) return Error{fmt::format("the session's name: {}", *problem)};
    if (request.exercises.empty()) return Error{"a workshop session needs at least one exercise"};
    for (std::size_t i = 0; i < request.exercises.size(); ++i)
        if (std::find(request.exercises.begin(), request.exercises.begin() + static_cast<std::ptrdiff_t>(i), request.exercises[i]) !=
            request.exercises.begin() + static_cast<std::ptrdiff_t>(i))
            return Error{fmt::format("exercise '{}' is named twice; a session runs each exercise once", request.exercises[i])};

    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not create the session: {}", tx.beginStatus().error())};
    workshop::Session session;
    session.uuid = newUuid();
    session.name = name;
    session.exercises = request.exercises;
    session.mode = request.mode;
    session.explanations = request.explanations;
    // A code no other session has (31^6 codes: a clash is rare, and then another is drawn).
    Statement taken(m_db, "SELECT 1 FROM workshop_sessions WHERE code = ?1");
    for (int attempt = 0; attempt < 20 && session.code.empty(); ++attempt) {
        std::string code = randomCode(kSessionCodeLength);
        auto row = taken.reset().bind(1, code).step();
        if (!row) return Error{fmt::format("could not create the session: {}", row.error())};
        if (!*row) session.code = std::move(code);
    }
    if (session.code.empty()) return Error{"could not create the session: no free session code was found"};

    if (auto s = insertSessionRows(session); !s) return Error{fmt::format("could not create the session: {}", s.error())};
    if (m_audit) {
        const nlohmann::json details{{"code", session.code},
                                     {"name", session.name},
                                     {"exercises", session.exercises},
                                     {"mode", std::string(workshop::modeName(session.mode))},
                                     {"explanations", std::string(workshop::explanationsName(session.explanations))}};
        if (auto s = m_audit->append({"workshop.session_created", session.uuid, details.dump()}); !s)
            return Error{fmt::format("could not create the session: {}", s.error())};
    }
    auto stored = find(session.uuid);
    if (!stored) return Error{stored.error()};
    if (!*stored) return Error{"could not create the session: it was not stored"};
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not create the session: {}", s.error())};
    return std::move(**stored);
}

Status WorkshopStore::insertSessionRows(const workshop::Session& session) {
    // created_at: now for a new session, as the other kiosk stored it for a merged one.
    Statement insert(m_db, "INSERT INTO workshop_sessions(uuid, code, name, mode, explanations, phase, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(NULLIF(?7, ''), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
    insert.bind(1, session.uuid).bind(2, session.code).bind(3, session.name).bind(4, workshop::modeName(session.mode))
        .bind(5, workshop::explanationsName(session.explanations)).bind(6, workshop::phaseName(session.phase)).bind(7, session.createdAt);
    if (auto s = insert.run(); !s) return s;
    Statement exercise(m_db, "INSERT INTO workshop_exercises(session_uuid, position, exercise_id) VALUES (?1, ?2, ?3)");
    for (std::size_t i = 0; i < session.exercises.size(); ++i)
        if (auto s = exercise.reset().bind(1, session.uuid).bind(2, static_cast<std::int64_t>(i)).bind(3, session.exercises[i]).run(); !s)
            return s;
    return {};
}

Result<std::vector<workshop::Session>> WorkshopStore::sessions() {
    Statement s(m_db, std::string(kSelectSession) + " ORDER BY created_at DESC, rowid DESC");
    return readSessions(m_db, s);
}

Result<std::optional<workshop::Session>> WorkshopStore::find(std::string_view uuidOrCode) {
    Statement s(m_db, std::string(kSelectSession) + " WHERE uuid = ?1 OR code = ?2");
    s.bind(1, uuidOrCode).bind(2, upper(skills::trimPersonText(std::string(uuidOrCode))));
    auto found = readSessions(m_db, s);
    if (!found) return Error{found.error()};
    if (found->empty()) return std::optional<workshop::Session>{};
    return std::optional<workshop::Session>{std::move(found->front())};
}

Result<workshop::Session> WorkshopStore::require(const std::string& session) {
    auto found = find(session);
    if (!found) return Error{found.error()};
    if (!*found) return Error{fmt::format("no workshop session {}", session)};
    return std::move(**found);
}

Result<workshop::Participant> WorkshopStore::join(const std::string& sessionId, const std::string& typed) {
    auto session = require(sessionId);
    if (!session) return Error{session.error()};
    if (session->closedAt) return Error{fmt::format("session {} ({}) is closed; it takes no new participant", session->code, session->name)};
    const std::string code = skills::trimPersonText(typed);
    if (code.empty()) return Error{"a participant needs a nickname or a code"};
    if (auto problem = freeTextProblem(code, kMaxParticipantCode, false)) return Error{fmt::format("the nickname: {}", *problem)};

    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not join the session: {}", tx.beginStatus().error())};
    Statement existing(m_db, "SELECT uuid, consented_at FROM workshop_participants WHERE session_uuid = ?1 AND code = ?2");
    existing.bind(1, session->uuid).bind(2, code);
    auto row = existing.step();
    if (!row) return Error{fmt::format("could not join the session: {}", row.error())};
    if (*row) return workshop::Participant{existing.text(0), session->uuid, code, existing.text(1)};

    workshop::Participant participant{newUuid(), session->uuid, code, ""};
    Statement insert(m_db, "INSERT INTO workshop_participants(uuid, session_uuid, code, consented_at) "
                           "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) RETURNING consented_at");
    insert.bind(1, participant.uuid).bind(2, participant.session).bind(3, participant.code);
    auto inserted = insert.step();
    if (!inserted || !*inserted) return Error{fmt::format("could not join the session: {}", inserted ? "not stored" : inserted.error())};
    participant.consentedAt = insert.text(0);
    insert.reset();
    if (m_audit) {
        const nlohmann::json details{{"participant", participant.uuid}, {"code", hashedText(participant.code)}};
        if (auto s = m_audit->append({"workshop.joined", session->uuid, details.dump()}); !s)
            return Error{fmt::format("could not join the session: {}", s.error())};
    }
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not join the session: {}", s.error())};
    return participant;
}

Status WorkshopStore::addRun(const std::string& participant, const std::string& exercise, workshop::Phase phase,
                             const std::string& assessment) {
    Statement owner(m_db, "SELECT session_uuid FROM workshop_participants WHERE uuid = ?1");
    owner.bind(1, participant);
    auto row = owner.step();
    if (!row) return Error{fmt::format("could not record the run: {}", row.error())};
    if (!*row) return Error{fmt::format("no workshop participant {}", participant)};
    auto session = require(owner.text(0));
    if (!session) return Error{session.error()};
    if (std::find(session->exercises.begin(), session->exercises.end(), exercise) == session->exercises.end())
        return Error{fmt::format("exercise '{}' is not one of session {}'s", exercise, session->code)};

    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not record the run: {}", tx.beginStatus().error())};
    Statement insert(m_db, "INSERT INTO workshop_runs(assessment_uuid, participant_uuid, exercise_id, phase) VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, assessment).bind(2, participant).bind(3, exercise).bind(4, workshop::phaseName(phase));
    if (auto s = insert.run(); !s) return Error{fmt::format("could not record the run: {}", s.error())};
    if (m_audit) {
        const nlohmann::json details{{"participant", participant}, {"exercise", exercise}, {"phase", std::string(workshop::phaseName(phase))}};
        if (auto s = m_audit->append({"workshop.run_started", assessment, details.dump()}); !s)
            return Error{fmt::format("could not record the run: {}", s.error())};
    }
    return tx.commit();
}

Result<std::vector<workshop::Run>> WorkshopStore::runs(const std::string& sessionId) {
    auto session = require(sessionId);
    if (!session) return Error{session.error()};
    Statement s(m_db, R"sql(
SELECT r.participant_uuid, p.code, r.exercise_id, r.phase, r.assessment_uuid, a.status
FROM workshop_runs r
JOIN workshop_participants p ON p.uuid = r.participant_uuid
JOIN assessments a ON a.uuid = r.assessment_uuid
WHERE p.session_uuid = ?1
ORDER BY a.created_at, a.rowid)sql");
    s.bind(1, session->uuid);
    std::vector<workshop::Run> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the workshop's runs: " + row.error()};
        if (!*row) break;
        out.push_back({s.text(0), s.text(1), s.text(2), workshop::parsePhase(s.text(3)).value_or(workshop::Phase::Pre), s.text(4),
                       s.text(5) == "completed", {}});
    }
    Statement answers(m_db, "SELECT question_id, value FROM answers WHERE assessment_uuid = ?1 AND skipped = 0");
    for (auto& run : out) {
        answers.reset().bind(1, run.assessment);
        for (;;) {
            auto row = answers.step();
            if (!row) return Error{"could not read the workshop's runs: " + row.error()};
            if (!*row) break;
            run.choices.emplace(answers.text(0), answers.text(1));
        }
    }
    return out;
}

Status WorkshopStore::setPhase(const std::string& sessionId, workshop::Phase phase) {
    auto session = require(sessionId);
    if (!session) return Error{session.error()};
    if (session->phase == phase) return {};
    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not change the phase: {}", tx.beginStatus().error())};
    Statement update(m_db, "UPDATE workshop_sessions SET phase = ?2 WHERE uuid = ?1");
    update.bind(1, session->uuid).bind(2, workshop::phaseName(phase));
    if (auto s = update.run(); !s) return Error{fmt::format("could not change the phase: {}", s.error())};
    if (m_audit) {
        const nlohmann::json details{{"phase", std::string(workshop::phaseName(phase))}};
        if (auto s = m_audit->append({"workshop.phase_changed", session->uuid, details.dump()}); !s)
            return Error{fmt::format("could not change the phase: {}", s.error())};
    }
    return tx.commit();
}

Result<std::vector<workshop::Participant>> WorkshopStore::participants(const std::string& sessionId) {
    auto session = require(sessionId);
    if (!session) return Error{session.error()};
    Statement s(m_db, "SELECT uuid, code, consented_at FROM workshop_participants WHERE session_uuid = ?1 ORDER BY consented_at, uuid");
    s.bind(1, session->uuid);
    std::vector<workshop::Participant> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the participants: " + row.error()};
        if (!*row) return out;
        out.push_back({s.text(0), session->uuid, s.text(1), s.text(2)});
    }
}

Result<bool> WorkshopStore::insertSession(const workshop::Session& session) {
    Statement sameCode(m_db, "SELECT uuid FROM workshop_sessions WHERE code = ?1");
    auto row = sameCode.bind(1, session.code).step();
    if (!row) return Error{row.error()};
    if (*row) {
        if (sameCode.text(0) != session.uuid)
            return Error{fmt::format("{} is the code of another session here; this file is not of that session", session.code)};
        return false;  // the same session: kept as it is here
    }
    if (auto s = insertSessionRows(session); !s) return Error{s.error()};
    return true;
}

Result<std::pair<std::string, bool>> WorkshopStore::insertParticipant(const workshop::Participant& participant) {
    Statement byCode(m_db, "SELECT uuid FROM workshop_participants WHERE session_uuid = ?1 AND code = ?2");
    auto row = byCode.bind(1, participant.session).bind(2, participant.code).step();
    if (!row) return Error{row.error()};
    if (*row) return std::pair{byCode.text(0), false};
    Statement insert(m_db, "INSERT INTO workshop_participants(uuid, session_uuid, code, consented_at) VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, participant.uuid).bind(2, participant.session).bind(3, participant.code).bind(4, participant.consentedAt);
    if (auto s = insert.run(); !s) return Error{s.error()};
    return std::pair{participant.uuid, true};
}

Result<bool> WorkshopStore::insertRun(const workshop::Run& run) {
    Statement insert(m_db, "INSERT INTO workshop_runs(assessment_uuid, participant_uuid, exercise_id, phase) VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT(assessment_uuid) DO NOTHING");
    insert.bind(1, run.assessment).bind(2, run.participant).bind(3, run.exercise).bind(4, workshop::phaseName(run.phase));
    if (auto s = insert.run(); !s) return Error{s.error()};
    return sqlite3_changes(m_db.handle()) > 0;
}

Result<std::set<std::string>> WorkshopStore::runAssessments() {
    Statement s(m_db, "SELECT assessment_uuid FROM workshop_runs");
    std::set<std::string> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the workshop's runs: " + row.error()};
        if (!*row) return out;
        out.insert(s.text(0));
    }
}

Status WorkshopStore::close(const std::string& sessionId, const std::string& improvements) {
    auto session = require(sessionId);
    if (!session) return Error{session.error()};
    if (session->closedAt) return Error{fmt::format("session {} is already closed", session->code)};
    if (auto problem = freeTextProblem(improvements, kMaxImprovements, true)) return Error{fmt::format("the improvement items: {}", *problem)};
    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not close the session: {}", tx.beginStatus().error())};
    Statement update(m_db, "UPDATE workshop_sessions SET closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), improvements = ?2 WHERE uuid = ?1");
    update.bind(1, session->uuid).bind(2, improvements);
    if (auto s = update.run(); !s) return Error{fmt::format("could not close the session: {}", s.error())};
    if (m_audit) {
        const nlohmann::json details{{"improvements", hashedText(improvements)}};
        if (auto s = m_audit->append({"workshop.session_closed", session->uuid, details.dump()}); !s)
            return Error{fmt::format("could not close the session: {}", s.error())};
    }
    return tx.commit();
}

}  // namespace kiosk::store
