#!/usr/bin/env bash
# Runs examples/file-explorer under Xvfb with its #selftest, against a private home whose
# Documents folder this script fills, with the real fs plugin.
#   run_file_explorer.sh WARDEN_BIN EXAMPLE_DIR FS_PLUGIN_DIR WORK_DIR
# Writes WORK_DIR/results.txt ("main\tDONE <json>") for check_explorer.py.
set -euo pipefail
WARDEN=$1 EXAMPLE=$2 PLUGINS=$3 WORK=$4
command -v xvfb-run >/dev/null || { echo "run_file_explorer: xvfb-run is required (scripts/install-deps.sh)" >&2; exit 1; }

rm -rf "$WORK"
docs="$WORK/home/Documents"
mkdir -p "$docs/projects" "$docs/photos" "$WORK/home/.config"
printf 'hello from notes\n' >"$docs/notes.txt"
printf '# plan\n' >"$docs/projects/plan.md"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><circle cx="48" cy="48" r="44" fill="#f59e0b"/></svg>\n' \
  >"$docs/photos/dot.svg"
ln -s /etc "$docs/etc-link"  # inside the granted folder, pointing outside it

cp -r "$EXAMPLE" "$WORK/app"
sed -i 's|"url": "index.html"|"url": "index.html#selftest"|' "$WORK/app/warden.conf.json"

status=0
env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
  XDG_CACHE_HOME="$WORK/home/.cache" \
  xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PLUGINS" --exit-on-title "DONE " \
  --timeout 120 --screenshot "$WORK/file-explorer.png" >"$WORK/results.txt" || status=$?
cat "$WORK/results.txt" >&2
exit $status
