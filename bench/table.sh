#!/usr/bin/env bash
# The one table of `make bench`. Each bench adds its figures as rows (tab-separated: figure,
# kiosk, baseline, goal) to the file KIOSK_BENCH_TABLE names; `print` shows them with the ratio
# kiosk / baseline and whether the goal is met, and exits 1 when any goal is missed.
# Goals: ratio<=X (kiosk / baseline), plus<=X (kiosk − baseline, in the figure's unit),
#        value<=X or value<X (the kiosk's figure alone).
# Usage: bench/table.sh add FIGURE KIOSK BASELINE GOAL
#        bench/table.sh print [FILE]
set -eu
case "${1:-}" in
add)
  [ $# -eq 5 ] || { echo "usage: bench/table.sh add FIGURE KIOSK BASELINE GOAL" >&2; exit 2; }
  [ -n "${KIOSK_BENCH_TABLE:-}" ] || exit 0
  printf '%s\t%s\t%s\t%s\n' "$2" "$3" "$4" "$5" >>"$KIOSK_BENCH_TABLE"
  ;;
print)
  file=${2:-${KIOSK_BENCH_TABLE:-}}
  [ -n "$file" ] && [ -s "$file" ] || { echo "bench/table.sh: no figures in '${file}'" >&2; exit 1; }
  awk -F '\t' '
    function num(x) { return sprintf(x >= 1000 ? "%.0f" : x >= 10 ? "%.1f" : x >= 1 ? "%.2f" : "%.3f", x) }
    BEGIN {
      print "| figure | kiosk | baseline | ratio | goal | result |"
      print "|---|---:|---:|---:|---|---|"
    }
    {
      kiosk = $2 + 0; base = $3 + 0; goal = $4
      ratio = base > 0 ? kiosk / base : 0
      split(goal, g, /<=|</); limit = g[2] + 0; strict = goal !~ /<=/
      if (g[1] == "ratio")      { ok = ratio <= limit; shown = "ratio ≤ " limit }
      else if (g[1] == "plus")  { ok = kiosk - base <= limit; shown = "≤ baseline + " limit }
      else if (g[1] == "value") { ok = strict ? kiosk < limit : kiosk <= limit; shown = (strict ? "< " : "≤ ") limit }
      else                      { ok = 0; shown = "unknown goal " goal }
      if (!ok) failed++
      printf "| %s | %s | %s | %s | %s | %s |\n", $1, num(kiosk), num(base), (base > 0 ? sprintf("%.2f", ratio) : "n/a"), shown, ok ? "pass" : "FAIL"
    }
    END {
      if (failed) { printf "%d of %d goals missed\n", failed, NR; exit 1 }
      printf "all %d goals met\n", NR
    }' "$file"
  ;;
*)
  echo "usage: bench/table.sh add FIGURE KIOSK BASELINE GOAL | print [FILE]" >&2
  exit 2
  ;;
esac
