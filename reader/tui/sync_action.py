"""`kz-reader sync` from the app (issue 13): the palette's Sync, and, with
`sync_on_start_quit = true` in config.toml, a sync when the app starts and when it quits.

The work is reader/userdata/sync_repo.py's, in a thread (an async worker waits for it), so
reading goes on meanwhile. It merges library.toml and state.toml on disk, each under its
lock, as every save does; then the app's lists and marks are read again from the library,
and the app's reading state is saved, which merges it with what the sync wrote (per article
the newer position, read marks of both: nothing set here meanwhile is lost). The position
of the last second is saved before the sync starts, so it goes with it.

A quit never waits longer than QUIT_LIMIT: then the git running is ended (sync_repo.Cancel)
and the app leaves, saying that nothing is lost: every file here is as it was or as merged,
and the next sync sends what this one did not.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from rich.text import Text

from reader.i18n import t
from reader.terminal_text import terminal_safe

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp
    from reader.userdata.sync_repo import Cancel, SyncReport


def _repo():  # noqa: ANN202
    """sync_repo (git, the merge) loads when a sync is asked for, not before the first
    frame: 10 ms of the app's start."""
    from reader.userdata import sync_repo

    return sync_repo

QUIT_LIMIT = 10.0  # seconds a quit waits for its sync before leaving anyway
NO_REMOTE = object()  # what a sync found to do when no remote is set


class AppSync:
    """One sync at a time, owned by the app."""

    def __init__(self, app: KzReaderApp) -> None:
        self.app = app
        self.running = False
        self.quitting = False
        self._cancel: Cancel | None = None  # the running sync's, once one was started
        self._limit = None  # the quit's time limit, once q was pressed

    @property
    def session(self):
        return self.app.session

    @property
    def automatic(self) -> bool:
        """sync_on_start_quit in config.toml."""
        return self.session.config.sync_on_start_quit

    # -- starting ------------------------------------------------------------------------

    def on_start(self) -> None:
        """After the first frame: the sync on start, when config.toml asks for it and a
        remote is known (none: nothing is said, the setting waits for one)."""
        if self.automatic and _repo().has_remote(self.session.config_dir,
                                                 self.session.config.sync):
            self.start(automatic=True)

    def start(self, *, automatic: bool = False) -> None:
        """The palette's Sync (or the automatic one): in the background."""
        if self.running:
            if not automatic:
                self.app.notify(t("A sync is already running."), title=t("Sync"))
            return
        self.running = True
        self.app.flush_state()  # the reading position of the last second goes too
        self._cancel = _repo().Cancel()
        if not automatic:
            self.app.notify(t("Syncing… (reading goes on meanwhile)"), title=t("Sync"),
                            timeout=3)
        self.app.run_worker(self._run(self._cancel, automatic), group="sync",
                            name="sync", exit_on_error=False)

    async def _run(self, cancel: Cancel, automatic: bool) -> None:
        try:
            outcome = await asyncio.to_thread(self._work, cancel)
        finally:
            self.running = False
        if cancel.stopped:  # the app is leaving: it says what it says itself
            return
        self._done(outcome, automatic)

    def _work(self, cancel: Cancel) -> SyncReport | str | object:
        """In a thread: the report, the one line saying why not, or NO_REMOTE."""
        session = self.session
        try:
            repo = _repo()
            remote = repo.configured_remote(session.config_dir, session.config.sync)
            if remote is None:
                return NO_REMOTE
            return repo.sync(session.config_dir, self.app.library, session.state_path, remote,
                        batch=True, cancel=cancel, on_wait=self._waiting)
        except _repo().SyncError as error:
            return str(error)
        except Exception as error:  # a bug must not end the reading: nothing was changed
            return t("sync failed: {error}", error=error)

    def _waiting(self) -> None:
        """In the thread: another sync of this config folder (a command's) runs first."""
        with contextlib.suppress(Exception):  # the app may be leaving
            self.app.call_from_thread(self.app.notify,
                                      t("waiting for another kz-reader sync to finish"),
                                      title=t("Sync"))

    # -- done ------------------------------------------------------------------------------

    def _done(self, outcome: SyncReport | str | object, automatic: bool) -> None:
        repo = _repo()
        if isinstance(outcome, repo.SyncReport):
            self._refresh()
            line = repo.summary(outcome)
            if self.quitting:
                self._leave(line)
                return
            self.app.notify(line, title=t("Sync"),
                            severity="warning" if outcome.conflicts else "information",
                            timeout=10 if outcome.conflicts else 6)
            return
        if outcome is NO_REMOTE:
            line = t("No remote to sync with: run kz-reader sync REMOTE once (a git URL or a "
                     "folder; it is remembered), or set sync = \"…\" in config.toml.")
        else:
            line = str(outcome)
        if self.quitting:
            self._leave(line)
        elif outcome is not NO_REMOTE or not automatic:
            self.app.notify(line, title=t("Sync"), severity="warning", timeout=12)

    def _refresh(self) -> None:
        """What the sync wrote, on screen: the library's lists as on disk now, the reading
        state merged with the file (saving does that), the marks redrawn."""
        from reader.tui.screens.library_list import LibraryListScreen

        app = self.app
        app.library.reload()
        app.flush_state()
        app.refresh_marks()
        screen = app.screen
        if isinstance(screen, LibraryListScreen):
            screen.reload()

    # -- quitting --------------------------------------------------------------------------

    def may_quit(self) -> bool:
        """q: True when the app may leave now. With sync_on_start_quit and a remote, the
        sync runs first (or the one running finishes), for at most QUIT_LIMIT seconds; q
        again leaves at once."""
        if self.quitting:
            self._stop()
            return True
        if not self.automatic or not _repo().has_remote(self.session.config_dir,
                                                        self.session.config.sync):
            return True
        self.quitting = True
        self.app.notify(t("Syncing before quitting (at most {n} seconds; q again quits now, "
                          "nothing is lost)…", n=int(QUIT_LIMIT)), title=t("Sync"),
                        timeout=QUIT_LIMIT + 5)
        self._limit = self.app.set_timer(QUIT_LIMIT, self._give_up)
        if not self.running:
            self.start(automatic=True)
        return False

    def _give_up(self) -> None:
        self._stop()
        self._leave(t("the sync did not finish within {n} seconds and was stopped; nothing is "
                      "lost: everything is saved here, and the next sync sends it",
                      n=int(QUIT_LIMIT)))

    def _leave(self, line: str) -> None:
        """Exit, the sync's last word printed once the terminal is back."""
        if self._limit is not None:
            self._limit.stop()
        self.app.exit(message=Text(f"kz-reader: {terminal_safe(line)}"))

    def stop(self) -> None:
        """The app is leaving: a git still running is ended (the app must not wait for it)."""
        self._stop()

    def _stop(self) -> None:
        if self._cancel is not None:
            self._cancel.stop()
