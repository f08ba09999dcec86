#!/usr/bin/env bash
# Runs the e2e scenarios of the first-party plugins os and log once: the real `warden run` with
# the real libos.so and liblog.so under Xvfb, and a frontend bundled from their npm packages.
#   run_plugins_e2e.sh WARDEN_BIN WORK_DIR PLUGIN_DIR...
# Writes WORK_DIR/results.txt ("<window label>\tDONE <json>"), WORK_DIR/log.txt (the host's log)
# and the log plugin's files under WORK_DIR/data (XDG_DATA_HOME of the run) for the checks.
set -euo pipefail
WARDEN=$1
WORK=$2
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)

. "$HERE/e2e_setup.sh"
e2e_require_tools run_plugins_e2e xvfb-run node npm python3
e2e_install_npm "$HERE"

rm -rf "$WORK"
mkdir -p "$WORK/data"
cp -r "$HERE/plugins_app" "$WORK/app"
"$HERE/node_modules/.bin/esbuild" "$HERE/src/plugins.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

# What the page must see, computed here independently of the plugin.
host=$(python3 -c 'import socket; print(socket.gethostname())')
osver=$(python3 -c '
import shlex
for f in ("/etc/os-release", "/usr/lib/os-release"):
    try:
        for line in open(f):
            if line.startswith("VERSION_ID="):
                print(shlex.split(line.strip()[11:])[0]); raise SystemExit
    except FileNotFoundError:
        pass')
arch=$(python3 -c 'import platform; print(platform.machine())')
sed -i -e "s|@HOSTNAME@|$host|" -e "s|@OS_VERSION@|$osver|" -e "s|@ARCH@|$arch|" -e "s|@LOCALE@|fr-CA|" \
  "$WORK/app/frontend/index.html"

# Each folder once (the plugins may share one output folder).
plugin_args=()
declare -A seen=()
for d in "$@"; do [ -n "${seen[$d]:-}" ] || { seen[$d]=1; plugin_args+=(--plugins "$d"); }; done
# The locale comes from LC_MESSAGES (LC_ALL unset); the log folder from XDG_DATA_HOME.
status=0
env -u LC_ALL LC_MESSAGES=fr_CA.UTF-8 XDG_DATA_HOME="$WORK/data" \
  xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" "${plugin_args[@]}" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
