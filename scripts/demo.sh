#!/usr/bin/env bash
# Main job end to end on the embedded SQLite store: install, load the official lists into the
# default store (the one every later `sanctio` command uses: $SANCTIO_DB, else
# ~/.local/share/sanctio/sanctio.db), show what is loaded, and screen a name. Lists come from
# $SANCTIO_LISTS_DIR (offline) or, when it is unset and ../shared/data/lists does not exist,
# from the publishers' URLs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
lists="${SANCTIO_LISTS_DIR:-$(cd .. && pwd)/shared/data/lists}"
if [ -d "$lists" ]; then
  .venv/bin/sanctio lists load "$lists"
else
  .venv/bin/sanctio lists fetch
fi
.venv/bin/sanctio lists status
.venv/bin/sanctio screen "${1:-Vladimir Putin}"
store=$(.venv/bin/python -c 'import os; from sanctio.settings import default_db_path; print(default_db_path(os.environ))')
cat <<MSG

The lists are in $store; every sanctio command below uses it.
Go on with:
  source .venv/bin/activate
  sanctio screen "Alexander Lukashenko" --birth-date 1954
  sanctio batch customers.csv -o hits.jsonl      # a file of customers (docs/batch.md)
  sanctio serve                                  # the HTTP API and the web UI at /ui/
MSG
