#!/usr/bin/env python3
"""First index build, a no-change update and Index.summaries(), timed (run by hand).

    .venv/bin/python bench/index_build.py [--count 10000] [--archive DIR]

Without --archive, makes /tmp/kzidx-<count> with ../shared/tools/make_corpus.py once.
Targets (issue 3): first build 10,000 < 5 s, 100,000 < 60 s; summaries() < 300 ms.
"""

from __future__ import annotations

import argparse
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
    args = ap.parse_args()
    root = corpus(args.count, args.archive)
    cache = Path(tempfile.mkdtemp(prefix="kzidx-cache-"))
    try:
        index = Index.open(root, cache)
        t = time.perf_counter()
        result = index.update()
        build = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"first build: {build:.2f} s for {result.added} articles"
              f" (peak RSS of the writing process {peak:.0f} MB)")
        t = time.perf_counter()
        index.update()
        print(f"no-change update: {time.perf_counter() - t:.2f} s")
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
        shutil.rmtree(cache)


if __name__ == "__main__":
    main()
