#!/usr/bin/env bash
# Create .venv and install ovpkit with everything the tests need, at the versions
# pinned (with hashes) in requirements.lock; ovpkit itself goes in editable, without
# resolving anything again. Re-installs only when pyproject.toml or the lock changed.
# To refresh the lock: bash scripts/lock.sh. To see what the newest releases break:
# bash scripts/try-newest.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PYTHON="$candidate"
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "ovpkit needs Python 3.11 or newer; none was found on PATH." >&2
  exit 1
fi

stamp=".venv/.installed-$(cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "Setting up .venv with $PYTHON from requirements.lock (first run takes a few minutes)..."
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
  .venv/bin/python -m pip install --quiet --no-deps -e ".[web]"
  .venv/bin/python -m pip check
  rm -f .venv/.installed-*
  touch "$stamp"
fi
