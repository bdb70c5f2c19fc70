#!/usr/bin/env bash
# Start a private PostgreSQL for the tests: its own data folder, loopback only, port $PGPORT (not 5432).
# Needs root (runs the server as the postgres user) and Debian's postgresql package.
set -euo pipefail
PGROOT=${PGROOT:-$PWD/.pg}
PGPORT=${PGPORT:-5433}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
install -d -o postgres -g postgres -m 700 "$PGROOT"
[ -s "$PGROOT/data/PG_VERSION" ] || runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres \
    -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$PGROOT/initdb.log"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start
runuser -u postgres -- "$PGBIN/psql" -h "$PGROOT" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q <<SQL
SELECT 'CREATE ROLE peerplan LOGIN CREATEDB PASSWORD ''peerplan''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname='peerplan')\gexec
SELECT 'CREATE DATABASE peerplan OWNER peerplan' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname='peerplan')\gexec
SQL
echo "PostgreSQL is up: DATABASE_URL=postgres://peerplan:peerplan@127.0.0.1:$PGPORT/peerplan"
