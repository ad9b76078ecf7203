-- A medsec-kiosk database of schema 12, as kiosk versions after 43af974 write it.
-- Made by make_fixtures.py in this folder; never edit it by hand, and never change it once a newer
-- schema exists: add a fixture for the new schema instead.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
-- migration 1
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
-- migration 2
CREATE TABLE results (
    assessment_uuid TEXT PRIMARY KEY REFERENCES assessments(uuid) ON DELETE CASCADE,
    profile_uuid    TEXT REFERENCES assessments(uuid),
    engine_version  INTEGER NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('not_needed', 'consider', 'recommended', 'urgent')),
    overall         REAL NOT NULL,
    computed_at     TEXT NOT NULL,
    result_json     TEXT NOT NULL
);
-- migration 3
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
-- migration 4
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
-- migration 5
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
-- migration 6
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
-- migration 7
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

INSERT INTO result_items(assessment_uuid, position, item_id, domain, critical, score, action_ja, action_en)
    SELECT r.assessment_uuid, i.key, json_extract(i.value, '$.id'), ifnull(json_extract(i.value, '$.domain'), ''),
           ifnull(json_extract(i.value, '$.critical'), 0), json_extract(i.value, '$.score'),
           CASE WHEN ifnull(json_extract(i.value, '$.action.ja'), '') || ifnull(json_extract(i.value, '$.action.en'), '') = ''
                THEN ifnull(json_extract(i.value, '$.text.ja'), '') ELSE ifnull(json_extract(i.value, '$.action.ja'), '') END,
           CASE WHEN ifnull(json_extract(i.value, '$.action.ja'), '') || ifnull(json_extract(i.value, '$.action.en'), '') = ''
                THEN ifnull(json_extract(i.value, '$.text.en'), '') ELSE ifnull(json_extract(i.value, '$.action.en'), '') END
    FROM results r, json_each(r.result_json, '$.items') i;
UPDATE result_items SET gap_rank = g.rank
    FROM (SELECT r.assessment_uuid, g.value AS item_id, g.key + 1 AS rank FROM results r, json_each(r.result_json, '$.gaps') g) g
    WHERE result_items.assessment_uuid = g.assessment_uuid AND result_items.item_id = g.item_id;
INSERT INTO result_domains(assessment_uuid, position, domain_id, name_ja, name_en, score)
    SELECT r.assessment_uuid, d.key, json_extract(d.value, '$.id'), ifnull(json_extract(d.value, '$.name.ja'), ''),
           ifnull(json_extract(d.value, '$.name.en'), ''), ifnull(json_extract(d.value, '$.score'), 0)
    FROM results r, json_each(r.result_json, '$.scores.domains') d;
INSERT INTO result_summaries
    SELECT r.assessment_uuid, ifnull(json_extract(r.result_json, '$.decision_name.ja'), ''),
           ifnull(json_extract(r.result_json, '$.decision_name.en'), ''), ifnull(json_extract(r.result_json, '$.tier.expected'), ''),
           ifnull(json_extract(r.result_json, '$.tier.expected_name.ja'), ''), ifnull(json_extract(r.result_json, '$.tier.expected_name.en'), ''),
           ifnull(json_extract(r.result_json, '$.tier.achieved'), ''), ifnull(json_extract(r.result_json, '$.tier.achieved_name.ja'), ''),
           ifnull(json_extract(r.result_json, '$.tier.achieved_name.en'), ''), ifnull(json_extract(r.result_json, '$.scores.overall'), 0),
           ifnull(json_array_length(r.result_json, '$.gaps'), 0)
    FROM results r;
CREATE TRIGGER results_indexed AFTER INSERT ON results
BEGIN
INSERT INTO result_items(assessment_uuid, position, item_id, domain, critical, score, action_ja, action_en)
    SELECT r.assessment_uuid, i.key, json_extract(i.value, '$.id'), ifnull(json_extract(i.value, '$.domain'), ''),
           ifnull(json_extract(i.value, '$.critical'), 0), json_extract(i.value, '$.score'),
           CASE WHEN ifnull(json_extract(i.value, '$.action.ja'), '') || ifnull(json_extract(i.value, '$.action.en'), '') = ''
                THEN ifnull(json_extract(i.value, '$.text.ja'), '') ELSE ifnull(json_extract(i.value, '$.action.ja'), '') END,
           CASE WHEN ifnull(json_extract(i.value, '$.action.ja'), '') || ifnull(json_extract(i.value, '$.action.en'), '') = ''
                THEN ifnull(json_extract(i.value, '$.text.en'), '') ELSE ifnull(json_extract(i.value, '$.action.en'), '') END
    FROM (SELECT NEW.assessment_uuid AS assessment_uuid, NEW.result_json AS result_json) r, json_each(r.result_json, '$.items') i;
UPDATE result_items SET gap_rank = g.rank
    FROM (SELECT r.assessment_uuid, g.value AS item_id, g.key + 1 AS rank FROM (SELECT NEW.assessment_uuid AS assessment_uuid, NEW.result_json AS result_json) r, json_each(r.result_json, '$.gaps') g) g
    WHERE result_items.assessment_uuid = g.assessment_uuid AND result_items.item_id = g.item_id;
INSERT INTO result_domains(assessment_uuid, position, domain_id, name_ja, name_en, score)
    SELECT r.assessment_uuid, d.key, json_extract(d.value, '$.id'), ifnull(json_extract(d.value, '$.name.ja'), ''),
           ifnull(json_extract(d.value, '$.name.en'), ''), ifnull(json_extract(d.value, '$.score'), 0)
    FROM (SELECT NEW.assessment_uuid AS assessment_uuid, NEW.result_json AS result_json) r, json_each(r.result_json, '$.scores.domains') d;
