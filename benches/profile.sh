#!/usr/bin/env bash
# Ten times the club: `content-club demo --scale 10` (10,000 entries over 120 topics, 100,000
# subscribers, 20 organisers) on SQLite and on PostgreSQL, then p50/p99 (wrk --latency) at 32
# concurrent connections of every public page, as anonymous visitors get them (kept in memory)
# and as an organiser gets them (rendered live, every request reaching the database), and of the
# organisers' moderation queue and dashboard. Also the time from start to ready (/readyz) and the
# idle RSS of `serve`, on the plain demo and on the profile.
#
# Usage: benches/profile.sh [SCALE] [SECONDS_PER_RUN]      (defaults: 10, 10)
# Needs: wrk (installed from Debian when missing, as root), PostgreSQL server binaries
# (scripts/with-postgres starts a throwaway cluster), a release build.
# Writes the figures to docs/benchmarks.md (the "Ten times the club" section) and prints them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCALE=${1:-10}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=32

if [ -z "${PROFILE_BENCH_POSTGRES:-}" ]; then
  command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
  (cd "$ROOT" && cargo build --release --locked -q)
  exec "$ROOT/scripts/with-postgres" env PROFILE_BENCH_POSTGRES=1 "$0" "$@"
fi
BIN="$ROOT/target/release/content-club"
WORK=$(mktemp -d)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
cleanup() { stop_app; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"
RESULTS="$WORK/results.tsv"
STARTS="$WORK/starts.tsv"
: > "$RESULTS"
: > "$STARTS"

# start_app ENGINE DATABASE_URL DATA_DIR: starts `serve`, records start-to-ready and idle RSS.
start_app() {
  local port started ready
  port=$(free_port)
  APP_URL="http://127.0.0.1:$port"
  started=$(date +%s%N)
  CONTENT_CLUB__DATABASE__URL="$2" CONTENT_CLUB__SERVER__BIND="127.0.0.1:$port" CONTENT_CLUB__LOG__LEVEL=warn \
    CONTENT_CLUB__SERVER__RUN_WORKER=false CONTENT_CLUB__SERVER__DATA_DIR="$3" "$BIN" serve >>"serve-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/readyz")" = 200 ]; then
      ready=$(date +%s%N)
      sleep 2
      printf '%s\t%s\t%s\n' "$1" "$(( (ready - started) / 1000000 ))" "$(awk '/VmRSS/{print $2}' "/proc/$APP_PID/status")" >> "$STARTS"
      return 0
    fi
    sleep 0.01
  done
  echo "profile.sh: the service did not start on $1" >&2; cat "serve-$1.log" >&2; exit 1
}

# bench ENGINE PAGE WHO PATH [COOKIE]
bench() {
  local engine=$1 page=$2 who=$3 path=$4 cookie=${5:-} out status
  status=$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$APP_URL$path")
  [ "$status" = 200 ] || { echo "profile.sh: $engine $path answered $status to $who" >&2; exit 1; }
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency ${cookie:+-H "Cookie: $cookie"} "$APP_URL$path")
  echo "$out" | grep -q "Non-2xx" && { echo "profile.sh: $engine $path answered errors" >&2; echo "$out" >&2; exit 1; }
  local p50 p99 rps
  to_ms() { python3 -c "import sys,re; v=sys.argv[1]; n=float(re.match(r'[0-9.]+',v).group()); u=v[len(re.match(r'[0-9.]+',v).group()):]; print(round(n*{'us':0.001,'ms':1,'s':1000}[u],2))" "$1"; }
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%"{print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1=="99%"{print $2}')")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$page" "$who" "$path" "$p50" "$p99" "$rps" >> "$RESULTS"
  printf '%-9s %-22s %-10s p50 %8s ms   p99 %8s ms   %10s req/s\n' "$engine" "$page" "$who" "$p50" "$p99" "$rps"
}

