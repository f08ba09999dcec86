#!/usr/bin/env bash
# The single-instance e2e's host (setup.sh makes it what run_app.sh starts, under openbox): starts
# the app with the run's arguments and, beside it, what RUN needs on the same display:
#   first:   a cover window takes the front; a later run `-- a b` from WORK/later-cwd must exit 0
#            within seconds, open no window, and bring the app's window to the front; then a
#            later run `-- done` tells the page it may report.
#   restart: the page restarts the app; the re-executed run must be the instance again: a later
#            run `-- after-restart` reaches it.
#   plain:   singleInstance off: a second run starts beside the first and runs its own page.
#   instance_runs.sh WORK WARDEN RUN ARGS...   (ARGS: run_app.sh's, for the app's run)
# Writes WORK/<run>-host.log (the app's log), WORK/later-<name>.{json,log,out} per later run and
# WORK/window-check.json (first); the app's stdout (its results) is this script's.
set -uo pipefail
work=$1 warden=$2 run=$3
shift 3
args=("$@")
here=$(cd "$(dirname "$0")" && pwd)
socket="/tmp/warden-$(id -u)/instances/dev.warden.e2e.single-instance.sock"
say() { echo "instance_runs ($run): $*" >&2; }

# later NAME ARG...: a later `warden run` of the same app from WORK/later-cwd, with ARGs after --.
later() {
  local name=$1 t0 status=0
  shift
  mkdir -p "$work/later-cwd"
  t0=$(date +%s%N)
  (cd "$work/later-cwd" && timeout 60 "$warden" "${args[@]}" -- "$@") >"$work/later-$name.out" 2>"$work/later-$name.log" ||
    status=$?
  printf '{"status": %d, "ms": %d}\n' "$status" $((($(date +%s%N) - t0) / 1000000)) >"$work/later-$name.json"
  say "later run '$name' ($*) ended with $status"
}

# window_of PID: the visible window of the app process PID, waiting up to 60 s.
window_of() {
  local w
  for _ in $(seq 600); do
    w=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | head -1)
    [ -n "$w" ] && { echo "$w"; return 0; }
    sleep 0.1
  done
  return 1
}

# count_in_log FILE TEXT: how many lines of FILE hold TEXT.
count_in_log() { grep -cF -- "$2" "$1" 2>/dev/null || true; }

first() {
  "$warden" "${args[@]}" -- first "second arg" 2> >(tee "$work/first-host.log" >&2) &
  local app=$! main cover active cover_first=false main_after=false max_windows=0 sampler
  main=$(window_of "$app") || say "the app's window never showed"
  for _ in $(seq 200); do [ -S "$socket" ] && break; sleep 0.05; done
  /usr/bin/python3 "$here/cover_window.py" &
  cover=$!
  for _ in $(seq 100); do
    [ "$(xdotool getactivewindow getwindowname 2>/dev/null)" = cover ] && { cover_first=true; break; }
    sleep 0.1
  done
  # The app's windows (WM_CLASS warden) while the later run lives: the first run's one only.
  (while :; do xdotool search --onlyvisible --classname warden 2>/dev/null | wc -l; sleep 0.05; done) \
    >"$work/later-windows.txt" &
  sampler=$!
  later second a b
  kill "$sampler" 2>/dev/null
  wait "$sampler" 2>/dev/null
  max_windows=$(sort -n "$work/later-windows.txt" | tail -1)
  for _ in $(seq 50); do
    active=$(xdotool getactivewindow 2>/dev/null)
    [ -n "$main" ] && [ "$active" = "$main" ] && { main_after=true; break; }
    sleep 0.1
  done
  printf '{"main": "%s", "cover_was_active": %s, "main_active_after": %s, "active_after": "%s", "max_app_windows": %s}\n' \
    "$main" "$cover_first" "$main_after" "$active" "${max_windows:-0}" >"$work/window-check.json"
  kill "$cover" 2>/dev/null
  later done done
  wait "$app"
}

restart() {
  "$warden" "${args[@]}" -- restart-me 2> >(tee "$work/restart-host.log" >&2) &
  local app=$!
  for _ in $(seq 600); do
    [ "$(count_in_log "$work/restart-host.log" 'this run is the instance')" -ge 2 ] && break
    sleep 0.1
  done
  window_of "$app" >/dev/null || say "the restarted app's window never showed"
  later after-restart after-restart
  wait "$app"
}

plain() {
  "$warden" "${args[@]}" -- plain-one 2> >(tee "$work/plain-host.log" >&2) &
  local app=$! status=0 second=0
  "$warden" "${args[@]}" -- plain-two >"$work/plain-second-results.txt" 2>"$work/plain-second.log" || second=$?
  echo "$second" >"$work/plain-second.status"
  wait "$app" || status=$?
  return $status
}

case $run in
  first | restart | plain) "$run" ;;
  *) say "unknown run"; exit 2 ;;
esac
