"""`kz-reader index --watch`: keep the index up to date as the archive changes, and let
every command ask it to catch up instead of looking through the archive itself.

Without it a command lists each folder whose stamp moved (index_walk.py): at a million
files in folders of 4,500, a scraper's 100 new files and 10 removed cost ~30 ms of the
kernel's time to list twelve folders before the first file is read. As git's fsmonitor
daemon does, the watcher is told by the kernel (inotify) which names changed and looks only
at those (index_changes.py); it sees files edited in place too, which no folder stamp shows.

A command connects to the watcher's socket (beside the index, `<index>.watch`) and sends
`sync`; the watcher takes in every change the kernel queued until then (all that happened
before the command started) and answers `ok`: the index is up to date, and the command
looks through nothing. No watcher, a dead one's socket, a slow or garbled answer: the
command walks as it always did (watch_client.py). A folder added, removed or renamed, or an
overflowed event queue: the watcher walks as a command would, then watches the folders
the index knows.

Linux only (inotify), and not on a network file system: the kernel sees only this
machine's changes there.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import socket
import time
from collections.abc import Callable
from pathlib import Path

from reader.i18n import t
from reader.search import inotify
from reader.search.index import Index
from reader.search.index_changes import add_counts
from reader.search.index_file import UpdateResult, py_id, update_lock
from reader.search.watch_client import SOCKET_MAX, reachable, socket_path

QUIET = 0.2  # seconds without an event before changes are taken in unasked
MOST = 2.0  # ... or at most this long after the first of them, while events keep coming
ASKED_WAIT = 1.0  # how long a command may take to say what it wants
RETRY = 5.0  # seconds before changes that could not be taken in are tried again, unasked
# file systems whose changes from other machines inotify never reports
NETWORK = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "afs", "9p",
           "fuse.sshfs", "fuse.rclone", "davfs", "fuse.davfs2")


class CannotWatch(Exception):
    """Why this archive or index cannot be watched (one line for the user)."""


class Watcher:
    """The watches on an archive's folders and the changes they reported, taken in on
    request (sync) or once the archive has been quiet for QUIET seconds."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.root = os.fspath(index.archive)
        self.notify = inotify.Inotify()
        self.folders: dict[int, str] = {}  # watch descriptor -> folder (relative)
        self.pending: dict[str, set[str]] = {}
        self.walk = False  # a change names alone cannot say: walk as a command would
        self.full = False  # events lost (the kernel's queue overflowed): look at every file
        self.first_event = 0.0
        self.last_event = 0.0
        self.failed: set[str] = set()  # failures said, until changes are taken in again

    def start(self) -> UpdateResult:
        """Bring the index up to date and watch every folder it knows."""
        return self._walk()

    def _walk(self, names: dict[str, set[str]] | None = None, full: bool = False
              ) -> UpdateResult:
        """Walk as a command would, then watch the folders the index knows now. A folder
        watched for the first time is walked again: a file made in it after the walk listed
        it and before the watch began was seen by neither (a change seen by both is taken in
        twice, harmlessly). `names` too, after: an edit in place among them shows in no
        folder's stamp. full: every file looked at (events were lost: an edit in place
        among them is seen by nothing else)."""
        result = self.index.update(wait=True, full=full)
        while self._watch_all():
            add_counts(result, self._update())
        if names:
            add_counts(result, self._update(names))
        return result

    def _update(self, names: dict[str, set[str]] | None = None) -> UpdateResult:
        return self.index.update(wait=True, names=names)

    def _watch_all(self) -> bool:
        """Watch the folders the index knows (a folder renamed keeps its watch: the same
        descriptor comes back for its new path); watches on folders gone are dropped.
        Whether a folder is watched that was not."""
        paths = [py_id(path) for (path,) in self.index.folder_paths()]
        watched: dict[int, str] = {}
        base = os.path.join(self.root, "")
        for rel in paths:
            try:
                if rel:
                    wd = self.notify.add(base + rel)
                else:  # the archive itself may be given as a symlink to it: followed
                    wd = self.notify.add(self.root, inotify.FOLDER_EVENTS & ~inotify.DONT_FOLLOW)
            except OSError as err:
                if err.errno == 28:  # ENOSPC
                    raise CannotWatch(t(
                        "too many folders to watch ({n}): raise fs.inotify.max_user_watches,"
                        " or run kz-reader index from cron", n=len(paths))) from err
                if not rel:
                    raise  # the archive itself: nothing would be seen (tried again later)
                continue  # gone meanwhile, or unreadable: the walk reports it
            watched[wd] = rel
        for wd in set(self.folders) - set(watched):
            self.notify.remove(wd)
        new = any(self.folders.get(wd) != rel for wd, rel in watched.items())
        self.folders = watched
        return new

    def take(self, events: list[inotify.Event]) -> None:
        """Note what the kernel reported."""
        now = time.monotonic()
        for wd, mask, name in events:
            if mask & inotify.Q_OVERFLOW:
                self.walk = self.full = True
                continue
            rel = self.folders.get(wd)
            if rel is None:
                continue  # a watch dropped meanwhile
            if mask & (inotify.DELETE_SELF | inotify.MOVE_SELF | inotify.IGNORED
                       | inotify.UNMOUNT) or mask & inotify.ISDIR:
                self.walk = True
                continue
            self.pending.setdefault(rel, set()).add(name)
        if events:
            if not self.first_event:
                self.first_event = now
            self.last_event = now

    @property
    def due(self) -> float | None:
        """Seconds until pending changes are taken in unasked; None with none pending."""
        if not (self.pending or self.walk):
            return None
        now = time.monotonic()
        return max(0.0, min(self.last_event + QUIET, self.first_event + MOST) - now)

    def sync(self) -> UpdateResult | None:
        """Take in everything the kernel has reported until now; None when nothing had."""
        self.take(self.notify.read())
        if not (self.pending or self.walk):
            return None
        names, walk, full = self.pending, self.walk, self.full
        self.pending, self.walk, self.full = {}, False, False
        self.first_event = self.last_event = 0.0
        try:
            result = self._walk(names, full) if walk else self._update(names)
        except BaseException:
            # not taken in: tried again (walking, the names kept) in RETRY seconds, or when
            # a command asks; not at once, over and over (the archive may be unmounted)
            self.walk = True
            self.full = self.full or full
            for rel, more in names.items():
                self.pending.setdefault(rel, set()).update(more)
            self.first_event = self.last_event = time.monotonic() + RETRY
            raise
        return result

    def close(self) -> None:
        self.notify.close()


