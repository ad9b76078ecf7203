#!/usr/bin/env bash
# Drives the real kiosk under Xvfb as a person would: starts an assessment from Home with the
# keyboard, answers two questions, is killed with SIGKILL, starts again, resumes from Home at the
# first unanswered question, answers it with the mouse and keyboard, finishes, and checks every
# answer in the database with the sqlite3 tool.
set -u
kiosk=$1
root=$2
source "$(dirname "$0")/lib.sh"
under_xvfb 1280x800 "$0" "$@"
begin

query() { sqlite3 "$db" "$1"; }

start_kiosk() {
  "$kiosk" --db "$db" --questionnaires "$root/tests/data/good" --assets "$root/assets" --lang en \
    --width 1280 --height 800 >>"$tmp/log" 2>&1 &
  pid=$!
  win=$(timeout 30 xdotool search --sync --name '^medsec-kiosk$' | head -n 1) || fail "the kiosk window did not appear"
  xdotool windowfocus --sync "$win" 2>/dev/null || true
  sleep 1.5
}

# First run: Home -> start "tiny" (Enter), answer yes, next, answer yes.
start_kiosk
key Return
key 1
key Return
key 1
sleep 0.5
kill -9 "$pid"; wait "$pid" 2>/dev/null; pid=

[ "$(query "SELECT COUNT(*) FROM assessments WHERE status = 'in_progress'")" = 1 ] || fail "no assessment in progress after the kill"
[ "$(query "SELECT value FROM answers WHERE question_id = 'has_backup'")" = yes ] || fail "has_backup not saved as yes"
[ "$(query "SELECT value FROM answers WHERE question_id = 'backup_tested'")" = yes ] || fail "backup_tested not saved as yes"

# Second run: Home lists the assessment in progress after the one questionnaire; Down, Enter resumes.
start_kiosk
key Down
key Return
# Resumed at the optional free-text question: type, then press Next with the mouse.
xdotool type --delay 60 "all good"
sleep 0.4
xdotool mousemove 1138 736 click 1
sleep 0.6
key Return   # Finish on the completion screen
key Return   # and confirm
sleep 0.5
kill "$pid"; wait "$pid" 2>/dev/null; pid=

[ "$(query "SELECT value FROM answers WHERE question_id = 'note'")" = "all good" ] || fail "the typed note was not saved: $(query "SELECT * FROM answers")"
[ "$(query "SELECT status FROM assessments")" = completed ] || fail "the assessment was not completed"
[ "$(query "SELECT COUNT(*) FROM answers")" = 3 ] || fail "expected 3 answers"
echo "gui: answered, killed, resumed and completed; all answers in the database"
