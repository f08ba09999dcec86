#!/usr/bin/env bash
# Runs the asset protocol attacks once: the real `warden run` under Xvfb, the app page bundled
# with the unmodified @tauri-apps/api, hostile frames and remote windows from a static server.
#   run_asset_attacks.sh WARDEN_BIN WORK_DIR
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>"), WORK_DIR/log.txt (the host's log) and
# WORK_DIR/app/assets/secret.txt, a random secret no test file contains.
set -euo pipefail
WARDEN=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_asset_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/remote" "$WORK/remote"
ASSETS="$WORK/app/assets"
mkdir -p "$ASSETS"
# The asset scope's files: a secret the hostile frames must not read, a red 4x4 PNG, and 20 s of
# silent MP3 (an ID3 header and 766 frames of 417 bytes, MPEG-1 layer III, 128 kb/s, mono).
python3 - "$ASSETS" <<'PY'
import os, secrets, struct, sys, zlib
d = sys.argv[1]
open(os.path.join(d, "secret.txt"), "w").write(secrets.token_hex(16) + "\n")
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
rows = b"".join(b"\x00" + b"\xff\x00\x00\xff" * 4 for _ in range(4))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(os.path.join(d, "dot.png"), "wb").write(png)
frame = bytes([0xFF, 0xFB, 0x90, 0xC0]) + bytes(417 - 4)
# The first frame carries a Xing header with the frame count: the exact duration, known at once.
xing = frame[:21] + b"Xing" + struct.pack(">II", 1, 766)
xing += bytes(417 - len(xing))
open(os.path.join(d, "clip.mp3"), "wb").write(b"ID3\x03\x00\x00\x00\x00\x00\x00" + xing + frame * 765)
PY
"$E2E/node_modules/.bin/esbuild" "$HERE/asset.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"
cp "$WORK/app/frontend/bundle.js" "$WORK/remote/bundle.js"
cp "$HERE/probe.js" "$WORK/app/frontend/probe.js"
cp "$HERE/probe.js" "$WORK/remote/probe.js"

# A second origin for the http iframe and the remote windows.
python3 "$E2E/static_server.py" "$WORK/remote" "$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || { echo "run_asset_attacks: the static server did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$WORK/port")"
sed -i -e "s|@REMOTE_BASE@|$base|g" -e "s|@ASSET_DIR@|$ASSETS|g" \
  "$WORK/app/warden.conf.json" "$WORK/app/frontend/index.html" "$WORK/remote/remote.html"

status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
