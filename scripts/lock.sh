#!/usr/bin/env bash
# Refresh requirements.lock, the pinned versions (with hashes) that both README
# commands install. pyproject.toml keeps the ranges; this resolves the newest
# versions inside them for every platform and Python >= 3.11 and writes them down.
# Run it, then `bash scripts/test.sh`, and commit the lock only when the tests pass
# (scripts/try-newest.sh shows what the newest versions break without changing anything).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/uv pip compile pyproject.toml --extra dev --extra spark --extra web \
  --universal --python-version 3.11 --generate-hashes --quiet \
  --custom-compile-command "bash scripts/lock.sh" \
  -o requirements.lock "$@"
echo "requirements.lock refreshed; now run: bash scripts/test.sh"
