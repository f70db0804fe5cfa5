"""A command's side of the watcher (index_watch.py): ask it to take in every change made
so far, instead of looking through the archive. Only the socket's stat when none runs."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SOCKET_MAX = 107  # bytes of a socket's path (sun_path, with its NUL)
PATIENCE = 10.0  # seconds a command waits for a watcher taking in changes, then walks itself
SAY_AFTER = 1.0  # a line on stderr once it has waited this long


def synced(index_path: Path, waiting: Callable[[], None] | None = None) -> bool:
    """True once a watcher answered that the index holds every change made until now;
    False when none answers as it should (the caller walks as usual)."""
    path = socket_path(index_path)
    if not os.path.exists(path):
        return False
    # The C module: socket.py makes enums of every constant it has (~3 ms on a command's
    # path); a connection, send and receive need none of them.
    import _socket

    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    started = time.monotonic()
    try:
        client.settimeout(SAY_AFTER)
        with reachable(path) as where:
            client.connect(where)
        client.sendall(b"sync\n")
        reply = b""
        said = False
        while not reply.endswith(b"\n") and len(reply) < 64:
            try:
                chunk = client.recv(64)
            except TimeoutError:
                waited = time.monotonic() - started
                if waited >= PATIENCE:
                    return False
                if not said and waiting is not None:
                    waiting()
                    said = True
                client.settimeout(min(SAY_AFTER, PATIENCE - waited))
                continue
            if not chunk:
                break
            reply += chunk
        return reply == b"ok\n"
    except OSError:
        return False
    finally:
        client.close()


def socket_path(index_path: Path) -> str:
    """The watcher's socket, beside the index."""
    return f"{index_path}.watch"


@contextlib.contextmanager
def reachable(path: str) -> Iterator[str]:
    """The socket's path as bind and connect take it: they hold 107 bytes, and a user's
    cache folder can be deeper; a longer path is reached through its folder's descriptor
    (/proc/self/fd/N/name, Linux's), which the kernel follows as it would the folder."""
    if len(os.fsencode(path)) <= SOCKET_MAX:
        yield path
        return
    folder = os.open(os.path.dirname(path), os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        yield f"/proc/self/fd/{folder}/{os.path.basename(path)}"
    finally:
        os.close(folder)
