#!/usr/bin/env bash
# Run the web tests (tests/web) on PostgreSQL: a throwaway cluster in a temporary folder,
# on a free local port, started as the postgres user, stopped and removed at the end
# whatever happens. Needs Debian's postgresql (scripts/system-deps.sh installs it).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -1 || true)"
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed: run 'bash scripts/system-deps.sh' (Debian's postgresql)." >&2
  exit 1
fi
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir="$(mktemp -d /tmp/ovpkit-pg.XXXXXX)"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop() {
  as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres ovpkit

echo "web tests on PostgreSQL ($("$pg_bin/postgres" --version | awk '{print $3}'), port $port)"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/ovpkit" \
  .venv/bin/pytest tests/web -n 2 -p no:cacheprovider -q "$@"
