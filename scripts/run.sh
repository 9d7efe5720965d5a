#!/usr/bin/env bash
# The README's first command: set everything up, then run the main job on the
# embedded defaults. Outputs go to ./ovpkit-output (or the folder given as $1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ovpkit demo --out "${1:-ovpkit-output}"
