# Sourced by the e2e runners: what every run needs before it starts the host.
# Fails loudly when a tool is missing: nothing here skips itself.

# e2e_require_tools NAME TOOL...: exits 1 naming the first missing tool.
e2e_require_tools() {
  local who=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$who: '$tool' is required (scripts/install-deps.sh)" >&2; exit 1; }
  done
}

# e2e_install_npm DIR: npm ci in DIR only when its lockfile changed since the last install
# (npm ci wipes node_modules, and every runner shares this one folder).
e2e_install_npm() {
  local dir=$1
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.warden-lock-stamp" 2>/dev/null; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.warden-lock-stamp"
  fi
}

# e2e_start_driver SUITE SCRIPT NAME: starts a page driver (SCRIPT, an HTTP server built on
# page_driver.py, under Debian's /usr/bin/python3 that has gi) with the run's folder, its log in
# $WORK/NAME.log; adds it to run_app.sh's `servers` (stopped on exit), waits up to 5 s for the
# port it writes to $WORK/NAME.port and puts its address where the app says @DRIVER_BASE@.
e2e_start_driver() {
  local suite=$1 script=$2 name=$3
  rm -f "$WORK/$name.port"
  /usr/bin/python3 "$script" "$WORK" "$WORK/$name.port" 2>"$WORK/$name.log" &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$WORK/$name.port" ] && break; sleep 0.05; done
  [ -s "$WORK/$name.port" ] ||
    { echo "$suite: $(basename "$script") did not start (see $WORK/$name.log)" >&2; exit 1; }
  substitute @DRIVER_BASE@ "http://127.0.0.1:$(cat "$WORK/$name.port")"
}

# e2e_require_gi SUITE NAMESPACE VERSION: exits 1 unless Debian's /usr/bin/python3 (the drivers')
# has gi with NAMESPACE at VERSION.
e2e_require_gi() {
  /usr/bin/python3 -c "import gi; gi.require_version('$2', '$3'); from gi.repository import $2" ||
    { echo "$1: /usr/bin/python3 has no gi with $2 $3 (scripts/install-deps.sh)" >&2; exit 1; }
}

# e2e_wrap_host WRAPPER [PREFIX [WRAPPER-ARG...]]: the host runs as `PREFIX WRAPPER WRAPPER-ARG...
# WORK WARDEN ARGS...` from now on (WARDEN becomes $WORK/host.sh): the wrapper brings up what the
# host runs inside (a window manager, a bus), PREFIX is a command to start it under
# (dbus-run-session --) and the WRAPPER-ARGs, each kept as one word, say what it brings up
# (under_session_bus.sh's service).
e2e_wrap_host() {
  local wrapper=$1 prefix=${2:+$2 } args=''
  shift $(($# < 2 ? $# : 2))
  [[ $# -eq 0 ]] || args="$(printf '%q ' "$@")"
  # bash reads the WRAPPER-ARGs back as printf %q quoted them.
  printf '#!/usr/bin/env bash\nexec %s"%s" %s"%s" "%s" "$@"\n' "$prefix" "$wrapper" "$args" "$WORK" "$(realpath "$WARDEN")" \
    >"$WORK/host.sh"
  chmod +x "$WORK/host.sh"
  WARDEN="$WORK/host.sh"
}
