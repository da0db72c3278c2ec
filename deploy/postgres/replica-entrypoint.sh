#!/bin/bash
# A streaming replica of PRIMARY_HOST: on first start (empty data directory) clone the primary with
# pg_basebackup -R (which writes standby.signal and primary_conninfo), then run PostgreSQL as a
# hot standby. Later starts just run it; it catches up from the primary's WAL (wal_keep_size).
set -euo pipefail
: "${PGDATA:=/var/lib/postgresql/data}"
: "${PRIMARY_HOST:?PRIMARY_HOST must be set}"
: "${PRIMARY_PORT:=5432}"
: "${REPLICATION_USER:=replicator}"
: "${REPLICATION_PASSWORD:?REPLICATION_PASSWORD must be set}"

mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$REPLICATION_USER"; do
    echo "replica: waiting for the primary at $PRIMARY_HOST:$PRIMARY_PORT"
    sleep 2
  done
  echo "replica: cloning the primary with pg_basebackup"
  PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" \
    -U "$REPLICATION_USER" -D "$PGDATA" -R -X stream -c fast --progress
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=5s \
  -c shared_buffers=2GB -c effective_cache_size=6GB
