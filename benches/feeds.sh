#!/usr/bin/env bash
# A topic feed of 50 items, content-club against nginx serving the same bytes (see
# benches/against_nginx.sh). Usage: benches/feeds.sh [SECONDS_PER_RUN] [ROUNDS]
exec "$(dirname "$0")/against_nginx.sh" feeds "$@"
