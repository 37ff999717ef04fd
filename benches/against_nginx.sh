#!/usr/bin/env bash
# Serving benchmark: content-club against nginx serving the very same bytes as static files, on
# this machine, in the same run, alternating, for 200 and for 304 responses. What is served:
#   feeds:  a topic feed of 50 items (benches/feeds.sh);
#   pages:  the home page and a topic's archive of 50 entries, as an anonymous visitor gets them
#           (benches/pages.sh).
#
# Two setups, both measured every run:
#   shared:   both servers with 2 workers on both cores; wrk -t2 on the same cores, so the load
#             generator and the server compete for the CPU.
#   isolated: the server (content-club with 1 worker, nginx with 1 worker process) pinned to core
#             0, wrk -t1 pinned to core 1: the server's own speed on one core, undisturbed.
#
# Each round runs both servers back to back, in turn first and second (so that a slow drift of
# the machine's speed does not favour either); the summary is the median over the rounds of each
# round's ratio, besides the median requests/s. The servers' CPU time per request (from
# /proc/PID/stat) is recorded too: it is what the throughput of a saturated server comes from.
#
# Usage: benches/against_nginx.sh feeds|pages [SECONDS_PER_RUN] [ROUNDS]  (defaults: 5 s, 6 rounds)
#        BASELINE=path/to/an/earlier/content-club benches/feeds.sh ...
#        With BASELINE, that build serves the same topic from a database it filled itself, as a
#        third server in every round, and the summary adds the ratio to it (this build / that one).
# Needs: wrk and nginx (installed from Debian when missing, as root), a release build.
# Writes the figures to docs/benchmarks.md (the "Feeds" or the "Pages" section) and prints them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIND=${1:?feeds or pages}
SECONDS_PER_RUN=${2:-5}
ROUNDS=${3:-6}
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
BASE_PORT=$(free_port)
BASELINE=${BASELINE:-}
cd "$WORK"
export CONTENT_CLUB__SERVER__BIND="127.0.0.1:$APP_PORT" CONTENT_CLUB__LOG__LEVEL=warn \
  CONTENT_CLUB__SERVER__RUN_WORKER=false
"$BIN" demo --entries 50 2>/dev/null
if [ -n "$BASELINE" ]; then
  mkdir -p baseline
  (cd baseline && CONTENT_CLUB__SERVER__BIND="127.0.0.1:$BASE_PORT" "$BASELINE" demo --entries 50 2>/dev/null)
fi
mkdir -p logs www
chmod -R a+rX "$WORK" # nginx workers run as an unprivileged user; they must read the file.
APP_PID=""
BASE_PID=""
stop_servers() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
  if [ -n "$BASE_PID" ]; then kill "$BASE_PID" 2>/dev/null || true; wait "$BASE_PID" 2>/dev/null || true; BASE_PID=""; fi
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
  if [ -n "$BASELINE" ]; then
    (cd baseline && CONTENT_CLUB__SERVER__BIND="127.0.0.1:$BASE_PORT" CONTENT_CLUB__SERVER__WORKERS=$workers \
      exec "${pin[@]}" "$BASELINE" serve >>serve.log 2>&1) &
    BASE_PID=$!
  fi
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
  types { application/rss+xml xml; text/html html; }
  client_body_temp_path $WORK/logs; proxy_temp_path $WORK/logs; fastcgi_temp_path $WORK/logs;
  uwsgi_temp_path $WORK/logs; scgi_temp_path $WORK/logs;
  # Pages are files named after their address: one lookup each, as for the feed.
  server {
    listen 127.0.0.1:$NGINX_PORT; root $WORK/www;
    location = / { try_files /index.html =404; }
    location ~ ^/topics/[a-z0-9-]+\$ { try_files \$uri.html =404; }
  }
}
NGINX
  "${pin[@]}" "$NGINX" -p "$WORK/" -c nginx.conf
  local port
  for port in "$APP_PORT" "$NGINX_PORT" ${BASELINE:+"$BASE_PORT"}; do
    for _ in $(seq 1 100); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" != 000 ] && break
      sleep 0.1
    done
  done
}

start_servers 2
SLUG=$(curl -fsS "http://127.0.0.1:$APP_PORT/api/v1/topics" | python3 -c 'import json,sys; print([t["slug"] for t in json.load(sys.stdin) if t["status"]=="open"][0])')
# Each address served, and the file nginx serves it from.
if [ "$KIND" = feeds ]; then
  PATHS=("/topics/$SLUG/feed.xml")
  FILES=("topics/$SLUG/feed.xml")
else
  PATHS=("/" "/topics/$SLUG")
  FILES=("index.html" "topics/$SLUG.html")
