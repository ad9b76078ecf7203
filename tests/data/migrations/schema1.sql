-- A medsec-kiosk database of schema 1, as kiosk versions 04dd0e1 to 1721a5a wrote it.
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
INSERT INTO answers(assessment_uuid, question_id, value, skipped, answered_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'has_backup', 'yes', 0, '2026-02-16T00:58:40.512Z');
INSERT INTO answers(assessment_uuid, question_id, value, skipped, answered_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'backup_tested', 'no', 0, '2026-02-16T00:59:03.118Z');
INSERT INTO answers(assessment_uuid, question_id, value, skipped, answered_at) VALUES('3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34', 'note', '停電時は紙カルテに切り替えます。手順書は医事課の棚にあります。', 0, '2026-02-16T01:03:47.926Z');
INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, created_at, updated_at, completed_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'tiny', '1.0.0', '1b14a30ed76e3e7821d856f858a3d433cbc9766b0983440728776cdb75bf2914', 'in_progress', 'en', '2026-02-18T06:12:30.447Z', '2026-02-18T06:13:52.009Z', NULL);
INSERT INTO answers(assessment_uuid, question_id, value, skipped, answered_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'has_backup', 'yes', 0, '2026-02-18T06:12:41.760Z');
INSERT INTO answers(assessment_uuid, question_id, value, skipped, answered_at) VALUES('a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10', 'note', NULL, 1, '2026-02-18T06:13:52.009Z');
PRAGMA user_version = 1;
COMMIT;
-- Every kiosk version switches its database to WAL when it opens it.
PRAGMA journal_mode = WAL;
