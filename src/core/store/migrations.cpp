// Schema history. Never edit a published migration: add the next one.
#include "store/migrations.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "store/database.hpp"

namespace kiosk::store {

namespace {

// Fills the tables of migration 7 for every row of `results` (a table or a subquery with the
// columns assessment_uuid and result_json).
std::string indexResults(std::string_view results) {
    return fmt::format(R"sql(
INSERT INTO result_items(assessment_uuid, position, item_id, domain, critical, score, action_ja, action_en)
    SELECT r.assessment_uuid, i.key, json_extract(i.value, '$.id'), ifnull(json_extract(i.value, '$.domain'), ''),
           ifnull(json_extract(i.value, '$.critical'), 0), json_extract(i.value, '$.score'),
           CASE WHEN ifnull(json_extract(i.value, '$.action.ja'), '') || ifnull(json_extract(i.value, '$.action.en'), '') = ''
                THEN ifnull(json_extract(i.value, '$.text.ja'), '') ELSE ifnull(json_extract(i.value, '$.action.ja'), '') END,
           CASE WHEN ifnull(json_extract(i.value, '$.action.ja'), '') || ifnull(json_extract(i.value, '$.action.en'), '') = ''
                THEN ifnull(json_extract(i.value, '$.text.en'), '') ELSE ifnull(json_extract(i.value, '$.action.en'), '') END
    FROM {0} r, json_each(r.result_json, '$.items') i;
UPDATE result_items SET gap_rank = g.rank
    FROM (SELECT r.assessment_uuid, g.value AS item_id, g.key + 1 AS rank FROM {0} r, json_each(r.result_json, '$.gaps') g) g
    WHERE result_items.assessment_uuid = g.assessment_uuid AND result_items.item_id = g.item_id;
INSERT INTO result_domains(assessment_uuid, position, domain_id, name_ja, name_en, score)
    SELECT r.assessment_uuid, d.key, json_extract(d.value, '$.id'), ifnull(json_extract(d.value, '$.name.ja'), ''),
           ifnull(json_extract(d.value, '$.name.en'), ''), ifnull(json_extract(d.value, '$.score'), 0)
    FROM {0} r, json_each(r.result_json, '$.scores.domains') d;
INSERT INTO result_summaries
    SELECT r.assessment_uuid, ifnull(json_extract(r.result_json, '$.decision_name.ja'), ''),
           ifnull(json_extract(r.result_json, '$.decision_name.en'), ''), ifnull(json_extract(r.result_json, '$.tier.expected'), ''),
           ifnull(json_extract(r.result_json, '$.tier.expected_name.ja'), ''), ifnull(json_extract(r.result_json, '$.tier.expected_name.en'), ''),
           ifnull(json_extract(r.result_json, '$.tier.achieved'), ''), ifnull(json_extract(r.result_json, '$.tier.achieved_name.ja'), ''),
           ifnull(json_extract(r.result_json, '$.tier.achieved_name.en'), ''), ifnull(json_extract(r.result_json, '$.scores.overall'), 0),
           ifnull(json_array_length(r.result_json, '$.gaps'), 0)
    FROM {0} r;
)sql",
                       results);
}

std::string migration7() {
    return R"sql(
CREATE TABLE result_items (
    assessment_uuid TEXT NOT NULL REFERENCES results(assessment_uuid) ON DELETE CASCADE,
    position        INTEGER NOT NULL,  -- order in the result (the questionnaire's)
    item_id         TEXT NOT NULL,
    domain          TEXT NOT NULL,
    critical        INTEGER NOT NULL,
    score           REAL,              -- NULL: not applicable
    gap_rank        INTEGER,           -- 1 for the first gap in priority order; NULL: in place
    action_ja       TEXT NOT NULL,     -- how the gap is listed: its action, or its question in results older than actions
    action_en       TEXT NOT NULL,
    PRIMARY KEY (assessment_uuid, item_id)
) WITHOUT ROWID;

CREATE TABLE result_domains (
    assessment_uuid TEXT NOT NULL REFERENCES results(assessment_uuid) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    domain_id       TEXT NOT NULL,
    name_ja         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    score           REAL NOT NULL,
    PRIMARY KEY (assessment_uuid, domain_id)
) WITHOUT ROWID;

CREATE TABLE result_summaries (
    assessment_uuid  TEXT PRIMARY KEY REFERENCES results(assessment_uuid) ON DELETE CASCADE,
    decision_ja      TEXT NOT NULL,
    decision_en      TEXT NOT NULL,
    expected_tier    TEXT NOT NULL,
    expected_tier_ja TEXT NOT NULL,
    expected_tier_en TEXT NOT NULL,
    achieved_tier    TEXT NOT NULL,
    achieved_tier_ja TEXT NOT NULL,
    achieved_tier_en TEXT NOT NULL,
    overall          REAL NOT NULL,  -- as the result shows it (rounded to a tenth); results.overall is unrounded
    gaps             INTEGER NOT NULL
);
)sql" + indexResults("results") +
           "CREATE TRIGGER results_indexed AFTER INSERT ON results\nBEGIN" +
           indexResults("(SELECT NEW.assessment_uuid AS assessment_uuid, NEW.result_json AS result_json)") + "END;\n";
}

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::string seven = migration7();
    static const std::vector<Migration> list{
        {1, R"sql(
CREATE TABLE questionnaire_snapshots (
    content_hash     TEXT PRIMARY KEY,
    questionnaire_id TEXT NOT NULL,
    version          TEXT NOT NULL,
    source           TEXT NOT NULL,
    stored_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE assessments (
    uuid                  TEXT PRIMARY KEY,
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    content_hash          TEXT NOT NULL REFERENCES questionnaire_snapshots(content_hash),
    status                TEXT NOT NULL CHECK (status IN ('in_progress', 'completed')),
    language              TEXT NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    completed_at          TEXT
);
CREATE INDEX assessments_by_status ON assessments(status, updated_at);

CREATE TABLE answers (
    assessment_uuid TEXT NOT NULL REFERENCES assessments(uuid) ON DELETE CASCADE,
    question_id     TEXT NOT NULL,
    value           TEXT,
    skipped         INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    answered_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (assessment_uuid, question_id)
);
)sql"},
        {2, R"sql(
CREATE TABLE results (
    assessment_uuid TEXT PRIMARY KEY REFERENCES assessments(uuid) ON DELETE CASCADE,
    profile_uuid    TEXT REFERENCES assessments(uuid),
    engine_version  INTEGER NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('not_needed', 'consider', 'recommended', 'urgent')),
    overall         REAL NOT NULL,
    computed_at     TEXT NOT NULL,
    result_json     TEXT NOT NULL
);
)sql"},
        {3, R"sql(
CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    employment TEXT NOT NULL CHECK (employment IN ('full_time', 'part_time', 'external')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE qualifications (
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    qualification TEXT NOT NULL,
    obtained_on   TEXT,
    renewal_due   TEXT,
    registered    INTEGER NOT NULL DEFAULT 1 CHECK (registered IN (0, 1)),
    PRIMARY KEY (person_id, qualification)
);

CREATE TABLE skill_snapshots (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    taken_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    source            TEXT NOT NULL CHECK (source IN ('kiosk', 'admin', 'import')),
    assessment_uuid   TEXT REFERENCES assessments(uuid),
    experience_years  INTEGER NOT NULL DEFAULT 0,
    healthcare_course INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX skill_snapshots_by_person ON skill_snapshots(person_id, taken_at);

CREATE TABLE skill_levels (
    snapshot_id INTEGER NOT NULL REFERENCES skill_snapshots(id) ON DELETE CASCADE,
    skill_id    TEXT NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    PRIMARY KEY (snapshot_id, skill_id)
);
)sql"},
        // An assessment in progress can be discarded (kept with its answers, no longer resumed),
        // and two people may share a name (they are told apart by id). SQLite can change neither
        // a CHECK nor a UNIQUE constraint, so both tables are rebuilt: every row is copied (rowids
        // and ids too) and the old table replaced; the tables that refer to them do so by name
        // and stay valid (migrate() checks them before committing). People's ids are never
        // reused from now on (AUTOINCREMENT), as exports carry them.
        {4, R"sql(
CREATE TABLE assessments_v4 (
    uuid                  TEXT PRIMARY KEY,
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    content_hash          TEXT NOT NULL REFERENCES questionnaire_snapshots(content_hash),
    status                TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'discarded')),
    language              TEXT NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    completed_at          TEXT,
    discarded_at          TEXT
);
INSERT INTO assessments_v4(rowid, uuid, questionnaire_id, questionnaire_version, content_hash, status, language,
                           created_at, updated_at, completed_at)
    SELECT rowid, uuid, questionnaire_id, questionnaire_version, content_hash, status, language,
           created_at, updated_at, completed_at
    FROM assessments;
DROP TABLE assessments;
ALTER TABLE assessments_v4 RENAME TO assessments;
CREATE INDEX assessments_by_status ON assessments(status, updated_at);

CREATE TABLE people_v4 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    employment TEXT NOT NULL CHECK (employment IN ('full_time', 'part_time', 'external')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO people_v4(id, name, role, department, employment, created_at)
    SELECT id, name, role, department, employment, created_at FROM people;
DROP TABLE people;
ALTER TABLE people_v4 RENAME TO people;
CREATE INDEX people_by_name ON people(name);
)sql"},
        // The audit trail, PINs, and the history of answers.
        // audit_log: append-only (triggers refuse UPDATE and DELETE), each row chained to the one
        // before by SHA-256 (see audit_log.hpp); AUTOINCREMENT keeps the highest number ever given
        // out, so rows removed from the end are found too. auth_roles: a role's Argon2id PIN hash,
        // failed attempts and lock, kept across restarts. answer_versions: every value an answer has
        // had, filled by triggers on answers, so every query of the current answer is unchanged;
        // each answer already stored becomes its first version.
        {5, R"sql(
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('staff', 'trainer', 'auditor', 'admin', 'system')),
    event         TEXT NOT NULL,
    subject       TEXT NOT NULL DEFAULT '',
    details       TEXT NOT NULL DEFAULT '{}',
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be deleted');
END;

CREATE TABLE auth_roles (
    role         TEXT PRIMARY KEY CHECK (role IN ('trainer', 'auditor', 'admin')),
    pin_hash     TEXT,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    lockouts     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE answer_versions (
    assessment_uuid TEXT NOT NULL REFERENCES assessments(uuid),
    question_id     TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    value           TEXT,
    skipped         INTEGER NOT NULL CHECK (skipped IN (0, 1)),
    answered_at     TEXT NOT NULL,
    PRIMARY KEY (assessment_uuid, question_id, version)
);
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
    SELECT assessment_uuid, question_id, 1, value, skipped, answered_at FROM answers;
CREATE TRIGGER answers_first_version AFTER INSERT ON answers
BEGIN
    INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
    VALUES (NEW.assessment_uuid, NEW.question_id,
            (SELECT COALESCE(MAX(version), 0) + 1 FROM answer_versions
             WHERE assessment_uuid = NEW.assessment_uuid AND question_id = NEW.question_id),
            NEW.value, NEW.skipped, NEW.answered_at);
END;
CREATE TRIGGER answers_next_version AFTER UPDATE OF value, skipped ON answers
WHEN OLD.value IS NOT NEW.value OR OLD.skipped IS NOT NEW.skipped
BEGIN
    INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
    VALUES (NEW.assessment_uuid, NEW.question_id,
            (SELECT COALESCE(MAX(version), 0) + 1 FROM answer_versions
             WHERE assessment_uuid = NEW.assessment_uuid AND question_id = NEW.question_id),
            NEW.value, NEW.skipped, NEW.answered_at);
END;
CREATE TRIGGER answer_versions_no_update BEFORE UPDATE ON answer_versions
BEGIN
    SELECT RAISE(ABORT, 'the history of answers cannot be changed');
END;
CREATE TRIGGER answer_versions_no_delete BEFORE DELETE ON answer_versions
BEGIN
    SELECT RAISE(ABORT, 'the history of answers cannot be deleted');
END;
)sql"},
        // The improvement plan: for each gap of a scored assessment, who sees to it, by when, how
        // far it has come and a note; set by the admin or an auditor (each change audited). One
        // entry per assessment and measure; the target date is a real day (YYYY-MM-DD) or unset.
        {6, R"sql(
CREATE TABLE plan_items (
    assessment_uuid TEXT NOT NULL REFERENCES assessments(uuid) ON DELETE CASCADE,
    item_id         TEXT NOT NULL CHECK (length(item_id) BETWEEN 1 AND 200),
    owner           TEXT NOT NULL DEFAULT '' CHECK (length(owner) <= 100),
    target_date     TEXT CHECK (target_date IS NULL OR date(target_date, '+0 days') IS target_date),
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (assessment_uuid, item_id)
);
)sql"},
        // What a table of results reads from each stored result, kept beside its JSON so that a
        // listing or a CSV export of thousands of results does not parse each one whole: the score
        // and gap priority of every measure, the score of every domain, and the decision's and
        // tiers' names. Filled from the result's JSON when it is stored (a result never changes
        // afterwards), by the same statements for the results stored before.
        {7, seven},
        // Workshop sessions (a trainer's session of exercises, with a short code participants
        // type), the participants who joined one (a nickname or anonymous code, unique in the
        // session, and when they consented), and their runs: each run is an assessment of an
        // exercise, before (pre) or after (post) the workshop's teaching.
        {8, R"sql(
CREATE TABLE workshop_sessions (
    uuid         TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 12),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    mode         TEXT NOT NULL CHECK (mode IN ('individual', 'team')),
    explanations TEXT NOT NULL CHECK (explanations IN ('each_decision', 'at_end')),
    phase        TEXT NOT NULL DEFAULT 'pre' CHECK (phase IN ('pre', 'post')),  -- of the runs begun now
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    closed_at    TEXT,
    improvements TEXT NOT NULL DEFAULT '' CHECK (length(improvements) <= 4000)
);

CREATE TABLE workshop_exercises (
    session_uuid TEXT NOT NULL REFERENCES workshop_sessions(uuid) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    exercise_id  TEXT NOT NULL,
    PRIMARY KEY (session_uuid, position),
    UNIQUE (session_uuid, exercise_id)
);

CREATE TABLE workshop_participants (
    uuid         TEXT PRIMARY KEY,
    session_uuid TEXT NOT NULL REFERENCES workshop_sessions(uuid) ON DELETE CASCADE,
    code         TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    consented_at TEXT NOT NULL,
    UNIQUE (session_uuid, code)
);

CREATE TABLE workshop_runs (
    assessment_uuid  TEXT PRIMARY KEY REFERENCES assessments(uuid) ON DELETE CASCADE,
    participant_uuid TEXT NOT NULL REFERENCES workshop_participants(uuid) ON DELETE CASCADE,
    exercise_id      TEXT NOT NULL,
    phase            TEXT NOT NULL CHECK (phase IN ('pre', 'post'))
);
CREATE INDEX workshop_runs_by_participant ON workshop_runs(participant_uuid);
)sql"},
        // The external-advisor directory: one row per advisor as a list published them, told apart
        // by source and registration number (or name and prefecture); lists are ';'-separated ids,
        // qualifications 'id=YYYY-MM-DD' pairs. And which people of the skill matrix agreed to
        // appear in the directory the facility publishes for its region.
        {9, R"sql(
CREATE TABLE advisors (
    id                  INTEGER PRIMARY KEY,
    entry_key           TEXT NOT NULL UNIQUE,
    source              TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 400),
    registration_number TEXT NOT NULL DEFAULT '' CHECK (length(registration_number) <= 12),
    registered_on       TEXT,
    last_course_on      TEXT,
    qualifications      TEXT NOT NULL DEFAULT '',
    courses             TEXT NOT NULL DEFAULT '',
    experience_years    INTEGER NOT NULL DEFAULT 0 CHECK (experience_years BETWEEN 0 AND 60),
    experience_kind     TEXT NOT NULL DEFAULT '',
    prefecture          TEXT NOT NULL DEFAULT '',
    serves              TEXT NOT NULL DEFAULT '',
    days_per_month      INTEGER CHECK (days_per_month BETWEEN 0 AND 31),
    support_mode        TEXT NOT NULL DEFAULT '',
    menus               TEXT NOT NULL DEFAULT '',
    skills              TEXT NOT NULL DEFAULT '',
    affiliation         TEXT NOT NULL DEFAULT '',
    side_work           INTEGER CHECK (side_work IN (0, 1)),
    contact             TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200),
    confirmed_on        TEXT,
    imported_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX advisors_by_source ON advisors(source);

CREATE TABLE directory_consent (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    agreed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
)sql"},
        // The facility the kiosk's database belongs to (one row): every assessment, result and person
        // in it is the facility's. A database made before gets one facility with a new random UUID
        // (version 4) and no name yet; the administrator names it.
        {10, R"sql(
CREATE TABLE facility (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    name       TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    prefecture TEXT NOT NULL DEFAULT '' CHECK (prefecture = '' OR length(prefecture) = 2),
    kind       TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'hospital', 'clinic_beds', 'clinic_no_beds')),
    beds       INTEGER CHECK (beds BETWEEN 0 AND 5000),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO facility(id, uuid) VALUES (1,
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
    substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
)sql"},
        // Fewer pages written for every answer saved and fewer read for every answer exported. The
        // answers and their history are kept in the order of their keys alone (WITHOUT ROWID: one
        // B-tree each, not a table and an index), their rows and triggers unchanged; the index of
        // assessments by status and time goes, as no query used it (the lists sort a scan) while
        // every answer rewrote an entry of it.
        {11, R"sql(
DROP TRIGGER answers_first_version;
DROP TRIGGER answers_next_version;
CREATE TABLE answers_v11 (
    assessment_uuid TEXT NOT NULL REFERENCES assessments(uuid) ON DELETE CASCADE,
    question_id     TEXT NOT NULL,
    value           TEXT,
    skipped         INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    answered_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (assessment_uuid, question_id)
) WITHOUT ROWID;
INSERT INTO answers_v11 SELECT assessment_uuid, question_id, value, skipped, answered_at FROM answers;
DROP TABLE answers;
ALTER TABLE answers_v11 RENAME TO answers;
CREATE TABLE answer_versions_v11 (
    assessment_uuid TEXT NOT NULL REFERENCES assessments(uuid),
    question_id     TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    value           TEXT,
    skipped         INTEGER NOT NULL CHECK (skipped IN (0, 1)),
    answered_at     TEXT NOT NULL,
    PRIMARY KEY (assessment_uuid, question_id, version)
) WITHOUT ROWID;
INSERT INTO answer_versions_v11 SELECT assessment_uuid, question_id, version, value, skipped, answered_at FROM answer_versions;
DROP TABLE answer_versions;
ALTER TABLE answer_versions_v11 RENAME TO answer_versions;
CREATE TRIGGER answers_first_version AFTER INSERT ON answers
BEGIN
    INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
    VALUES (NEW.assessment_uuid, NEW.question_id,
            (SELECT COALESCE(MAX(version), 0) + 1 FROM answer_versions
             WHERE assessment_uuid = NEW.assessment_uuid AND question_id = NEW.question_id),
            NEW.value, NEW.skipped, NEW.answered_at);
END;
CREATE TRIGGER answers_next_version AFTER UPDATE OF value, skipped ON answers
WHEN OLD.value IS NOT NEW.value OR OLD.skipped IS NOT NEW.skipped
BEGIN
    INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
    VALUES (NEW.assessment_uuid, NEW.question_id,
            (SELECT COALESCE(MAX(version), 0) + 1 FROM answer_versions
             WHERE assessment_uuid = NEW.assessment_uuid AND question_id = NEW.question_id),
            NEW.value, NEW.skipped, NEW.answered_at);
END;
CREATE TRIGGER answer_versions_no_update BEFORE UPDATE ON answer_versions
BEGIN
    SELECT RAISE(ABORT, 'the history of answers cannot be changed');
END;
CREATE TRIGGER answer_versions_no_delete BEFORE DELETE ON answer_versions
BEGIN
    SELECT RAISE(ABORT, 'the history of answers cannot be deleted');
END;
DROP INDEX assessments_by_status;
)sql"},
        // An answer is written once: its current value is its latest version, so the answers are a
        // view of their history instead of a second table the history copies. An answer whose time
        // or value the history does not show (the same value given again later) becomes one more
        // version; one whose time was moved back (synthetic regions) moves its latest version too.
        // The history's values, order and presence stay unchangeable; its times can be moved, as
        // the answers' could. The index of the audit log by time goes: no query used it (the
        // list's optional bounds are checked row by row) while every row written updated it.
        {12, R"sql(
DROP TRIGGER answers_first_version;
DROP TRIGGER answers_next_version;
DROP TRIGGER answer_versions_no_update;
CREATE TABLE answers_v12 AS
    SELECT a.assessment_uuid, a.question_id, a.value, a.skipped, a.answered_at,
           v.version, v.value AS version_value, v.skipped AS version_skipped, v.answered_at AS version_answered_at
    FROM answers a
    LEFT JOIN answer_versions v ON v.assessment_uuid = a.assessment_uuid AND v.question_id = a.question_id
        AND v.version = (SELECT MAX(version) FROM answer_versions w
                         WHERE w.assessment_uuid = a.assessment_uuid AND w.question_id = a.question_id);
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
    SELECT assessment_uuid, question_id, COALESCE(version, 0) + 1, value, skipped, answered_at FROM answers_v12
    WHERE version IS NULL OR value IS NOT version_value OR skipped IS NOT version_skipped OR answered_at > version_answered_at;
UPDATE answer_versions SET answered_at = (
        SELECT l.answered_at FROM answers_v12 l
        WHERE l.assessment_uuid = answer_versions.assessment_uuid AND l.question_id = answer_versions.question_id)
    WHERE EXISTS (SELECT 1 FROM answers_v12 l
                  WHERE l.assessment_uuid = answer_versions.assessment_uuid AND l.question_id = answer_versions.question_id
                    AND l.version = answer_versions.version AND l.value IS l.version_value AND l.skipped IS l.version_skipped
                    AND l.answered_at < l.version_answered_at);
DROP TABLE answers_v12;
DROP TABLE answers;
CREATE VIEW answers AS
    SELECT assessment_uuid, question_id, value, skipped, answered_at FROM answer_versions AS v
    WHERE NOT EXISTS (SELECT 1 FROM answer_versions AS later
                      WHERE later.assessment_uuid = v.assessment_uuid AND later.question_id = v.question_id
                        AND later.version > v.version);
CREATE TRIGGER answer_versions_no_update BEFORE UPDATE OF assessment_uuid, question_id, version, value, skipped ON answer_versions
BEGIN
    SELECT RAISE(ABORT, 'the history of answers cannot be changed');
END;
DROP INDEX audit_log_by_time;
)sql"},
    };
    return list;
}

