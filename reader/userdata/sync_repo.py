"""`kz-reader sync`: the library and reading positions merged with a git repository, both ways.

The repository holds four text files a person can read and diff (README, "Sync between
machines"): `kz-reader.toml` (what the repository is, `format = 1`), `library.toml` (as this
machine's, entries oldest first), `deleted.toml` (the ids deleted on some machine, and when)
and `state.toml` (reading positions, when each was set, read marks).

<config>/sync/ is this machine's clone: its branch `main` is the state last synced, the base
of the next three-way merge (sync_merge.py), and its `origin` the remote last synced with.
One sync:

1. look at the remote (git ls-remote) and fetch its `main`;
2. merge the remote's files with library.toml and state.toml as they are now (nothing
   written yet), commit this machine's library and the merge in the clone, push;
3. only once the push is taken, apply the merge here: under library.toml's lock, re-read,
   merged again with the pushed state as the other side (a change made meanwhile is kept
   for the next sync), written atomically; the same for state.toml under its lock;
4. move the clone's `main` to what was pushed.

Killed at any point, the next sync finds the same base and merges again: a merge of what
is already merged changes nothing, so nothing is lost or doubled. A push refused because
the remote moved meanwhile starts again from 1. An unreachable remote, a failed push or a
remote that cannot be read stop before step 3: nothing here has changed.

git runs with a timeout, never prompts for a password (GIT_TERMINAL_PROMPT=0), runs no
hooks, commits as an identity of its own (GIT_AUTHOR_*: the user and host names) and never
writes any git settings but the clone's own. The core API (sync) takes the Library object,
so the app can run it in a worker thread and show the result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.i18n import plural, t
from reader.terminal_text import printable_id
from reader.userdata.files import parse_toml, toml_text
from reader.userdata.library import (
    SCHEMA_VERSION,
    Library,
    LibraryError,
    read_raw,
)
from reader.userdata.state import sync_state
from reader.userdata.sync_merge import (
    KINDS,
    LibraryMerge,
    Raw,
    Side,
    Snapshot,
    StateMerge,
    Tombstones,
    merge_library,
    merge_state,
)

FORMAT = 1  # kz-reader.toml's format; a repository with a larger one is never written to
FOLDER = "sync"  # the clone, in the config folder
LOCK = "sync.lock"
MAIN = "refs/heads/main"
TRACKING = "refs/remotes/origin/main"
MARKER, LIBRARY, DELETED, STATE = "kz-reader.toml", "library.toml", "deleted.toml", "state.toml"
FILES = (MARKER, LIBRARY, DELETED, STATE)
MAX_FILE = 64 * 1024 * 1024  # a remote's file past this is refused, not read into memory
NETWORK_TIMEOUT = 120.0  # seconds for one ls-remote, fetch or push
LOCAL_TIMEOUT = 60.0  # ... for one git command in the clone
ATTEMPTS = 3  # pushes refused because the remote moved meanwhile, before giving up
ZERO = "0" * 40

# Settings for every git command: nothing of the user's configuration may run code of its
# own here (hooks, fsmonitor, signing) or read a remote's data unchecked.
_GIT_CONFIG = (
    "core.hooksPath=/dev/null", "commit.gpgSign=false", "tag.gpgSign=false",
    "core.fsmonitor=false", "protocol.ext.allow=never", "transfer.fsckObjects=true",
    "core.autocrlf=false", "gc.auto=0", "init.defaultBranch=main", "color.ui=false",
)
# Variables that would point git at another repository, index or identity than ours.
_GIT_ENV_DROP = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_QUARANTINE_PATH", "GIT_REPLACE_REF_BASE",
    "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE",
    "GIT_EDITOR", "GIT_PAGER", "GIT_EXEC_PATH",
)
# git's words that say nothing about why (it prints them under the line that does).
_GENERIC = ("Could not read from remote repository", "Please make sure you have the correct",
            "and the repository exists")


class SyncError(Exception):
    """str(error) is one line for the user; nothing here was changed, unless it says so."""


@dataclass
class SyncReport:
    remote: str
    dry_run: bool
    here: Side  # what changed (or would change) on this machine
    there: Side  # ... in the remote repository
    conflicts: list[tuple[str, str]]  # (kind, id) of entries now holding two versions
    titles: dict[tuple[str, str], str] = field(default_factory=dict)  # for printing
    created: bool = False  # the remote's content (or, for a folder, the repository) made now
    pushed: bool = False


def summary(report: SyncReport) -> str:
    """One line, in the interface language: what came, what went, how many conflicts (the
    command prints it; the app can show it in a toast)."""
    here, there = report.here, report.there
    parts = []
    if report.created:
        parts.append(t("the repository's content made"))
    if here.added:
        parts.append(t("{n} new from remote", n=len(here.added)))
    if here.changed:
        parts.append(t("{n} changed from remote", n=len(here.changed)))
    if here.deleted:
        parts.append(t("{n} deleted here", n=len(here.deleted)))
    if here.positions + here.read:
        parts.append(plural(here.positions + here.read,
                            "{n} reading position or read mark from remote",
                            "{n} reading positions and read marks from remote"))
    if there.entries:
        parts.append(t("{n} sent", n=there.entries))
    if there.positions + there.read:
        parts.append(plural(there.positions + there.read,
                            "{n} reading position or read mark sent",
                            "{n} reading positions and read marks sent"))
    if report.conflicts:
        parts.append(plural(len(report.conflicts), "{n} conflict", "{n} conflicts"))
    said = ", ".join(parts) if parts else t("nothing to sync: both sides hold the same")
    remote = printable_id(report.remote)
    if report.dry_run:
        return t("dry run, nothing written; with {remote}: {summary}", remote=remote,
                 summary=said)
    return t("synced with {remote}: {summary}", remote=remote, summary=said)


# The remote and git itself ----------------------------------------------------------------

def is_local_path(remote: str) -> bool:
    """git's rule: no "://" and no ":" before the first "/" is a path on this machine."""
    if "://" in remote:
        return False
    colon, slash = remote.find(":"), remote.find("/")
    return colon < 0 or 0 <= slash < colon


