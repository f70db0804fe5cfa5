#!/usr/bin/env python3
"""Index.search against `grep -ril` over the same folder (target: at least 20x faster).

    .venv/bin/python bench/grep_compare.py [--count 100000] [--archive DIR] [--cache DIR]

grep gets the page cache warm too (one untimed run first), so both read from memory.
grep finds less: no inflected forms, no Latin spellings, no ranking.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.index_build import corpus  # noqa: E402
from reader.search.index import Index  # noqa: E402

WORDS = ["конституция", "партияның", "Қазақстан", "отырыс", "мемлекеттік", "жоқсөзқазақ"]


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--archive")
    ap.add_argument("--cache", default="/tmp/kzidx-cache")
    args = ap.parse_args()
    root = corpus(args.count, args.archive)
    index = Index.open(root, Path(args.cache))
    index.update()

    def grep(word: str) -> None:
        subprocess.run(["grep", "-ril", word, str(root)], stdout=subprocess.DEVNULL)

    grep(WORDS[0])  # warm the page cache
    ratios = []
    for word in WORDS:
        g = timed(lambda w=word: grep(w), 3)
        s = timed(lambda w=word: index.search(w, 20), 5)
        ratios.append(g / s)
        print(f"{word:14} grep -ril {g * 1000:8.0f} ms   search {s * 1000:6.1f} ms"
              f"   {g / s:6.0f}x")
    print(f"slowest ratio {min(ratios):.0f}x, median {statistics.median(ratios):.0f}x")


if __name__ == "__main__":
    main()
