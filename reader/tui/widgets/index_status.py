"""Brings the search index up to date in the background, with a progress bar for long builds."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from reader.i18n import t

SHOW_AFTER = 0.4  # seconds: a quick incremental update never flashes a bar
REFRESH_EVERY = 2.0  # seconds: how often the list is reloaded during a long build
RETRY_BUSY = 3.0  # seconds: another session is updating the same index; look again later
WATCH_EVERY = 30.0  # seconds: while the app is open, a quick look for files added or gone


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

    def __init__(self, archive: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.archive = archive
        self.quick = False  # the first update looks at every file; later ones what changed
        self._started = 0.0
        self._last_refresh = 0.0
        self._process: subprocess.Popen[str] | None = None

    def compose(self) -> ComposeResult:
        yield Label(t("Indexing the archive "), id="index-label")
        yield ProgressBar(total=None, show_eta=True, id="index-bar")

    def on_mount(self) -> None:
        self.display = False
        self.start()

    def start(self) -> None:
        self._started = self._last_refresh = time.monotonic()
        self.run_worker(self._update, thread=True, exclusive=True, group="index",
                        name="index update")

    def _update(self) -> None:
        worker = get_current_worker()
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "reader.search.update_process", str(self.archive),
                 *(["--quick"] if self.quick else [])],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, start_new_session=True,
            )
        except OSError as error:
            self._report(self.Updated(0, t("The search index could not be updated: {error}",
                                           error=error)))
            return
        self._process = process
        result: list[str] = []
        assert process.stdout is not None
        for line in process.stdout:
            words = line.split()
            if worker.is_cancelled:
                break
            if words[:1] == ["progress"] and len(words) == 3:
                self.app.call_from_thread(self._progress, int(words[1]), int(words[2]))
            elif words[:1] == ["done"]:
                result = words[1:]
        status = process.wait()
        if worker.is_cancelled:
            return
        if status != 0 or len(result) != 4:
            error = (process.stderr.read() if process.stderr else "").strip().splitlines()
            why = error[-1] if error else f"exit status {status}"
            self._report(self.Updated(0, t("The search index could not be updated: {error}",
                                           error=why)))
        elif result[3] == "1":  # busy: another session is building it
            self.app.call_from_thread(self.set_timer, RETRY_BUSY, self.start)
        else:
            self._report(self.Updated(sum(int(n) for n in result[:3])))

    def _report(self, message: Message) -> None:
        self.app.call_from_thread(self.post_message, message)

    def _progress(self, done: int, total: int) -> None:
        if not self.is_attached:
            return  # the app is closing: its widgets are going
        now = time.monotonic()
        if not self.display and now - self._started > SHOW_AFTER and done < total:
            self.display = True
        for bar in self.query(ProgressBar):  # none once the app has begun to close
            bar.update(total=total, progress=done)
        if now - self._last_refresh > REFRESH_EVERY:
            self._last_refresh = now
            self.post_message(self.Progress())

    def stop(self) -> None:
        """On exit: the update process (and its pool) goes too; the index stays consistent."""
        process = self._process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGTERM)

    def on_unmount(self) -> None:
        self.stop()

    def on_index_status_updated(self, message: Updated) -> None:
        """Hidden again; and while the app is open, files added or removed by a scraper or
        a sync show up within WATCH_EVERY seconds (a quick look: folders that changed)."""
        self.display = False
        if message.error is None:
            self.quick = True
            self.set_timer(WATCH_EVERY, self.start)