INSERT INTO result_summaries
    SELECT r.assessment_uuid, ifnull(json_extract(r.result_json, '$.decision_name.ja'), ''),
           ifnull(json_extract(r.result_json, '$.decision_name.en'), ''), ifnull(json_extract(r.result_json, '$.tier.expected'), ''),
           ifnull(json_extract(r.result_json, '$.tier.expected_name.ja'), ''), ifnull(json_extract(r.result_json, '$.tier.expected_name.en'), ''),
           ifnull(json_extract(r.result_json, '$.tier.achieved'), ''), ifnull(json_extract(r.result_json, '$.tier.achieved_name.ja'), ''),
           ifnull(json_extract(r.result_json, '$.tier.achieved_name.en'), ''), ifnull(json_extract(r.result_json, '$.scores.overall'), 0),
           ifnull(json_array_length(r.result_json, '$.gaps'), 0)
    FROM (SELECT NEW.assessment_uuid AS assessment_uuid, NEW.result_json AS result_json) r;
END;
-- migration 8
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
-- migration 9
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
-- migration 10
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
-- migration 11
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
-- migration 12
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
-- data
INSERT INTO questionnaire_snapshots(content_hash, questionnaire_id, version, source, stored_at) VALUES('1b14a30ed76e3e7821d856f858a3d433cbc9766b0983440728776cdb75bf2914', 'tiny', '1.0.0', '[questionnaire]
id = "tiny"
version = "1.0.0"
kind = "sample"
title = { ja = "小さな例", en = "A tiny example" }
description = { ja = "書式の確認用です。", en = "For checking the format." }

[[sections]]
id = "main"
title = { ja = "本編", en = "Main" }

[[questions]]
id = "has_backup"
section = "main"
type = "yes_no"
text = { ja = "電子カルテのバックアップを取っていますか。", en = "Do you back up the electronic medical record?" }

[[questions]]
id = "backup_tested"
section = "main"
type = "yes_no"
text = { ja = "バックアップから戻せることを確かめましたか。", en = "Have you checked that the backup can be restored?" }
show_if = { all = [ { question = "has_backup", op = "equals", value = "yes" } ] }

[[questions]]
id = "note"
section = "main"
type = "text"
required = false
text = { ja = "補足があれば書いてください。", en = "Anything to add?" }
', '2026-02-16T00:58:12.031Z');
INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, created_at, updated_at, completed_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'tiny', '1.0.0', '1b14a30ed76e3e7821d856f858a3d433cbc9766b0983440728776cdb75bf2914', 'completed', 'ja', '2026-02-16T00:58:12.031Z', '2026-02-16T01:04:55.870Z', '2026-02-16T01:04:55.870Z');
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'has_backup', 1, 'yes', 0, '2026-02-16T00:58:40.512Z');
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'backup_tested', 1, 'no', 0, '2026-02-16T00:59:03.118Z');
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'note', 1, '停電時は紙カルテに切り替えます。手順書は医事課の棚にあります。', 0, '2026-02-16T01:03:47.926Z');
INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, created_at, updated_at, completed_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'tiny', '1.0.0', '1b14a30ed76e3e7821d856f858a3d433cbc9766b0983440728776cdb75bf2914', 'in_progress', 'en', '2026-02-18T06:12:30.447Z', '2026-02-18T06:13:52.009Z', NULL);
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'has_backup', 1, 'no', 0, '2026-02-18T06:12:35.102Z');
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'has_backup', 2, 'yes', 0, '2026-02-18T06:12:41.760Z');
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'note', 1, NULL, 1, '2026-02-18T06:13:52.009Z');
INSERT INTO results(assessment_uuid, profile_uuid, engine_version, decision, overall, computed_at, result_json) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', NULL, 2, 'urgent', 10.9, '2026-03-02T05:41:07.204Z', '{
  "actions": [
    {
      "id": "fix_critical",
      "text": {
        "en": "Start with the 5 essential measure(s) marked critical in the list of gaps",
        "ja": "まず、不足一覧で【重要】と示した欠かせない対策 5 項目に取り組む"
      }
    },
    {
      "id": "find_unknowns",
      "text": {
        "en": "Find out the 2 \"don''t know\" items, for example by asking your vendors",
        "ja": "「わからない」と答えた 2 項目を、事業者への問い合わせなどで確かめる"
      }
    },
    {
      "id": "second_person",
      "text": {
        "en": "Have at least two people share the security duties (one alone stops everything when away or leaving)",
        "ja": "情報セキュリティの役割を二人以上で担う（一人だけでは、その人の不在や退職で体制が止まる）"
      }
    },
    {
      "id": "keep_going",
      "text": {
        "en": "Repeat this self-assessment every year and check the change since last time",
        "ja": "年に一度この自己評価を繰り返し、前回からの変化を確かめる"
      }
    }
  ],
  "assessment": "3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34",
  "change": null,
  "computed_at": "2026-03-02T05:41:07.204Z",
  "decision": "urgent",
  "decision_name": {
    "en": "Seek external support urgently",
    "ja": "早急に外部の支援を"
  },
  "engine_version": 2,
  "gaps": [
    "inv_device_ledger",
    "net_remote_maintenance_known",
    "bak_offline_generations",
    "inc_contact_and_downtime_plan",
    "ven_responsibility_split",
    "ven_mds_sds"
  ],
  "items": [
    {
      "action": {
        "en": "Appoint a person responsible for information-system safety and tell staff and vendors",
        "ja": "医療情報システム安全管理責任者を任命し、その氏名を職員と事業者に知らせる"
      },
      "answer": "done",
      "answer_label": {
        "en": "In place",
        "ja": "実施している"
      },
      "critical": true,
      "csf": "GV",
      "domain": "governance",
      "help": {
        "en": "When nobody is clearly in charge, both prevention and incident response tend to be put off. It is also the first item the MHLW checklist asks about. It is \"in place\" when the person is named in a letter of appointment or the organisation chart, and staff and vendors know to go to them.",
        "ja": "責任者が決まっていないと、対策もインシデント対応も後回しになりがちです。厚生労働省のチェックリストで最初に確認される項目でもあります。辞令や組織図で氏名が示され、職員や事業者がその人に相談できる状態なら「実施している」です。"
      },
      "id": "gov_safety_officer",
      "in_place": true,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト（令和7年度版） 1",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 経営管理編 3"
      ],
      "score": 100.0,
      "text": {
        "en": "Have you appointed a person responsible for information-system safety (医療情報システム安全管理責任者) and made this known to staff?",
        "ja": "医療情報システム安全管理責任者を決め、院内に周知していますか。"
      },
      "unknown": false,
      "weight": 3.0
    },
    {
      "action": {
        "en": "Keep an inventory of servers, terminal PCs and network devices, updated at each change",
        "ja": "サーバー・端末PC・ネットワーク機器の台帳を作り、機器の入れ替えのたびに直す"
      },
      "answer": "not_done",
      "answer_label": {
        "en": "Not in place",
        "ja": "実施していない"
      },
      "critical": true,
      "csf": "ID",
      "domain": "inventory",
      "help": {
        "en": "If you do not know what you have, you can neither protect it nor work out how far an attack has spread. The inventory is also the starting point for finding missed security patches and devices that are out of support. It is \"in place\" when each device is listed with its location, purpose, OS and version, and the vendor who looks after it, and the list is updated whenever equipment changes.",
        "ja": "何があるかが分からなければ、守ることも、攻撃を受けた範囲を調べることもできません。台帳は、セキュリティパッチの適用漏れやサポートが切れた機器を見つける出発点にもなります。機器ごとに設置場所、用途、OSとバージョン、管理する事業者が書かれ、機器を入れ替えるたびに更新していれば「実施している」です。"
      },
      "id": "inv_device_ledger",
      "in_place": false,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト（令和7年度版） 2",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 システム運用編"
      ],
      "score": 0.0,
      "text": {
        "en": "Do you keep an up-to-date inventory (台帳) of your servers, terminal PCs and network devices?",
        "ja": "サーバー、端末PC、ネットワーク機器の台帳を作り、最新の状態に保っていますか。"
      },
      "unknown": false,
      "weight": 3.0
    },
    {
      "action": {
        "en": "Ask each vendor which devices remote maintenance uses, list them, and keep them patched",
        "ja": "リモート保守に使う機器を事業者ごとに確かめて台帳に載せ、セキュリティパッチを当てる"
      },
      "answer": "unknown",
      "answer_label": {
        "en": "Don''t know",
        "ja": "わからない"
      },
      "critical": true,
      "csf": "ID",
      "domain": "network",
      "help": {
        "en": "In ransomware incidents at Japanese hospitals, a vulnerability in a VPN appliance used for remote maintenance has been the way in. Devices installed by a vendor may not even be known inside the hospital. It is \"in place\" when you have asked every vendor whether they use remote maintenance and through which devices, added those devices to the inventory, and regularly check that their security patches are applied.",
        "ja": "国内の病院のランサムウェア被害では、リモート保守に使うVPN装置の脆弱性が侵入口になった例があります。事業者が設置した機器は、院内でその存在が知られていないこともあります。すべての事業者にリモート保守の有無と使う機器を確認して台帳に載せ、セキュリティパッチの適用状況を定期的に確かめていれば「実施している」です。"
      },
      "id": "net_remote_maintenance_known",
      "in_place": false,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト（令和7年度版） 2",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 企画管理編 9.1",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 システム運用編 10.1"
      ],
      "score": 0.0,
      "text": {
        "en": "Have you asked your vendors which devices are reached by remote maintenance, and are those devices (VPN appliances and the like) kept patched?",
        "ja": "リモート保守で外部からつながる機器を事業者に確認し、その機器（VPN装置など）にセキュリティパッチを適用していますか。"
      },
      "unknown": true,
      "weight": 3.0
    },
    {
      "action": {
        "en": "Back up key data in generations, keep one copy off the network, and test a restore",
        "ja": "重要データを複数世代バックアップし、一つをネットワークから離して保管し、復元を試す"
      },
      "answer": "partly",
      "answer_label": {
        "en": "Partly in place",
        "ja": "一部実施"
      },
      "critical": true,
      "csf": "PR",
      "domain": "backup",
      "help": {
        "en": "Ransomware can encrypt even backups that are connected to the network. With several generations and one copy kept off the network, you can go back to the state before the attack. It is \"in place\" when backups are made by more than one method, at least one copy is offline, and you have a record of actually trying a restore.",
        "ja": "ランサムウェアは、ネットワークにつながっているバックアップまで暗号化することがあります。複数の世代を持ち、一つをネットワークから切り離しておけば、攻撃を受ける前の状態に戻せます。複数の方式でバックアップを取り、少なくとも一つがオフラインにあり、実際に復元を試した記録があれば「実施している」です。"
      },
      "id": "bak_offline_generations",
      "in_place": false,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト（令和7年度版） 3",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 経営管理編 3.4.1",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 企画管理編 11.2",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 システム運用編 11.1",
        "厚生労働省 令和6年度診療報酬改定 診療録管理体制加算"
      ],
      "score": 50.0,
      "text": {
        "en": "Do you keep several generations of backups of important data, with at least one copy kept off the network, and have you confirmed that you can restore from them?",
        "ja": "重要なデータのバックアップを世代ごとに取り、少なくとも一つはネットワークから切り離して保管し、復元できることを確かめていますか。"
      },
      "unknown": false,
      "weight": 3.0
    },
    {
      "action": {
        "en": "Prepare a contact chart that includes MHLW and the police, and paper procedures for care",
        "ja": "厚生労働省や警察も含めた連絡体制図と、紙で診療を続ける手順を用意する"
      },
      "answer": "not_done",
      "answer_label": {
        "en": "Not in place",
        "ja": "実施していない"
      },
      "critical": true,
      "csf": "RS",
      "domain": "incident",
      "help": {
        "en": "After an attack, the damage keeps spreading while people hesitate over whom to tell. Patient care cannot stop while the electronic medical record is unavailable. It is \"in place\" when the contacts, including MHLW and the police, are gathered in a single contact chart, and procedures for carrying on care with paper slips and record forms are ready.",
        "ja": "攻撃を受けたとき、誰に何を知らせるかで迷っている間にも被害は広がります。電子カルテが使えない間も、患者の診療は止められません。厚生労働省や警察を含む連絡先を一枚の連絡体制図にまとめ、紙の伝票や記録用紙で診療を続ける手順を用意していれば「実施している」です。"
      },
      "id": "inc_contact_and_downtime_plan",
      "in_place": false,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト（令和7年度版） 3",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 企画管理編 12",
        "厚生労働省 サイバー攻撃を想定した事業継続計画（BCP）策定の確認表（令和6年6月）"
      ],
      "score": 0.0,
      "text": {
        "en": "Have you set an incident contact list (staff, vendors, authorities, police) and a way of running the hospital while the systems are down?",
        "ja": "インシデントが起きたときの連絡体制（職員、事業者、行政、警察）と、システムが止まっている間の診療の進め方を決めていますか。"
      },
      "unknown": false,
      "weight": 3.0
    },
    {
      "action": {
        "en": "Put the division of responsibility for each system in writing, agreed by both sides",
        "ja": "システムごとに自院と事業者の責任分界を契約書や覚書に書き、双方で確かめる"
      },
      "answer": "not_done",
      "answer_label": {
        "en": "Not in place",
        "ja": "実施していない"
      },
      "critical": true,
      "csf": "GV",
      "domain": "vendors",
      "help": {
        "en": "If the division of responsibility is vague, each side assumes a task is the other''s job when an incident happens, and the response is delayed. You need to decide who does what for routine maintenance, security patches, backups, incident response and so on. It is \"in place\" when the contract or a memorandum sets out the roles for each system and both sides have confirmed it.",
        "ja": "責任分界があいまいだと、インシデントのときに互いに相手の仕事だと考えてしまい、対応が遅れます。普段の保守、セキュリティパッチ、バックアップ、インシデント対応などで、誰が何をするかを決めておく必要があります。契約書や覚書にシステムごとの役割分担が書かれ、双方が確認していれば「実施している」です。"
      },
      "id": "ven_responsibility_split",
      "in_place": false,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 経営管理編 5",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 企画管理編",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 システム運用編"
      ],
      "score": 0.0,
      "text": {
        "en": "For each system, have you agreed in writing how responsibility is divided between your facility and the vendor?",
        "ja": "システムごとに、自院と事業者の責任分界を文書で取り決めていますか。"
      },
      "unknown": false,
      "weight": 3.0
    },
    {
      "action": {
        "en": "Get an MDS/SDS disclosure for each main system and device; file it with the inventory",
        "ja": "主なシステムと医療機器の開示書（MDS/SDS）を事業者から受け取り、台帳と共に保管する"
      },
      "answer": "unknown",
      "answer_label": {
        "en": "Don''t know",
        "ja": "わからない"
      },
      "critical": false,
      "csf": "GV",
      "domain": "vendors",
      "help": {
        "en": "The disclosure statement shows what security features a product or service has, and what the hospital itself must do. The MHLW checklist also asks whether you have received it from your vendors. It is \"in place\" when you have disclosure statements for your main systems and medical devices and keep them with the inventory.",
        "ja": "開示書を読むと、その製品やサービスにどのようなセキュリティ機能があり、病院側で何をする必要があるかが分かります。チェックリストでも、事業者から開示書を受け取ることが確認項目になっています。主なシステムと医療機器について開示書を受け取り、台帳と一緒に保管していれば「実施している」です。"
      },
      "id": "ven_mds_sds",
      "in_place": false,
      "min_tier": "supported",
      "references": [
        "厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト（令和7年度版） 2",
        "厚生労働省 医療情報システムの安全管理に関するガイドライン 第6.0版 企画管理編"
      ],
      "score": 0.0,
      "text": {
        "en": "Have you obtained from your vendors the security disclosure statement for medical information (MDS/SDS)?",
        "ja": "事業者から「製造業者/サービス事業者による医療情報セキュリティ開示書」（MDS/SDS）を受け取っていますか。"
      },
      "unknown": true,
      "weight": 2.0
    }
  ],
  "profile_assessment": "",
  "provider": false,
  "provider_why": null,
  "questionnaires": {
    "measures": {
      "id": "security_measures",
      "sha256": "f388780b79c1e363e71f620c4e06ef4ebd89193d72f5eb3b8a6d2fd143394a29",
      "version": "1.0.0"
    },
    "profile": {
      "id": "facility_profile",
      "sha256": "e16933ffccb918fcca5cab4c2a98572abc6fd6f5407535bb9e7bd240bc180c62",
      "version": "1.0.0"
    }
  },
  "routes": [
    {
      "citation": "研究報告書 C 研究結果 2（行政・団体によるセキュリティアドバイザーの配置）; 研究報告書 E 結論",
      "description": {
        "en": "Get support from a security advisor placed or engaged by the prefecture, municipality or an association for facilities in the region.",
        "ja": "都道府県・市町村や団体が配置または連携するセキュリティアドバイザーに、地域の医療の枠組みの中で支援を受けます。"
      },
      "id": "regional_advisor",
      "in_place": false,
      "name": {
        "en": "Regional security advisor",
        "ja": "地域のセキュリティアドバイザー"
      },
      "reason": {
        "en": "For a facility of this size, keeping specialists in-house is hard; support within the region is the practical route where it is offered.",
        "ja": "院内で専門人材をそろえることが難しい規模の施設には、地域の支援を受けるのが現実的です（支援があるかどうかは地域によります）。"
      },
      "status": "proposed",
      "status_checked": "2026-11-24",
      "status_name": {
        "en": "proposed (no scheme yet)",
        "ja": "提案段階（まだ仕組みがない）"
      },
      "status_source": "研究報告書 C 研究結果 2（行政・団体によるアドバイザーの配置または連携は提案として記載）",
      "until_then": {
        "en": "Whether an advisor exists differs by region. Ask the prefecture''s healthcare department, or the regional medical or hospital association, what support is available.",
        "ja": "アドバイザーを置いているかどうかは地域によって異なります。都道府県の医療担当部署や地域の医師会・病院団体に、利用できる支援があるか問い合わせてください。"
      }
    },
    {
      "citation": "研究報告書 C 研究結果 2（MedCSC による人材登録と相談窓口の提案）",
      "description": {
        "en": "Use MedCSC''s registry of healthcare security personnel and its consultation desk for medical facilities.",
        "ja": "医療情報セキュリティ人材の登録と、医療機関向けの相談窓口を通じて、医療に詳しい人材や助言を得ます。"
      },
      "id": "medcsc",
      "in_place": false,
      "name": {
        "en": "Medical Cyber Security Council (MedCSC)",
        "ja": "医療サイバーセキュリティ協議会（MedCSC）"
      },
      "reason": {
        "en": "A consultation desk that knows healthcare would help find out the 2 \"don''t know\" items.",
        "ja": "医療分野に詳しい相談窓口があれば、「わからない」項目（2 件）の確かめ方を相談できます。"
      },
      "status": "proposed",
      "status_checked": "2026-11-24",
      "status_name": {
        "en": "proposed (no scheme yet)",
        "ja": "提案段階（まだ仕組みがない）"
      },
      "status_source": "研究報告書 C 研究結果 2（人材登録と医療機関向け相談窓口は案として記載）; MedCSC の現在の公表内容とは照合していない",
      "until_then": {
        "en": "The registry and consultation desk are proposals in the report and may not exist yet. Meanwhile, ask the regional medical association or the prefecture''s healthcare department whether there is somewhere to turn.",
        "ja": "人材登録と相談窓口は報告書の提案で、まだ用意されているとは限りません。それまでは、地域の医師会や都道府県の医療担当部署に、相談できる先があるか問い合わせてください。"
      }
    },
    {
      "citation": "研究報告書 C 研究結果 1（IPA 登録セキスペのアクティブリスト）; 研究報告書 D 考察（医療情報システムの知識の担保を検索条件に）",
      "description": {
        "en": "Search IPA''s planned active list of registered specialists, filtered for healthcare knowledge: 医療情報技師 or 上級医療情報技師 certification, experience renewing or operating hospital information systems, or a healthcare-specific specified course.",
        "ja": "IPA が整備を予定している登録セキスペのアクティブリストから探します。医療情報技師・上級医療情報技師の資格、病院情報システムの更新や運用の経験、医療分野の特定講習の受講を条件に絞り込みます。"
      },
      "id": "registered_specialist",
      "in_place": false,
      "name": {
        "en": "Registered Information Security Specialist",
        "ja": "登録セキスペ（情報処理安全確保支援士）"
      },
      "reason": {
        "en": "No one on the staff holds a security qualification, so a qualified specialist''s eye is needed.",
        "ja": "院内に情報セキュリティの資格を持つ職員がいないため、資格を持つ専門家の目が必要です。"
      },
      "status": "planned",
      "status_checked": "2026-11-24",
      "status_name": {
        "en": "planned (not yet available)",
        "ja": "計画段階（まだ利用できない）"
      },
      "status_source": "研究報告書 C 研究結果 1（IPA は令和7年度以降にアクティブリストの作成を予定）; IPA の現在の公表内容とは照合していない",
      "until_then": {
        "en": "Until the active list is public, ask each candidate directly for their 医療情報技師 or 上級医療情報技師 certificate and their experience renewing or running hospital information systems. Registration as a specialist can be checked in IPA''s register.",
        "ja": "アクティブリストが公開されるまでは、候補者本人に、医療情報技師・上級医療情報技師の資格と、病院情報システムの更新や運用の経験を直接確かめてください。登録セキスペであることは IPA の登録簿で確認できます。"
      }
    }
  ],
  "scores": {
    "domains": [
      {
        "applicable": 7,
        "id": "governance",
        "in_place": 1,
        "name": {
          "en": "Governance and roles",
          "ja": "体制と役割"
        },
        "score": 25.0,
        "target": 75.0
      },
      {
        "applicable": 5,
        "id": "inventory",
        "in_place": 0,
        "name": {
          "en": "Asset and system inventory",
          "ja": "資産とシステムの把握"
        },
        "score": 0.0,
        "target": 90.0
      },
      {
        "applicable": 7,
        "id": "access",
        "in_place": 1,
        "name": {
          "en": "Access and accounts",
          "ja": "アクセスとアカウント"
        },
        "score": 23.1,
        "target": 92.3
      },
      {
        "applicable": 6,
        "id": "network",
        "in_place": 0,
        "name": {
          "en": "Network and remote maintenance",
          "ja": "ネットワークとリモート保守"
        },
        "score": 0.0,
        "target": 81.8
      },
      {
        "applicable": 6,
        "id": "vulnerability",
        "in_place": 1,
        "name": {
          "en": "Vulnerability management",
          "ja": "脆弱性管理"
        },
        "score": 25.0,
        "target": 75.0
      },
      {
        "applicable": 5,
        "id": "backup",
        "in_place": 0,
        "name": {
          "en": "Backup and recovery",
          "ja": "バックアップと復旧"
        },
        "score": 16.7,
        "target": 88.9
      },
      {
        "applicable": 5,
        "id": "logging",
        "in_place": 0,
        "name": {
          "en": "Logging and monitoring",
          "ja": "ログと監視"
        },
        "score": 0.0,
        "target": 71.4
      },
      {
        "applicable": 6,
        "id": "incident",
        "in_place": 0,
        "name": {
          "en": "Incident response and continuity of care",
          "ja": "インシデント対応と診療継続"
        },
        "score": 0.0,
        "target": 90.9
      },
      {
        "applicable": 5,
        "id": "vendors",
        "in_place": 0,
        "name": {
          "en": "Vendors and division of responsibility",
          "ja": "事業者と責任分界"
        },
        "score": 0.0,
        "target": 100.0
      },
      {
        "applicable": 6,
        "id": "education",
        "in_place": 0,
        "name": {
          "en": "Education and training",
          "ja": "教育と訓練"
        },
        "score": 0.0,
        "target": 57.1
      },
      {
        "applicable": 5,
        "id": "medical_devices",
        "in_place": 0,
        "name": {
          "en": "Medical devices",
          "ja": "医療機器"
        },
        "score": 0.0,
        "target": 71.4
      }
    ],
    "functions": [
      {
        "applicable": 15,
        "id": "GV",
        "in_place": 1,
        "name": {
          "en": "Govern (GV)",
          "ja": "統治（GV）"
        },
        "score": 12.0,
        "target": 76.0
      },
      {
        "applicable": 12,
        "id": "ID",
        "in_place": 0,
        "name": {
          "en": "Identify (ID)",
          "ja": "識別（ID）"
        },
        "score": 0.0,
        "target": 81.0
      },
      {
        "applicable": 23,
        "id": "PR",
        "in_place": 2,
        "name": {
          "en": "Protect (PR)",
          "ja": "防御（PR）"
        },
        "score": 17.1,
        "target": 89.5
      },
      {
        "applicable": 5,
        "id": "DE",
        "in_place": 0,
        "name": {
          "en": "Detect (DE)",
          "ja": "検知（DE）"
        },
        "score": 0.0,
        "target": 71.4
      },
      {
        "applicable": 5,
        "id": "RS",
        "in_place": 0,
        "name": {
          "en": "Respond (RS)",
          "ja": "対応（RS）"
        },
        "score": 0.0,
        "target": 88.9
      },
      {
        "applicable": 3,
        "id": "RC",
        "in_place": 0,
        "name": {
          "en": "Recover (RC)",
          "ja": "復旧（RC）"
        },
        "score": 0.0,
        "target": 80.0
      }
    ],
    "next_tier": {
      "id": "self_reliant",
      "name": {
        "en": "Facility that can protect its own information systems",
        "ja": "自施設の情報システムを守ることができる医療機関"
      },
      "readiness": 0.0
    },
    "overall": 10.9,
    "overall_counts": "measures of the expected tier"
  },
  "staffing": {
    "both": 0,
    "duty_holders": 1,
    "expiring_people": 0,
    "if_lapsed": null,
    "knowledge": 0,
    "security": 0,
    "single_person_skills": [],
    "source": "profile",
    "uncovered_skills": []
  },
  "summary": {
    "en": "5 essential measures are not confirmed as in place, and no one on the staff understands both medical information systems and security.",
    "ja": "欠かせない対策のうち 5 項目が実施済みと確認できず、医療情報システムと情報セキュリティの両方がわかる職員がいません。"
  },
  "tier": {
    "achieved": "none",
    "achieved_name": {
      "en": "None yet",
      "ja": "未達"
    },
    "achieved_why": [
      {
        "citation": "研究報告書 A 研究目的（中小規模の医療機関における人材配置の難しさ）; 研究報告書 C 研究結果 2（行政・団体のセキュリティアドバイザーによる地域内施設の支援）",
        "inputs": [],
        "rule": "no_tier",
        "text": {
          "en": "Not even the basic tier''s measures (facility drawing on outside support) are in place yet.",
          "ja": "最も基本の水準（外部支援を活用する医療機関）の対策もまだそろっていません。"
        }
      },
      {
        "citation": "研究報告書 A 研究目的（中小規模の医療機関における人材配置の難しさ）; 研究報告書 C 研究結果 2（行政・団体のセキュリティアドバイザーによる地域内施設の支援）",
        "inputs": [
          {
            "name": "tier",
            "value": "supported"
          },
          {
            "name": "measures_applicable",
            "value": "45"
          },
          {
            "name": "measures_in_place",
            "value": "3"
          },
          {
            "name": "measure_tolerance",
            "value": "0.15"
          }
        ],
        "rule": "measures_below_tier",
        "text": {
          "en": "Does not reach the tier Facility that draws on outside support: 3 of its 45 measures are in place (up to 15% may be missing).",
          "ja": "外部支援を活用する医療機関の水準には届いていません：該当する対策 45 項目のうち実施済みは 3 項目です（不足は 15% まで）。"
        }
      }
    ],
    "expected": "supported",
    "expected_name": {
      "en": "Facility that draws on outside support",
      "ja": "外部支援を活用する医療機関"
    },
    "expected_why": [
      {
        "citation": "研究報告書 研究要旨（中小医療機関における人材確保の難しさ）; 研究報告書 C 研究結果 2（行政・団体のセキュリティアドバイザーによる地域内施設の支援）",
        "inputs": [
          {
            "name": "facility_kind",
            "value": "clinic_beds"
          }
        ],
        "rule": "clinic",
        "text": {
          "en": "This is a clinic. A clinic usually cannot have its own information systems staff, so the goal is to keep the basic measures going with outside support such as its vendors and regional security advisors.",
          "ja": "診療所です。情報システムの担当者を置くことは難しいのがふつうなので、事業者や地域のセキュリティアドバイザーなど外部の支援を活用しながら、基本の対策を続けることを目標とします。"
        }
      }
    ]
  },
  "why": [
    {
      "citation": "研究報告書 D 考察（医療機関外の情報セキュリティ人材の活用）; 厚生労働省 医療機関におけるサイバーセキュリティ対策チェックリスト",
      "inputs": [
        {
          "name": "critical_gaps",
          "value": "inv_device_ledger=not_done, net_remote_maintenance_known=unknown, bak_offline_generations=partly, inc_contact_and_downtime_plan=not_done, ven_responsibility_split=not_done"
        },
        {
          "name": "staff_both",
          "value": "0"
        },
        {
          "name": "urgent_critical_gaps",
          "value": "2"
        }
      ],
      "rule": "urgent_critical_gaps",
      "text": {
        "en": "5 essential measures are not confirmed as in place, and no one on the staff understands both medical information systems and security.",
        "ja": "欠かせない対策のうち 5 項目が実施済みと確認できず、医療情報システムと情報セキュリティの両方がわかる職員がいません。"
      }
    },
    {
      "citation": "研究報告書 D 考察（医療機関外の情報セキュリティ人材の活用）",
      "inputs": [
        {
          "name": "overall_score",
          "value": "11"
        },
        {
          "name": "urgent_score",
          "value": "40"
        },
        {
          "name": "staff_both",
          "value": "0"
        }
      ],
      "rule": "urgent_low_score",
      "text": {
        "en": "The measures score only 11 points, and no one on the staff understands both medical information systems and security.",
        "ja": "対策の達成度が 11 点と低く、医療情報システムと情報セキュリティの両方がわかる職員がいません。"
      }
    },
    {
      "citation": "研究報告書 D 考察（1名の情報セキュリティ人材の雇用では組織がその人材に頼らざるを得ず、退職後の体制が不安定になる）",
      "inputs": [
        {
          "name": "security_duty_holders",
          "value": "1"
        },
        {
          "name": "outside_help",
          "value": "none"
        }
      ],
      "rule": "single_person_dependency",
      "text": {
        "en": "One person alone carries the security work. When that person is away or leaves, security stops, and there is no outside help yet, so arrange a back-up to turn to.",
        "ja": "情報セキュリティの仕事を一人だけで受け持っています。その人が不在になったり辞めたりすると対策が止まり、外部の支援もまだないため、代わりに頼れる先を確保してください。"
      }
    },
    {
      "citation": "研究報告書 D 考察",
      "inputs": [
        {
          "name": "expected_tier",
          "value": "supported"
        },
        {
          "name": "achieved_tier",
          "value": "none"
        }
      ],
      "rule": "tier_gap",
      "text": {
        "en": "The measures have not reached the expected tier (Facility that draws on outside support). Consider closing the gaps, with outside advice where it helps.",
        "ja": "対策が、求められる水準（外部支援を活用する医療機関）に届いていません。足りない対策を、外部の助言も受けながら埋めることを考えてください。"
      }
    }
  ]
}');
INSERT INTO people(id, name, role, department, employment, created_at) VALUES(1, '佐藤 花子', 'it_department', '医療情報部', 'full_time', '2026-01-09T02:20:00.118Z');
INSERT INTO qualifications(person_id, qualification, obtained_on, renewal_due, registered) VALUES(1, 'hit', NULL, NULL, 1);
INSERT INTO qualifications(person_id, qualification, obtained_on, renewal_due, registered) VALUES(1, 'rissa', '2024-10-01', '2027-10-01', 1);
INSERT INTO skill_snapshots(id, person_id, taken_at, source, assessment_uuid, experience_years, healthcare_course) VALUES(1, 1, '2026-01-09T02:20:00.118Z', 'import', NULL, 8, 1);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(1, 'skill_gov_rules', 2);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(1, 'skill_bak_restore', 2);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(1, 'skill_net_remote', 1);
INSERT INTO people(id, name, role, department, employment, created_at) VALUES(2, '鈴木 一郎', 'clinical_engineer', '臨床工学室', 'part_time', '2026-01-09T02:20:00.118Z');
INSERT INTO qualifications(person_id, qualification, obtained_on, renewal_due, registered) VALUES(2, 'sg', '2022-12-20', NULL, 1);
INSERT INTO skill_snapshots(id, person_id, taken_at, source, assessment_uuid, experience_years, healthcare_course) VALUES(2, 2, '2026-01-09T02:20:00.118Z', 'import', NULL, 3, 0);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(2, 'skill_gov_rules', 1);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(2, 'skill_med_devices', 3);
INSERT INTO people(id, name, role, department, employment, created_at) VALUES(3, '山本 健太', 'other', '', 'external', '2026-02-20T08:02:45.300Z');
INSERT INTO skill_snapshots(id, person_id, taken_at, source, assessment_uuid, experience_years, healthcare_course) VALUES(3, 1, '2026-02-20T07:55:31.640Z', 'admin', NULL, 9, 1);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(3, 'skill_gov_rules', 3);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(3, 'skill_bak_restore', 4);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(3, 'skill_net_remote', 2);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(3, 'skill_inc_first_response', 3);
INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, created_at, updated_at, completed_at, discarded_at) VALUES('6c1e2f9a-3b7d-4a05-9e48-d2f17a6b0c83', 'tiny', '1.0.0', '1b14a30ed76e3e7821d856f858a3d433cbc9766b0983440728776cdb75bf2914', 'discarded', 'ja', '2026-03-09T23:40:02.115Z', '2026-03-10T00:12:45.380Z', NULL, '2026-03-10T00:12:45.380Z');
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at) VALUES('6c1e2f9a-3b7d-4a05-9e48-d2f17a6b0c83', 'has_backup', 1, 'no', 0, '2026-03-09T23:40:02.115Z');
INSERT INTO people(id, name, role, department, employment, created_at) VALUES(4, '田中 美咲', 'nurse', '外来', 'full_time', '2026-03-11T01:15:20.004Z');
INSERT INTO qualifications(person_id, qualification, obtained_on, renewal_due, registered) VALUES(4, 'ip', '2019-06-01', NULL, 1);
INSERT INTO skill_snapshots(id, person_id, taken_at, source, assessment_uuid, experience_years, healthcare_course) VALUES(4, 4, '2026-03-11T01:15:20.004Z', 'admin', NULL, 2, 0);
INSERT INTO skill_levels(snapshot_id, skill_id, level) VALUES(4, 'skill_gov_rules', 1);
INSERT INTO people(id, name, role, department, employment, created_at) VALUES(5, '田中 美咲', 'nurse', '病棟 3階', 'part_time', '2026-03-11T01:18:42.771Z');
INSERT INTO auth_roles(role, pin_hash, failures, locked_until, lockouts) VALUES('admin', '$argon2id$v=19$m=65536,t=2,p=1$EqH86NPWsALT6huDRWktzw$GbtN/NAFf8eH9ANZ7Y5yexwJbBdLfS/NFLa3lVt7T74', 0, NULL, 0);
INSERT INTO auth_roles(role, pin_hash, failures, locked_until, lockouts) VALUES('trainer', '$argon2id$v=19$m=65536,t=2,p=1$tL7+l10S7joul8Api3xaCg$6QRnHP9h0hgnxooBiA1d/sOH+JfMJobTxsw2/DUK3qs', 2, NULL, 1);
INSERT INTO audit_log(seq, at, role, event, subject, details, previous_hash, hash) VALUES(1, '2026-04-01T00:10:02.511Z', 'staff', 'auth.pin_set', 'admin', '{"replaced":false,"was_locked":false}', '0000000000000000000000000000000000000000000000000000000000000000', '61d975ebeee32199ff64e1de59bc388499e72816c6767ce69080d82484f9c51a');
INSERT INTO audit_log(seq, at, role, event, subject, details, previous_hash, hash) VALUES(2, '2026-04-01T00:11:40.093Z', 'staff', 'auth.failed', 'admin', '{"attempts_left":4}', '61d975ebeee32199ff64e1de59bc388499e72816c6767ce69080d82484f9c51a', '427aea0de5465875c87b0e9b5a6ce20e92a93ecda7b3a6cf547bb21bafaccf37');
INSERT INTO audit_log(seq, at, role, event, subject, details, previous_hash, hash) VALUES(3, '2026-04-01T00:11:47.620Z', 'admin', 'auth.signed_in', 'admin', '{}', '427aea0de5465875c87b0e9b5a6ce20e92a93ecda7b3a6cf547bb21bafaccf37', '26abb0fd4f4491905b9da5e86d06c5a4f9a747b6d9431dabe63c0087dde2a9f2');
INSERT INTO audit_log(seq, at, role, event, subject, details, previous_hash, hash) VALUES(4, '2026-04-01T00:13:05.318Z', 'admin', 'person.edited', '5', '{"snapshot":false,"source":"admin"}', '26abb0fd4f4491905b9da5e86d06c5a4f9a747b6d9431dabe63c0087dde2a9f2', '15516ba8b247a2a54c165a031baa048968eaafcb1d6590286b8cde825a27a0d7');
INSERT INTO audit_log(seq, at, role, event, subject, details, previous_hash, hash) VALUES(5, '2026-04-01T00:14:51.007Z', 'admin', 'auth.signed_out', 'admin', '{}', '15516ba8b247a2a54c165a031baa048968eaafcb1d6590286b8cde825a27a0d7', 'a5c286607a6d18f7a798a1c92c65ee3bd0e03a88f2b28d7230fcc2f3fe60867c');
INSERT INTO plan_items(assessment_uuid, item_id, owner, target_date, status, note, updated_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'inv_device_ledger', '医事課 佐藤', '2026-09-30', 'in_progress', '事業者と日程を調整中。
予算は来年度に計上。', '2026-04-02T01:20:11.406Z');
INSERT INTO plan_items(assessment_uuid, item_id, owner, target_date, status, note, updated_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'net_remote_maintenance_known', '', NULL, 'planned', '', '2026-04-02T01:21:40.052Z');
INSERT INTO workshop_sessions(uuid, code, name, mode, explanations, phase, created_at, closed_at, improvements) VALUES('9b2f4c71-3d8e-4a05-b6c1-7e2d90a4f813', 'K7MPQ2', '夜間対応研修 2026', 'team', 'at_end', 'post', '2026-05-12T00:30:00.000Z', NULL, '');
INSERT INTO workshop_exercises(session_uuid, position, exercise_id) VALUES('9b2f4c71-3d8e-4a05-b6c1-7e2d90a4f813', 0, 'ransomware_night');
INSERT INTO workshop_exercises(session_uuid, position, exercise_id) VALUES('9b2f4c71-3d8e-4a05-b6c1-7e2d90a4f813', 1, 'vpn_advisory');
INSERT INTO workshop_participants(uuid, session_uuid, code, consented_at) VALUES('1c6e8d20-5f47-4b93-8a2e-c40b7f91d356', '9b2f4c71-3d8e-4a05-b6c1-7e2d90a4f813', 'さくら', '2026-05-12T00:41:09.512Z');
INSERT INTO advisors(id, entry_key, source, name, registration_number, registered_on, last_course_on, qualifications, courses, experience_years, experience_kind, prefecture, serves, days_per_month, support_mode, menus, skills, affiliation, side_work, contact, confirmed_on, imported_at) VALUES(1, 'registered|#990001', 'registered', '見本 一郎（架空）', '990001', '2019-10-01', '2025-06-20', 'hit=2022-09-01;senior_hit=2022-03-01', '', 12, 'both', '13', '11;12;13;14', 4, 'both', 'checklist;incident', 'skill_net_remote', '', NULL, 'ichiro@example.invalid', '2026-09-01', '2026-11-27T08:00:00.000Z');
INSERT INTO directory_consent(person_id, agreed_at) VALUES(1, '2026-11-27T08:05:00.000Z');
INSERT OR REPLACE INTO facility(id, uuid, name, prefecture, kind, beds, created_at, updated_at) VALUES(1, '6f1c2a9e-4b7d-4e21-9c3a-5d8e7f60a1b2', '架空市立病院', '13', 'hospital', 199, '2026-11-27T09:00:00.000Z', '2026-11-27T09:05:00.000Z');
PRAGMA user_version = 12;
COMMIT;
-- Every kiosk version switches its database to WAL when it opens it.
PRAGMA journal_mode = WAL;
