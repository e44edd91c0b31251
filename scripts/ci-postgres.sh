#!/usr/bin/env bash
# Start a local PostgreSQL for the storage tests (Debian, run as root in CI).
#
# Idempotent: installs PostgreSQL only when pg_ctlcluster is missing, starts the
# newest installed cluster if it is not running, waits until it accepts
# connections, and creates the role and database the tests use by default:
#
#   postgres://callwire:callwire@127.0.0.1:5432/callwire_test
#
# The caller is expected to have run `apt-get update` already.
# Overrides: PG_ROLE, PG_PASSWORD, PG_DATABASE, PG_WAIT_SECONDS.
set -euo pipefail

PG_ROLE="${PG_ROLE:-callwire}"
PG_PASSWORD="${PG_PASSWORD:-callwire}"
PG_DATABASE="${PG_DATABASE:-callwire_test}"
PG_WAIT_SECONDS="${PG_WAIT_SECONDS:-30}"

log() { echo "ci-postgres: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs packages and switches to the postgres user)" >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

# The newest installed major version, e.g. 15.
version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
if [ -z "$version" ]; then
  log "no PostgreSQL version found under /usr/lib/postgresql" >&2
  exit 1
fi

if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main
fi

if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { up = 1 } END { exit !up }'; then
  log "cluster $version/main already running"
else
  log "starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi

port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"

log "waiting for connections on port $port"
for _ in $(seq 1 "$PG_WAIT_SECONDS"); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p $port"; then
    ready=1
    break
  fi
  sleep 1
done
if [ "${ready:-0}" != 1 ]; then
  log "PostgreSQL did not accept connections within ${PG_WAIT_SECONDS}s" >&2
  exit 1
fi

# Run one SQL statement as the postgres superuser; the SQL goes on stdin so no
# shell quoting is involved.
psql_admin() {
  printf '%s\n' "$1" | su postgres -c "psql -v ON_ERROR_STOP=1 -X -q -t -A -p $port -d postgres"
}

# Role and database names are plain identifiers; refuse anything else so the
# values can be placed in SQL below as they are.
for name in "$PG_ROLE" "$PG_DATABASE"; do
  if ! [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    log "invalid identifier: $name" >&2
    exit 1
  fi
done
password_sql="${PG_PASSWORD//\'/\'\'}"

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" = "1" ]; then
  log "role $PG_ROLE exists"
else
  log "creating role $PG_ROLE"
  psql_admin "CREATE ROLE $PG_ROLE LOGIN PASSWORD '$password_sql'"
fi

if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" = "1" ]; then
  log "database $PG_DATABASE exists"
else
  log "creating database $PG_DATABASE owned by $PG_ROLE"
  psql_admin "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE"
fi

log "ready: postgres://$PG_ROLE:***@127.0.0.1:$port/$PG_DATABASE"
