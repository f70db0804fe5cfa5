#!/usr/bin/env python3
"""Peak RSS of a process that opens the index, loads the list and searches (target < 200 MB).

    .venv/bin/python bench/memory.py [--count 100000] [--archive DIR] [--cache DIR]

The index must exist (run bench/search_latency.py first, or this builds it in a child
process, so the build's memory is not counted here: the app builds in the background
while this is what it holds).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.index_build import corpus  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--archive")
    ap.add_argument("--cache", default="/tmp/kzidx-cache")
    args = ap.parse_args()
    root = corpus(args.count, args.archive)
    build = (f"from pathlib import Path; from reader.search.index import Index;"
             f" Index.open(Path({str(root)!r}), Path({args.cache!r})).update()")
    subprocess.run([sys.executable, "-c", build], check=True,
                   cwd=Path(__file__).resolve().parent.parent)
    print(f"start: {rss_mb():.0f} MB")
    from bench.search_latency import queries
    from reader.search.index import Index

    print(f"imports: {rss_mb():.0f} MB")
    index = Index.open(root, Path(args.cache))
    catalog = index.catalog()
    print(f"catalog of {len(catalog.summaries)}: {rss_mb():.0f} MB")
    index.update()
    print(f"no-change update: {rss_mb():.0f} MB")
    for q in queries():
        index.search(q, 20)
    print(f"peak after 100 searches: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
