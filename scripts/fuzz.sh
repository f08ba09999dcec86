#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address + undefined sanitizers) and runs each
# for FUZZ_SECONDS (default 60). Seeds come from the repository's test data.
#   scripts/fuzz.sh [target_fuzz ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${WARDEN_BUILD_DIR:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DWARDEN_SANITIZE=address,undefined -DWARDEN_FUZZ=ON \
  -DWARDEN_BUILD_TESTS=OFF -DWARDEN_BUILD_BENCHMARKS=OFF
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd tests/fuzz && ls *_fuzz.cpp | sed 's/\.cpp$//'))
cmake --build "$BUILD_DIR" -j "${WARDEN_JOBS:-2}" --target "${targets[@]}" warden_plugins

seed_dir() {  # a fresh corpus folder per target, seeded from test data
  local t=$1 dir="$BUILD_DIR/fuzz-corpus/$1"
  mkdir -p "$dir"
  case $t in
    permission_file_fuzz)
      for f in tests/data/corpus/plugins-workspace/*/permissions/*.toml; do
        [ -f "$f" ] && { printf '\0'; cat "$f"; } > "$dir/$(echo "$f" | md5sum | cut -c1-12)"; done ;;
    capability_fuzz)
      for f in tests/data/conformance/tauri-acl/capabilities/*/cap*; do
        case $f in *.json) b='\1';; *) b='\0';; esac
        { printf "$b"; cat "$f"; } > "$dir/$(echo "$f" | md5sum | cut -c1-12)"; done ;;
    manifest_section_fuzz)  # the section bytes of every plugin the test build made
      for f in "$BUILD_DIR"/plugins/*.so; do
        [ -f "$f" ] && objcopy -O binary --only-section=.warden_manifest "$f" "$dir/$(basename "$f").bin"; done ;;
    isolation_message_fuzz)  # plaintexts as the isolation frame writes them
      printf '{"cmd":"greet","origin":"app://localhost","time":1,"contentType":"application/json"}\n{"name":"a"}' > "$dir/seed1"
      printf '{"cmd":"echo","origin":"app://localhost","time":1,"contentType":"application/octet-stream"}\n\001\002' > "$dir/seed2" ;;
    url_pattern_fuzz)
      printf 'https://*.tauri.app\nhttps://a.tauri.app/x' > "$dir/seed1"
      printf 'http://localhost:*/*\nhttp://user@localhost:8080/' > "$dir/seed2" ;;
  esac
  echo "$dir"
}

for t in "${targets[@]}"; do
  echo "fuzz: $t for ${SECONDS_EACH}s" >&2
  "$BUILD_DIR/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len=65536 "$(seed_dir "$t")"
done