def check_remote(text: str) -> str:
    """REMOTE as it will be used and remembered: a folder made absolute ("~" expanded);
    SyncError for what no git URL can be."""
    shown = printable_id(text)
    if not text.strip():
        raise SyncError(t("the remote is empty: give a git URL or a folder"))
    if any(c.isspace() for c in text):
        raise SyncError(t("the remote {remote!r} contains spaces: a git URL or folder has none",
                          remote=shown))
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise SyncError(t("the remote {remote!r} contains a control character", remote=shown))
    if text.startswith("-"):
        raise SyncError(t("the remote {remote!r} starts with '-': a git URL or folder does not",
                          remote=shown))
    if not is_local_path(text):
        return text
    try:
        path = os.path.expanduser(text)
    except RuntimeError:
        path = text
    if path.startswith("~"):
        raise SyncError(t("the remote {remote!r} names a home folder that is not here",
                          remote=shown))
    return os.path.abspath(path)


def find_git() -> str:
    found = shutil.which("git")
    if found is None:
        raise SyncError(t("git is not installed, and sync needs it (Debian: apt-get install git)"))
    return found


def _identity() -> dict[str, str]:
    """Who commits: this account on this machine, whatever git is (not) configured with."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    host = socket.gethostname() or "localhost"
    who = re.sub(r"[<>\s]", "", f"{user}@{host}") or "kz-reader"
    name = f"kz-reader ({who})"
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": who,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": who}


def _why(stderr: str) -> str:
    """git's reason in one line: its first line that says something."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    useful = [line for line in lines if not any(g in line for g in _GENERIC)]
    line = (useful or lines or ["git failed"])[0]
    return line.removeprefix("fatal: ").removeprefix("error: ")


class GitFailed(Exception):
    def __init__(self, why: str, code: int) -> None:
        super().__init__(why)
        self.code = code


