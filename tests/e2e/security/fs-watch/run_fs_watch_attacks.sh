#!/usr/bin/env bash
# Runs e2e.security.fs-watch once: the real `warden run` with the real libfs.so under Xvfb, the
# page (attacks.js) bundled from the unmodified @tauri-apps/plugin-fs, and this script as
# "someone else" sharing the watched folder.
#   run_fs_watch_attacks.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
# $HOME of the run is WORK_DIR/home; the page watches home/data/G, home/outside is out of its
# scope. Leaves results.txt and log.txt in WORK_DIR for check_attack.py.
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_fs_watch_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
G="$WORK/home/data/G"
OUT="$WORK/home/outside"
mkdir -p "$G/sub" "$G/x" "$G/secret" "$OUT" "$WORK/home/.config"
printf 'sub\n' >"$G/sub/old.txt"
printf 'x\n' >"$G/x/old.txt"

cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/attacks.js" --bundle --format=iife --log-level=warning \
  --define:__HOME__="\"$WORK/home\"" --outfile="$WORK/app/frontend/bundle.js"

env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
  XDG_CACHE_HOME="$WORK/home/.cache" \
  xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PLUGINS" --exit-on-title "DONE " \
  --timeout 240 >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) &
warden_pid=$!

# wait_for FILE: until the page has written FILE (bounded: a page that failed early must not
# hang the run; the page then reports what it saw).
wait_for() {
  local i
  for ((i = 0; i < 1800; i++)); do
    [[ -e $1 ]] && return 0
    kill -0 "$warden_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  echo "run_fs_watch_attacks: the page never wrote $1" >&2
  return 1
}

# Someone else, step by step; each step ends with a marker file in G that the page waits for.
if wait_for "$G/ready.txt"; then
  mv "$G/sub" "$OUT/sub"
  printf 'private 1\n' >"$OUT/sub/private-file-1.txt"
  printf 'marker\n' >"$G/moved-sub.txt"
fi
if wait_for "$G/phase2.txt"; then
  for i in 2 3 4; do
    sleep 0.3  # over time: into several of the batched watcher's batches
    printf 'private %s\n' "$i" >"$OUT/sub/private-file-$i.txt"
  done
  printf 'marker\n' >"$G/written-sub.txt"
fi
if wait_for "$G/phase3.txt"; then
  mv "$G/x" "$G/secret/x"
  printf 'marker\n' >"$G/moved-x.txt"
  for i in 1 2 3; do
    sleep 0.3
    printf 'secret %s\n' "$i" >"$G/secret/x/secret-file-$i.txt"
  done
  printf 'marker\n' >"$G/written-x.txt"
fi

status=0
wait "$warden_pid" || status=$?
cat "$WORK/results.txt" >&2
exit $status
