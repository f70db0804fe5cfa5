"""Drive the installed kz-reader in a private tmux server, the way a user's terminal would.

A real terminal is the only place that shows whether the console script starts, draws,
reacts to keys, writes its files and gives the terminal back in a usable state.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

EXIT_MARK = "kz-reader e2e: exit status "

# The pane modes a full-screen app switches on and must switch off again on exit.
RESTORED_FLAGS = {
    "alternate_on": "0",
    "cursor_flag": "1",
    "mouse_any_flag": "0",
    "mouse_button_flag": "0",
    "mouse_standard_flag": "0",
    "mouse_sgr_flag": "0",
    "mouse_utf8_flag": "0",
}


def tmux_binary() -> str:
    """The tmux executable; a clear failure (never a skip) when it is missing."""
    found = shutil.which("tmux")
    if found is None:
        raise AssertionError(
            "tmux is not installed, and the end-to-end tests need it: "
            "`apt-get install -y tmux` (.ci/run does this)"
        )
    return found


def installed_script(name: str = "kz-reader") -> Path:
    """The console script of the environment running the tests (next to sys.executable)."""
    script = Path(sys.executable).parent / name
    if not script.is_file():
        raise AssertionError(
            f"{script} is missing: install the package into this environment "
            "(`.venv/bin/pip install '.[test]'`) before running the tests"
        )
    return script


def app_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose config, cache and home folders all live in tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "TMUX"))}
    env.update(
        KZ_READER_CONFIG_DIR=str(tmp_path / "config"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
        HOME=str(tmp_path / "home"),
        LANG="C.UTF-8",
    )
    env.pop("COLORTERM", None)
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


class TmuxPane:
    """One pane of a private tmux server (`tmux -L <unique> -f /dev/null`)."""

    def __init__(self, env: Mapping[str, str], cols: int, rows: int,
                 socket: str | None = None) -> None:
        self.tmux = tmux_binary()
        self.socket = socket or f"kzr-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = dict(env)
        self.cols, self.rows = cols, rows
        # An idle placeholder first, so options are set before the app runs; the server
        # copies self.env into its global environment, which every pane inherits.
        self._tmux("new-session", "-d", "-s", "e2e", "-x", str(cols), "-y", str(rows),
                   "sleep 3600")
        for option, value in (("status", "off"), ("remain-on-exit", "on"),
                              ("window-size", "manual")):
            self._tmux("set-option", "-g", option, value)
        self._tmux("resize-window", "-t", "e2e", "-x", str(cols), "-y", str(rows))

    def _tmux(self, *args: str) -> str:
        result = subprocess.run([self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
                                env=self.env, capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, argv: list[str]) -> None:
        """Replace whatever runs in the pane with argv, followed by a shell line that
        reports its exit status and keeps the pane alive, so the terminal can be inspected
        as the program left it (tmux resets the modes of a dead pane)."""
        wrapper = f'"$@"; echo "{EXIT_MARK}$?."; exec sleep 3600'
        command = shlex.join(["sh", "-c", wrapper, "sh", *argv])
        self._tmux("respawn-pane", "-k", "-t", "e2e", command)

    def resize(self, cols: int, rows: int) -> None:
        """Resize the window, as a user dragging the terminal's corner does."""
        self._tmux("resize-window", "-t", "e2e", "-x", str(cols), "-y", str(rows))
        self.cols, self.rows = cols, rows

    def size(self) -> tuple[int, int]:
        cols, rows = self.flag("pane_width"), self.flag("pane_height")
        return int(cols), int(rows)

    def screen(self) -> str:
        """The visible screen as plain text."""
        return self._tmux("capture-pane", "-p", "-t", "e2e")

    def flag(self, name: str) -> str:
        return self._tmux("display-message", "-p", "-t", "e2e", f"#{{{name}}}").strip()

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Poll the screen until text is on it; fail showing the last screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if EXIT_MARK in screen:
                raise AssertionError(f"the program ended before {text!r} was on screen:\n{screen}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{screen}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        """Press tmux key names (Enter, b, q, ...)."""
        self._tmux("send-keys", "-t", "e2e", *keys)

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Wait for the program started by start() to end; its exit status."""
        screen = self.wait_for(EXIT_MARK, timeout)
        found = re.search(re.escape(EXIT_MARK) + r"(\d+)\.", screen)
        assert found is not None, screen
        return int(found.group(1))

    def terminal_modes(self) -> dict[str, str]:
        """The pane's modes named in RESTORED_FLAGS, as tmux sees them now."""
        return {name: self.flag(name) for name in RESTORED_FLAGS}

    def close(self) -> None:
        """Kill this private server only, and remove the socket file it leaves behind."""
        socket = subprocess.run([self.tmux, "-L", self.socket, "display-message", "-p",
                                 "#{socket_path}"], env=self.env, capture_output=True,
                                text=True, timeout=30).stdout.strip()
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], env=self.env,
                       capture_output=True, timeout=30)
        if socket:
            Path(socket).unlink(missing_ok=True)


@contextmanager
def tmux_pane(env: Mapping[str, str], cols: int, rows: int) -> Iterator[TmuxPane]:
    """A TmuxPane that is always cleaned up."""
    pane = TmuxPane(env, cols, rows)
    try:
        yield pane
    finally:
        pane.close()
