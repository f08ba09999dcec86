#!/usr/bin/env bash
# Runs the hostile page of e2e.security.fs-write once: the real `warden run` with the real libfs.so
# under Xvfb, the page bundled from the unmodified @tauri-apps/plugin-fs.
#   run_fs_write_attacks.sh WARDEN_BIN WORK_DIR PLUGIN_DIR EXAMPLE_CAPABILITY
# EXAMPLE_CAPABILITY is examples/file-explorer/capabilities/main.json, copied unchanged: the page
# attacks with exactly the grant the example ships. $HOME of the run is WORK_DIR/home with
# Documents/ ($DOCUMENT), readonly/ and scratch/. Leaves results.txt and log.txt in WORK_DIR for
# check_attack.py.
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
EXAMPLE_CAPABILITY=$4
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_fs_write_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
H="$WORK/home"
mkdir -p "$H/Documents" "$H/readonly" "$H/scratch" "$H/.config"
printf 'QUARTERLY REPORT\n' >"$H/Documents/report.txt"
printf 'READ ONLY DATA\n' >"$H/readonly/data.txt"

cp -r "$HERE/app" "$WORK/app"
cp "$EXAMPLE_CAPABILITY" "$WORK/app/capabilities/main.json"
"$E2E/node_modules/.bin/esbuild" "$HERE/attacks.js" --bundle --format=iife --log-level=warning \
  --define:__HOME__="\"$H\"" --outfile="$WORK/app/frontend/bundle.js"

status=0
env HOME="$H" XDG_CONFIG_HOME="$H/.config" XDG_DATA_HOME="$H/.local/share" XDG_CACHE_HOME="$H/.cache" \
  xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PLUGINS" --exit-on-title "DONE " \
  --timeout 120 >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
