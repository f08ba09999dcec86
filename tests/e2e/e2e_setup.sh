# Sourced by the e2e runners: what every run needs before it starts the host.
# Fails loudly when a tool is missing: nothing here skips itself.

# e2e_require_tools NAME TOOL...: exits 1 naming the first missing tool.
e2e_require_tools() {
  local who=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$who: '$tool' is required (scripts/install-deps.sh)" >&2; exit 1; }
  done
}

# e2e_install_npm DIR: npm ci in DIR only when its lockfile changed since the last install
# (npm ci wipes node_modules, and every runner shares this one folder).
e2e_install_npm() {
  local dir=$1
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.warden-lock-stamp" 2>/dev/null; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.warden-lock-stamp"
  fi
}
