#!/usr/bin/env bash
# Runs the hostile page of e2e.security.shell once: the real `warden run` with the real
# libshell.so under Xvfb, the page bundled from the unmodified @tauri-apps/plugin-shell.
#   run_shell_attacks.sh WARDEN_BIN WORK_DIR SHELL_LIBRARY
# Leaves in WORK_DIR what check_attack.py inspects: results.txt (each window's report), log.txt
# (the host's log), opened.txt (what the opener received), project/ (the host's working directory,
# a git repository: code run by an attack leaves pwned-* files there) and victim/ (another git
# repository with a staged change: a commit there means git ran where the page chose).
set -euo pipefail
WARDEN=$1
WORK=$2
LIBRARY=$(realpath "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_shell_attacks xvfb-run node npm python3 git bash pwd touch
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/attacks.js" --bundle --format=iife --log-level=warning \
  --define:__WORK__="\"$WORK\"" --outfile="$WORK/app/frontend/bundle.js"

new_repo() {
  git init -q "$1"
  git -C "$1" config user.email e2e@warden.invalid
  git -C "$1" config user.name "warden e2e"
  git -C "$1" commit -q --allow-empty -m "first"
}
new_repo "$WORK/project"
new_repo "$WORK/victim"
echo "not meant to be committed" >"$WORK/victim/staged.txt"
git -C "$WORK/victim" add staged.txt

# A bash script of the kind apps grant: it calls `date`, which an exported function can replace.
cat >"$WORK/stamp.sh" <<'SCRIPT'
#!/bin/bash
echo "stamp $(date +%s)"
SCRIPT
chmod 755 "$WORK/stamp.sh"

cat >"$WORK/opener.sh" <<'SCRIPT'
#!/bin/sh
printf '%s\n' "$1" >> "$(dirname "$0")/opened.txt"
SCRIPT
chmod 755 "$WORK/opener.sh"
touch "$WORK/opened.txt"
sed -i -e "s|@SHELL_LIBRARY@|$LIBRARY|" -e "s|@OPENER@|$WORK/opener.sh|" "$WORK/app/warden.conf.json"
sed -i -e "s|@WORK@|$WORK|g" "$WORK/app/capabilities/"*.json

# The host runs from the app's project, as a developer does: a child with no cwd runs there.
cd "$WORK/project"
status=0
xvfb-run -a "$WARDEN" --log-level debug run "$WORK/app" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
