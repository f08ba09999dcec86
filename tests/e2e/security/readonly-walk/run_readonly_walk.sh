#!/usr/bin/env bash
# The hostile walk over the read-only sets (issue 12): one `warden run` under Xvfb whose windows
# each hold exactly one of fs:default, the fs read-*/meta-* sets and os:default, and call every
# command of fs and os with hostile arguments (walk.py plans it from the plugins' manifests,
# walk.js runs it). $HOME, the XDG folders, TMPDIR and the app folder all lie in WORK/scratch;
# WORK/canary lies outside it. Snapshots of both before and after, and strace's record of every
# program started, are what the checks (walk.py check) judge.
#   run_readonly_walk.sh WARDEN_BIN WORK_DIR FS_LIBRARY OS_LIBRARY
set -euo pipefail
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_readonly_walk xvfb-run node npm python3 strace
e2e_install_npm "$E2E"

# Two ctest invocations in one build folder would wipe each other's tree mid-run (and orphan
# each other's Xvfb and web processes): the second waits for the first.
mkdir -p "$(dirname "$WORK")"
exec 9>"$WORK.lock"
flock 9
rm -rf "$WORK"
mkdir -p "$WORK/scratch" "$WORK/bin"
# Every run of the walk uses the same binaries, even if the build relinks them meanwhile.
cp "$1" "$3" "$4" "$WORK/bin/"
# The web extension goes with the binary (warden looks for it in webext/ beside itself).
rm -rf "$WORK/bin/webext"
cp -r "$(dirname "$1")/webext" "$WORK/bin/webext"
WARDEN="$WORK/bin/$(basename "$1")"
FS_LIB="$WORK/bin/$(basename "$3")"
OS_LIB="$WORK/bin/$(basename "$4")"
"$E2E/node_modules/.bin/esbuild" "$HERE/walk.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/bundle.js"
python3 "$HERE/walk.py" plan "$WORK" "$FS_LIB" "$OS_LIB" "$WARDEN" "$HERE/app" "$WORK/bundle.js" "${WALK_BATCH:-55}"
python3 "$HERE/walk.py" snapshot "$WORK" before

S="$WORK/scratch"
# Mesa's shader cache would otherwise land in the scratch tree's XDG cache folder and hide what
# the page did among what the library did. Without compositing, each of the many web processes
# starts faster on Xvfb's software GL (what the pages draw does not matter here).
mkdir -p "$WORK/libcache"
status=0
: >"$WORK/results.txt"
: >"$WORK/log.txt"
mapfile -t apps <"$WORK/batches.txt"
b=0
for app in "${apps[@]}"; do
  # xvfb-run keeps its X authority in TMPDIR: only the host gets the scratch tree's. A session bus
  # address that leads nowhere: without one, GLib (GTK's accessibility bridge) autolaunches a bus
  # through dbus-x11's dbus-launch, whose daemon lives until the X server goes, and strace -f, which
  # follows it, would then wait for it while xvfb-run waits for strace.
  env HOME="$S/home" DBUS_SESSION_BUS_ADDRESS="unix:path=$S/no-session-bus" XDG_CONFIG_HOME="$S/xdg-config" XDG_DATA_HOME="$S/xdg-data" XDG_CACHE_HOME="$S/xdg-cache" \
    XDG_RUNTIME_DIR="$S/xdg-runtime" XDG_BIN_HOME="$S/bin" MESA_SHADER_CACHE_DIR="$WORK/libcache" \
    WEBKIT_DISABLE_COMPOSITING_MODE=1 \
    xvfb-run -a env TMPDIR="$S/tmp" strace -f -qq --seccomp-bpf -e trace=execve -o "$WORK/exec-$b.log" \
    "$WARDEN" --log-level info run "$app" --exit-on-title "DONE " --timeout 280 \
    >>"$WORK/results.txt" 2> >(tee -a "$WORK/log.txt" >&2) 9>&- || status=$?
  b=$((b + 1))
done
python3 "$HERE/walk.py" snapshot "$WORK" after
python3 "$HERE/walk.py" judge "$WORK"
echo "run_readonly_walk: $b runs, last failing status $status; $(grep -c $'\tDONE ' "$WORK/results.txt" || true) windows reported" >&2
exit $status
