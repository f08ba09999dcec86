#!/usr/bin/env bash
# Flood latency benchmark (issue 13, finding 3): another window's call latency while one window
# floods the host with unawaited 4 KiB pings, next to the same calls with no flood, in one run
# (tests/e2e/bench/flood-app).
#   run_flood_bench.sh WARDEN_BIN PING_PLUGIN_DIR
# Prints p50/p99 in µs; fails only when the run itself fails (timings are reported, not asserted).
# WARDEN_BENCH_SCALE=N times N times more calls.
set -euo pipefail
WARDEN=$1 PLUGINS=$2
HERE=$(cd "$(dirname "$0")" && pwd)
command -v xvfb-run >/dev/null || { echo "run_flood_bench: xvfb-run is required" >&2; exit 1; }
SCALE=${WARDEN_BENCH_SCALE:-1}
[[ "$SCALE" =~ ^[1-9][0-9]*$ ]] || { echo "run_flood_bench: WARDEN_BENCH_SCALE must be a positive integer" >&2; exit 1; }
APP=$(mktemp -d)/app
trap 'rm -rf "$(dirname "$APP")"' EXIT
cp -r "$HERE/flood-app" "$APP"
sed -i "s|\"url\": \"index.html\"|\"url\": \"index.html#scale=$SCALE\"|" "$APP/warden.conf.json"
out=$(xvfb-run -a "$WARDEN" run "$APP" --plugins "$PLUGINS" --exit-on-title "BENCH " --timeout $((300 * SCALE)))
python3 - "$out" <<'PY'
import json, sys
line = next(l for l in sys.argv[1].splitlines() if l.startswith("probe\tBENCH "))
r = json.loads(line.split("\tBENCH ", 1)[1])
if "error" in r:
    sys.exit(f"benchmark failed: {r}")
print(f"{'another window, 4 KiB ping':30} {'calls':>6} {'p50 µs':>10} {'p99 µs':>10}")
for name in ("quiet", "flooded"):
    x = r[name]
    print(f"{name:30} {x['n']:>6} {x['p50']:>10.1f} {x['p99']:>10.1f}")
f = r["flood"]
print(f"flood meanwhile: {f['waves']} wave(s) of 20000 unawaited pings, {f['ok']} answered, {f['refused']} refused")
PY
