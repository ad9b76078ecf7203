#!/usr/bin/env bash
# Crash torture: runs the real kiosk under Xvfb RUNS times on one database, answering the
# single-choice questions of tests/data/torture with key presses while a timer sends SIGKILL at a
# random moment. After every kill the database must pass integrity_check, keep every answer it had
# and every answer a reader saw committed before the kill, hold only the options that were pressed
# (valid ids of their questions), and the next start must resume at the first unanswered question.
# A new assessment is stored together with its first answer (opening the questionnaire stores
# nothing), so its id is learnt when that answer appears in the database.
#
#   tests/torture/torture.sh KIOSK_BINARY SOURCE_DIR [RUNS]     (RUNS defaults to $RUNS, else 10)
#
# TORTURE_SEED=N repeats the same choices and kill delays (the timing of the kiosk still varies).
set -u
export LC_ALL=C   # sort and comm must order as SQLite's ORDER BY does, byte by byte
kiosk=$1
root=$2
runs=${3:-${RUNS:-10}}
if [ -z "${KIOSK_UNDER_XVFB:-}" ]; then
  export KIOSK_UNDER_XVFB=1
  # -noreset: by default the server resets when its last client leaves, which every kill makes
  # happen, and a connection made during the reset (the next kiosk, xdotool) is refused.
  exec xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$0" "$@"
fi

seed=${TORTURE_SEED:-$(( $$ ^ ${EPOCHSECONDS:-0} ))}
RANDOM=$seed
kill_max_ms=6000   # the kill lands uniformly within this long after the resume check
content="$root/tests/data/torture"
work=$(mktemp -d "${TMPDIR:-/tmp}/medsec-torture.XXXXXX")
db="$work/kiosk.db"
log="$work/torture.log"
pid=
runner=
timer=
keep=

cleanup() {
  [ -n "$timer" ] && kill "$timer" 2>/dev/null
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  if [ -n "$keep" ]; then echo "torture: database and logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
say() { echo "$*" | tee -a "$log"; }
fail() {
  say "FAIL run $run: $*"
  keep=1
  exit 1
}
# Read-only, so the WAL a kill leaves behind is recovered by the kiosk's own next start, not by us.
sql() { sqlite3 -readonly -cmd ".timeout 5000" "$db" "$1"; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }
ms_to_s() { printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )); }
pause() { sleep "$(ms_to_s $(( $1 + RANDOM % ($2 - $1 + 1) )))"; }   # a random pause of $1..$2 ms
key() { xdotool key "$@"; }

# The questionnaire: question ids in order, and each question's option ids (q001_a, q001_b...).
qids=()
declare -A options=()
while read -r id; do
  if [[ $id == *_* ]]; then options[${id%_*}]+=" $id"; else qids+=("$id"); fi
