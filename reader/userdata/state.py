"""Where the reader was: last article, reading positions, read marks (state.toml).

Losing this file costs little, so reading it never fails; writing it is still atomic so a
dropped connection cannot leave half a file behind. Two sessions (two SSH logins) may share
it, so a save is a merge under the file's lock, not an overwrite: per article the position
set last wins (when each was set is kept in [seen]), read marks add up, and the saving
session's last article and theme win only if it chose them itself.

    last_article = "2026/a.txt"
    theme = "nord"
    read = ["2026/a.txt"]

    [positions]
    "2026/a.txt" = 7

    [seen]
    "2026/a.txt" = 2026-11-25T10:00:00.123456Z

A file without [seen] (older versions) still loads: its positions count as older than any
set since.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from reader.archive.walk import is_article_name
from reader.userdata.files import (
    atomic_write,
    locked,
    parse_toml,
    real_path,
    toml_error,
    toml_text,
)
from reader.userdata.stored_id import decode_id, encode_id

_OWN = ("last_article", "theme")  # fields where the saving session's own choice wins


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Positions(dict[str, int]):
    """article id -> paragraph index, remembering when each entry was set: the app just
    assigns `positions[id] = n`, and a save needs to know whose position is newer."""

    def __init__(self, items: Mapping[str, int] | Iterable[tuple[str, int]] = (), /,
                 **kwargs: int) -> None:
        super().__init__()
        self.update(items, **kwargs)

    @property
    def set_at(self) -> dict[str, dt.datetime]:
        """When each entry was set (UTC); an entry without a time is older than any with."""
        return self.__dict__.setdefault("_set_at", {})

    def __setitem__(self, key: str, value: int) -> None:
        super().__setitem__(key, value)
        self.set_at[key] = _now()

    def update(self, items: Any = (), /, **kwargs: int) -> None:  # type: ignore[override]
        for key, value in dict(items, **kwargs).items():
            self[key] = value

    def setdefault(self, key: str, default: int) -> int:  # type: ignore[override]
        if key not in self:
            self[key] = default
        return self[key]

    def __ior__(self, other: Any) -> Positions:  # type: ignore[override]
        self.update(other)
        return self

    def _set_known(self, key: str, value: int, when: dt.datetime | None) -> None:
        """An entry as read from disk: its own time (or none), not now."""
        super().__setitem__(key, value)
        if when is None:
            self.set_at.pop(key, None)
        else:
            self.set_at[key] = when


class ReadingState:
    """Where the reader is. A plain class: a dataclass costs the app's start a millisecond or
    more to make."""

    _FIELDS = ("last_article", "positions", "read", "theme")

    def __init__(self, last_article: str | None = None,
                 positions: Mapping[str, int] | None = None, read: set[str] | None = None,
                 theme: str | None = None) -> None:
        self.last_article = last_article
        self.positions: dict[str, int] = positions if positions is not None else {}  # id -> ¶
        self.read: set[str] = read if read is not None else set()
        self.theme = theme

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"ReadingState({inner})"

    def __setattr__(self, name: str, value: Any) -> None:
        """Note what this session set itself; any positions dict becomes a Positions."""
        if name == "positions" and not isinstance(value, Positions):
            value = Positions(value)
        elif name in _OWN:
            self.__dict__.setdefault("_own", set()).add(name)
        object.__setattr__(self, name, value)

    def _own_choice(self, name: str) -> str | None:
        """The session's own last_article/theme, if it set one since loading or saving."""
        if name in self.__dict__.get("_own", ()):
            return getattr(self, name)
        return None

    def _synced(self) -> ReadingState:
        """Forget what was set here: it is on disk now (or came from there)."""
        self.__dict__["_own"] = set()
        return self


def _valid_id(article_id: str) -> bool:
    """A relative POSIX path of a *.txt inside the archive, as the scan makes them; anything
    else (an absolute path, '..') would make the app open a file outside the archive."""
    if "\0" in article_id or not is_article_name(article_id):
        return False
    return all(part not in ("", ".", "..") for part in article_id.split("/"))


def _load_id(stored: object) -> str | None:
    if not isinstance(stored, str):
        return None
    article_id = decode_id(stored)
    return article_id if article_id is not None and _valid_id(article_id) else None


def _store_id(article_id: str) -> str | None:
    """The id as state.toml holds it (non-UTF-8 names escaped); None if it is not one."""
    if not _valid_id(article_id):
        return None
    try:
        return encode_id(article_id)
    except ValueError:  # a lone surrogate that no file name byte makes
        return None


