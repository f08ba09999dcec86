#!/usr/bin/env bash
# Runs every command that reads a plugin folder against one holding a FIFO (libevil.so), a link to
# /dev/zero (libzero.so) and the real ping plugin (libping.so).
#   run_fifo_attacks.sh WARDEN_BIN WORK_DIR PING_LIBRARY
# Each command runs under `timeout` (exit status 124 when it hung); WORK_DIR/<name>.status holds
# its exit status, <name>.out its stdout and <name>.err its stderr, for check_fifo.py.
set -uo pipefail
WARDEN=$1
WORK=$2
PING=$(realpath "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_fifo_attacks xvfb-run timeout mkfifo python3

rm -rf "$WORK"
mkdir -p "$WORK/plugins" "$WORK/pinned" "$WORK/data"
WORK=$(realpath "$WORK")
cp "$PING" "$WORK/plugins/libping.so"
mkfifo "$WORK/plugins/libevil.so"
ln -s /dev/zero "$WORK/plugins/libzero.so"
mkfifo "$WORK/pinned/libpinned.so"
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/app" "$WORK/app-pinned"
pin=0000000000000000000000000000000000000000000000000000000000000000
sed -i -e "s|\"plugins\": {}|\"plugins\": { \"pinned\": { \"path\": \"$WORK/pinned/libpinned.so\", \"sha256\": \"$pin\" } }|" \
  "$WORK/app-pinned/warden.conf.json"
grep -q libpinned "$WORK/app-pinned/warden.conf.json" || { echo "run_fifo_attacks: no pinned plugin in app-pinned" >&2; exit 1; }

# run NAME SECONDS COMMAND...: one command, bounded; never lets a hang stop the others.
run() {
  local name=$1 seconds=$2
  shift 2
  timeout -k 5 "$seconds" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null
  echo $? >"$WORK/$name.status"
  echo "$name: exit $(cat "$WORK/$name.status")" >&2
}

run plugin_ls 20 "$WARDEN" plugin ls --plugins "$WORK/plugins"
run plugin_inspect_fifo 20 "$WARDEN" plugin inspect "$WORK/plugins/libevil.so"
run plugin_inspect_device 20 "$WARDEN" plugin inspect "$WORK/plugins/libzero.so"
run doctor 30 "$WARDEN" doctor "$WORK/app-pinned" --plugins "$WORK/plugins" --dpkg-root "$WORK/no-dpkg"
# --timeout is the run's own bound; the outer one catches a host that blocks before it starts it.
XDG_DATA_HOME="$WORK/data" run warden_run 90 xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" \
  --plugins "$WORK/plugins" --exit-on-title "DONE " --timeout 40
cat "$WORK/warden_run.out" >&2
# plugins.<name>.path naming a FIFO: the library is refused, then the app's ACL (which reads the
# permissions of the libraries the config names) stops the run with an error; it must not hang.
XDG_DATA_HOME="$WORK/data" run pinned_path 90 xvfb-run -a "$WARDEN" --log-level info run "$WORK/app-pinned" \
  --exit-on-title "DONE " --timeout 40
# The runner itself succeeds; the checks judge each command.
exit 0
