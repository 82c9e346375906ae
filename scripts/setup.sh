#!/usr/bin/env bash
# Create .venv and install sanctio with pinned dependencies (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."

# PyICU (via rigour/normality) has no wheel: it compiles against the system ICU; gcc
# builds sanctio's own C extensions (src/sanctio/index/_fuzzy.c, _rank.c, match/_align.c);
# postgresql: the server the store tests start a throwaway cluster of (tests/pgcluster.py);
# chromium is the browser the UI tests drive (Playwright's executable_path, no download).
need=()
for pkg in libicu-dev pkg-config gcc g++ postgresql chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  apt-get update -q && apt-get install -y -q "${need[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check uv==0.13.9
extras="${SANCTIO_EXTRAS:-dev,spark}"
.venv/bin/python -m uv pip install -q --python .venv/bin/python -r requirements.lock
.venv/bin/python -m uv pip install -q --python .venv/bin/python --no-deps -e ".[${extras}]"
