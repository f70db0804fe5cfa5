"""How fast kz-reader paints and reacts, measured in a real terminal (tmux) with tui_time.py.

Three figures, each the median of --runs runs, every run with a fresh config folder:

1. start-up: launching the installed `kz-reader` until the sample title is on screen, beside
   bench/minimal_app.py (a Textual app showing one line) in the same run, and their ratio;
2. Enter: in the list of a 50-article archive, Enter until the article's meta line shows;
3. `]`: with the newest article open, `]` until the next article's title shows.

Run by hand, never as a timed test: `.venv/bin/python bench/startup.py` (see bench/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from reader.i18n import format_date

HERE = Path(__file__).resolve().parent
TUI_TIME = "/work/shared/tools/tui_time.py"
MAKE_CORPUS = "/work/shared/tools/make_corpus.py"
SAMPLE_TITLE = "Қазақстан Респ"  # the list truncates the title at 100 columns


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tui-time", default=TUI_TIME, help=f"tui_time.py (default {TUI_TIME})")
    parser.add_argument("--make-corpus", default=MAKE_CORPUS,
                        help=f"make_corpus.py (default {MAKE_CORPUS})")
    parser.add_argument("--kz-reader", default=str(Path(sys.executable).parent / "kz-reader"),
                        help="the installed console script (default: next to this python)")
    parser.add_argument("-n", "--runs", type=int, default=7, help="measured runs (default 7)")
    parser.add_argument("-w", "--warmup", type=int, default=1, help="discarded runs (default 1)")
    parser.add_argument("-s", "--size", default="100x30", help="terminal size (default 100x30)")
    parser.add_argument("--count", type=int, default=50, help="articles in the corpus (50)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    return parser.parse_args(argv)


def _fresh_config(base: Path) -> str:
    """Shell words that give each run a config and cache folder of its own."""
    quoted = shlex.quote(str(base))
    return (f'KZ_READER_CONFIG_DIR="$(mktemp -d -p {quoted})" '
            f'XDG_CACHE_HOME="$(mktemp -d -p {quoted})" ')


def tui_time(args: argparse.Namespace, commands: list[str], regex: str,
             keys: str | None = None, then: str | None = None,
             settle: int | None = None) -> list[dict[str, Any]]:
    """Run tui_time.py on commands (interleaved runs); its per-command summaries."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [sys.executable, args.tui_time, "-r", regex, "-n", str(args.runs),
               "-w", str(args.warmup), "-s", args.size, "-q", "--json", out.name]
        if keys:
            cmd += ["--keys", keys]
        if then:
            cmd += ["--then", then]
        if settle is not None:
            cmd += ["--settle", str(settle)]
        result = subprocess.run(cmd + commands, text=True)
        if result.returncode != 0:
            sys.exit(f"startup.py: tui_time.py failed (exit {result.returncode})")
        return json.loads(Path(out.name).read_text(encoding="utf-8"))["summary"]


def _articles(kz_reader: str, archive: Path, base: Path) -> list[dict[str, Any]]:
    """`kz-reader list --json` of archive: newest first, the order `]` follows."""
    out = subprocess.run([kz_reader, "--archive", str(archive), "--config-dir",
                          str(base / "list-config"), "list", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _meta_date(iso: str) -> str:
    """The meta line's date ("2 February 2026" in the English interface of tmux's C.UTF-8)."""
    return format_date(dt.date.fromisoformat(iso))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    """Measure, then print the figures."""
    args = _parse_args(argv)
    if shutil.which("tmux") is None:
        sys.exit("startup.py: tmux is needed (apt-get install tmux)")
    base = Path(tempfile.mkdtemp(prefix="kzr-bench-"))
    try:
        kz = shlex.quote(args.kz_reader)
        minimal = f"{shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'minimal_app.py'))}"
        print(f"start-up, {args.size}: kz-reader (bundled sample) vs minimal_app.py")
        start = tui_time(args, [f"{_fresh_config(base)}exec {kz}", f"exec {minimal}"],
                         SAMPLE_TITLE)

        corpus = base / "corpus"
        subprocess.run([sys.executable, args.make_corpus, str(corpus), "--count",
                        str(args.count)], check=True, capture_output=True)
        first, second = _articles(args.kz_reader, corpus, base)[:2]
        archive = f"{_fresh_config(base)}exec {kz} --archive {shlex.quote(str(corpus))}"
        print(f"\nEnter in the list ({args.count} articles): until the meta line shows")
        enter = tui_time(args, [archive], re.escape(first["title"][:12]), keys="Enter",
                         then=re.escape(_meta_date(first["date"])))
        print("\n] in the newest article: until the next article's title shows")
        nxt = tui_time(args, [f"{archive} {shlex.quote(first['id'])}"],
                       re.escape(_meta_date(first["date"])), keys="]",
                       then=re.escape(second["title"][:30]))
    finally:
        shutil.rmtree(base, ignore_errors=True)

    kz_start, minimal_start = start[0]["paint"]["median"], start[1]["paint"]["median"]
    figures = {
        "size": args.size, "runs": args.runs,
        "startup_kz_reader_s": kz_start, "startup_minimal_app_s": minimal_start,
        "startup_ratio": kz_start / minimal_start,
        "enter_open_article_s": enter[0]["react"]["median"],
        "next_article_s": nxt[0]["react"]["median"],
    }
    print(f"\nmedians of {args.runs} runs at {args.size}:")
    print(f"  start-up, kz-reader to the sample title  {_ms(kz_start)}")
    print(f"  start-up, minimal Textual app            {_ms(minimal_start)}")
    print(f"  ratio kz-reader / minimal                {figures['startup_ratio']:7.2f}")
    print(f"  Enter -> article on screen               {_ms(figures['enter_open_article_s'])}")
    print(f"  ] -> next article on screen              {_ms(figures['next_article_s'])}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
