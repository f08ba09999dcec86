#!/usr/bin/env bash
# The updater e2e (tests/e2e/updater): makes everything a release needs at test time and runs the
# app twice with the one runner (../run_app.sh):
#   - a minisign key pair for the app (its config's pubkey) and another one, with Debian's minisign;
#   - the releases, copies of ./app with the page bundled: 1.1.0 (the update, tar + minisign -S),
#     0.9.0 (older, signed in minisign's legacy format), another identifier's 1.2.0, and archives
#     with a tampered byte, the other key's signature, a ".." entry, a symlink entry, no
#     warden.conf.json, an archive over maxArchiveBytes; an interrupted download of 1.1.0
#     (updater_server.py /cut/);
#   - updater_server.py on 127.0.0.1 serving them (dangerousInsecureTransportProtocol: plain http
#     on loopback), and twice over HTTPS with certificates made by openssl: one trusted for the run
#     through SSL_CERT_FILE (the plugin's documented trust setting), one trusted by nobody;
#   update:   one run, three loads (src/updater.js): attacks, a later 1.0.0, the update, 1.1.0;
#   insecure: the same app without dangerousInsecureTransportProtocol: check refuses.
# With SUITE "plugin-folders" (a second fixture, its own WORK_DIR) the runs are instead those of
# plugin_folder_runs.sh: an app whose --plugins folder lies inside its app folder, and one with a
# shared --plugins folder outside it.
# Leaves results-*.txt, log-*.txt, page-results-*.txt, snapshot-*.json and server-log.jsonl in WORK_DIR.
#   run_updater_e2e.sh WARDEN_BIN WORK_DIR PLUGIN_DIR [SUITE: main (default) | plugin-folders]
set -euo pipefail
WARDEN=$1 WORK=$2 PLUGINS=$3 SUITE=${4:-main}
case $SUITE in
  main) MAX_ARCHIVE_BYTES=1048576 ;;
  plugin-folders) MAX_ARCHIVE_BYTES=67108864 ;;  # its archives carry plugin libraries (with debug info)
  *) echo "updater e2e: unknown suite '$SUITE'" >&2; exit 2 ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/.." && pwd)
. "$E2E/e2e_setup.sh"
e2e_require_tools "updater e2e" minisign tar python3 base64 node npm openssl
e2e_install_npm "$E2E"
rm -rf "$WORK"
mkdir -p "$WORK/keys" "$WORK/releases" "$WORK/served/files" "$WORK/served/dyn"
WORK=$(realpath "$WORK")

minisign -G -W -p "$WORK/keys/app.pub" -s "$WORK/keys/app.key" >/dev/null
minisign -G -W -p "$WORK/keys/other.pub" -s "$WORK/keys/other.key" >/dev/null
PUBKEY=$(base64 -w0 "$WORK/keys/app.pub")  # Tauri's pubkey: the base64 of the whole .pub file

mkdir -p "$WORK/tls"
for name in trusted untrusted; do
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$WORK/tls/$name.key" -out "$WORK/tls/$name.pem" 2>/dev/null
done

servers=()
trap '[ ${#servers[@]} -eq 0 ] || kill "${servers[@]}" 2>/dev/null || true' EXIT
# serve NAME [CERT KEY]: an update server; its port in WORK/NAME.port.
serve() {
  python3 "$HERE/updater_server.py" "$WORK/served" "$WORK/$1.port" "$WORK/app" "$WORK/server-log.jsonl" "${@:2}" &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$WORK/$1.port" ] && break; sleep 0.05; done
  [ -s "$WORK/$1.port" ] || { echo "updater e2e: the $1 update server did not start" >&2; exit 1; }
}
serve server
serve tls-trusted "$WORK/tls/trusted.pem" "$WORK/tls/trusted.key"
serve tls-untrusted "$WORK/tls/untrusted.pem" "$WORK/tls/untrusted.key"
PORT=$(cat "$WORK/server.port")
BASE="http://127.0.0.1:$PORT"

"$E2E/node_modules/.bin/esbuild" "$HERE/src/updater.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/bundle.js"

# release NAME VERSION IDENTIFIER [MODE]: ./app as that version of the page's MODE (update),
# page bundled, ready to archive.
release() {
  local dir="$WORK/releases/$1"
  cp -r "$HERE/app" "$dir"
  cp "$WORK/bundle.js" "$dir/frontend/bundle.js"
  sed -i -e "s|@VERSION@|$2|; s|@PORT@|$PORT|g; s|@PUBKEY@|$PUBKEY|; s|@INSECURE@|true|" \
    -e "s|@MAX_ARCHIVE_BYTES@|$MAX_ARCHIVE_BYTES|g" \
    -e "s|\"dev.warden.e2e.updater\"|\"$3\"|" "$dir/warden.conf.json"
  sed -i "s|@MODE@|${4:-update}|; s|@PORT@|$PORT|" "$dir/frontend/index.html"
}
# sign FILE KEY [-l]: FILE.minisig; prints the base64 of it (Tauri's signature field).
sign() {
  minisign -S -s "$WORK/keys/$2.key" -m "$1" -x "$1.minisig" ${3:-} >/dev/null
  base64 -w0 "$1.minisig"
}
# offer TARGET VERSION FILE SIGNATURE [ROUTE [BASE]]: the dynamic endpoint's answer for TARGET.
offer() {
  printf '{"version":"%s","url":"%s/%s/%s","signature":"%s","notes":"%s","pub_date":"2026-12-01T00:00:00Z"}\n' \
    "$2" "${6:-$BASE}" "${5:-files}" "$(basename "$3")" "$4" "$1" >"$WORK/served/dyn/$1.json"
}
files=$WORK/served/files

