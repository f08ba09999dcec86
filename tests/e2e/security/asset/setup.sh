# Sourced by run_app.sh (tests/e2e/run_app.sh) for the asset attacks: the asset scope's files
# (a random secret no test file contains, which the hostile frames must not read; a red 4x4
# PNG; 20 s of silent MP3: an ID3 header and 766 frames of 417 bytes, MPEG-1 layer III, 128 kb/s,
# mono) and the probe script beside both pages.
ASSETS="$APP/assets"
mkdir -p "$ASSETS"
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
cp "$(dirname "${BASH_SOURCE[0]}")/probe.js" "$APP/frontend/probe.js"
cp "$(dirname "${BASH_SOURCE[0]}")/probe.js" "$WORK/remote/probe.js"
substitute @ASSET_DIR@ "$ASSETS"
