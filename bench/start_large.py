"""Start-up and key latency on a large archive with a warm index.

    .venv/bin/python bench/start_large.py --archive /tmp/kzr-corpus-100000 [--count 100000]
        [--cache DIR]

Makes the archive with make_corpus.py when it does not exist, builds the index once (its
time is printed: the first build; with --cache an index already there is only brought up
to date), then measures with tui_time.py, runs interleaved:

- start: launching kz-reader until the first list row is on screen, beside
  bench/minimal_app.py in the same run (target: at most 1.25 times the minimal app);
- Enter: opening the highlighted article, key to the meta line on screen;
- G, PageDown, `s` (sort by title) in the list: key to the new rows on screen (target:
  each at most 50 ms at 1,000,000 articles);
- then bench/list_prompts.py (skip with --no-prompts): `:` year Enter, `f` year Enter,
  Escape, `s` and back, each timed from its last key (tui_time sends its keys at once and
  times from the first), with the app's own CPU time per key beside it.

Run by hand, never as a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import list_prompts  # noqa: E402
from startup import HERE, MAKE_CORPUS, TUI_TIME, _ms, tui_time  # noqa: E402

from reader.i18n import format_date  # noqa: E402  (English, as under LANG=C.UTF-8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=Path("/tmp/kzr-corpus-100000"))
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--tui-time", default=TUI_TIME)
    parser.add_argument("--make-corpus", default=MAKE_CORPUS)
    parser.add_argument("--kz-reader", default=str(Path(sys.executable).parent / "kz-reader"))
    parser.add_argument("-n", "--runs", type=int, default=7)
    parser.add_argument("-w", "--warmup", type=int, default=1)
    parser.add_argument("-s", "--size", default="100x30")
    parser.add_argument("--cache", type=Path, help="the index folder to use and keep")
    parser.add_argument("--no-prompts", action="store_true",
                        help="leave out list_prompts.py's `:`, `f`, Escape and `s`")
    list_prompts.add_options(parser)
    args = parser.parse_args(argv)

    if not args.archive.exists():
        print(f"writing {args.count} articles to {args.archive} ...")
        subprocess.run([sys.executable, args.make_corpus, str(args.archive), "--count",
                        str(args.count), "--nested"], check=True, capture_output=True)
    base = Path(tempfile.mkdtemp(prefix="kzr-large-"))
    cache = args.cache or base / "cache"
    env = f"KZ_READER_CONFIG_DIR={shlex.quote(str(base / 'config'))} " \
          f"KZ_READER_INDEX_DIR={shlex.quote(str(cache))} "
    # Each run: a fresh config folder (no article to reopen) holding the default config.toml
    # (a reader's usual start: only the very first one writes it, with an fsync), the same
    # warm index.
    from reader.userdata.config import CONFIG_NAME, DEFAULT_CONFIG

    template = base / CONFIG_NAME
    template.write_text(DEFAULT_CONFIG, encoding="utf-8")
    made = (f'$(d=$(mktemp -d -p {shlex.quote(str(base))}) && '
            f'cp {shlex.quote(str(template))} "$d/" && echo "$d")')
    fresh = f'KZ_READER_CONFIG_DIR="{made}" KZ_READER_INDEX_DIR={shlex.quote(str(cache))} '
    kz = f"{fresh}exec {shlex.quote(args.kz_reader)} --archive {shlex.quote(str(args.archive))}"

    started = time.perf_counter()
    subprocess.run(f"{env}{shlex.quote(args.kz_reader)} --archive "
                   f"{shlex.quote(str(args.archive))} index", shell=True, check=True)
    print(f"index build or refresh: {time.perf_counter() - started:.1f} s")
    from reader.search.index import Index

    index = Index.open(args.archive, cache)
    newest = index.list_rows().row(2)  # after the year and month headings
    index.close()
    assert newest.summary is not None and newest.summary.date is not None
    newest = {"date": newest.summary.date.isoformat()}
    row = r"\d\d\.\d\d "
    minimal = f"exec {shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'minimal_app.py'))}"
    print(f"\nstart-up with a warm index, {args.size}")
    start = tui_time(args, [kz, minimal], f"{row}|Қазақстан Республикасының Конституциясы")
    meta = re.escape(format_date(dt.date.fromisoformat(newest["date"])))
    print("\nEnter at once (while the whole list still loads): until the meta line shows")
    early = tui_time(args, [kz], row, keys="Enter", then=meta)
    print("\nEnter once the list has loaded (2 s quiet): until the meta line shows")
    enter = tui_time(args, [kz], row, keys="Enter", then=meta, settle=2000)
    print("\nG in the list: until the oldest rows (1 January 2008) show")
    end = tui_time(args, [kz], row, keys="G", then=r"01\.01 ", settle=2000)
    print("\nPageDown in the list: until the screen changes")
    page = tui_time(args, [kz], row, keys="PageDown", settle=2000)
    print("\ns in the list: until the titles in alphabet order show (rows with full dates)")
    by_title = tui_time(args, [kz], row, keys="s", then=r"\d\d\.\d\d\.\d{4} ", settle=2000)
    print("\ns in the list: until its toast shows")
    toast = tui_time(args, [kz], row, keys="s", then=r"Sorted by title", settle=2000)

    kz_start, minimal_start = start[0]["paint"]["median"], start[1]["paint"]["median"]
    print(f"\nmedians of {args.runs} runs at {args.size}, {args.archive}:")
    print(f"  start-up, kz-reader until the list shows  {_ms(kz_start)}")
    print(f"  start-up, minimal Textual app            {_ms(minimal_start)}")
    print(f"  ratio kz-reader / minimal                {kz_start / minimal_start:7.2f}")
    print(f"  Enter at once -> article on screen       {_ms(early[0]['react']['median'])}")
    print(f"  Enter -> article on screen               {_ms(enter[0]['react']['median'])}")
    print(f"  G -> end of the list on screen           {_ms(end[0]['react']['median'])}")
    print(f"  PageDown in the list                     {_ms(page[0]['react']['median'])}")
    print(f"  s sort by title (the rows)               {_ms(by_title[0]['react']['median'])}")
    print(f"  s sort by title (its toast)              {_ms(toast[0]['react']['median'])}")
    if not args.no_prompts:
        print(f"\n`:` and `f` with a year, Escape, `s` and back: from the last key ({args.size},"
              f" load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
        list_prompts.report(list_prompts.measure(args, kz))
    return 0


if __name__ == "__main__":
    sys.exit(main())
