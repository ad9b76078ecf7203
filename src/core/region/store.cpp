// SQL of the regional store, through libpq.
#include "region/store.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "scoring/result.hpp"
#include "util/hash.hpp"

namespace kiosk::region {
namespace {

// The numbered migrations of the regional schema; each applied once, in order.
const std::vector<std::pair<int, std::string_view>>& migrations() {
    static const std::vector<std::pair<int, std::string_view>> list{
        // Facilities with the key their bundles are signed with; keys trusted by an import; the
        // assessments, answers and results of every bundle; the bundles imported (by SHA-256).
        {1, R"sql(
CREATE TABLE region_schema (version integer NOT NULL);
INSERT INTO region_schema VALUES (0);

CREATE TABLE trusted_keys (
    public_key  text PRIMARY KEY,
    trusted_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE facilities (
    uuid           uuid PRIMARY KEY,
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefecture     text NOT NULL DEFAULT '',
    kind           text NOT NULL DEFAULT '',
    beds           integer CHECK (beds BETWEEN 0 AND 5000),
    public_key     text NOT NULL REFERENCES trusted_keys(public_key),
    first_imported timestamptz NOT NULL DEFAULT now(),
    last_imported  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX facilities_by_prefecture ON facilities(prefecture);

CREATE TABLE assessments (
    uuid          uuid PRIMARY KEY,
    facility      uuid NOT NULL REFERENCES facilities(uuid) ON DELETE CASCADE,
    questionnaire text NOT NULL,
    version       text NOT NULL,
    status        text NOT NULL,
    created_at    timestamptz,
    completed_at  timestamptz
);
CREATE INDEX assessments_by_facility ON assessments(facility, completed_at);

CREATE TABLE answers (
    assessment  uuid NOT NULL REFERENCES assessments(uuid) ON DELETE CASCADE,
    question    text NOT NULL,
    value       text,
    skipped     boolean NOT NULL,
    answered_at timestamptz,
    PRIMARY KEY (assessment, question)
);

CREATE TABLE results (
    assessment     uuid PRIMARY KEY REFERENCES assessments(uuid) ON DELETE CASCADE,
    facility       uuid NOT NULL REFERENCES facilities(uuid) ON DELETE CASCADE,
    computed_at    timestamptz,
    decision       text NOT NULL,
    overall        double precision NOT NULL,
    expected_tier  text NOT NULL,
    achieved_tier  text NOT NULL,
    essential_gaps integer NOT NULL,
    staff_both     integer NOT NULL,
    single_person_skills integer NOT NULL,
    result_json    text NOT NULL
);
CREATE INDEX results_by_facility ON results(facility);

CREATE TABLE result_domains (
    assessment uuid NOT NULL REFERENCES results(assessment) ON DELETE CASCADE,
    domain     text NOT NULL,
    score      double precision NOT NULL,
    PRIMARY KEY (assessment, domain)
);

CREATE TABLE imports (
    bundle_sha256 text PRIMARY KEY,
    facility      uuid NOT NULL REFERENCES facilities(uuid) ON DELETE CASCADE,
    imported_at   timestamptz NOT NULL DEFAULT now(),
    added         integer NOT NULL
);
)sql"},
    };
    return list;
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// The server's message without its "ERROR:" prefix and the lines that point into the statement.
std::string firstLine(const char* message) {
    std::string m = message ? message : "";
    if (auto end = m.find('\n'); end != std::string::npos) m.resize(end);
    if (m.rfind("ERROR:  ", 0) == 0) m = m.substr(8);
    while (!m.empty() && m.back() == ' ') m.pop_back();
    return m;
}

// The line of a COPY's error context ("COPY answers, line 12, column …"); 0 when not given.
std::size_t copyLine(const char* context) {
    if (!context) return 0;
    const std::string_view text(context);
    const auto at = text.find(", line ");
    if (at == std::string_view::npos) return 0;
    std::size_t line = 0;
    for (std::size_t i = at + 7; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) line = line * 10 + static_cast<std::size_t>(text[i] - '0');
    return line;
}

// A string member of a JSON object; nullopt when missing or not a string.
std::optional<std::string> stringOf(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? std::optional<std::string>(it->get<std::string>()) : std::nullopt;
}

}  // namespace

void CopyRows::add(std::string record, std::initializer_list<std::optional<std::string_view>> fields) {
    bool first = true;
    for (const auto& field : fields) {
        if (!first) m_data += '\t';
        first = false;
        if (!field) {
            m_data += "\\N";
            continue;
        }
        for (char c : *field) {
            switch (c) {
            case '\\': m_data += "\\\\"; break;
            case '\n': m_data += "\\n"; break;
            case '\r': m_data += "\\r"; break;
            case '\t': m_data += "\\t"; break;
            default: m_data += c;
            }
        }
    }
    m_data += '\n';
    m_records.push_back(std::move(record));
}

void CopyRows::append(const CopyRows& other) {
    m_data += other.m_data;
    m_records.insert(m_records.end(), other.m_records.begin(), other.m_records.end());
}

std::string CopyRows::record(std::size_t line) const { return line >= 1 && line <= m_records.size() ? m_records[line - 1] : std::string(); }

int latestRegionSchema() { return migrations().back().first; }

struct RegionStore::Impl {
    PGconn* conn = nullptr;
    ~Impl() {
        if (conn) PQfinish(conn);
    }

    // Runs a statement with text parameters (nullopt: NULL); the rows, or the server's message.
    Result<PgResult> run(const std::string& sql, const std::vector<std::optional<std::string>>& params = {}) {
        std::vector<const char*> values;
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
        PgResult r(PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error{firstLine(PQerrorMessage(conn))};
        return r;
    }
    Status exec(const std::string& sql) {
        PgResult r(PQexec(conn, sql.c_str()));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error{firstLine(PQerrorMessage(conn))};
        return {};
    }
    void rollback() { PgResult(PQexec(conn, "ROLLBACK")); }

    // Streams `rows` into `target` ("table(columns)") with COPY; a refused row is named by its record.
    Status copy(const std::string& target, const CopyRows& rows) {
        if (rows.empty()) return {};
        PgResult start(PQexec(conn, ("COPY " + target + " FROM STDIN").c_str()));
        if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) return Error{firstLine(PQerrorMessage(conn))};
        const std::string& data = rows.data();
        constexpr std::size_t kChunk = 1 << 20;
        for (std::size_t at = 0; at < data.size(); at += kChunk) {
            const auto n = static_cast<int>(std::min(kChunk, data.size() - at));
            if (PQputCopyData(conn, data.data() + at, n) != 1) break;  // the error comes with the result below
        }
        PQputCopyEnd(conn, nullptr);
        std::optional<std::string> failure;
        while (PgResult r{PQgetResult(conn)}) {
            if (PQresultStatus(r.get()) == PGRES_COMMAND_OK || failure) continue;
            const std::string message = firstLine(PQresultErrorMessage(r.get()));
            const std::string record = rows.record(copyLine(PQresultErrorField(r.get(), PG_DIAG_CONTEXT)));
            failure = record.empty() ? message : record + ": " + message;
        }
        if (failure) return Error{*failure};
        return {};
    }
};

RegionStore::RegionStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RegionStore::RegionStore(RegionStore&&) noexcept = default;
RegionStore& RegionStore::operator=(RegionStore&&) noexcept = default;
RegionStore::~RegionStore() = default;

Result<RegionStore> RegionStore::connect(const std::string& url) {
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
        return Error{fmt::format("'{}' is not a PostgreSQL URL (postgresql://…; a socket folder as ?host=/path)", url)};
    auto impl = std::make_unique<Impl>();
    impl->conn = PQconnectdb(url.c_str());
    if (!impl->conn || PQstatus(impl->conn) != CONNECTION_OK)
        return Error{fmt::format("cannot connect to the regional database: {}", firstLine(impl->conn ? PQerrorMessage(impl->conn) : "out of memory"))};
    if (auto s = impl->exec("SET client_min_messages = warning"); !s) return Error{s.error()};
    return RegionStore(std::move(impl));
}

Result<int> RegionStore::schemaVersion() {
    auto exists = m_impl->run("SELECT to_regclass('region_schema') IS NOT NULL");
    if (!exists) return Error{exists.error()};
    if (std::string(PQgetvalue(exists->get(), 0, 0)) != "t") return 0;
    auto version = m_impl->run("SELECT version FROM region_schema");
    if (!version) return Error{version.error()};
    if (PQntuples(version->get()) != 1) return Error{"the regional schema's version is not recorded"};
    return std::stoi(PQgetvalue(version->get(), 0, 0));
}

Result<int> RegionStore::init() {
    if (auto s = m_impl->exec("BEGIN"); !s) return Error{s.error()};
    // One initialisation at a time: a second waits here, then finds the schema in place.
    if (auto s = m_impl->exec("SELECT pg_advisory_xact_lock(727201)"); !s) return m_impl->rollback(), Error{s.error()};
    auto from = schemaVersion();
    if (!from) return m_impl->rollback(), Error{from.error()};
    if (*from > latestRegionSchema())
        return m_impl->rollback(), Error{fmt::format("the regional database has schema {}, newer than this kiosk knows ({})", *from,
                                                     latestRegionSchema())};
    for (const auto& [version, sql] : migrations()) {
        if (version <= *from) continue;
        if (auto s = m_impl->exec(std::string(sql)); !s) {
            m_impl->rollback();
            return Error{fmt::format("regional schema migration {} failed: {}", version, s.error())};
        }
        if (auto s = m_impl->run("UPDATE region_schema SET version = $1", {std::to_string(version)}); !s)
            return m_impl->rollback(), Error{s.error()};
    }
    if (auto s = m_impl->exec("COMMIT"); !s) return Error{s.error()};
    return latestRegionSchema();
}

Result<PreparedBundle> prepareBundle(std::string_view bundleText) {
    auto bundle = readBundle(bundleText);
    if (!bundle) return Error{bundle.error()};
    PreparedBundle prepared;
    prepared.facility = std::move(bundle->facility);
    prepared.publicKey = std::move(bundle->publicKey);
    prepared.sha256 = sha256Hex(bundleText);
    const auto& facility = prepared.facility.uuid;
    const auto list = bundle->exported.find("assessments");
    if (list == bundle->exported.end() || !list->is_array()) return Error{"payload.export.assessments: not a list"};
    std::set<std::string> inBundle;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& a = (*list)[i];
        PreparedBundle::Assessment out;
        out.record = fmt::format("assessments[{}]", i);
        const std::string& at = out.record;
        if (!a.is_object()) return Error{at + ": not an object"};
        const auto uuid = stringOf(a, "uuid");
        if (!uuid || !isUuid(*uuid)) return Error{at + ".uuid: not a UUID"};
        if (!inBundle.insert(*uuid).second) return Error{fmt::format("{}.uuid: assessment {} appears twice in the bundle", at, *uuid)};
        out.uuid = *uuid;
        const auto q = a.find("questionnaire");
        if (q == a.end() || !q->is_object() || !stringOf(*q, "id") || !stringOf(*q, "version"))
            return Error{at + ".questionnaire: missing its id or version"};
        const auto status = stringOf(a, "status");
        if (!status || (*status != "completed" && *status != "in_progress" && *status != "discarded"))
            return Error{at + ".status: not completed, in_progress or discarded"};
        out.assessment.add(at, {*uuid, facility, stringOf(*q, "id"), stringOf(*q, "version"), status, stringOf(a, "created_at"),
                                stringOf(a, "completed_at")});

        const auto answers = a.find("answers");
        if (answers == a.end() || !answers->is_array()) return Error{at + ".answers: not a list"};
        std::set<std::string> questions;
        for (std::size_t j = 0; j < answers->size(); ++j) {
            const auto& ans = (*answers)[j];
            const std::string where = fmt::format("{}.answers[{}]", at, j);
            const auto question = ans.is_object() ? stringOf(ans, "question") : std::nullopt;
            if (!question) return Error{where + ".question: missing"};
            if (!questions.insert(*question).second) return Error{fmt::format("{}.question: {} is answered twice", where, *question)};
            const auto skipped = ans.find("skipped");
            if (skipped == ans.end() || !skipped->is_boolean()) return Error{where + ".skipped: not true or false"};
            const auto value = ans.find("value");
            std::optional<std::string> text;
            if (value != ans.end() && !value->is_null()) text = value->is_string() ? value->get<std::string>() : value->dump();
            out.answers.add(where, {*uuid, question, text, skipped->get<bool>() ? "t" : "f", stringOf(ans, "answered_at")});
        }

        const auto result = a.find("result");
        if (result != a.end() && !result->is_null()) {
            const auto json = result->is_object() ? stringOf(*result, "result_json") : std::nullopt;
            if (!json) return Error{at + ".result.result_json: missing"};
            auto r = scoring::fromJson(*json);
            if (!r) return Error{fmt::format("{}.result.result_json: {}", at, r.error())};
            out.result.add(at + ".result", {*uuid, facility, r->computedAt.empty() ? std::nullopt : std::optional<std::string>(r->computedAt),
                                            std::string(scoring::decisionName(r->decision)), fmt::format("{}", r->overall), r->expectedTier,
                                            r->achievedTier, std::to_string(r->criticalGaps().size()), std::to_string(r->staffing.both),
                                            std::to_string(r->staffing.singlePersonSkills.size()), *json});
            for (const auto& d : r->domains) out.domains.add(at + ".result.domains." + d.id, {*uuid, d.id, fmt::format("{}", d.score)});
        }
        prepared.assessments.push_back(std::move(out));
    }
    return prepared;
}

Result<ImportOutcome> RegionStore::importBundle(std::string_view bundleText, bool trustNewKey) {
    auto prepared = prepareBundle(bundleText);
    if (!prepared) return Error{prepared.error()};
    return importPrepared(*prepared, trustNewKey);
}

Result<ImportOutcome> RegionStore::importPrepared(const PreparedBundle& bundle, bool trustNewKey) {
    auto version = schemaVersion();
    if (!version) return Error{version.error()};
    if (*version != latestRegionSchema())
        return Error{fmt::format("the regional database has schema {}; run `region init` first (this kiosk writes {})", *version,
                                 latestRegionSchema())};
    const auto& f = bundle.facility;
    ImportOutcome outcome;
    outcome.facility = f.uuid;

    // Everything from here is one transaction: a bundle is in the store whole or not at all.
    if (auto s = m_impl->exec("BEGIN"); !s) return Error{s.error()};
    const auto fail = [&](std::string message) -> Result<ImportOutcome> {
        m_impl->rollback();
        return Error{std::move(message)};
    };
    // Two imports of the same facility at once wait for each other.
    if (auto s = m_impl->run("SELECT pg_advisory_xact_lock(hashtext($1))", {f.uuid}); !s) return fail(s.error());

    auto known = m_impl->run("SELECT public_key FROM facilities WHERE uuid = $1", {f.uuid});
    if (!known) return fail(known.error());
    if (PQntuples(known->get()) == 1) {
        if (std::string(PQgetvalue(known->get(), 0, 0)) != bundle.publicKey)
            return fail(fmt::format("facility {} ({}) is known with another signing key; a bundle signed with a changed key is refused",
                                    f.uuid, f.name));
    } else {
        outcome.newFacility = true;
        auto trusted = m_impl->run("SELECT 1 FROM trusted_keys WHERE public_key = $1", {bundle.publicKey});
        if (!trusted) return fail(trusted.error());
        if (PQntuples(trusted->get()) == 0) {
            if (!trustNewKey)
                return fail(fmt::format("facility {} ({}) signs with a key this region does not know ({}); import it with --trust-new-key "
                                        "once the key is confirmed with the facility",
                                        f.uuid, f.name, bundle.publicKey));
            if (auto s = m_impl->run("INSERT INTO trusted_keys(public_key) VALUES ($1)", {bundle.publicKey}); !s) return fail(s.error());
            outcome.keyTrusted = true;
        }
    }
    const std::optional<std::string> beds = f.beds ? std::optional<std::string>(std::to_string(*f.beds)) : std::nullopt;
    if (auto s = m_impl->run("INSERT INTO facilities(uuid, name, prefecture, kind, beds, public_key) VALUES ($1, $2, $3, $4, $5, $6) "
                             "ON CONFLICT (uuid) DO UPDATE SET name = EXCLUDED.name, prefecture = EXCLUDED.prefecture, kind = EXCLUDED.kind, "
                             "beds = EXCLUDED.beds, last_imported = now()",
                             {f.uuid, f.name, f.prefecture, f.kind, beds, bundle.publicKey});
        !s)
        return fail(fmt::format("facility {}: {}", f.uuid, s.error()));

    // Which of the bundle's assessments the store has already (one query for all of them): those
    // are left as they are, unless they are another facility's.
    std::string uuids = "{";
    for (const auto& a : bundle.assessments) uuids += (uuids.size() > 1 ? "," : "") + a.uuid;
    uuids += "}";
    auto owners = m_impl->run("SELECT uuid::text, facility::text FROM assessments WHERE uuid = ANY($1::uuid[])", {uuids});
    if (!owners) return fail(owners.error());
    std::map<std::string, std::string> ownerOf;
    for (int i = 0; i < PQntuples(owners->get()); ++i) ownerOf[PQgetvalue(owners->get(), i, 0)] = PQgetvalue(owners->get(), i, 1);
    CopyRows assessments, answers, results, domains;
    for (const auto& a : bundle.assessments) {
        if (auto owner = ownerOf.find(a.uuid); owner != ownerOf.end()) {
            if (owner->second != f.uuid)
                return fail(fmt::format("{}.uuid: assessment {} belongs to another facility in this region", a.record, a.uuid));
            ++outcome.assessmentsPresent;
            continue;
        }
        assessments.append(a.assessment);
        answers.append(a.answers);
        results.append(a.result);
        domains.append(a.domains);
        ++outcome.assessmentsAdded;
    }
    // Written with COPY, in the order the foreign keys need; a refused row names its record.
    if (auto s = m_impl->copy("assessments(uuid, facility, questionnaire, version, status, created_at, completed_at)", assessments); !s)
        return fail(s.error());
    if (auto s = m_impl->copy("answers(assessment, question, value, skipped, answered_at)", answers); !s) return fail(s.error());
    if (auto s = m_impl->copy("results(assessment, facility, computed_at, decision, overall, expected_tier, achieved_tier, essential_gaps, "
                              "staff_both, single_person_skills, result_json)",
                              results);
        !s)
        return fail(s.error());
    if (auto s = m_impl->copy("result_domains(assessment, domain, score)", domains); !s) return fail(s.error());
    if (auto s = m_impl->run("INSERT INTO imports(bundle_sha256, facility, added) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                             {bundle.sha256, f.uuid, std::to_string(outcome.assessmentsAdded)});
        !s)
        return fail(s.error());
    if (auto s = m_impl->exec("COMMIT"); !s) return Error{s.error()};
    return outcome;
}

Result<std::vector<RankedFacility>> RegionStore::rank() {
    auto version = schemaVersion();
    if (!version) return Error{version.error()};
    if (*version != latestRegionSchema())
        return Error{fmt::format("the regional database has schema {}; run `region init` first (this kiosk reads {})", *version,
                                 latestRegionSchema())};
    auto rows = m_impl->run(R"sql(
WITH latest AS (
    SELECT DISTINCT ON (a.facility) a.facility, r.decision, r.essential_gaps, r.overall, r.staff_both, r.single_person_skills,
           a.completed_at
    FROM assessments a JOIN results r ON r.assessment = a.uuid
    ORDER BY a.facility, a.completed_at DESC NULLS LAST, r.computed_at DESC NULLS LAST
), counts AS (
    SELECT facility, count(*) AS results FROM results GROUP BY facility
)
SELECT f.uuid, f.name, f.prefecture, f.kind, f.beds, coalesce(l.decision, ''), coalesce(l.essential_gaps, 0), coalesce(l.overall, 0),
       coalesce(to_char(l.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''), coalesce(l.staff_both, 0),
       coalesce(l.single_person_skills, 0), coalesce(c.results, 0)
FROM facilities f
LEFT JOIN latest l ON l.facility = f.uuid
LEFT JOIN counts c ON c.facility = f.uuid
ORDER BY CASE l.decision WHEN 'urgent' THEN 0 WHEN 'recommended' THEN 1 WHEN 'consider' THEN 2 WHEN 'not_needed' THEN 3 ELSE 4 END,
         l.essential_gaps DESC NULLS LAST, l.completed_at ASC NULLS FIRST, f.name, f.uuid
)sql");
    if (!rows) return Error{rows.error()};
    std::vector<RankedFacility> out;
    PGresult* r = rows->get();
    for (int i = 0; i < PQntuples(r); ++i) {
        RankedFacility f;
        f.rank = i + 1;
        f.uuid = PQgetvalue(r, i, 0);
        f.name = PQgetvalue(r, i, 1);
        f.prefecture = PQgetvalue(r, i, 2);
        f.kind = PQgetvalue(r, i, 3);
        if (!PQgetisnull(r, i, 4)) f.beds = std::stoi(PQgetvalue(r, i, 4));
        f.decision = PQgetvalue(r, i, 5);
        f.essentialGaps = std::stoi(PQgetvalue(r, i, 6));
        f.overall = std::stod(PQgetvalue(r, i, 7));
        f.lastAssessed = PQgetvalue(r, i, 8);
        f.staffBoth = std::stoi(PQgetvalue(r, i, 9));
        f.singlePersonSkills = std::stoi(PQgetvalue(r, i, 10));
        f.results = std::stoi(PQgetvalue(r, i, 11));
        out.push_back(std::move(f));
    }
    return out;
}

Result<std::vector<DomainScore>> RegionStore::latestDomainScores() {
    auto rows = m_impl->run(R"sql(
WITH latest AS (
    SELECT DISTINCT ON (a.facility) a.facility, a.uuid
    FROM assessments a JOIN results r ON r.assessment = a.uuid
    ORDER BY a.facility, a.completed_at DESC NULLS LAST, r.computed_at DESC NULLS LAST
)
SELECT l.facility, d.domain, d.score FROM latest l JOIN result_domains d ON d.assessment = l.uuid ORDER BY l.facility, d.domain
)sql");
    if (!rows) return Error{rows.error()};
    std::vector<DomainScore> out;
    PGresult* r = rows->get();
    for (int i = 0; i < PQntuples(r); ++i) out.push_back({PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), std::stod(PQgetvalue(r, i, 2))});
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>> RegionStore::latestResults() {
    auto rows = m_impl->run(R"sql(
SELECT DISTINCT ON (a.facility) a.facility, r.result_json
FROM assessments a JOIN results r ON r.assessment = a.uuid
ORDER BY a.facility, a.completed_at DESC NULLS LAST, r.computed_at DESC NULLS LAST
)sql");
    if (!rows) return Error{rows.error()};
    std::vector<std::pair<std::string, std::string>> out;
    PGresult* r = rows->get();
    for (int i = 0; i < PQntuples(r); ++i) out.emplace_back(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
    return out;
}

Result<std::vector<TrendPoint>> RegionStore::trend(const std::string& facility) {
    if (!isUuid(facility)) return Error{fmt::format("'{}' is not a facility's UUID", facility)};
    auto rows = m_impl->run(R"sql(
SELECT coalesce(to_char(a.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''), r.decision, r.overall, r.essential_gaps
FROM results r JOIN assessments a ON a.uuid = r.assessment
WHERE r.facility = $1
ORDER BY a.completed_at NULLS FIRST, r.computed_at
)sql",
                            {facility});
    if (!rows) return Error{rows.error()};
    std::vector<TrendPoint> out;
    PGresult* r = rows->get();
    for (int i = 0; i < PQntuples(r); ++i)
        out.push_back({PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), std::stod(PQgetvalue(r, i, 2)), std::stoi(PQgetvalue(r, i, 3))});
    return out;
}

}  // namespace kiosk::region