fi
mkdir -p www/topics
SIZES=()
for i in "${!PATHS[@]}"; do
  curl -fsS "http://127.0.0.1:$APP_PORT${PATHS[$i]}" -o "www/${FILES[$i]}"
  SIZES+=("${PATHS[$i]}=$(wc -c < "www/${FILES[$i]}")")
  cmp <(curl -fsS "http://127.0.0.1:$NGINX_PORT${PATHS[$i]}") <(curl -fsS "http://127.0.0.1:$APP_PORT${PATHS[$i]}") \
    || { echo "against_nginx.sh: nginx and content-club serve different bytes at ${PATHS[$i]}" >&2; exit 1; }
done
chmod -R a+rX "$WORK/www"
if [ "$KIND" = feeds ]; then
  ITEMS=$(grep -o '<item>' "www/${FILES[0]}" | wc -l)
else
  ITEMS=$(grep -o 'rel="ugc nofollow"' "www/${FILES[1]}" | wc -l)
fi
[ "$ITEMS" -ge 50 ] || { echo "against_nginx.sh: expected 50 entries, found $ITEMS" >&2; exit 1; }

etag_of() { curl -fsS -o /dev/null -D - "http://127.0.0.1:$1$2" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
declare -A ETAGS
for path in "${PATHS[@]}"; do
  for port in "$APP_PORT" "$NGINX_PORT" ${BASELINE:+"$BASE_PORT"}; do
    ETAGS["$port$path"]=$(etag_of "$port" "$path")
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: ${ETAGS["$port$path"]}" "http://127.0.0.1:$port$path")" = 304 ] \
      || { echo "against_nginx.sh: no 304 from port $port at $path" >&2; exit 1; }
  done
done
if [ -n "$BASELINE" ]; then
  echo "baseline serves $(curl -fsS "http://127.0.0.1:$BASE_PORT${PATHS[0]}" | wc -c) bytes at ${PATHS[0]} (this build: ${SIZES[0]})"
fi

RESULTS="$WORK/results.tsv"
# CPU time (user + system, in clock ticks) of the server's processes so far.
cpu_ticks() { # port
  local pids
  if [ "$1" = "$APP_PORT" ]; then pids=$APP_PID
  elif [ "$1" = "$BASE_PORT" ]; then pids=$(pgrep -P "$BASE_PID" || echo "$BASE_PID")
  else pids=$(pgrep -P "$(cat "$WORK/nginx.pid")"); fi
  local total=0 pid
  for pid in $pids; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
TICKS_PER_SECOND=$(getconf CLK_TCK)
run() { # setup round name kind port path
  local wrk_cmd=(wrk -t2) out before after
  [ "$1" = isolated ] && wrk_cmd=(taskset -c 1 wrk -t1)
  local headers=()
  [ "$4" = 304 ] && headers=(-H "If-None-Match: ${ETAGS["$5$6"]}")
  before=$(cpu_ticks "$5")
  out=$("${wrk_cmd[@]}" -c$CONNECTIONS -d"${SECONDS_PER_RUN}s" --latency "${headers[@]}" "http://127.0.0.1:$5$6")
  after=$(cpu_ticks "$5")
  local rps p50 p99 non2xx requests cpu_us
  rps=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx/{print $NF}' <<<"$out")
  requests=$(awk '/requests in/{print $1}' <<<"$out")
  cpu_us=$(python3 -c "print(f'{($after - $before) * 1e6 / $TICKS_PER_SECOND / $requests:.2f}')")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$rps" "$p50" "$p99" "${non2xx:-0}" "$cpu_us" "$6" >>"$RESULTS"
  printf '%-9s %2s %-13s %s %-28s %10s req/s  p50 %-8s p99 %-8s %6s µs CPU/request\n' "$1" "$2" "$3" "$4" "$6" "$rps" "$p50" "$p99" "$cpu_us"
}
rounds() { # setup
  local round kind path
  for round in $(seq 1 "$ROUNDS"); do
    for path in "${PATHS[@]}"; do
      for kind in 200 304; do
        if [ $((round % 2)) = 1 ]; then
          run "$1" "$round" nginx "$kind" "$NGINX_PORT" "$path"
          [ -n "$BASELINE" ] && run "$1" "$round" baseline "$kind" "$BASE_PORT" "$path"
          run "$1" "$round" content-club "$kind" "$APP_PORT" "$path"
        else
          run "$1" "$round" content-club "$kind" "$APP_PORT" "$path"
          [ -n "$BASELINE" ] && run "$1" "$round" baseline "$kind" "$BASE_PORT" "$path"
          run "$1" "$round" nginx "$kind" "$NGINX_PORT" "$path"
        fi
      done
    done
  done
}
rounds shared
stop_servers
start_servers 1 0
for path in "${PATHS[@]}"; do
  [ "$(etag_of "$APP_PORT" "$path")" = "${ETAGS["$APP_PORT$path"]}" ] \
    || { echo "against_nginx.sh: the ETag of $path changed across a restart" >&2; exit 1; }
done
rounds isolated

python3 - "$RESULTS" "$ROOT/docs/benchmarks.md" "$KIND" "$ITEMS" "${SIZES[*]}" "$SECONDS_PER_RUN" "$CONNECTIONS" "$ROUNDS" <<'PY'
import datetime, os, re, statistics, sys
results, doc, kind_of_run, items, sizes, seconds, conns, rounds = sys.argv[1:9]
rows = [line.rstrip("\n").split("\t") for line in open(results)]
paths = list(dict.fromkeys(r[9] for r in rows))
def runs(setup, server, kind, path):
    return {r[1]: r for r in rows if r[0] == setup and r[2] == server and r[3] == kind and r[9] == path}
def median(values):
    return statistics.median(values)
sizes = ", ".join(f"`{p}` {b} bytes" for p, b in (s.split("=") for s in sizes.split()))
if kind_of_run == "feeds":
    heading = "## Feeds: a topic feed against nginx serving the same bytes"
    what = f"a topic feed with {items} items ({sizes})"
else:
    heading = "## Pages: the home page and a topic archive against nginx serving the same bytes"
    what = (
        f"the home page and the archive of a topic with {items} entries as an anonymous visitor gets them, "
        f"in the club's language, uncompressed ({sizes})"
    )
lines = [
    heading,
    "",
    f"Measured {datetime.date.today()} by `benches/{kind_of_run}.sh {seconds} {rounds}` on this machine (2 cores): {what}, "
    "content-club (release build, log level warn) and nginx (sendfile, open_file_cache, access log off) serving the very "
    f"same bytes, {conns} connections, {seconds} s per run, {rounds} rounds; in each round both servers run back to back, "
    "in turn first and second. 304 runs send the server's own ETag in If-None-Match. CPU is the server processes' "
    "user + system time per request.",
    "",
    "- **shared**: each server with 2 workers, `wrk -t2` on the same two cores (load generator and "
    "server compete for the CPU).",
    "- **isolated**: each server pinned to core 0 with 1 worker (nginx: 1 worker process), "
    "`taskset -c 1 wrk -t1` on core 1.",
    "",
    "| setup | address | status | server | requests/s (median) | min – max | p50 (median) | p99 (median) | CPU µs/request (median) | non-2xx/3xx |",
    "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]
def latency(text):
    value = float(re.sub(r"[a-z]+$", "", text))
    return value * {"us": 1e-3, "ms": 1.0, "s": 1e3}[re.search(r"[a-z]+$", text).group(0)]
summary = []
for setup in ("shared", "isolated"):
    for path in paths:
        for kind in ("200", "304"):
            for server in ("nginx", "baseline", "content-club"):
                rs = runs(setup, server, kind, path).values()
                if not rs:
                    continue
                rps = [float(r[4]) for r in rs]
                lines.append(
                    f"| {setup} | `{path}` | {kind} | {server} | {median(rps):,.0f} | {min(rps):,.0f} – {max(rps):,.0f} | "
                    f"{median(latency(r[5]) for r in rs):.2f} ms | {median(latency(r[6]) for r in rs):.2f} ms | "
                    f"{median(float(r[8]) for r in rs):.2f} | {sum(int(r[7]) for r in rs)} |"
                )
            app, ngx = runs(setup, "content-club", kind, path), runs(setup, "nginx", kind, path)
            base = runs(setup, "baseline", kind, path)
            ratios = sorted(float(app[k][4]) / float(ngx[k][4]) for k in app)
            line = (
                f"- {setup}, `{path}`, {kind}: **{median(ratios):.2f}×** nginx (median of the rounds' ratios; "
                f"rounds {', '.join(f'{r:.2f}' for r in ratios)})"
            )
            if base:
                against = sorted(float(app[k][4]) / float(base[k][4]) for k in app)
                line += f"; **{median(against):.2f}×** the baseline build (rounds {', '.join(f'{r:.2f}' for r in against)})"
            summary.append(line)
note = [f"Baseline: {os.environ.get('BASELINE_NAME', 'an earlier build')}, serving a database it filled itself."] if any(r[2] == "baseline" for r in rows) else []
lines += ["", "Ratio content-club / nginx (and / the baseline build), requests/s:", ""] + summary + [""] + note + ([""] if note else [])
section = "\n".join(lines)
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n\nFigures measured on this project's 2-core machines; each section says how to rerun it.\n\n"
pattern = re.compile(re.escape(heading.split(":")[0]) + r": .*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda _: section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
os.makedirs(os.path.dirname(doc), exist_ok=True)
open(doc, "w").write(text)
print(section)
PY
