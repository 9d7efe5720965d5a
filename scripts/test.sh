#!/usr/bin/env bash
# The README's second command: set everything up, then lint, type-check and run
# the whole test suite (slow tests included), then the web tests again on PostgreSQL.
# CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/pytest -n 2 --dist loadgroup "$@"
# The whole suite above ran the web tests on SQLite; now the same tests on PostgreSQL.
bash scripts/test-web-postgres.sh
