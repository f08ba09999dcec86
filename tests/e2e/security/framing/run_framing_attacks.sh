#!/usr/bin/env bash
# Runs the framing attacks once: the real `warden run` under Xvfb, remote pages from a static
# server on 127.0.0.1.
#   run_framing_attacks.sh WARDEN_BIN WORK_DIR
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_framing_attacks xvfb-run python3

rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/remote" "$WORK/remote"
cp "$HERE/app/frontend/probe.js" "$WORK/remote/probe.js"

python3 "$E2E/static_server.py" "$WORK/remote" "$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || { echo "run_framing_attacks: the static server did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$WORK/port")"
sed -i -e "s|@REMOTE_BASE@|$base|g" "$WORK/app/warden.conf.json" "$WORK/app/frontend/index.html"

status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
