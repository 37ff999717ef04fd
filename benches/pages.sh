#!/usr/bin/env bash
# The home page and a topic's archive of 50 entries as an anonymous visitor gets them,
# content-club against nginx serving the same bytes (see benches/against_nginx.sh).
# Usage: benches/pages.sh [SECONDS_PER_RUN] [ROUNDS]
exec "$(dirname "$0")/against_nginx.sh" pages "$@"