# run MODE PLUGIN_FOLDER [run_app.sh options]: one run of the 1.0.0 app (setup.sh) with the page's MODE.
run() {
  "$E2E/run_app.sh" --warden "$WARDEN" --work "$WORK" --app "$HERE/app" --results "$1" \
    --bundle "$HERE/src/updater.js" --data --plugins "$2" --setup "$HERE/setup.sh" \
    --var MODE="$1" --var PORT="$PORT" --var PUBKEY="$PUBKEY" --var MAX_ARCHIVE_BYTES="$MAX_ARCHIVE_BYTES" --unset WARDEN_RAPID_RESTARTS --timeout 180 \
    --env SSL_CERT_FILE="$WORK/tls/trusted.pem" --unset SSL_CERT_DIR "${@:3}"
}

if [ "$SUITE" = plugin-folders ]; then
  . "$HERE/plugin_folder_runs.sh"
  exit 0
fi

release v110 1.1.0 dev.warden.e2e.updater
release v090 0.9.0 dev.warden.e2e.updater
release other 1.2.0 dev.warden.e2e.other
tar -czf "$files/app-1.1.0.tar.gz" -C "$WORK/releases/v110" .
good=$(sign "$files/app-1.1.0.tar.gz" app)
printf '{"version":"1.1.0","notes":"the real one","pub_date":"2026-12-01T00:00:00Z","platforms":{"linux-x86_64":{"url":"%s/files/not-for-warden.tar.gz","signature":"x"},"linux-x86_64-warden":{"url":"%s/files/app-1.1.0.tar.gz","signature":"%s"}}}\n' \
  "$BASE" "$BASE" "$good" >"$WORK/served/static.json"

cp "$files/app-1.1.0.tar.gz" "$files/tampered.tar.gz"
python3 - "$files/tampered.tar.gz" <<'PY'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[len(data) // 2] ^= 0x01
open(path, "wb").write(bytes(data))
PY
offer tampered 1.1.0 "$files/tampered.tar.gz" "$good"

cp "$files/app-1.1.0.tar.gz" "$files/wrongkey.tar.gz"
offer wrongkey 1.1.0 "$files/wrongkey.tar.gz" "$(sign "$files/wrongkey.tar.gz" other)"

tar -czf "$files/older.tar.gz" -C "$WORK/releases/v090" .
older_signature=$(sign "$files/older.tar.gz" app -l)
offer older 9.9.9 "$files/older.tar.gz" "$older_signature"
# The older archive again, over HTTPS: with the trusted certificate it downloads and verifies (and
# is refused for its version, so the run goes on); with the other one it never connects.
offer tls-trusted 1.1.0 "$files/older.tar.gz" "$older_signature" files "https://127.0.0.1:$(cat "$WORK/tls-trusted.port")"
offer tls-untrusted 1.1.0 "$files/older.tar.gz" "$older_signature" files "https://127.0.0.1:$(cat "$WORK/tls-untrusted.port")"

tar -czf "$files/otherid.tar.gz" -C "$WORK/releases/other" .
offer otherid 1.1.0 "$files/otherid.tar.gz" "$(sign "$files/otherid.tar.gz" app)"

# Entries tar would not write as given: "../escaped.txt" and a symlink to ".." written through.
python3 - "$WORK/releases/v110" "$files" <<'PY'
import io, os, sys, tarfile
app, out = sys.argv[1:3]
def build(name, extra):
    with tarfile.open(os.path.join(out, name), "w:gz") as t:
        t.add(app, arcname=".")
        for info, data in extra:
            t.addfile(info, io.BytesIO(data) if data is not None else None)
def file(name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data
link = tarfile.TarInfo("./escape")
link.type = tarfile.SYMTYPE
link.linkname = ".."
build("traversal.tar.gz", [file("../escaped-traversal.txt", b"outside")])
build("symlink.tar.gz", [(link, None), file("./escape/escaped-symlink.txt", b"outside")])
with tarfile.open(os.path.join(out, "notours.tar.gz"), "w:gz") as t:
    info, data = file("./myapp.AppImage", b"\x7fELF not an app folder")
    t.addfile(info, io.BytesIO(data))
PY
offer traversal 1.1.0 "$files/traversal.tar.gz" "$(sign "$files/traversal.tar.gz" app)"
offer symlink 1.1.0 "$files/symlink.tar.gz" "$(sign "$files/symlink.tar.gz" app)"
offer notours 1.1.0 "$files/notours.tar.gz" "$(sign "$files/notours.tar.gz" app)"
offer cut 1.1.0 "$files/app-1.1.0.tar.gz" "$good" cut

# Over the config's maxArchiveBytes (1 MiB in this suite): 2 MiB that gzip cannot shrink.
cp -r "$WORK/releases/v110" "$WORK/releases/huge"
head -c 2097152 /dev/urandom >"$WORK/releases/huge/frontend/padding.bin"
tar -czf "$files/huge.tar.gz" -C "$WORK/releases/huge" .
offer huge 1.1.0 "$files/huge.tar.gz" "$(sign "$files/huge.tar.gz" app)"

run insecure "$PLUGINS"
rm -rf "$WORK/data"  # the update run starts with no page state
# What a run killed mid-extraction leaves beside the app folder, and a symlink named like it that
# points at a folder of the user's: the first install removes the one, never follows the other
# (check_updater_run.py stale_leftover_removed).
mkdir -p "$WORK/.app.update-Stale1/frontend" "$WORK/precious"
echo half >"$WORK/.app.update-Stale1/frontend/index.html"
echo precious >"$WORK/precious/file"
ln -s "$WORK/precious" "$WORK/.app.update-Link12"
run update "$PLUGINS"
