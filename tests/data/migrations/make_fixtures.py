#!/usr/bin/env python3
"""Writes one fixture of the migration tests, schemaN.sql: a small kiosk database of schema N.

The fixture is a plain SQL script that reproduces a database as kiosk versions with that schema
wrote it (tests/core/test_migrations.cpp loads every schema*.sql here, opens it with today's code
and checks that nothing was lost).

A FIXTURE IS HISTORY. Once a newer schema exists, schemaN.sql is never edited or regenerated: the
databases out there were written by the old code and stay as they are. For a new migration M, add
a fixture instead:
  1. copy migration M from src/core/store/migrations.cpp into MIGRATIONS below, literally;
  2. add the rows of its new tables to rows() (for `version >= M`), keeping every earlier row;
  3. add the era of versions with schema M to ERAS;
  4. build today's kiosk and run  python3 tests/data/migrations/make_fixtures.py M --kiosk build/src/app/medsec-kiosk
The script refuses to overwrite an existing fixture.

How the committed fixtures were made (standard library only; the old versions built from a copy
of their commit, which leaves the checkout alone):
  python3 tests/data/migrations/make_fixtures.py 1
  mkdir -p /tmp/k2 && git archive dceb0ca | tar -x -C /tmp/k2 && cmake -S /tmp/k2 -B /tmp/k2/build && cmake --build /tmp/k2/build --target medsec-kiosk
  python3 tests/data/migrations/make_fixtures.py 2 --kiosk /tmp/k2/build/src/app/medsec-kiosk
  mkdir -p /tmp/k3 && git archive 6d74e35 | tar -x -C /tmp/k3 && ... (the same)
  python3 tests/data/migrations/make_fixtures.py 3 --kiosk /tmp/k3/build/src/app/medsec-kiosk
  python3 tests/data/migrations/make_fixtures.py 4 --kiosk build/src/app/medsec-kiosk   (the kiosk of its day, the first with schema 4)
  python3 tests/data/migrations/make_fixtures.py 5 --kiosk build/src/app/medsec-kiosk   (the kiosk of its day, the first with schema 5)
  python3 tests/data/migrations/make_fixtures.py 6 --kiosk build/src/app/medsec-kiosk   (the kiosk of its day, the first with schema 6)
  python3 tests/data/migrations/make_fixtures.py 7 --kiosk build/src/app/medsec-kiosk   (the kiosk of its day, the first with schema 7)
  python3 tests/data/migrations/make_fixtures.py 8 --kiosk build/src/app/medsec-kiosk   (the kiosk of its day, the first with schema 8)
  python3 tests/data/migrations/make_fixtures.py 9 --kiosk build/src/app/medsec-kiosk   (the kiosk of its day, the first with schema 9)
  python3 tests/data/migrations/make_fixtures.py 10 --kiosk build/src/app/medsec-kiosk  (the kiosk of its day, the first with schema 10)
  python3 tests/data/migrations/make_fixtures.py 11 --kiosk build/src/app/medsec-kiosk  (the kiosk of its day, the first with schema 11)
  python3 tests/data/migrations/make_fixtures.py 12 --kiosk build/src/app/medsec-kiosk  (the kiosk of its day, the first with schema 12)

What every fixture holds (the test relies on it, so a new fixture keeps all of it):
  - the questionnaire snapshot of tests/data/good/tiny.toml (its text frozen below, with its sha256);
  - assessment COMPLETED (ja): has_backup=yes, backup_tested=no, note in Japanese;
  - assessment IN_PROGRESS (en): has_backup=yes, note skipped, backup_tested not yet answered;
  - schema >= 2: the stored result of COMPLETED: what `medsec-kiosk score --answers
    tests/data/scenarios/clinic_19_beds.json --json` of the last kiosk version of that schema
    printed, with assessment and computed_at filled in as the scoring service stores them, and cut
    to the essential and unknown measures (the whole result is 125 KB; migrations never look
    inside result_json). Kiosk results point at a security-measures assessment and a profile; here
    it is attached to the tiny assessment, without a profile (profile_uuid may be NULL);
  - schema >= 3: three people with Japanese names, qualifications with and without dates, two
    skill snapshots of one person (the newer one with other levels), one of another;
  - schema >= 4: assessment DISCARDED (ja): has_backup=no, set aside before it was finished; two
    more people who share one name (ids 4 and 5), one with a qualification and a skill snapshot;
  - schema >= 5: IN_PROGRESS's has_backup was first answered no and then changed to yes (two
    versions, the current answer the latest); an audit log of five rows whose hash chain holds
    (the admin PIN set at the first run, a failed and a good sign-in, person 5 edited, sign-out);
    the admin PIN 258036 and the trainer PIN 741852 as Argon2id hashes, the trainer with two
    failed attempts and one earlier lockout;
  - schema >= 6: COMPLETED's improvement plan: its result's first gap in progress (an owner in
    Japanese, target date 2026-09-30, a note of two lines), its second gap planned with nothing else.
  - schema >= 7: nothing more is inserted: the result's items, domains and summary are filled by
    the trigger of migration 7 when the result row is inserted, as the kiosk fills them.
  - schema >= 8: a workshop session (code K7MPQ2, ransomware_night then vpn_advisory, team mode,
    explanations at the end, now in its post phase) with one participant who joined under the nickname 「さくら」.
  - schema >= 9: one advisor of the registered source (a fictional sample) and person 1's consent to
    appear in the published directory.
  - schema >= 10: the facility record as the administrator named it (migration 10 creates the row
    with a random UUID; the fixture replaces it with a fixed one).
  - schema >= 12: the same answers, written as the kiosk writes them since: each one the latest
    version of its question in answer_versions (answers is a view of them).
"""

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

