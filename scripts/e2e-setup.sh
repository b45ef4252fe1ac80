#!/usr/bin/env bash
# Prepares this machine for the end-to-end tests (see /work/shared/design/VSCODE-TESTING.md):
# Debian packages, then code-server 4.100.3 (VS Code 1.100.3) in .vscode-test/code-server/, outside
# the project's dependency tree. Idempotent: a second run checks and returns in about a second.
# Prints the code-server binary path on stdout (everything else goes to stderr).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_VERSION=4.100.3 # later versions need Node 22+; this machine has Node 20
DEST="$ROOT/.vscode-test/code-server"
BIN="$DEST/node_modules/.bin/code-server"
log() { echo "e2e-setup: $*" >&2; }

# 1. System packages, only the missing ones (one apt-get update at most).
PKGS=(build-essential python3 pkg-config libkrb5-dev chromium ripgrep)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q >&2
  "${SUDO[@]}" apt-get install -y -q "${missing[@]}" >&2
fi

# 2. code-server, unless a working one of the pinned version is already there.
works() {
  # Own HOME so the check leaves nothing in the real one. The first run there also logs
  # "Wrote default config file" on stdout, hence grep for the version line.
  local out
  out="$(HOME="$DEST/tmp/check-home" "$BIN" --version 2>/dev/null)" || return 1
  grep -q "^$CS_VERSION " <<<"$out"
}
if ! works; then
  log "installing code-server $CS_VERSION into $DEST (about a minute)"
  rm -rf "$DEST"
  mkdir -p "$DEST/tmp"
  # @vscode/ripgrep's postinstall downloads rg from GitHub; pre-fill its cache (keyed on os.tmpdir())
  # with Debian's rg so it never goes online.
  export TMPDIR="$DEST/tmp"
  rgc="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgc"
  tar czf "$rgc/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  # node-pty compiles against Node's headers: use the installed ones (Debian's nodejs ships them)
  # rather than let node-gyp download them.
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="${npm_config_nodedir:-$node_prefix}"; fi
  # Own package.json, so npm installs here and not into the project above.
  echo '{ "name": "aarm-e2e-code-server", "private": true }' >"$DEST/package.json"
  # unsafe_perm: code-server's postinstall refuses root without it.
  # yes: the machine's npm config says yes=false, and node-pty's postinstall runs `npx node-gyp`.
  (cd "$DEST" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2)
  works || {
    log "code-server installed but '$BIN --version' fails"
    exit 1
  }
fi
echo "$BIN"
