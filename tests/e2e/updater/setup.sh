# Sourced by run_app.sh before each of the updater e2e's runs (MODE=update|insecure|inside|shared,
# PORT, PUBKEY, MAX_ARCHIVE_BYTES, and for a run whose plugins live in its app folder APP_PLUGINS
# and BUILD_PLUGINS: --var): the copied app as version 1.0.0 of the run's server and key, with
# those plugins of the build copied into its plugins folder.
insecure=true
[ "$MODE" != insecure ] || insecure=false
substitute @MODE@ "$MODE"
substitute @VERSION@ 1.0.0
substitute @PORT@ "$PORT"
substitute @PUBKEY@ "$PUBKEY"
substitute @INSECURE@ "$insecure"
substitute @MAX_ARCHIVE_BYTES@ "$MAX_ARCHIVE_BYTES"
if [ -n "${APP_PLUGINS:-}" ]; then
  mkdir "$APP/plugins"
  for name in $APP_PLUGINS; do cp "$BUILD_PLUGINS/lib$name.so" "$APP/plugins/"; done
fi
