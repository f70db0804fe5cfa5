"""The kernel's records of the folders a quick walk will list, read ahead by a thread.

Reading a folder's records (dirents.read) is some 1.2 ms in the kernel for 4,500 files, and
the syscall lets go of the GIL: a thread reads the folders that changed, in the walk's order,
while the walk compares the one before on the other core. Every folder the index knows is
stat-ed first, and the walk takes that stat as the folder's stamp: its records are read after
it, so a change made meanwhile moves the folder's ctime and the next walk lists it again.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader.search import dirents

if TYPE_CHECKING:
    import threading

MOST = 64  # folders read ahead at most (their records held until the walk takes them)


class ReadAhead:
    """Stats of the folders the index knows, and the records of those that changed."""

    def __init__(self, stats: dict[str, os.stat_result | OSError],
                 folders: list[tuple[str, str]]) -> None:
        self._stats = stats
        self._got: dict[str, bytes | BaseException] = {}
        self._ready: dict[str, threading.Event] = {}  # (only the walk's thread changes it)
        self._thread = None
        if len(folders) > 1:  # (one: nothing to overlap it with)
            import threading  # (a millisecond: not on every command's path)

            self._ready = {rel: threading.Event() for rel, _ in folders}
            self._thread = threading.Thread(target=self._read, args=(folders, dict(self._ready)),
                                            daemon=True, name="kz-reader read-ahead")
            self._thread.start()

    def _read(self, folders: list[tuple[str, str]],
              ready: dict[str, threading.Event]) -> None:
        for rel, where in folders:
            try:
                self._got[rel] = dirents.read(where)
            except BaseException as err:  # (raised where the walk takes it)
                self._got[rel] = err
            finally:
                ready[rel].set()

    def stat(self, rel: str, where: str) -> os.stat_result:
        """The folder's stat taken before its records were read (else one now)."""
        got = self._stats.pop(rel, None)
        if got is None:
            return os.stat(where)
        if isinstance(got, OSError):
            raise got
        return got

    def records(self, rel: str, where: str) -> bytes:
        """The folder's records read ahead (else read now); OSError as dirents.read."""
        ready = self._ready.pop(rel, None)  # (the thread holds the dict itself)
        if ready is None:
            return dirents.read(where)
        ready.wait()
        got = self._got.pop(rel)
        if isinstance(got, BaseException):
            raise got
        return got

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()


def read_ahead(root: str, known: dict[str, tuple[int, str | None, str]],
               children: dict[str, list[str]]) -> ReadAhead:
    """Stat every folder the index knows, in the walk's order, and start reading the records
    of those whose stamp moved (MOST at most)."""
    base = os.path.join(root, "")
    stats: dict[str, os.stat_result | OSError] = {}
    changed: list[tuple[str, str]] = []
    stack = [""]
    while stack:
        rel = stack.pop()
        where = base + rel if rel else root
        try:
            st = stats[rel] = os.stat(where)
        except OSError as err:
            stats[rel] = err
            continue
        old = known.get(rel)
        stamp = f"{st.st_ino}:{st.st_ctime_ns}:{st.st_mtime_ns}"
        if (old is None or old[1] != stamp) and len(changed) < MOST:
            changed.append((rel, where))
        stack.extend(sorted(children.get(rel, ()), reverse=True))
    return ReadAhead(stats, changed)