done < <(sed -n 's/^ *{\? *id = "\(q[0-9]*\(_[a-z]\)\?\)".*/\1/p' "$content/torture.toml")
nq=${#qids[@]}
[ "$nq" -ge 10 ] || { echo "torture: no questions found in $content/torture.toml"; exit 1; }

declare -A chosen=()   # "uuid|question" -> the option whose key was pressed last ("|question" until stored)
uuid=                  # the assessment being answered (empty until its first answer is stored)
new_pending=           # a new assessment is open whose first answer is not yet seen stored
assessments_before=0   # assessments in the database when it was opened
focus=0                # Home's keyboard focus: 0 is the questionnaire, 1 the assessment in progress

alive() {
  local state
  { read -r _ _ state _ <"/proc/$pid/stat"; } 2>/dev/null || return 1
  [ "$state" != Z ]
}
start_kiosk() {
  # Started from a subshell that reaps it, so that this shell does not print "Killed" each run.
  rm -f "$work/pid"
  ( "$kiosk" --db "$db" --questionnaires "$content" --assets "$root/assets" --lang en \
      --width 1280 --height 800 >>"$work/kiosk.log" 2>&1 &
    echo $! >"$work/pid"
    wait $! ) 2>>"$work/kiosk.log" &
  runner=$!
  while [ ! -s "$work/pid" ]; do sleep 0.01; done
  pid=$(<"$work/pid")
  focus=0
  local win
  # By pid too: the window of the process killed a moment ago may not be gone from the server yet.
  win=$(timeout 30 xdotool search --sync --onlyvisible --pid "$pid" --name '^medsec-kiosk$' | head -n 1)
  [ -n "$win" ] || fail "the kiosk window did not appear within 30 s (see $work/kiosk.log)"
  xdotool windowfocus --sync "$win" 2>/dev/null || true
}
# Waits until the query prints the expected text; fails when $3 seconds pass. Returns 1 at once
# if the kiosk is gone (killed by the timer meanwhile).
wait_for() {
  local query=$1 expected=$2 deadline=$(( $(now_ms) + $3 * 1000 ))
  while [ "$(sql "$query")" != "$expected" ]; do
    alive || return 1
    [ "$(now_ms)" -lt "$deadline" ] || fail "waited $3 s for '$query' to give '$expected', got '$(sql "$query")'"
    sleep 0.05
  done
}
in_progress() { sql "SELECT uuid FROM assessments WHERE status = 'in_progress' ORDER BY created_at"; }
answered() { sql "SELECT question_id FROM answers WHERE assessment_uuid = '$1'"; }
# The first question of the assessment without an answer, in questionnaire order ("" when none).
first_unanswered() {
  local q
  declare -A have=()
  for q in $(answered "$1"); do have[$q]=1; done
  for q in "${qids[@]}"; do [ -z "${have[$q]:-}" ] && { echo "$q"; return; }; done
}
# Starts the questionnaire from Home. Nothing is stored until the first answer, so uuid stays
# empty until adopt_new finds the assessment that answer created.
start_new() {
  assessments_before=$(sql "SELECT COUNT(*) FROM assessments")
  [ "$focus" = 0 ] || key Up
  focus=0
  key Return
  uuid=
  new_pending=1
  sleep 0.5   # the question is on screen before its option key is pressed
  alive
}
# The one assessment more than before the questionnaire was opened becomes uuid, and the choices
# made before it was known ("|question") become its own.
take_new() {
  uuid=$(in_progress)
  [ "$(wc -w <<<"$uuid")" = 1 ] || fail "the first answer left these assessments in progress: '$uuid'"
  local k
  for k in "${!chosen[@]}"; do
    if [[ $k == "|"* ]]; then chosen["$uuid$k"]=${chosen[$k]}; unset "chosen[$k]"; fi
  done
  new_pending=
}
# After the first answer of a new assessment: waits until it is stored (assessment and answer
# together). Returns 1 if the kiosk is gone.
adopt_new() {
  [ -n "$new_pending" ] || return 0
  wait_for "SELECT COUNT(*) FROM assessments" $(( assessments_before + 1 )) 10 || return 1
  take_new
}
# After a kill: a new assessment whose first answer was committed is adopted; one opened but not
# yet answered left nothing behind, and its pressed key is forgotten.
settle_new() {
  [ -n "$new_pending" ] || return 0
  if [ "$(sql "SELECT COUNT(*) FROM assessments")" -gt "$assessments_before" ]; then
    take_new
  else
    local k
    for k in "${!chosen[@]}"; do [[ $k == "|"* ]] && unset "chosen[$k]"; done
    [ -z "$(in_progress)" ] || fail "an assessment in progress appeared without its first answer"
    new_pending=
  fi
}
# On the completion screen: Finish (Enter), wait for it to be stored, then Home (Enter).
finish() {
  key Return
  key Return   # the confirmation
  wait_for "SELECT status FROM assessments WHERE uuid = '$uuid'" completed 10 || return 1
  completed=$(( completed + 1 ))
  key Return
}
# Presses one option of the question and records it as the expected answer.
choose() {
  local q=$1 opts=(${options[$1]})
  local i=$(( RANDOM % ${#opts[@]} ))
  chosen["$uuid|$q"]=${opts[$i]}
  choice_times+=("$(now_ms)")
  key $(( i + 1 ))
}

# Waits until the question's chosen option is stored (every answer is saved the moment it is given)
# and notes it as confirmed: from then on it must survive any kill. Returns 1 if the kiosk is gone.
confirm() {
  adopt_new || return 1
  local value=${chosen[$uuid|$1]}
  wait_for "SELECT value FROM answers WHERE assessment_uuid = '$uuid' AND question_id = '$1'" "$value" 10 || return 1
  echo "$uuid|$1|$value|0" >>"$work/confirmed"
}

# Every check of a database the kiosk left behind. $1: the answers before this run.
check_database() {
  local before=$1 seen=$2
  [ "$(sql "PRAGMA integrity_check")" = ok ] || fail "PRAGMA integrity_check: $(sql "PRAGMA integrity_check" | head -n 5)"
  [ -z "$(sql "PRAGMA foreign_key_check")" ] || fail "PRAGMA foreign_key_check: $(sql "PRAGMA foreign_key_check" | head -n 5)"
  local count=$(sql "SELECT COUNT(*) FROM answers")
  [ "$count" -ge "$(wc -l <"$before")" ] || fail "answers went down from $(wc -l <"$before") to $count"
  [ "$count" -ge "$seen" ] || fail "a reader saw $seen answers committed just before the kill, $count are left"
  sql "SELECT assessment_uuid || '|' || question_id || '|' || ifnull(value, '(null)') || '|' || skipped FROM answers ORDER BY 1" >"$work/after"
  local lost=$(comm -23 "$before" "$work/after")
  [ -z "$lost" ] || fail "answers stored before this run are gone or changed: $lost"
  lost=$(sort "$work/confirmed" | comm -23 - "$work/after")
  [ -z "$lost" ] || fail "answers seen stored during this run are gone or changed: $lost"
  local a q value skipped
  while IFS='|' read -r a q value skipped; do
    [ "$skipped" = 0 ] || fail "$q of $a is stored as skipped; no key skips"
    [[ " ${options[$q]:-} " == *" $value "* ]] || fail "$q of $a holds '$value', not an option of $q"
    [ "$value" = "${chosen[$a|$q]:-}" ] || fail "$q of $a holds '$value', but the key pressed last chose '${chosen[$a|$q]:-nothing}'"
  done <"$work/after"
  # Answers are given in questionnaire order and each is committed before the next is given, so a
  # gap means an answer was lost.
  for a in $(sql "SELECT uuid FROM assessments"); do
    local n=$(sql "SELECT COUNT(*) FROM answers WHERE assessment_uuid = '$a'") gap=$(first_unanswered "$a")
    [ -z "$gap" ] && [ "$n" = "$nq" ] && continue
    [ "$gap" = "${qids[$n]}" ] || fail "assessment $a has $n answers but $gap is unanswered: a gap"
  done
  [ "$(sql "SELECT COUNT(*) FROM assessments WHERE status = 'in_progress'")" -le 1 ] || fail "more than one assessment in progress"
  [ -z "$(sql "SELECT uuid FROM assessments a WHERE status = 'completed' AND (SELECT COUNT(*) FROM answers WHERE assessment_uuid = a.uuid) != $nq")" ] \
    || fail "a completed assessment has not all $nq answers"
}

say "torture: $runs runs, $nq questions, kill within ${kill_max_ms} ms of the resume check, seed $seed, in $work"
started=$(now_ms)
completed=0
near_save=0
: >"$work/answers"
for (( run = 1; run <= runs; run++ )); do
  before_count=$(wc -l <"$work/answers")
  rm -f "$work/killed"
  : >"$work/confirmed"
  choice_times=()

  # What the next start must resume: the assessment in progress and its first unanswered question.
  uuid=
  expected=
  if [ -f "$db" ]; then
    uuid=$(in_progress)
    [ -n "$uuid" ] && expected=$(first_unanswered "$uuid")
  fi

  start_kiosk
  resumed="q001 of a new assessment"
  exited="the kiosk exited by itself before the resume check (see $work/kiosk.log)"
  if [ -n "$uuid" ]; then
    key Down Return   # Home: the questionnaire, then the assessment in progress
    focus=1
    if [ -z "$expected" ]; then
      # Every question answered: the kiosk must resume at the completion screen, where Enter finishes.
      finish || fail "$exited"
      resumed="completion screen, finished"
      start_new || fail "$exited"
      expected=${qids[0]}
    else
      resumed=$expected
    fi
  else
    start_new || fail "$exited"
    expected=${qids[0]}
  fi

  # Resume check: the first key press must answer exactly the expected question.
  sql "SELECT question_id || '|' || value || '|' || answered_at FROM answers WHERE assessment_uuid = '$uuid' ORDER BY 1" >"$work/resume.before"
  choose "$expected"
  adopt_new || fail "$exited"
  deadline=$(( $(now_ms) + 10000 ))
  while :; do
    sql "SELECT question_id || '|' || value || '|' || answered_at FROM answers WHERE assessment_uuid = '$uuid' ORDER BY 1" >"$work/resume.after"
    cmp -s "$work/resume.before" "$work/resume.after" || break
    alive || fail "$exited"
    [ "$(now_ms)" -lt "$deadline" ] || fail "no answer stored within 10 s of pressing an option; expected $expected of $uuid"
    sleep 0.05
  done
  change=$(comm -13 "$work/resume.before" "$work/resume.after")
  [ "$(cut -d'|' -f1,2 <<<"$change")" = "$expected|${chosen[$uuid|$expected]}" ] \
    || fail "resumed at the wrong question: expected $expected to get ${chosen[$uuid|$expected]}, the database changed: $change"
  echo "$uuid|$expected|${chosen[$uuid|$expected]}|0" >>"$work/confirmed"

  # The kill: a reader notes how many answers are committed, then SIGKILL at once.
  delay=$(( RANDOM % (kill_max_ms + 1) ))
  ( sleep "$(ms_to_s "$delay")"
    seen=$(sql "SELECT COUNT(*) FROM answers")
    kill -9 "$pid" 2>/dev/null && echo "$seen $(now_ms)" >"$work/killed" ) &
  timer=$!

  # Answer on at a person's pace: Next, then the option of the next question; Finish at the end.
  cur=$(( $(printf '%s\n' "${qids[@]}" | grep -nx "$expected" | cut -d: -f1) - 1 ))
  while alive; do
    pause 100 250
    key Return
    cur=$(( cur + 1 ))
    if [ "$cur" -ge "$nq" ]; then
      pause 150 300
      finish || break
      start_new || break
      cur=0
    fi
    pause 150 400
    choose "${qids[$cur]}"
    confirm "${qids[$cur]}" || break
  done
  wait "$timer"
  timer=
  wait "$runner"
  pid=
  [ -f "$work/killed" ] || fail "the kiosk exited by itself, not by the kill (see $work/kiosk.log)"
  read -r seen killed_at <"$work/killed"
  [[ $seen =~ ^[0-9]+$ ]] || fail "the database could not be read just before the kill: '$seen'"
  settle_new
  for t in "${choice_times[@]}"; do
    (( t <= killed_at && killed_at - t < 100 )) && { near_save=$(( near_save + 1 )); break; }
  done

  check_database "$work/answers" "$seen"
  mv "$work/after" "$work/answers"
  say "run $run: resumed at $resumed, killed after $(ms_to_s "$delay") s, answers $before_count -> $(wc -l <"$work/answers") (seen before the kill: $seen)"
done
keep=
say "torture: $runs runs, $runs kills, $(wc -l <"$work/answers") answers, $completed assessments completed, $near_save kills within 100 ms of a key press, $(ms_to_s $(( $(now_ms) - started ))) s, failures 0"
