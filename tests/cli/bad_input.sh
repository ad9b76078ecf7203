#!/usr/bin/env bash
# Bad input through the real command line: formula cells in an export open as text and come back
# exactly, read-only databases are read without being written (as an unprivileged user when the
# suite runs as root), foreign databases are refused untouched, and hostile files end in a
# message and exit status 1, never an abort.
set -u
kiosk=$1
data=$2
source_dir=$3
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- Formula injection: every such cell is written with an apostrophe and imported back exactly.
cat > "$tmp/formulas.csv" <<'CSV'
name,role,department,employment
"'=HYPERLINK(""http://evil.example"",""click"")",clerical,'=1+1,full_time
'+cmd,clerical,,full_time
'-1+1,clerical,'@SUM(A1),full_time
'@SUM(A1),clerical,,full_time
"'=cmd|' /C calc'!A0",clerical,,full_time
CSV
out=$("$kiosk" --db "$tmp/f.db" people import "$tmp/formulas.csv" 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "importing neutralised formulas exited $rc: $out"
[ "$(sqlite3 "$tmp/f.db" "SELECT name FROM people WHERE name LIKE '=HYPER%'")" = '=HYPERLINK("http://evil.example","click")' ] \
  || fail "the apostrophe was not removed on import: $(sqlite3 "$tmp/f.db" 'SELECT name FROM people')"
"$kiosk" --db "$tmp/f.db" people export "$tmp/export1.csv" >/dev/null || fail "export failed"
python3 - "$tmp/export1.csv" <<'PY' || fail "a formula cell reached the CSV unneutralised"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
assert len(body) == 5, body
for row in body:
    for cell in row:
        assert not cell or cell[0] not in "=+-@\t\r", f"formula cell {cell!r}"
assert header[:2] == ["id", "name"], header
names = sorted(r[1] for r in body)
assert names == sorted(["'=HYPERLINK(\"http://evil.example\",\"click\")", "'+cmd", "'-1+1", "'@SUM(A1)", "'=cmd|' /C calc'!A0"]), names
PY
# An export imported back updates each person by id and changes nothing; into another database
# (whose ids differ, so the id column is emptied) it adds the same people with the same cells.
# without_ids IN OUT [drop]: the id cells emptied, or with "drop" the id column removed.
without_ids() {
  python3 - "$@" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
assert rows[0][0] == "id", rows[0]
drop = len(sys.argv) > 3
rows = [r[1:] if drop else (r if i == 0 else [""] + r[1:]) for i, r in enumerate(rows)]
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
PY
}
"$kiosk" --db "$tmp/f.db" people import "$tmp/export1.csv" >/dev/null || fail "re-import of the export failed"
"$kiosk" --db "$tmp/f.db" people export "$tmp/export2.csv" >/dev/null || fail "second export failed"
cmp -s "$tmp/export1.csv" "$tmp/export2.csv" || fail "export → import → export is not byte-identical"
without_ids "$tmp/export1.csv" "$tmp/noids.csv"
"$kiosk" --db "$tmp/f2.db" people import "$tmp/noids.csv" >/dev/null || fail "import of the export into another database failed"
"$kiosk" --db "$tmp/f2.db" people export "$tmp/export3.csv" >/dev/null || fail "export of the other database failed"
without_ids "$tmp/export1.csv" "$tmp/cells1.csv" drop
without_ids "$tmp/export3.csv" "$tmp/cells3.csv" drop
cmp -s "$tmp/cells1.csv" "$tmp/cells3.csv" || fail "export → import into another database → export changed a cell"
# The whole staff list round-trips byte for byte too.
"$kiosk" --db "$tmp/s1.db" people import "$data/people/staff_40.csv" >/dev/null || fail "staff_40 import failed"
"$kiosk" --db "$tmp/s1.db" people export "$tmp/s1.csv" >/dev/null
"$kiosk" --db "$tmp/s1.db" people import "$tmp/s1.csv" >/dev/null || fail "staff_40: re-import of the export failed"
"$kiosk" --db "$tmp/s1.db" people export "$tmp/s2.csv" >/dev/null
cmp -s "$tmp/s1.csv" "$tmp/s2.csv" || fail "staff_40: export → import → export differs"
rm "$tmp/noids.csv" "$tmp/export3.csv" "$tmp/cells1.csv" "$tmp/cells3.csv"

# --- A short row is refused with line, expected and found counts; the stored person keeps everything.
before=$("$kiosk" --db "$tmp/s1.db" people export - | sha256sum)
printf 'name,role,department,employment,experience_years,healthcare_course\r\n中島 B.,clinical_engineer,検査部,full_time\r\n' > "$tmp/short.csv"
out=$("$kiosk" --db "$tmp/s1.db" people import --partial "$tmp/short.csv" 2>&1); rc=$?
[ "$rc" -eq 2 ] || fail "a partial import of a short row exited $rc, expected 2"
grep -q "short.csv: line 2: 4 fields, but the header has 6" <<<"$out" || fail "short row not explained: $out"
[ "$("$kiosk" --db "$tmp/s1.db" people export - | sha256sum)" = "$before" ] || fail "a refused short row changed the matrix"

# --- Failed export: no file, no temporary file, exit 1.
mkdir "$tmp/outdir"
out=$("$kiosk" --db "$tmp/s1.db" people export "$tmp/outdir" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "export onto a folder exited $rc"
[ -z "$(ls -A "$tmp/outdir")" ] && [ -z "$(ls -A "$tmp" | grep -v -E '^(formulas.csv|f.db|f2.db|export[12].csv|s[12].db|s[12].csv|short.csv|outdir)(-wal|-shm)?$')" ] \
  || fail "a failed export left files: $(ls -A "$tmp")"

# --- Read-only: a copy in a read-only folder, read by a user who cannot write to it.
mkdir "$tmp/ro"
cp "$tmp/s1.db" "$tmp/ro/kiosk.db"
sqlite3 "$tmp/ro/kiosk.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f "$tmp/ro/kiosk.db-wal" "$tmp/ro/kiosk.db-shm"
chmod 444 "$tmp/ro/kiosk.db"
chmod 555 "$tmp/ro"
as_reader=()
if [ "$(id -u)" -eq 0 ]; then as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
sum=$(sha256sum < "$tmp/ro/kiosk.db")
out=$("${as_reader[@]}" "$kiosk" --db "$tmp/ro/kiosk.db" list 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "list on a read-only copy exited $rc: $out"
out=$("${as_reader[@]}" "$kiosk" --db "$tmp/ro/kiosk.db" people export - 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "people export on a read-only copy exited $rc: $out"
grep -q "中島 B." <<<"$out" || fail "the read-only export lacks the people"
out=$("${as_reader[@]}" "$kiosk" --db "$tmp/ro/kiosk.db" people import "$data/people/staff_40.csv" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "an import into a read-only copy exited $rc"
[ "$(sha256sum < "$tmp/ro/kiosk.db")" = "$sum" ] || fail "the read-only copy was modified"
[ -z "$(ls -A "$tmp/ro" | grep -v '^kiosk.db$')" ] || fail "files appeared in the read-only folder: $(ls -A "$tmp/ro")"
chmod 755 "$tmp/ro"

# --- An id nobody has, and a name two people share, are refused with line and column; nothing changes.
before=$("$kiosk" --db "$tmp/s1.db" people export - | sha256sum)
printf 'id,name,role,employment\r\n999,中島 B.,clinical_engineer,full_time\r\n' > "$tmp/short.csv"
out=$("$kiosk" --db "$tmp/s1.db" people import "$tmp/short.csv" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "an import with an unknown id exited $rc, expected 1"
grep -q "short.csv: line 2, column id: no person in this matrix has id 999" <<<"$out" || fail "unknown id not explained: $out"
[ "$("$kiosk" --db "$tmp/s1.db" people export - | sha256sum)" = "$before" ] || fail "a refused unknown id changed the matrix"
sqlite3 "$tmp/s1.db" "INSERT INTO people(name, role, employment) SELECT name, 'nurse', 'part_time' FROM people WHERE name = '中島 B.'"
before=$("$kiosk" --db "$tmp/s1.db" people export - | sha256sum)
printf 'name,role,employment\r\n中島 B.,clinical_engineer,full_time\r\n' > "$tmp/short.csv"
out=$("$kiosk" --db "$tmp/s1.db" people import --partial "$tmp/short.csv" 2>&1); rc=$?
[ "$rc" -eq 2 ] || fail "a partial import of an ambiguous name exited $rc, expected 2"
grep -q "short.csv: line 2, column name: 2 people in the matrix are named '中島 B.', so the name is ambiguous" <<<"$out" \
  || fail "ambiguous name not explained: $out"
[ "$("$kiosk" --db "$tmp/s1.db" people export - | sha256sum)" = "$before" ] || fail "a refused ambiguous row changed the matrix"

# --- Another program's database, and one whose migration clashes: refused, byte-identical.
sqlite3 "$tmp/foreign.db" "CREATE TABLE notes(text); INSERT INTO notes VALUES ('keep me');"
sum=$(sha256sum < "$tmp/foreign.db")
for cmd in "list" "people import $data/people/staff_40.csv"; do
  # shellcheck disable=SC2086
  out=$("$kiosk" --db "$tmp/foreign.db" $cmd 2>&1); rc=$?
  [ "$rc" -eq 1 ] || fail "'$cmd' on a foreign database exited $rc"
  grep -q "an SQLite database of another program" <<<"$out" || fail "foreign database not explained: $out"
done
[ "$(sha256sum < "$tmp/foreign.db")" = "$sum" ] || fail "the foreign database was modified"
[ ! -e "$tmp/foreign.db-wal" ] || fail "the foreign database got a WAL file"

# --- Hostile files end in a message and exit 1, never an abort (134) or a hang.
printf '{"profile": {"facility_kind": "clinic_beds", "beds": 1e400}, "measures": {}}' > "$tmp/overflow.json"
out=$(timeout 20 "$kiosk" score --answers "$tmp/overflow.json" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "score on 1e400 exited $rc: $out"
grep -q "overflow.json: not valid JSON: number overflow parsing '1e400'" <<<"$out" || fail "1e400 not explained: $out"
mkfifo "$tmp/answers.fifo"
out=$(timeout 20 "$kiosk" score --answers "$tmp/answers.fifo" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "score on a FIFO exited $rc (124 means it blocked): $out"
head -c 70000000 /dev/zero > "$tmp/huge.csv"
out=$(timeout 60 "$kiosk" --db "$tmp/huge.db" people import "$tmp/huge.csv" 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "importing a 70 MB file exited $rc: $out"
grep -q "more than the 64 MB" <<<"$out" || fail "the huge file was not refused by size: $out"

# --- Questionnaire folders: a trailing slash changes nothing; odd entries are named, not fatal.
out=$("$kiosk" validate "$source_dir/questionnaires/" 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "validate questionnaires/ exited $rc: $out"
mkdir -p "$tmp/q/exercises"
cp "$data/good/tiny.toml" "$tmp/q/"
ln -s loop.toml "$tmp/q/loop.toml"
ln -s /dev/zero "$tmp/q/exercises/zero.toml"
out=$(timeout 20 "$kiosk" validate "$tmp/q/" 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "validate with a link loop exited $rc: $out"
grep -q "warning: $tmp/q/loop.toml: skipped: a link that leads nowhere readable (Too many levels of symbolic links)" <<<"$out" \
  || fail "the link loop was not named: $out"
grep -q "warning: $tmp/q/exercises/zero.toml: skipped: not a regular file" <<<"$out" || fail "the device link was not named: $out"

[ "$failures" -eq 0 ] && echo "bad input: all checks passed"
exit "$failures"
