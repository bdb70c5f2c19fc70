#!/usr/bin/env bash
# Stop the private PostgreSQL started by pg_up.sh and remove its data folder.
set -uo pipefail
PGROOT=${PGROOT:-$PWD/.pg}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -f "$PGROOT/data/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop
rm -rf "$PGROOT"
