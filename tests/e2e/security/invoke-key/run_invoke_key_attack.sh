#!/usr/bin/env bash
# Runs the invoke-key capture (issue 12, finding 7) once: the real `warden run` with the real
# libfs.so under Xvfb on app/ (a page that frames a page of its own origin and wraps the child
# window's functions before the child's bridge runs; fs:allow-write-file on $HOME/data/**).
#   run_invoke_key_attack.sh WARDEN_BIN WORK_DIR FS_PLUGIN_DIR
# $HOME of the run is WORK_DIR/home; a raw request with a captured key would write into
# WORK_DIR/home/data. Writes
# WORK_DIR/results.txt and WORK_DIR/log.txt for check_attack.py.
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_invoke_key_attack xvfb-run sed

rm -rf "$WORK"
H="$WORK/home"
mkdir -p "$H/data" "$WORK/xdg/data" "$WORK/xdg/config" "$WORK/xdg/cache"
cp -r "$HERE/app" "$WORK/app"
sed -i -e "s|@DATA@|$H/data|" "$WORK/app/frontend/index.html"

status=0
env HOME="$H" XDG_DATA_HOME="$WORK/xdg/data" XDG_CONFIG_HOME="$WORK/xdg/config" XDG_CACHE_HOME="$WORK/xdg/cache" \
  xvfb-run -a "$WARDEN" --log-level info --log-format json run "$WORK/app" --plugins "$PLUGINS" \
  --exit-on-title "DONE " --timeout 60 >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
