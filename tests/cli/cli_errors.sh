#!/usr/bin/env bash
# CLI error behaviour: broken questionnaires give file:line:column and exit 1; a missing or
# foreign database gives a clear message, exit 1, and is left as it was.
set -u
kiosk=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

out=$("$kiosk" validate "$data/broken" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "validate on broken files exited $rc, expected 1"
for f in syntax duplicate_ids unknown_reference missing_text score_range forward_reference invalid_utf8 unknown_keys; do
  grep -Eq "broken/$f\.toml:[0-9]+:[0-9]+: " <<<"$out" || fail "no file:line:column for $f.toml"
done
grep -q "broken/unknown_reference.toml:24:3: the show_if of 'emr_vendor' refers to question 'has_ermr'" <<<"$out" \
  || fail "unknown reference not reported at 24:3"

out=$("$kiosk" validate "$data/good" 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "validate on good files exited $rc: $out"

out=$("$kiosk" validate "$tmp/nowhere" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "validate on a missing folder exited $rc"
grep -q "is not a folder of questionnaires" <<<"$out" || fail "missing folder not explained: $out"

out=$("$kiosk" --db "$tmp/none.db" list 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "list without a database exited $rc"
grep -q "no database at" <<<"$out" || fail "missing database not explained: $out"
[ ! -e "$tmp/none.db" ] || fail "list created a database"

echo "not a database" > "$tmp/notes.db"
out=$("$kiosk" --db "$tmp/notes.db" list 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "list on a text file exited $rc"
grep -q "not an SQLite file" <<<"$out" || fail "foreign file not explained: $out"
[ "$(cat "$tmp/notes.db")" = "not a database" ] || fail "the foreign file was modified"

sqlite3 "$tmp/new.db" "PRAGMA user_version = 99; CREATE TABLE x(y);"
before=$(sha256sum "$tmp/new.db")
out=$("$kiosk" --db "$tmp/new.db" list 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "list on a newer schema exited $rc"
grep -q "newer version of medsec-kiosk" <<<"$out" || fail "newer schema not explained: $out"
[ "$(sha256sum "$tmp/new.db")" = "$before" ] || fail "the newer database was modified"

out=$("$kiosk" --db "$tmp/none.db" show 0000 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "show on a missing database exited $rc"

# discard: an assessment in progress is set aside with its answers; list shows it as discarded;
# a completed, unknown or already discarded one is refused with its id named, and nothing changes.
sqlite3 "$tmp/assessments.db" < "$data/migrations/schema4.sql" >/dev/null
in_progress=a91d0f47-5c2e-4b8a-8e3f-6b7c9d2e4f10
completed=3f2b8c1e-7a4d-4e59-9b1c-2d6e8f0a1b34
out=$("$kiosk" discard --help 2>&1); rc=$?
[ "$rc" -eq 0 ] && grep -q "Usage" <<<"$out" || fail "discard --help: $out"
out=$("$kiosk" --db "$tmp/assessments.db" list --status in_progress 2>&1)
grep -q "^$in_progress  in_progress" <<<"$out" || fail "list does not show the assessment in progress: $out"
out=$("$kiosk" --db "$tmp/assessments.db" discard a91d0f47 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "discard of an assessment in progress exited $rc: $out"
grep -q "discarded assessment $in_progress (tiny 1.0.0, 2 answer(s) kept)" <<<"$out" || fail "discard did not say what it did: $out"
out=$("$kiosk" --db "$tmp/assessments.db" list 2>&1)
grep -q "^$in_progress  discarded " <<<"$out" || fail "list does not show the discarded assessment as discarded: $out"
[ -z "$("$kiosk" --db "$tmp/assessments.db" list --status in_progress | grep "$in_progress")" ] || fail "a discarded assessment is still listed in progress"
[ "$(sqlite3 "$tmp/assessments.db" "SELECT COUNT(*) FROM answers WHERE assessment_uuid = '$in_progress'")" = 2 ] \
  || fail "discarding lost answers"
before=$(sqlite3 "$tmp/assessments.db" "SELECT uuid, status, updated_at FROM assessments ORDER BY uuid")
for id in "$completed" "$in_progress" 0000dead; do
  out=$("$kiosk" --db "$tmp/assessments.db" discard "$id" 2>&1); rc=$?
  [ "$rc" -eq 1 ] || fail "discard $id exited $rc: $out"
  grep -q "$id" <<<"$out" || fail "discard $id does not name it: $out"
done
grep -q "is completed; only an assessment in progress can be discarded" <<<"$("$kiosk" --db "$tmp/assessments.db" discard "$completed" 2>&1)" \
  || fail "discarding a completed assessment is not explained"
[ "$(sqlite3 "$tmp/assessments.db" "SELECT uuid, status, updated_at FROM assessments ORDER BY uuid")" = "$before" ] \
  || fail "a refused discard changed the database"
out=$("$kiosk" --db "$tmp/none.db" discard 0000 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "discard without a database exited $rc"
[ ! -e "$tmp/none.db" ] || fail "discard created a database"

# score --answers: JSON output parses and carries the decision; a bad file names the field.
out=$("$kiosk" score --answers "$data/scenarios/clinic_19_beds.json" --json 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "score --answers exited $rc: $out"
python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["decision"] == "urgent", d["decision"]' <<<"$out" || fail "score --json is not the expected JSON"
echo '{"profile": {"facility_kind": "clinic_beds"}, "measures": {"gov_safety_officer": "maybe"}}' > "$tmp/bad.json"
out=$("$kiosk" score --answers "$tmp/bad.json" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "score on a bad answers file exited $rc"
grep -q 'measures.gov_safety_officer: "maybe" is not an option' <<<"$out" || fail "bad answer not named: $out"
out=$("$kiosk" score 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "score without input exited $rc"

# people import / export: all or nothing by default, --partial imports the good rows, a round trip.
out=$("$kiosk" --db "$tmp/people.db" people import "$data/people/broken_level.csv" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "people import of a bad file exited $rc"
grep -q "broken_level.csv: line 2, column skill_bak_restore: level '5' is out of range" <<<"$out" || fail "bad level not named: $out"
[ "$(sqlite3 "$tmp/people.db" 'SELECT COUNT(*) FROM people')" = 0 ] || fail "a refused import wrote people"
out=$("$kiosk" --db "$tmp/people.db" people import --partial "$data/people/broken_level.csv" 2>&1); rc=$?
[ "$rc" -eq 2 ] || fail "a partial import with bad rows exited $rc, expected 2"
[ "$(sqlite3 "$tmp/people.db" 'SELECT COUNT(*) FROM people')" = 1 ] || fail "the partial import did not keep the good row"
out=$("$kiosk" --db "$tmp/staff.db" people import "$data/people/staff_40.csv" 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "people import of staff_40 exited $rc: $out"
"$kiosk" --db "$tmp/staff.db" people export "$tmp/export.csv" >/dev/null || fail "people export failed"
[ "$(tail -n +2 "$tmp/export.csv" | wc -l)" = 40 ] || fail "the export does not have 40 people"
out=$("$kiosk" --db "$tmp/people.db" people import "$data/people/broken_shift_jis.csv" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "a Shift_JIS file was not refused"
grep -q "Shift_JIS" <<<"$out" || fail "wrong encoding not explained: $out"

[ "$failures" -eq 0 ] && echo "cli errors: all checks passed"
exit "$failures"
