#!/usr/bin/env bash
# Load test (issue: fast under load): gunicorn with 4 workers + wrk on loopback, each page bounded to 30 s.
# Needs `wrk` (Debian) and a PostgreSQL database in DATABASE_URL that it may fill. See bench/load.py --help.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python bench/load.py "$@"
