#!/usr/bin/env bash
# Runs the spawn-cap windows once: the real `warden run` with the real shell, fs and store plugins
# under Xvfb, the page bundled from the unmodified @tauri-apps packages, and the usual soft limit
# of 1,024 open files (what the finding was seen with; the host raises it to the hard limit).
#   run_spawn_cap.sh WARDEN_BIN WORK_DIR SHELL_DIR FS_DIR STORE_DIR
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)
shift 2
plugin_args=()
# One --plugins per folder: the plugins may share one (a second copy of a plugin is refused).
for dir in $(printf '%s\n' "$@" | sort -u); do plugin_args+=(--plugins "$dir"); done

. "$E2E/e2e_setup.sh"
e2e_require_tools run_spawn_cap xvfb-run node npm python3 sleep
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK/data"
cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/spawn-cap.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

if [ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -gt 1024 ]; then ulimit -Sn 1024; fi
echo "open files: soft $(ulimit -Sn), hard $(ulimit -Hn)" >"$WORK/limits.txt"
status=0
XDG_DATA_HOME="$WORK/data" xvfb-run -a "$WARDEN" --log-level debug run "$WORK/app" "${plugin_args[@]}" \
  --exit-on-title "DONE " --timeout 180 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
