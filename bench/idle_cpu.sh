#!/usr/bin/env bash
# CPU time of the kiosk sitting idle on Home for 10 s, under Xvfb, against a baseline measured in
# the same run: the same kiosk for 10 s while the mouse moves over it (every event redraws).
# Prints both figures and their ratio; exits 1 when idle use reaches 0.3 s of CPU.
# Usage: bench/idle_cpu.sh [path/to/medsec-kiosk] [seconds]
set -eu
kiosk=${1:-build/src/app/medsec-kiosk}
seconds=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${KIOSK_UNDER_XVFB:-}" ]; then
  export KIOSK_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$kiosk" "$seconds"
fi

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# utime + stime of a process, in seconds.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

"$kiosk" --db "$tmp/kiosk.db" --questionnaires "$root/questionnaires" --assets "$root/assets" >"$tmp/log" 2>&1 &
pid=$!
timeout 30 xdotool search --sync --name '^medsec-kiosk$' >/dev/null
sleep 2  # start-up (font atlas, first frames) is not idle time

before=$(cpu_seconds "$pid")
sleep "$seconds"
after=$(cpu_seconds "$pid")
idle=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.3f", a - b }')

# Baseline: the mouse moves continuously for the same time.
before=$(cpu_seconds "$pid")
end=$((SECONDS + seconds))
x=100
while [ "$SECONDS" -lt "$end" ]; do
  xdotool mousemove "$x" 400
  x=$(( x >= 1100 ? 100 : x + 37 ))
  sleep 0.02
done
after=$(cpu_seconds "$pid")
active=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.3f", a - b }')

ratio=$(awk -v i="$idle" -v a="$active" 'BEGIN { if (a > 0) printf "%.4f", i / a; else print "n/a" }')
echo "idle on Home for ${seconds}s:      ${idle} s CPU"
echo "mouse moving for ${seconds}s:      ${active} s CPU (baseline, same run)"
echo "idle / active ratio:           ${ratio}"
percent() { awk -v c="$1" -v s="$seconds" 'BEGIN { printf "%.3f", 100 * c / s }'; }
"$root/bench/table.sh" add "idle CPU on Home over ${seconds} s (% of a core; baseline: mouse moving)" \
  "$(percent "$idle")" "$(percent "$active")" "value<0.5"
awk -v i="$idle" 'BEGIN { exit !(i < 0.3) }' || { echo "idle CPU is 0.3 s or more" >&2; exit 1; }
