#!/usr/bin/env bash
# `warden run` without its web extension (a copy of the binary in a folder with no webext/ beside
# it) must refuse to start, naming where it looked: every IPC call goes through the extension, and
# a run without it would show pages that can call nothing (docs/ipc.md, "Choice").
#   webext_missing.sh WARDEN_BIN
set -euo pipefail
WARDEN=$1
command -v xvfb-run >/dev/null || { echo "webext_missing: xvfb-run is required" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$WARDEN" "$dir/warden"
APP="$dir/app"
mkdir -p "$APP/frontend"
echo '<!doctype html><title>no extension</title>' > "$APP/frontend/index.html"
cat > "$APP/warden.conf.json" <<'JSON'
{ "identifier": "dev.warden.webext-missing", "productName": "No extension", "version": "0.0.1",
  "build": { "frontendDist": "frontend" }, "app": { "windows": [{ "label": "main", "url": "index.html" }] } }
JSON
status=0
out=$(xvfb-run -a "$dir/warden" run "$APP" --timeout 20 2>&1) || status=$?
if [ "$status" -eq 0 ]; then
  echo "webext_missing: warden ran without its web extension (exit 0)"; echo "$out"; exit 1
fi
if ! grep -q "web extension is missing (looked for $dir/webext/libwarden-webext.so" <<<"$out"; then
  echo "webext_missing: exit $status without naming the missing extension:"; echo "$out"; exit 1
fi
echo "refused to start (exit $status): $(grep 'web extension is missing' <<<"$out" | head -1)"
