#!/usr/bin/env bash
# The one e2e runner: copies a test app into a fresh work folder, bundles its page (with the
# prelude, prelude/scenario.js), serves its remote pages, and runs the real `warden run` under
# Xvfb once, until every window's title says "DONE <json>".
#   run_app.sh --warden BIN --work DIR --app APP_DIR [options]
# Writes WORK/results.txt ("<window>\tDONE <json>" per window, for check_results.py and the
# suites' checks) and WORK/log.txt (the host's log). Options:
#   --bundle JS           esbuild JS (and the prelude it imports) into app/frontend/bundle.js
#   --define NAME=VALUE   an esbuild --define for the bundle
#   --serve NAME DIR      copy DIR to WORK/NAME and serve it over http on a free port; @NAME_BASE@
#                         (upper case, e.g. @REMOTE_BASE@) becomes its http://127.0.0.1:PORT
#   --copy-bundle NAME    also copy the bundle into the served folder NAME
#   --plugins DIR         a plugin folder for `warden run` (repeatable; each folder once)
#   --home                HOME and XDG_{CONFIG,DATA,CACHE}_HOME in WORK/home (the run's own);
#                         without it XDG_CONFIG_HOME is still WORK/xdg-config
#   --data                XDG_DATA_HOME in WORK/data
#   --env NAME=VALUE      more environment for the host (@WORK@ in VALUE: the work folder)
#   --unset NAME          a variable of this environment the host must not get
#   --setup SCRIPT        sourced before the host starts (WORK, APP, E2E set; may write files,
#                         set variables, or call `substitute FROM TO` on the app's files)
#   --var NAME=VALUE      a variable for the setup script (not passed to the host)
#   --log-level L, --log-format F, --timeout S (120), --title PREFIX ("DONE "),
#   --results NAME        results-NAME.txt and log-NAME.txt instead; the work folder is kept
#                         (a second run of the same app)
#   --screenshot FILE     passed to `warden run`
#   --require TOOL        one more tool the run needs
# In the copied app, @WORK@ becomes the work folder and @NAME_BASE@ a served folder's origin
# (warden.conf.json, capabilities/*.json, frontend/*.html). Fails loudly when a tool is missing:
# nothing here skips itself.
set -euo pipefail
E2E=$(cd "$(dirname "$0")" && pwd)
. "$E2E/e2e_setup.sh"

WARDEN= WORK= APP_SRC= BUNDLE= HOME_DIR=0 DATA_DIR=0 SETUP= RESULTS= SCREENSHOT=
LOG_LEVEL=info LOG_FORMAT= TIMEOUT=120 TITLE="DONE "
vars=() unsets=() defines=() serve_names=() serve_dirs=() copy_bundle=() plugins=() envs=() tools=(xvfb-run python3)
while [ $# -gt 0 ]; do
  case $1 in
    --warden) WARDEN=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --app) APP_SRC=$2; shift 2 ;;
    --bundle) BUNDLE=$2; tools+=(node npm); shift 2 ;;
    --define) defines+=("--define:$2"); shift 2 ;;
    --serve) serve_names+=("$2"); serve_dirs+=("$3"); shift 3 ;;
    --copy-bundle) copy_bundle+=("$2"); shift 2 ;;
    --plugins) plugins+=("$2"); shift 2 ;;
    --home) HOME_DIR=1; shift ;;
    --data) DATA_DIR=1; shift ;;
    --env) envs+=("$2"); shift 2 ;;
    --unset) unsets+=("$2"); shift 2 ;;
    --setup) SETUP=$2; shift 2 ;;
    --var) vars+=("$2"); shift 2 ;;
    --log-level) LOG_LEVEL=$2; shift 2 ;;
    --log-format) LOG_FORMAT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --title) TITLE=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    --screenshot) SCREENSHOT=$2; shift 2 ;;
    --require) tools+=("$2"); shift 2 ;;
    *) echo "run_app: unknown option '$1' (see the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$WARDEN" ] && [ -n "$WORK" ] && [ -n "$APP_SRC" ] || { echo "run_app: --warden, --work and --app are required" >&2; exit 2; }
