"""`kz-reader index`: build or refresh the search index, for cron jobs and first runs.

On a terminal a progress bar on stderr (one line, redrawn); otherwise only the summary
line on stdout, which is what a cron job mails. Another kz-reader already indexing is
waited for, not raced: a cron job must end with the index up to date.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from reader.cli.parser import UsageError
from reader.i18n import plural, t
from reader.session import Session
from reader.terminal_text import terminal_safe

BAR = 24  # cells of the bar


class ProgressBar:
    """`indexing ▕████▌      ▏ 41% 41,000/100,000 · 0:35 left` on a terminal's stderr."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total <= 0 or (now - self.shown < 0.1 and done < total):
            return  # ten redraws a second at most: a slow link pays for each
        self.shown = now
        share = done / total
        eighths = int(share * BAR * 8)
        full, part = divmod(eighths, 8)
        bar = "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
        left = ""
        elapsed = now - self.started
        if 0 < done < total and elapsed > 2:
            remaining = int(elapsed * (total - done) / done)
            left = " · " + t("{time} left", time=f"{remaining // 60}:{remaining % 60:02d}")
        line = t("indexing") + f" ▕{bar:<{BAR}}▏ {share:4.0%} {done:,}/{total:,}{left}"
        sys.stderr.write("\r" + line + "\x1b[K")
        sys.stderr.flush()
        self.drawn = True

    def looking(self, folders: int) -> None:
        """Before any file is read: the folders looked through (a slow file system)."""
        now = time.monotonic()
        if now - self.shown < 0.1 or now - self.started < 0.5:
            return
        self.shown = now
        sys.stderr.write("\r" + t("looking through the archive: {n} folders", n=folders)
                         + "\x1b[K")
        sys.stderr.flush()
        self.drawn = True

    def end(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def cmd_index(session: Session, args: argparse.Namespace) -> int:
    """Bring the index up to date (every file looked at with --full) and say what changed."""
    from reader.search.index import Index
    from reader.search.index_file import share

    started = time.monotonic()
    bar = ProgressBar() if sys.stderr.isatty() else None
    index = Index.open(session.archive)
    try:
        looking = bar.looking if bar is not None else None
        result = index.update(bar, full=args.full, looking=looking)
        if result.busy:
            print("kz-reader: " + t("waiting for another kz-reader to finish indexing"),
                  file=sys.stderr)
            result = index.update(bar, full=args.full, wait=True, looking=looking)
        if result.readonly:
            raise UsageError(t("the search index in {folder} is kept by its owner; you may "
                               "read it but not update it", folder=str(index.path.parent)))
        total = index.count()
    finally:
        index.close()
        if bar is not None:
            bar.end()
    shared = not args.shared or share(index.path)  # once no connection of ours is open
    seconds = time.monotonic() - started
    line = plural(total, "{n} article in the index", "{n} articles in the index")
    line += ": " + t("{added} added, {changed} changed, {removed} removed in {seconds} s",
                     added=result.added, changed=result.changed, removed=result.removed,
                     seconds=f"{seconds:.1f}")
    if result.problems:
        line += "; " + plural(len(result.problems), "{n} folder not read",
                              "{n} folders not read") + " (kz-reader check)"
    print(line)
    if not shared:
        print("kz-reader: " + t("the index is still in WAL mode, which readers without write "
                                "access cannot open: close the other kz-reader using it and "
                                "run this again"), file=sys.stderr)
        return 1
    return 0


class _Stopped(BaseException):
    """SIGTERM (a service manager stopping the watcher): a clean stop, not a failure; a
    BaseException, as KeyboardInterrupt is, so that no `except Exception` holds it up."""


def cmd_watch(session: Session, args: argparse.Namespace) -> int:
    """`index --watch`: the index brought up to date as `index` does (its summary line),
    then kept so until Ctrl-C or SIGTERM, a line for each batch of changes taken in."""
    code = cmd_index(session, args)
    if code != 0:
        return code
    from reader.search.index import Index
    from reader.search.index_watch import CannotWatch, serve

    def say(line: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {terminal_safe(line)}", flush=True)

    def started(_: object, folders: int) -> None:
        say(plural(folders, "watching {n} folder for changes (Ctrl-C stops)",
                   "watching {n} folders for changes (Ctrl-C stops)"))

    def stop(*_: object) -> None:
        raise _Stopped

    index = Index.open(session.archive)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        serve(index, say, started)
    except CannotWatch as err:
        raise UsageError(str(err)) from None
    except _Stopped:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        index.close()
    return 0