# The kiosk versions (commits) that wrote each schema, first and last.
ERAS = {
    1: ("04dd0e1", "1721a5a"),
    2: ("bbfdfb2", "dceb0ca"),
    3: ("152367c", "6d74e35"),
    4: ("after 38a555d", "4147180"),
    5: ("after 4147180", "afb3918"),
    6: ("after afb3918", "b30bedf"),
    7: ("after b30bedf", "f38dac5"),
    8: ("after f38dac5", "3f462ce"),
    9: ("after 3f462ce", "8e72450"),
    10: ("after 8e72450", "6e522d4"),
    11: ("after 6e522d4", "43af974"),
    12: ("after 43af974", None),  # the newest schema: no last version yet
}

# The migrations exactly as they were published. Frozen here on purpose: the fixtures reproduce the
# databases old versions wrote, whatever happens to migrations.cpp later.
MIGRATIONS = {
    1: """
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
""",
    2: """
CREATE TABLE results (
    assessment_uuid TEXT PRIMARY KEY REFERENCES assessments(uuid) ON DELETE CASCADE,
    profile_uuid    TEXT REFERENCES assessments(uuid),
    engine_version  INTEGER NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('not_needed', 'consider', 'recommended', 'urgent')),
    overall         REAL NOT NULL,
    computed_at     TEXT NOT NULL,
    result_json     TEXT NOT NULL
);
""",
    3: """
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
""",
    4: """
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
""",
    5: """CREATE TABLE audit_log (
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
""",
    6: """
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
""",
    7: """
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
""",
    8: """
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
""",
    9: """
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
""",
    10: """
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
""",
    11: """
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
""",
    12: """
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
""",
}

# tests/data/good/tiny.toml as the assessments stored it (frozen: the stored copy never changes).
TINY_TOML = """[questionnaire]
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
"""
TINY_HASH = hashlib.sha256(TINY_TOML.encode("utf-8")).hexdigest()

WORKSHOP = "9b2f4c71-3d8e-4a05-b6c1-7e2d90a4f813"
PARTICIPANT = "1c6e8d20-5f47-4b93-8a2e-c40b7f91d356"
COMPLETED = "3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34"
IN_PROGRESS = "a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10"
DISCARDED = "6c1e2f9a-3b7d-4a05-9e48-d2f17a6b0c83"
JAPANESE_NOTE = "停電時は紙カルテに切り替えます。手順書は医事課の棚にあります。"
PLAN_NOTE = "事業者と日程を調整中。\n予算は来年度に計上。"
RESULT_COMPUTED_AT = "2026-03-02T05:41:07.204Z"
SCENARIO = os.path.join(REPO, "tests", "data", "scenarios", "clinic_19_beds.json")


def literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + value.replace("'", "''") + "'"


def insert(table, row):
    columns = ", ".join(row)
    values = ", ".join(literal(v) for v in row.values())
    # The facility's row is made by migration 10 itself: the fixture's takes its place.
    verb = "INSERT OR REPLACE" if table == "facility" else "INSERT"
    return f"{verb} INTO {table}({columns}) VALUES({values});"


