// The audit log's SQL and its hash chain: appending a row linked to the last one, listing rows,
// and walking the chain to find the first row that was edited, removed or moved.
#include "store/audit_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "util/dates.hpp"
#include "util/hash.hpp"
#include "util/json.hpp"
#include "util/time.hpp"
#include "util/utf8.hpp"

namespace kiosk::store {
namespace {

using std::chrono::system_clock;

// "person.added", "auth.pin_reset": lower-case words of letters, digits and '_' joined by dots.
bool validEventName(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '.' || name.back() == '.') return false;
    bool dotted = false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '.') {
            if (name[i - 1] == '.') return false;
            dotted = true;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return dotted;
}

// A local calendar day as UTC bounds.
UtcSpan localDay(const dates::Date& d) {
    auto midnight = [](int year, int month, int day) {
        std::tm tm{};
        tm.tm_year = year - 1900;
        tm.tm_mon = month - 1;
        tm.tm_mday = day;  // mktime carries day 32 into the next month
        tm.tm_isdst = -1;
        return system_clock::from_time_t(std::mktime(&tm));
    };
    return {isoUtc(midnight(d.year, d.month, d.day)), isoUtc(midnight(d.year, d.month, d.day + 1))};
}

// YYYY-MM-DDTHH:MM[:SS[.f]][Z], in UTC; covers its last unit.
std::optional<UtcSpan> utcTime(std::string_view text) {
    if (text.size() < 16 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
    const auto day = dates::fromIso(text.substr(0, 10));
    if (!day) return std::nullopt;
    std::string_view rest = text.substr(11);
    if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) rest.remove_suffix(1);
    auto number = [](std::string_view digits) -> std::optional<int> {
        if (digits.empty()) return std::nullopt;
        int v = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + (c - '0');
        }
        return v;
    };
    std::chrono::milliseconds unit{60000};
    int hour = 0, minute = 0, second = 0, millis = 0;
    if (rest.size() < 5 || rest[2] != ':') return std::nullopt;
    const auto h = number(rest.substr(0, 2)), m = number(rest.substr(3, 2));
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    hour = *h, minute = *m;
    rest.remove_prefix(5);
    if (!rest.empty()) {
        if (rest.size() < 3 || rest[0] != ':') return std::nullopt;
        const auto s = number(rest.substr(1, 2));
        if (!s || *s > 59) return std::nullopt;
        second = *s;
        unit = std::chrono::milliseconds(1000);
        rest.remove_prefix(3);
        if (!rest.empty()) {
            if (rest[0] != '.' || rest.size() < 2 || rest.size() > 4) return std::nullopt;
            const auto f = number(rest.substr(1));
            if (!f) return std::nullopt;
            millis = *f;
            for (std::size_t n = rest.size() - 1; n < 3; ++n) millis *= 10;
            unit = std::chrono::milliseconds(rest.size() == 2 ? 100 : rest.size() == 3 ? 10 : 1);
        }
    }
    const auto start = parseIsoUtc(fmt::format("{}T{:02}:{:02}:{:02}.{:03}Z", dates::iso(*day), hour, minute, second, millis));
    if (!start) return std::nullopt;
    return UtcSpan{isoUtc(*start), isoUtc(*start + unit)};
}

AuditRow readRow(const Statement& s) {
    AuditRow row;
    row.seq = s.integer(0);
    row.at = s.text(1);
    // A role this program never writes can only come from editing the file; verify() names the row.
    row.role = parseRole(s.text(2)).value_or(Role::Staff);
    row.event = {s.text(3), s.text(4), s.text(5)};
    row.previousHash = s.text(6);
    row.hash = s.text(7);
    return row;
}

// The details as a JSON object, or why they are not one.
Result<nlohmann::json> detailsObject(std::string_view details) {
    auto parsed = parseJsonStrict(details);
    if (!parsed) return Error{fmt::format("the details are not JSON ({})", parsed.error())};
    if (!parsed->is_object()) return Error{"the details are not a JSON object"};
    return std::move(*parsed);
}

// dump() throws on text that is not UTF-8; here that is an error value.
Result<std::string> dumped(const nlohmann::json& value) {
    try {
        return value.dump();
    } catch (const nlohmann::json::exception&) {
        return Error{"the details hold text that is not valid UTF-8"};
    }
}

constexpr std::string_view kSelect = "SELECT seq, at, role, event, subject, details, previous_hash, hash FROM audit_log";

}  // namespace

