"""The list's prompted keys on a real terminal: `:` year Enter, `f` year Enter, Escape, `s`.

    .venv/bin/python bench/list_prompts.py --archive /tmp/kzr-corpus-1000000 --cache DIR

tui_time.py sends its keys at once and times from the first; a person types `:`, sees the
prompt, types the year, and waits only after the last key. So this drives tui_time's own
tmux harness (TmuxRun: a private tmux server per run, screen polled every few ms) key by
key: each figure is from sending the key that acts (Enter, Escape, `s`) to the first poll
whose screen shows its result, after the screen was quiet for --settle ms. Per run (a fresh
app, a fresh config folder; by default once the app's own background index update is over,
as it competes for the 2 cores):

- `:` (the prompt shows), then year, Enter until that year's heading tops the list;
- `f` year Enter until the top line says "YEAR: N of ...";
- Escape until the top line counts all again;
- `s` until the rows show full dates (title order; separately: until its toast), `s` back.

Each run does two rounds, the first in a fresh process and again (warm): both are printed.
Run by hand, never as a timed test. bench/start_large.py runs it after its own figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
TUI_TIME = "/work/shared/tools/tui_time.py"
YEARS = ("2015", "2010", "2020", "2012", "2018", "2011", "2016", "2019", "2013", "2017")

Screen = Callable[[str], bool]


def load_tui_time(path: str) -> ModuleType:
    """tui_time.py as a module: its TmuxRun and wait_until, not a process per figure."""
    spec = importlib.util.spec_from_file_location("tui_time", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _descendants_running(pid: int, needle: str) -> bool:
    """Whether a process under pid (the app) has `needle` in its command line."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        try:
            with open(f"/proc/{child}/cmdline", "rb") as f:
                if needle.encode() in f.read():
                    return True
        except OSError:
            pass
        todo.extend(children.get(child, []))
    return False


def schedstat(pid: int) -> tuple[int, int]:
    """(ns on a CPU, ns waiting for one) of all the threads of pid, from /proc."""
    ran = waited = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0, 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                on, wait, _ = f.read().split()
        except (OSError, ValueError):
            continue
        ran, waited = ran + int(on), waited + int(wait)
    return ran, waited


class Driver:
    """One app in one private tmux server, keys sent one step at a time."""

    def __init__(self, tt: ModuleType, run: object, settle: float, interval: float) -> None:
        self.tt, self.run = tt, run
        self.settle, self.interval = settle, interval
        self.screen = ""
        self.pid = 0  # the app's: its CPU time per key is read from /proc
        self.cpu: tuple[float, float] = (0.0, 0.0)  # of the last timed key: (ran, waited) s

    def quiet(self, limit: float = 5.0) -> str:
        """Poll until the screen has not changed for `settle` seconds; that screen."""
        last, since, deadline = None, time.perf_counter(), time.perf_counter() + limit
        while True:
            screen, dead, _, t2 = self.run.poll()  # type: ignore[attr-defined]
            if dead:
                raise SystemExit(f"the app exited:\n{screen}")
            if screen != last:
                last, since = screen, t2
            if t2 - since >= self.settle or t2 >= deadline:
                self.screen = screen
                return screen
            time.sleep(self.interval)

    def wait(self, shows: Screen, what: str, limit: float = 20.0) -> None:
        """Until the screen shows `shows` (untimed: typing, or waiting for a toast to go)."""
        r = self.tt.wait_until(self.run, shows, time.perf_counter() + limit, self.interval,
                               time.perf_counter())
        if not r["ok"]:
            raise SystemExit(f"never showed {what} ({r['reason']}):\n{r['screen']}")

    def timed(self, keys: list[str], shows: Screen, what: str,
              also: tuple[Screen, str] | None = None) -> tuple[float, float | None]:
        """Keys sent once the screen is quiet; seconds until it changed and `shows`, and
        (if `also`) until that other thing showed too (polls go on past the first)."""
        before = self.quiet()
        start = schedstat(self.pid)
        sent = self.run.send_keys(keys)  # type: ignore[attr-defined]
        first: float | None = None
        second: float | None = None
        self.cpu = (-1.0, -1.0)
        deadline = sent + 20.0
        while True:
            screen, dead, _, t2 = self.run.poll()  # type: ignore[attr-defined]
            if dead:
                raise SystemExit(f"the app exited after {keys}:\n{screen}")
            if first is None and screen != before and shows(screen):
                first = t2 - sent
            if also is not None and second is None and screen != before and also[0](screen):
                second = t2 - sent
            if first is not None and self.cpu == (-1.0, -1.0):
                end = schedstat(self.pid)
                self.cpu = ((end[0] - start[0]) / 1e9, (end[1] - start[1]) / 1e9)
            if first is not None and (also is None or second is not None):
                return first, second
            if t2 > deadline:
                missing = what if first is None else (also[1] if also else what)
                raise SystemExit(f"never showed {missing} after {keys}:\n{screen}")
            time.sleep(self.interval)


def one_run(tt: ModuleType, args: argparse.Namespace, command: str, year: str,
            figures: dict[str, list[tuple[int, float]]]) -> None:
    """A fresh app: wait for the list (and its update), then two rounds of the keys."""
    width, height = (int(n) for n in args.size.split("x"))
    run = tt.TmuxRun(args.tmux, width, height, os.getcwd(), "control", [], False)
    try:
        run.start()
        run.launch(run.write_script(command))
        drive = Driver(tt, run, args.settle / 1000, args.interval / 1000)
        drive.wait(lambda s: re.search(r"\d\d\.\d\d ", s) is not None, "the list", 60)
        pid = drive.pid = int(run.query("#{pane_pid}"))
        if not args.during_update:
            deadline = time.perf_counter() + args.update_wait
            while (_descendants_running(pid, "reader.search.update_process")
                   and time.perf_counter() < deadline):
                time.sleep(0.5)
        for round_ in (1, 2):
            _round(drive, year if round_ == 1 else str(int(year) - 1), round_, figures)
    finally:
        run.close()


