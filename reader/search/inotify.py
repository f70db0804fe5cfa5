"""Linux's inotify, through ctypes: the standard library has no binding, and the watcher
(index_watch.py) needs only three calls and the event records' layout.

An OSError for anything the kernel refuses (no inotify: another system; ENOSPC: the user's
watch limit, fs.inotify.max_user_watches, reached).
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys

MODIFY = 0x2
ATTRIB = 0x4
CLOSE_WRITE = 0x8
MOVED_FROM = 0x40
MOVED_TO = 0x80
CREATE = 0x100
DELETE = 0x200
DELETE_SELF = 0x400
MOVE_SELF = 0x800
UNMOUNT = 0x2000
Q_OVERFLOW = 0x4000
IGNORED = 0x8000
ONLYDIR = 0x01000000
DONT_FOLLOW = 0x02000000
EXCL_UNLINK = 0x04000000
ISDIR = 0x40000000

# what a folder of the archive is watched for: a file added, removed, renamed in or out,
# written (in place too), touched; the folder itself moved or removed
FOLDER_EVENTS = (MODIFY | ATTRIB | CLOSE_WRITE | MOVED_FROM | MOVED_TO | CREATE | DELETE
                 | DELETE_SELF | MOVE_SELF | ONLYDIR | DONT_FOLLOW | EXCL_UNLINK)

_HEAD = struct.Struct("iIII")  # wd, mask, cookie, len (then the name, NUL-padded)
_NONBLOCK = os.O_NONBLOCK
_CLOEXEC = os.O_CLOEXEC

Event = tuple[int, int, str]  # watch descriptor, mask, name ("" for the folder itself)


class Inotify:
    """One inotify instance: watches added by path, events read without blocking."""

    def __init__(self) -> None:
        if not sys.platform.startswith("linux"):
            raise OSError(0, "watching needs Linux's inotify")
        self._libc = ctypes.CDLL(None, use_errno=True)
        fd = self._libc.inotify_init1(_NONBLOCK | _CLOEXEC)
        if fd < 0:
            raise _error()
        self.fd: int = fd

    def add(self, path: str, mask: int = FOLDER_EVENTS) -> int:
        """Watch the folder; its watch descriptor (the same again for the same folder, by
        whatever path: the watch is the inode's)."""
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(path), ctypes.c_uint32(mask))
        if wd < 0:
            raise _error(path)
        return int(wd)

    def remove(self, wd: int) -> None:
        self._libc.inotify_rm_watch(self.fd, wd)  # gone already: nothing to do

    def read(self) -> list[Event]:
        """Every event waiting now ([] when none)."""
        events: list[Event] = []
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return events
            at = 0
            while at + _HEAD.size <= len(data):
                wd, mask, _, size = _HEAD.unpack_from(data, at)
                at += _HEAD.size
                name = os.fsdecode(data[at:at + size].rstrip(b"\0"))
                at += size
                events.append((wd, mask, name))

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _error(path: str | None = None) -> OSError:
    code = ctypes.get_errno()
    return OSError(code, os.strerror(code), path)
