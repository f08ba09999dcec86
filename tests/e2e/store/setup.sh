# Sourced by run_app.sh before each of the store e2e's two runs (RUN=run1|run2, --var): the first
# starts with a damaged store file (kept as broken.orig for check_store_files.py); the page learns
# which run it is and where the app data folder is.
APP_DATA="$WORK/data/dev.warden.e2e.store"
if [ "$RUN" = run1 ]; then
  mkdir -p "$APP_DATA"
  printf '{\n  "a": tru\n}\n' >"$APP_DATA/broken.json"
  cp "$APP_DATA/broken.json" "$WORK/broken.orig"
fi
substitute @RUN@ "$RUN"
substitute @APP_DATA@ "$APP_DATA"