# PINs as the kiosk stores them (libsodium crypto_pwhash_str, Argon2id, interactive limits): the
# admin's is 258036, the trainer's 741852. Frozen: a hash has a random salt.
AUTH_ROLES = [
    dict(role="admin", pin_hash="$argon2id$v=19$m=65536,t=2,p=1$EqH86NPWsALT6huDRWktzw$GbtN/NAFf8eH9ANZ7Y5yexwJbBdLfS/NFLa3lVt7T74",
         failures=0, locked_until=None, lockouts=0),
    dict(role="trainer", pin_hash="$argon2id$v=19$m=65536,t=2,p=1$tL7+l10S7joul8Api3xaCg$6QRnHP9h0hgnxooBiA1d/sOH+JfMJobTxsw2/DUK3qs",
         failures=2, locked_until=None, lockouts=1),
]

# (time, role, event, subject, details) of the audit log, in order.
AUDIT_EVENTS = [
    ("2026-04-01T00:10:02.511Z", "staff", "auth.pin_set", "admin", {"replaced": False, "was_locked": False}),
    ("2026-04-01T00:11:40.093Z", "staff", "auth.failed", "admin", {"attempts_left": 4}),
    ("2026-04-01T00:11:47.620Z", "admin", "auth.signed_in", "admin", {}),
    ("2026-04-01T00:13:05.318Z", "admin", "person.edited", "5", {"snapshot": False, "source": "admin"}),
    ("2026-04-01T00:14:51.007Z", "admin", "auth.signed_out", "admin", {}),
]


