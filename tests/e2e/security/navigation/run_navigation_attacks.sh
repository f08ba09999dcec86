#!/usr/bin/env bash
# Runs the navigation attacks once: the real `warden run` with the real libshell.so under Xvfb,
# the app pages bundled from the unmodified @tauri-apps/api and @tauri-apps/plugin-shell, evil.html
# served from another origin (http://127.0.0.1:PORT).
#   run_navigation_attacks.sh WARDEN_BIN WORK_DIR SHELL_LIBRARY
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>"), WORK_DIR/log.txt (the host's log) and
# WORK_DIR/pids/<name>.pid (the pid of each page's child, written by the child itself).
set -euo pipefail
WARDEN=$1
WORK=$2
LIBRARY=$(realpath "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_navigation_attacks xvfb-run node npm python3 sh sleep kill
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK/pids"
WORK=$(realpath "$WORK")
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/remote" "$WORK/remote"
"$E2E/node_modules/.bin/esbuild" "$HERE/navigation.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

# The page's child: records its pid, then prints a line every 100 ms until something ends it.
cat >"$WORK/ticker.sh" <<SCRIPT
#!/bin/sh
echo \$\$ > "$WORK/pids/\$1.pid"
i=0
while :; do i=\$((i + 1)); echo "tick \$1 \$i"; sleep 0.1; done
SCRIPT
# gone.sh NAME: waits for child NAME's pid file, then at most 15 s for that process to end (its
# page navigates away about a second after starting it). Exit 0 when it ended, 1 when it still runs.
cat >"$WORK/gone.sh" <<SCRIPT
#!/bin/sh
f="$WORK/pids/\$1.pid"
i=0
while [ ! -s "\$f" ] && [ \$i -lt 600 ]; do sleep 0.1; i=\$((i + 1)); done
[ -s "\$f" ] || { echo "child \$1 never started"; exit 2; }
pid=\$(cat "\$f")
i=0
while kill -0 "\$pid" 2>/dev/null && [ \$i -lt 150 ]; do sleep 0.1; i=\$((i + 1)); done
if kill -0 "\$pid" 2>/dev/null; then echo "child \$1 (pid \$pid) still runs 15 s after it started"; exit 1; fi
echo "child \$1 (pid \$pid) ended"
SCRIPT
chmod 755 "$WORK/ticker.sh" "$WORK/gone.sh"

# A second origin for the page the main window navigates to.
python3 "$E2E/static_server.py" "$WORK/remote" "$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || { echo "run_navigation_attacks: the static server did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$WORK/port")"
sed -i -e "s|@SHELL_LIBRARY@|$LIBRARY|" "$WORK/app/warden.conf.json"
sed -i -e "s|@WORK@|$WORK|g" "$WORK/app/capabilities/"*.json
sed -i -e "s|@REMOTE_BASE@|$base|g" "$WORK/app/frontend/"*.html

status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
