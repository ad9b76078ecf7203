#!/usr/bin/env bash
# The advisor directory through the real command line: the sample lists import (and a second
# import changes nothing); a bad list is refused whole with every problem named by line and column
# and the database unchanged, or imported in part with --partial (exit 2); `match --json` is read by
# Python's json module: the candidates in rank order with their reasons, the contact only when
# asked for; a prefecture nobody serves gives no candidate, the criterion that excluded the most
# and the routes' advice; the exported directory reads back with Python's csv module and imports
# again without a change; publishing the facility's own people writes only those who agreed
# (consent audited), and refuses when nobody did.
set -u
kiosk=$1
data=$2
source_dir=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
k() { "$kiosk" --questionnaires "$source_dir/questionnaires" --db "$db" "$@"; }
db=$tmp/kiosk.db

out=$(k record "$data/scenarios/clinic_19_beds.json" 2>&1) || fail "record: $out"
clinic=$(sqlite3 "$db" "SELECT assessment_uuid FROM results")

# --- The sample lists, and the same again.
for list in registered regional part_time medcsc; do
  out=$(k advisors import "$data/advisors/$list.csv" 2>&1) || fail "import $list: $out"
done
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM advisors")" = 13 ] || fail "the sample lists did not store 13 advisors"
out=$(k advisors import "$data/advisors/registered.csv" 2>&1)
grep -q "0 new, 0 updated, 8 unchanged" <<<"$out" || fail "a second import changed something: $out"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log WHERE event = 'advisors.imported'")" = 5 ] || fail "imports are not audited"