who="run_app ($(basename "$APP_SRC"))"
e2e_require_tools "$who" "${tools[@]}"
[ -z "$BUNDLE" ] || e2e_install_npm "$E2E"

if [ -z "$RESULTS" ]; then
  rm -rf "$WORK"
  results_file=results.txt log_file=log.txt
else
  results_file=results-$RESULTS.txt log_file=log-$RESULTS.txt
fi
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
APP="$WORK/app"
rm -rf "$APP"
cp -r "$APP_SRC" "$APP"

# substitute FROM TO: in the app's config, capabilities and pages, and the served pages.
substitute() {
  local f
  for f in "$APP/warden.conf.json" "$APP"/capabilities/*.json "$APP"/frontend/*.html "${served_files[@]}"; do
    [ -f "$f" ] && sed -i "s|$1|$2|g" "$f"
  done
  return 0
}
served_files=()

servers=()
trap '[ ${#servers[@]} -eq 0 ] || kill "${servers[@]}" 2>/dev/null || true' EXIT
for i in "${!serve_names[@]}"; do
  name=${serve_names[$i]}
  rm -rf "${WORK:?}/$name"
  cp -r "${serve_dirs[$i]}" "$WORK/$name"
  while IFS= read -r -d '' f; do served_files+=("$f"); done < <(find "$WORK/$name" -name '*.html' -print0)
  python3 "$E2E/static_server.py" "$WORK/$name" "$WORK/$name.port" &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$WORK/$name.port" ] && break; sleep 0.05; done
  [ -s "$WORK/$name.port" ] || { echo "$who: the $name server did not start" >&2; exit 1; }
  upper=$(tr '[:lower:]-' '[:upper:]_' <<<"$name")
  substitute "@${upper}_BASE@" "http://127.0.0.1:$(cat "$WORK/$name.port")"
done
substitute @WORK@ "$WORK"

# The host's config folder is always the run's own: a plugin that keeps state there (window-state
# saves every window's geometry in $APPCONFIG) must not carry it from one suite, or one CI run, to
# the next. --home below moves it into WORK/home with the rest.
mkdir -p "$WORK/xdg-config"
host_env=(XDG_CONFIG_HOME="$WORK/xdg-config")
if [ "$HOME_DIR" = 1 ]; then
  mkdir -p "$WORK/home/.config" "$WORK/home/.local/share" "$WORK/home/.cache"
  host_env+=(HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
             XDG_CACHE_HOME="$WORK/home/.cache")
fi
if [ "$DATA_DIR" = 1 ]; then mkdir -p "$WORK/data"; host_env+=(XDG_DATA_HOME="$WORK/data"); fi

for v in "${vars[@]}"; do declare "$v"; done
[ -z "$SETUP" ] || . "$SETUP"

if [ -n "$BUNDLE" ]; then
  "$E2E/node_modules/.bin/esbuild" "$BUNDLE" --bundle --format=iife --log-level=warning \
    "${defines[@]//@WORK@/$WORK}" --outfile="$APP/frontend/bundle.js"
  for name in "${copy_bundle[@]}"; do cp "$APP/frontend/bundle.js" "$WORK/$name/bundle.js"; done
fi

args=(--log-level "$LOG_LEVEL")
[ -z "$LOG_FORMAT" ] || args+=(--log-format "$LOG_FORMAT")
args+=(run "$APP")
declare -A seen=()
for d in "${plugins[@]}"; do [ -n "${seen[$d]:-}" ] || { seen[$d]=1; args+=(--plugins "$d"); }; done
args+=(--exit-on-title "$TITLE" --timeout "$TIMEOUT")
[ -z "$SCREENSHOT" ] || args+=(--screenshot "${SCREENSHOT//@WORK@/$WORK}")

# Test-only environment: only what the options above set. WebKitGTK 4.1 runs as root under Xvfb
# without disabling its sandbox (see docs/ipc.md); if that changes, the setting belongs here.
status=0
for name in "${unsets[@]}"; do unset "$name"; done
env "${host_env[@]}" "${envs[@]//@WORK@/$WORK}" xvfb-run -a "$WARDEN" "${args[@]}" \
  >"$WORK/$results_file" 2> >(tee "$WORK/$log_file" >&2) || status=$?
cat "$WORK/$results_file" >&2
exit $status
