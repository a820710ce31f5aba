#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server: initdb in a temp folder, pg_ctl start on a free
# port of 127.0.0.1, UPSTREAM_TEST_DATABASE_URL exported for the command, the server stopped and its
# folder removed on exit (also when the command fails or is interrupted).
#
#   bash scripts/with-postgres.sh COMMAND [ARG…]
#
# Installs Debian's postgresql package when no server binaries are found (as root). Runs the
# server as the `postgres` user when run as root (initdb refuses root). Exits with the command's status.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 COMMAND [ARG…]" >&2; exit 2; fi

find_pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PGBIN="$(find_pgbin || true)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin; install the postgresql package" >&2
    exit 1
  fi
  echo "with-postgres: installing Debian's postgresql package…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN="$(find_pgbin)"
fi

# As root the server runs as `postgres`; its folder must be one that user owns and can reach.
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PGDATA="$(mktemp -d /tmp/upstream-pg.XXXXXX)"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA"
stop_server() {
  as_server "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

as_server "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
# A port free a moment ago may be taken by the time the server binds it: try a few.
started=""
for _ in 1 2 3 4 5; do
  PGPORT="$(free_port)"
  if as_server "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$PGDATA/server.log" >&2 || true
  exit 1
fi

export UPSTREAM_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') at $UPSTREAM_TEST_DATABASE_URL" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
