#!/usr/bin/env bash
# Runs the navigation attacks once: the real `warden run` under Xvfb, the window's remote pages
# from one static server on 127.0.0.1 and "another origin" from a second one.
#   run_navigation_attacks.sh WARDEN_BIN WORK_DIR
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_navigation_attacks xvfb-run python3

rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/remote" "$WORK/remote"
cp -r "$HERE/other" "$WORK/other"
cp "$HERE/nav.js" "$HERE/app.js" "$WORK/app/frontend/"
cp "$HERE/nav.js" "$WORK/remote/"

servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true' EXIT
for site in remote other; do
  python3 "$E2E/static_server.py" "$WORK/$site" "$WORK/$site.port" &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$WORK/$site.port" ] && break; sleep 0.05; done
  [ -s "$WORK/$site.port" ] || { echo "run_navigation_attacks: the $site server did not start" >&2; exit 1; }
done
remote="http://127.0.0.1:$(cat "$WORK/remote.port")"
other="http://127.0.0.1:$(cat "$WORK/other.port")"
echo "$other" >"$WORK/other_base"
sed -i -e "s|@REMOTE_BASE@|$remote|g" -e "s|@OTHER_BASE@|$other|g" \
  "$WORK/app/warden.conf.json" "$WORK/app/frontend/index.html" "$WORK/app/frontend/next.html" "$WORK/remote/start.html"

status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