def _reason(err: Exception) -> str:
    """An error as a line for the log: `no such file or directory: /srv/archive`."""
    if isinstance(err, OSError) and err.strerror:
        why = err.strerror.lower()
        return f"{why}: {err.filename}" if err.filename else why
    return str(err) or type(err).__name__


def check_local(root: str, mountinfo: str | None = None) -> None:
    """CannotWatch for an archive on a network file system (from /proc/self/mountinfo: the
    mount point nearest above the archive)."""
    if mountinfo is None:
        try:
            with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
                mountinfo = f.read()
        except OSError:
            return
    mounts = mountinfo.splitlines()
    real = os.path.realpath(root)
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        point = fields[4].replace("\\040", " ")
        after = line.split(" - ", 1)[1].split()
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if after and inside and len(point) >= len(best):
            best, kind = point, after[0]
    if kind in NETWORK:
        raise CannotWatch(t("the archive is on a network file system ({kind}): changes made "
                            "on other machines are never reported; run kz-reader index from "
                            "cron instead", kind=kind))


def serve(index: Index, say: Callable[[str], None],
          started: Callable[[UpdateResult, int], None],
          should_stop: Callable[[], bool] = lambda: False) -> None:
    """Watch until stopped (KeyboardInterrupt, or should_stop between events); CannotWatch
    when another watcher has the index, or the socket cannot be made."""
    check_local(os.fspath(index.archive))
    path = socket_path(index.path)
    if len(os.fsencode(os.path.basename(path))) > SOCKET_MAX - 30:
        raise CannotWatch(t("the index's path is too long for a socket: {path}", path=path))
    with update_lock(Path(path), wait=False) as mine:  # (<socket>.lock: one watcher)
        if not mine:
            raise CannotWatch(t("another kz-reader index --watch is watching this archive"))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # a watcher killed before it could remove it
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            old = os.umask(0o177)  # only this user may ask (and a site's owner: its cron job)
            try:
                with reachable(path) as where:
                    server.bind(where)
            finally:
                os.umask(old)
            server.listen(16)
            try:
                watcher = Watcher(index)
            except OSError as err:  # no inotify here, or no instance left for this user
                raise CannotWatch(t("cannot watch the archive: {error}",
                                    error=_reason(err))) from err
            try:
                result = watcher.start()
                started(result, len(watcher.folders))
                _loop(watcher, server, say, should_stop)
            finally:
                watcher.close()
        finally:
            server.close()
            with contextlib.suppress(OSError):
                os.unlink(path)


