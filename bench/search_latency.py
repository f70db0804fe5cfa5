#!/usr/bin/env python3
"""One search at 100,000 articles: median and 95th percentile over 100 varied queries.

    .venv/bin/python bench/search_latency.py [--count 100000] [--archive DIR] [--cache DIR]

Queries come from the sample article (the corpus is made from its words): single word
forms as they stand in the text, the same typed on a Russian keyboard (кенес for кеңес),
Latin spellings, two-word phrases, prefixes, and several words at once. Each query is
new to the process, so its analysis (every stem it may be a form of) is timed too.
Times Index.search(q, 20) whole (FTS + reading each hit's file
for its snippet) and the SQL part alone. Target: median < 20 ms, p95 < 50 ms.

--split times the stages of the same searches instead, each query new to the process as
above: parse (the query's analysis: every stem and spelling it may be a form of), vocab
(which of those terms the index holds, and the MATCH expression), SQL, read (the hits'
files) and snippet (the first paragraph with a hit, and its window).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.index_build import corpus  # noqa: E402
from reader.kazakh.latin import to_latin  # noqa: E402
from reader.search.index import Index  # noqa: E402
from reader.search.query import parse_query  # noqa: E402
from reader.search.rank import ranked  # noqa: E402
from reader.userdata.paths import bundled_archive  # noqa: E402

KEYBOARD = ["kazakhstan", "konstitutsiya", "partiya", "qazaqstan", "respublika", "saiasi",
            "memleket", "konstitusiia", "kogam", "otyrys"]


_RUSSIAN_KEYBOARD = "әғқңөұүһі"
_TO_RUSSIAN = str.maketrans(_RUSSIAN_KEYBOARD, "агкноуухи")  # typed without a Kazakh layout


def queries(n: int = 100) -> list[str]:
    text = next(bundled_archive().glob("*.txt")).read_text("utf-8")
    words = re.findall(r"[^\W\d_]{4,}", text)
    rng = random.Random(7)
    singles = rng.sample(sorted(set(words)), 30)
    kazakh = sorted(w for w in set(words) if set(w.lower()) & set(_RUSSIAN_KEYBOARD))
    russian = [w.lower().translate(_TO_RUSSIAN) for w in rng.sample(kazakh, 10)]
    latin = [to_latin(w).lower() for w in rng.sample(sorted(set(words)), 10)] + KEYBOARD
    body = re.findall(r"[^\W\d_]+", text)  # every word, for phrases that really occur
    pairs = [f"\"{a} {b}\"" for a, b in zip(body, body[1:], strict=False)
             if len(a) > 3 and len(b) > 3]
    phrases = rng.sample(pairs, 15)
    prefixes = [w[: rng.randint(3, 6)] + "*" for w in rng.sample(words, 15)]
    several = [" ".join(rng.sample(words, 3)) for _ in range(10)]
    out = singles + russian + latin + phrases + prefixes + several
    return out[:n]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--archive")
    ap.add_argument("--cache", default="/tmp/kzidx-cache", help="kept between runs")
    ap.add_argument("--split", action="store_true", help="time each stage of a search")
    args = ap.parse_args()
    root = corpus(args.count, args.archive)
    index = Index.open(root, Path(args.cache))
    t = time.perf_counter()
    index.update()
    print(f"update (build if new): {time.perf_counter() - t:.1f} s")
    qs = queries()
    index.search(qs[0])  # warm the page cache once, as an open app would be
    if args.split:
        split(index, qs)
        return
    whole, sql, counts = [], [], []
    for q in qs:
        t = time.perf_counter()
        hits = index.search(q, 20)
        whole.append((time.perf_counter() - t) * 1000)
        fts = parse_query(q).fts_with(index._holds, index._starting)  # what search() asks
        t = time.perf_counter()
        if fts:
            ranked(index._conn, fts, "", "", [], 20)
        sql.append((time.perf_counter() - t) * 1000)
        counts.append(index._conn.execute(
            "SELECT count(*) FROM fts WHERE fts MATCH ?", (fts,)).fetchone()[0] if fts else 0)
        if not hits:
            print(f"  no hits: {q}")
    print(f"{len(qs)} queries over {index.count()} articles")
    for name, values in (("search()", whole), ("SQL only", sql)):
        print(f"{name:9} median {statistics.median(values):6.1f} ms   p95 {pct(values, 95):6.1f} ms"
              f"   max {max(values):6.1f} ms")
    slow = sorted(zip(whole, qs, counts, strict=True), reverse=True)[:5]
    for ms, q, c in slow:
        print(f"  slowest: {ms:6.1f} ms  {c:6d} matching rows  {q}")


def split(index: Index, qs: list[str]) -> None:
    """Index.search's stages one by one (as it runs them), each query's timed apart."""
    from reader.archive.parser import read_article
    from reader.search.query import first_hit
    from reader.search.snippet import make_snippet

    stages: dict[str, list[float]] = {name: [] for name in (
        "parse", "vocab", "SQL", "read", "snippet", "all")}
    for q in qs:
        marks = [time.perf_counter()]
        parsed = parse_query(q)
        marks.append(time.perf_counter())
        index._fresh_terms()
        index._look_up(parsed.asks())
        fts = parsed.fts_with(index._holds, index._starting)
        marks.append(time.perf_counter())
        rows = ranked(index._conn, fts, "", "", [], 20) if fts else []
        marks.append(time.perf_counter())
        articles = [read_article(index.archive / row[0], row[0]) for row in rows
                    if isinstance(row[0], str)]
        marks.append(time.perf_counter())
        for article in articles:
            make_snippet(article, *first_hit(article, parsed))
        marks.append(time.perf_counter())
        for name, start, end in zip(stages, marks, marks[1:], strict=False):
            stages[name].append((end - start) * 1000)
        stages["all"].append((marks[-1] - marks[0]) * 1000)
    print(f"{len(qs)} queries over {index.count()} articles, stage by stage")
    for name, values in stages.items():
        print(f"{name:8} median {statistics.median(values):6.1f} ms   p95 {pct(values, 95):6.1f} ms"
              f"   sum {sum(values):7.0f} ms")


if __name__ == "__main__":
    main()
