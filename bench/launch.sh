#!/usr/bin/env bash
# Launch to first frame and idle memory on Home: the kiosk, with a database holding a scored
# facility (profile and measures), 40 people and four advisor lists, against the bare baseline
# (kiosk_bench_bare), under Xvfb at 1280x800, RUNS alternating runs each (medians).
# Both programs are started once before the measured runs, so that every run finds the files in
# the page cache and the kiosk finds a database that is already set up (its usual start).
# Usage: bench/launch.sh [build folder] [runs] [settle seconds]
set -eu
build=${1:-build}
runs=${2:-5}
settle=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
if [ -z "${KIOSK_UNDER_XVFB:-}" ]; then
  export KIOSK_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$build" "$runs" "$settle"
fi
kiosk=$build/src/app/medsec-kiosk
bare=$build/bench/kiosk_bench_bare
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db

k() { "$kiosk" --questionnaires "$root/questionnaires" --assets "$root/assets" --db "$db" "$@"; }
k record "$root/tests/data/scenarios/clinic_19_beds.json" >/dev/null
k people import "$root/tests/data/people/staff_40.csv" >/dev/null
for list in "$root"/tests/data/advisors/*.csv; do k advisors import "$list" >/dev/null; done

# One untimed start of each.
MEDSEC_KIOSK_FIRST_FRAME=$tmp/mark MEDSEC_KIOSK_FIRST_FRAME_EXIT=1 k >/dev/null 2>&1
MEDSEC_KIOSK_FIRST_FRAME=$tmp/mark MEDSEC_KIOSK_FIRST_FRAME_EXIT=1 "$bare" >/dev/null 2>&1

"$build/bench/kiosk_bench_launch" "$runs" "$settle" \
  -- "$kiosk" --questionnaires "$root/questionnaires" --assets "$root/assets" --db "$db" \
  -- "$bare"
