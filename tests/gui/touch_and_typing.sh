#!/usr/bin/env bash
# The real kiosk under Xvfb on a 1024x600 screen, used as on a touch kiosk:
#  1. a finger pressed on Home's list of questionnaires, dragged up and lifted scrolls the list and
#     opens nothing;
#  2. a name typed with `xdotool type` (kanji no content has) is drawn with its own glyphs: the
#     kiosk reports, frame by frame, how many characters it drew with the font's fallback glyph
#     ("?"), and once the typing has settled that count is back to what it was before typing;
#     the name is saved as typed.
# Screenshots of each step are left in $KIOSK_SHOTS when that is set.
set -u
kiosk=$1
root=$2
source "$(dirname "$0")/lib.sh"
under_xvfb 1024x600 "$0" "$@"
begin

trace="$tmp/glyphs"

MEDSEC_KIOSK_GLYPH_TRACE="$trace" "$kiosk" --db "$db" --questionnaires "$root/questionnaires" --assets "$root/assets" \
  --width 1024 --height 600 >>"$tmp/log" 2>&1 &
pid=$!
win=$(timeout 30 xdotool search --sync --name '^medsec-kiosk$' | head -n 1) || fail "the kiosk window did not appear"
xdotool windowfocus --sync "$win" 2>/dev/null || true
sleep 2

# 1. Press, drag up 300 px in small steps, release: the list scrolls, the header stays Home's.
shot home-before
xdotool mousemove 250 540 mousedown 1
for y in 520 490 460 430 400 370 340 310 280 250 240; do xdotool mousemove 250 "$y"; sleep 0.03; done
xdotool mouseup 1
sleep 1.5
shot home-after-drag
moved=$(differ home-before home-after-drag 460x420+10+160)
[ "${moved:-0}" -gt 5000 ] || fail "the list did not scroll after a press-drag-release ($moved pixels changed)"
header=$(differ home-before home-after-drag 1024x76+0+0)
[ "${header:-1}" = 0 ] || fail "the drag opened something: the header changed ($header pixels)"

# 2. Staff skills (third card) opens at the name question; type a name with kanji in no content.
key Down Down Return
sleep 0.5
before=$(grep -v '^#' "$trace" | tail -n 1)
shot name-empty
# One character per call: xdotool maps each kanji to a spare key code for the moment it types it,
# and a character typed while the kiosk is still busy (growing its font atlas for the one before,
# which takes much longer in a sanitizer build) can race with that remapping. So each character
# waits (up to 20 s) until the kiosk has drawn a frame since it was typed with no character drawn
# as '?', that is with the atlas grown for it.
frames() { grep -vc '^#' "$trace" 2>/dev/null || true; }
for c in 髙 﨑 " " 花 子; do
  drawn=$(frames)
  xdotool type --delay 200 "$c"
  for _ in $(seq 100); do
    [ "$(frames)" -gt "$drawn" ] && [ "$(grep -v '^#' "$trace" | tail -n 1)" = "$before" ] && break
    sleep 0.2
  done
  sleep 0.3
done
sleep 1.5
xdotool mousemove 10 300   # a frame or two more without changing anything
sleep 0.5
after=$(grep -v '^#' "$trace" | tail -n 1)
shot name-typed
[ "$after" = "$before" ] || fail "after typing, $after characters are drawn as '?' (before typing: $before)"
key Return
sleep 0.5
kill "$pid"; wait "$pid" 2>/dev/null; pid=
saved=$(sqlite3 "$db" "SELECT value FROM answers WHERE question_id = 'name'")
[ "$saved" = "髙﨑 花子" ] || fail "the name was saved as '$saved'"
echo "ok: drag scrolled $moved pixels of Home; the typed name drew no fallback glyphs and was saved"
grep '^# atlas' "$trace" | sed 's/^# /  /'   # what growing the atlas for the typed characters cost