json() { curl -fsS "$APP_URL$1" | python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"; }

run_engine() { # ENGINE DATABASE_URL
  local engine=$1 url=$2 data="$WORK/data-$1"
  mkdir -p "$data"
  # The plain demo first: start-to-ready and idle RSS at the size a new club has.
  CONTENT_CLUB__DATABASE__URL="$url" CONTENT_CLUB__SERVER__DATA_DIR="$data" CONTENT_CLUB__LOG__LEVEL=warn \
    "$BIN" demo >/dev/null 2>&1
  start_app "$engine demo" "$url" "$data"
  stop_app
  local loaded password
  loaded=$(date +%s)
  password=$(CONTENT_CLUB__DATABASE__URL="$url" CONTENT_CLUB__SERVER__DATA_DIR="$data" CONTENT_CLUB__LOG__LEVEL=warn \
    "$BIN" demo --scale "$SCALE" 2>"load-$engine.log")
  echo "$engine: $(tail -1 "load-$engine.log") in $(( $(date +%s) - loaded )) s"
  start_app "$engine profile" "$url" "$data"
  local open closed="" entry author slug
  open=$(json /api/v1/topics '[t["slug"] for t in d if t["status"]=="open"][0]')
  # A recent closed topic with a round-up.
  for slug in $(json /api/v1/topics '" ".join(reversed([t["slug"] for t in d if t["status"]=="closed"]))'); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/topics/$slug/roundup")" = 200 ]; then closed=$slug; break; fi
  done
  [ -n "$closed" ] || { echo "profile.sh: no closed topic with a round-up on $engine" >&2; exit 1; }
  curl -fsS "$APP_URL/topics/$closed" -o topic.html
  curl -fsS "$APP_URL/authors" -o authors.html
  entry=$(grep -o '/submissions/[a-z0-9]*' topic.html | sed -n 1p)
  author=$(grep -o 'href="/authors/[a-z0-9-]*"' authors.html | sed -n 1p | cut -d'"' -f2)
  # An organiser's session.
  local jar="$WORK/jar-$engine" csrf session
  csrf=$(curl -fsS -c "$jar" "$APP_URL/admin/login" | python3 -c 'import re,sys; print(re.search(r"name=\"csrf_token\" value=\"([^\"]+)", sys.stdin.read()).group(1))')
  curl -fsS -b "$jar" -c "$jar" -o /dev/null -H "Origin: $APP_URL" \
    --data-urlencode "csrf_token=$csrf" --data-urlencode "email=organiser-1@example.org" \
    --data-urlencode "password=$password" --data-urlencode "next=/admin" "$APP_URL/admin/login"
  session=$(awk '$6=="cc_session"{print $7}' "$jar")
  [ -n "$session" ] || { echo "profile.sh: no organiser session on $engine" >&2; exit 1; }
  local pages=(
    "home|/"
    "schedule|/topics"
    "open topic|/topics/$open"
    "closed topic|/topics/$closed"
    "closed topic, talks|/topics/$closed?kind=talk"
    "round-up|/topics/$closed/roundup"
    "entry|$entry"
    "authors|/authors"
    "author|$author"
    "search|/search?q=platform"
  )
  local p
  for p in "${pages[@]}"; do bench "$engine" "${p%%|*}" visitor "${p#*|}"; done
  for p in "${pages[@]}"; do bench "$engine" "${p%%|*}" organiser "${p#*|}" "cc_session=$session"; done
  bench "$engine" "moderation queue" organiser "/admin/submissions" "cc_session=$session"
  bench "$engine" "dashboard" organiser "/admin" "cc_session=$session"
  stop_app
}

run_engine sqlite "sqlite://$WORK/data-sqlite/content-club.db"
run_engine postgresql "$DATABASE_URL"

python3 - "$RESULTS" "$STARTS" "$ROOT/docs/benchmarks.md" "$SCALE" "$SECONDS_PER_RUN" "$CONNECTIONS" <<'PY'
import datetime, os, re, sys
results, starts, doc, scale, seconds, conns = sys.argv[1:7]
rows = [line.rstrip("\n").split("\t") for line in open(results)]
lines = [
    "## Ten times the club: every page at 32 clients",
    "",
    f"Measured {datetime.date.today()} by `benches/profile.sh {scale} {seconds}` on this machine (2 cores): "
    f"`content-club demo --scale {scale}` ({int(scale) * 1000:,} entries over {int(scale) * 12} topics, "
    f"{int(scale) * 10000:,} subscribers, {int(scale) * 2} organisers) on SQLite and on PostgreSQL 15, release build, "
    f"2 workers, `wrk -t2 -c{conns}` for {seconds} s per page on the same two cores. *visitor*: no cookie, as "
    "anonymous readers get the page (kept in memory after the first answer); *organiser*: with an organiser's "
    "session, rendered live on every request. Goals: public pages and the moderation queue p99 ≤ 50 ms, "
    "the dashboard ≤ 200 ms.",
    "",
    "| engine | page | as | p50 ms | p99 ms | requests/s | goal |",
    "| --- | --- | --- | ---: | ---: | ---: | --- |",
]
for engine, page, who, path, p50, p99, rps in rows:
    limit = 200 if page == "dashboard" else 50
    verdict = "✓" if float(p99) <= limit else f"✗ (> {limit} ms)"
    lines.append(f"| {engine} | {page} (`{path}`) | {who} | {p50} | {p99} | {float(rps):,.0f} | {verdict} |")
lines += ["", "Start to ready (`serve` until `/readyz` answers 200) and RSS 2 s later, idle:", "",
          "| engine, database | start to ready | idle RSS |", "| --- | ---: | ---: |"]
for what, ms, rss in (line.rstrip("\n").split("\t") for line in open(starts)):
    lines.append(f"| {what} | {ms} ms | {int(rss) / 1024:.1f} MiB |")
section = "\n".join(lines) + "\n"
text = open(doc).read()
pattern = re.compile(r"## Ten times the club: .*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda _: section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(doc, "w").write(text)
print(section)
PY
