#!/usr/bin/env bash
# The regional store against a real PostgreSQL server that this test starts itself
# (scripts/region-db: initdb in a temporary folder, a Unix socket there, as nobody when run as
# root): the schema migrates and a second init changes nothing; five kiosks' signed bundles import
# (an unknown key only with --trust-new-key) and a second import changes nothing; a bundle changed
# after signing, one signed with a changed key for a known facility, and one claiming another
# facility's assessment are refused with nothing imported; an import killed half-way leaves no
# partial facility; the ranking puts the facilities in order of need.
set -u
kiosk=$1
data=$2
source_dir=$3
screen_tests=${4:-}
tmp=$(mktemp -d /tmp/kiosk-region-XXXXXX)
chmod 755 "$tmp"
server=$tmp/pg
stop() { "$source_dir/scripts/region-db" stop "$server" >/dev/null 2>&1; rm -rf "$tmp"; }
trap stop EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

url=$("$source_dir/scripts/region-db" start "$server") || { echo "FAIL: the server did not start"; exit 1; }
k() { "$kiosk" --questionnaires "$source_dir/questionnaires" "$@"; }
region() { k region --db "$url" "$@"; }
sql() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- psql "$url" -tAqc "$1"; else psql "$url" -tAqc "$1"; fi
}
dump() {
  sql "SELECT string_agg(t, E'\n' ORDER BY t) FROM (
         SELECT uuid::text || name || prefecture || kind || coalesce(beds::text, '') || public_key AS t FROM facilities
         UNION ALL SELECT uuid::text || facility::text || questionnaire || status FROM assessments
         UNION ALL SELECT assessment::text || question || coalesce(value, '') || skipped::text FROM answers
         UNION ALL SELECT assessment::text || decision || overall::text || essential_gaps::text FROM results
         UNION ALL SELECT public_key FROM trusted_keys) x"
}

# --- The schema: made by init, and a second init changes nothing.
out=$(region rank 2>&1) && fail "rank before init succeeded: $out"
grep -q "run \`region init\` first" <<<"$out" || fail "rank before init does not say what to do: $out"
out=$(region init 2>&1) || fail "init: $out"
grep -q "version 1 (was 0)" <<<"$out" || fail "init did not report the migration: $out"
out=$(region init 2>&1) || fail "second init: $out"
grep -q "up to date" <<<"$out" || fail "a second init did something: $out"

# --- Five kiosks, each with its facility, scored answers and its own key.
names=(架空みなと診療所 架空中央大学病院 架空北病院 架空南病院 架空ひかり病院)
scenarios=(clinic_19_beds university_600_beds hospital_300_one_security_person university_600_essential_missing hospital_250_registration_due)
for i in 0 1 2 3 4; do
  mkdir -p "$tmp/kiosk$i"
  db=$tmp/kiosk$i/kiosk.db
  k --db "$db" record "$data/scenarios/${scenarios[$i]}.json" >/dev/null || fail "record ${scenarios[$i]}"
  k --db "$db" facility --name "${names[$i]}" --prefecture 13 --kind hospital --beds $((50 * (i + 1))) >/dev/null || fail "facility $i"
  k --db "$db" export --format bundle --all --out "$tmp/bundle$i.json" >/dev/null || fail "bundle $i"
  [ "$(stat -c %a "$tmp/kiosk$i/signing.key")" = 600 ] || fail "kiosk $i's key is not mode 0600"
done

out=$(region import "$tmp/bundle0.json" 2>&1) && fail "an unknown key was accepted: $out"
grep -q "does not know" <<<"$out" || fail "an unknown key is not explained: $out"
[ "$(sql 'SELECT count(*) FROM facilities')" = 0 ] || fail "a refused bundle left a facility"
out=$(region import --trust-new-key "$tmp"/bundle{0,1,2,3,4}.json 2>&1) || fail "import: $out"
[ "$(sql 'SELECT count(*) FROM facilities')" = 5 ] || fail "five bundles did not give five facilities"
[ "$(sql 'SELECT count(*) FROM assessments')" = 10 ] || fail "five bundles did not give ten assessments"
before=$(dump)
out=$(region import "$tmp"/bundle{0,1,2,3,4}.json 2>&1) || fail "second import: $out"
grep -q "0 assessment(s) added, 2 already there" <<<"$out" || fail "a second import added something: $out"
[ "$(dump)" = "$before" ] || fail "a second import changed the store"