# --- A bad list: refused whole, each problem named by line and column.
cp "$data/advisors/regional.csv" "$tmp/bad.csv"
printf 'regional,見本 癸（架空）,12a,2022-04-01,,,,,,,,5,operation,東京都,東京都,40,both,juggling,,,,,2026-01-01\n' >>"$tmp/bad.csv"
before=$(sqlite3 "$db" .dump | sha256sum)
out=$(k advisors import "$tmp/bad.csv" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "a bad list exited $rc"
for column in registration_number days_per_month menus; do
  grep -q "bad.csv: line 4, column $column: " <<<"$out" || fail "no error for line 4, column $column: $out"
done
grep -q "nothing was imported" <<<"$out" || fail "the refusal does not say nothing was imported: $out"
[ "$(sqlite3 "$db" .dump | sha256sum)" = "$before" ] || fail "a refused list changed the database"
out=$(k advisors import --partial "$tmp/bad.csv" 2>&1); rc=$?
[ "$rc" -eq 2 ] || fail "a partial import with a bad row exited $rc: $out"
grep -q "0 new, 0 updated, 2 unchanged" <<<"$out" || fail "a partial import did not take the good rows: $out"
# A file that is not a list at all, and one that does not exist.
printf '\x83e\x83X\x83g\n' >"$tmp/sjis.csv"
out=$(k advisors import "$tmp/sjis.csv" 2>&1) && fail "a Shift_JIS file was accepted"
grep -q "Shift_JIS" <<<"$out" || fail "no hint about Shift_JIS: $out"
out=$(k advisors import "$tmp/none.csv" 2>&1) && fail "a missing file was accepted"
grep -q "none.csv" <<<"$out" || fail "a missing file is not named: $out"

# --- Matching, read by Python's json module.
k advisors match "$clinic" --prefecture 東京都 --json --on 2026-11-24 >"$tmp/match.json" || fail "match exited non-zero"
python3 - "$tmp/match.json" <<'PY' || fail "the match is not what the lists say"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
names = [c["name"] for c in m["candidates"]]
assert names[0] == "見本 一郎（架空）", names
assert "見本 五郎（架空）" not in names, "a lapsed registration was matched"
assert "見本 七海（架空）" not in names, "an advisor without healthcare knowledge was matched"
assert [c["rank"] for c in m["candidates"]] == list(range(1, len(names) + 1))
covered = [len(c["covers"]) for c in m["candidates"]]
assert covered == sorted(covered, reverse=True), covered
first = m["candidates"][0]
assert first["registration"] == "valid" and first["knowledge"], first
assert "contact" not in first, "the contact was printed without --contact"
assert any("上級医療情報技師" in r for r in first["reasons"]), first["reasons"]
assert m["excluded_by"]["registration"] >= 1 and m["advice"] == []
PY
k advisors match "${clinic:0:8}" --prefecture 13 --json --contact --on 2026-11-24 | python3 -c '
import json, sys
m = json.load(sys.stdin)
assert m["candidates"][0]["contact"] == "ichiro@example.invalid", m["candidates"][0]' || fail "--contact or a UUID prefix does not work"
k advisors match latest --prefecture 沖縄県 --on-site --json --on 2026-11-24 >"$tmp/none.json" || fail "an empty match exited non-zero"
python3 - "$tmp/none.json" <<'PY' || fail "an empty match does not explain itself"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
assert m["candidates"] == [], m["candidates"]
assert m["most_excluding"] == "prefecture", m["most_excluding"]
assert "施設のある都道府県を支援できる" in m["advice"][0], m["advice"]
assert any(line.startswith("地域のセキュリティアドバイザー: ") for line in m["advice"]), m["advice"]
PY
out=$(k advisors match latest --prefecture Atlantis 2>&1) && fail "an unknown prefecture was accepted"
grep -q "'Atlantis' is not a prefecture" <<<"$out" || fail "an unknown prefecture is not named: $out"
out=$(k advisors match 00000000 2>&1) && fail "an unknown result was accepted"
out=$(k advisors match latest --on 2026-02-30 2>&1) && fail "an impossible --on day was accepted"
grep -q "not a date" <<<"$out" || fail "a bad --on day is not explained: $out"

# --- The directory exported, read by Python's csv module, imported again unchanged.
k advisors export "$tmp/directory.csv" >/dev/null || fail "export exited non-zero"
python3 - "$tmp/directory.csv" <<'PY' || fail "the exported directory does not read back"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf")
rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
assert len(rows) == 13, len(rows)
assert all(r["contact"] == "" for r in rows), "the contact was exported without --contact"
assert {r["source"] for r in rows} == {"registered", "regional", "part_time", "medcsc"}
assert any(r["name"] == "見本 一郎（架空）" and r["serves"] == "11;12;13;14" for r in rows)
PY
k advisors export --contact "$tmp/full.csv" >/dev/null
out=$(k advisors import "$tmp/full.csv" 2>&1)
grep -q "0 new, 0 updated, 13 unchanged" <<<"$out" || fail "the exported directory does not import unchanged: $out"

# --- Publishing the facility's own people: only those who agreed.
out=$(k people import "$data/people/staff_40.csv" 2>&1) || fail "people import: $out"
out=$(k advisors publish --out "$tmp/ours.csv" --affiliation 架空病院 --prefecture 13 2>&1) && fail "publishing with nobody agreed wrote a file"
[ -e "$tmp/ours.csv" ] && fail "a file was written although nobody agreed"
first_person=$(sqlite3 "$db" "SELECT MIN(id) FROM people")
k advisors consent "$first_person" yes >/dev/null || fail "consent exited non-zero"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log WHERE event = 'person.directory_consent'")" = 1 ] || fail "consent is not audited"
out=$(k advisors consent 99999 yes 2>&1) && fail "consent for nobody was accepted"
k advisors publish --out "$tmp/ours.csv" --affiliation 架空病院 --prefecture 13 --side-work yes >/dev/null || fail "publish exited non-zero"
python3 - "$tmp/ours.csv" "$(sqlite3 "$db" "SELECT name FROM people WHERE id = $first_person")" <<'PY' || fail "the published list is wrong"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
assert [r["name"] for r in rows] == [sys.argv[2]], rows
assert rows[0]["source"] == "part_time" and rows[0]["affiliation"] == "架空病院" and rows[0]["side_work"] == "yes", rows[0]
PY
out=$(k advisors import "$tmp/ours.csv" 2>&1) || fail "the published list does not import: $out"

[ "$failures" -eq 0 ] && echo "advisors: all checks passed"
exit "$failures"