def _round(drive: Driver, year: str, round_: int,
           figures: dict[str, list[tuple[int, float]]]) -> None:
    def note(name: str, seconds: float | None) -> None:
        if seconds is not None:
            figures.setdefault(name, []).append((round_, seconds))
            if not name.endswith("toast)"):  # the app's CPU until the screen showed it
                ran, waited = drive.cpu
                figures.setdefault("  cpu " + name, []).append((round_, ran))
                figures.setdefault("  runnable, no CPU " + name, []).append((round_, waited))

    def has(pattern: str) -> Screen:
        return lambda s: re.search(pattern, s, re.MULTILINE) is not None

    def gone(pattern: str) -> Screen:
        return lambda s: re.search(pattern, s, re.MULTILINE) is None

    def both(*tests: Screen) -> Screen:
        return lambda s: all(test(s) for test in tests)

    typed = has(rf"(?:▊|month:)\s+{year}\s")  # in a dialog's field, or on the bottom line
    # `:` year Enter: the prompt goes, the year's heading is the list's top line.
    opened, _ = drive.timed([":"], has("Go to a year or month"), "the jump prompt")
    note(": (its prompt shows)", opened)
    drive.run.send_keys(list(year))  # type: ignore[attr-defined]
    drive.wait(typed, "the typed year")
    took, _ = drive.timed(["Enter"], both(gone("Go to a year"), has(rf"\A.*\n {year}\s")),
                          f"{year} on top")
    note(": year Enter (its heading on top)", took)
    # `f` year Enter: the top line names the year and counts its articles.
    drive.timed(["f"], has("Show only a year"), "the filter prompt")
    drive.run.send_keys(list(year))  # type: ignore[attr-defined]
    drive.wait(typed, "the typed year")
    took, _ = drive.timed(
        ["Enter"], both(gone("Show only a year"), has(rf"\A.*{year}: [\d,]+ of [\d,]+")),
        "YEAR: N of M on top")
    note("f year Enter (N of M on top)", took)
    # Escape: all again (a lone Escape byte: the terminal parser waits ~0.1 s for more).
    took, _ = drive.timed(["Escape"], has(r"\A.*· [\d,]+ articles"), "all articles on top")
    note("Escape (all again)", took)
    # s: full dates (title order) and the toast; s again: short dates.
    took, toast = drive.timed(["s"], has(r"\d\d\.\d\d\.\d{4} "), "title order",
                              also=(has("Sorted by title"), "its toast"))
    note("s (title order shows)", took)
    note("s (its toast)", toast)
    drive.wait(gone("Sorted by title"), "its toast gone", 15)
    took, toast = drive.timed(["s"], gone(r"\d\d\.\d\d\.\d{4} "), "date order",
                              also=(has("Sorted by date"), "its toast"))
    note("s back (date order shows)", took)
    note("s back (its toast)", toast)
    drive.wait(gone("Sorted by date"), "its toast gone", 15)


def report(figures: dict[str, list[tuple[int, float]]]) -> None:
    """Median (and worst) per key, first round (fresh process) and later rounds."""
    print(f"{'':36} {'first round':>20} {'second round':>20}   (median / worst, ms)")
    print("  (cpu: the app's CPU time, all threads, from the key until the screen showed it;")
    print("   runnable, no CPU: its threads' time waiting for a core meanwhile: the load's share)")
    for name, samples in figures.items():
        cells = []
        for round_ in (1, 2):
            xs = [s * 1000 for r, s in samples if r == round_]
            cells.append(f"{statistics.median(xs):8.1f} / {max(xs):7.1f}" if xs else "")
        print(f"  {name:34} {cells[0]:>20} {cells[1]:>20}")


def measure(args: argparse.Namespace, command: str) -> dict[str, list[tuple[int, float]]]:
    tt = load_tui_time(args.tui_time)
    figures: dict[str, list[tuple[int, float]]] = {}
    for n in range(args.runs):
        one_run(tt, args, command, YEARS[n % len(YEARS)], figures)
        print(f"  run {n + 1}/{args.runs} done, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    return figures


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settle", type=int, default=400,
                        help="ms of quiet screen before each timed key (400)")
    parser.add_argument("--interval", type=float, default=2, help="poll every N ms (2)")
    parser.add_argument("--tmux", default="tmux")
    parser.add_argument("--during-update", action="store_true",
                        help="do not wait for the app's background index update to end")
    parser.add_argument("--update-wait", type=float, default=90,
                        help="seconds to wait at most for that update (90)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True, help="the index folder (built)")
    parser.add_argument("--kz-reader", default=str(Path(sys.executable).parent / "kz-reader"))
    parser.add_argument("--tui-time", default=TUI_TIME)
    parser.add_argument("-n", "--runs", type=int, default=5)
    parser.add_argument("-s", "--size", default="140x40")
    add_options(parser)
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="kzr-prompts-"))
    command = (f'KZ_READER_CONFIG_DIR="$(mktemp -d -p {shlex.quote(str(base))})" '
               f"KZ_READER_INDEX_DIR={shlex.quote(str(args.cache))} "
               f"exec {shlex.quote(args.kz_reader)} --archive {shlex.quote(str(args.archive))}")
    print(f"{args.archive}, {args.size}, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report(measure(args, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
