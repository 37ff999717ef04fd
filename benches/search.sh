#!/usr/bin/env bash
# Search latency over a large archive, on SQLite and on PostgreSQL, in the same run: p50 and p99
# (wrk --latency) at 16 concurrent connections of GET /api/v1/search, per kind of query and for a
# mix of them, every search reaching the database (search.cache_entries = 0); then the mix again
# with the cache of recent searches on, as by default. The archive (benches/search_corpus.py) holds ENTRIES published entries in
# English, Chinese and Japanese across 60 topics and 2,000 authors.
#
# Reference, in the same run and at the same concurrency: nginx serving one stored answer of the
# same API (the JSON of a search) as a static file, the floor of an HTTP answer on this machine.
#
# Usage: benches/search.sh [ENTRIES] [SECONDS_PER_RUN]      (defaults: 100000, 10)
# Needs: wrk and nginx (installed from Debian when missing, as root), PostgreSQL server binaries
# (scripts/with-postgres starts a throwaway cluster), a release build.
# Writes the figures to docs/benchmarks.md (the "Search" section) and prints them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENTRIES=${1:-100000}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=16

if [ -z "${SEARCH_BENCH_POSTGRES:-}" ]; then
  if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx >/dev/null
  fi
  (cd "$ROOT" && cargo build --release --locked -q)
  exec "$ROOT/scripts/with-postgres" env SEARCH_BENCH_POSTGRES=1 "$0" "$@"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