def canonical_row(seq, at, role, event, subject, details):
    """The canonical row of src/core/store/audit_log.hpp: [seq, at, role, event, subject, details]."""
    return json.dumps([seq, at, role, event, subject, details], ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def audit_rows():
    """AUDIT_EVENTS as rows of audit_log, each hash chained to the one before."""
    out, previous = [], "0" * 64
    for seq, (at, role, event, subject, details) in enumerate(AUDIT_EVENTS, start=1):
        digest = hashlib.sha256((previous + canonical_row(seq, at, role, event, subject, details)).encode("utf-8")).hexdigest()
        out.append(dict(seq=seq, at=at, role=role, event=event, subject=subject,
                        details=json.dumps(details, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                        previous_hash=previous, hash=digest))
        previous = digest
    return out


def rows(version, result_json):
    """(table, row) in the order the kiosk wrote them; a newer schema keeps every earlier row."""
    out = [
        ("questionnaire_snapshots", dict(content_hash=TINY_HASH, questionnaire_id="tiny", version="1.0.0",
                                         source=TINY_TOML, stored_at="2026-02-16T00:58:12.031Z")),
        ("assessments", dict(uuid=COMPLETED, questionnaire_id="tiny", questionnaire_version="1.0.0",
                             content_hash=TINY_HASH, status="completed", language="ja",
                             created_at="2026-02-16T00:58:12.031Z", updated_at="2026-02-16T01:04:55.870Z",
                             completed_at="2026-02-16T01:04:55.870Z")),
        ("answers", dict(assessment_uuid=COMPLETED, question_id="has_backup", value="yes", skipped=0,
                         answered_at="2026-02-16T00:58:40.512Z")),
        ("answers", dict(assessment_uuid=COMPLETED, question_id="backup_tested", value="no", skipped=0,
                         answered_at="2026-02-16T00:59:03.118Z")),
        ("answers", dict(assessment_uuid=COMPLETED, question_id="note", value=JAPANESE_NOTE, skipped=0,
                         answered_at="2026-02-16T01:03:47.926Z")),
        ("assessments", dict(uuid=IN_PROGRESS, questionnaire_id="tiny", questionnaire_version="1.0.0",
                             content_hash=TINY_HASH, status="in_progress", language="en",
                             created_at="2026-02-18T06:12:30.447Z", updated_at="2026-02-18T06:13:52.009Z",
                             completed_at=None)),
        ("answers", dict(assessment_uuid=IN_PROGRESS, question_id="has_backup", value="yes", skipped=0,
                         answered_at="2026-02-18T06:12:41.760Z")),
        # Skipped from the overview before backup_tested was answered: no value, as the kiosk stores it.
        ("answers", dict(assessment_uuid=IN_PROGRESS, question_id="note", value=None, skipped=1,
                         answered_at="2026-02-18T06:13:52.009Z")),
    ]
    if version >= 2:
        result = json.loads(result_json)
        out.append(("results", dict(assessment_uuid=COMPLETED, profile_uuid=None,
                                    engine_version=result["engine_version"], decision=result["decision"],
                                    overall=result["scores"]["overall"], computed_at=RESULT_COMPUTED_AT,
                                    result_json=result_json)))
    if version >= 3:
        out += [
            ("people", dict(id=1, name="佐藤 花子", role="it_department", department="医療情報部",
                            employment="full_time", created_at="2026-01-09T02:20:00.118Z")),
            ("qualifications", dict(person_id=1, qualification="hit", obtained_on=None, renewal_due=None,
                                    registered=1)),
            ("qualifications", dict(person_id=1, qualification="rissa", obtained_on="2024-10-01",
                                    renewal_due="2027-10-01", registered=1)),
            ("skill_snapshots", dict(id=1, person_id=1, taken_at="2026-01-09T02:20:00.118Z", source="import",
                                     assessment_uuid=None, experience_years=8, healthcare_course=1)),
            ("skill_levels", dict(snapshot_id=1, skill_id="skill_gov_rules", level=2)),
            ("skill_levels", dict(snapshot_id=1, skill_id="skill_bak_restore", level=2)),
            ("skill_levels", dict(snapshot_id=1, skill_id="skill_net_remote", level=1)),
            ("people", dict(id=2, name="鈴木 一郎", role="clinical_engineer", department="臨床工学室",
                            employment="part_time", created_at="2026-01-09T02:20:00.118Z")),
            ("qualifications", dict(person_id=2, qualification="sg", obtained_on="2022-12-20", renewal_due=None,
                                    registered=1)),
            ("skill_snapshots", dict(id=2, person_id=2, taken_at="2026-01-09T02:20:00.118Z", source="import",
                                     assessment_uuid=None, experience_years=3, healthcare_course=0)),
            ("skill_levels", dict(snapshot_id=2, skill_id="skill_gov_rules", level=1)),
            ("skill_levels", dict(snapshot_id=2, skill_id="skill_med_devices", level=3)),
            ("people", dict(id=3, name="山本 健太", role="other", department="",
                            employment="external", created_at="2026-02-20T08:02:45.300Z")),
            # Six weeks later an administrator records her progress: a second snapshot, the first kept.
            ("skill_snapshots", dict(id=3, person_id=1, taken_at="2026-02-20T07:55:31.640Z", source="admin",
                                     assessment_uuid=None, experience_years=9, healthcare_course=1)),
            ("skill_levels", dict(snapshot_id=3, skill_id="skill_gov_rules", level=3)),
            ("skill_levels", dict(snapshot_id=3, skill_id="skill_bak_restore", level=4)),
            ("skill_levels", dict(snapshot_id=3, skill_id="skill_net_remote", level=2)),
            ("skill_levels", dict(snapshot_id=3, skill_id="skill_inc_first_response", level=3)),
        ]
    if version >= 4:
        out += [
            # Begun at its first answer, then set aside (medsec-kiosk discard) instead of finished.
            ("assessments", dict(uuid=DISCARDED, questionnaire_id="tiny", questionnaire_version="1.0.0",
                                 content_hash=TINY_HASH, status="discarded", language="ja",
                                 created_at="2026-03-09T23:40:02.115Z", updated_at="2026-03-10T00:12:45.380Z",
                                 completed_at=None, discarded_at="2026-03-10T00:12:45.380Z")),
            ("answers", dict(assessment_uuid=DISCARDED, question_id="has_backup", value="no", skipped=0,
                             answered_at="2026-03-09T23:40:02.115Z")),
            # Two nurses with the same name in different wards: two people, told apart by id.
            ("people", dict(id=4, name="田中 美咲", role="nurse", department="外来",
                            employment="full_time", created_at="2026-03-11T01:15:20.004Z")),
            ("qualifications", dict(person_id=4, qualification="ip", obtained_on="2019-06-01", renewal_due=None,
                                    registered=1)),
            ("skill_snapshots", dict(id=4, person_id=4, taken_at="2026-03-11T01:15:20.004Z", source="admin",
                                     assessment_uuid=None, experience_years=2, healthcare_course=0)),
            ("skill_levels", dict(snapshot_id=4, skill_id="skill_gov_rules", level=1)),
            ("people", dict(id=5, name="田中 美咲", role="nurse", department="病棟 3階",
                            employment="part_time", created_at="2026-03-11T01:18:42.771Z")),
        ]
    if version >= 5:
        # The first value of an answer later changed: the kiosk's trigger wrote it as version 1 when
        # it was given, and the change (the answers row below it) became version 2.
        changed = out.index(("answers", dict(assessment_uuid=IN_PROGRESS, question_id="has_backup", value="yes", skipped=0,
                                             answered_at="2026-02-18T06:12:41.760Z")))
        out.insert(changed, ("answer_versions", dict(assessment_uuid=IN_PROGRESS, question_id="has_backup", version=1,
                                                     value="no", skipped=0, answered_at="2026-02-18T06:12:35.102Z")))
        out += [("auth_roles", row) for row in AUTH_ROLES]
        out += [("audit_log", row) for row in audit_rows()]
    if version >= 6:
        # The improvement plan of COMPLETED's result: its first gap with an owner, a target date and
        # a note, and its second only planned.
        gaps = json.loads(result_json)["gaps"]
        out += [
            ("plan_items", dict(assessment_uuid=COMPLETED, item_id=gaps[0], owner="医事課 佐藤", target_date="2026-09-30",
                                status="in_progress", note=PLAN_NOTE, updated_at="2026-04-02T01:20:11.406Z")),
            ("plan_items", dict(assessment_uuid=COMPLETED, item_id=gaps[1], owner="", target_date=None,
                                status="planned", note="", updated_at="2026-04-02T01:21:40.052Z")),
        ]
    if version >= 8:
        out += [
            ("workshop_sessions", dict(uuid=WORKSHOP, code="K7MPQ2", name="夜間対応研修 2026", mode="team",
                                       explanations="at_end", phase="post", created_at="2026-05-12T00:30:00.000Z", closed_at=None,
                                       improvements="")),
            ("workshop_exercises", dict(session_uuid=WORKSHOP, position=0, exercise_id="ransomware_night")),
            ("workshop_exercises", dict(session_uuid=WORKSHOP, position=1, exercise_id="vpn_advisory")),
            ("workshop_participants", dict(uuid=PARTICIPANT, session_uuid=WORKSHOP, code="さくら",
                                           consented_at="2026-05-12T00:41:09.512Z")),
        ]
    if version >= 9:
        out += [
            ("advisors", dict(id=1, entry_key="registered|#990001", source="registered", name="見本 一郎（架空）",
                              registration_number="990001", registered_on="2019-10-01", last_course_on="2025-06-20",
                              qualifications="hit=2022-09-01;senior_hit=2022-03-01", courses="", experience_years=12,
                              experience_kind="both", prefecture="13", serves="11;12;13;14", days_per_month=4,
                              support_mode="both", menus="checklist;incident", skills="skill_net_remote", affiliation="",
                              side_work=None, contact="ichiro@example.invalid", confirmed_on="2026-09-01",
                              imported_at="2026-11-27T08:00:00.000Z")),
            ("directory_consent", dict(person_id=1, agreed_at="2026-11-27T08:05:00.000Z")),
        ]
    if version >= 10:
        out += [
            ("facility", dict(id=1, uuid="6f1c2a9e-4b7d-4e21-9c3a-5d8e7f60a1b2", name="架空市立病院", prefecture="13",
                              kind="hospital", beds=199, created_at="2026-11-27T09:00:00.000Z", updated_at="2026-11-27T09:05:00.000Z")),
        ]
    if version >= 12:
        # The answers are a view of their history: every value, the current one too, is a version,
        # numbered from 1 in the order it was given.
        given = {}
        for i, (table, row) in enumerate(out):
            if table in ("answers", "answer_versions"):
                key = (row["assessment_uuid"], row["question_id"])
                given[key] = given.get(key, 0) + 1
                out[i] = ("answer_versions", dict(assessment_uuid=row["assessment_uuid"], question_id=row["question_id"],
                                                  version=given[key], value=row["value"], skipped=row["skipped"],
                                                  answered_at=row["answered_at"]))
    return out


def stored_result(score_output):
    """The result as the scoring service stores it (nlohmann's dump with indent 2: sorted keys),
    cut to the essential and unknown measures to keep the fixture small."""
    result = json.loads(score_output)
    result["assessment"] = COMPLETED
    result["profile_assessment"] = ""
    result["computed_at"] = RESULT_COMPUTED_AT
    result["items"] = [i for i in result["items"] if i["critical"] or i["unknown"]]
    kept = {i["id"] for i in result["items"]}
    result["gaps"] = [g for g in result["gaps"] if g in kept]
    return json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True)


def script(version, result_json):
    first, last = ERAS[version]
    era = f"kiosk versions {first} to {last} wrote it" if last else f"kiosk versions {first} write it"
    lines = [
        f"-- A medsec-kiosk database of schema {version}, as {era}.",
        "-- Made by make_fixtures.py in this folder; never edit it by hand, and never change it once a newer",
        "-- schema exists: add a fixture for the new schema instead.",
        "PRAGMA foreign_keys=OFF;",
        "BEGIN TRANSACTION;",
    ]
    for v in range(1, version + 1):
        lines.append(f"-- migration {v}")
        lines.append(MIGRATIONS[v].strip("\n"))
    lines.append("-- data")
    lines += [insert(table, row) for table, row in rows(version, result_json)]
    lines.append(f"PRAGMA user_version = {version};")
    lines.append("COMMIT;")
    lines.append("-- Every kiosk version switches its database to WAL when it opens it.")
    lines.append("PRAGMA journal_mode = WAL;")
    return "\n".join(lines) + "\n"


def check(version, text, result_json):
    """Loads the script as the test will and checks what the fixture promises."""
    db = sqlite3.connect(":memory:")
    db.executescript(text)
    problems = []
    if db.execute("PRAGMA user_version").fetchone()[0] != version:
        problems.append("user_version is not the fixture's schema")
    if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        problems.append("the database is not intact")
    if db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append("a row refers to a row that is not there")
    for content_hash, source in db.execute("SELECT content_hash, source FROM questionnaire_snapshots"):
        if hashlib.sha256(source.encode("utf-8")).hexdigest() != content_hash:
            problems.append("a questionnaire snapshot's content_hash is not the sha256 of its source")
    if version >= 2:
        for uuid, decision, overall, stored in db.execute("SELECT assessment_uuid, decision, overall, result_json FROM results"):
            result = json.loads(stored)
            if (result["assessment"], result["decision"], result["scores"]["overall"]) != (uuid, decision, overall):
                problems.append("the result row does not agree with its JSON")
    if version >= 5:
        previous = "0" * 64
        for seq, at, role, event, subject, details, link, digest in db.execute(
                "SELECT seq, at, role, event, subject, details, previous_hash, hash FROM audit_log ORDER BY seq"):
            row = canonical_row(seq, at, role, event, subject, json.loads(details))
            if link != previous or hashlib.sha256((previous + row).encode("utf-8")).hexdigest() != digest:
                problems.append(f"the audit log's chain breaks at row {seq}")
                break
            previous = digest
        latest = db.execute("""SELECT COUNT(*) FROM answers a WHERE NOT EXISTS (SELECT 1 FROM answer_versions v
                               WHERE v.assessment_uuid = a.assessment_uuid AND v.question_id = a.question_id
                                 AND v.value IS a.value AND v.skipped = a.skipped AND v.answered_at = a.answered_at
                                 AND v.version = (SELECT MAX(version) FROM answer_versions w
                                                  WHERE w.assessment_uuid = a.assessment_uuid AND w.question_id = a.question_id))""")
        if latest.fetchone()[0]:
            problems.append("an answer is not the latest of its versions")
    if problems:
        sys.exit(f"schema{version}.sql would be wrong: " + "; ".join(problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("schema", type=int, choices=sorted(MIGRATIONS), help="the schema version to write a fixture of")
    parser.add_argument("--kiosk", help="medsec-kiosk of the last version with this schema (for the stored result, schema >= 2)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing fixture (only while its schema is the newest)")
    args = parser.parse_args()

    path = os.path.join(HERE, f"schema{args.schema}.sql")
    if os.path.exists(path) and not args.force:
        sys.exit(f"{path} exists; a fixture is history and is not rewritten (see the top of this script)")
    result_json = None
    if args.schema >= 2:
        if not args.kiosk:
            sys.exit("schema 2 and later hold a stored result: give --kiosk, the medsec-kiosk that wrote that schema")
        score = subprocess.run([args.kiosk, "score", "--answers", SCENARIO, "--json"], check=True,
                               capture_output=True, text=True, encoding="utf-8")
        result_json = stored_result(score.stdout)
    text = script(args.schema, result_json)
    check(args.schema, text, result_json)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {path} ({len(text.encode('utf-8'))} bytes)")


if __name__ == "__main__":
    main()
