#!/usr/bin/env bash
# Feed serving benchmark: content-club against nginx serving the very same bytes as a static
# file, on this machine, in the same run, alternating, for 200 and for 304 responses.
#
# Two setups, both measured every run:
#   shared:   both servers with 2 workers on both cores; wrk -t2 on the same cores, so the load
#             generator and the server compete for the CPU.
#   isolated: the server (content-club with 1 worker, nginx with 1 worker process) pinned to core
#             0, wrk -t1 pinned to core 1: the server's own speed on one core, undisturbed.
#
# Usage: benches/feeds.sh [SECONDS_PER_RUN] [ROUNDS]        (defaults: 10 s, 2 rounds)
# Needs: wrk and nginx (installed from Debian when missing, as root), a release build.
# Writes the figures to docs/benchmarks.md (the "Feeds" section) and prints them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-2}
CONNECTIONS=64

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

(cd "$ROOT" && cargo build --release --locked -q)
BIN="$ROOT/target/release/content-club"
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
NGINX_PORT=$(free_port)
cd "$WORK"
export CONTENT_CLUB__SERVER__BIND="127.0.0.1:$APP_PORT" CONTENT_CLUB__LOG__LEVEL=warn \
  CONTENT_CLUB__SERVER__RUN_WORKER=false
"$BIN" demo --entries 50 2>/dev/null
mkdir -p logs www
chmod -R a+rX "$WORK" # nginx workers run as an unprivileged user; they must read the file.
APP_PID=""
stop_servers() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
  if [ -f "$WORK/nginx.pid" ]; then "$NGINX" -p "$WORK/" -c nginx.conf -s stop 2>/dev/null || true; sleep 0.5; fi
}
cleanup() { stop_servers; rm -rf "$WORK"; }
trap cleanup EXIT

# start_servers WORKERS [CPU]: both servers with this many workers, pinned to CPU when given.
start_servers() {
  local workers=$1 pin=()
  [ -n "${2:-}" ] && pin=(taskset -c "$2")
  CONTENT_CLUB__SERVER__WORKERS=$workers "${pin[@]}" "$BIN" serve >>serve.log 2>&1 &
  APP_PID=$!
  cat > nginx.conf <<NGINX
worker_processes $workers;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  open_file_cache max=1000 inactive=60s;
  types { application/rss+xml xml; }
  client_body_temp_path $WORK/logs; proxy_temp_path $WORK/logs; fastcgi_temp_path $WORK/logs;
  uwsgi_temp_path $WORK/logs; scgi_temp_path $WORK/logs;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
  "${pin[@]}" "$NGINX" -p "$WORK/" -c nginx.conf
  local port
  for port in "$APP_PORT" "$NGINX_PORT"; do
    for _ in $(seq 1 100); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" != 000 ] && break
      sleep 0.1
    done
  done
}

start_servers 2
SLUG=$(curl -fsS "http://127.0.0.1:$APP_PORT/api/v1/topics" | python3 -c 'import json,sys; print([t["slug"] for t in json.load(sys.stdin) if t["status"]=="open"][0])')
FEED_PATH="/topics/$SLUG/feed.xml"
mkdir -p www/topics/"$SLUG"
curl -fsS "http://127.0.0.1:$APP_PORT$FEED_PATH" -o "www$FEED_PATH"
chmod -R a+rX "$WORK/www"
ITEMS=$(grep -o '<item>' "www$FEED_PATH" | wc -l)
BYTES=$(wc -c < "www$FEED_PATH")
[ "$ITEMS" -ge 50 ] || { echo "feeds.sh: expected 50 items, found $ITEMS" >&2; exit 1; }
cmp <(curl -fsS "http://127.0.0.1:$NGINX_PORT$FEED_PATH") <(curl -fsS "http://127.0.0.1:$APP_PORT$FEED_PATH") \
  || { echo "feeds.sh: nginx and content-club serve different bytes" >&2; exit 1; }

