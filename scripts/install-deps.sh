#!/usr/bin/env bash
# Installs every Debian package Warden needs to build, test and run.
# The one place the package list lives; safe to run again (apt-get skips what is there).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang python3 python3-jsonschema
  libboost1.81-dev libboost-json1.81-dev
  libspdlog-dev libuv1-dev libtomlplusplus-dev libcli11-dev
  libssl-dev libelf-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libwebkit2gtk-4.1-dev xvfb xauth
  nodejs npm
  git strace
  openbox xdotool wmctrl x11-utils python3-gi gir1.2-gtk-3.0
  dbus haskell-status-notifier-item-utils
  xclip xdg-utils desktop-file-utils dbus-x11 dunst libkeybinder-3.0-dev weston
  libcurl4-openssl-dev libarchive-dev minisign openssl
  locales
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node may come from outside Debian on some machines: keep it if it is recent enough.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=()
for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done

if [ ${#filtered[@]} -eq 0 ]; then
  echo "install-deps: all packages present" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${filtered[@]}"
