"""The watcher (kz-reader index --watch) served in a thread of the test, stopped at its end."""

from __future__ import annotations

import threading

from reader.search.index import Index
from reader.search.index_watch import serve


class Serving:
    """serve() in a thread: `end()` stops it; `error` is what it raised, if anything."""

    def __init__(self, index: Index) -> None:
        self.stop = False
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(index,), daemon=True)
        self.thread.start()
        assert self.ready.wait(10), self.error

    def _run(self, index: Index) -> None:
        try:
            serve(index, self.lines.append, lambda *_: self.ready.set(), lambda: self.stop)
        except BaseException as err:  # noqa: BLE001  (seen by the test)
            self.error = err
            self.ready.set()

    def end(self) -> None:
        self.stop = True
        self.thread.join(10)
