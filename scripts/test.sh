#!/usr/bin/env bash
# The whole test suite: lint, types, tests. Needs the real lists in $SANCTIO_LISTS_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SANCTIO_LISTS_DIR="${SANCTIO_LISTS_DIR:-$(cd .. && pwd)/shared/data/lists}"
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
.venv/bin/pytest -q -m "not slow" -n 2 "$@"
