#!/usr/bin/env bash
# The whole test suite: lint, types, tests (Spark tests in local mode last).
# Needs the real lists in $SANCTIO_LISTS_DIR (default ../shared/data/lists).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SANCTIO_LISTS_DIR="${SANCTIO_LISTS_DIR:-$(cd .. && pwd)/shared/data/lists}"
export SPARK_LOCAL_IP=127.0.0.1
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/pytest -q -m "not spark" -n 2 "$@"
.venv/bin/pytest -q -m "spark" -p no:cacheprovider
