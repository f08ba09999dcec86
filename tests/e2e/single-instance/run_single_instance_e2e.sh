#!/usr/bin/env bash
# The single-instance e2e runs its app three times with the one runner (../run_app.sh), each run
# under openbox as instance_runs.sh with the later runs beside it (see there): first (a later run
# hands over and exits), restart (the re-executed run is the instance again), plain (no
# singleInstance: two runs side by side). XDG_RUNTIME_DIR is unset, as in CI: the instances
# folder is /tmp/warden-<uid>/instances. Leaves results-RUN.txt and log-RUN.txt per run and what
# instance_runs.sh writes in WORK_DIR.
#   run_single_instance_e2e.sh WARDEN_BIN WORK_DIR PROBE_PLUGIN_DIR
set -uo pipefail
WARDEN=$1 WORK=$2 PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
PLUGINS=$(realpath "$PLUGINS")  # the later runs start from another folder
status=0
for run in first restart plain; do
  "$HERE/../run_app.sh" --warden "$WARDEN" --work "$WORK" --app "$HERE/app" --results "$run" \
    --bundle "$HERE/single_instance.js" --define "LATER_CWD=\"$WORK/later-cwd\"" --plugins "$PLUGINS" \
    --setup "$HERE/setup.sh" --var RUN="$run" --unset XDG_RUNTIME_DIR --timeout 120 || status=1
done
exit $status
