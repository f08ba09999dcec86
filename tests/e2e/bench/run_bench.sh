#!/usr/bin/env bash
# IPC benchmark: JS -> plugin/app command -> JS through Warden, next to a bare WebKitGTK
# custom-scheme echo measured in the same run by the same page (tests/e2e/bench/app).
#   run_bench.sh WARDEN_BIN PING_PLUGIN_DIR
# Prints a table; fails only when the run itself fails (timings are reported, not asserted).
# WARDEN_BENCH_SCALE=N runs N times more rounds (ctest runs 1, a short smoke run; quote N >= 4).
set -euo pipefail
WARDEN=$1 PLUGINS=$2
HERE=$(cd "$(dirname "$0")" && pwd)
command -v xvfb-run >/dev/null || { echo "run_bench: xvfb-run is required" >&2; exit 1; }
APP="$HERE/app"
SCALE=${WARDEN_BENCH_SCALE:-1}
if [ "$SCALE" != 1 ]; then
  [[ "$SCALE" =~ ^[1-9][0-9]*$ ]] || { echo "run_bench: WARDEN_BENCH_SCALE must be a positive integer" >&2; exit 1; }
  APP=$(mktemp -d)/app
  trap 'rm -rf "$(dirname "$APP")"' EXIT
  cp -r "$HERE/app" "$APP"
  sed -i "s|\"url\": \"index.html\"|\"url\": \"index.html#scale=$SCALE\"|" "$APP/warden.conf.json"
fi
out=$(xvfb-run -a "$WARDEN" run "$APP" --plugins "$PLUGINS" --bare-echo-scheme \
        --exit-on-title "BENCH " --timeout $((300 * SCALE)))
python3 - "$out" <<'PY'
import json, sys
line = next(l for l in sys.argv[1].splitlines() if l.startswith("main\tBENCH "))
rows = json.loads(line.split("\tBENCH ", 1)[1])
if isinstance(rows, dict):
    sys.exit(f"benchmark failed: {rows}")
what = {"ping": "plugin:ping|ping, JSON", "greet": "app command greet, JSON", "echo": "app command echo, raw bytes"}
print(f"{'round trip (median of rounds)':32} {'payload':>10} {'bare µs':>10} {'warden µs':>10} {'overhead':>9} {'warden MiB/s':>13}")
for name, size, bare, warden, overhead in rows:
    payload = f"{size} B" if size else "tiny"
    mibs = f"{2 * size / (warden / 1e6) / 1048576:.1f}" if size else ""
    print(f"{what[name]:32} {payload:>10} {bare:>10.1f} {warden:>10.1f} {overhead:>8.1f}% {mibs:>13}")
print("overhead: median over rounds of (warden - bare) / bare, each round measuring both sides")
PY
