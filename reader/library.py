"""Bookmarks and notes in library.toml: the reader's own data, so nothing here may lose it.

Every change re-reads the file under a lock and applies just that one change by id, so two
sessions (two SSH logins) never undo each other. The raw TOML tables are edited in place:
keys and entries this version does not understand survive every write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import secrets
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from reader.i18n import plural, t
from reader.storage import atomic_write, locked, toml_text

SCHEMA_VERSION = 1
def _read_only() -> str:
    return t("bookmarks and notes are read-only until it is fixed")
T = TypeVar("T")
Raw = dict[str, Any]
_BAD: Any = object()  # a field that is present but unusable


@dataclass
class Bookmark:
    id: str
    article: str
    title: str
    date: dt.date | None
    paragraph: int
    label: str
    created: dt.datetime


@dataclass
class Note:
    id: str
    article: str
    title: str
    paragraph: int | None
    text: str
    created: dt.datetime
    updated: dt.datetime


class LibraryError(Exception):
    """Base class; str(error) is a one-line message for the user."""


class LibraryReadOnly(LibraryError):
    """library.toml did not parse or is from a newer version: it must not be overwritten."""


class LibrarySaveError(LibraryError):
    """The change could not be written (disk full, read-only folder...); the old file is intact."""


class LibraryNotSaved(LibrarySaveError):
    """Written nowhere yet, but kept in `Library.pending` (and shown) when keep_pending is on:
    the next change or save_pending() writes it once the disk takes it again."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _clean(text: str) -> str:
    """Strings from non-UTF-8 file names carry lone surrogates, which TOML cannot hold."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _as_datetime(value: object) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if value is None or isinstance(value, dt.date) else _BAD


def _as_paragraph(value: object) -> int | None:
    ok = value is None or (type(value) is int and value >= 0)
    return value if ok else _BAD  # type: ignore[return-value]


def _strings(raw: Raw, required: tuple[str, ...], optional: tuple[str, ...]) -> dict | None:
    out = {k: raw.get(k, "") for k in optional} | {k: raw.get(k) for k in required}
    ok = all(isinstance(v, str) for v in out.values()) and bool(out["id"])
    return out if ok else None


def parse_bookmark(raw: object) -> Bookmark | None:
    """A bookmark from its TOML table, or None when a field is missing or unusable."""
    if not isinstance(raw, dict):
        return None
    fields = _strings(raw, ("id", "article"), ("title", "label"))
    created = _as_datetime(raw.get("created"))
    date = _as_date(raw.get("date"))
    paragraph = _as_paragraph(raw.get("paragraph", 0))
    if fields is None or created is None or _BAD in (date, paragraph) or paragraph is None:
        return None
    return Bookmark(date=date, paragraph=paragraph, created=created, **fields)  # type: ignore[arg-type]


def parse_note(raw: object) -> Note | None:
    """A note from its TOML table, or None when a field is missing or unusable."""
    if not isinstance(raw, dict):
        return None
    fields = _strings(raw, ("id", "article", "text"), ("title",))
    created = _as_datetime(raw.get("created"))
    updated = _as_datetime(raw.get("updated", created))
    paragraph = _as_paragraph(raw.get("paragraph"))
    if fields is None or created is None or updated is None or paragraph is _BAD:
        return None
    return Note(paragraph=paragraph, created=created, updated=updated, **fields)  # type: ignore[arg-type]


def read_raw(path: Path) -> tuple[Raw, str | None]:
    """(the parsed document, None) or ({}, why it must be treated as read-only)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as e:
        return {}, t("cannot read {path}: {error}; {rest}", path=path, error=e.strerror or e,
                     rest=_read_only())
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, t("{path} is not UTF-8 text; {rest}", path=path, rest=_read_only())
    except tomllib.TOMLDecodeError as e:
        return {}, t("{path} is not valid TOML: {error}; {rest}", path=path, error=e,
                     rest=_read_only())
    version = raw.get("version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION or isinstance(version, bool):
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        what = (t("{path} was written by a newer kz-reader (version = {version!r}); {rest}")
                if newer else t("{path} has an unknown format (version = {version!r}); {rest}"))
        return {}, what.format(path=path, version=version, rest=_read_only())
    for key in ("bookmarks", "notes"):
        if not isinstance(raw.get(key, []), list):
            return {}, t("{path}: '{key}' is not a list of tables; {rest}", path=path, key=key,
                         rest=_read_only())
    return raw, None


class Library:
    """The bookmarks and notes in one library.toml, as last read from disk."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.bookmarks: list[Bookmark] = []
        self.notes: list[Note] = []
        self.broken: str | None = None
        self.keep_pending = False  # the app keeps refused changes in memory and retries them
        self.pending: list[Callable[[Raw], tuple[object, bool]]] = []
        self.reload()

    def reload(self) -> None:
        """Read the file again; when it is broken, the last good copy stays on screen."""
        raw, self.broken = read_raw(self.path)
        if self.broken is None:
            self._show(raw)

    def _show(self, raw: Raw) -> None:
        self.bookmarks = [b for b in map(parse_bookmark, raw.get("bookmarks", [])) if b]
        self.notes = [n for n in map(parse_note, raw.get("notes", [])) if n]

    def bookmarks_for(self, article: str) -> list[Bookmark]:
        mine = [b for b in self.bookmarks if b.article == article]
        return sorted(mine, key=lambda b: b.paragraph)

    def notes_for(self, article: str) -> list[Note]:
        mine = [n for n in self.notes if n.article == article]
        return sorted(mine, key=lambda n: (n.paragraph is not None, n.paragraph or 0, n.created))

    def bookmark_at(self, article: str, paragraph: int) -> Bookmark | None:
        return next((b for b in self.bookmarks_for(article) if b.paragraph == paragraph), None)

    def _change(self, apply: Callable[[Raw], tuple[T, bool]]) -> T:
        """Lock, re-read what is on disk now, apply one change, write it, show what was written."""
        if self.broken:
            raise LibraryReadOnly(self.broken)
        cannot = t("cannot save bookmarks and notes to {path}", path=self.path)
        try:
            with locked(self.path):
                raw, broken = read_raw(self.path)
                if broken:
                    self.broken = broken
                    raise LibraryReadOnly(broken)
                for earlier in self.pending:  # refused before: first, in their order
                    _replay(earlier, raw)
                result, changed = apply(raw)
                if changed or self.pending:
                    rest = {k: v for k, v in raw.items() if k != "version"}
                    text = toml_text({"version": SCHEMA_VERSION, **rest})
                    raw = tomllib.loads(text)  # never write what we could not read back
                    atomic_write(self.path, text.encode("utf-8"))
        except OSError as e:
            if self.keep_pending:
                self._keep(apply, e)
            raise LibrarySaveError(f"{cannot}: {e.strerror or e}") from e
        except (UnicodeEncodeError, tomllib.TOMLDecodeError) as e:
            raise LibrarySaveError(f"{cannot}: {e}") from e
        self.pending = []
        self._show(raw)
        return result

    def _keep(self, apply: Callable[[Raw], tuple[object, bool]], error: OSError) -> None:
        """Keep a refused change in memory and show it; the file on disk is untouched."""
        if apply is not _nothing:
            self.pending.append(apply)
        raw, broken = read_raw(self.path)
        if broken is None:
            for change in self.pending:
                _replay(change, raw)
            self._show(raw)
        why = t("the disk is full") if error.errno == errno.ENOSPC else (
            error.strerror or str(error))
        count = len(self.pending)
        kept = plural(count, "{n} change kept in memory", "{n} changes kept in memory")
        raise LibraryNotSaved(t("not saved yet: {why} ({path}); {kept}, will retry",
                                why=why, path=self.path, kept=kept)) from error

    def save_pending(self) -> None:
        """Write the changes kept in memory; LibraryNotSaved while the disk still refuses."""
        if self.pending:
            self._change(_nothing)

    @staticmethod
    def _bookmark_entry(
        raw: Raw, article: str, title: str, date: dt.date | None, paragraph: int, label: str,
        entry_id: str | None = None,
    ) -> Raw:
        entry_id = entry_id or _new_id(raw, "b")
        entry: Raw = {"id": entry_id, "article": article, "title": _clean(title)}
        if date is not None:
            entry["date"] = date
        entry.update(paragraph=paragraph, label=_clean(label), created=_now())
        raw.setdefault("bookmarks", []).append(entry)
        return entry

    def add_bookmark(
        self, article: str, title: str, date: dt.date | None, paragraph: int, label: str = ""
    ) -> Bookmark:
        ids: dict[str, str] = {}  # the same id each time the change is applied

        def apply(raw: Raw) -> tuple[Bookmark, bool]:
            new_id = ids.setdefault("id", _new_id(raw, "b"))
            entry = self._bookmark_entry(raw, article, title, date, paragraph, label, new_id)
            return parse_bookmark(entry), True  # type: ignore[return-value]

        return self._change(apply)

    def toggle_bookmark(
        self, article: str, title: str, date: dt.date | None, paragraph: int
    ) -> Bookmark | None:
        """Remove the bookmarks at this paragraph (as on disk now), or add one: None = removed."""
        ids: dict[str, str] = {}

        def apply(raw: Raw) -> tuple[Bookmark | None, bool]:
            entries = raw.get("bookmarks", [])
            at = (article, paragraph)
            here = [
                e for e in entries if (b := parse_bookmark(e)) and (b.article, b.paragraph) == at
            ]
            if here:
                raw["bookmarks"] = [e for e in entries if e not in here]
                return None, True
            new_id = ids.setdefault("id", _new_id(raw, "b"))
            entry = self._bookmark_entry(raw, article, title, date, paragraph, "", new_id)
            return parse_bookmark(entry), True

        return self._change(apply)

    def remove_bookmark(self, bookmark_id: str) -> None:
        """Already gone (deleted in another session) is fine: nothing is written."""
        self._change(lambda raw: (None, _drop(raw, "bookmarks", bookmark_id)))

    def rename_bookmark(self, bookmark_id: str, label: str) -> None:
        def apply(raw: Raw) -> tuple[None, bool]:
            found = _with_id(raw, "bookmarks", bookmark_id)
            if not found:
                raise LibraryError(t("bookmark {id} was removed in another session",
                                     id=bookmark_id))
            for entry in found:
                entry["label"] = _clean(label)
            return None, True

        self._change(apply)

    def save_note(
        self, article: str, title: str, paragraph: int | None, text: str, note_id: str | None = None
    ) -> Note:
        """A new note, or an edit of note_id; an edit of a note deleted elsewhere is kept."""

        ids: dict[str, str] = {}

        def apply(raw: Raw) -> tuple[Note, bool]:
            now = _now()
            found = _with_id(raw, "notes", note_id) if note_id else []
            if not found:  # key order as in DESIGN.md
                keys = dict.fromkeys(("article", "title", "paragraph", "text"))
                new_id = note_id or ids.setdefault("id", _new_id(raw, "n"))
                entry: Raw = {"id": new_id, **keys, "created": now}
                raw.setdefault("notes", []).append(entry)
                found = [entry]
            for entry in found:
                entry.update(article=article, title=_clean(title), paragraph=paragraph)
                entry.update(text=_clean(text), updated=now)
                if paragraph is None:
                    del entry["paragraph"]
                entry.setdefault("created", now)
            return parse_note(found[0]), True  # type: ignore[return-value]

        return self._change(apply)

    def delete_note(self, note_id: str) -> None:
        self._change(lambda raw: (None, _drop(raw, "notes", note_id)))

    def merge(self, bookmarks: list[Bookmark], notes: list[Note]) -> tuple[int, int]:
        """Add an import's entries under one lock; returns (bookmarks added, notes added).

        Same id = the same entry, kept as it is on disk; nor is a second bookmark added at
        an article and paragraph that already has one.
        """

        def apply(raw: Raw) -> tuple[tuple[int, int], bool]:
            entries = raw.get("bookmarks", []) + raw.get("notes", [])
            taken = {e.get("id") for e in entries if isinstance(e, dict)}
            marks = map(parse_bookmark, raw.get("bookmarks", []))
            places = {(b.article, b.paragraph) for b in marks if b}
            added = [0, 0]
            for b in bookmarks:
                if b.id not in taken and (b.article, b.paragraph) not in places:
                    self._bookmark_entry(raw, b.article, b.title, b.date, b.paragraph, b.label)
                    raw["bookmarks"][-1].update(id=b.id, created=b.created.astimezone(dt.UTC))
                    taken.add(b.id)
                    places.add((b.article, b.paragraph))
                    added[0] += 1
            for n in notes:
                if n.id not in taken:
                    entry: Raw = {"id": n.id, "article": n.article, "title": _clean(n.title)}
                    entry |= {} if n.paragraph is None else {"paragraph": n.paragraph}
                    entry |= {"text": _clean(n.text), "created": n.created.astimezone(dt.UTC),
                              "updated": n.updated.astimezone(dt.UTC)}
                    raw.setdefault("notes", []).append(entry)
                    taken.add(n.id)
                    added[1] += 1
            return (added[0], added[1]), any(added)

        return self._change(apply)


def _nothing(raw: Raw) -> tuple[None, bool]:
    return None, False


def _replay(change: Callable[[Raw], tuple[object, bool]], raw: Raw) -> None:
    """A kept change applied again; one that no longer applies (renaming a bookmark deleted
    meanwhile) is dropped rather than blocking every later save."""
    with contextlib.suppress(LibraryError):
        change(raw)


def _with_id(raw: Raw, key: str, entry_id: str) -> list[Raw]:
    return [e for e in raw.get(key, []) if isinstance(e, dict) and e.get("id") == entry_id]


def _drop(raw: Raw, key: str, entry_id: str) -> bool:
    """Remove the entries with this id; True when anything was removed."""
    entries = raw.get(key, [])
    kept = [e for e in entries if not (isinstance(e, dict) and e.get("id") == entry_id)]
    raw[key] = kept
    return len(kept) != len(entries)


def _new_id(raw: Raw, prefix: str) -> str:
    """A fresh "b-"/"n-" + 8 hex id that nothing on disk uses yet."""
    entries = raw.get("bookmarks", []) + raw.get("notes", [])
    taken = {e.get("id") for e in entries if isinstance(e, dict)}
    while (new := f"{prefix}-{secrets.token_hex(4)}") in taken:
        pass
    return new
