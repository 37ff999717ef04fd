#!/usr/bin/env bash
# Feed serving benchmark: content-club against nginx serving the very same bytes as a static
# file, on this machine, in the same run, alternating, for 200 and for 304 responses.
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
  CONTENT_CLUB__SERVER__RUN_WORKER=false CONTENT_CLUB__SERVER__WORKERS=2
"$BIN" demo --entries 50 2>/dev/null
"$BIN" serve >serve.log 2>&1 &
APP_PID=$!
cleanup() {
  kill "$APP_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && "$NGINX" -p "$WORK/" -c nginx.conf -s stop 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

SLUG=$(curl -fsS "http://127.0.0.1:$APP_PORT/api/v1/topics" | python3 -c 'import json,sys; print([t["slug"] for t in json.load(sys.stdin) if t["status"]=="open"][0])')
FEED_PATH="/topics/$SLUG/feed.xml"
mkdir -p www/topics/"$SLUG" logs
curl -fsS "http://127.0.0.1:$APP_PORT$FEED_PATH" -o "www$FEED_PATH"
ITEMS=$(grep -o '<item>' "www$FEED_PATH" | wc -l)
BYTES=$(wc -c < "www$FEED_PATH")
[ "$ITEMS" -ge 50 ] || { echo "feeds.sh: expected 50 items, found $ITEMS" >&2; exit 1; }

# nginx workers run as an unprivileged user; they must be able to read the file.
chmod -R a+rX "$WORK"
cat > nginx.conf <<NGINX
worker_processes 2;
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
"$NGINX" -p "$WORK/" -c nginx.conf
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$NGINX_PORT$FEED_PATH" >/dev/null 2>&1 && break; sleep 0.1; done
cmp <(curl -fsS "http://127.0.0.1:$NGINX_PORT$FEED_PATH") <(curl -fsS "http://127.0.0.1:$APP_PORT$FEED_PATH") \
  || { echo "feeds.sh: nginx and content-club serve different bytes" >&2; exit 1; }

APP_ETAG=$(curl -fsS -o /dev/null -D - "http://127.0.0.1:$APP_PORT$FEED_PATH" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
NGINX_ETAG=$(curl -fsS -o /dev/null -D - "http://127.0.0.1:$NGINX_PORT$FEED_PATH" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $APP_ETAG" "http://127.0.0.1:$APP_PORT$FEED_PATH")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $NGINX_ETAG" "http://127.0.0.1:$NGINX_PORT$FEED_PATH")" = 304 ]

RESULTS="$WORK/results.tsv"
run() { # name kind port etag
  local out
  if [ "$2" = 304 ]; then
    out=$(wrk -t2 -c$CONNECTIONS -d"${SECONDS_PER_RUN}s" --latency -H "If-None-Match: $4" "http://127.0.0.1:$3$FEED_PATH")
  else
    out=$(wrk -t2 -c$CONNECTIONS -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$3$FEED_PATH")
  fi
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx/{print $NF}' <<<"$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$rps" "$p50" "$p99" "${non2xx:-0}" >>"$RESULTS"
  printf '%-13s %s  %10s req/s  p50 %-8s p99 %-8s\n' "$1" "$2" "$rps" "$p50" "$p99"
}
for round in $(seq 1 "$ROUNDS"); do
  run nginx 200 "$NGINX_PORT" ""
  run content-club 200 "$APP_PORT" ""
  run nginx 304 "$NGINX_PORT" "$NGINX_ETAG"
  run content-club 304 "$APP_PORT" "$APP_ETAG"
done

python3 - "$RESULTS" "$ROOT/docs/benchmarks.md" "$ITEMS" "$BYTES" "$SECONDS_PER_RUN" "$CONNECTIONS" <<'PY'
import datetime, os, re, statistics, sys
results, doc, items, size, seconds, conns = sys.argv[1:7]
rows = [line.rstrip("\n").split("\t") for line in open(results)]
def mean(server, kind):
    return statistics.mean(float(r[2]) for r in rows if r[0] == server and r[1] == kind)
lines = [
    "## Feeds: a topic feed against nginx serving the same bytes",
    "",
    f"Measured {datetime.date.today()} by `benches/feeds.sh` on this machine (2 cores): a topic feed with "
    f"{items} items ({size} bytes), content-club (release build, 2 HTTP workers, log level warn) and nginx "
    f"(2 workers, sendfile, open_file_cache) serving the very same bytes, alternating, "
    f"`wrk -t2 -c{conns} -d{seconds}s --latency`; 304 runs send the server's own ETag in If-None-Match. "
    "wrk shares the two cores with the server, so differences under about 15 % are noise.",
    "",
    "| server | status | requests/s | p50 | p99 | non-2xx/3xx |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
]
for r in rows:
    lines.append(f"| {r[0]} | {r[1]} | {float(r[2]):,.0f} | {r[3]} | {r[4]} | {r[5]} |")
lines += [
    "",
    f"Ratio content-club / nginx (mean of the rounds): **200: {mean('content-club','200')/mean('nginx','200'):.2f}×**, "
    f"**304: {mean('content-club','304')/mean('nginx','304'):.2f}×**.",
    "",
]
section = "\n".join(lines)
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n\nFigures measured on this project's 2-core machines; each section says how to rerun it.\n\n"
pattern = re.compile(r"## Feeds: .*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
os.makedirs(os.path.dirname(doc), exist_ok=True)
open(doc, "w").write(text)
print(section)
PY
