// The improvement plan of scored assessments: for each gap an owner, a target date, a status and a
// note (the MHLW checklist's target date for every いいえ, followed up as a plan of action). The
// admin or an auditor sets it; the caller checks that gate, this store records the change as the
// actor its audit log has.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "export/report.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

// Longest texts, in characters (the schema refuses longer ones too).
inline constexpr std::size_t kMaxPlanOwner = 100;
inline constexpr std::size_t kMaxPlanNote = 1000;

// What a person sets for one gap, as typed.
// The columns of a plan entry, and a row of them as read (for readers that prepare their own
// statements: append a WHERE clause).
inline constexpr std::string_view kSelectPlanItems =
    "SELECT assessment_uuid, item_id, owner, COALESCE(target_date, ''), status, note, updated_at FROM plan_items";
exporting::PlanItem readPlanItem(const Statement& s);

struct PlanEntry {
    std::string item;        // the measure's id: a gap of the assessment's stored result
    std::string owner;       // who sees to it (free text, may be empty); spaces at either end are dropped
    std::string targetDate;  // as people type dates (2026-09-30, 2026/9/30, R8.9.30, 令和8年9月30日); empty: none
    exporting::PlanStatus status = exporting::PlanStatus::Planned;
    std::string note;        // free text, may hold line breaks
};

class PlanStore {
public:
    explicit PlanStore(Database& db, AuditLog* audit = nullptr) : m_db(db), m_audit(audit) {}
    // Each change is appended to this audit log in the same transaction (none: not recorded):
    //   plan.updated  subject: the assessment's id
    //                 {item, status, target_date (null when unset), owner, note, created}
    // where owner and note are "sha256:" and the SHA-256 of the text (empty text: ""), so that the
    // log proves what was written without keeping a copy of it.
    void setAuditLog(AuditLog* audit) { m_audit = audit; }

    // The entries of one assessment (its UUID or a unique prefix), ordered by item id; show them in
    // the order of the result's gaps.
    Result<std::vector<exporting::PlanItem>> list(const std::string& assessment);

    // Creates or replaces the entry of one gap and gives it back as stored. Refuses, saying why and
    // changing nothing: an unknown assessment, one without a stored result, an item that is not one
    // of its gaps, a target date that is not a real day, text that is not UTF-8, holds control
    // characters (the note may hold line breaks and tabs) or is too long. Setting what is already
    // stored writes nothing and records nothing.
    Result<exporting::PlanItem> set(const std::string& assessment, const PlanEntry& entry);

    // For imports: an entry exactly as another kiosk stored it, inside the caller's transaction,
    // unchecked against the result and unaudited (the import checks and records it).
    Status insertExact(const exporting::PlanItem& item);

private:
    Database& m_db;
    AuditLog* m_audit = nullptr;
};

// What is wrong with a free text a person typed (a plan's owner or note, a workshop's name or
// participant code), or nothing: not UTF-8, a control character (line breaks and tabs only when
// multiline), or longer than maxChars characters.
std::optional<std::string> freeTextProblem(std::string_view text, std::size_t maxChars, bool multiline);

}  // namespace kiosk::store
