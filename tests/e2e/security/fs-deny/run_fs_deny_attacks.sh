#!/usr/bin/env bash
# Runs the hostile page of e2e.security.fs-deny once: the real `warden run` with the real libfs.so
# under Xvfb, the page bundled from the unmodified @tauri-apps/plugin-fs.
#   run_fs_deny_attacks.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
# $HOME of the run is WORK_DIR/home; data/ holds what the capability allows and denies. Leaves
# results.txt and log.txt in WORK_DIR for check_attack.py.
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_fs_deny_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
D="$WORK/home/data"
mkdir -p "$D/work/confidential" "$D/old/confidential" "$D/vault" "$D/safe" "$D/drop" "$D/plain" "$WORK/home/.config"
printf 'CONFIDENTIAL\n' >"$D/work/confidential/c.txt"
printf 'notes\n' >"$D/work/notes.txt"
printf 'OLD CONFIDENTIAL\n' >"$D/old/confidential/o.txt"
printf 'VAULT\n' >"$D/vault/v.txt"
printf 'SAFE\n' >"$D/safe/s.txt"
printf 'planted\n' >"$D/drop/planted.txt"
printf 'plain\n' >"$D/plain/p.txt"

cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/attacks.js" --bundle --format=iife --log-level=warning \
  --define:__HOME__="\"$WORK/home\"" --outfile="$WORK/app/frontend/bundle.js"

status=0
env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
  XDG_CACHE_HOME="$WORK/home/.cache" \
  xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PLUGINS" --exit-on-title "DONE " \
  --timeout 120 >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
