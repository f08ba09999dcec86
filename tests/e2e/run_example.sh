#!/usr/bin/env bash
# Runs an example app as the README says (under Xvfb here), and checks what its page reported
# in its title and that the screenshot was written.
#   run_example.sh WARDEN_BIN APP_DIR PLUGIN_DIR SCREENSHOT
set -euo pipefail
WARDEN=$1 APP=$2 PLUGINS=$3 SHOT=$4
command -v xvfb-run >/dev/null || { echo "run_example: xvfb-run is required" >&2; exit 1; }
rm -f "$SHOT"
# The store plugin writes under $XDG_DATA_HOME: keep it next to the screenshot, not in ~.
data="$(dirname "$SHOT")/example-data"
rm -rf "$data"
out=$(XDG_DATA_HOME="$data" xvfb-run -a "$WARDEN" run "$APP" --plugins "$PLUGINS" --exit-on-title "Hello Warden: " \
        --screenshot "$SHOT" --timeout 60)
echo "$out"
grep -q $'^main\tHello Warden: 6/6 as expected$' <<<"$out" || { echo "run_example: the page did not report 6/6" >&2; exit 1; }
python3 - "$SHOT" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"run_example: {sys.argv[1]} is not a PNG")
w, h = struct.unpack(">II", data[16:24])
if (w, h) != (900, 768):
    sys.exit(f"run_example: unexpected screenshot size {w}x{h}")
print(f"screenshot {sys.argv[1]}: {w}x{h}, {len(data)} bytes")
PY
