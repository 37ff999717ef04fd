#!/usr/bin/env bash
# Digest delivery benchmark: a digest to N active subscribers (default 10,000), delivered by
# `content-club digest send` into postfix's smtp-sink on loopback; in the same run smtp-source
# sends the same number of messages of the same size to the same sink. Records messages/s for
# both, the ratio, and content-club's peak RSS in docs/benchmarks.md ("Digest" section).
#
# Usage: benches/digest.sh [SUBSCRIBERS] [POOL_SIZE]     (defaults: 10000, 100)
# Needs: postfix's smtp-sink/smtp-source (installed from Debian when missing, as root; the postfix
# daemon is not started), python3, a release build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}
POOL=${2:-100}

if ! command -v smtp-sink >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi
(cd "$ROOT" && cargo build --release --locked -q)
BIN="$ROOT/target/release/content-club"
WORK=$(mktemp -d)
chmod 755 "$WORK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cd "$WORK"
smtp-sink -u nobody -c 127.0.0.1:"$PORT" 1000 >sink.log 2>&1 &
SINK_PID=$!
trap 'kill $SINK_PID 2>/dev/null || true; wait $SINK_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 0.5

export CONTENT_CLUB__LOG__LEVEL=warn CONTENT_CLUB__EMAIL__TRANSPORT=smtp \
  CONTENT_CLUB__EMAIL__SMTP_URL="smtp://127.0.0.1:$PORT" CONTENT_CLUB__EMAIL__POOL_SIZE="$POOL" \
  CONTENT_CLUB__WORKER__BATCH_SIZE=2000 CONTENT_CLUB__DATABASE__POOL_SIZE=4
"$BIN" demo >/dev/null 2>&1
python3 - "$N" <<'PY'
import sqlite3, sys, datetime
n = int(sys.argv[1])
db = sqlite3.connect("data/content-club.db")
now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
db.executemany(
    "INSERT INTO subscribers (email, public_id, status, bounce_count, created_at, updated_at, confirmed_at) "
    "VALUES (?, ?, 'active', 0, ?, ?, ?)",
    [(f"reader{i}@example.org", f"s{i:024x}", now, now, now) for i in range(n)],
)
db.commit()
PY

# The digest's size, for smtp-source: a test copy written by the file transport.
CONTENT_CLUB__EMAIL__TRANSPORT=file CONTENT_CLUB__EMAIL__FILE_DIR="$WORK/sample" \
  "$BIN" digest send --topic metrics-that-matter --test-to size@example.org >/dev/null 2>&1
SIZE=$(wc -c < "$(ls "$WORK"/sample/*.eml | head -1)")

python3 - "$BIN" "$N" >app.txt <<'PY'
import resource, subprocess, sys, time
bin, n = sys.argv[1], int(sys.argv[2])
start = time.monotonic()
proc = subprocess.run([bin, "digest", "send", "--topic", "metrics-that-matter"], capture_output=True, text=True)
elapsed = time.monotonic() - start
rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if proc.returncode != 0 or f"{n} sent" not in proc.stderr:
    sys.exit(f"digest send failed: {proc.stderr[-2000:]}")
print(f"{elapsed:.3f} {rss_kib}")
PY
read -r APP_SECONDS APP_RSS_KIB <app.txt

source_seconds() { # sessions
  python3 - "$N" "$SIZE" "$PORT" "$1" <<'PY'
import subprocess, sys, time
n, size, port, sessions = sys.argv[1:5]
start = time.monotonic()
subprocess.run(["smtp-source", "-s", sessions, "-m", n, "-l", size, f"127.0.0.1:{port}"], check=True)
print(f"{time.monotonic() - start:.3f}")
PY
}
SOURCE10_SECONDS=$(source_seconds 10)
SOURCE100_SECONDS=$(source_seconds 100)

python3 - "$ROOT/docs/benchmarks.md" "$N" "$SIZE" "$POOL" "$APP_SECONDS" "$APP_RSS_KIB" "$SOURCE10_SECONDS" "$SOURCE100_SECONDS" <<'PY'
import datetime, os, re, sys
doc, n, size, pool, app_s, rss_kib, src10_s, src100_s = sys.argv[1:9]
n = int(n); app_rate = n / float(app_s); src10 = n / float(src10_s); src100 = n / float(src100_s)
section = "\n".join([
    "## Digest: delivery into smtp-sink against smtp-source",
    "",
    f"Measured {datetime.date.today()} by `benches/digest.sh` on this machine (2 cores): one digest "
    f"({size} bytes as sent) to {n:,} active subscribers on SQLite, `content-club digest send` "
    f"(release build, `email.pool_size` = {pool} SMTP connections) into postfix's `smtp-sink` on "
    f"loopback; in the same run `smtp-source -m {n} -l {size}` into the same sink with 10 and with 100 "
    "parallel sessions. content-club's time includes building and queueing the digest (one transaction "
    "for all rows).",
    "",
    "| sender | messages | seconds | messages/s | peak RSS |",
    "| --- | ---: | ---: | ---: | ---: |",
    f"| content-club, {pool} connections | {n:,} | {float(app_s):.2f} | {app_rate:,.0f} | {int(rss_kib)/1024:.1f} MiB |",
    f"| smtp-source -s 10 | {n:,} | {float(src10_s):.2f} | {src10:,.0f} | – |",
    f"| smtp-source -s 100 | {n:,} | {float(src100_s):.2f} | {src100:,.0f} | – |",
    "",
    f"Ratio content-club / smtp-source: **{app_rate/src10:.2f}×** against 10 sessions, "
    f"**{app_rate/src100:.2f}×** against 100 sessions.",
    "",
])
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n\n"
pattern = re.compile(r"## Digest: .*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
os.makedirs(os.path.dirname(doc), exist_ok=True)
open(doc, "w").write(text)
print(section)
PY
