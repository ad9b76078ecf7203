// Assessment service: the one path from a person's answer to the database and back.
#include "assessment/service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/hash.hpp"

namespace kiosk::assessment {

using questionnaire::Questionnaire;
using Json = nlohmann::json;

namespace {

// An answer as the audit log records it (see setAuditLog).
Json loggedValue(const questionnaire::Question& q, const std::string& value, bool skipped) {
    if (skipped) return nullptr;
    if (q.type == questionnaire::QuestionType::Text) return "sha256:" + sha256Hex(value);
    return value;
}

store::QuestionnaireSnapshot snapshotOf(const Questionnaire& q) { return {q.id, q.version, q.contentHash, q.source}; }

// Why an assessment takes no more answers, or nothing while it is in progress.
std::optional<std::string> closedReason(const store::AssessmentRecord& record) {
    switch (record.status) {
        case store::AssessmentStatus::Completed: return "this assessment is already completed";
        case store::AssessmentStatus::Discarded: return "this assessment was discarded";
        case store::AssessmentStatus::InProgress: break;
    }
    return std::nullopt;
}

}  // namespace

Result<ActiveAssessment> AssessmentService::start(const Questionnaire& q, Lang lang) {
    store::AssessmentRecord record;
    record.questionnaireId = q.id;
    record.questionnaireVersion = q.version;
    record.contentHash = q.contentHash;
    record.status = store::AssessmentStatus::InProgress;
    record.language = std::string(langCode(lang));
    return ActiveAssessment{{}, Session(std::make_shared<const Questionnaire>(q)), std::move(record)};
}

Result<store::AssessmentRecord> AssessmentService::storeNew(const ActiveAssessment& active) {
    auto uuid = m_store.create(snapshotOf(active.session.questionnaire()), active.record.language);
    if (!uuid) return Error{uuid.error()};
    return m_store.get(*uuid);
}

Result<std::shared_ptr<const Questionnaire>> AssessmentService::questionnaireFor(const store::AssessmentRecord& record) {
    // The questionnaire on disk is used when it is still the same text; otherwise the copy
    // stored when the assessment began.
    for (const auto& q : m_catalog.questionnaires)
        if (q.contentHash == record.contentHash) return std::make_shared<const Questionnaire>(q);
    auto snapshot = m_store.snapshot(record.contentHash);
    if (!snapshot) return Error{snapshot.error()};
    auto parsed = questionnaire::parseQuestionnaire(snapshot->source,
                                                    fmt::format("{} {} (stored copy)", snapshot->questionnaireId, snapshot->version),
                                                    questionnaire::LoadContext{});
    if (!parsed.questionnaire) {
        return Error{fmt::format("the stored copy of questionnaire {} can no longer be read: {}", snapshot->questionnaireId,
                                 parsed.diagnostics.empty() ? std::string("unknown error") : parsed.diagnostics.front().format())};
    }
    return std::make_shared<const Questionnaire>(std::move(*parsed.questionnaire));
}

Result<ActiveAssessment> AssessmentService::open(const std::string& uuidOrPrefix) {
    auto record = m_store.get(uuidOrPrefix);
    if (!record) return Error{record.error()};
    auto q = questionnaireFor(*record);
    if (!q) return Error{q.error()};
    auto stored = m_store.answers(record->uuid);
    if (!stored) return Error{stored.error()};

    AnswerMap answers;
    for (const auto& s : *stored) {
        const auto* question = (*q)->findQuestion(s.questionId);
        if (!question) return Error{fmt::format("assessment {} has an answer to '{}', which its questionnaire does not have", record->uuid, s.questionId)};
        // Earlier versions saved an empty text for a required question when the person left it
        // through Home; it was never an answer, so it is read as unanswered.
        if (question->type == questionnaire::QuestionType::Text && question->required && !s.skipped &&
            s.value.find_first_not_of(" \t\r\n") == std::string::npos)
            continue;
        auto decoded = decodeAnswer(*question, s.value, s.skipped);
        if (!decoded) return Error{fmt::format("assessment {}: {}", record->uuid, decoded.error())};
        answers.emplace(s.questionId, std::move(*decoded));
    }
    return ActiveAssessment{record->uuid, Session(*q, std::move(answers)), *record};
}

Status AssessmentService::answer(ActiveAssessment& active, const std::string& questionId, Answer answer) {
    const auto* q = active.session.questionnaire().findQuestion(questionId);
    if (!q) return Error{fmt::format("no question '{}'", questionId)};
    if (auto closed = closedReason(active.record)) return Error{*closed};
    if (auto s = checkAnswer(*q, answer); !s) return s;
    const std::string value = encodeAnswer(*q, answer);
    // The answer and its audit row are written together or not at all.
    store::Transaction tx(m_store.database());
    if (!tx.began()) return Error{fmt::format("could not save the answer: {}", tx.beginStatus().error())};
    if (active.stored()) {
        auto saved = m_store.saveAnswer(active.uuid, questionId, value, answer.skipped);
        if (!saved) return Error{saved.error()};
        if (saved->changed)
            if (auto s = logAnswer(active.uuid, *q, saved->before, value, answer.skipped); !s) return s;
        if (auto s = tx.commit(); !s) return Error{fmt::format("could not save the answer: {}", s.error())};
        return active.session.setAnswer(questionId, std::move(answer));
    }
    // The first answer: the assessment and its answer are written together or not at all.
    auto record = storeNew(active);
    if (!record) return Error{record.error()};
    if (auto s = logStarted(*record); !s) return s;
    if (auto s = m_store.saveAnswer(record->uuid, questionId, value, answer.skipped); !s) return Error{s.error()};
    if (auto s = logAnswer(record->uuid, *q, std::nullopt, value, answer.skipped); !s) return s;
    record->answerCount = 1;
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not save the answer: {}", s.error())};
    active.uuid = record->uuid;
    active.record = std::move(*record);
    return active.session.setAnswer(questionId, std::move(answer));
}

Status AssessmentService::setLanguage(ActiveAssessment& active, Lang lang) {
    const std::string code(langCode(lang));
    if (active.stored() && active.record.language != code) {
        store::Transaction tx(m_store.database());
        if (!tx.began()) return Error{fmt::format("could not save the language: {}", tx.beginStatus().error())};
        if (auto s = m_store.setLanguage(active.uuid, code); !s) return s;
        if (auto s = logEvent("assessment.language", active.uuid, Json{{"language", code}}.dump()); !s) return s;
        if (auto s = tx.commit(); !s) return Error{fmt::format("could not save the language: {}", s.error())};
    }
    active.record.language = code;
    return {};
}

Status AssessmentService::complete(ActiveAssessment& active) {
    if (auto closed = closedReason(active.record)) return Error{*closed};
    const auto missing = active.session.missingRequired();
    if (!missing.empty()) {
        return Error{fmt::format("{} required question(s) still need an answer, the first is '{}'", missing.size(),
                                 active.session.question(missing.front()).id)};
    }
    const std::string completedDetails = Json{{"questionnaire", active.record.questionnaireId}}.dump();
    store::Transaction tx(m_store.database());
    if (!tx.began()) return Error{fmt::format("could not complete the assessment: {}", tx.beginStatus().error())};
    if (active.stored()) {
        if (auto s = m_store.markCompleted(active.uuid); !s) return s;
        if (auto s = logEvent("assessment.completed", active.uuid, completedDetails); !s) return s;
        if (auto s = tx.commit(); !s) return Error{fmt::format("could not complete the assessment: {}", s.error())};
        active.record.status = store::AssessmentStatus::Completed;
        return {};
    }
    auto record = storeNew(active);
    if (!record) return Error{record.error()};
    if (auto s = logStarted(*record); !s) return s;
    if (auto s = m_store.markCompleted(record->uuid); !s) return s;
    if (auto s = logEvent("assessment.completed", record->uuid, completedDetails); !s) return s;
    auto completed = m_store.get(record->uuid);
    if (!completed) return Error{completed.error()};
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not complete the assessment: {}", s.error())};
    active.uuid = completed->uuid;
    active.record = std::move(*completed);
    return {};
}

namespace {

Status discardable(const store::AssessmentRecord& record) {
    switch (record.status) {
        case store::AssessmentStatus::Completed:
            return Error{fmt::format("assessment {} is completed; only an assessment in progress can be discarded", record.uuid)};
        case store::AssessmentStatus::Discarded:
            return Error{fmt::format("assessment {} was already discarded{}", record.uuid,
                                     record.discardedAt ? " on " + *record.discardedAt : std::string())};
        case store::AssessmentStatus::InProgress: break;
    }
    return {};
}

}  // namespace

Status AssessmentService::discard(ActiveAssessment& active) {
    if (!active.stored()) {
        if (active.record.status == store::AssessmentStatus::Completed) return Error{"this assessment is already completed"};
        active.record.status = store::AssessmentStatus::Discarded;
        return {};
    }
    auto discarded = discard(active.uuid);
    if (!discarded) return Error{discarded.error()};
    active.record = std::move(*discarded);
    return {};
}

Result<store::AssessmentRecord> AssessmentService::discard(const std::string& uuidOrPrefix) {
    auto record = m_store.get(uuidOrPrefix);
    if (!record) return Error{record.error()};
    if (auto s = discardable(*record); !s) return Error{s.error()};
    store::Transaction tx(m_store.database());
    if (!tx.began()) return Error{fmt::format("could not discard the assessment: {}", tx.beginStatus().error())};
    if (auto s = m_store.markDiscarded(record->uuid); !s) {
        // Completed or discarded elsewhere since it was read: say which.
        if (auto now = m_store.get(record->uuid))
            if (auto why = discardable(*now); !why) return Error{why.error()};
        return Error{s.error()};
    }
    if (auto s = logEvent("assessment.discarded", record->uuid, Json{{"answers", record->answerCount}}.dump()); !s) return Error{s.error()};
    auto discarded = m_store.get(record->uuid);
    if (!discarded) return discarded;
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not discard the assessment: {}", s.error())};
    return discarded;
}

Status AssessmentService::logEvent(std::string_view event, const std::string& uuid, const std::string& details) {
    if (!m_audit) return {};
    return m_audit->append({std::string(event), uuid, details});
}

Status AssessmentService::logStarted(const store::AssessmentRecord& r) {
    return logEvent("assessment.started", r.uuid,
                    Json{{"questionnaire", r.questionnaireId}, {"version", r.questionnaireVersion}, {"language", r.language}}.dump());
}

Status AssessmentService::logAnswer(const std::string& uuid, const questionnaire::Question& q,
                                   const std::optional<store::StoredAnswer>& before, const std::string& value, bool skipped) {
    if (!m_audit) return {};
    if (!before) return m_audit->append("assessment.answered", uuid, Json{{"question", q.id}, {"value", loggedValue(q, value, skipped)}});
    return m_audit->append("assessment.changed", uuid,
                           Json{{"question", q.id}, {"old", loggedValue(q, before->value, before->skipped)}, {"new", loggedValue(q, value, skipped)}});
}

Result<std::vector<AssessmentSummary>> AssessmentService::summaries(std::optional<store::AssessmentStatus> status) {
    auto records = m_store.list(status);
    if (!records) return Error{records.error()};
    std::vector<AssessmentSummary> out;
    for (const auto& record : *records) {
        auto active = open(record.uuid);
        AssessmentSummary summary{record, questionnaire::Kind::Sample, {}, {}, -1};
        if (active) {
            summary.kind = active->session.questionnaire().kind;
            summary.title = active->session.questionnaire().title;
            summary.resumeAt = active->session.firstUnanswered();
            summary.progress = active->session.progress(summary.resumeAt);
        } else {
            // Listed all the same, so that nothing disappears silently; opening it shows the error.
            summary.title = {record.questionnaireId, record.questionnaireId};
        }
        out.push_back(std::move(summary));
    }
    return out;
}

}  // namespace kiosk::assessment
