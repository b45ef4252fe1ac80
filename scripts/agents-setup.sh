#!/usr/bin/env bash
# Installs the pinned real agent CLIs that `npm run test:agents` drives, into a cache outside the
# repository ($AARM_AGENTS_DIR, default ~/.cache/aarm-test-agents): about 770 MB of native binaries
# and bundles from the npm registry, a few seconds; a no-op when the pinned versions are already there.
set -euo pipefail
dir="${AARM_AGENTS_DIR:-$HOME/.cache/aarm-test-agents}"
claude_version=2.1.197
codex_version=0.171.0
gemini_version=0.61.0

installed() { node -p "require('$dir/node_modules/$1/package.json').version" 2>/dev/null || true; }
if [ "$(installed @anthropic-ai/claude-code)" != "$claude_version" ] || [ "$(installed @openai/codex)" != "$codex_version" ] ||
  [ "$(installed @google/gemini-cli)" != "$gemini_version" ] ||
  [ ! -x "$dir/node_modules/.bin/claude" ] || [ ! -x "$dir/node_modules/.bin/codex" ] || [ ! -x "$dir/node_modules/.bin/gemini" ]; then
  mkdir -p "$dir"
  echo '{"private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    "@anthropic-ai/claude-code@$claude_version" "@openai/codex@$codex_version" \
    "@google/gemini-cli@$gemini_version" >&2
fi

# The suite runs in a network namespace with loopback only: it needs unshare and ip.
if ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq util-linux iproute2 >/dev/null
  else
    echo "test:agents needs unshare (util-linux) and ip (iproute2); install them" >&2
    exit 1
  fi
fi
"$dir/node_modules/.bin/claude" --version >&2
"$dir/node_modules/.bin/codex" --version >&2
"$dir/node_modules/.bin/gemini" --version >&2
