#!/usr/bin/env bash
# The benchmark on a clean Debian machine: install wrk, PostgreSQL 15 and Redis when missing, start a throwaway
# cluster on its own port (as the postgres user, like .ci/run) and a throwaway Redis server (the cache of the
# traffic model), run bench/run.py against them and a throwaway SQLite file, and stop and delete everything it
# started, whatever happens. Arguments go to bench/run.py (--scales …).
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${BENCH_PGPORT:-55440}
REDISPORT=${BENCH_REDISPORT:-55490}

missing=()
[ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
command -v wrk >/dev/null || missing+=(wrk)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installation de ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

WORKDIR=$(mktemp -d /tmp/mentor-bench.XXXXXX)
PGDATA="$WORKDIR/pg"
cleanup() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$WORKDIR/redis.pid" ] && kill "$(cat "$WORKDIR/redis.pid")" 2>/dev/null || true
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

mkdir "$PGDATA"
chown postgres:postgres "$WORKDIR" "$PGDATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# fsync stays on: the figures are those of a real server, not of a RAM disk.
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=16MB" start >/dev/null

# Redis in memory only (no snapshot, no append-only file), on 127.0.0.1 and its own port; the bench empties it
# before each measurement that uses it.
mkdir "$WORKDIR/redis"
redis-server --bind 127.0.0.1 --port "$REDISPORT" --dir "$WORKDIR/redis" --save "" --appendonly no \
  --daemonize yes --pidfile "$WORKDIR/redis.pid" --logfile "$WORKDIR/redis/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDISPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# One key for the whole run: the gunicorn workers must accept the session cookies the measurements created.
SECRET_KEY=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
export DJANGO_SETTINGS_MODULE=config.settings.bench
export BENCH_COMMAND="${BENCH_COMMAND:-bench/run.sh $*}"
nice -n 5 .venv/bin/python -m bench.run --workdir "$WORKDIR" --pg-port "$PGPORT" --redis-port "$REDISPORT" "$@"
