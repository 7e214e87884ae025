#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server on 127.0.0.1 for tests.
# `start` prints `export FLASHPOINT_TEST_PG_URL=...` for eval in the caller.
set -euo pipefail
DIR=${FLASHPOINT_PG_DIR:-/tmp/flashpoint-pg}
PORT=${FLASHPOINT_PG_PORT:-55432}
PGBIN=$(dirname "$(readlink -f "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")")
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-start}" in
start)
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg "$PGBIN/initdb -D $DIR/data -U postgres --auth=trust >$DIR/initdb.log 2>&1"
    as_pg "$PGBIN/pg_ctl -D $DIR/data -l $DIR/server.log -o '-h 127.0.0.1 -p $PORT -k $DIR' -w start >/dev/null"
    as_pg "$PGBIN/../bin/psql -h 127.0.0.1 -p $PORT -U postgres -c 'CREATE DATABASE flashpoint_test' >/dev/null 2>&1 || psql -h 127.0.0.1 -p $PORT -U postgres -c 'CREATE DATABASE flashpoint_test' >/dev/null"
    echo "export FLASHPOINT_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/flashpoint_test"
    ;;
stop)
    as_pg "$PGBIN/pg_ctl -D $DIR/data -m fast stop" || true
    ;;
esac