BIN="$ROOT/target/release/content-club"
WORK=$(mktemp -d)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
stop_nginx() { if [ -f "$WORK/nginx.pid" ]; then "$NGINX" -p "$WORK/" -c nginx.conf -s stop 2>/dev/null || true; sleep 0.5; fi; }
cleanup() { stop_app; stop_nginx; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"

# Kinds of query: name and query string. Words are from the corpus's vocabulary.
QUERIES=(
  "common-word|q=platform"
  "rare-word|q=linkerd"
  "two-words|q=incident%20postmortem"
  "phrase|q=%22error%20budget%22"
  "chinese-2-chars|q=%E5%AE%B9%E5%99%A8"
  "japanese|q=%E5%8F%AF%E8%A6%B3%E6%B8%AC%E6%80%A7"
  "filtered|q=kubernetes&kind=talk&year=2024"
  "typo|q=obsevability"
)

cat > mix.lua <<'LUA'
local paths = {}
for line in io.lines("paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
: > paths.txt
for q in "${QUERIES[@]}"; do echo "/api/v1/search?${q#*|}" >> paths.txt; done

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
# ticks PID [CHILDREN]: the processor time (clock ticks) process PID has spent, and with CHILDREN
# that of its children that have ended too; 0 when it is gone.
ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  echo "${stat##*) }" | awk -v children="${2:-}" '{ t = $12 + $13; if (children) t += $14 + $15; print t + 0 }'
}

# cpu_ticks ENGINE: the processor time the service and its database have spent so far: the
# service's process (SQLite is inside it) and, on PostgreSQL, the server with its backends (those
# running, from /proc; those ended, counted in the server's children's time).
cpu_ticks() {
  local total=0 pm stat pid
  [ -n "$APP_PID" ] && total=$(ticks "$APP_PID")
  if [ "$1" = postgres ] && [ -f "$PGTMP/data/postmaster.pid" ]; then
    pm=$(head -n 1 "$PGTMP/data/postmaster.pid")
    total=$(( total + $(ticks "$pm" children) ))
    for stat in /proc/[0-9]*/stat; do
      pid=${stat#/proc/}; pid=${pid%/stat}
      [ "$(cat "$stat" 2>/dev/null | sed 's/^.*) //' | awk '{print $2}')" = "$pm" ] && total=$(( total + $(ticks "$pid") ))
    done
  fi
  echo "$total"
}

# bench ENGINE NAME URL [SCRIPT]: wrk at $CONNECTIONS connections; records p50, p99 (ms), req/s
# and the processor time of the service and its database per answer (ms; "-" for nginx).
bench() {
  local engine=$1 name=$2 url=$3 script=${4:-} out before after
  before=$(cpu_ticks "$engine")
  if [ -n "$script" ]; then
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$script" "$url")
  else
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$url")
  fi
  after=$(cpu_ticks "$engine")
  echo "$out" | grep -q "Non-2xx" && { echo "search.sh: $engine $name answered errors" >&2; echo "$out" >&2; exit 1; }
  local p50 p99 rps
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  to_ms() { python3 -c "import sys,re; v=sys.argv[1]; n=float(re.match(r'[0-9.]+',v).group()); u=v[len(re.match(r'[0-9.]+',v).group()):]; print(round(n*{'us':0.001,'ms':1,'s':1000}[u],2))" "$1"; }
  local answers cpu="-"
  answers=$(echo "$out" | awk '/requests in/{print $1}')
  if [ "$engine" != nginx ] && [ "${answers:-0}" -gt 0 ]; then
    cpu=$(python3 -c "import sys; print(round(int(sys.argv[1]) / int(sys.argv[2]) / int(sys.argv[3]) * 1000, 2))" \
      "$(( after - before ))" "$(getconf CLK_TCK)" "$answers")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$name" "$(to_ms "$p50")" "$(to_ms "$p99")" "$rps" "$cpu" >> "$RESULTS"
  printf '%-10s %-16s p50 %8s ms   p99 %8s ms   %10s req/s   CPU %6s ms/answer\n' "$engine" "$name" "$(to_ms "$p50")" "$(to_ms "$p99")" "$rps" "$cpu"
}

start_app() { # ENGINE DATABASE_URL CACHE_ENTRIES
  local port
  port=$(free_port)
  APP_URL="http://127.0.0.1:$port"
  CONTENT_CLUB__SEARCH__CACHE_ENTRIES="$3" \
  CONTENT_CLUB__DATABASE__URL="$2" CONTENT_CLUB__SERVER__BIND="127.0.0.1:$port" CONTENT_CLUB__LOG__LEVEL=warn \
    CONTENT_CLUB__SERVER__RUN_WORKER=false CONTENT_CLUB__SERVER__DATA_DIR="$WORK/data-$1" "$BIN" serve >>"serve-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/healthz")" = 200 ] && return 0
    sleep 0.1
  done
  echo "search.sh: the service did not start on $1" >&2; cat "serve-$1.log" >&2; exit 1
}

run_engine() { # ENGINE DATABASE_URL
  local engine=$1
  # Every search reaches the database: the cache of recent searches is off.
  start_app "$engine" "$2" 0
  local total
  total=$(curl -fsS "$APP_URL/api/v1/search?lang=en&kind=talk" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  echo "$engine: $total English talks among $ENTRIES entries"
  for q in "${QUERIES[@]}"; do
    curl -fsS "$APP_URL/api/v1/search?${q#*|}" -o /dev/null || { echo "search.sh: $engine ${q%%|*} failed" >&2; exit 1; }
    bench "$engine" "${q%%|*}" "$APP_URL/api/v1/search?${q#*|}"
  done
  bench "$engine" "mix" "$APP_URL" mix.lua
  if [ "$engine" = sqlite ]; then
    mkdir -p www/api/v1
    curl -fsS "$APP_URL/api/v1/search?q=platform" -o www/api/v1/search.json
  fi
  stop_app
  # The same mix with the cache of recent searches as configured by default.
  start_app "$engine" "$2" 256
  bench "$engine" "mix, cached" "$APP_URL" mix.lua
  stop_app
}

# SQLite: migrate, fill, measure.
SQLITE_DB="$WORK/search.db"
echo "filling SQLite with $ENTRIES entries…"
START=$(date +%s)
CONTENT_CLUB__DATABASE__URL="sqlite://$SQLITE_DB" "$BIN" migrate >/dev/null
python3 "$ROOT/benches/search_corpus.py" sqlite "$SQLITE_DB" "$ENTRIES"
# The index as the worker keeps it: its parts merged (the worker does it a step at a time).
CONTENT_CLUB__DATABASE__URL="sqlite://$SQLITE_DB" "$BIN" search compact
echo "SQLite filled in $(( $(date +%s) - START )) s; database $(du -m "$SQLITE_DB" | cut -f1) MB"
run_engine sqlite "sqlite://$SQLITE_DB"

# PostgreSQL: the same.
echo "filling PostgreSQL with $ENTRIES entries…"
START=$(date +%s)
CONTENT_CLUB__DATABASE__URL="$DATABASE_URL" "$BIN" migrate >/dev/null
mkdir -p "$WORK/csv" && chmod 755 "$WORK/csv"
python3 "$ROOT/benches/search_corpus.py" postgres "$WORK/csv" "$ENTRIES"
chmod -R a+r "$WORK/csv"
psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -f "$WORK/csv/load.sql" >/dev/null
# The index as autovacuum keeps it: the GIN indexes' pending entries folded in.
psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "VACUUM search_index" >/dev/null
echo "PostgreSQL filled in $(( $(date +%s) - START )) s"
run_engine postgres "$DATABASE_URL"

# The reference: the stored answer as a static file.
NGINX_PORT=$(free_port)
chmod -R a+rX "$WORK/www"
mkdir -p logs
cat > nginx.conf <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types { application/json json; }
  client_body_temp_path $WORK/logs; proxy_temp_path $WORK/logs; fastcgi_temp_path $WORK/logs;
  uwsgi_temp_path $WORK/logs; scgi_temp_path $WORK/logs;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
"$NGINX" -p "$WORK/" -c nginx.conf
sleep 0.5
bench nginx "static-answer" "http://127.0.0.1:$NGINX_PORT/api/v1/search.json"
stop_nginx

python3 - "$RESULTS" "$ROOT/docs/benchmarks.md" "$ENTRIES" "$SECONDS_PER_RUN" "$CONNECTIONS" <<'PY'
import sys, re, datetime
results, doc, entries, seconds, connections = sys.argv[1:6]
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
by = {(r[0], r[1]): r for r in rows}
names = [r[1] for r in rows if r[0] == "sqlite"]
out = [f"## Search\n",
       f"`benches/search.sh {entries} {seconds}`, {datetime.date.today()}: GET /api/v1/search over {int(entries):,} published "
       f"entries (80 % English, 10 % Chinese, 10 % Japanese; 60 topics, 2,000 authors), wrk with {connections} connections "
       f"for {seconds} s per row, on this 2-core machine (the service, its database and wrk share the cores). "
       f"Latency in ms. CPU: the processor time, in ms, the service spent per answer (on PostgreSQL, "
       f"the service and the database's processes together); with {connections} connections always "
       f"waiting on 2 cores, the mean latency cannot be below {connections} × CPU ÷ 2 (Little's law).\n",
       "| query | SQLite p50 | SQLite p99 | SQLite req/s | SQLite CPU | PostgreSQL p50 | PostgreSQL p99 | PostgreSQL req/s | PostgreSQL CPU |",
       "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
for name in names:
    s, p = by[("sqlite", name)], by.get(("postgres", name), ["", "", "-", "-", "-", "-"])
    out.append(f"| {name} | {s[2]} | {s[3]} | {s[4]} | {s[5]} | {p[2]} | {p[3]} | {p[4]} | {p[5]} |")
n = by.get(("nginx", "static-answer"))
if n:
    out.append(f"\nReference in the same run: nginx serving the stored answer of `q=platform` as a static file: "
               f"p50 {n[2]} ms, p99 {n[3]} ms, {n[4]} req/s.\n")
out.append("What the figures mean, and what would move them: [search.md](search.md#speed).\n")
section = "\n".join(out) + "\n"
text = open(doc).read()
if "## Search\n" in text:
    text = re.sub(r"## Search\n.*?(?=\n## |\Z)", section.rstrip("\n") + "\n", text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(doc, "w").write(text)
print(section)
PY
