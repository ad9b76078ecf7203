#!/usr/bin/env bash
# CSV export of many completed assessments against a baseline measured in the same run: the
# sqlite3 CLI writing the same rows (one per answer: assessment, questionnaire, version, status,
# completed at, question, value, skipped, answered at) with .mode csv from the same database.
# The kiosk's export also reads each assessment's stored questionnaire for the question texts and
# labels and each result's index (migration 7) for the scores, writes the results and plan files
# besides, hashes every byte it writes (SHA-256, for the audit log) and flushes the files to disk.
# Prints the median wall times of EXPORT_RUNS alternating runs (5), the bytes each wrote and the
# ratio (goal: 1.0 or less); never fails on the figure. EXPORT_VERBOSE=1 prints every run.
# Usage: bench/export_csv.sh [path/to/medsec-kiosk] [assessments]   (default 10000, an even number)
set -eu
kiosk=${1:-build/src/app/medsec-kiosk}
assessments=${2:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
pairs=$((assessments / 2))

# One facility's profile and measures recorded through the command line, then copied with new ids
# until there are as many completed assessments as asked (each copy with its answers, that is
# their versions, and a stored result, as the kiosk keeps them). The baseline reads the answers
# as every query does, through the view of their latest versions.
"$kiosk" --questionnaires "$root/questionnaires" --db "$db" record "$root/tests/data/scenarios/clinic_19_beds.json" >/dev/null
profile=$(sqlite3 "$db" "SELECT profile_uuid FROM results")
measures=$(sqlite3 "$db" "SELECT assessment_uuid FROM results")
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE copies AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $pairs - 1) SELECT i FROM n WHERE $pairs > 1;
CREATE TEMP TABLE ids AS
  SELECT i, uuid AS original, printf('%08x-0000-4000-8000-%012x', i, CASE uuid WHEN '$profile' THEN 1 ELSE 2 END) AS copy
  FROM copies, assessments;
INSERT INTO assessments(uuid, questionnaire_id, questionnaire_version, content_hash, status, language, created_at, updated_at, completed_at)
  SELECT ids.copy, a.questionnaire_id, a.questionnaire_version, a.content_hash, a.status, a.language, a.created_at, a.updated_at,
         a.completed_at
  FROM ids JOIN assessments a ON a.uuid = ids.original;
INSERT INTO answer_versions(assessment_uuid, question_id, version, value, skipped, answered_at)
  SELECT ids.copy, v.question_id, v.version, v.value, v.skipped, v.answered_at
  FROM ids JOIN answer_versions v ON v.assessment_uuid = ids.original;
INSERT INTO results(assessment_uuid, profile_uuid, engine_version, decision, overall, computed_at, result_json)
  SELECT m.copy, p.copy, r.engine_version, r.decision, r.overall, r.computed_at, r.result_json
  FROM results r JOIN ids m ON m.original = r.assessment_uuid JOIN ids p ON p.original = r.profile_uuid AND p.i = m.i;
COMMIT;
SQL
rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM answers")
count=$(sqlite3 "$db" "SELECT COUNT(*) FROM assessments WHERE status = 'completed'")

now() { date +%s.%N; }
seconds() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.3f", e - s }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Alternating runs, medians. Each starts after `sync`, so that neither pays for flushing the
# files the run before it wrote (the export fsyncs its files; ext4 then flushes what is pending).
# One untimed run of each first, as the launch bench does, so that every timed run finds the
# programs and the database in the page cache.
runs=${EXPORT_RUNS:-5}
baselines=() exports=()
sqlite3 -csv "$db" "SELECT COUNT(*) FROM answers w JOIN assessments a ON a.uuid = w.assessment_uuid" >/dev/null
"$kiosk" --questionnaires "$root/questionnaires" --db "$db" export --format csv --out "$tmp/export.csv" --all >/dev/null
for _ in $(seq "$runs"); do
  sync
  # Baseline: the sqlite3 CLI, the same rows in the order of the export.
  start=$(now)
  sqlite3 -csv -header "$db" "SELECT a.uuid, a.questionnaire_id, a.questionnaire_version, a.status, a.completed_at, w.question_id,
                                     w.value, w.skipped, w.answered_at
                              FROM answers w JOIN assessments a ON a.uuid = w.assessment_uuid
                              ORDER BY a.created_at, a.rowid" >"$tmp/baseline.csv"
  baselines+=("$(seconds "$start")")
  rm -f "$tmp"/export-*.csv
  sync
  start=$(now)
  "$kiosk" --questionnaires "$root/questionnaires" --db "$db" export --format csv --out "$tmp/export.csv" --all >/dev/null
  exports+=("$(seconds "$start")")
done
baseline=$(median "${baselines[@]}")
export_time=$(median "${exports[@]}")
[ -n "${EXPORT_VERBOSE:-}" ] && echo "runs: kiosk ${exports[*]}; sqlite3 ${baselines[*]}" >&2

written=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))) - 1)" \
  "$tmp/export-answers.csv")
[ "$written" = "$rows" ] || { echo "the export wrote $written answer rows, the database holds $rows"; exit 1; }
ratio=$(awk -v a="$export_time" -v b="$baseline" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
megabytes() { cat "$@" | wc -c | awk '{ printf "%.1f MB", $1 / 1000000 }'; }
printf '%-46s %12s %12s %8s %6s\n' "benchmark" "kiosk (s)" "sqlite3 (s)" "ratio" "goal"
printf '%-46s %12s %12s %8s %6s\n' "csv export: $count assessments, $rows answers" "$export_time" "$baseline" "$ratio" "<=1.0"
printf '%-46s %12s %12s\n' "  bytes written" "$(megabytes "$tmp"/export-*.csv)" "$(megabytes "$tmp/baseline.csv")"
"$root/bench/table.sh" add "CSV export, $count assessments (s; baseline: sqlite3 CLI)" "$export_time" "$baseline" "ratio<=1.0"
