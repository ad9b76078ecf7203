#!/usr/bin/env bash
# The regional store at scale, as ratios measured in one run on a throwaway server:
#  1. importing N synthetic facilities × K assessments (signed bundles, `region import`) against
#     PostgreSQL's own COPY of the same rows into the same tables and indexes (goal: within 3×);
#  2. the ranking query at N facilities and at 10 × N (the region copied nine more times in SQL).
# Usage: bench/region_import.sh KIOSK [N=2000] [K=4]     (2,000 × 4 writes about 1.8 GB of bundles)
set -euo pipefail
kiosk=$1
facilities=${2:-2000}
assessments=${3:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/kiosk-bench-region-XXXXXX)
chmod 755 "$tmp"
trap '"$root/scripts/region-db" stop "$tmp/pg" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
sql() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- psql "$url" -v ON_ERROR_STOP=1 -tAq "$@"; else psql "$url" -v ON_ERROR_STOP=1 -tAq "$@"; fi
}

url=$(REGION_DB_PORT=5441 "$root/scripts/region-db" start "$tmp/pg")
k() { "$kiosk" --questionnaires "$root/questionnaires" "$@"; }
k region --db "$url" init >/dev/null

t0=$(now)
k region generate --out "$tmp/bundles" --facilities "$facilities" --assessments "$assessments" --seed 1 >/dev/null 2>&1
t1=$(now)
bytes=$(du -sb "$tmp/bundles" | cut -f1)

# 1. The kiosk's import of every bundle (signatures checked, one transaction per bundle).
t2=$(now)
find "$tmp/bundles" -name 'facility-*.json' -print0 | sort -z | xargs -0 "$kiosk" --questionnaires "$root/questionnaires" \
  region --db "$url" import --trust-new-key >/dev/null
t3=$(now)
import_ms=$(ms "$t2" "$t3")
answers=$(sql -c "SELECT count(*) FROM answers")
rows=$(sql -c "SELECT (SELECT count(*) FROM facilities) + (SELECT count(*) FROM assessments) + (SELECT count(*) FROM answers)
                      + (SELECT count(*) FROM results) + (SELECT count(*) FROM result_domains) + (SELECT count(*) FROM trusted_keys)")

# The baseline: the same rows copied out, the tables emptied, and COPY putting them back.
tables="trusted_keys facilities assessments answers results result_domains"
chmod 777 "$tmp"
for t in $tables; do sql -c "\\copy $t TO '$tmp/$t.copy'"; done
sql -c "TRUNCATE imports, result_domains, results, answers, assessments, facilities, trusted_keys"
t4=$(now)
for t in $tables; do sql -c "\\copy $t FROM '$tmp/$t.copy'"; done
t5=$(now)
copy_ms=$(ms "$t4" "$t5")

# 2. The ranking at N, and at 10 × N facilities (nine copies of the region under new UUIDs).
rank_ms() {
  local best=999999999
  for _ in 1 2 3; do
    local a b
    a=$(now); k region --db "$url" rank --json >/dev/null; b=$(now)
    local t; t=$(ms "$a" "$b")
    [ "$t" -lt "$best" ] && best=$t
  done
  echo "$best"
}
rank_n=$(rank_ms)
sql <<'SQL'
CREATE TEMP TABLE copies AS SELECT generate_series(1, 9) AS n;
CREATE TEMP TABLE fmap AS SELECT f.uuid AS old, c.n, gen_random_uuid() AS new FROM facilities f, copies c;
CREATE TEMP TABLE amap AS SELECT a.uuid AS old, c.n, gen_random_uuid() AS new FROM assessments a, copies c;
INSERT INTO facilities(uuid, name, prefecture, kind, beds, public_key)
  SELECT m.new, f.name || '-' || m.n, f.prefecture, f.kind, f.beds, f.public_key FROM facilities f JOIN fmap m ON m.old = f.uuid;
INSERT INTO assessments(uuid, facility, questionnaire, version, status, created_at, completed_at)
  SELECT am.new, fm.new, a.questionnaire, a.version, a.status, a.created_at, a.completed_at
  FROM assessments a JOIN amap am ON am.old = a.uuid JOIN fmap fm ON fm.old = a.facility AND fm.n = am.n;
INSERT INTO results(assessment, facility, computed_at, decision, overall, expected_tier, achieved_tier, essential_gaps, staff_both,
                    single_person_skills, result_json)
  SELECT am.new, fm.new, r.computed_at, r.decision, r.overall, r.expected_tier, r.achieved_tier, r.essential_gaps, r.staff_both,
         r.single_person_skills, r.result_json
  FROM results r JOIN amap am ON am.old = r.assessment JOIN fmap fm ON fm.old = r.facility AND fm.n = am.n;
ANALYZE;
SQL
rank_10n=$(rank_ms)

awk -v n="$facilities" -v k="$assessments" -v gen="$(ms "$t0" "$t1")" -v bytes="$bytes" -v imp="$import_ms" -v copy="$copy_ms" \
    -v rows="$rows" -v answers="$answers" -v r1="$rank_n" -v r10="$rank_10n" 'BEGIN {
  printf "regional store, %d facilities x %d assessments (%d answers, %d rows in all)\n", n, k, answers, rows
  printf "generated in %.1f s, %.0f MB of signed bundles\n", gen / 1000, bytes / 1e6
  printf "import (region import, signatures checked):  %8.2f s\n", imp / 1000
  printf "COPY of the same rows (psql \\copy):          %8.2f s\n", copy / 1000
  ratio = imp / (copy > 0 ? copy : 1)
  printf "ratio import / COPY: %.2f   goal <= 3.00   %s\n", ratio, ratio <= 3 ? "pass" : "FAIL"
  printf "ranking (rank --json, best of 3): %d facilities %d ms, %d facilities %d ms (x%.1f for x10 facilities)\n", n, r1, n * 10, r10, r10 / (r1 > 0 ? r1 : 1)
}'
