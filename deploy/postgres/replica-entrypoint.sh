#!/bin/bash
# The streaming replica: on first start, a base backup of the primary (-R writes
# standby.signal and primary_conninfo); afterwards PostgreSQL replays the primary's
# WAL continuously and answers read-only queries (hot standby).
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_basebackup -h db-primary -U replicator -D "$PGDATA" -R -X stream -P; do
        echo "waiting for the primary..."; sleep 2
    done
    chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c max_connections="${PG_MAX_CONNECTIONS:-200}" \
    -c shared_buffers="${PG_SHARED_BUFFERS:-1GB}"
