// SQL of the improvement plan, the checks of what a person sets, and its audit rows.
#include "store/plan_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "scoring/result.hpp"
#include "skills/model.hpp"
#include "store/assessment_store.hpp"
#include "store/result_store.hpp"
#include "util/dates.hpp"
#include "util/hash.hpp"
#include "util/utf8.hpp"

namespace kiosk::store {
namespace {

constexpr std::string_view kSelect = kSelectPlanItems;

}  // namespace

exporting::PlanItem readPlanItem(const Statement& s) {
    exporting::PlanItem item;
    item.assessment = s.text(0);
    item.item = s.text(1);
    item.owner = s.text(2);
    item.targetDate = s.text(3);
    // The schema allows no other status; a hand-edited one reads as planned rather than failing.
    item.status = exporting::parsePlanStatus(s.text(4)).value_or(exporting::PlanStatus::Planned);
    item.note = s.text(5);
    item.updatedAt = s.text(6);
    return item;
}

namespace {

Result<std::optional<exporting::PlanItem>> readOne(Database& db, const std::string& uuid, const std::string& item) {
    Statement s(db, std::string(kSelect) + " WHERE assessment_uuid = ?1 AND item_id = ?2");
    s.bind(1, uuid).bind(2, item);
    auto row = s.step();
    if (!row) return Error{"could not read the improvement plan: " + row.error()};
    if (!*row) return std::optional<exporting::PlanItem>{};
    return std::optional<exporting::PlanItem>{readPlanItem(s)};
}

// The gaps of a stored result, or why the assessment has none to plan for.
Result<std::vector<std::string>> gapsOf(Database& db, const AssessmentRecord& record) {
    ResultStore results(db);
    auto stored = results.get(record.uuid);
    if (!stored) return Error{stored.error()};
    if (!*stored)
        return Error{fmt::format("assessment {} has no stored result; an improvement plan is kept for the gaps of a completed, "
                                 "scored security-measures assessment",
                                 record.uuid)};
    auto result = scoring::fromJson((*stored)->json);
    if (!result) return Error{fmt::format("the stored result of assessment {} cannot be read: {}", record.uuid, result.error())};
    return std::move(result->gaps);
}

}  // namespace

std::optional<std::string> freeTextProblem(std::string_view text, std::size_t maxChars, bool multiline) {
    if (auto bad = utf8::firstInvalid(text)) return fmt::format("it is not valid UTF-8 (at character {})", bad->column);
    for (unsigned char c : text) {
        const bool allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
        if ((c < 0x20 || c == 0x7f) && !allowed)
            return multiline ? std::string("it holds a control character (only line breaks and tabs may be used)")
                             : std::string("it holds a control character such as a tab or a line break");
    }
    if (const std::size_t length = utf8::length(text); length > maxChars)
        return fmt::format("it is {} characters long; at most {} fit", length, maxChars);
    return std::nullopt;
}

Result<std::vector<exporting::PlanItem>> PlanStore::list(const std::string& assessment) {
    AssessmentStore assessments(m_db);
    auto record = assessments.get(assessment);
    if (!record) return Error{record.error()};
    Statement s(m_db, std::string(kSelect) + " WHERE assessment_uuid = ?1 ORDER BY item_id");
    s.bind(1, record->uuid);
    std::vector<exporting::PlanItem> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the improvement plan: " + row.error()};
        if (!*row) return out;
        out.push_back(readPlanItem(s));
    }
}

