#!/usr/bin/env bash
# Runs the scope-errors probe page once with the real `warden run`, the real libshell.so, libfs.so
# and libstore.so under Xvfb.
#   run_scope_errors.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's JSON log).
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_scope_errors xvfb-run printf

rm -rf "$WORK"
mkdir -p "$WORK/home/allowed/secret" "$WORK/data"
printf 'readable\n' >"$WORK/home/allowed/note.txt"
printf 'do not tell\n' >"$WORK/home/allowed/secret/key.txt"
cp -r "$HERE/app" "$WORK/app"

status=0
env HOME="$WORK/home" XDG_DATA_HOME="$WORK/data" \
  xvfb-run -a "$WARDEN" --log-level info --log-format json run "$WORK/app" --plugins "$PLUGINS" \
  --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