Result<UtcSpan> utcSpanOf(const std::string& text, std::string_view which) {
    if (auto time = utcTime(text)) return *time;
    auto day = dates::parse(text);
    if (day) return localDay(*day);
    return Error{fmt::format("the {} '{}' is neither a date (YYYY-MM-DD) nor a UTC time (YYYY-MM-DDTHH:MM[:SS]Z): {}", which, text,
                             day.error())};
}

std::string_view roleName(Role role) {
    switch (role) {
        case Role::Trainer: return "trainer";
        case Role::Auditor: return "auditor";
        case Role::Admin: return "admin";
        case Role::System: return "system";
        case Role::Staff: break;
    }
    return "staff";
}

std::optional<Role> parseRole(std::string_view name) {
    for (auto role : {Role::Staff, Role::Trainer, Role::Auditor, Role::Admin, Role::System})
        if (roleName(role) == name) return role;
    return std::nullopt;
}

namespace {

// The canonical row of details already in their canonical form: the compact array written by
// hand around them, each text escaped as nlohmann's dump() escapes it.
Result<std::string> canonicalRowWith(std::int64_t seq, std::string_view at, std::string_view role, std::string_view event,
                                     std::string_view subject, std::string_view canonicalDetails) {
    std::string row;
    row.reserve(64 + at.size() + role.size() + event.size() + subject.size() + canonicalDetails.size());
    row += '[';
    row += std::to_string(seq);
    for (std::string_view text : {at, role, event, subject}) {
        if (utf8::firstInvalid(text)) return Error{"a text of the row is not valid UTF-8"};
        row += ',';
        appendJsonString(row, text);
    }
    row += ',';
    row += canonicalDetails;
    row += ']';
    return row;
}

}  // namespace

Result<std::string> canonicalRow(std::int64_t seq, std::string_view at, std::string_view role, std::string_view event,
                                 std::string_view subject, std::string_view details) {
    auto parsed = detailsObject(details);
    if (!parsed) return Error{parsed.error()};
    auto canonicalDetails = dumped(*parsed);
    if (!canonicalDetails) return Error{canonicalDetails.error()};
    return canonicalRowWith(seq, at, role, event, subject, *canonicalDetails);
}

Status AuditLog::append(const AuditEvent& event) {
    if (!validEventName(event.event)) return Error{fmt::format("'{}' is not an audit event name", event.event)};
    auto parsed = detailsObject(event.details.empty() ? std::string_view("{}") : std::string_view(event.details));
    if (!parsed) return Error{fmt::format("audit event {}: {}", event.event, parsed.error())};
    return append(event.event, event.subject, std::move(*parsed));
}

Status AuditLog::append(const std::string& eventName, const std::string& subject, nlohmann::json details) {
    if (!validEventName(eventName)) return Error{fmt::format("'{}' is not an audit event name", eventName)};
    if (!details.is_object()) return Error{fmt::format("audit event {}: the details are not a JSON object", eventName)};
    // The details are stored in their canonical form, so that the stored text is what was hashed.
    auto canonicalDetails = dumped(details);
    if (!canonicalDetails) return Error{fmt::format("audit event {}: {}", eventName, canonicalDetails.error())};
    const std::string& stored = *canonicalDetails;

    // One write: a failed insert leaves nothing behind, so inside a caller's transaction no savepoint is needed.
    Transaction tx(m_db, Transaction::Nested::Join);
    if (!tx.began()) return Error{fmt::format("could not write to the audit log: {}", tx.beginStatus().error())};
    std::int64_t seq = 1;
    std::string previous(kGenesisHash);
    {
        // Numbers are never given out twice: after rows removed from the end, the gap stays and
        // verify() names it, instead of new rows closing it.
        Statement last(m_db, "SELECT seq, hash, (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') "
                             "FROM audit_log ORDER BY seq DESC LIMIT 1");
        auto row = last.step();
        if (!row) return Error{fmt::format("could not read the audit log: {}", row.error())};
        if (*row) seq = std::max(last.integer(0), last.integer(2)) + 1, previous = last.text(1);
    }
    const std::string at = isoUtc(m_clock ? m_clock() : system_clock::now());
    const auto role = roleName(m_actor);
    auto canonical = canonicalRowWith(seq, at, role, eventName, subject, stored);
    if (!canonical) return Error{fmt::format("could not write audit event {}: {}", eventName, canonical.error())};
    const std::string hash = sha256Hex(previous + *canonical);
    Statement insert(m_db, "INSERT INTO audit_log(seq, at, role, event, subject, details, previous_hash, hash) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.bind(1, seq).bind(2, at).bind(3, role).bind(4, eventName).bind(5, subject).bind(6, stored).bind(7, previous).bind(8, hash);
    if (auto s = insert.run(); !s) return Error{fmt::format("could not write to the audit log: {}", s.error())};
    return tx.commit();
}

Result<std::vector<AuditRow>> AuditLog::list(const AuditFilter& filter) {
    std::optional<UtcSpan> from, to;
    if (filter.from) {
        auto span = utcSpanOf(*filter.from, "start");
        if (!span) return Error{span.error()};
        from = *span;
    }
    if (filter.to) {
        auto span = utcSpanOf(*filter.to, "end");
        if (!span) return Error{span.error()};
        to = *span;
    }
    if (from && to && to->end <= from->begin)
        return Error{fmt::format("the end '{}' comes before the start '{}'", *filter.to, *filter.from)};
    if (filter.event && filter.event->empty()) return Error{"no event name given"};

    Statement s(m_db, std::string(kSelect) + R"sql(
WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2)
  AND (?3 IS NULL OR event = ?3 OR (substr(?3, -1) = '.' AND substr(event, 1, length(?3)) = ?3))
ORDER BY seq)sql");
    if (from) s.bind(1, from->begin);
    else s.bindNull(1);
    if (to) s.bind(2, to->end);
    else s.bindNull(2);
    if (filter.event) s.bind(3, *filter.event);
    else s.bindNull(3);
    std::vector<AuditRow> out;
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the audit log: " + row.error()};
        if (!*row) return out;
        out.push_back(readRow(s));
    }
}