Result<exporting::PlanItem> PlanStore::set(const std::string& assessment, const PlanEntry& entry) {
    AssessmentStore assessments(m_db);
    auto record = assessments.get(assessment);
    if (!record) return Error{record.error()};
    auto gaps = gapsOf(m_db, *record);
    if (!gaps) return Error{gaps.error()};
    if (std::find(gaps->begin(), gaps->end(), entry.item) == gaps->end()) {
        const std::size_t shown = std::min<std::size_t>(gaps->size(), 5);
        std::string listed = fmt::format("{}", fmt::join(gaps->begin(), gaps->begin() + static_cast<std::ptrdiff_t>(shown), ", "));
        if (gaps->size() > shown) listed += fmt::format(" and {} more", gaps->size() - shown);
        return Error{fmt::format("'{}' is not a gap of assessment {}; its plan covers only its gaps ({})", entry.item, record->uuid,
                                 gaps->empty() ? std::string("it has none") : listed)};
    }

    exporting::PlanItem item;
    item.assessment = record->uuid;
    item.item = entry.item;
    item.status = entry.status;
    item.note = entry.note;
    if (auto problem = freeTextProblem(entry.owner, kMaxPlanOwner, false)) return Error{fmt::format("the owner: {}", *problem)};
    item.owner = skills::trimPersonText(entry.owner);
    if (auto problem = freeTextProblem(entry.note, kMaxPlanNote, true)) return Error{fmt::format("the note: {}", *problem)};
    if (!skills::trimPersonText(entry.targetDate).empty()) {
        auto day = dates::parse(entry.targetDate);
        if (!day) return Error{fmt::format("the target date '{}': {}", entry.targetDate, day.error())};
        item.targetDate = dates::iso(*day);
    }

    Transaction tx(m_db);
    if (!tx.began()) return Error{fmt::format("could not save the plan of {}: {}", item.item, tx.beginStatus().error())};
    auto before = readOne(m_db, item.assessment, item.item);
    if (!before) return Error{before.error()};
    if (*before && (*before)->owner == item.owner && (*before)->targetDate == item.targetDate && (*before)->status == item.status &&
        (*before)->note == item.note)
        return **before;

    Statement upsert(m_db, R"sql(
INSERT INTO plan_items(assessment_uuid, item_id, owner, target_date, status, note) VALUES (?1, ?2, ?3, NULLIF(?4, ''), ?5, ?6)
ON CONFLICT(assessment_uuid, item_id) DO UPDATE SET
    owner = excluded.owner, target_date = excluded.target_date, status = excluded.status, note = excluded.note,
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))sql");
    upsert.bind(1, item.assessment).bind(2, item.item).bind(3, item.owner).bind(4, item.targetDate)
        .bind(5, exporting::planStatusName(item.status)).bind(6, item.note);
    if (auto s = upsert.run(); !s) return Error{fmt::format("could not save the plan of {}: {}", item.item, s.error())};
    if (m_audit) {
        const nlohmann::json details{{"item", item.item},
                                     {"status", std::string(exporting::planStatusName(item.status))},
                                     {"target_date", item.targetDate.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.targetDate)},
                                     {"owner", hashedText(item.owner)},
                                     {"note", hashedText(item.note)},
                                     {"created", !*before}};
        if (auto s = m_audit->append({"plan.updated", item.assessment, details.dump()}); !s)
            return Error{fmt::format("could not save the plan of {}: {}", item.item, s.error())};
    }
    auto stored = readOne(m_db, item.assessment, item.item);
    if (!stored) return Error{stored.error()};
    if (!*stored) return Error{fmt::format("could not save the plan of {}: it was not stored", item.item)};
    if (auto s = tx.commit(); !s) return Error{fmt::format("could not save the plan of {}: {}", item.item, s.error())};
    return **stored;
}

Status PlanStore::insertExact(const exporting::PlanItem& item) {
    Statement insert(m_db, "INSERT INTO plan_items(assessment_uuid, item_id, owner, target_date, status, note, updated_at) "
                           "VALUES (?1, ?2, ?3, NULLIF(?4, ''), ?5, ?6, ?7)");
    insert.bind(1, item.assessment).bind(2, item.item).bind(3, item.owner).bind(4, item.targetDate)
        .bind(5, exporting::planStatusName(item.status)).bind(6, item.note).bind(7, item.updatedAt);
    if (auto s = insert.run(); !s) return Error{fmt::format("could not store the plan of {} for assessment {}: {}", item.item, item.assessment, s.error())};
    return {};
}

}  // namespace kiosk::store
