# What the Xvfb tests share. A test script sets `kiosk` and `root` from its arguments, sources this
# file, and calls `under_xvfb WIDTHxHEIGHT "$0" "$@"` and then `begin`.

# Runs the script again inside an X server of its own of that size (once: the second run finds
# KIOSK_UNDER_XVFB set and goes on).
under_xvfb() {
  local size=$1
  shift
  if [ -z "${KIOSK_UNDER_XVFB:-}" ]; then
    export KIOSK_UNDER_XVFB=1
    exec xvfb-run -a -s "-screen 0 ${size}x24" "$@"
  fi
}

# A temporary folder with the kiosk's database and log, removed at exit together with the kiosk
# (`pid`) and whatever the script names in `also_stop` (more process ids).
begin() {
  tmp=$(mktemp -d)
  db="$tmp/kiosk.db"
  pid=
  also_stop=
  trap 'end_test' EXIT
}
end_test() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  for other in $also_stop; do kill "$other" 2>/dev/null; done
  rm -rf "$tmp"
}

# Stops the test, showing the kiosk's log.
fail() { echo "FAIL: $*"; [ -f "$tmp/log" ] && cat "$tmp/log"; exit 1; }
# A screenshot of the whole screen, also copied to $KIOSK_SHOTS when that is set.
shot() { import -window root "$tmp/$1.png"; [ -n "${KIOSK_SHOTS:-}" ] && cp "$tmp/$1.png" "$KIOSK_SHOTS/"; true; }
# Number of pixels that differ between two screenshots inside a WxH+X+Y region.
differ() { compare -metric AE -crop "$3" "$tmp/$1.png" "$tmp/$2.png" null: 2>&1 | cut -d' ' -f1; }
# Keys pressed with a short pause for the kiosk to draw.
key() { xdotool key --delay 50 "$@"; sleep 0.4; }