def _storable(text: str) -> bool:
    """A theme with lone surrogates cannot go into TOML."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _writable(name: str, value: str | None) -> bool:
    """Whether a last_article/theme value would be written (one that would not is no choice)."""
    if value is None:
        return False
    return _store_id(value) is not None if name == "last_article" else _storable(value)


def _stamp(value: object, now: dt.datetime) -> dt.datetime | None:
    """A [seen] time; a local (zone-less) one, or one in the future, is not believed."""
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        return None
    value = value.astimezone(dt.UTC)
    return value if value <= now else None


def _from_toml(raw: dict[str, Any]) -> ReadingState:
    positions, table, seen, now = Positions(), raw.get("positions"), raw.get("seen"), _now()
    seen = seen if isinstance(seen, dict) else {}
    if isinstance(table, dict):
        for stored, value in table.items():
            article_id = _load_id(stored)
            if article_id is not None and type(value) is int and value >= 0:
                positions._set_known(article_id, value, _stamp(seen.get(stored), now))
    read = raw.get("read")
    theme = raw.get("theme")
    return ReadingState(
        last_article=_load_id(raw.get("last_article")),
        positions=positions,
        read={i for i in map(_load_id, read) if i is not None} if isinstance(read, list) else set(),
        theme=theme if isinstance(theme, str) else None,
    )._synced()


def load_state(path: Path) -> ReadingState:
    """The saved state; anything missing, broken, of the wrong type or no archive id (an
    absolute path, '..') is just left out."""
    try:
        raw = parse_toml(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, *toml_error()):
        return ReadingState()
    return _from_toml(raw)


def _merge(disk: ReadingState, mine: ReadingState) -> ReadingState:
    """Per article the newer position; read marks of both; my last article and theme if I
    chose them, else the file's (else mine)."""
    out = Positions()
    for article_id, value in disk.positions.items():
        out._set_known(article_id, value, _times(disk).get(article_id))
    for article_id, value in mine.positions.items():
        when, theirs = _times(mine).get(article_id), out.set_at.get(article_id)
        if article_id not in out or (when is not None and (theirs is None or when > theirs)):
            out._set_known(article_id, value, when)
    merged = ReadingState(positions=out, read=disk.read | mine.read)
    for name in _OWN:
        choices = (mine._own_choice(name), getattr(disk, name), getattr(mine, name))
        setattr(merged, name, next((c for c in choices if _writable(name, c)), None))
    return merged._synced()


def _toml(state: ReadingState) -> bytes:
    doc: dict[str, object] = {}
    if state.last_article is not None:
        stored = _store_id(state.last_article)
        if stored is not None:
            doc["last_article"] = stored
    if state.theme is not None and _storable(state.theme):
        doc["theme"] = state.theme
    doc["read"] = sorted(s for s in map(_store_id, state.read) if s is not None)
    positions: dict[str, int] = {}
    seen: dict[str, dt.datetime] = {}
    set_at = _times(state)
    for article_id, value in state.positions.items():
        stored = _store_id(article_id)
        if stored is None or type(value) is not int or value < 0:
            continue
        positions[stored] = value
        if article_id in set_at:
            seen[stored] = set_at[article_id]
    doc["positions"] = dict(sorted(positions.items()))
    doc["seen"] = dict(sorted(seen.items()))
    return toml_text(doc).encode("utf-8")


def _adopt(state: ReadingState, merged: ReadingState) -> None:
    """The merged state into the session's, in place: the list widget holds the same
    positions dict and read set."""
    for name in _OWN:
        object.__setattr__(state, name, getattr(merged, name))
    state.read |= merged.read
    positions = state.positions
    if isinstance(positions, Positions):
        for article_id, value in merged.positions.items():
            positions._set_known(article_id, value, _times(merged).get(article_id))
    state._synced()


def _times(state: ReadingState) -> dict[str, dt.datetime]:
    positions = state.positions  # always a Positions: ReadingState.__setattr__ sees to it
    return positions.set_at if isinstance(positions, Positions) else {}


# A signal handler may save while this very thread is inside a save (reader/tui/signals.py: a
# signal outside the event loop, or a second one): flock on a second descriptor would then
# wait for ourselves for ever, and the handler never returns to finish the first. So
# saves in one process take turns on an RLock, and a nested one reuses the held flock.
_saving = threading.RLock()
_held: set[Path] = set()


def save_state(path: Path, state: ReadingState) -> None:
    """Merge `state` into state.toml under its lock and write it atomically (mode 0600);
    `state` then holds the merged result. Raises OSError, the caller decides what to say."""
    path = Path(path)
    with _saving:
        key = real_path(path)
        if key in _held:  # a signal handler inside our own save of this file: flock is ours
            _save_locked(path, state)
            return
        with locked(path):
            _held.add(key)
            try:
                _save_locked(path, state)
            finally:
                _held.discard(key)


def _save_locked(path: Path, state: ReadingState) -> None:
    merged = _merge(load_state(path), state)  # a broken file is an empty one: overwritten
    atomic_write(path, _toml(merged))
    _adopt(state, merged)


def sync_state(path: Path, merge: Callable[[dict[str, Any]], dict[str, Any]]) -> ReadingState:
    """A sync's merge (userdata/sync_repo.py) under the file's lock, like every save:
    merge(the table on disk now; {} when missing or broken, as for every save) returns the
    new table, written atomically in this module's format (ids that are no article left
    out) when it differs from the file. Returns the state as written. Raises OSError."""
    path = Path(path)
    with _saving:
        key = real_path(path)
        if key in _held:
            return _sync_locked(path, merge)
        with locked(path):
            _held.add(key)
            try:
                return _sync_locked(path, merge)
            finally:
                _held.discard(key)


def _sync_locked(path: Path, merge: Callable[[dict[str, Any]], dict[str, Any]]) -> ReadingState:
    try:
        old = path.read_bytes()
        raw = parse_toml(old.decode("utf-8"))
    except (OSError, UnicodeDecodeError, *toml_error()):
        old, raw = b"", {}
    state = _from_toml(merge(raw))
    text = _toml(state)
    if text != old:
        atomic_write(path, text)
    return state
