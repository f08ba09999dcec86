# Sourced by run_updater_e2e.sh for its "plugin-folders" suite, after the keys, servers, bundle and
# its release/sign/offer/run functions: where the update archive's ./plugins goes
# (docs/plugins/updater.md, "Plugins"), with the plugins the page needs copied from the build.
#   inside: `--plugins <app folder>/plugins` (setup.sh copies them there). Archives without
#     ./plugins, and with ./plugins a file, are refused with the app folder unchanged; the 1.1.0
#     archive's ./plugins adds the ping plugin, which its capability needs: the relaunched 1.1.0
#     starts only if it loaded its plugins from the new folder, and its page calls ping.
#   shared: `--plugins WORK/shared-plugins`, outside the app folder. The 1.1.0 archive carries
#     ./plugins too (ping and a marker file): it installs into the app folder only, the shared
#     folder stays byte for byte as it was (check_updater_run.py shared_folder_unchanged) and the
#     relaunch still loads from it (ping is not there: refused). Before it, a 1.1.0 whose capability
#     needs ping (its ./plugins has it, the shared folder not) and one whose app.library names a
#     file it lacks are refused: the host would not start them (check_updater_run.py
#     shared_folder_unchanged_by_refusal, shared_refusal_logged).
# Each run's page reports go to page-results-<mode>.txt.
app_plugins="updater process store"  # what the page uses: check, relaunch, the state across loads

# plugins_of RELEASE NAMES...: RELEASE/plugins holding those plugins of the build.
plugins_of() {
  local dir="$WORK/releases/$1/plugins" name
  mkdir -p "$dir"
  for name in "${@:2}"; do cp "$PLUGINS/lib$name.so" "$dir/"; done
}
# ping_capability RELEASE: the main window may call ping (a capability naming an unloaded plugin stops the run).
ping_capability() {
  printf '{ "identifier": "ping-main", "windows": ["main"], "permissions": ["ping:default"] }\n' \
    >"$WORK/releases/$1/capabilities/ping.json"
}
# archive RELEASE TARGET: the release archived, signed and offered for the page's check({target}).
archive() {
  tar -czf "$files/$1.tar.gz" -C "$WORK/releases/$1" .
  offer "$2" 1.1.0 "$files/$1.tar.gz" "$(sign "$files/$1.tar.gz" app)"
}

# The plugin lists are words (unquoted on purpose).
release inside-v110 1.1.0 dev.warden.e2e.updater inside
plugins_of inside-v110 $app_plugins ping
ping_capability inside-v110
archive inside-v110 inside
release inside-noplugins 1.1.0 dev.warden.e2e.updater inside
archive inside-noplugins noplugins
release inside-pluginsfile 1.1.0 dev.warden.e2e.updater inside
echo "not a folder" >"$WORK/releases/inside-pluginsfile/plugins"
archive inside-pluginsfile pluginsfile

release shared-v110 1.1.0 dev.warden.e2e.updater shared
plugins_of shared-v110 $app_plugins ping
echo "written by the shared run's archive" >"$WORK/releases/shared-v110/plugins/from-archive.txt"
archive shared-v110 shared
release shared-ping 1.1.0 dev.warden.e2e.updater shared
plugins_of shared-ping $app_plugins ping
ping_capability shared-ping
archive shared-ping sharedping
release shared-nolib 1.1.0 dev.warden.e2e.updater shared
sed -i 's|"app": {|"app": { "library": "missing.app.so",|' "$WORK/releases/shared-nolib/warden.conf.json"
grep -q '"library": "missing.app.so"' "$WORK/releases/shared-nolib/warden.conf.json"
archive shared-nolib sharednolib

# Each run's page reports to the server's page-results.txt: kept per run.
run_reporting() {
  rm -rf "$WORK/data" "$WORK/page-results.txt"  # each run starts with no page state
  run "$@"
  [ ! -e "$WORK/page-results.txt" ] || mv "$WORK/page-results.txt" "$WORK/page-results-$1.txt"
}

run_reporting inside "$WORK/app/plugins" --var APP_PLUGINS="$app_plugins" --var BUILD_PLUGINS="$PLUGINS"

mkdir -p "$WORK/shared-plugins"
for name in $app_plugins; do cp "$PLUGINS/lib$name.so" "$WORK/shared-plugins/"; done
python3 "$HERE/check_updater_run.py" "$WORK" record_shared_folder
run_reporting shared "$WORK/shared-plugins"
