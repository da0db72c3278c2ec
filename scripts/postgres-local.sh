#!/usr/bin/env bash
# A private PostgreSQL 15 + PostGIS cluster for tests and benchmarks, without systemd.
#   scripts/postgres-local.sh start   # init (once) and start; prints the DATABASE_URL
#   scripts/postgres-local.sh stop
# PGDATA_DIR (default /tmp/vnac-pg) and PGPORT_LOCAL (default 54329) choose where and which port.
# Test-only speed settings (fsync off): never use this cluster for real data.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DIR=${PGDATA_DIR:-/tmp/vnac-pg}
PORT=${PGPORT_LOCAL:-54329}
DB=${PGDATABASE_LOCAL:-vnac}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  if [ ! -s "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    chmod 700 "$DIR"
    as_pg "$PGBIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 200
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 512MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  # A postmaster killed with -9 can leave a stale pid file: remove it when its process is gone.
  if [ -f "$DIR/postmaster.pid" ]; then
    pid=$(head -1 "$DIR/postmaster.pid")
    state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
    if [ -z "$state" ] || [[ "$state" == Z* ]]; then rm -f "$DIR/postmaster.pid" "$DIR"/.s.PGSQL.*.lock; fi
  fi
  if ! as_pg "$PGBIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w start >/dev/null
  fi
  psql() { command psql -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  if [ "$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql -d postgres -c "CREATE DATABASE $DB"
  fi
  # PostGIS is not a trusted extension: create extensions as the superuser here, not in migrations.
  psql -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;"
  echo "postgres://postgres@127.0.0.1:$PORT/$DB"
}

stop() { as_pg "$PGBIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true; }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
