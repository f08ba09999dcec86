#!/usr/bin/env bash
# Runs the flood attacks once (issue 13, finding 3 and its "Also"): the real `warden run` with the
# real ping plugin under Xvfb, twice:
#   WORK_DIR/flood:  app-flood/ (a page fires 100,000 unawaited 4 KiB pings, another page calls
#                    meanwhile, the flooding window then closes itself in a second wave). The
#                    warden process's VmRSS and VmHWM are sampled from /proc every 100 ms into
#                    WORK_DIR/flood/memory.txt ("<VmRSS kB> <VmHWM kB>" per line).
#   WORK_DIR/starve: app-starve/ (a page fills the blocking pool, another makes a blocking call).
# Each writes results.txt ("<window>\tDONE <json>"), log.txt (the host's log) and status (the
# exit status of `warden run`).
#   run_flood_attacks.sh WARDEN_BIN WORK_DIR PING_PLUGIN_DIR [FLOOD_N]
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
N=${4:-100000}
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_flood_attacks xvfb-run node npm python3 pgrep
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
"$E2E/node_modules/.bin/esbuild" "$HERE/flood.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/bundle.js"

# run_app NAME TIMEOUT: runs app-NAME in WORK_DIR/NAME, sampling the host's memory meanwhile.
run_app() {
  local name=$1 timeout=$2 dir="$WORK/$1"
  mkdir -p "$dir/data"
  cp -r "$HERE/app-$name" "$dir/app"
  cp "$WORK/bundle.js" "$dir/app/frontend/bundle.js"
  sed -i "s|\"url\": \"index.html\"|\"url\": \"index.html#n=$N\"|" "$dir/app/warden.conf.json"
  XDG_DATA_HOME="$dir/data" xvfb-run -a "$WARDEN" --log-level info run "$dir/app" --plugins "$PLUGINS" \
    --exit-on-title "DONE " --timeout "$timeout" >"$dir/results.txt" 2>"$dir/log.txt" &
  local runner=$! host=""
  # The warden process itself (xvfb-run's child), found by its app folder on its command line.
  for _ in $(seq 200); do
    host=$(pgrep -f -- "^$WARDEN --log-level info run $dir/app " || true)
    [ -n "$host" ] && break
    sleep 0.05
  done
  : >"$dir/memory.txt"
  while [ -n "$host" ] && [ -r "/proc/$host/status" ]; do
    awk '/^VmRSS:/ {r=$2} /^VmHWM:/ {h=$2} END {if (r) print r, h}' "/proc/$host/status" >>"$dir/memory.txt" 2>/dev/null || true
    sleep 0.1
  done
  local status=0
  wait "$runner" || status=$?
  echo "$status" >"$dir/status"
  cat "$dir/results.txt" >&2
  echo "run_flood_attacks: $name exited with $status; peak VmHWM $(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' "$dir/memory.txt") kB" >&2
  return 0
}

run_app flood 240
run_app starve 120
