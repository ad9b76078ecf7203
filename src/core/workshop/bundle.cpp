// Writing a session file from the database and merging one into it.
#include "workshop/bundle.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "export/report_builder.hpp"
#include "store/assessment_store.hpp"
#include "store/plan_store.hpp"
#include "store/workshop_store.hpp"
#include "util/hash.hpp"
#include "util/json.hpp"
#include "util/time.hpp"

namespace kiosk::workshop {
namespace {

using nlohmann::json;

constexpr std::string_view kKind = "medsec-kiosk workshop session";

Status at(const std::string& where, const std::string& problem) { return Error{fmt::format("{}: {}", where, problem)}; }

// A text field of an object, checked for type, presence and fitness.
Result<std::string> textOf(const json& object, const std::string& where, std::string_view key, std::size_t maxChars,
                           bool multiline = false) {
    const std::string place = where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
    const auto it = object.find(key);
    if (it == object.end()) return Error{fmt::format("{}: missing", place)};
    if (!it->is_string()) return Error{fmt::format("{}: expected a text", place)};
    const std::string text = it->get<std::string>();
    if (auto problem = store::freeTextProblem(text, maxChars, multiline)) return Error{fmt::format("{}: {}", place, *problem)};
    return text;
}

Status onlyKeys(const json& object, const std::string& where, std::initializer_list<std::string_view> keys) {
    if (!object.is_object()) return at(where.empty() ? "the file" : where, "expected a JSON object");
    for (const auto& [key, value] : object.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            return at(where.empty() ? key : fmt::format("{}.{}", where, key), "is not a field of a workshop session file");
    return {};
}

Result<std::string> uuidOf(const json& object, const std::string& where, std::string_view key) {
    auto text = textOf(object, where, key, 36);
    if (!text) return text;
    if (!isUuid(*text)) return Error{fmt::format("{}.{}: expected a UUID, found '{}'", where, key, *text)};
    return text;
}

const json* arrayOf(const json& doc, std::string_view key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_array() ? &*it : nullptr;
}

}  // namespace

Result<std::string> sessionFile(store::Database& db, const std::string& sessionId) {
    store::WorkshopStore workshops(db);
    auto found = workshops.find(sessionId);
    if (!found) return Error{found.error()};
    if (!*found) return Error{fmt::format("no workshop session {}", sessionId)};
    const Session& session = **found;
    auto runs = workshops.runs(session.uuid);
    if (!runs) return Error{runs.error()};

    auto people = workshops.participants(session.uuid);
    if (!people) return Error{people.error()};
    json participants = json::array(), runList = json::array();
    for (const auto& p : *people) participants.push_back({{"uuid", p.uuid}, {"code", p.code}, {"consented_at", p.consentedAt}});
    // The runs' assessments, as the JSON export writes them (each with its questionnaire text).
    exporting::Report report;
    report.exportedAt = isoUtc(std::chrono::system_clock::now());
    std::set<std::string> hashes;
    for (const auto& run : *runs) {
        runList.push_back({{"assessment", run.assessment},
                           {"participant", run.participant},
                           {"exercise", run.exercise},
                           {"phase", std::string(phaseName(run.phase))}});
        auto one = exporting::buildReport(db, {run.assessment, std::nullopt, std::nullopt, Lang::Ja, false});
        if (!one) return Error{fmt::format("run {}: {}", run.assessment, one.error())};
        for (auto& a : one->assessments) report.assessments.push_back(std::move(a));
        for (auto& q : one->questionnaires)
            if (hashes.insert(q.contentHash).second) report.questionnaires.push_back(std::move(q));
    }
    const json doc{{"kind", std::string(kKind)},
                   {"version", kSessionFileVersion},
                   {"session",
                    {{"uuid", session.uuid},
                     {"code", session.code},
                     {"name", session.name},
                     {"exercises", session.exercises},
                     {"mode", std::string(modeName(session.mode))},
                     {"explanations", std::string(explanationsName(session.explanations))},
                     {"created_at", session.createdAt}}},
                   {"participants", participants},
                   {"runs", runList},
                   {"assessments", report.assessments.empty() ? json(nullptr) : json::parse(exporting::bundleJson(report))}};
    return doc.dump(2) + "\n";
}

Result<MergeSummary> mergeSessionFile(store::Database& db, store::AuditLog* audit, std::string_view text) {
    if (db.readOnly()) return Error{fmt::format("{} is open read-only; nothing can be merged into it", db.path())};
    try {
        auto parsed = parseJsonStrict(text);
        if (!parsed) return Error{parsed.error()};
        const json& doc = *parsed;
        if (auto s = onlyKeys(doc, "", {"kind", "version", "session", "participants", "runs", "assessments"}); !s) return Error{s.error()};
        if (doc.value("kind", std::string()) != kKind) return Error{"kind: this is not a workshop session file of medsec-kiosk"};
        if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<std::int64_t>() != kSessionFileVersion)
            return Error{fmt::format("version: not a version this kiosk reads (it reads {})", kSessionFileVersion)};

        // The session.
        if (!doc.contains("session")) return Error{"session: missing"};
        const json& s = doc["session"];
        if (auto ok = onlyKeys(s, "session", {"uuid", "code", "name", "exercises", "mode", "explanations", "created_at"}); !ok)
            return Error{ok.error()};
        Session session;
        auto uuid = uuidOf(s, "session", "uuid");
        if (!uuid) return Error{uuid.error()};
        session.uuid = *uuid;
        auto code = textOf(s, "session", "code", 12);
        if (!code) return Error{code.error()};
        session.code = *code;
        auto name = textOf(s, "session", "name", store::kMaxWorkshopName);
        if (!name) return Error{name.error()};
        session.name = *name;
        auto created = textOf(s, "session", "created_at", 40);
        if (!created) return Error{created.error()};
        session.createdAt = *created;
        auto mode = textOf(s, "session", "mode", 20);
        if (!mode || !parseMode(*mode)) return Error{mode ? "session.mode: expected individual or team" : mode.error()};
        session.mode = *parseMode(*mode);
        auto explanations = textOf(s, "session", "explanations", 20);
        if (!explanations || !parseExplanations(*explanations))
            return Error{explanations ? "session.explanations: expected each_decision or at_end" : explanations.error()};
        session.explanations = *parseExplanations(*explanations);
        if (!s.contains("exercises") || !s["exercises"].is_array() || s["exercises"].empty())
            return Error{"session.exercises: expected a list of exercise ids"};
        for (std::size_t i = 0; i < s["exercises"].size(); ++i) {
            const json& e = s["exercises"][i];
            if (!e.is_string() || e.get<std::string>().empty() || e.get<std::string>().size() > 200)
                return Error{fmt::format("session.exercises[{}]: expected an exercise id", i)};
            session.exercises.push_back(e.get<std::string>());
        }

        // Participants and runs, checked before anything is written.
        std::vector<Participant> participants;
        const json* people = arrayOf(doc, "participants");
        if (!people) return Error{"participants: expected a list"};
        for (std::size_t i = 0; i < people->size(); ++i) {
            const std::string where = fmt::format("participants[{}]", i);
            if (auto ok = onlyKeys((*people)[i], where, {"uuid", "code", "consented_at"}); !ok) return Error{ok.error()};
            auto id = uuidOf((*people)[i], where, "uuid");
            if (!id) return Error{id.error()};
            auto nickname = textOf((*people)[i], where, "code", store::kMaxParticipantCode);
            if (!nickname) return Error{nickname.error()};
            if (nickname->empty()) return Error{fmt::format("{}.code: empty", where)};
            auto consented = textOf((*people)[i], where, "consented_at", 40);
            if (!consented) return Error{consented.error()};
            participants.push_back({*id, session.uuid, *nickname, *consented});
        }
        std::vector<Run> runs;
        const json* runList = arrayOf(doc, "runs");
        if (!runList) return Error{"runs: expected a list"};
        std::set<std::string> inFile;
        const json* nested = doc.contains("assessments") && doc["assessments"].is_object() ? &doc["assessments"] : nullptr;
        if (nested && nested->contains("assessments") && (*nested)["assessments"].is_array())
            for (const auto& a : (*nested)["assessments"])
                if (a.is_object() && a.contains("uuid") && a["uuid"].is_string()) inFile.insert(a["uuid"].get<std::string>());
        for (std::size_t i = 0; i < runList->size(); ++i) {
            const std::string where = fmt::format("runs[{}]", i);
            const json& r = (*runList)[i];
            if (auto ok = onlyKeys(r, where, {"assessment", "participant", "exercise", "phase"}); !ok) return Error{ok.error()};
            Run run;
            auto assessment = uuidOf(r, where, "assessment");
            if (!assessment) return Error{assessment.error()};
            run.assessment = *assessment;
            auto participant = uuidOf(r, where, "participant");
            if (!participant) return Error{participant.error()};
            run.participant = *participant;
            if (std::none_of(participants.begin(), participants.end(), [&](const Participant& p) { return p.uuid == run.participant; }))
                return Error{fmt::format("{}.participant: {} is not a participant of the file", where, run.participant)};
            auto exercise = textOf(r, where, "exercise", 200);
            if (!exercise) return Error{exercise.error()};
            run.exercise = *exercise;
            if (std::find(session.exercises.begin(), session.exercises.end(), run.exercise) == session.exercises.end())
                return Error{fmt::format("{}.exercise: '{}' is not one of the session's exercises", where, run.exercise)};
            auto phase = textOf(r, where, "phase", 10);
            if (!phase || !parsePhase(*phase)) return Error{phase ? where + ".phase: expected pre or post" : phase.error()};
            run.phase = *parsePhase(*phase);
            if (!inFile.count(run.assessment))
                return Error{fmt::format("{}.assessment: {} is not among the file's assessments", where, run.assessment)};
            runs.push_back(std::move(run));
        }

        store::Transaction tx(db);
        if (!tx.began()) return Error{fmt::format("could not merge: {}", tx.beginStatus().error())};
        MergeSummary summary;
        if (nested) {
            auto imported = exporting::importBundle(db, audit, nested->dump());
            if (!imported) return Error{fmt::format("assessments.{}", imported.error())};
            summary.assessmentsAdded = static_cast<int>(imported->imported.size());
        }

        // The session (the same UUID is the same session), then one participant per nickname in it
        // whichever kiosk they joined on, then the runs by their assessment.
        store::WorkshopStore workshops(db);
        auto added = workshops.insertSession(session);
        if (!added) return Error{fmt::format("session.code: {}", added.error())};
        summary.sessionAdded = *added;
        std::map<std::string, std::string> localOf;  // the file's participant UUID -> this database's
        for (std::size_t i = 0; i < participants.size(); ++i) {
            auto here = workshops.insertParticipant(participants[i]);
            if (!here) return Error{fmt::format("participants[{}]: {}", i, here.error())};
            localOf[participants[i].uuid] = here->first;
            if (here->second) ++summary.participantsAdded;
        }
        for (std::size_t i = 0; i < runs.size(); ++i) {
            runs[i].participant = localOf.at(runs[i].participant);
            auto run = workshops.insertRun(runs[i]);
            if (!run) return Error{fmt::format("runs[{}]: {}", i, run.error())};
            if (*run) ++summary.runsAdded;
        }

        if (summary.changed() && audit) {
            const json details{{"participants", summary.participantsAdded},
                               {"runs", summary.runsAdded},
                               {"assessments", summary.assessmentsAdded},
                               {"session_added", summary.sessionAdded},
                               {"file_sha256", sha256Hex(text)}};
            if (auto ok = audit->append({"workshop.merged", session.uuid, details.dump()}); !ok)
                return Error{fmt::format("could not merge: {}", ok.error())};
        }
        if (auto ok = tx.commit(); !ok) return Error{fmt::format("could not merge: {}", ok.error())};
        return summary;
    } catch (const std::exception& e) {
        return Error{fmt::format("the file could not be read: {}", e.what())};
    }
}

}  // namespace kiosk::workshop
