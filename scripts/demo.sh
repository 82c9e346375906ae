#!/usr/bin/env bash
# Main job end to end on the embedded SQLite store: install, load the official lists,
# show what is loaded, and screen a name. Lists come from $SANCTIO_LISTS_DIR (offline) or,
# when it is unset and ../shared/data/lists does not exist, from the publishers' URLs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SANCTIO_DB="${SANCTIO_DB:-$PWD/sanctio.db}"
lists="${SANCTIO_LISTS_DIR:-$(cd .. && pwd)/shared/data/lists}"
if [ -d "$lists" ]; then
  .venv/bin/sanctio lists load "$lists"
else
  .venv/bin/sanctio lists fetch
fi
.venv/bin/sanctio lists status
if .venv/bin/sanctio screen --help >/dev/null 2>&1; then
  .venv/bin/sanctio screen "${1:-Vladimir Putin}"
fi
