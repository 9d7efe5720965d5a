#!/usr/bin/env bash
# Try the newest releases that pyproject.toml allows, ignoring requirements.lock, and
# report which tests they break. Never blocks: it exits 0 and leaves .venv and the lock
# alone (it builds .venv-newest). When it reports nothing, `bash scripts/lock.sh` is safe.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
rm -rf .venv-newest
"$PYTHON" -m venv .venv-newest
.venv-newest/bin/python -m pip install --quiet --upgrade pip
if ! .venv-newest/bin/python -m pip install --quiet --upgrade -e '.[dev,spark]'; then
  echo "try-newest: the newest releases do not install together (see above)"
  exit 0
fi
echo "try-newest: versions that differ from requirements.lock:"
.venv-newest/bin/python -m pip freeze --exclude-editable | sort >.venv-newest/freeze.txt
grep -E '^[A-Za-z0-9_.-]+==' requirements.lock | sed 's/ .*//' | sort >.venv-newest/locked.txt
comm -13 .venv-newest/locked.txt .venv-newest/freeze.txt | sed 's/^/  /'
.venv-newest/bin/pytest -n 2 --dist loadgroup -q -p no:cacheprovider "$@" >.venv-newest/pytest.log 2>&1
status=$?
tail -n 30 .venv-newest/pytest.log
if [ "$status" -eq 0 ]; then
  echo "try-newest: the whole suite passes on the newest releases"
else
  echo "try-newest: the newest releases break the tests above (exit $status); the lock still holds"
fi
exit 0
