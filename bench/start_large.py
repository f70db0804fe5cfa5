"""Start-up and key latency on a large archive with a warm index (issue 3's targets).

    .venv/bin/python bench/start_large.py --archive /tmp/corpus-100k [--count 100000]

Makes the archive with make_corpus.py when it does not exist, builds the index once (its
time is printed: the first build), then measures with tui_time.py, runs interleaved:

- start: launching kz-reader until the first list row is on screen, beside
  bench/minimal_app.py in the same run (target: at most 1.5 times the minimal app);
- Enter: opening the highlighted article, key to the meta line on screen (target < 50 ms);
- G / PageDown in the list: key to the new rows on screen (no visible stall).

Run by hand, never as a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
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
    args = parser.parse_args(argv)

    if not args.archive.exists():
        print(f"writing {args.count} articles to {args.archive} ...")
        subprocess.run([sys.executable, args.make_corpus, str(args.archive), "--count",
                        str(args.count), "--nested"], check=True, capture_output=True)
    base = Path(tempfile.mkdtemp(prefix="kzr-large-"))
    env = f"KZ_READER_CONFIG_DIR={shlex.quote(str(base / 'config'))} " \
          f"XDG_CACHE_HOME={shlex.quote(str(base / 'cache'))} "
    # Each run: a fresh config folder (no article to reopen), the same warm index.
    fresh = f'KZ_READER_CONFIG_DIR="$(mktemp -d -p {shlex.quote(str(base))})" ' \
            f"XDG_CACHE_HOME={shlex.quote(str(base / 'cache'))} "
    kz = f"{fresh}exec {shlex.quote(args.kz_reader)} --archive {shlex.quote(str(args.archive))}"

    started = time.perf_counter()
    out = subprocess.run(f"{env}{shlex.quote(args.kz_reader)} --archive "
                         f"{shlex.quote(str(args.archive))} list --json", shell=True,
                         capture_output=True, text=True, check=True).stdout
    print(f"first index build + list: {time.perf_counter() - started:.1f} s")
    import json

    newest = json.loads(out)[0]
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

    kz_start, minimal_start = start[0]["paint"]["median"], start[1]["paint"]["median"]
    print(f"\nmedians of {args.runs} runs at {args.size}, {args.count} articles:")
    print(f"  start-up, kz-reader until the list shows  {_ms(kz_start)}")
    print(f"  start-up, minimal Textual app            {_ms(minimal_start)}")
    print(f"  ratio kz-reader / minimal                {kz_start / minimal_start:7.2f}")
    print(f"  Enter at once -> article on screen       {_ms(early[0]['react']['median'])}")
    print(f"  Enter -> article on screen               {_ms(enter[0]['react']['median'])}")
    print(f"  G -> end of the list on screen           {_ms(end[0]['react']['median'])}")
    print(f"  PageDown in the list                     {_ms(page[0]['react']['median'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
