#!/usr/bin/env python3
"""Bytes the reader writes to the terminal for each key, through a real pty, beside `less`.

    .venv/bin/python bench/bytes_per_key.py [--size 80x24] [--size 140x40] [--archive DIR]

Over SSH on a slow link every byte is latency: at 50 KB/s a 6 KB repaint is 120 ms. The
reader runs in a pty of the given size on the bundled sample (or --archive) with a fresh
config folder; after each key, output is counted until the terminal has been quiet for
--quiet seconds. `less` shows the first article's text (as `kz-reader show --plain` prints
it) in a pty of the same size for the keys both have. Goals (issue 14): j/k <= 1,000
bytes, Enter <= 10,000 at 80x24, PageDown <= 1.5x less.

--frames also lists, under each key, the frames Textual wrote for it: LayoutUpdate (the
whole screen) or ChopsUpdate (some rows or cells), with their bytes. Two frames where one
would do is the usual waste (a blank pane first, or the whole screen again).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = [  # (name, bytes sent)
    ("Enter (open)", b"\r"), ("j", b"j"), ("k", b"k"), ("PageDown", b"\x1b[6~"),
    ("G", b"G"), ("]", b"]"), ("b (toast)", b"b"), ("/", b"/"),
    ("кеңес (typed)", "кеңес".encode()), ("Escape", b"\x1b"),
    ("Escape (to the list)", b"\x1b"), (": (its question)", b":"),
    ("Escape (cancelled)", b"\x1b"), ("f (its question)", b"f"), ("2026 Enter", b"2026\r"),
    ("/ (again: the kept screen)", b"/"), ("Escape (back again)", b"\x1b"),
]
LESS_KEYS = [("j", b"j"), ("k", b"k"), ("PageDown", b"\x1b[6~"), ("G", b"G")]


class Pty:
    """A program in a pseudo-terminal of a given size; counts what it writes."""

    def __init__(self, argv: list[str], cols: int, rows: int, env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the size is set before the program can ask for it
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd

    def drain(self, quiet: float, limit: float = 20.0, first: float | None = None) -> int:
        """Bytes written until nothing came for `quiet` seconds (`first`: seconds to wait
        for the first byte, as a start on a busy machine can be slow)."""
        total, end = 0, time.monotonic() + limit
        while time.monotonic() < end:
            wait = first if first is not None and total == 0 else quiet
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            total += len(data)
        return total

    def key(self, data: bytes, quiet: float) -> int:
        os.write(self.fd, data)
        return self.drain(quiet)

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_CTYPE", "COLORTERM")}
    env |= {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    return env


# The app with each frame's kind and size appended to $KZ_FRAMES (--frames).
FRAME_LOGGER = """
import os, sys
from textual.app import App
from reader.cli.main import main
display = App._display
def logged(self, screen, update):
    if update is not None and hasattr(update, "render_segments"):
        size = len(update.render_segments(self.console).encode())
        with open(os.environ["KZ_FRAMES"], "a", encoding="utf-8") as log:
            log.write(f"{type(update).__name__} {size}\\n")
    return display(self, screen, update)
App._display = logged
sys.argv[0] = "kz-reader"
sys.exit(main())
"""


def reader(size: tuple[int, int], archive: str | None, quiet: float,
           frames: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Bytes per key; with `frames`, also the frames of each key (kind and bytes)."""
    home = Path(tempfile.mkdtemp(prefix="kzr-bytes-"))
    kz = str(Path(sys.executable).with_name("kz-reader"))
    argv = [kz, *(["--archive", archive] if archive else [])]
    env = env_for(home)
    log = home / "frames.log"
    if frames is not None:
        argv = [sys.executable, "-c", FRAME_LOGGER, *argv[1:]]
        env["KZ_FRAMES"] = str(log)
    term = Pty(argv, *size, env)

    def frames_of(name: str) -> None:
        if frames is not None and log.exists():
            frames[name] = log.read_text("utf-8").split("\n")[:-1]
            log.write_text("", "utf-8")

    try:
        out = {"start": term.drain(quiet * 3, first=15.0)}
        frames_of("start")
        for name, data in KEYS:
            out[name] = term.key(data, quiet)
            frames_of(name)
        return out
    finally:
        term.close()
        shutil.rmtree(home, ignore_errors=True)


def less(size: tuple[int, int], archive: str | None, quiet: float) -> dict[str, int]:
    home = Path(tempfile.mkdtemp(prefix="kzr-less-"))
    kz = str(Path(sys.executable).with_name("kz-reader"))
    listing = subprocess.run([kz, "list", *(["--archive", archive] if archive else [])],
                             capture_output=True, text=True, env=env_for(home), check=True)
    first = listing.stdout.split()[1]
    text = subprocess.run([kz, "show", first, "--plain", *(["--archive", archive] if archive
                                                            else [])],
                          capture_output=True, text=True, env=env_for(home), check=True).stdout
    page = home / "article.txt"
    page.write_text(text, "utf-8")
    term = Pty(["less", str(page)], *size, env_for(home))
    try:
        out = {"start": term.drain(quiet * 3, first=15.0)}
        for name, data in LESS_KEYS:
            out[name] = term.key(data, quiet)
        return out
    finally:
        term.close()
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", action="append", help="COLSxROWS (default 80x24 and 140x40)")
    ap.add_argument("--archive")
    ap.add_argument("--quiet", type=float, default=0.5, help="seconds of silence = done")
    ap.add_argument("--frames", action="store_true", help="list each key's frames too")
    args = ap.parse_args()
    sizes = [tuple(int(n) for n in s.split("x")) for s in (args.size or ["80x24", "140x40"])]
    for cols, rows in sizes:
        frames: dict[str, list[str]] | None = {} if args.frames else None
        mine = reader((cols, rows), args.archive, args.quiet, frames)
        theirs = less((cols, rows), args.archive, args.quiet)
        load = os.getloadavg()[0]
        print(f"\n{cols}x{rows} (load {load:.2f})  kz-reader     less   x less")
        for name, count in mine.items():
            other = theirs.get(name.split(" ")[0])
            shown = f"{other:>9,}" if other is not None else "        —"
            ratio = f"{count / other:>7.2f}" if other else "      —"
            print(f"  {name:<14} {count:>9,}  {shown}  {ratio}")
            for frame in (frames or {}).get(name, []):
                kind, size = frame.split()
                print(f"      {kind:<14} {int(size):>7,}")


if __name__ == "__main__":
    main()
