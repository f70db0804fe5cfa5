"""Crash-safe file writes and a cross-process lock for the reader's own data.

Users read over SSH; a dropped connection or a full disk must never leave a half-written
library.toml, and two sessions at once must not interleave their writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from reader.lazy_re import lazy_compile

MAX_TOML_DEPTH = 64  # deeper nesting is refused: tomllib recurses, and no file of ours needs it


def parse_toml(text: str) -> dict[str, Any]:
    """tomllib.loads, but a document nested deeper than MAX_TOML_DEPTH (or than tomllib can
    recurse) is a TOMLDecodeError like any other broken file, never a RecursionError later.
    tomllib loads here, when there is a file to read, not with every module that reads one:
    the app's first start finds none, and tomllib is 2 ms of it."""
    import tomllib

    try:
        doc = tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("nested too deeply") from None
    if _depth(doc) > MAX_TOML_DEPTH:
        raise tomllib.TOMLDecodeError(f"nested more than {MAX_TOML_DEPTH} levels deep")
    return doc


def _depth(value: object) -> int:
    """How deep tables and arrays nest, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(
            item, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if level + 1 > MAX_TOML_DEPTH:
                    return level + 1
                stack.append((child, level + 1))
        deepest = max(deepest, level)
    return deepest


def toml_error() -> tuple[type[ValueError], ...]:
    """For an except clause: (tomllib.TOMLDecodeError,) once tomllib is loaded, else ()
    (then nothing can have raised it). Python evaluates the clause only when something was
    raised, so a missing file is told without loading tomllib."""
    tomllib = sys.modules.get("tomllib")
    return (tomllib.TOMLDecodeError,) if tomllib is not None else ()


def real_path(path: Path) -> Path:
    """The file a symlink points at (so we replace the target, not the link itself)."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _ensure_folder(folder: Path) -> None:
    """Create a missing config folder, private (0700): it will hold notes."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some filesystems refuse to open folders, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one."""
    target = real_path(path)
    folder = target.parent
    _ensure_folder(folder)
    import tempfile  # (only to write: not on the path of a command that only reads)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), mode)  # fchmod ignores the umask, so 0600 really is 0600
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(folder)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive flock on "<name>.lock" beside the real file.

    flock is released by the kernel when the process dies, so no stale lock survives a
    killed session. The lock file is never deleted: deleting it would let two processes
    lock two different inodes.
    """
    target = real_path(path)
    _ensure_folder(target.parent)
    lock_path = target.with_name(target.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class _Zulu(dt.datetime):
    """A UTC datetime that tomli-w writes as 2026-11-25T10:00:00Z, as the README shows."""

    def __str__(self) -> str:
        return self.replace(tzinfo=None).isoformat() + "Z"


def _zulu(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.utcoffset() == dt.timedelta(0):
        v = value
        return _Zulu(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, dt.UTC)
    if isinstance(value, Mapping):
        return {k: _zulu(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_zulu(v) for v in value]
    return value


def _is_table_list(key: str, value: object) -> bool:
    """A list of flat tables under a bare key: written as [[key]] blocks, one per entry."""
    return (
        bool(re.fullmatch(r"[A-Za-z0-9_-]+", key))
        and isinstance(value, list)
        and bool(value)
        and all(
            isinstance(e, Mapping) and not any(isinstance(v, (Mapping, list)) for v in e.values())
            for e in value
        )
    )


def toml_text(doc: Mapping[str, Any]) -> str:
    """TOML by tomli-w, but with UTC datetimes as ...Z and arrays of tables always as [[key]].

    (tomli-w would write a short list of tables inline, which is hard to edit by hand.)
    """
    return BlockCache().render(doc)[0]


class BlockCache:
    """toml_text for a file rewritten after each small change (library.toml): each [[key]]
    block is written and read back once and remembered, so a change to one entry of 10,000
    costs milliseconds, not the seconds that writing and re-parsing all of them took."""

    def __init__(self) -> None:
        self._memo: dict[tuple, tuple[str, dict[str, Any]]] = {}

    def render(self, doc: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """(the text, the document as tomllib reads that text back); TOMLDecodeError if
        some part would not read back: nothing that cannot be read is ever written."""
        import tomllib

        doc = _zulu(doc)
        blocks = {k: v for k, v in doc.items() if _is_table_list(k, v)}
        head = {k: v for k, v in doc.items() if k not in blocks}
        parts = [_dumps(head)]
        written = tomllib.loads(parts[0])
        memo: dict[tuple, tuple[str, dict[str, Any]]] = {}
        for key, entries in blocks.items():
            written[key] = []
            for entry in entries:
                print_ = (key, tuple((k, type(v), v) for k, v in entry.items()))
                known = memo.get(print_) or self._memo.get(print_)
                if known is None:
                    text = f"\n[[{key}]]\n" + _dumps(entry)
                    known = (text, tomllib.loads(text)[key][0])
                memo[print_] = known
                parts.append(known[0])
                written[key].append(dict(known[1]))  # a copy: changes edit tables in place
        self._memo = memo
        return "".join(parts).lstrip("\n"), written


# What TOML allows raw in a string but a terminal would obey when the file is `cat`-ed: C1
# controls (one-byte CSI), bidi controls, line separators; written as \\uXXXX escapes,
# which read back as the same text.
_RAW = lazy_compile("[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _dumps(table: Mapping[str, Any]) -> str:
    """Multi-line strings read best, but tomli-w writes a CR in them as a plain newline,
    which would change a note's text: tables with a CR anywhere use escaped strings. (Every
    string tomli-w writes is a basic one, where \\uXXXX is an escape.)"""
    has_cr = any(isinstance(v, str) and "\r" in v for v in table.values())
    import tomli_w

    text = tomli_w.dumps(table, multiline_strings=not has_cr)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
