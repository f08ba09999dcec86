#!/usr/bin/env bash
# Runs the main-thread probe once in the real `warden run` under Xvfb.
#   run_main_thread_probe.sh WARDEN_BIN WORK_DIR PROBE_PLUGIN_DIR
# Writes WORK_DIR/results.txt ("main\tDONE <json>"), WORK_DIR/log.txt (the host's log) and
# WORK_DIR/report.json (the probe's shutdown report). Exits with warden's status: a host that
# hung at exit (a worker waiting for the main thread forever) ends in the ctest timeout.
set -euo pipefail
WARDEN=$1
WORK=$2
PROBE=$3
HERE=$(cd "$(dirname "$0")" && pwd)

for tool in xvfb-run python3; do
  command -v "$tool" >/dev/null || { echo "run_main_thread_probe: '$tool' is required (scripts/install-deps.sh)" >&2; exit 1; }
done

rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
sed -i "s|@REPORT@|$WORK/report.json|" "$WORK/app/warden.conf.json"

status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PROBE" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
[ -f "$WORK/report.json" ] && cat "$WORK/report.json" >&2
exit $status
