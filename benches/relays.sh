#!/usr/bin/env bash
# A digest through a relay that requires STARTTLS and a login, against the same digest through
# the same relay software taking plain mail, in one run: `content-club digest send` to N active
# subscribers on SQLite, into aiosmtpd on loopback (benches/relay.py, with the test certificate
# of tests/fixtures/smtp), alternating plain and guarded runs. Records messages/s, the ratio and
# content-club's peak RSS in docs/benchmarks.md ("Relays" section).
#
# Usage: benches/relays.sh [SUBSCRIBERS] [CONNECTIONS] [ROUNDS]     (defaults: 100000, 32, 2)
# The service's settings apply as configured, e.g. CONTENT_CLUB__DATABASE__SQLITE_MMAP_MIB=0 in the
# environment measures without the memory map (the section then says so).
# Needs: python3 (aiosmtpd is installed from PyPI into a throwaway virtualenv), a release build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-100000}
POOL=${2:-32}
ROUNDS=${3:-2}
USER_NAME=club@example.org
PASSWORD='bench pass'

(cd "$ROOT" && cargo build --release --locked -q)
BIN="$ROOT/target/release/content-club"
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q aiosmtpd
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_relay() { # MODE PORT
  "$WORK/venv/bin/python" "$ROOT/benches/relay.py" "$1" "$2" "$ROOT/tests/fixtures/smtp" "$USER_NAME" "$PASSWORD" \
    >"$WORK/relay-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do grep -q ready "$WORK/relay-$1.log" && return 0; sleep 0.1; done
  echo "relays.sh: the $1 relay did not start" >&2; cat "$WORK/relay-$1.log" >&2; exit 1
}
PLAIN_PORT=$(free_port)
start_relay plain "$PLAIN_PORT"
GUARDED_PORT=$(free_port)
start_relay guarded "$GUARDED_PORT"

# One database with the demo club and N active subscribers, copied for every run.
mkdir -p "$WORK/template"
(
  cd "$WORK/template"
  CONTENT_CLUB__LOG__LEVEL=warn "$BIN" demo >/dev/null 2>&1
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
)

run() { # MODE: prints "seconds rss_kib"
  local mode=$1 url
  rm -rf "$WORK/run" && cp -r "$WORK/template" "$WORK/run"
  if [ "$mode" = plain ]; then url="smtp://127.0.0.1:$PLAIN_PORT"; else url="smtp://127.0.0.1:$GUARDED_PORT?tls=required"; fi
  (
    cd "$WORK/run"
    export CONTENT_CLUB__LOG__LEVEL=warn CONTENT_CLUB__EMAIL__TRANSPORT=smtp CONTENT_CLUB__EMAIL__SMTP_URL="$url" \
      CONTENT_CLUB__EMAIL__POOL_SIZE="$POOL" CONTENT_CLUB__DATABASE__POOL_SIZE=4
    if [ "$mode" = guarded ]; then
      export CONTENT_CLUB__EMAIL__SMTP_USERNAME="$USER_NAME" CONTENT_CLUB__EMAIL__SMTP_PASSWORD="$PASSWORD" \
        CONTENT_CLUB__EMAIL__SMTP_CA_FILE="$ROOT/tests/fixtures/smtp/ca.pem"
    fi
    python3 - "$BIN" "$N" <<'PY'
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
  )
}

: > "$WORK/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  for mode in plain guarded; do
    read -r seconds rss <<<"$(run "$mode")"
    echo "$mode $seconds $rss" >> "$WORK/results.txt"
    printf 'round %s %-8s %8.2f s  %8.0f messages/s  peak RSS %6.1f MiB\n' "$round" "$mode" "$seconds" \
      "$(python3 -c "print($N / $seconds)")" "$(python3 -c "print($rss / 1024)")"
  done
done

python3 - "$ROOT/docs/benchmarks.md" "$N" "$POOL" "$WORK/results.txt" "${CONTENT_CLUB__DATABASE__SQLITE_MMAP_MIB:-}" <<'PY'
import datetime, os, re, sys
doc, n, pool, results, mmap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = [line.split() for line in open(results) if line.strip()]
best = {mode: min(float(s) for m, s, _ in rows if m == mode) for mode in ("plain", "guarded")}
rss = {mode: max(int(r) for m, _, r in rows if m == mode) / 1024 for mode in ("plain", "guarded")}
rate = {mode: n / best[mode] for mode in best}
lines = [
    "## Relays: a digest through STARTTLS and a login",
    "",
    f"Measured {datetime.date.today()} by `{'CONTENT_CLUB__DATABASE__SQLITE_MMAP_MIB=' + mmap + ' ' if mmap else ''}"
    f"benches/relays.sh {n} {pool}` on this machine (2 cores): one digest to "
    f"{n:,} active subscribers on SQLite, `content-club digest send` (release build, {pool} connections) into "
    "aiosmtpd on loopback (`benches/relay.py`), once taking plain mail and once requiring STARTTLS and then "
    "AUTH PLAIN before any mail, alternating, "
    f"{len(rows) // 2} runs each (the best of each below; every run in the table after it). content-club's time "
    "includes building and queueing the digest.",
    "",
    "| relay | messages/s | peak RSS |",
    "| --- | ---: | ---: |",
    f"| plain | {rate['plain']:,.0f} | {rss['plain']:.1f} MiB |",
    f"| STARTTLS + login | {rate['guarded']:,.0f} | {rss['guarded']:.1f} MiB |",
    "",
    f"Ratio STARTTLS + login / plain: **{rate['guarded'] / rate['plain']:.2f}×**. Every run (seconds): "
    + ", ".join(f"{m} {float(s):.1f}" for m, s, _ in rows) + ".",
    "",
]
section = "\n".join(lines)
text = open(doc).read()
pattern = re.compile(r"## Relays: a digest through .*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda _: section.rstrip("\n") + "\n", text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(doc, "w").write(text)
print(section)
PY
