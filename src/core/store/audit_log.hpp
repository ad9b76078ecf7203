// The audit trail: an append-only table of every state change, each row chained to the one
// before it by SHA-256, so that an edited, deleted or reordered row is found by `audit verify`.
// Services append inside the transaction of the change they record: the change and its row are
// committed together or not at all.
//
// The canonical row, the bytes each hash covers, is the JSON array
//     [seq, at, role, event, subject, details]
// written compactly as nlohmann::json's dump() writes it: no spaces, UTF-8 unescaped, the keys of
// `details` (an object) sorted, e.g. [3,"2026-03-02T05:41:07.204Z","admin","person.removed","12",{}].
// hash = lower-case hex SHA-256 of previous_hash (64 hex digits) followed by the canonical row;
// Python's json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True) gives the
// same bytes, so the chain can be checked without this program.
// What the chain proves: a row edited, deleted or moved after it was written breaks it. It cannot
// prove that nobody rewrote every hash from some row on; exports carry the head for that.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::store {

// Who acts: the role signed in at the kiosk, or the command line of the machine.
enum class Role { Staff, Trainer, Auditor, Admin, System };
std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

struct AuditEvent {
    std::string event;    // e.g. "assessment.answered", "person.imported", "auth.failed"
    std::string subject;  // the id it is about (assessment uuid, person id, role), may be empty
    std::string details;  // a JSON object, may be "{}"
};

struct AuditRow {
    std::int64_t seq = 0;  // 1, 2, 3, … in order of appending
    std::string at;        // UTC, ISO 8601 with milliseconds
    Role role = Role::Staff;
    AuditEvent event;
    std::string previousHash;  // 64 hex digits; 64 zeros for the first row
    std::string hash;          // SHA-256(previousHash || canonical row), 64 hex digits
};

struct AuditFilter {
    // Inclusive. A date (YYYY-MM-DD, or as people type it: 2026/3/1, R8.3.1) is a whole day of the
    // machine's local time; a timestamp (2026-03-01T09:30Z, seconds and milliseconds optional) is
    // UTC, as stored, and covers its last unit (09:30 to 09:30:59.999).
    std::optional<std::string> from, to;
    std::optional<std::string> event;  // exact name, or a prefix ending in '.' ("auth.")
};

// The UTC times [begin, end) that a filter's day or time covers, as AuditFilter reads them (a day
// is the whole local day), for other lists filtered the same way. `which` names the bound in the
// message when the text is neither a day nor a time ("start", "end").
struct UtcSpan {
    std::string begin, end;
};
Result<UtcSpan> utcSpanOf(const std::string& text, std::string_view which);

// Where the chain breaks: the first row whose stored hash, link or order does not match.
struct ChainBreak {
    std::int64_t seq = 0;
    std::string reason;
};

// The hash before the first row.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical row (see the top of this file); an error when `details` is not a JSON object or a
// text is not valid UTF-8.
Result<std::string> canonicalRow(std::int64_t seq, std::string_view at, std::string_view role, std::string_view event,
                                 std::string_view subject, std::string_view details);

class AuditLog {
public:
    explicit AuditLog(Database& db) : m_db(db) {}

    // The role whose actions are recorded from now on (sign-in and sign-out change it).
    void setActor(Role role) { m_actor = role; }
    Role actor() const { return m_actor; }
    // Where the time of each row comes from (the system clock unless a test sets another).
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Appends one row as the current actor. Call inside the transaction of the change it records
    // (it opens its own otherwise). Refuses an event name that is not lower-case words joined by
    // dots ("person.added"), details that are not a JSON object, and text that is not UTF-8.
    Status append(const AuditEvent& event);
    // The same with the details already a JSON value (a service that builds them saves their parse).
    Status append(const std::string& event, const std::string& subject, nlohmann::json details);

    // Oldest first. A filter date that is not one is refused, saying which.
    Result<std::vector<AuditRow>> list(const AuditFilter& filter = {});
    // Walks the whole chain; nothing when every row matches. Otherwise the first row whose
    // sequence number, link to the row before, or hash does not match; rows removed from the end
    // are found through the highest number SQLite ever handed out.
    Result<std::optional<ChainBreak>> verify();
    // The hash of the last row (64 zeros when the log is empty), for exports.
    Result<std::string> head();
    // Rows in the log.
    Result<std::int64_t> count();

private:
    Database& m_db;
    Role m_actor = Role::Staff;
    Clock m_clock;
};

}  // namespace kiosk::store
