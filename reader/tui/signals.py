"""SIGHUP (the SSH connection dropped) and SIGTERM (shutdown, `kill`): leave the way `q` does.

Textual handles neither signal, so by default the process dies where it stands: the reading
position of the last second is lost and a live terminal is left in the alternate screen.
Here the handler saves state.toml at once, then asks the app to exit normally (which restores
the terminal). A watchdog ends the process if that exit cannot finish, e.g. because the
terminal is gone and writes to it hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from typing import TYPE_CHECKING

from reader.userdata.state import save_state

if TYPE_CHECKING:
    from reader.tui.app import KzReaderApp

SIGNALS = (signal.SIGHUP, signal.SIGTERM)
GRACE = 2.0  # seconds the normal exit may take before the process is ended anyway


class SignalExit:
    """Installed around App.run(); remembers which signal ended the app."""

    def __init__(self, app: KzReaderApp) -> None:
        self.app = app
        self.signum: int | None = None
        self._done = threading.Event()  # set once app.run() has returned

    def install(self) -> None:
        for sig in SIGNALS:
            signal.signal(sig, self._handle)

    def uninstall(self) -> None:
        self._done.set()
        for sig in SIGNALS:
            signal.signal(sig, signal.SIG_DFL)

    def status(self, normal: int = 0) -> int:
        """The shell's convention for "ended by signal N": 128 + N."""
        return 128 + self.signum if self.signum is not None else normal

    def _save(self) -> None:
        with contextlib.suppress(Exception):
            self.app.keep_drafts()  # a note being typed when the connection dropped
        with contextlib.suppress(Exception):
            save_state(self.app.session.state_path, self.app.state)

    def _handle(self, signum: int, frame: object) -> None:
        if self.signum is not None:  # a second signal while leaving: leave now
            self._save()
            os._exit(128 + signum)
        self.signum = signum
        threading.Thread(target=self._watchdog, daemon=True).start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # before or after the app's loop: nothing to tidy up
            self._save()
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(self._leave)

    def _leave(self) -> None:
        """In the app's event loop: save first (the terminal may be gone), then exit."""
        self._save()
        self.app.exit(return_code=128 + (self.signum or 0))

    def _watchdog(self) -> None:
        if not self._done.wait(GRACE):
            self._save()
            os._exit(self.status())


def run_with_signals(app: KzReaderApp) -> int:
    """app.run() with SIGHUP/SIGTERM handled; the exit status (128 + N after signal N)."""
    guard = SignalExit(app)
    guard.install()
    try:
        app.run()
    finally:
        guard.uninstall()
    return guard.status()