etag_of() { curl -fsS -o /dev/null -D - "http://127.0.0.1:$1$FEED_PATH" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
APP_ETAG=$(etag_of "$APP_PORT")
NGINX_ETAG=$(etag_of "$NGINX_PORT")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $APP_ETAG" "http://127.0.0.1:$APP_PORT$FEED_PATH")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $NGINX_ETAG" "http://127.0.0.1:$NGINX_PORT$FEED_PATH")" = 304 ]

RESULTS="$WORK/results.tsv"
run() { # setup name kind port etag
  local wrk_cmd=(wrk -t2) out
  [ "$1" = isolated ] && wrk_cmd=(taskset -c 1 wrk -t1)
  if [ "$3" = 304 ]; then
    out=$("${wrk_cmd[@]}" -c$CONNECTIONS -d"${SECONDS_PER_RUN}s" --latency -H "If-None-Match: $5" "http://127.0.0.1:$4$FEED_PATH")
  else
    out=$("${wrk_cmd[@]}" -c$CONNECTIONS -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$4$FEED_PATH")
  fi
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx/{print $NF}' <<<"$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "${non2xx:-0}" >>"$RESULTS"
  printf '%-9s %-13s %s  %10s req/s  p50 %-8s p99 %-8s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99"
}
rounds() { # setup
  for _ in $(seq 1 "$ROUNDS"); do
    run "$1" nginx 200 "$NGINX_PORT" ""
    run "$1" content-club 200 "$APP_PORT" ""
    run "$1" nginx 304 "$NGINX_PORT" "$NGINX_ETAG"
    run "$1" content-club 304 "$APP_PORT" "$APP_ETAG"
  done
}
rounds shared
stop_servers
start_servers 1 0
[ "$(etag_of "$APP_PORT")" = "$APP_ETAG" ] || { echo "feeds.sh: the ETag changed across a restart" >&2; exit 1; }
rounds isolated

python3 - "$RESULTS" "$ROOT/docs/benchmarks.md" "$ITEMS" "$BYTES" "$SECONDS_PER_RUN" "$CONNECTIONS" <<'PY'
import datetime, os, re, statistics, sys
results, doc, items, size, seconds, conns = sys.argv[1:7]
rows = [line.rstrip("\n").split("\t") for line in open(results)]
def mean(setup, server, kind):
    return statistics.mean(float(r[3]) for r in rows if r[0] == setup and r[1] == server and r[2] == kind)
def ratio(setup, kind):
    return mean(setup, "content-club", kind) / mean(setup, "nginx", kind)
lines = [
    "## Feeds: a topic feed against nginx serving the same bytes",
    "",
    f"Measured {datetime.date.today()} by `benches/feeds.sh` on this machine (2 cores): a topic feed with "
    f"{items} items ({size} bytes), content-club (release build, log level warn) and nginx (sendfile, "
    f"open_file_cache) serving the very same bytes, alternating, {conns} connections, {seconds} s per run; "
    "304 runs send the server's own ETag in If-None-Match.",
    "",
    "- **shared**: each server with 2 workers, `wrk -t2` on the same two cores (load generator and "
    "server compete for the CPU).",
    "- **isolated**: each server pinned to core 0 with 1 worker (nginx: 1 worker process), "
    "`taskset -c 1 wrk -t1` on core 1.",
    "",
    "| setup | server | status | requests/s | p50 | p99 | non-2xx/3xx |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: |",
]
for r in rows:
    lines.append(f"| {r[0]} | {r[1]} | {r[2]} | {float(r[3]):,.0f} | {r[4]} | {r[5]} | {r[6]} |")
lines += ["", "Ratio content-club / nginx (mean of the rounds):", ""]
for setup in ("shared", "isolated"):
    lines.append(f"- {setup}: **200: {ratio(setup, '200'):.2f}×**, **304: {ratio(setup, '304'):.2f}×**")
lines.append("")
section = "\n".join(lines)
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n\nFigures measured on this project's 2-core machines; each section says how to rerun it.\n\n"
pattern = re.compile(r"## Feeds: .*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
os.makedirs(os.path.dirname(doc), exist_ok=True)
open(doc, "w").write(text)
print(section)
PY
