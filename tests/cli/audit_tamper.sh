#!/usr/bin/env bash
# The audit trail through the real command line: a database made by the CLI verifies, and its
# chain is checked again here by an independent reader of the documented canonical form; the
# triggers refuse changes; a row edited, deleted or moved with the sqlite3 CLI (triggers dropped
# first) is named by `audit verify`, which exits 1; `audit list` filters; `admin reset-pin`
# clears a lock and is audited; a read-only copy verifies without being written (as an
# unprivileged user when the suite runs as root).
set -u
kiosk=$1
data=$2
source_dir=$3
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
k() { "$kiosk" --questionnaires "$source_dir/questionnaires" "$@"; }

# --- A database with five rows, all made through the command line.
db=$tmp/kiosk.db
k --db "$db" people import "$data/people/staff_40.csv" >/dev/null || fail "people import failed"
k --db "$db" people import "$data/people/staff_40.csv" >/dev/null || fail "second people import failed"
for role in trainer auditor admin; do
  k --db "$db" admin reset-pin "$role" >/dev/null || fail "admin reset-pin $role failed"
done
out=$(k --db "$db" audit verify 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "verify of an untouched log exited $rc: $out"
head=$(sqlite3 "$db" "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
[ "$out" = "chain intact, 5 rows, head $head" ] || fail "verify said: $out"
[ "$(sqlite3 "$db" "SELECT group_concat(role || ' ' || event || ' ' || subject, '|') FROM audit_log")" = \
  "system person.imported |system person.imported |system auth.pin_reset trainer|system auth.pin_reset auditor|system auth.pin_reset admin" ] \
  || fail "unexpected rows: $(sqlite3 "$db" 'SELECT seq, role, event, subject FROM audit_log')"

# The chain as documented in src/core/store/audit_log.hpp, checked without the kiosk's code.
python3 - "$db" <<'PY' || fail "the chain does not verify with the documented canonical form"
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
previous = "0" * 64
for seq, at, role, event, subject, details, prev, stored in db.execute(
        "SELECT seq, at, role, event, subject, details, previous_hash, hash FROM audit_log ORDER BY seq"):
    row = [seq, at, role, event, subject, json.loads(details)]
    canonical = json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert prev == previous, f"row {seq}: link"
    assert hashlib.sha256((previous + canonical).encode("utf-8")).hexdigest() == stored, f"row {seq}: hash"
    previous = stored
PY

# --- The triggers refuse changes, and the log is as it was.
out=$(sqlite3 "$db" "UPDATE audit_log SET details = '{}' WHERE seq = 3" 2>&1) && fail "an UPDATE of the audit log was allowed"
grep -q "append-only" <<<"$out" || fail "the refused UPDATE did not say why: $out"
out=$(sqlite3 "$db" "DELETE FROM audit_log WHERE seq = 3" 2>&1) && fail "a DELETE from the audit log was allowed"
grep -q "append-only" <<<"$out" || fail "the refused DELETE did not say why: $out"
k --db "$db" audit verify >/dev/null || fail "the log no longer verifies after refused changes"

# --- Tampering with the triggers dropped: each is named at its row, with exit status 1.
tamper() {  # NAME SQL EXPECTED-ROW
  local copy=$tmp/$1.db
  sqlite3 "$db" ".backup '$copy'"
  sqlite3 "$copy" "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; $2" || { fail "$1: sqlite3 refused"; return; }
  out=$(k --db "$copy" audit verify 2>&1); rc=$?
  [ "$rc" -eq 1 ] || fail "$1: verify exited $rc, expected 1: $out"
  grep -q "^row $3: " <<<"$out" || fail "$1: verify did not name row $3: $out"
  grep -q "chain intact" <<<"$out" && fail "$1: verify also said the chain is intact: $out"
}
tamper edited "UPDATE audit_log SET details = '{\"failures\":0,\"had_pin\":true,\"lockouts\":0,\"was_locked\":false}' WHERE seq = 3" 3
tamper deleted "DELETE FROM audit_log WHERE seq = 3" 3
tamper reordered "UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -2" 2
tamper last_deleted "DELETE FROM audit_log WHERE seq = 5" 5
tamper role_changed "UPDATE audit_log SET role = 'admin' WHERE seq = 1" 1
grep -q "missing" <<<"$(k --db "$tmp/deleted.db" audit verify 2>&1)" || fail "a deleted row was not called missing"

# --- audit list: tab-separated, filtered by event and by day; a bad date is refused.
out=$(k --db "$db" audit list 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "audit list exited $rc: $out"
[ "$(wc -l <<<"$out")" -eq 6 ] || fail "audit list should print a header and 5 rows: $out"
[ "$(head -n1 <<<"$out")" = "$(printf 'seq\tat\trole\tevent\tsubject\tdetails')" ] || fail "audit list header: $(head -n1 <<<"$out")"
awk -F'\t' 'NR > 1 && NF != 6 { bad = 1 } END { exit bad }' <<<"$out" || fail "a line of audit list does not have 6 fields"
[ "$(k --db "$db" audit list --event auth. | tail -n +2 | cut -f5 | paste -sd,)" = "trainer,auditor,admin" ] || fail "--event auth. did not select the PIN resets"
[ "$(k --db "$db" audit list --event person.imported | tail -n +2 | wc -l)" -eq 2 ] || fail "--event person.imported"
today=$(date +%F)
tomorrow=$(date -d tomorrow +%F)
[ "$(k --db "$db" audit list --from "$today" --to "$today" | tail -n +2 | wc -l)" -eq 5 ] || fail "--from/--to today did not list every row"
[ "$(k --db "$db" audit list --from "$tomorrow" | tail -n +2 | wc -l)" -eq 0 ] || fail "--from tomorrow listed rows"
out=$(k --db "$db" audit list --from 2026-02-30 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "a day that does not exist exited $rc"
grep -q "the start '2026-02-30'" <<<"$out" || fail "a bad --from was not named: $out"

# --- admin reset-pin: a locked role is unlocked and the reset is audited; bad input changes nothing.
sqlite3 "$db" "INSERT INTO auth_roles(role, pin_hash, failures, locked_until, lockouts)
               VALUES ('trainer', '\$argon2id\$v=19\$m=65536,t=2,p=1\$c2FsdHNhbHRzYWx0c2FsdA\$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
                       2, '2100-01-01T00:00:00.000Z', 3)
               ON CONFLICT(role) DO UPDATE SET pin_hash = excluded.pin_hash, failures = 2,
                   locked_until = excluded.locked_until, lockouts = 3"
out=$(k --db "$db" admin reset-pin trainer 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "reset-pin of a locked role exited $rc: $out"
[ "$(sqlite3 "$db" "SELECT quote(pin_hash), failures, quote(locked_until), lockouts FROM auth_roles WHERE role = 'trainer'")" = "NULL|0|NULL|0" ] \
  || fail "reset-pin left: $(sqlite3 "$db" "SELECT * FROM auth_roles WHERE role = 'trainer'")"
[ "$(sqlite3 "$db" "SELECT role || ' ' || event || ' ' || subject || ' ' || details FROM audit_log ORDER BY seq DESC LIMIT 1")" = \
  'system auth.pin_reset trainer {"failures":2,"had_pin":true,"lockouts":3,"was_locked":true}' ] \
  || fail "the reset was not audited: $(sqlite3 "$db" 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')"
rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log")
for bad in staff system root ""; do
  out=$(k --db "$db" admin reset-pin "$bad" 2>&1); rc=$?
  [ "$rc" -ne 0 ] || fail "reset-pin '$bad' exited 0"
  [ -n "$out" ] || fail "reset-pin '$bad' said nothing"
done
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log")" = "$rows" ] || fail "a refused reset-pin was audited"
out=$(k --db "$tmp/none.db" admin reset-pin admin 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "reset-pin without a database exited $rc"
grep -q "no database at" <<<"$out" || fail "reset-pin without a database: $out"
[ ! -e "$tmp/none.db" ] || fail "reset-pin created a database"
out=$(k --db "$tmp/none.db" audit verify 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "verify without a database exited $rc"
k --db "$db" audit verify >/dev/null || fail "the log does not verify after reset-pin"

# --- A read-only copy (an auditor's) verifies and lists without being written.
mkdir "$tmp/ro"
sqlite3 "$db" ".backup '$tmp/ro/kiosk.db'"
chmod 444 "$tmp/ro/kiosk.db"
chmod 555 "$tmp/ro"
as_reader=()
if [ "$(id -u)" -eq 0 ]; then as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
sum=$(sha256sum < "$tmp/ro/kiosk.db")
out=$("${as_reader[@]}" "$kiosk" --db "$tmp/ro/kiosk.db" audit verify 2>&1); rc=$?
[ "$rc" -eq 0 ] || fail "verify of a read-only copy exited $rc: $out"
out=$("${as_reader[@]}" "$kiosk" --db "$tmp/ro/kiosk.db" admin reset-pin admin 2>&1); rc=$?
[ "$rc" -eq 1 ] || fail "reset-pin on a read-only copy exited $rc: $out"
[ "$(sha256sum < "$tmp/ro/kiosk.db")" = "$sum" ] || fail "the read-only copy was modified"
[ -z "$(ls -A "$tmp/ro" | grep -v '^kiosk.db$')" ] || fail "files appeared in the read-only folder: $(ls -A "$tmp/ro")"
chmod 755 "$tmp/ro"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "audit trail: all checks passed"
