#!/usr/bin/env bash
# The README's first command: set everything up, then start the office's web workspace
# with the demo (`ovpkit serve`): it prints the address and one login per role; Ctrl+C
# stops it. Arguments go to `ovpkit serve` (e.g. --port 8080 --lang es --home DIR).
# The four cities' reports as files instead: .venv/bin/ovpkit demo --out ovpkit-output
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ovpkit serve "$@"
