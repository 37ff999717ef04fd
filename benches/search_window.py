#!/usr/bin/env python3
"""What the size of the ranked window costs: the SQL of one search, as the service runs it on
SQLite (src/db/search.rs), timed alone on one core for windows of 1,001, 501, 201 (the
service's by default: search.ranked_window = 200, and one match more) and 101 matches, over
an archive made by search_corpus.py. No HTTP, no rendering: the database's part of a search,
and how it would shrink if fewer matches were ranked.

Usage: search_window.py DATABASE [RUNS]      (e.g. after benches/search.sh has filled one, or:
       content-club migrate && search_corpus.py sqlite DATABASE 100000 && content-club search compact)
Needs Python's sqlite3 with FTS5 and the trigram tokenizer (SQLite 3.34 or later).
"""
import sqlite3
import sys
import time

DATABASE = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
WINDOWS = (1001, 501, 201, 101)

db = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True)
db.execute("PRAGMA mmap_size = 1073741824")


def score(words):
    parts = []
    for word in words:
        for column, weight in (("s.title", 8), ("s.author_name", 4), ("s.summary", 2), ("s.note", 2), ("t.title", 1)):
            parts.append(f"CASE WHEN {column} LIKE '%{word}%' ESCAPE '\\' THEN {weight} ELSE 0 END")
    return "(0 + " + " + ".join(parts) + ")"


def year_range(year):
    """The ids a year's entries lie between, from each topic's first and last (as the service
    reads them before a search filtered by a topic, a year or an author)."""
    return db.execute(
        "SELECT min(r.lo), max(r.hi) FROM (SELECT "
        "(SELECT min(s.id) FROM submissions s WHERE s.topic_id = t.id AND s.status = 'approved') AS lo, "
        "(SELECT max(s.id) FROM submissions s WHERE s.topic_id = t.id AND s.status = 'approved') AS hi "
        "FROM topics t WHERE t.announced = 1 AND t.month LIKE ?) r", (f"{year}-%",)).fetchone()


def search(match, words, extra, window):
    """The service's SQL: the newest matches, scored as they are read, then ranked. The index
    keeps each entry under its id negated (migration 000023): its own order is newest first."""
    if match:
        found = (f"SELECT s.id AS id, s.published_at AS published_at, {score(words)} AS score FROM search_index "
                 f"JOIN submissions s ON s.id = -search_index.rowid "
                 f"JOIN topics t ON t.id = s.topic_id WHERE search_index MATCH '{match}' AND +s.status = 'approved' "
                 f"AND t.announced = 1 {extra.replace('RANGE', 'search_index.rowid >= {} AND search_index.rowid <= {}'.format(-HI, -LO))} "
                 f"ORDER BY search_index.rowid ASC LIMIT {window}")
    else:
        found = (f"SELECT s.id AS id, s.published_at AS published_at, {score(words)} AS score "
                 f"FROM submissions s CROSS JOIN topics t WHERE t.id = s.topic_id "
                 f"AND +s.status = 'approved' AND t.announced = 1 {extra.replace('RANGE', f's.id >= {LO} AND s.id <= {HI}')} "
                 f"ORDER BY s.id DESC LIMIT {window}")
    return f"SELECT w.id FROM ({found}) w ORDER BY w.score DESC, w.published_at DESC, w.id DESC"


def ms(sql):
    db.execute(sql).fetchall()
    start = time.perf_counter()
    for _ in range(RUNS):
        db.execute(sql).fetchall()
    return (time.perf_counter() - start) / RUNS * 1000


LO, HI = year_range(2024)
SHORT = " OR ".join(f"{c} LIKE '%容器%'" for c in ("s.title", "s.summary", "s.note", "s.author_name", "t.title"))
QUERIES = [
    ("common-word", '"platform"', ["platform"], ""),
    ("two-words", '"incident" "postmortem"', ["incident", "postmortem"], ""),
    ("phrase", '"error budget"', ["error budget"], ""),
    ("chinese-2-chars", None, ["容器"], f"AND ({SHORT})"),
    ("japanese", '"可観測性"', ["可観測性"], ""),
    ("filtered", '"kubernetes"', ["kubernetes"],
     "AND s.kind = 'talk' AND t.month LIKE '2024-%' AND RANGE"),
]
print("| query | " + " | ".join(f"window {w - 1:,}" for w in WINDOWS) + " |")
print("|---|" + "---:|" * len(WINDOWS))
for name, match, words, extra in QUERIES:
    print(f"| {name} | " + " | ".join(f"{ms(search(match, words, extra, w)):.2f}" for w in WINDOWS) + " |")