int latestSchemaVersion() { return migrations().back().version; }

namespace {

// Rows that refer to a row that is not there, as PRAGMA foreign_key_check lists them.
Result<std::vector<std::string>> danglingReferences(Database& db) {
    Statement check(db, "PRAGMA foreign_key_check");
    std::vector<std::string> found;
    for (;;) {
        auto row = check.step();
        if (!row) return Error{row.error()};
        if (!*row) return found;
        found.push_back(fmt::format("a row of {} (rowid {}) refers to a missing row of {}", check.text(0), check.text(1), check.text(2)));
    }
}

Status migrateSteps(Database& db, int upTo) {
    // One transaction for every step: a database is either migrated all the way or not at all.
    Transaction tx(db);
    if (!tx.began()) return tx.beginStatus();
    const int from = db.userVersion();
    auto danglingBefore = danglingReferences(db);
    if (!danglingBefore) return Error{danglingBefore.error()};
    for (const Migration& m : migrations()) {
        if (upTo >= 0 && m.version > upTo) break;
        if (from >= m.version) continue;
        if (auto s = db.exec(m.sql); !s) return Error{fmt::format("schema migration {} failed: {}", m.version, s.error())};
        // A rebuilt table must leave every reference as valid as it found it.
        auto dangling = danglingReferences(db);
        if (!dangling) return Error{fmt::format("schema migration {} failed: {}", m.version, dangling.error())};
        if (dangling->size() > danglingBefore->size())
            return Error{fmt::format("schema migration {} failed: {}", m.version, dangling->front())};
        if (auto s = db.exec(fmt::format("PRAGMA user_version = {}", m.version)); !s) return s;
    }
    return tx.commit();
}

}  // namespace

Status migrate(Database& db, int upTo) {
    // Migrations that rebuild a table drop the old one; with foreign keys enforced, that would
    // delete every row that refers to it (ON DELETE CASCADE). As SQLite's procedure for changing
    // a table prescribes, enforcement is off while migrating (it can only be switched outside a
    // transaction) and foreign_key_check proves each step left every reference intact.
    bool enforced = false;
    {
        Statement s(db, "PRAGMA foreign_keys");
        auto row = s.step();
        if (!row) return Error{row.error()};
        enforced = *row && s.integer(0) != 0;
    }
    if (enforced) {
        if (sqlite3_get_autocommit(db.handle()) == 0) return Error{"the schema cannot be migrated inside a transaction"};
        if (auto s = db.exec("PRAGMA foreign_keys = OFF"); !s) return s;
    }
    auto migrated = migrateSteps(db, upTo);
    if (enforced)
        if (auto s = db.exec("PRAGMA foreign_keys = ON"); !s && migrated) return s;
    return migrated;
}

}  // namespace kiosk::store
