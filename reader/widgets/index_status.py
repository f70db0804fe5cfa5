"""Brings the search index up to date in a thread, with a progress bar for long builds."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

SHOW_AFTER = 0.4  # seconds: a quick incremental update never flashes a bar
REFRESH_EVERY = 2.0  # seconds: how often the list is reloaded during a long build


class IndexStatus(Horizontal):
    """Hidden unless an update takes a while; the app stays usable meanwhile."""

    @dataclass
    class Progress(Message):
        """Part of a long build is in the index: the list can show it already."""

    @dataclass
    class Updated(Message):
        """The index matches the archive folder now."""

        changed: int
        error: str | None = None

    def __init__(self, open_index: Callable[[], object], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.open_index = open_index
        self._started = 0.0
        self._last_refresh = 0.0

    def compose(self) -> ComposeResult:
        yield Label("Indexing the archive ", id="index-label")
        yield ProgressBar(total=None, show_eta=True, id="index-bar")

    def on_mount(self) -> None:
        self.display = False
        self._started = self._last_refresh = time.monotonic()
        self.run_worker(self._update, thread=True, exclusive=True, group="index",
                        name="index update")

    def _update(self) -> None:
        worker = get_current_worker()
        try:
            index = self.open_index()
            try:
                result = index.update(
                    progress=lambda done, total: self.app.call_from_thread(
                        self._progress, done, total),
                    should_stop=lambda: worker.is_cancelled,
                )
            finally:
                index.close()
        except Exception as error:  # a cache: any failure only costs search, never reading
            message = f"The search index could not be updated: {error}"
            self.app.call_from_thread(self.post_message, self.Updated(0, message))
            return
        changed = result.added + result.changed + result.removed
        self.app.call_from_thread(self.post_message, self.Updated(changed))

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.display and now - self._started > SHOW_AFTER and done < total:
            self.display = True
        bar = self.query_one(ProgressBar)
        bar.update(total=total, progress=done)
        if now - self._last_refresh > REFRESH_EVERY:
            self._last_refresh = now
            self.post_message(self.Progress())

    def on_index_status_updated(self, message: Updated) -> None:
        self.display = False