# --- Refused bundles change nothing.
python3 - "$tmp/bundle0.json" "$tmp/tampered.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
b["payload"] = b["payload"].replace("架空みなと診療所", "架空やまと診療所")
json.dump(b, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
out=$(region import --trust-new-key "$tmp/tampered.json" 2>&1) && fail "a tampered bundle was accepted"
grep -q "signature: does not match" <<<"$out" || fail "a tampered bundle is not explained: $out"
# The same facility with a new key (the kiosk's key file lost and made again).
rm "$tmp/kiosk0/signing.key"
k --db "$tmp/kiosk0/kiosk.db" export --format bundle --all --out "$tmp/rekeyed.json" >/dev/null || fail "re-keyed bundle"
out=$(region import --trust-new-key "$tmp/rekeyed.json" 2>&1) && fail "a changed key was accepted"
grep -q "known with another signing key" <<<"$out" || fail "a changed key is not explained: $out"
[ "$(dump)" = "$before" ] || fail "a refused bundle changed the store"

# Bundles signed with the facility's own key but holding a bad record: refused whole, the record
# named, whether the kiosk finds the fault (status, an answer given twice) or the server does
# (a date it cannot read, refused inside COPY and named by the line it stopped at).
resign() {  # resign KEYFILE IN OUT PYTHON-EXPRESSION-ON-payload
  /usr/bin/python3 - "$@" <<'PY'
import base64, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
key_file, source, target, change = sys.argv[1:5]
secret = base64.b64decode(open(key_file).read().strip())
key = Ed25519PrivateKey.from_private_bytes(secret[:32])  # libsodium keeps the seed first
bundle = json.load(open(source, encoding="utf-8"))
payload = json.loads(bundle["payload"])
exec(change, {"payload": payload})
bundle["payload"] = json.dumps(payload, ensure_ascii=False)
bundle["signature"] = base64.b64encode(key.sign(bundle["payload"].encode("utf-8"))).decode()
json.dump(bundle, open(target, "w", encoding="utf-8"), ensure_ascii=False)
PY
}
k --db "$tmp/kiosk1/kiosk.db" record "$data/scenarios/clinic_19_beds.json" >/dev/null || fail "record a third assessment"
k --db "$tmp/kiosk1/kiosk.db" export --format bundle --all --out "$tmp/bundle1b.json" >/dev/null || fail "bundle 1b"
bad_record() {  # bad_record NAME CHANGE EXPECTED-MESSAGE
  resign "$tmp/kiosk1/signing.key" "$tmp/bundle1b.json" "$tmp/bad-$1.json" "$2" || { fail "re-signing for $1"; return; }
  out=$(region import "$tmp/bad-$1.json" 2>&1) && fail "a bundle with $1 was accepted"
  grep -qE "$3" <<<"$out" || fail "a bundle with $1 is not named by its record: $out"
  [ "$(dump)" = "$before" ] || fail "a bundle with $1 changed the store"
}
bad_record "an unknown status" 'payload["export"]["assessments"][-1]["status"] = "archived"' \
  'assessments\[[0-9]+\]\.status: not completed, in_progress or discarded; nothing of it was imported'
bad_record "an answer given twice" 'a = payload["export"]["assessments"][-1]["answers"]; a.append(dict(a[0]))' \
  'assessments\[[0-9]+\]\.answers\[[0-9]+\]\.question: [a-z_0-9]+ is answered twice'
bad_record "a date the server cannot read" 'payload["export"]["assessments"][-1]["answers"][2]["answered_at"] = "昨日の朝"' \
  'assessments\[[0-9]+\]\.answers\[2\]: invalid input syntax for type timestamp with time zone'
bad_record "no list of assessments" 'del payload["export"]["assessments"]' 'payload\.export\.assessments: not a list'

# A truncated bundle and one larger than the importer reads: named, nothing imported, no crash.
head -c 20000 "$tmp/bundle1b.json" >"$tmp/truncated.json"
out=$(region import "$tmp/truncated.json" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "a truncated bundle exited $rc"
grep -q "truncated.json: .*nothing of it was imported" <<<"$out" || fail "a truncated bundle is not named: $out"
truncate -s 80M "$tmp/huge.json"
out=$(region import "$tmp/huge.json" "$tmp/bundle1.json" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "a huge bundle exited $rc"
grep -q "huge.json: the file is 80 MB, more than the 64 MB" <<<"$out" || fail "a huge bundle is not refused by its size: $out"
grep -q "bundle1.json: .*0 assessment(s) added" <<<"$out" || fail "the bundle after a refused one was not imported: $out"
[ "$(dump)" = "$before" ] || fail "a truncated or huge bundle changed the store"

# --- An import killed inside its transaction: a big facility, the process killed before it commits.
mkdir -p "$tmp/big"
for n in $(seq 1 40); do k --db "$tmp/big/kiosk.db" record "$data/scenarios/university_600_beds.json" >/dev/null; done
k --db "$tmp/big/kiosk.db" facility --name 架空大規模病院 >/dev/null
k --db "$tmp/big/kiosk.db" export --format bundle --all --out "$tmp/big.json" >/dev/null || fail "big bundle"
big=$(python3 -c "import json,sys; print(json.loads(json.load(open(sys.argv[1]))['payload'])['facility']['uuid'])" "$tmp/big.json")
region import --trust-new-key "$tmp/big.json" >/dev/null 2>&1 || fail "the big import"
sql "DELETE FROM facilities WHERE uuid = '$big'" >/dev/null
[ "$(sql "SELECT count(*) FROM assessments WHERE facility = '$big'")" = 0 ] || fail "removing the big facility left assessments"
# Killed where it hurts most: every row of the bundle written, its COMMIT not yet sent. Another
# session holds the imports table, so the import waits at its last statement (recording the
# bundle) with everything else done inside its transaction; it is killed while the server shows
# it waiting there.
if [ "$(id -u)" -eq 0 ]; then holder=(runuser -u nobody -- psql "$url"); else holder=(psql "$url"); fi
"${holder[@]}" -qc "BEGIN; LOCK TABLE imports IN EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT" >/dev/null 2>&1 &
holder_pid=$!
for _ in $(seq 1 50); do
  [ "$(sql "SELECT count(*) FROM pg_locks WHERE relation = 'imports'::regclass AND mode = 'ExclusiveLock' AND granted")" = 1 ] && break
  sleep 0.1
done
"$kiosk" --questionnaires "$source_dir/questionnaires" region --db "$url" import "$tmp/big.json" >/dev/null 2>&1 &
pid=$!  # the kiosk itself, not a shell around it
waiting=0
for _ in $(seq 1 300); do
  if [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO imports%'")" = 1 ]; then
    waiting=1
    break
  fi
  sleep 0.1
done
[ "$waiting" = 1 ] || fail "the import never reached its last statement"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
sql "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$holder_pid" 2>/dev/null
for _ in $(seq 1 20); do  # the server notices the lost connection and rolls back
  [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = 'region' AND pid <> pg_backend_pid() AND backend_type = 'client backend'")" = 0 ] && break
  sleep 0.3
done
n=$(sql "SELECT count(*) FROM facilities WHERE uuid = '$big'")
a=$(sql "SELECT count(*) FROM assessments WHERE facility = '$big'")
if [ "$n" = 0 ] && [ "$a" = 0 ]; then
  echo "an import killed with all its rows written and its COMMIT not sent left nothing of its facility"
else
  fail "an import killed before its COMMIT left $n facility row(s) and $a assessment(s)"
fi
out=$(region import --trust-new-key "$tmp/big.json" 2>&1) || fail "the import after the kill: $out"
[ "$(sql "SELECT count(*) FROM assessments WHERE facility = '$big'")" = 80 ] || fail "the import after the kill is not whole"

# --- The ranking: decision, then essential gaps, then the age of the last assessment.
region rank --json >"$tmp/rank.json" || fail "rank"
python3 - "$tmp/rank.json" <<'PY' || fail "the ranking is not in order of need"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
names = [r["name"] for r in rows]
# urgent, recommended, consider; then the three not needed, the longest unassessed first
assert names == ["架空みなと診療所", "架空北病院", "架空南病院", "架空中央大学病院", "架空ひかり病院", "架空大規模病院"], names
order = {"urgent": 0, "recommended": 1, "consider": 2, "not_needed": 3}
keys = [(order[r["decision"]], -r["essential_gaps"], r["last_assessed"]) for r in rows]
assert keys == sorted(keys), keys
assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
assert rows[0]["essential_gaps"] == 5 and rows[0]["beds"] == 50 and rows[0]["prefecture"] == "13"
PY

# --- The sample region shipped in tests/data/region (30 fictional facilities, made by the
# generator with seed 1); the generator gives the same facilities for the same seed.
tar -xJf "$data/region/sample-region.tar.xz" -C "$tmp" || fail "unpacking the sample region"
k region generate --out "$tmp/again" --facilities 3 --assessments 4 --seed 1 >/dev/null 2>&1 || fail "generate"
names_of() { for f in "$@"; do python3 -c "import json,sys; print(json.loads(json.load(open(sys.argv[1]))['payload'])['facility']['name'])" "$f"; done; }
[ "$(names_of "$tmp"/region-sample/facility-000{1,2,3}.json)" = "$(names_of "$tmp"/again/facility-000{1,2,3}.json)" ] \
  || fail "the same seed did not give the facilities of the sample region"
python3 - "$tmp/again/facility-0001.json" <<'PY' || fail "the generated assessments are not spread over time"
import json, sys
from datetime import datetime
done = sorted(datetime.fromisoformat(a["completed_at"].replace("Z", "+00:00"))
              for a in json.loads(json.load(open(sys.argv[1]))["payload"])["export"]["assessments"])
assert (done[-1] - done[0]).days >= 365, done  # four assessments about half a year apart
assert (datetime.now(done[0].tzinfo) - done[-1]).days <= 61, done
PY
out=$(region import --trust-new-key "$tmp"/region-sample/*.json 2>&1) || fail "import of the sample region: $out"
[ "$(sql "SELECT count(*) FROM facilities WHERE name LIKE '架空%0%'")" = 30 ] || fail "the sample region did not give 30 facilities"
[ "$(sql "SELECT count(*) FROM results r JOIN facilities f ON f.uuid = r.facility WHERE f.name LIKE '架空%0%'")" = 120 ] \
  || fail "the sample region did not give four results per facility"
[ "$(sql "SELECT count(DISTINCT decision) FROM results")" -ge 3 ] || fail "the sample region's decisions are all alike"
region rank --json | python3 -c "
import json, sys
rows = json.load(sys.stdin)
assert len(rows) == 36, len(rows)
order = {'urgent': 0, 'recommended': 1, 'consider': 2, 'not_needed': 3}
keys = [(order[r['decision']], -r['essential_gaps'], r['last_assessed']) for r in rows]
assert keys == sorted(keys), keys
" || fail "the ranking of the whole region is not in order of need"

# --- The ranking for offices: CSV read by Python's csv module, XLSX by openpyxl; never overwritten unasked.
region export --out "$tmp/ranking.csv" >/dev/null || fail "export csv"
k --lang en region --db "$url" export --out "$tmp/ranking.xlsx" >/dev/null || fail "export xlsx"
out=$(region export --out "$tmp/ranking.csv" 2>&1) && fail "an existing file was replaced without --force"
grep -q "give --force" <<<"$out" || fail "the refusal does not say how to replace: $out"
region rank --json >"$tmp/final.json"
xlsx_python=python3
python3 -c "import openpyxl" 2>/dev/null || xlsx_python=/usr/bin/python3  # Debian's openpyxl serves the system Python
"$xlsx_python" - "$tmp/ranking.csv" "$tmp/ranking.xlsx" "$tmp/final.json" <<'PY' || fail "the exported ranking does not read back"
import csv, json, sys, openpyxl
rank = json.load(open(sys.argv[3], encoding="utf-8"))
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf")
rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
assert rows[0][:3] == ["順位", "施設", "施設の識別子"], rows[0]
assert [r[1] for r in rows[1:]] == [r["name"] for r in rank], "the CSV is not in the ranking's order"
ws = openpyxl.load_workbook(sys.argv[2])["Ranking"]
assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:"), (ws.freeze_panes, ws.auto_filter.ref)
assert [c.value for c in ws[1]][:2] == ["Rank", "Facility"]
assert ws["B2"].value == rank[0]["name"] and ws["A2"].value == 1
assert isinstance(ws["H2"].value, (int, float)) and ws["H2"].value == rank[0]["essential_gaps"]
PY

# --- The region screen, headless, against this server; its ranking files read back by Python.
if [ -n "$screen_tests" ]; then
  mkdir -p "$tmp/screen"
  KIOSK_REGION_URL=$url KIOSK_REGION_OUT=$tmp/screen "$screen_tests" || fail "the region screen's tests"
  "$xlsx_python" - "$tmp/screen/screen-ranking.xlsx" "$tmp/screen/screen-ranking.csv" "$tmp/final.json" <<'PY' || fail "the ranking written from the screen does not read back"
import csv, json, sys, openpyxl
rank = json.load(open(sys.argv[3], encoding="utf-8"))
ws = openpyxl.load_workbook(sys.argv[1]).active
assert [c.value for c in ws[1]][:2] == ["順位", "施設"], [c.value for c in ws[1]]
assert [ws.cell(row=i + 2, column=2).value for i in range(len(rank))] == [r["name"] for r in rank]
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig")))
assert [r[1] for r in rows[1:]] == [r["name"] for r in rank]
PY
else
  fail "the region screen's tests were not given"
fi

[ "$failures" -eq 0 ] && echo "region: all checks passed"
exit "$failures"
