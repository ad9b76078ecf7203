#!/usr/bin/env bash
# Kiosk mode under a real window manager (Openbox on Xvfb): the window covers the screen with no
# decorations; the window manager's close (wmctrl -c, Alt+F4) does not close it but asks for the
# admin PIN (chosen there on the first run); a wrong PIN keeps it open, the right one closes it.
set -u
kiosk=$1
root=$2
source "$(dirname "$0")/lib.sh"
under_xvfb 1280x800 "$0" "$@"
begin

alive() { kill -0 "$pid" 2>/dev/null; }
# Waits up to 10 s for the kiosk to exit; sets `status` to its exit status, or "running".
await_exit() {
  status=running
  for _ in $(seq 50); do
    if ! alive; then wait "$pid"; status=$?; pid=; return; fi
    sleep 0.2
  done
}

# Waits up to 10 s for the screen to differ from screenshot $1 inside region $2 (a busy machine
# may take a while to draw); the last screenshot is kept as $3.
await_change() {
  for _ in $(seq 40); do
    shot "$3"
    [ "$(differ "$1" "$3" "$2")" != 0 ] && return 0
    sleep 0.25
  done
  return 1
}

# The test is about who may close the kiosk, read from its exit status. In a sanitizer build,
# LeakSanitizer would turn that status into its own for what the OpenGL driver leaves at exit (in
# a module already unloaded, so it cannot be suppressed by name); the unit tests check our leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

openbox --sm-disable >"$tmp/wm.log" 2>&1 &
wm=$!
also_stop=$wm
sleep 1
kill -0 "$wm" 2>/dev/null || fail "the window manager did not start: $(cat "$tmp/wm.log")"

start() {
  "$kiosk" --db "$db" --questionnaires "$root/questionnaires" --assets "$root/assets" --kiosk >>"$tmp/log" 2>&1 &
  pid=$!
  win=$(timeout 30 xdotool search --sync --name '^medsec-kiosk$' | head -n 1) || fail "the kiosk window did not appear"
  xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win" 2>/dev/null || true
  sleep 2
}

# First run: full screen, then the window manager's close asks for a new admin PIN.
start
geometry=$(xdotool getwindowgeometry "$win" | tr '\n' ' ')
case "$geometry" in *"Position: 0,0"*"Geometry: 1280x800"*) ;; *) fail "the kiosk does not cover the screen: $geometry" ;; esac
shot home
wmctrl -c medsec-kiosk
await_change home 1280x76+0+0 asked || { alive || fail "the window manager's close request closed the kiosk without a PIN"; fail "closing did not show the PIN screen"; }
alive || fail "the window manager's close request closed the kiosk without a PIN"
xdotool type --delay 80 274918; xdotool key Return; sleep 0.5
xdotool type --delay 80 274918; xdotool key Return
await_exit
[ "$status" = 0 ] || fail "the admin PIN chosen on closing did not close the kiosk (status: $status)"

# Again with Alt+F4: a wrong PIN keeps the kiosk open, the right one closes it.
start
xdotool key alt+F4
sleep 1.5
alive || fail "Alt+F4 closed the kiosk without a PIN"
xdotool type --delay 80 111119; xdotool key Return
sleep 1
alive || fail "a wrong PIN closed the kiosk"
xdotool type --delay 80 274918; xdotool key Return
await_exit
[ "$status" = 0 ] || fail "the admin PIN did not close the kiosk (status: $status)"

events=$(sqlite3 "$db" "SELECT group_concat(event, ' ') FROM (SELECT event FROM audit_log ORDER BY seq)")
case "$events" in
  "auth.pin_set auth.signed_in auth.failed auth.signed_in"*) ;;
  *) fail "the audit log does not show the PIN chosen, the wrong PIN and the sign-ins: $events" ;;
esac
echo "ok: in kiosk mode the window manager's close and Alt+F4 ask for the admin PIN; a wrong one keeps the kiosk open"
