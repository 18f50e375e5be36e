#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL cluster: initdb in a temporary folder, a server
# listening only on a Unix socket, DATABASE_URL exported for the command, everything removed after.
# Uses the PostgreSQL binaries the machine ships (PG_BIN overrides where they are).
set -euo pipefail
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "Fant ikke PostgreSQL (initdb). Sett PG_BIN til mappen med PostgreSQL-programmene." >&2
  exit 1
fi
dir=$(mktemp -d /tmp/helhet-pg.XXXXXX)
as_owner=()
# PostgreSQL refuses to run as root: run the server as the postgres user when we are root.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
cleanup() {
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_owner[@]}" "$PG_BIN/initdb" -D "$dir/data" -U helhet -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
export DATABASE_URL="postgres://helhet@/postgres?host=$dir"
"$@"
