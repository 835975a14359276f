# shellcheck shell=bash
# Start a throwaway PostgreSQL 15 for the tests; sourced by scripts/test.sh.
#   pg_start   -> exports TAWTHIQ_TEST_PG_URL, registers pg_stop on EXIT
# initdb refuses to run as root, so as root the server runs as the 'postgres' user (created
# by the postgresql package) or, failing that, a 'tawthiq-pg' system user made here.
# When no server binary exists at all, the PostgreSQL tests skip with a visible reason.

PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    if [ -x "$d/initdb" ]; then PG_BIN="$d"; break; fi
  done
fi

_pg_as() {  # run a command as the server's user
  if [ "$(id -u)" = "0" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

pg_start() {
  if [ -z "$PG_BIN" ]; then
    echo "test.sh: no PostgreSQL server binary found: PostgreSQL tests will be skipped" >&2
    return 0
  fi
  PG_USER="$(id -un)"
  if [ "$(id -u)" = "0" ]; then
    if id postgres >/dev/null 2>&1; then PG_USER=postgres
    else
      id tawthiq-pg >/dev/null 2>&1 || useradd --system --no-create-home tawthiq-pg
      PG_USER=tawthiq-pg
    fi
  fi
  PG_DIR="$(mktemp -d /tmp/tawthiq-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = "0" ] && chown "$PG_USER" "$PG_DIR"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  trap pg_stop EXIT
  _pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U tawthiq --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
    || _pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U tawthiq --auth=trust -E UTF8 >/dev/null
  _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export TAWTHIQ_TEST_PG_URL="postgresql://tawthiq@127.0.0.1:$PG_PORT/postgres"
  echo "test.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
}
