#!/usr/bin/env bash
# Runs the fs plugin's e2e scenarios once: the real `warden run` with the real libfs.so under
# Xvfb, and a page bundled from the unmodified @tauri-apps/plugin-fs.
#   run_fs_e2e.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
# $HOME of the run is WORK_DIR/home: granted/ (main's scope), granted/private/ (denied),
# outside/ (out of scope) and links from granted/ to outside/. Writes WORK_DIR/results.txt and
# WORK_DIR/log.txt.
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_fs_e2e xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
H="$WORK/home"
mkdir -p "$H/granted/docs/sub" "$H/granted/private" "$H/outside" "$WORK/data" "$WORK/config" "$WORK/cache"
printf 'hello from the runner\n' >"$H/granted/hello.txt"
printf 'one\r\ntwo\nthree' >"$H/granted/lines.txt"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' >"$H/granted/bytes.bin"
printf '12345' >"$H/granted/docs/a.md"
printf '67890' >"$H/granted/docs/sub/b.md"
printf 'PRIVATE' >"$H/granted/private/key"
printf 'SECRET' >"$H/outside/secret"
ln -s "$H/outside" "$H/granted/escape"
ln -s "$H/outside/secret" "$H/granted/secret-link"
ln -s "$H/granted/hello.txt" "$H/granted/inner-link"

cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/src/fs.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"
sed -i -e "s|@HOME@|$H|" "$WORK/app/frontend/index.html"

status=0
env HOME="$H" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
  xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PLUGINS" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
