#!/usr/bin/env python3
"""First index build, a no-change update (quick and full) and Index.summaries(), timed.

    .venv/bin/python bench/index_build.py [--count 10000] [--archive DIR] [--cache DIR]

Without --archive, makes /tmp/kzidx-<count> with ../shared/tools/make_corpus.py once.
With --cache the index is kept there (and a build already there is not redone): later
benchmarks of the same archive use it. Targets: first build 100,000 <= 60 s,
1,000,000 <= 12 min; a no-change update costs what changed (milliseconds).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.search.index import Index  # noqa: E402

MAKE_CORPUS = Path("/work/shared/tools/make_corpus.py")


def written() -> int:
    """Bytes this process has written (Linux): unlike its CPU time, it does not grow with the
    machine's load, and it follows the search table's merging."""
    try:
        with open("/proc/self/io") as io:
            return next(int(line.split()[1]) for line in io if line.startswith("wchar:"))
    except (OSError, StopIteration):
        return 0


def corpus(count: int, archive: str | None) -> Path:
    if archive:
        return Path(archive)
    root = Path(f"/tmp/kzidx-{count}")
    if not root.is_dir():
        nested = ["--nested"] if count > 20000 else []
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(root), "--count", str(count),
                        *nested], check=True)
    return root


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--archive")
    ap.add_argument("--cache", help="keep the index in this folder")
    args = ap.parse_args()
    root = corpus(args.count, args.archive)
    cache = Path(args.cache) if args.cache else Path(tempfile.mkdtemp(prefix="kzidx-cache-"))
    try:
        index = Index.open(root, cache)
        load = os.getloadavg()[0]
        t = time.perf_counter()
        cpu = time.process_time()
        wrote = written()
        result = index.update()
        wrote = written() - wrote
        build = time.perf_counter() - t
        cpu = time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pool = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"first build: {build:.2f} s for {result.added} articles"
              f" (peak RSS of the writing process {peak:.0f} MB)")
        # Which end to work on: the writer alone, or the machine's cores (2 here) overall.
        print(f"  CPU: writer {cpu:.1f} s, pool {pool.ru_utime + pool.ru_stime:.1f} s;"
              f" load average {load:.2f} before, {os.getloadavg()[0]:.2f} after;"
              f" the writer wrote {wrote / 1e6:.0f} MB")
        t = time.perf_counter()
        index.update()
        print(f"no-change update: {(time.perf_counter() - t) * 1000:.1f} ms")
        t = time.perf_counter()
        index.update(full=True)
        print(f"no-change full update (every file stat-ed): {time.perf_counter() - t:.2f} s")
        index.close()
        times = []
        for _ in range(5):
            index = Index.open(root, cache)
            t = time.perf_counter()
            rows = index.summaries()
            times.append(time.perf_counter() - t)
            index.close()
        print(f"summaries(): {len(rows)} rows, best {min(times) * 1000:.0f} ms,"
              f" median {sorted(times)[2] * 1000:.0f} ms (fresh connection each time)")
        size = sum(p.stat().st_size for p in cache.iterdir())
        print(f"index size: {size / 1e6:.0f} MB")
    finally:
        if not args.cache:
            shutil.rmtree(cache)


if __name__ == "__main__":
    main()
