#!/usr/bin/env python3
"""Search against `grep -ril` over the same folder, in-process and as a whole process.

    .venv/bin/python bench/grep_compare.py [--count 100000] [--archive DIR] [--cache DIR]

grep gets the page cache warm too (one untimed run first), so both read from memory.
grep finds less: no inflected forms, no Latin spellings, no ranking. Then, as a reader
runs it: `kz-reader search WORD --json` as a whole process (the installed kz-reader beside
this python; the index brought up to date first, as every command does), with nothing
changed, and right after 100 files were added and 10 removed (then put back). Targets:
the whole process at least 10x faster than grep at 100,000 and at most 150 ms at
1,000,000; after the change at most 2x the unchanged figure, the new files found.
--watch: the same with `kz-reader index --watch` running, which every command asks instead
of looking through the archive.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.index_build import corpus  # noqa: E402
from reader.search.index import Index  # noqa: E402

CHANGE_ROUNDS = 5
# Folders changed within two seconds are listed again by the next command (index_walk's
# RACY_NS): the unchanged figure is measured once the last change is older than that.
SETTLE = 2.1
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
    ap.add_argument("--grep-runs", type=int, default=3, help="1 at a million files")
    ap.add_argument("--unchanged-only", action="store_true",
                    help="skip the second half, which adds and removes files in the archive"
                         " (an archive other benchmarks are reading)")
    ap.add_argument("--no-grep", action="store_true",
                    help="only kz-reader as a whole process, unchanged and after the change"
                         " (grep takes minutes at a million files)")
    ap.add_argument("--watch", action="store_true",
                    help="with `kz-reader index --watch` running: every command asks it"
                         " instead of looking through the archive (implies --no-grep)")
    args = ap.parse_args()
    root = corpus(args.count, args.archive)
    print(_load())
    if args.watch:
        with watching(root, Path(args.cache)):
            whole_process(root, Path(args.cache), None, 0)
        return
    if args.no_grep:
        whole_process(root, Path(args.cache), None, 0)
        return
    index = Index.open(root, Path(args.cache))
    index.update()

    def grep(word: str) -> None:
        subprocess.run(["grep", "-ril", word, str(root)], stdout=subprocess.DEVNULL)

    grep(WORDS[0])  # warm the page cache
    ratios = []
    for word in WORDS:
        g = timed(lambda w=word: grep(w), args.grep_runs)
        s = timed(lambda w=word: index.search(w, 20), 5)
        ratios.append(g / s)
        print(f"{word:14} grep -ril {g * 1000:8.0f} ms   search {s * 1000:6.1f} ms"
              f"   {g / s:6.0f}x")
    print(f"in-process: slowest ratio {min(ratios):.0f}x, median {statistics.median(ratios):.0f}x")
    index.close()
    whole_process(root, Path(args.cache), grep, args.grep_runs, args.unchanged_only)


def whole_process(root: Path, cache: Path, grep,  # type: ignore[no-untyped-def]
                  grep_runs: int, unchanged_only: bool = False) -> None:
    """grep None: kz-reader's figures only."""
    kz = Path(sys.executable).parent / "kz-reader"
    config = tempfile.mkdtemp(prefix="kzr-grep-config-")
    env = dict(os.environ, KZ_READER_INDEX_DIR=str(cache), KZ_READER_CONFIG_DIR=config)

    def search(word: str) -> list[dict]:
        out = subprocess.run([str(kz), "--archive", str(root), "search", word, "--json"],
                             env=env, capture_output=True, text=True).stdout
        return json.loads(out or "[]")

    search(WORDS[0])  # the index up to date, the interpreter's files in the page cache
    time.sleep(SETTLE)
    rows = []
    for word in WORDS:
        g = timed(lambda w=word: grep(w), grep_runs) if grep is not None else 0.0
        k = timed(lambda w=word: search(w), 5)
        rows.append((g, k))
        print(f"{word:14} grep -ril {g * 1000:8.0f} ms   kz-reader search --json"
              f" {k * 1000:6.0f} ms   {g / k:5.1f}x")
    unchanged = statistics.median(k for _, k in rows)
    print(f"whole process, nothing changed: median {unchanged * 1000:.0f} ms, "
          f"{statistics.median(g for g, _ in rows) / unchanged:.1f}x faster than grep")
    if unchanged_only:
        shutil.rmtree(config, ignore_errors=True)
        print(_load())
        return

    # as a scraper and an editor would: new files in the newest folders, a few removed here
    # and there
    folders = [p for p in sorted(root.glob("*/*")) if p.is_dir()] or [root]
    newest = folders[-2:]
    victims = [sorted(folder.glob("*.txt"))[n] for n in range(CHANGE_ROUNDS)
               for folder in folders[:10]]
    made = Path(tempfile.mkdtemp(prefix="kzr-grep-new-"))
    aside = Path(tempfile.mkdtemp(prefix="kzr-grep-aside-"))
    after, before = [], []
    for round_ in range(CHANGE_ROUNDS):
        # the unchanged figure again, just before: this VM's speed moves between two modes
        # for minutes at a time, so a ratio is only fair within one round
        time.sleep(SETTLE)
        before.append(timed(lambda: search(WORDS[0]), 3))
        added = []
        for n in range(100):
            folder = newest[n % len(newest)]
            path = folder / f"bench-new-{round_}-{n:03d}.txt"
            path.write_text(f"date 2026-01-01 Жаңа {n}\nБенчмаркжаңасөз{round_} туралы.\n",
                            encoding="utf-8")
            added.append(path)
        gone = victims[round_ * 10:round_ * 10 + 10]
        for path in gone:
            shutil.move(str(path), str(aside / path.name))
        started = time.perf_counter()
        found = search(f"бенчмаркжаңасөз{round_}")
        after.append(time.perf_counter() - started)
        assert len(found) == min(20, 100), f"the new files were not found: {len(found)}"
        for path in added:
            path.unlink()
        for path in gone:
            shutil.move(str(aside / path.name), str(path))
        search(WORDS[0])  # back as it was, in the index too
    for folder in (made, aside, config):
        shutil.rmtree(folder, ignore_errors=True)
    changed = statistics.median(after)
    ratios = sorted(a / b for a, b in zip(after, before, strict=True))
    print(f"whole process, right after 100 added and 10 removed: median {changed * 1000:.0f} ms"
          f" ({changed / unchanged:.1f}x the unchanged figure; the new files found)")
    print("  each round against the unchanged figure just before it: "
          + ", ".join(f"{a * 1000:.0f}/{b * 1000:.0f} ms" for a, b in zip(after, before,
                                                                        strict=True))
          + f"; ratio median {statistics.median(ratios):.2f}x, worst {ratios[-1]:.2f}x")
    print(_load())


@contextlib.contextmanager
def watching(root: Path, cache: Path) -> Iterator[None]:
    """`kz-reader index --watch` on the archive until the block ends."""
    kz = Path(sys.executable).parent / "kz-reader"
    env = dict(os.environ, KZ_READER_INDEX_DIR=str(cache))
    watcher = subprocess.Popen([str(kz), "--archive", str(root), "index", "--watch"], env=env,
                               stdout=subprocess.PIPE, text=True)
    try:
        for line in watcher.stdout:  # type: ignore[union-attr]
            print(f"  watcher: {line.rstrip()}")
            if "watching" in line:
                break
        else:
            raise SystemExit("the watcher did not start")
        yield
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.communicate(timeout=60)


def _load() -> str:
    """The load average, to print beside the figures: on a shared machine they follow it."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


if __name__ == "__main__":
    main()