Result<std::optional<ChainBreak>> AuditLog::verify() {
    using Found = std::optional<ChainBreak>;
    Statement s(m_db, std::string(kSelect) + " ORDER BY seq");
    std::int64_t expected = 1;
    std::string previous(kGenesisHash);
    for (;;) {
        auto row = s.step();
        if (!row) return Error{"could not read the audit log: " + row.error()};
        if (!*row) break;
        const std::int64_t seq = s.integer(0);
        if (seq < expected)  // only a number below 1 can come first
            return Found{ChainBreak{seq, fmt::format("its number {} is out of sequence (rows are numbered from 1)", seq)}};
        if (seq > expected) {
            return Found{ChainBreak{expected, seq == expected + 1
                                                  ? fmt::format("it is missing (row {} follows row {})", seq, expected - 1)
                                                  : fmt::format("it is missing, with the rows up to {} (row {} follows row {})", seq - 1,
                                                                seq, expected - 1)}};
        }
        if (s.text(6) != previous) {
            return Found{ChainBreak{seq, expected == 1 ? std::string("it does not start the chain (its link is not the starting hash)")
                                                       : fmt::format("its link to row {} does not match (a row was removed, changed "
                                                                     "or moved before it)",
                                                                     seq - 1)}};
        }
        auto canonical = canonicalRow(seq, s.text(1), s.text(2), s.text(3), s.text(4), s.text(5));
        if (!canonical) return Found{ChainBreak{seq, fmt::format("it was changed after it was written: {}", canonical.error())}};
        // The details were stored in canonical form; other bytes with the same meaning were written later.
        auto details = detailsObject(s.text(5));
        auto detailsAsWritten = details ? dumped(*details) : Result<std::string>(Error{details.error()});
        if (!detailsAsWritten || *detailsAsWritten != s.text(5) || sha256Hex(previous + *canonical) != s.text(7))
            return Found{ChainBreak{seq, "its contents do not match its hash (it was changed after it was written)"}};
        previous = s.text(7);
        ++expected;
    }
    // Rows removed from the end leave no gap; SQLite's record of the highest number it gave out shows them.
    Statement highest(m_db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
    auto row = highest.step();
    if (!row) return Error{"could not read the audit log: " + row.error()};
    if (*row && highest.integer(0) >= expected) {
        const std::int64_t last = highest.integer(0);
        return Found{ChainBreak{expected, last == expected ? "it is missing (it was the last row)"
                                                           : fmt::format("it is missing, with the rows after it up to {}", last)}};
    }
    return Found{};
}

Result<std::string> AuditLog::head() {
    Statement s(m_db, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    auto row = s.step();
    if (!row) return Error{"could not read the audit log: " + row.error()};
    return *row ? s.text(0) : std::string(kGenesisHash);
}

Result<std::int64_t> AuditLog::count() {
    Statement s(m_db, "SELECT COUNT(*) FROM audit_log");
    auto row = s.step();
    if (!row) return Error{"could not read the audit log: " + row.error()};
    return *row ? s.integer(0) : std::int64_t{0};
}

}  // namespace kiosk::store