def _loop(watcher: Watcher, server: socket.socket, say: Callable[[str], None],
          should_stop: Callable[[], bool]) -> None:
    """Events and commands as they come; a command's connection is read when it has said
    something (one that says nothing is closed after ASKED_WAIT, never waited on)."""
    selector = selectors.DefaultSelector()
    selector.register(watcher.notify.fd, selectors.EVENT_READ, "events")
    server.setblocking(False)
    selector.register(server, selectors.EVENT_READ, "server")
    opened: dict[socket.socket, float] = {}  # connected, not yet asked: since when
    try:
        while not should_stop():
            due = watcher.due
            ready = selector.select(min(due, 1.0) if due is not None else 1.0)
            asking: list[socket.socket] = []
            for key, _ in ready:
                if key.data == "events":
                    watcher.take(watcher.notify.read())
                elif key.data == "server":
                    with contextlib.suppress(OSError):
                        client, _ = server.accept()
                        client.setblocking(False)
                        selector.register(client, selectors.EVENT_READ, "client")
                        opened[client] = time.monotonic()
                else:
                    client = key.fileobj  # type: ignore[assignment]
                    selector.unregister(client)
                    del opened[client]
                    try:
                        asked = client.recv(64).strip() == b"sync"
                    except OSError:
                        asked = False
                    if asked:
                        asking.append(client)
                    else:
                        client.close()
            now = time.monotonic()
            for client in [c for c, since in opened.items() if now - since > ASKED_WAIT]:
                selector.unregister(client)
                del opened[client]
                client.close()
            due = watcher.due
            if asking or (due is not None and due <= 0):
                _take_in(watcher, asking, say)
    finally:
        for client in opened:
            client.close()
        selector.close()


def _take_in(watcher: Watcher, asking: list[socket.socket],
             say: Callable[[str], None]) -> None:
    started = time.monotonic()
    try:
        result = watcher.sync()
        answer = b"ok\n"
        watcher.failed.clear()
    except CannotWatch:  # (the watch limit reached by new folders): the watcher stops
        for client in asking:
            client.close()
        raise
    except Exception as err:  # noqa: BLE001  (the asking command walks itself, and says it)
        result = None
        answer = b"error\n"
        line = t("could not take the changes in: {error}", error=_reason(err))
        if line not in watcher.failed:  # once, not every RETRY seconds while it lasts
            say(line)
        watcher.failed.add(line)
    for client in asking:
        with contextlib.suppress(OSError):
            client.sendall(answer)
        client.close()
    if result is not None and (result.added or result.changed or result.removed):
        say(t("{added} added, {changed} changed, {removed} removed in {seconds} s",
              added=result.added, changed=result.changed, removed=result.removed,
              seconds=f"{time.monotonic() - started:.1f}"))
