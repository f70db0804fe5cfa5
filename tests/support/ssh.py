"""A private OpenSSH server on 127.0.0.1 and `ssh -tt` logins to it inside tmux.

Our users read over SSH: only a real sshd and a real client show what a dropped connection,
a hung-up pty, a bare login environment or a slow link do to kz-reader.
The server runs as the user running the tests, from a config, host key and authorized_keys
made in a temporary folder; nothing of the machine's own sshd is read or touched.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from support.terminal import TmuxPane, installed_script

SSHD_PATHS = ("/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd")


def require(name: str, package: str, extra: tuple[str, ...] = ()) -> str:
    """The executable, or a failure naming the Debian package (these tests never skip)."""
    found = shutil.which(name) or next((p for p in extra if os.access(p, os.X_OK)), None)
    if found is None:
        raise AssertionError(
            f"`{name}` is not installed, and the SSH end-to-end tests need it: "
            f"`apt-get install -y {package}` (.ci/run does this)"
        )
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Sshd:
    """A running private sshd."""

    folder: Path
    port: int
    key: Path
    process: subprocess.Popen
    log: Path

    def ssh_argv(self, remote: str, tty: bool = True) -> list[str]:
        """The client command line for one login that runs `remote` (on a pty if tty)."""
        return [
            require("ssh", "openssh-client"), "-tt" if tty else "-T", "-F", "/dev/null", "-q",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "ServerAliveInterval=0",
            "-i", str(self.key), "-p", str(self.port),
            f"{pwd.getpwuid(os.getuid()).pw_name}@127.0.0.1", remote,
        ]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def _config(folder: Path, port: int) -> str:
    root = os.getuid() == 0
    return "\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {folder / 'host_ed25519'}",
        f"PidFile {folder / 'sshd.pid'}",
        f"AuthorizedKeysFile {folder / 'authorized_keys'}",
        f"PermitRootLogin {'prohibit-password' if root else 'no'}",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PrintMotd no",
        "PrintLastLog no",
        "X11Forwarding no",
        "PermitUserEnvironment no",
        "LogLevel ERROR",
        "",
    ])


def _keygen(path: Path) -> None:
    keygen = require("ssh-keygen", "openssh-client")
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "kz-e2e", "-f", str(path)],
                   check=True, capture_output=True, timeout=30)


def _wait_banner(port: int, process: subprocess.Popen, log: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"sshd ended with status {process.returncode}:\n"
                                 + log.read_text(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                if s.recv(64).startswith(b"SSH-2.0"):
                    return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("sshd did not answer within 15 s:\n" + log.read_text(errors="replace"))


def start_sshd(folder: Path) -> Sshd:
    """sshd -D -e -f CONFIG on a free high port, with keys made in `folder`."""
    sshd = require("sshd", "openssh-server", SSHD_PATHS)
    require("ssh", "openssh-client")
    folder.mkdir(parents=True, exist_ok=True)
    _keygen(folder / "host_ed25519")
    _keygen(folder / "client_ed25519")
    shutil.copy(folder / "client_ed25519.pub", folder / "authorized_keys")
    if os.getuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation needs it
    last = ""
    for _attempt in range(3):  # another program may take the port between bind and listen
        port = free_port()
        config = folder / "sshd_config"
        config.write_text(_config(folder, port))
        log = folder / "sshd.log"
        with open(log, "wb") as out:
            process = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)],
                                       stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            _wait_banner(port, process, log)
        except AssertionError as error:
            last = str(error)
            if process.poll() is None:
                process.kill()
            process.wait(10)
            continue
        return Sshd(folder, port, folder / "client_ed25519", process, log)
    raise AssertionError(f"could not start sshd: {last}")


def remote_command(env: Mapping[str, str], argv: list[str], pidfile: Path,
                   unset: tuple[str, ...] = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE")) -> str:
    """A login shell line: note the pid, then exec argv (same pid) with env set and the
    locale variables unset, so the test controls exactly what the app sees."""
    assignments = [f"{k}={v}" for k, v in env.items()]
    drop = [a for name in unset if name not in env for a in ("-u", name)]
    command = ["env", *drop, *assignments, *argv]
    return f"echo $$ > {shlex.quote(str(pidfile))}; exec {shlex.join(command)}"


def kz_env(folder: Path, **extra: str) -> dict[str, str]:
    """Remote environment: config, cache and home in `folder`, a UTF-8 locale."""
    (folder / "home").mkdir(parents=True, exist_ok=True)
    return {
        "HOME": str(folder / "home"),
        "KZ_READER_CONFIG_DIR": str(folder / "config"),
        "XDG_CONFIG_HOME": str(folder / "xdg-config"),
        "XDG_CACHE_HOME": str(folder / "xdg-cache"),
        "LANG": "C.UTF-8",
        **extra,
    }


def login(pane: TmuxPane, sshd: Sshd, env: Mapping[str, str], args: list[str],
          pidfile: Path, unset: tuple[str, ...] = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE"),
          ) -> None:
    """Run `kz-reader ARGS` over ssh in the pane (the pane's exit mark follows ssh)."""
    with_app = [str(installed_script()), *args]
    if pidfile.exists():
        pidfile.unlink()
    pane.start(sshd.ssh_argv(remote_command(env, with_app, pidfile, unset)))


def app_pid(pidfile: Path, timeout: float = 20.0) -> int:
    """The remote kz-reader's pid (the login shell exec'd it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = pidfile.read_text().strip() if pidfile.exists() else ""
        if text.isdigit():
            return int(text)
        time.sleep(0.05)
    raise AssertionError(f"no pid in {pidfile} after {timeout}s")


def parent_pid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Running (a zombie counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_gone(pid: int, timeout: float = 10.0) -> float:
    """Seconds until pid ended; fails after timeout."""
    started = time.monotonic()
    while alive(pid):
        if time.monotonic() - started > timeout:
            raise AssertionError(f"process {pid} still running after {timeout}s")
        time.sleep(0.02)
    return time.monotonic() - started


def kill(pid: int, sig: signal.Signals) -> None:
    os.kill(pid, sig)