class Cancel:
    """Stops a sync running in another thread (the app's, when the app quits): the git
    command running is ended at once (in batch mode with its ssh: git has a session of its
    own), no later one starts, and a wait for another sync's lock gives up. The sync then
    raises SyncError; stopped there, it is a sync killed there: the next one loses and doubles
    nothing. A stop after the push was taken still lets the merge be saved here."""

    def __init__(self) -> None:
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._running: dict[subprocess.Popen, bool] = {}  # process -> in a session of its own

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def stop(self) -> None:
        with self._lock:
            self._stopped.set()
            running = list(self._running.items())
        for process, group in running:
            _kill(process, group)

    def wait(self, seconds: float) -> bool:
        """Sleep, woken by stop(); whether it was stopped."""
        return self._stopped.wait(seconds)

    def started(self, process: subprocess.Popen, group: bool) -> None:
        with self._lock:
            self._running[process] = group
            stopped = self.stopped
        if stopped:  # stopped between the check before starting it and now
            _kill(process, group)

    def ended(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.pop(process, None)


def _kill(process: subprocess.Popen, group: bool) -> None:
    """SIGKILL to a git still running (its whole session in batch mode); the thread that
    started it waits for it."""
    if process.returncode is not None:
        return
    with contextlib.suppress(OSError):
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


class SyncStopped(SyncError):
    """Cancel.stop() ended the sync. Not a GitFailed: no step takes it for a git answer (a
    clone that is not one, a remote without a main) and goes on; it goes straight out."""

    def __init__(self) -> None:
        super().__init__(t("stopped: kz-reader is quitting"))


class Git:
    """git in one repository (cwd), with a timeout, our settings and our identity."""

    def __init__(self, exe: str, cwd: Path, timeout: float = NETWORK_TIMEOUT,
                 batch: bool = False, cancel: Cancel | None = None) -> None:
        self.exe, self.cwd, self.timeout, self.batch = exe, cwd, timeout, batch
        self.cancel = cancel
        env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
        env.update(_identity(), GIT_TERMINAL_PROMPT="0", GIT_NO_REPLACE_OBJECTS="1",
                   GIT_OPTIONAL_LOCKS="0")
        self.env = env

    def run(self, *args: str, input: bytes | None = None, network: bool = False) -> bytes:
        """stdout; GitFailed with git's reason when it exits non-zero or takes too long.

        Output goes to files, not pipes: an ssh that git started and that outlives a killed
        git cannot keep us waiting for the end of a pipe. In batch mode git runs in a session
        of its own: with no terminal, ssh fails rather than asks for a passphrase or a host
        key on a screen the app draws, and a timeout ends ssh with git."""
        command = [self.exe]
        for setting in _GIT_CONFIG:
            command += ["-c", setting]
        command += args
        timeout = self.timeout if network else min(self.timeout, LOCAL_TIMEOUT)
        cancel = self.cancel
        if cancel is not None and cancel.stopped:
            raise SyncStopped()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            try:
                process = subprocess.Popen(
                    command, cwd=self.cwd, env=self.env, stdout=out, stderr=err,
                    stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                    start_new_session=self.batch)
            except OSError as e:
                raise GitFailed(e.strerror or str(e), -1) from None
            if cancel is not None:
                cancel.started(process, self.batch)
            try:
                process.communicate(input, timeout=timeout)
            except subprocess.TimeoutExpired:
                self._end(process)
                raise GitFailed(t("no answer within {n} seconds", n=int(timeout)), -1) from None
            except BaseException:  # KeyboardInterrupt: git goes with us
                self._end(process)
                raise
            finally:
                if cancel is not None:
                    cancel.ended(process)
            if process.returncode != 0 and cancel is not None and cancel.stopped:
                raise SyncStopped()  # ended by Cancel.stop() (a git done stays done)
            out.seek(0)
            err.seek(0)
            data, problem = out.read(), err.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise GitFailed(_why(problem), process.returncode)
        return data

    def _end(self, process: subprocess.Popen) -> None:
        with contextlib.suppress(OSError):
            if self.batch:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        process.wait()

    def text(self, *args: str, **kwargs: Any) -> str:
        return self.run(*args, **kwargs).decode("utf-8", "replace").strip()

    def ok(self, *args: str) -> bool:
        try:
            self.run(*args)
        except GitFailed:
            return False
        return True

    def rev(self, ref: str) -> str | None:
        try:
            return self.text("rev-parse", "-q", "--verify", ref + "^{commit}") or None
        except GitFailed:
            return None


# The repository's files ---------------------------------------------------------------------

@dataclass
class Content:
    """A commit's files, parsed."""

    library: Raw
    deleted: Tombstones
    state: Raw

    def snapshot(self) -> Snapshot:
        return Snapshot(self.library, self.deleted)


_MARKER_TEXT = f"""\
# A kz-reader library, kept by `kz-reader sync` (README: "Sync between machines").
# library.toml: bookmarks, notes and highlights, as in the config folder;
# deleted.toml: what was deleted on some machine, and when (a sync deletes it everywhere);
# state.toml: reading positions and read marks.
format = {FORMAT}
"""

_DELETED_HEAD = """\
# Entries deleted on some machine, and when: a sync deletes them everywhere, so an entry
# never comes back from a machine (or an import) that still has it.
"""


def render(library: Raw, deleted: Tombstones, state: Raw) -> dict[str, bytes]:
    """The repository's files for these tables; SyncError if they cannot be written as TOML."""
    tombs = {kind: dict(sorted(ids.items())) for kind, ids in sorted(deleted.items()) if ids}
    try:
        files = {
            MARKER: _MARKER_TEXT,
            LIBRARY: toml_text(library),
            DELETED: _DELETED_HEAD + ("\n" + toml_text(tombs) if tombs else ""),
            STATE: toml_text(state),
        }
    except (ValueError, TypeError, UnicodeEncodeError, tomllib.TOMLDecodeError) as e:
        raise SyncError(t("the library cannot be written for the repository: {error}",
                          error=e)) from None
    return {name: text.encode("utf-8") for name, text in files.items()}


def parse_content(files: dict[str, bytes], where: str) -> Content:
    """A commit's files, checked: SyncError naming `where` when they are no kz-reader
    repository's, from a newer version, or do not parse."""
    if MARKER not in files:
        raise SyncError(t("{remote} is not a kz-reader repository (it has no kz-reader.toml); "
                          "nothing was changed", remote=where))
    tables: dict[str, Raw] = {}
    for name in FILES:
        try:
            tables[name] = parse_toml(files.get(name, b"").decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise SyncError(t("{remote}: {file} does not parse ({error}); nothing was changed",
                              remote=where, file=name, error=e)) from None
    form = tables[MARKER].get("format")
    version = tables[LIBRARY].get("version", SCHEMA_VERSION)
    for name, key, value, mine in ((MARKER, "format", form, FORMAT),
                                   (LIBRARY, "version", version, SCHEMA_VERSION)):
        if type(value) is int and value > mine:
            raise SyncError(t("{remote} was written by a newer kz-reader ({file}: {key} = "
                              "{value}); it is only read, never changed: update kz-reader to "
                              "sync with it", remote=where, file=name, key=key, value=value))
        if value != mine or type(value) is not int:
            raise SyncError(t("{remote}: {file} has an unknown {key} ({value!r}); nothing was "
                              "changed", remote=where, file=name, key=key, value=value))
    library = tables[LIBRARY]
    for key in KINDS:
        items = library.get(key, [])
        if not isinstance(items, list) or not all(isinstance(e, dict) for e in items):
            raise SyncError(t("{remote}: {file} does not parse ('{key}' is not a list of "
                              "tables); nothing was changed", remote=where, file=LIBRARY,
                              key=key))
    deleted = tables[DELETED]
    if not all(isinstance(ids, dict) for ids in deleted.values()):
        raise SyncError(t("{remote}: {file} does not parse (not tables of ids); nothing was "
                          "changed", remote=where, file=DELETED))
    return Content(library, deleted, tables[STATE])


def _read_commit(git: Git, commit: str, where: str) -> Content:
    listing = git.run("ls-tree", "-l", "-z", commit)
    files: dict[str, bytes] = {}
    for item in listing.split(b"\0"):
        if b"\t" not in item:
            continue
        meta, name_bytes = item.split(b"\t", 1)
        name = name_bytes.decode("utf-8", "replace")
        parts = meta.split()
        if name not in FILES or len(parts) != 4 or parts[1] != b"blob":
            continue
        if parts[3].isdigit() and int(parts[3]) > MAX_FILE:
            raise SyncError(t("{remote}: {file} is larger than {n} MiB; nothing was changed",
                              remote=where, file=name, n=MAX_FILE // 2**20))
        files[name] = git.run("cat-file", "blob", parts[2].decode("ascii"))
    return parse_content(files, where)


def _tree_of(git: Git, files: dict[str, bytes]) -> str:
    """The files as a tree in the repository (their blobs written)."""
    lines = []
    for name in sorted(files):
        blob = git.text("hash-object", "-w", "--stdin", input=files[name])
        lines.append(f"100644 blob {blob}\t{name}")
    return git.text("mktree", input=("\n".join(lines) + "\n").encode("utf-8"))


def _write_commit(git: Git, tree: str, parents: list[str], message: str) -> str:
    args = ["commit-tree", tree]
    for parent in parents:
        args += ["-p", parent]
    return git.text(*args, "-m", message)


def _tree(git: Git, commit: str | None) -> str | None:
    return git.text("rev-parse", commit + "^{tree}") if commit else None


# The clone, its lock, and the remembered remote --------------------------------------------

def clone_dir(config_dir: Path) -> Path:
    return Path(config_dir) / FOLDER


def remembered_remote(config_dir: Path) -> str | None:
    """The remote the last successful sync used (origin of the clone), or None."""
    config = (clone_dir(config_dir) / ".git" / "config").absolute()
    exe = shutil.which("git")
    if exe is None or not config.is_file():
        return None
    try:
        found = Git(exe, Path(config_dir)).text("config", "--file", str(config), "--get",
                                                "remote.origin.url")
    except GitFailed:
        return None
    return found or None


def configured_remote(config_dir: Path, configured: str | None) -> str | None:
    """The remote to use when none is given: `sync` in config.toml (a relative folder:
    relative to the config folder, as `archive`), else the one the last sync used; None
    when there is neither."""
    if configured:
        if (is_local_path(configured) and not configured.startswith("~")
                and not os.path.isabs(configured)):
            return str(Path(config_dir) / configured)
        return configured
    return remembered_remote(config_dir)


def has_remote(config_dir: Path, configured: str | None) -> bool:
    """Whether configured_remote() may find one, without running git (for the app's quit)."""
    return bool(configured) or (clone_dir(config_dir) / ".git" / "config").is_file()


@contextlib.contextmanager
def _sync_lock(config_dir: Path, on_wait: Callable[[], None] | None,
               cancel: Cancel | None = None) -> Iterator[None]:
    """One sync at a time per config folder (the app's and a command's); flock, so a killed
    sync holds nothing. With `cancel`, the wait gives up when it is stopped."""
    folder = Path(config_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            if cancel is None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:
                _wait_for_lock(fd, cancel)
        yield
    finally:
        os.close(fd)


def _wait_for_lock(fd: int, cancel: Cancel) -> None:
    """flock cannot be interrupted from another thread: ask again until it is ours."""
    while True:
        if cancel.wait(0.2):
            raise SyncStopped()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue
        return


def _stale_locks(git_dir: Path) -> None:
    """git's own lock files left by a sync that was killed (we hold the sync lock: no git of
    ours is running here) would stop every later git command."""
    for lock in [*git_dir.glob("*.lock"), *(git_dir / "refs").rglob("*.lock")]:
        with contextlib.suppress(OSError):
            lock.unlink()


def _open_clone(exe: str, folder: Path, batch: bool = False,
                cancel: Cancel | None = None) -> tuple[Git, bool]:
    """The clone, made when missing (or when a killed first sync left it half made);
    (its Git, whether it was made now)."""
    git = Git(exe, folder, batch=batch, cancel=cancel)
    if (folder / ".git").is_dir() and git.ok("rev-parse", "--git-dir"):
        _stale_locks(folder / ".git")
        return git, False
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir() or folder.is_symlink() or (
                any(folder.iterdir()) and not (folder / ".git").exists()):
            raise SyncError(t("{path} is in the way: kz-reader keeps its copy of the repository "
                              "there; move it away", path=printable_id(str(folder))))
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700, parents=True)
    try:
        git.run("init", "-q")
        git.run("symbolic-ref", "HEAD", MAIN)
    except GitFailed as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise SyncError(t("cannot make {path}: {error}", path=printable_id(str(folder)),
                          error=e)) from None
    return git, True


# One sync ------------------------------------------------------------------------------------

@dataclass
class _Context:
    git: Git
    remote: str
    library: Library
    state_path: Path
    head: str | None  # this machine's last synced commit
    dry_run: bool
    now: dt.datetime
    shown: str = ""


def sync(config_dir: Path, library: Library, state_path: Path, remote: str, *,
         dry_run: bool = False, timeout: float = NETWORK_TIMEOUT,
         on_wait: Callable[[], None] | None = None, batch: bool = False,
         cancel: Cancel | None = None) -> SyncReport:
    """Merge library.toml and state.toml with the git repository `remote`, both ways.

    SyncError (one line) for anything that stops it; unless its words say otherwise,
    nothing here was changed. dry_run: what would change on each side, nothing written
    anywhere (the remote is fetched into a temporary repository). on_wait: called when
    another sync of this config folder runs, before waiting for it.

    From the app: run it in a worker thread with the app's Library (its lists show the
    result) and batch=True: git then runs without a terminal, so ssh fails (one line)
    rather than asks for a passphrase or a host key on the app's screen; an ssh-agent or a
    key without passphrase works as usual. cancel: Cancel.stop() from another thread ends
    it soon (SyncError), as a kill would, e.g. when the app quits."""
    exe = find_git()
    remote = check_remote(remote)
    _refuse_broken(library)
    try:
        return _run(exe, Path(config_dir), library, Path(state_path), remote, dry_run,
                    timeout, on_wait, batch, cancel)
    except OSError as e:  # the config folder or the temporary folder refuses
        raise SyncError(t("cannot sync: {error} ({path})", error=e.strerror or e,
                          path=printable_id(str(e.filename or config_dir)))) from None


def _run(exe: str, config_dir: Path, library: Library, state_path: Path, remote: str,
         dry_run: bool, timeout: float, on_wait: Callable[[], None] | None,
         batch: bool, cancel: Cancel | None = None) -> SyncReport:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clone = clone_dir(config_dir)
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="kz-reader-sync-") as scratch:
            git = Git(exe, Path(scratch), timeout, batch, cancel)
            _scratch_repo(git, clone)
            head = Git(exe, clone, timeout).rev(MAIN) if (clone / ".git").is_dir() else None
            return _sync(_Context(git, remote, library, state_path, head, True, now))
    with _sync_lock(config_dir, on_wait, cancel):
        git, made = _open_clone(exe, clone, batch, cancel)
        git.timeout, git.batch, git.cancel = timeout, batch, cancel
        try:
            report = _sync(_Context(git, remote, library, state_path, git.rev(MAIN), False,
                                    now))
        except BaseException:
            with contextlib.suppress(SyncStopped):  # stopped: left as a kill would leave it
                if made and git.rev(MAIN) is None:  # a first sync that did not get through
                    shutil.rmtree(clone, ignore_errors=True)
            raise
        return report


def _refuse_broken(library: Library) -> None:
    """A library.toml that does not parse (or a newer version's) stops the sync at once."""
    _, broken = read_raw(library.path)
    if broken:
        raise SyncError(broken)


def _scratch_repo(git: Git, clone: Path) -> None:
    """A temporary repository that sees the clone's objects (for a dry run)."""
    git.run("init", "-q", "--bare")
    objects = clone / ".git" / "objects"
    if objects.is_dir():
        alternates = git.cwd / "objects" / "info" / "alternates"
        alternates.parent.mkdir(parents=True, exist_ok=True)
        alternates.write_text(str(objects.resolve()) + "\n", encoding="utf-8")


def _sync(ctx: _Context) -> SyncReport:
    ctx.shown = printable_id(ctx.remote)
    created = _make_folder_remote(ctx)
    for _attempt in range(ATTEMPTS):
        report = _attempt_sync(ctx, created)
        if report is not None:
            return report
    raise SyncError(t("{remote} kept changing while this sync ran; nothing was changed here: "
                      "try again", remote=ctx.shown))


def _make_folder_remote(ctx: _Context) -> bool:
    """A folder that does not exist yet becomes an empty repository (True); a dry run only
    says it would."""
    if not is_local_path(ctx.remote) or os.path.lexists(ctx.remote):
        return False
    parent = os.path.dirname(ctx.remote.rstrip("/")) or "/"
    if not os.path.isdir(parent):
        raise SyncError(t("cannot reach {remote}: there is no folder {folder}",
                          remote=ctx.shown, folder=printable_id(parent)))
    if ctx.dry_run:
        return True
    try:
        ctx.git.run("init", "-q", "--bare", ctx.remote)
        Git(ctx.git.exe, Path(ctx.remote), batch=ctx.git.batch, cancel=ctx.git.cancel).run(
            "symbolic-ref", "HEAD", MAIN)
        os.chmod(ctx.remote, 0o700)
    except (GitFailed, OSError) as e:
        raise SyncError(t("cannot make a repository in {remote}: {error}", remote=ctx.shown,
                          error=e)) from None
    return True


def _remote_main(ctx: _Context) -> tuple[bool, str | None]:
    """(the remote has any refs, its main's commit)."""
    if ctx.dry_run and is_local_path(ctx.remote) and not os.path.lexists(ctx.remote):
        return False, None
    try:
        listing = ctx.git.text("ls-remote", ctx.remote, network=True)
    except GitFailed as e:
        raise SyncError(t("cannot reach {remote}: {why}", remote=ctx.shown, why=e)) from None
    refs = dict(reversed(line.split("\t", 1)) for line in listing.splitlines() if "\t" in line)
    return bool(refs), refs.get(MAIN)


def _fetch(ctx: _Context) -> str:
    """The remote's main fetched (it may have moved since ls-remote: what was fetched)."""
    try:
        ctx.git.run("fetch", "-q", "--no-tags", "--no-recurse-submodules", ctx.remote,
                    f"+{MAIN}:{TRACKING}", network=True)
    except GitFailed as e:
        raise SyncError(t("cannot fetch from {remote}: {why}", remote=ctx.shown, why=e)) from None
    fetched = ctx.git.rev(TRACKING)
    if fetched is None:
        raise SyncError(t("{remote} is not a kz-reader repository (it has no main branch); "
                          "nothing was changed", remote=ctx.shown))
    return fetched


def _local_tables(ctx: _Context) -> tuple[Raw, Raw]:
    raw, broken = read_raw(ctx.library.path)
    if broken:
        raise SyncError(broken)
    try:
        state = parse_toml(ctx.state_path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        state = {}  # as for every save of state.toml: a broken one counts as empty
    return raw, state


def _attempt_sync(ctx: _Context, created: bool) -> SyncReport | None:
    git = ctx.git
    has_refs, main = _remote_main(ctx)
    if has_refs and main is None:
        raise SyncError(t("{remote} is not a kz-reader repository (it has no main branch); "
                          "nothing was changed", remote=ctx.shown))
    remote: Content | None = None
    if main is not None:
        main = _fetch(ctx)
        remote = _read_commit(git, main, ctx.shown)
    where = printable_id(str(git.cwd))
    head = _read_commit(git, ctx.head, where) if ctx.head else None
    base_commit = None
    if ctx.head and main:
        try:
            base_commit = git.text("merge-base", ctx.head, main) or None
        except GitFailed:
            base_commit = None  # unrelated histories: no common state
    base = head if base_commit == ctx.head else (
        _read_commit(git, base_commit, where) if base_commit else None)

    local, local_state = _local_tables(ctx)
    plan = merge_library(base.snapshot() if base else None, local,
                         remote.snapshot() if remote else None,
                         head=head.snapshot() if head else Snapshot({}), now=ctx.now)
    state_plan = merge_state(local_state, remote.state if remote else None)
    there = _with_state(plan.there, state_plan.there)
    titles = _titles(local, remote.library if remote else {})
    if ctx.dry_run:
        return SyncReport(ctx.remote, True, _with_state(plan.here, state_plan.here), there,
                          plan.conflicts, titles, created or main is None)

    files = render(plan.shared, plan.deleted, state_plan.shared)
    commit = _commit(ctx, local, local_state, head, main, files, plan)
    pushed = False
    if commit != main:
        try:
            git.run("push", "-q", "--no-verify", ctx.remote, f"{commit}:{MAIN}", network=True)
        except GitFailed as e:
            if _remote_main(ctx)[1] != main:  # the remote moved meanwhile: merge again
                return None
            raise SyncError(t("could not send to {remote}: {why}; nothing was changed here",
                              remote=ctx.shown, why=e)) from None
        pushed = True

    here = _apply_here(ctx, local, plan, state_plan)
    _settle_clone(ctx, commit)
    return SyncReport(ctx.remote, False, here, there, plan.conflicts, titles,
                      created or main is None, pushed)


def _commit(ctx: _Context, local: Raw, local_state: Raw, head: Content | None,
            main: str | None, files: dict[str, bytes], plan: LibraryMerge) -> str:
    """The commit the remote gets: this machine's library committed on its last synced
    state (so the history keeps it, even where the merge took another side's), then the
    merge, with the remote's main as second parent. No commit when nothing changes."""
    git = ctx.git
    mine = ctx.head
    has_local = head is not None or any(local.get(k) for k in KINDS) or bool(
        local_state.get("positions") or local_state.get("read"))
    if has_local:
        own = merge_library(head.snapshot() if head else None, local,
                            head.snapshot() if head else None, now=ctx.now)
        own_state = merge_state(local_state, head.state if head else None)
        own_files = render(own.shared, own.deleted, own_state.shared)
        own_tree = _tree_of(git, own_files)
        if own_tree != _tree(git, ctx.head):
            mine = _write_commit(git, own_tree, [ctx.head] if ctx.head else [],
                                 "kz-reader: the library on " + _identity()["GIT_AUTHOR_EMAIL"])
    target = _tree_of(git, files)
    summary = (f"{plan.here.entries} from the remote, {plan.there.entries} sent, "
               f"{len(plan.conflicts)} conflicts")
    message = f"kz-reader sync on {_identity()['GIT_AUTHOR_EMAIL']}: {summary}"
    if main is None or (mine is not None and git.ok("merge-base", "--is-ancestor", main, mine)):
        if mine is not None and target == _tree(git, mine):
            return mine
        return _write_commit(git, target, [mine] if mine else [], message)
    if mine is None or git.ok("merge-base", "--is-ancestor", mine, main):
        if target == _tree(git, main):
            return main
        return _write_commit(git, target, [main], message)
    return _write_commit(git, target, [mine, main], message)


def _apply_here(ctx: _Context, local: Raw, plan: LibraryMerge, state_plan: StateMerge) -> Side:
    """What was pushed, merged into library.toml and state.toml as they are now, each under
    its own lock: a change made since the plan was made is kept (and sent next time)."""
    pushed = Snapshot(plan.shared, plan.deleted)
    seen = Snapshot(local, {})
    done: dict[str, Any] = {}

    def merge_library_now(raw: Raw) -> Raw:
        done["library"] = merge_library(seen, raw, pushed, head=seen, now=ctx.now)
        return done["library"].local

    def merge_state_now(raw: Raw) -> Raw:
        done["state"] = merge_state(raw, state_plan.shared)
        return done["state"].local

    try:
        ctx.library.apply_sync(merge_library_now)
        sync_state(ctx.state_path, merge_state_now)
    except (LibraryError, OSError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else e
        raise SyncError(t("sent to {remote}, but not saved here: {error}; the next sync "
                          "brings it", remote=ctx.shown, error=why)) from None
    here = done["library"].here
    return _with_state(here, done["state"].here)


def _settle_clone(ctx: _Context, commit: str) -> None:
    """The clone's main is what both sides now hold; origin the remote to remember."""
    git = ctx.git
    try:
        if commit != ctx.head:
            git.run("update-ref", MAIN, commit, ctx.head or ZERO)
        git.run("update-ref", TRACKING, commit)
        try:
            known = git.text("config", "--local", "--get", "remote.origin.url")
        except GitFailed:
            known = None
        if known != ctx.remote:
            git.run("config", "--local", "remote.origin.url", ctx.remote)
            git.run("config", "--local", "remote.origin.fetch", f"+{MAIN}:{TRACKING}")
        git.run("reset", "-q", "--hard", MAIN)  # the files, for a person to look at
    except GitFailed as e:
        raise SyncError(t("synced, but {path} could not be brought up to date: {error}",
                          path=printable_id(str(git.cwd)), error=e)) from None


def _with_state(side: Side, state: tuple[int, int]) -> Side:
    side.positions, side.read = state
    return side


def _titles(*docs: Raw) -> dict[tuple[str, str], str]:
    """(kind, id) -> the entry's title, to name it when printing the changes."""
    out: dict[tuple[str, str], str] = {}
    for doc in docs:
        for kind, items in doc.items():
            for entry in items if isinstance(items, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    title = entry.get("title")
                    out.setdefault((kind, entry["id"]), title if isinstance(title, str) else "")
    return out
