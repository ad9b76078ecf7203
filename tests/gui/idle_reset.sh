#!/usr/bin/env bash
# The real kiosk under Xvfb with a short idle timeout: a name typed on the skill checklist and left
# there is saved (it is valid), and once the timeout passes the screen is Home again, pixel for
# pixel as at start-up apart from the new assessment in progress — nothing of the person is shown.
set -u
kiosk=$1
root=$2
source "$(dirname "$0")/lib.sh"
under_xvfb 1024x600 "$0" "$@"
begin

"$kiosk" --db "$db" --questionnaires "$root/questionnaires" --assets "$root/assets" --width 1024 --height 600 \
  --idle-timeout 10 >>"$tmp/log" 2>&1 &
pid=$!
win=$(timeout 30 xdotool search --sync --name '^medsec-kiosk$' | head -n 1) || fail "the kiosk window did not appear"
xdotool windowfocus --sync "$win" 2>/dev/null || true
sleep 2
shot home
xdotool key --delay 80 Down Down Return   # the skill checklist opens at the name question
sleep 0.6
xdotool type --delay 80 "Yamada"
sleep 0.6
shot typed
[ "$(differ home typed 1024x76+0+0)" != 0 ] || fail "the checklist did not open"
# Idle: the timeout is 10 s and the kiosk looks every 10 s, so Home is back within 25 s.
sleep 25
shot idle
header=$(differ home idle 1024x76+0+0)
[ "$header" = 0 ] || fail "after the idle timeout the screen is not Home ($header pixels of the header differ)"
kill "$pid"; wait "$pid" 2>/dev/null; pid=
saved=$(sqlite3 "$db" "SELECT value FROM answers WHERE question_id = 'name'")
[ "$saved" = "Yamada" ] || fail "the valid typed name was not saved before the reset: '$saved'"
echo "ok: after the idle timeout the kiosk is back on Home; the typed name was saved first"
