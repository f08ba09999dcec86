#!/usr/bin/env bash
# The http e2e's host wrapper (e2e_wrap_host): writes the host's pid to WORK/host.pid, where
# http_driver.py reads its memory (/proc/PID/status), then becomes the host (exec keeps the pid).
#   record_pid.sh WORK WARDEN ARGS...
set -euo pipefail
work=$1
shift
echo $$ >"$work/host.pid"
exec "$@"
