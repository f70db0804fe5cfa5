#!/usr/bin/env python3
"""The list's keys on a large archive, timed inside the app (run by hand).

    .venv/bin/python bench/list_keys.py --archive /tmp/kzr-corpus-1000000 --cache DIR

The app runs headless (Textual's run_test, 140x40) on an index already built (see
bench/index_build.py --cache); each key is pressed 5 times and timed from the press to the
frame after it (Pilot's pause: the list has drawn its new rows), beside `j` (one row down,
the floor of this way of timing): G and g, PageDown, `:`
with a year typed (from Enter), `f` with a year typed (from Enter), `s` to title order
and back. Target: each at most 50 ms at 1,000,000 articles. These figures include Pilot's
own waiting (`j`, one row, is its floor: about 90 ms), so they say more about changes than
about the screen: bench/list_prompts.py times the same keys on a real terminal, from the
last key to the screen that shows it, with the app's CPU time per key (start_large.py runs
it after G, PageDown and `s`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--archive", required=True)
    ap.add_argument("--cache", required=True, help="the index folder (already built)")
    args = ap.parse_args()
    os.environ["KZ_READER_INDEX_DIR"] = args.cache
    os.environ["KZ_READER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="kzr-keys-config-")
    from reader.search.index import Index
    from reader.session import open_session
    from reader.tui.app import KzReaderApp
    from reader.tui.archive_feed import first_screen
    from reader.tui.widgets.archive_list import ArchiveList

    session = open_session(args.archive, None)
    catalog, total, list_index = first_screen(session)
    app = KzReaderApp(session, catalog, None, lambda: Index.open(session.archive), total,
                      list_index)
    figures: dict[str, list[float]] = {}

    async def timed(name: str, pilot, *keys: str, before: tuple[str, ...] = ()) -> None:
        if before:
            await pilot.press(*before)
            await pilot.pause()
        started = time.perf_counter()
        await pilot.press(*keys)
        await pilot.pause()
        figures.setdefault(name, []).append(time.perf_counter() - started)

    async def run() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            archive_list = app.screen.query_one(ArchiveList)
            for year in ("2010", "2015", "2020", "2012", "2018"):
                await timed("j (one row: Pilot's floor)", pilot, "j")
                await timed("G (last row)", pilot, "G")
                await timed("g (first row)", pilot, "g")
                await timed("PageDown", pilot, "pagedown")
                await timed(": year Enter (from Enter)", pilot, "enter",
                            before=("colon", *year))
                assert archive_list.current is not None
                assert archive_list.current.date.year == int(year), archive_list.current
                await timed("f year Enter (from Enter)", pilot, "enter",
                            before=("f", *year))
                assert archive_list.current.date.year == int(year)
                await timed("escape (all again)", pilot, "escape")
                await timed("s (by title)", pilot, "s")
                await timed("s (by date)", pilot, "s")
            await pilot.press("q")

    asyncio.run(run())
    print(f"{total} articles, median and worst of 5 presses each (ms):")
    for name, times in figures.items():
        print(f"  {name:28} {statistics.median(times) * 1000:7.1f} {max(times) * 1000:7.1f}")


if __name__ == "__main__":
    main()
