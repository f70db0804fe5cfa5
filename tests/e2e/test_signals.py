"""SIGHUP and SIGTERM: the reading position is saved and the app leaves as `q` does.

Textual handles neither signal; reader.tui.signals does. The SSH end-to-end tests send the
signals to the installed app; these show the parts a terminal cannot: the handler inside the
event loop, a signal outside it, and a pty that is really gone (writes fail with EIO).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import termios
import time
import tomllib
from pathlib import Path

import pytest
from support.app import make_app
from support.archive import SAMPLE_ID
from support.terminal import app_env, installed_script

from reader.tui.signals import SignalExit, run_with_signals
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.state import ReadingState


def _positions(config_dir: Path) -> dict:
    text = (config_dir / "state.toml").read_text(encoding="utf-8")
    return tomllib.loads(text).get("positions", {})


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=lambda s: s.name)
async def test_signal_in_the_event_loop_saves_at_once_and_exits(
    archive: Path, config_dir: Path, sig: signal.Signals
) -> None:
    """Within state.toml's debounce second: the signal writes the new place and exits."""
    app = make_app(archive, config_dir, SAMPLE_ID)
    guard = SignalExit(app)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.flush_state()
            await pilot.press("j", "j")
            assert app.screen.query_one(ArticleView).paragraph == 2
            assert _positions(config_dir).get(SAMPLE_ID, 0) == 0  # the debounce is pending
            guard.install()
            os.kill(os.getpid(), sig)
            for _ in range(50):
                await pilot.pause(0.02)
                if app.return_code is not None:
                    break
            assert app.return_code == 128 + sig
    finally:
        guard.uninstall()
    assert _positions(config_dir)[SAMPLE_ID] == 2
    assert guard.status() == 128 + sig
    assert signal.getsignal(sig) is signal.SIG_DFL


class _NoLoopApp:
    """Stands in for the app before its event loop runs (during start-up)."""

    def __init__(self, state_path: Path) -> None:
        self.session = type("S", (), {"state_path": state_path})()
        self.state = ReadingState(last_article="a.txt", positions={"a.txt": 7})

    def run(self) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler interrupts this
        raise AssertionError("SIGTERM did not end run()")


def test_signal_outside_the_event_loop_saves_and_exits(tmp_path: Path) -> None:
    app = _NoLoopApp(tmp_path / "state.toml")
    with pytest.raises(SystemExit) as ended:
        run_with_signals(app)  # type: ignore[arg-type]
    assert ended.value.code == 128 + signal.SIGTERM
    assert tomllib.loads((tmp_path / "state.toml").read_text())["positions"] == {"a.txt": 7}
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def _on_own_pty(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """argv as the session leader of a fresh pty (its controlling terminal), like sshd does."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, bytes([24, 0, 80, 0, 0, 0, 0, 0]))

    def own_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True, preexec_fn=own_terminal)
    os.close(slave)
    return process, master


def _read_until(master: int, needle: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"{needle!r} not in the output after {timeout}s: {seen[-500:]!r}")
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def test_the_terminal_goes_away(tmp_path: Path) -> None:
    """Close the pty's master (what sshd does when the link drops): the kernel hangs up the
    terminal, the app gets SIGHUP with nowhere left to draw, saves and ends within seconds."""
    env = app_env(tmp_path)
    env["TERM"] = "xterm-256color"
    process, master = _on_own_pty([str(installed_script()), SAMPLE_ID], env)
    try:
        _read_until(master, b"February")
        os.write(master, b"jjj")
        time.sleep(0.3)  # within the one-second debounce of the moves
        os.close(master)
        started = time.monotonic()
        status = process.wait(timeout=10)
        took = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert status == 128 + signal.SIGHUP
    assert took < 3.0, f"{took:.2f} s to end after the hang-up"
    assert _positions(Path(env["KZ_READER_CONFIG_DIR"]))[SAMPLE_ID] == 3
    print(f"\nthe app ended {took:.2f} s after its terminal was hung up")


def test_a_note_being_typed_survives_the_terminal_going_away(tmp_path: Path) -> None:
    """The link drops mid-sentence: the hang-up writes the draft, and the next login offers
    it back on that note; saved, it is in library.toml and the draft is gone."""
    env = app_env(tmp_path)
    env["TERM"] = "xterm-256color"
    config_dir = Path(env["KZ_READER_CONFIG_DIR"])
    process, master = _on_own_pty([str(installed_script()), SAMPLE_ID], env)
    try:
        _read_until(master, b"February")
        os.write(master, b"jjn")
        _read_until(master, b"ctrl+s")
        os.write(master, "Сессия шешімі".encode())
        time.sleep(0.4)  # less than the draft's own delay: the hang-up has to write it
        os.close(master)
        status = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert status == 128 + signal.SIGHUP
    drafts = tomllib.loads((config_dir / "drafts.toml").read_text("utf-8"))["drafts"]
    assert [(d["article"], d.get("paragraph"), d["text"]) for d in drafts] == [
        (SAMPLE_ID, 2, "Сессия шешімі")]

    process, master = _on_own_pty([str(installed_script())], env)  # the next login
    try:
        # the last article, at paragraph 3 again (its date scrolled off): the article's keys
        _read_until(master, b"Back")
        os.write(master, b"n")
        _read_until(master, b"Restore it?")
        os.write(master, b"y")
        _read_until(master, b"ctrl+s")
        os.write(master, b"\x13")
        _read_until(master, b"Note saved")
        os.write(master, b"q")
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    library = tomllib.loads((config_dir / "library.toml").read_text("utf-8"))
    assert [(n["paragraph"], n["text"]) for n in library["notes"]] == [(2, "Сессия шешімі")]
    assert tomllib.loads((config_dir / "drafts.toml").read_text("utf-8"))["drafts"] == []
