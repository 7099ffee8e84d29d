# shellcheck shell=bash
# Sourced by test.sh: a throwaway PostgreSQL on 127.0.0.1 for the integration tests.
#   pg_start   initdb into a temp dir, start on a free port, wait; sets PG_URL
#   pg_stop    stop it and delete the temp dir (safe to call twice; call it from a trap)
PG_DIR=""
PG_BIN=""
PG_URL=""

# PostgreSQL refuses to run as root, so as root run it as the `postgres` user.
pg_as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# First port from $1 upwards that nothing on 127.0.0.1 listens on.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

pg_start() {
  local port
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_DIR="$(mktemp -d /tmp/portal-pg.XXXXXX)"
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$PG_DIR"; fi
  port="$(free_port 55432)"
  # Trust auth is fine: it listens on 127.0.0.1 only and its socket sits in $PG_DIR.
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 \
    --no-instructions >/dev/null
  # fsync and friends off: the data is thrown away, speed matters.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { cat "$PG_DIR/postgres.log" >&2; return 1; }
  local _
  for _ in $(seq 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$port"
  # shellcheck disable=SC2034  # read by the script that sources this one
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

pg_stop() {
  if [[ -n "$PG_DIR" && -f "$PG_DIR/data/postmaster.pid" ]]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$PG_DIR" ]]; then rm -rf "$PG_DIR"; fi
  PG_DIR=""
}
