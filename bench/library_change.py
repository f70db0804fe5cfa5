#!/usr/bin/env python3
"""What one bookmark costs in a large library.toml (target: well under a second at 10,000).

    .venv/bin/python bench/library_change.py [--entries 10000] [--repeat 5]

Writes a library.toml of N bookmarks (and N/10 notes) into a temporary folder, then times:
opening it, the first change (each entry's TOML block written and read back once), the
first change after Library.prepare() (what the app does in a thread after start-up), and
later changes (medians). Every change re-reads the file under its lock only if another
process wrote it (its stat changed), and is written atomically as always.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.userdata.files import toml_text  # noqa: E402
from reader.userdata.library import Library  # noqa: E402


def write_library(path: Path, entries: int) -> int:
    """A library.toml as the app writes it; returns its size in bytes."""
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    doc = {
        "version": 1,
        "bookmarks": [{"id": f"b-{i:08x}", "article": f"2026/{i:06d}.txt",
                       "title": "Мәслихат сессиясы өтті", "date": dt.date(2026, 1, 1),
                       "paragraph": i % 40, "label": "", "created": now}
                      for i in range(entries)],
        "notes": [{"id": f"n-{i:08x}", "article": f"2026/{i:06d}.txt", "title": "Мәслихат",
                   "paragraph": 1, "text": "Жазба мәтіні\nекінші жол", "created": now,
                   "updated": now} for i in range(entries // 10)],
    }
    data = toml_text(doc).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.toml"
        size = write_library(path, args.entries)
        print(f"library.toml: {args.entries:,} bookmarks, {args.entries // 10:,} notes, "
              f"{size / 1e6:.1f} MB")
        library: list[Library] = []
        print(f"open: {timed(lambda: library.append(Library(path))):.3f} s")
        lib = library[0]
        first = timed(lambda: lib.toggle_bookmark("x.txt", "T", None, 0))
        print(f"first change, cold: {first:.3f} s")
        later = [timed(lambda i=i: lib.toggle_bookmark("x.txt", "T", None, i + 1))
                 for i in range(args.repeat)]
        print(f"later changes: median {statistics.median(later):.3f} s, "
              f"max {max(later):.3f} s")
        warm = Library(path)
        print(f"prepare (in a thread in the app): {timed(warm.prepare):.3f} s")
        print(f"first change after prepare: "
              f"{timed(lambda: warm.toggle_bookmark('y.txt', 'T', None, 0)):.3f} s")


if __name__ == "__main__":
    main()
