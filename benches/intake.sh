#!/usr/bin/env bash
# Intake under a flood: 32 concurrent API submissions (wrk, each with a link and author of its
# own) for SECONDS against `serve --demo`, limits raised so that none is refused, fetching of
# links off and the worker off (intake alone). On SQLite, and on PostgreSQL (a throwaway cluster,
# started by scripts/with-postgres) when PG=1. Reports accepted submissions per second, p50/p99
# latency, what else was answered, and whether every accepted submission was stored.
#
# Usage: benches/intake.sh [SECONDS] [ENGINE]        (defaults: 20, sqlite; ENGINE: sqlite|postgres)
#        BASELINE=path/to/an/earlier/content-club benches/intake.sh ...
#        With BASELINE, that build is measured the same way right after this one.
# Needs: wrk (installed from Debian when missing, as root), python3, a release build.
# Prints one line per build: "<name> <engine> accepted/s=… p50=…ms p99=…ms answers=… stored=…".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${1:-20}
ENGINE=${2:-sqlite}
CONNECTIONS=32

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
if [ "$ENGINE" = postgres ] && [ -z "${TEST_DATABASE_URL:-}" ]; then
  exec "$ROOT/scripts/with-postgres" "$0" "$SECONDS_PER_RUN" postgres
fi
(cd "$ROOT" && cargo build --release --locked -q)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Counts the stored submissions of the run's database.
stored() {
  local dir=$1 url=$2
  if [ "$ENGINE" = postgres ]; then
    psql -Atq "$url" -c "SELECT COUNT(*) FROM submissions WHERE title LIKE 'Flood entry %'" 2>/dev/null ||
      runuser -u postgres -- psql -Atq "$url" -c "SELECT COUNT(*) FROM submissions WHERE title LIKE 'Flood entry %'"
  else
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM submissions WHERE title LIKE 'Flood entry %'\").fetchone()[0])" "$dir/data/content-club.db"
  fi
}

run() {
  local name=$1 bin=$2
  local work port url pid out
  work=$(mktemp -d)
  port=$(free_port)
  if [ "$ENGINE" = postgres ]; then
    url="${TEST_DATABASE_URL%/*}/intake_$(date +%s%N)"
    psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE ${url##*/}" >/dev/null 2>&1 ||
      runuser -u postgres -- psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE ${url##*/}" >/dev/null
  else
    url="sqlite://data/content-club.db"
  fi
  (
    cd "$work"
    CONTENT_CLUB__SERVER__BIND="127.0.0.1:$port" CONTENT_CLUB__CLUB__BASE_URL="http://127.0.0.1:$port" \
      CONTENT_CLUB__DATABASE__URL="$url" CONTENT_CLUB__LOG__LEVEL=warn CONTENT_CLUB__SERVER__RUN_WORKER=false \
      CONTENT_CLUB__OUTBOUND__ENABLED=false \
      CONTENT_CLUB__SUBMISSIONS__PER_IP_PER_HOUR=100000000 CONTENT_CLUB__SUBMISSIONS__PER_EMAIL_PER_DAY=100000000 \
      CONTENT_CLUB__SUBMISSIONS__API_PER_IP_PER_HOUR=100000000 CONTENT_CLUB__SUBMISSIONS__API_PER_EMAIL_PER_DAY=100000000 \
      exec "$bin" serve --demo >serve.log 2>&1
  ) &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  local slug
  slug=$(curl -fsS "http://127.0.0.1:$port/api/v1/topics" | python3 -c 'import json,sys; print([t["slug"] for t in json.load(sys.stdin) if t["status"]=="open"][0])')
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$ROOT/benches/intake.lua" \
    "http://127.0.0.1:$port/api/v1/topics/$slug/submissions")
  sleep 0.5
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local statuses latency accepted count
  statuses=$(grep '^STATUSES' <<<"$out" | cut -d' ' -f2-)
  latency=$(grep '^LATENCY' <<<"$out" | cut -d' ' -f2-)
  accepted=$(tr ' ' '\n' <<<"$statuses" | awk -F= '$1==202 {print $2}')
  count=$(stored "$work" "$url")
  printf '%s %s accepted/s=%.0f %s answers=[%s] accepted=%s stored=%s\n' "$name" "$ENGINE" \
    "$(python3 -c "print(${accepted:-0}/$SECONDS_PER_RUN)")" "$latency" "$statuses" "${accepted:-0}" "$count"
  rm -rf "$work"
}

run "this-build" "${CARGO_TARGET_DIR:-$ROOT/target}/release/content-club"
if [ -n "${BASELINE:-}" ]; then
  run "baseline" "$(realpath "$BASELINE")"
fi
