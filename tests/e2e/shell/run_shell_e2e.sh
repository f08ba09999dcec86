#!/usr/bin/env bash
# Runs the shell plugin's e2e scenarios once: the real `warden run` with the real libshell.so
# under Xvfb and a frontend bundled from the unmodified @tauri-apps/plugin-shell.
#   run_shell_e2e.sh WARDEN_BIN WORK_DIR SHELL_LIBRARY
# Writes WORK_DIR/results.txt ("<window label>\tDONE <json>"), WORK_DIR/log.txt (the host's log)
# and WORK_DIR/opened.txt, one line per path the opener script was given.
set -euo pipefail
WARDEN=$1
WORK=$2
LIBRARY=$(realpath "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_shell_e2e xvfb-run node npm python3 printf seq cat pwd printenv
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/shell.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

# The opener the plugin runs for open(): records its one argument, as a browser would receive it.
cat >"$WORK/opener.sh" <<'SCRIPT'
#!/bin/sh
printf '%s\n' "$1" >> "$(dirname "$0")/opened.txt"
SCRIPT
chmod 755 "$WORK/opener.sh"
sed -i -e "s|@SHELL_LIBRARY@|$LIBRARY|" -e "s|@OPENER@|$WORK/opener.sh|" "$WORK/app/warden.conf.json"
# The page reads back what the opener recorded through a scope entry naming that one file.
touch "$WORK/opened.txt"
sed -i -e "s|@OPENED_LOG@|$WORK/opened.txt|" "$WORK/app/capabilities/main.json"

status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
