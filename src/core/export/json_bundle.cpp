// Writing the bundle from a report, and reading one back: every record checked and named by its
// place in the file before anything is stored, then all of it stored in one transaction.
#include "export/json_bundle.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "assessment/answer.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/result.hpp"
#include "store/assessment_store.hpp"
#include "store/plan_store.hpp"
#include "store/result_store.hpp"
#include "util/dates.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"
#include "util/json.hpp"
#include "util/time.hpp"

namespace kiosk::exporting {
namespace {

using nlohmann::json;

json nullable(const std::optional<std::string>& text) { return text ? json(*text) : json(nullptr); }
json nullableIfEmpty(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
json localized(const LocalizedText& text) { return {{"ja", text.ja}, {"en", text.en}}; }

json answerVersion(const store::StoredAnswer& a) {
    return {{"value", a.skipped ? json(nullptr) : json(a.value)}, {"skipped", a.skipped}, {"answered_at", a.answeredAt}};
}

json assessmentJson(const AssessmentReport& a) {
    const auto& r = a.record;
    json answers = json::array();
    for (const auto& line : a.answers) {
        json history = json::array();
        for (const auto& v : line.history) history.push_back(answerVersion(v));
        answers.push_back({{"question", line.questionId},
                           {"value", line.skipped ? json(nullptr) : json(line.value)},
                           {"skipped", line.skipped},
                           {"answered_at", line.answeredAt},
                           {"history", std::move(history)}});
    }
    json plan = json::array();
    for (const auto& p : a.plan)
        plan.push_back({{"item", p.item},
                        {"owner", p.owner},
                        {"target_date", nullableIfEmpty(p.targetDate)},
                        {"status", std::string(planStatusName(p.status))},
                        {"note", p.note},
                        {"updated_at", p.updatedAt}});
    json result = nullptr;
    if (a.stored)
        result = {{"profile_assessment", nullableIfEmpty(a.stored->profileUuid)},
                  {"engine_version", a.stored->engineVersion},
                  {"decision", a.stored->decision},
                  {"overall", a.stored->overall},
                  {"computed_at", a.stored->computedAt},
                  {"result_json", a.stored->json}};
    return {{"uuid", r.uuid},
            {"questionnaire", {{"id", r.questionnaireId}, {"version", r.questionnaireVersion}, {"content_hash", r.contentHash}}},
            {"status", std::string(store::statusName(r.status))},
            {"language", r.language},
            {"created_at", r.createdAt},
            {"updated_at", r.updatedAt},
            {"completed_at", nullable(r.completedAt)},
            {"discarded_at", nullable(r.discardedAt)},
            {"answers", std::move(answers)},
            {"result", std::move(result)},
            {"plan", std::move(plan)}};
}

json matrixJson(const MatrixReport& matrix) {
    json skills = json::array();
    for (const auto& [id, name] : matrix.skills) skills.push_back({{"id", id}, {"name", localized(name)}});
    json people = json::array();
    for (const auto& p : matrix.people) {
        json qualifications = json::array();
        for (const auto& q : p.qualifications)
            qualifications.push_back({{"id", q.id},
                                      {"obtained", q.obtained ? json(skills::formatDate(*q.obtained)) : json(nullptr)},
                                      {"renewal_due", q.renewalDue ? json(skills::formatDate(*q.renewalDue)) : json(nullptr)},
                                      {"registered", q.registered}});
        json latest = nullptr;
        if (p.latest)
            latest = {{"taken_at", p.latest->takenAt},
                      {"source", p.latest->source},
                      {"experience_years", p.latest->experienceYears},
                      {"healthcare_course", p.latest->healthcareCourse},
                      {"levels", p.latest->levels}};
        people.push_back({{"id", p.id},
                          {"name", p.name},
                          {"role", p.role},
                          {"department", p.department},
                          {"employment", std::string(skills::employmentName(p.employment))},
                          {"qualifications", std::move(qualifications)},
                          {"latest", std::move(latest)}});
    }
    return {{"skills", std::move(skills)}, {"people", std::move(people)}};
}

json auditJson(const Report& report) {
    json events = json::array();
    for (const auto& row : report.audit) {
        // The details were stored in canonical form and are a JSON object; a hand-edited row that
        // is not one is carried as its text, for the reader to see.
        json details = json::parse(row.event.details, nullptr, false);
        if (details.is_discarded()) details = row.event.details;
        events.push_back({{"seq", row.seq},
                          {"at", row.at},
                          {"role", std::string(store::roleName(row.role))},
                          {"event", row.event.event},
                          {"subject", row.event.subject},
                          {"details", std::move(details)},
                          {"previous_hash", row.previousHash},
                          {"hash", row.hash}});
    }
    return {{"chain_head", report.chainHead}, {"rows", report.auditRows}, {"events", std::move(events)}};
}

}  // namespace

std::string bundleJson(const Report& report) {
    json questionnaires = json::array();
    for (const auto& s : report.questionnaires)
        questionnaires.push_back({{"content_hash", s.contentHash}, {"id", s.questionnaireId}, {"version", s.version}, {"source", s.source}});
    json assessments = json::array();
    for (const auto& a : report.assessments) assessments.push_back(assessmentJson(a));
    json bundle{{"schema_version", report.schemaVersion},
                {"exported_at", report.exportedAt},
                {"language", std::string(langCode(report.lang))},
                {"facility", report.facility},
                {"period", {{"from", nullable(report.from)}, {"to", nullable(report.to)}}},
                {"questionnaires", std::move(questionnaires)},
                {"assessments", std::move(assessments)},
                {"matrix", report.matrix ? matrixJson(*report.matrix) : json(nullptr)},
                {"audit", auditJson(report)}};
    // Every text came from the database as UTF-8; replace rather than throw if an edited one is not.
    return bundle.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Import: reading with the place of every field, then storing.
namespace {

Error at(const std::string& where, const std::string& problem) { return Error{fmt::format("{}: {}", where, problem)}; }

std::string typeName(const json& value) {
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "true or false";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "a text";
    if (value.is_array()) return "a list";
    return "an object";
}

// An object's fields, each read by name with the place it came from.
class Record {
public:
    Record(const json& value, std::string where) : m_value(value), m_where(std::move(where)) {}

    // Refuses a record that is not an object, or has fields the schema does not know.
    Status check(std::initializer_list<std::string_view> known) const {
        if (!m_value.is_object()) return at(m_where, fmt::format("expected an object, found {}", typeName(m_value)));
        for (const auto& [key, value] : m_value.items())
            if (std::find(known.begin(), known.end(), key) == known.end())
                return at(where(key), "is not a field of this record (a newer kiosk's file, or an edit?)");
        return {};
    }
    std::string where(std::string_view key) const { return m_where.empty() ? std::string(key) : m_where + "." + std::string(key); }
    const std::string& where() const { return m_where; }

    Result<const json*> field(std::string_view key) const {
        const auto it = m_value.find(key);
        if (it == m_value.end()) return at(where(key), "missing");
        return &*it;
    }
    Result<std::string> text(std::string_view key, std::size_t maxBytes = 1024) const {
        auto value = field(key);
        if (!value) return Error{value.error()};
        if (!(*value)->is_string()) return at(where(key), fmt::format("expected a text, found {}", typeName(**value)));
        const auto& s = (*value)->get_ref<const std::string&>();
        if (s.size() > maxBytes) return at(where(key), fmt::format("is {} bytes long; at most {} are expected here", s.size(), maxBytes));
        return s;
    }
    Result<std::optional<std::string>> optionalText(std::string_view key, std::size_t maxBytes = 1024) const {
        auto value = field(key);
        if (!value) return Error{value.error()};
        if ((*value)->is_null()) return std::optional<std::string>{};
        auto s = text(key, maxBytes);
        if (!s) return Error{s.error()};
        return std::optional<std::string>{std::move(*s)};
    }
    Result<bool> flag(std::string_view key) const {
        auto value = field(key);
        if (!value) return Error{value.error()};
        if (!(*value)->is_boolean()) return at(where(key), fmt::format("expected true or false, found {}", typeName(**value)));
        return (*value)->get<bool>();
    }
    Result<const json*> list(std::string_view key) const {
        auto value = field(key);
        if (!value) return Error{value.error()};
        if (!(*value)->is_array()) return at(where(key), fmt::format("expected a list, found {}", typeName(**value)));
        return *value;
    }
    // A time as the kiosk stores it: 2026-03-02T05:41:07.204Z.
    Result<std::string> timestamp(std::string_view key) const {
        auto s = text(key, 64);
        if (!s) return s;
        const auto t = parseIsoUtc(*s);
        if (!t || isoUtc(*t) != *s) return at(where(key), fmt::format("'{}' is not a time as the kiosk stores it (2026-03-02T05:41:07.204Z)", *s));
        return s;
    }
    Result<std::optional<std::string>> optionalTimestamp(std::string_view key) const {
        auto value = field(key);
        if (!value) return Error{value.error()};
        if ((*value)->is_null()) return std::optional<std::string>{};
        auto s = timestamp(key);
        if (!s) return Error{s.error()};
        return std::optional<std::string>{std::move(*s)};
    }

private:
    const json& m_value;
    std::string m_where;
};

bool isHex64(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Moves a field read into its place, or passes on why it could not be read.
template <typename T, typename U>
Status assign(U& into, Result<T> read) {
    if (!read) return Error{read.error()};
    into = std::move(*read);
    return {};
}

using QuestionnairePtr = std::shared_ptr<const questionnaire::Questionnaire>;

struct BundleAssessment {
    std::string where;
    store::AssessmentRecord record;
    std::vector<store::ImportedAnswer> answers;
    std::optional<store::StoredResult> result;
    std::vector<PlanItem> plan;
};

struct Bundle {
    std::string exportedAt;
    std::vector<store::QuestionnaireSnapshot> questionnaires;
    std::vector<BundleAssessment> assessments;
};

// Reads and checks a questionnaire text of the bundle.
Result<std::pair<store::QuestionnaireSnapshot, QuestionnairePtr>> readQuestionnaire(const json& value, const std::string& where) {
    Record rec(value, where);
    if (auto s = rec.check({"content_hash", "id", "version", "source"}); !s) return Error{s.error()};
    auto hash = rec.text("content_hash", 64);
    if (!hash) return Error{hash.error()};
    if (!isHex64(*hash)) return at(rec.where("content_hash"), "expected 64 lower-case hex digits (a SHA-256)");
    auto id = rec.text("id", 200);
    if (!id) return Error{id.error()};
    auto version = rec.text("version", 200);
    if (!version) return Error{version.error()};
    auto source = rec.text("source", kMaxInputBytes);
    if (!source) return Error{source.error()};
    if (const auto actual = sha256Hex(*source); actual != *hash)
        return at(rec.where("source"), fmt::format("its SHA-256 is {}, not its content_hash {}: the text was changed after it was exported",
                                                   actual, *hash));
    auto parsed = questionnaire::parseQuestionnaire(*source, fmt::format("{} {} (in the file)", *id, *version), {});
    if (!parsed.questionnaire)
        return at(rec.where("source"), fmt::format("not a questionnaire this kiosk can read: {}",
                                                   parsed.diagnostics.empty() ? std::string("unknown error") : parsed.diagnostics.front().format()));
    if (parsed.questionnaire->id != *id || parsed.questionnaire->version != *version)
        return at(where, fmt::format("it says questionnaire {} {}, but its text is {} {}", *id, *version, parsed.questionnaire->id,
                                     parsed.questionnaire->version));
    return std::pair{store::QuestionnaireSnapshot{*id, *version, *hash, std::move(*source)},
                     std::make_shared<const questionnaire::Questionnaire>(std::move(*parsed.questionnaire))};
}

// One value of an answer (the current one or one of its history).
Result<store::StoredAnswer> readAnswerValue(const Record& rec, const questionnaire::Question& question) {
    auto skipped = rec.flag("skipped");
    if (!skipped) return Error{skipped.error()};
    auto value = rec.optionalText("value", 64 * 1024);
    if (!value) return Error{value.error()};
    if (*skipped != !*value)
        return at(rec.where("value"), *skipped ? "a skipped answer has no value (null)" : "an answer that is not skipped needs a value");
    auto answeredAt = rec.timestamp("answered_at");
    if (!answeredAt) return Error{answeredAt.error()};
    // An empty text is what earlier kiosks saved for a required text left through Home; it was
    // stored then and is restored as it was.
    const bool emptyText = question.type == questionnaire::QuestionType::Text && *value && (*value)->empty();
    if (!emptyText)
        if (auto decoded = assessment::decodeAnswer(question, value->value_or(""), *skipped); !decoded)
            return at(rec.where("value"), decoded.error());
    return store::StoredAnswer{question.id, value->value_or(""), *skipped, *answeredAt};
}

Result<store::ImportedAnswer> readAnswer(const json& value, const std::string& where, const questionnaire::Questionnaire& q) {
    Record rec(value, where);
    if (auto s = rec.check({"question", "value", "skipped", "answered_at", "history"}); !s) return Error{s.error()};
    auto id = rec.text("question", 200);
    if (!id) return Error{id.error()};
    const auto* question = q.findQuestion(*id);
    if (!question) return at(rec.where("question"), fmt::format("questionnaire {} {} has no question '{}'", q.id, q.version, *id));
    store::ImportedAnswer answer;
    auto current = readAnswerValue(rec, *question);
    if (!current) return Error{current.error()};
    answer.current = std::move(*current);
    auto history = rec.list("history");
    if (!history) return Error{history.error()};
    if ((*history)->empty()) return at(rec.where("history"), "empty; it holds at least the current answer");
    for (std::size_t i = 0; i < (*history)->size(); ++i) {
        Record version((**history)[i], fmt::format("{}[{}]", rec.where("history"), i));
        if (auto s = version.check({"value", "skipped", "answered_at"}); !s) return Error{s.error()};
        auto v = readAnswerValue(version, *question);
        if (!v) return Error{v.error()};
        answer.history.push_back(std::move(*v));
    }
    const auto& last = answer.history.back();
    if (last.value != answer.current.value || last.skipped != answer.current.skipped)
        return at(rec.where("history"), "its last value is not the current answer");
    if (last.answeredAt > answer.current.answeredAt)
        return at(rec.where("history"), "its last value was given after the current answer");
    return answer;
}

Result<store::StoredResult> readResult(const json& value, const std::string& where, const store::AssessmentRecord& record) {
    Record rec(value, where);
    if (auto s = rec.check({"profile_assessment", "engine_version", "decision", "overall", "computed_at", "result_json"}); !s)
        return Error{s.error()};
    if (record.status != store::AssessmentStatus::Completed) return at(where, "only a completed assessment has a stored result");
    store::StoredResult out;
    out.assessmentUuid = record.uuid;
    auto profile = rec.optionalText("profile_assessment", 64);
    if (!profile) return Error{profile.error()};
    if (*profile && !isUuid(**profile)) return at(rec.where("profile_assessment"), "expected an assessment id (a UUID in lower case)");
    out.profileUuid = profile->value_or("");
    auto engine = rec.field("engine_version");
    if (!engine) return Error{engine.error()};
    const auto version = jsonInteger(**engine, 1, 1000000);
    if (!version) return at(rec.where("engine_version"), "expected a whole number from 1");
    out.engineVersion = static_cast<int>(*version);
    auto decision = rec.text("decision", 64);
    if (!decision) return Error{decision.error()};
    if (!scoring::parseDecision(*decision)) return at(rec.where("decision"), fmt::format("'{}' is not a decision", *decision));
    out.decision = *decision;
    auto overall = rec.field("overall");
    if (!overall) return Error{overall.error()};
    if (!(*overall)->is_number() || !std::isfinite((*overall)->get<double>())) return at(rec.where("overall"), "expected a number");
    out.overall = (*overall)->get<double>();
    if (auto s = assign(out.computedAt, rec.timestamp("computed_at")); !s) return Error{s.error()};
    auto text = rec.text("result_json", kMaxInputBytes);
    if (!text) return Error{text.error()};
    auto parsed = scoring::fromJson(*text);
    if (!parsed) return at(rec.where("result_json"), fmt::format("not a stored result: {}", parsed.error()));
    if (!parsed->assessment.empty() && parsed->assessment != record.uuid)
        return at(rec.where("result_json"), fmt::format("it is the result of assessment {}, not of {}", parsed->assessment, record.uuid));
    if (scoring::decisionName(parsed->decision) != out.decision)
        return at(rec.where("decision"), fmt::format("'{}' is not the decision of its result ({})", out.decision,
                                                     scoring::decisionName(parsed->decision)));
    out.json = std::move(*text);
    return out;
}

Result<PlanItem> readPlanItem(const json& value, const std::string& where, const std::string& uuid, const std::vector<std::string>& gaps) {
    Record rec(value, where);
    if (auto s = rec.check({"item", "owner", "target_date", "status", "note", "updated_at"}); !s) return Error{s.error()};
    PlanItem item;
    item.assessment = uuid;
    auto id = rec.text("item", 200);
    if (!id) return Error{id.error()};
    if (std::find(gaps.begin(), gaps.end(), *id) == gaps.end())
        return at(rec.where("item"), fmt::format("'{}' is not a gap of the assessment's result", *id));
    item.item = *id;
    auto owner = rec.text("owner", 4 * store::kMaxPlanOwner);
    if (!owner) return Error{owner.error()};
    if (auto problem = store::freeTextProblem(*owner, store::kMaxPlanOwner, false)) return at(rec.where("owner"), *problem);
    item.owner = *owner;
    auto note = rec.text("note", 4 * store::kMaxPlanNote);
    if (!note) return Error{note.error()};
    if (auto problem = store::freeTextProblem(*note, store::kMaxPlanNote, true)) return at(rec.where("note"), *problem);
    item.note = *note;
    auto date = rec.optionalText("target_date", 16);
    if (!date) return Error{date.error()};
    if (*date && !dates::fromIso(**date)) return at(rec.where("target_date"), fmt::format("'{}' is not a day (YYYY-MM-DD)", **date));
    item.targetDate = date->value_or("");
    auto status = rec.text("status", 32);
    if (!status) return Error{status.error()};
    const auto parsedStatus = parsePlanStatus(*status);
    if (!parsedStatus) return at(rec.where("status"), fmt::format("'{}' is not planned, in_progress or done", *status));
    item.status = *parsedStatus;
    if (auto s = assign(item.updatedAt, rec.timestamp("updated_at")); !s) return Error{s.error()};
    return item;
}

// The questionnaires an import can refer to: those in the file, and those the database holds.
class Questionnaires {
public:
    explicit Questionnaires(store::AssessmentStore& store) : m_store(store) {}
    void add(const std::string& hash, QuestionnairePtr q) { m_known.emplace(hash, std::move(q)); }
    bool has(const std::string& hash) const { return m_known.count(hash) > 0; }

    Result<QuestionnairePtr> get(const std::string& hash) {
        if (auto it = m_known.find(hash); it != m_known.end()) return it->second;
        auto snapshot = m_store.snapshot(hash);
        if (!snapshot) return Error{"it is neither in the file's questionnaires nor in this database"};
        auto parsed = questionnaire::parseQuestionnaire(snapshot->source, snapshot->questionnaireId, {});
        if (!parsed.questionnaire) return Error{"the copy in this database can no longer be read"};
        auto ptr = std::make_shared<const questionnaire::Questionnaire>(std::move(*parsed.questionnaire));
        m_known.emplace(hash, ptr);
        return ptr;
    }

private:
    store::AssessmentStore& m_store;
    std::map<std::string, QuestionnairePtr> m_known;
};

Result<BundleAssessment> readAssessment(const json& value, const std::string& where, Questionnaires& questionnaires) {
    Record rec(value, where);
    if (auto s = rec.check({"uuid", "questionnaire", "status", "language", "created_at", "updated_at", "completed_at", "discarded_at",
                            "answers", "result", "plan"});
        !s)
        return Error{s.error()};
    BundleAssessment out;
    out.where = where;
    auto& r = out.record;
    auto uuid = rec.text("uuid", 64);
    if (!uuid) return Error{uuid.error()};
    if (!isUuid(*uuid)) return at(rec.where("uuid"), "expected an assessment id (a UUID in lower case)");
    r.uuid = *uuid;

    auto ref = rec.field("questionnaire");
    if (!ref) return Error{ref.error()};
    Record qref(**ref, rec.where("questionnaire"));
    if (auto s = qref.check({"id", "version", "content_hash"}); !s) return Error{s.error()};
    auto hash = qref.text("content_hash", 64);
    if (!hash) return Error{hash.error()};
    auto q = questionnaires.get(*hash);
    if (!q) return at(qref.where("content_hash"), q.error());
    auto qid = qref.text("id", 200);
    if (!qid) return Error{qid.error()};
    auto qversion = qref.text("version", 200);
    if (!qversion) return Error{qversion.error()};
    if (*qid != (*q)->id || *qversion != (*q)->version)
        return at(qref.where(), fmt::format("it says {} {}, but the questionnaire with this content hash is {} {}", *qid, *qversion,
                                            (*q)->id, (*q)->version));
    r.questionnaireId = *qid;
    r.questionnaireVersion = *qversion;
    r.contentHash = *hash;

    auto status = rec.text("status", 32);
    if (!status) return Error{status.error()};
    const auto parsedStatus = store::parseStatus(*status);
    if (!parsedStatus) return at(rec.where("status"), fmt::format("'{}' is not in_progress, completed or discarded", *status));
    r.status = *parsedStatus;
    auto language = rec.text("language", 8);
    if (!language) return Error{language.error()};
    if (*language != "ja" && *language != "en") return at(rec.where("language"), fmt::format("'{}' is not ja or en", *language));
    r.language = *language;
    if (auto s = assign(r.createdAt, rec.timestamp("created_at")); !s) return Error{s.error()};
    if (auto s = assign(r.updatedAt, rec.timestamp("updated_at")); !s) return Error{s.error()};
    if (auto s = assign(r.completedAt, rec.optionalTimestamp("completed_at")); !s) return Error{s.error()};
    if (auto s = assign(r.discardedAt, rec.optionalTimestamp("discarded_at")); !s) return Error{s.error()};
    if (r.completedAt.has_value() != (r.status == store::AssessmentStatus::Completed))
        return at(rec.where("completed_at"), "a completed assessment has a completion time, and only a completed one");
    if (r.discardedAt.has_value() != (r.status == store::AssessmentStatus::Discarded))
        return at(rec.where("discarded_at"), "a discarded assessment has a time it was discarded, and only a discarded one");

    auto answers = rec.list("answers");
    if (!answers) return Error{answers.error()};
    std::set<std::string> answered;
    for (std::size_t i = 0; i < (*answers)->size(); ++i) {
        const auto place = fmt::format("{}[{}]", rec.where("answers"), i);
        auto answer = readAnswer((**answers)[i], place, **q);
        if (!answer) return Error{answer.error()};
        if (!answered.insert(answer->current.questionId).second)
            return at(place, fmt::format("a second answer to '{}'", answer->current.questionId));
        out.answers.push_back(std::move(*answer));
    }
    r.answerCount = static_cast<int>(out.answers.size());

    auto result = rec.field("result");
    if (!result) return Error{result.error()};
    std::vector<std::string> gaps;
    if (!(*result)->is_null()) {
        auto stored = readResult(**result, rec.where("result"), r);
        if (!stored) return Error{stored.error()};
        // readResult has read it; the gaps are what a plan may refer to.
        if (auto parsed = scoring::fromJson(stored->json)) gaps = parsed->gaps;
        out.result = std::move(*stored);
    }
    auto plan = rec.list("plan");
    if (!plan) return Error{plan.error()};
    std::set<std::string> planned;
    for (std::size_t i = 0; i < (*plan)->size(); ++i) {
        const auto place = fmt::format("{}[{}]", rec.where("plan"), i);
        auto item = readPlanItem((**plan)[i], place, r.uuid, gaps);
        if (!item) return Error{item.error()};
        if (!planned.insert(item->item).second) return at(place, fmt::format("a second entry for '{}'", item->item));
        out.plan.push_back(std::move(*item));
    }
    return out;
}

Result<Bundle> readBundle(const json& doc, store::AssessmentStore& store) {
    if (!doc.is_object()) return Error{fmt::format("expected a JSON object, found {}; this is not a medsec-kiosk export", typeName(doc))};
    const auto version = doc.find("schema_version");
    if (version == doc.end()) return Error{"schema_version: missing; this is not a medsec-kiosk export (see docs/export-schema.json)"};
    if (jsonInteger(*version, 1, 1000000) != kSchemaVersion)
        return Error{fmt::format("schema_version: {} is not a version this kiosk reads (it reads {}); import it with the kiosk that "
                                 "exported it, or a newer one",
                                 version->dump().substr(0, 40), kSchemaVersion)};
    Record top(doc, "");
    if (auto s = top.check({"schema_version", "exported_at", "language", "facility", "period", "questionnaires", "assessments", "matrix", "audit"});
        !s)
        return Error{s.error()};
    Bundle bundle;
    auto exported = top.timestamp("exported_at");
    if (!exported) return Error{exported.error()};
    bundle.exportedAt = *exported;

    Questionnaires known(store);
    auto questionnaires = top.list("questionnaires");
    if (!questionnaires) return Error{questionnaires.error()};
    for (std::size_t i = 0; i < (*questionnaires)->size(); ++i) {
        const auto place = fmt::format("questionnaires[{}]", i);
        auto q = readQuestionnaire((**questionnaires)[i], place);
        if (!q) return Error{q.error()};
        if (known.has(q->first.contentHash)) return at(place, "the same questionnaire text a second time");
        known.add(q->first.contentHash, q->second);
        bundle.questionnaires.push_back(std::move(q->first));
    }

    auto assessments = top.list("assessments");
    if (!assessments) return Error{assessments.error()};
    std::set<std::string> ids;
    for (std::size_t i = 0; i < (*assessments)->size(); ++i) {
        const auto place = fmt::format("assessments[{}]", i);
        auto a = readAssessment((**assessments)[i], place, known);
        if (!a) return Error{a.error()};
        if (!ids.insert(a->record.uuid).second) return at(place + ".uuid", fmt::format("assessment {} a second time", a->record.uuid));
        bundle.assessments.push_back(std::move(*a));
    }
    if (bundle.assessments.empty()) return Error{"assessments: the file holds no assessment; there is nothing to import"};
    return bundle;
}

Result<ImportSummary> storeBundle(store::Database& db, store::AuditLog* audit, const Bundle& bundle, const std::string& fileHash) {
    store::AssessmentStore assessments(db);
    store::ResultStore results(db);  // without an audit log: the import records each assessment once
    store::PlanStore plans(db);
    ImportSummary summary;
    store::Transaction tx(db);
    if (!tx.began()) return Error{fmt::format("could not import: {}", tx.beginStatus().error())};

    std::vector<const BundleAssessment*> added;
    for (const auto& a : bundle.assessments) {
        auto exists = assessments.exists(a.record.uuid);
        if (!exists) return Error{exists.error()};
        if (*exists) summary.present.push_back(a.record.uuid);
        else added.push_back(&a);
    }
    if (added.empty()) return summary;  // nothing to write: the database is left exactly as it was

    std::set<std::string> needed;
    for (const auto* a : added) needed.insert(a->record.contentHash);
    for (const auto& q : bundle.questionnaires) {
        if (!needed.count(q.contentHash)) continue;
        auto kept = assessments.keepSnapshot(q);
        if (!kept) return Error{kept.error()};
        if (*kept) ++summary.questionnaires;
    }
    // Every assessment before any result: a result refers to its profile, which may come later in the file.
    for (const auto* a : added)
        if (auto s = assessments.insertExact(a->record, a->answers); !s) return at(a->where, s.error());
    for (const auto* a : added) {
        if (a->result) {
            if (!a->result->profileUuid.empty()) {
                auto profile = assessments.exists(a->result->profileUuid);
                if (!profile) return Error{profile.error()};
                if (!*profile)
                    return at(a->where + ".result.profile_assessment",
                              fmt::format("the profile {} it was scored with is neither in the file nor in this database", a->result->profileUuid));
            }
            if (auto s = results.save(*a->result); !s) return at(a->where + ".result", s.error());
        }
        for (const auto& item : a->plan)
            if (auto s = plans.insertExact(item); !s) return at(a->where + ".plan", s.error());
        if (audit) {
            const json details{{"questionnaire", a->record.questionnaireId},
                               {"version", a->record.questionnaireVersion},
                               {"status", std::string(store::statusName(a->record.status))},
                               {"answers", a->answers.size()},
                               {"result", a->result ? json(a->result->decision) : json(nullptr)},
                               {"plan_items", a->plan.size()},
                               {"bundle_sha256", fileHash},
                               {"exported_at", bundle.exportedAt}};
            if (auto s = audit->append({"assessment.imported", a->record.uuid, details.dump()}); !s)
                return Error{fmt::format("could not import: {}", s.error())};
        }
        summary.imported.push_back(a->record.uuid);
    }
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not import: {}", s.error())};
    return summary;
}

}  // namespace

Result<ImportSummary> importBundle(store::Database& db, store::AuditLog* audit, std::string_view text) {
    if (db.readOnly()) return Error{fmt::format("{} is open read-only; nothing can be imported into it", db.path())};
    try {
        auto doc = parseJsonStrict(text);
        if (!doc) return Error{doc.error()};
        store::AssessmentStore assessments(db);
        auto bundle = readBundle(*doc, assessments);
        if (!bundle) return Error{bundle.error()};
        return storeBundle(db, audit, *bundle, sha256Hex(text));
    } catch (const std::exception& e) {
        // Every field is checked before it is read; this is the guard against a defect, so that a
        // hostile file still ends in a message and an untouched database.
        return Error{fmt::format("the file could not be read: {}", e.what())};
    }
}

}  // namespace kiosk::exporting
