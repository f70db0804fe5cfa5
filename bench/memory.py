#!/usr/bin/env python3
"""Peak RSS of the app with the list loaded and 100 searches done (run by hand).

    .venv/bin/python bench/memory.py [--count 100000] [--archive DIR] [--cache DIR]

The app runs headless (Textual's run_test) as `kz-reader` starts it: the list from the
index, read as it is drawn; then the list is walked (G, PageDown, sort by title and back,
a year filter) and 100 mixed queries are searched through the app's own search path.
The index is built first in a child process (the app builds in one of its own, so that
memory is not the reader's). Targets: 100 MB at 100,000 articles, 250 MB at 1,000,000.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
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
    os.environ["KZ_READER_INDEX_DIR"] = args.cache
    os.environ["KZ_READER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="kzr-mem-config-")
    build = (f"from pathlib import Path; from reader.search.index import Index;"
             f" Index.open(Path({str(root)!r})).update()")
    subprocess.run([sys.executable, "-c", build], check=True,
                   cwd=Path(__file__).resolve().parent.parent)
    print(f"start: {rss_mb():.0f} MB")
    from bench.search_latency import queries
    from reader.search.index import Index
    from reader.session import open_session
    from reader.tui.app import KzReaderApp
    from reader.tui.archive_feed import first_screen

    print(f"imports: {rss_mb():.0f} MB")
    session = open_session(str(root), None)
    catalog, total, list_index = first_screen(session)
    app = KzReaderApp(session, catalog, None, lambda: Index.open(session.archive), total,
                      list_index)

    async def run() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            print(f"first screen of {total} articles: {rss_mb():.0f} MB")
            for keys in (["G"], ["pagedown"] * 20, ["g"], ["s"], ["G"], ["s"]):
                await pilot.press(*keys)
            print(f"list walked (G, PageDown x20, sort by title): {rss_mb():.0f} MB")
            for q in queries():
                app.feed.search(q, 50)
            print(f"after 100 searches: {rss_mb():.0f} MB")
            await pilot.press("q")

    asyncio.run(run())
    print(f"peak RSS of the app: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
