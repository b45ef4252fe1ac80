#!/usr/bin/env bash
# Runs the real-agent suite inside a new network namespace that has only loopback: the agents,
# their fake models, the daemon and the hooks all talk over 127.0.0.1, and nothing can leave.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=-n
[ "$(id -u)" = 0 ] || flags=-rn # without root: a user namespace too (user namespaces must be on)
exec unshare "$flags" sh -c 'ip link set lo up && exec "$@"' sh \
  node --import tsx --test --test-concurrency=1 "${@:-test/agents/}"
