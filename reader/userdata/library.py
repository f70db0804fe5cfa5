"""Bookmarks, notes and highlights in library.toml: the reader's own data, so nothing here
may lose it.

Every change re-reads the file under a lock and applies just that one change by id, so two
sessions (two SSH logins) never undo each other. The raw TOML tables are edited in place:
keys and entries this version does not understand survive every write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from reader.i18n import plural, t
from reader.userdata.entries import (
    KINDS,
    READERS,
    Bookmark,
    Entry,
    Highlight,
    Note,
    Raw,
    Unusable,
    anchor_fields,
    clean,
    clean_tag,
    drop,
    fresh_id,
    now,
    parse_bookmark,
    parse_highlight,
    parse_note,
    to_table,
    with_id,
)
from reader.userdata.files import (
    BlockCache,
    atomic_write,
    locked,
    parse_toml,
    real_path,
    toml_error,
)
from reader.userdata.selectors import Anchor, Span
from reader.userdata.stored_id import encode_id

SCHEMA_VERSION = 1
def _read_only() -> str:
    return t("bookmarks and notes are read-only until it is fixed")
T = TypeVar("T")


class LibraryError(Exception):
    """Base class; str(error) is a one-line message for the user."""


class LibraryReadOnly(LibraryError):
    """library.toml did not parse or is from a newer version: it must not be overwritten."""


class LibrarySaveError(LibraryError):
    """The change could not be written (disk full, read-only folder...); the old file is intact."""


class LibraryNotSaved(LibrarySaveError):
    """Written nowhere yet, but kept in `Library.pending` (and shown) when keep_pending is on:
    the next change or save_pending() writes it once the disk takes it again."""


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
        raw = parse_toml(data.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, t("{path} is not UTF-8 text; {rest}", path=path, rest=_read_only())
    except toml_error() as e:
        return {}, t("{path} is not valid TOML: {error}; {rest}", path=path, error=e,
                     rest=_read_only())
    version = raw.get("version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION or isinstance(version, bool):
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        what = (t("{path} was written by a newer kz-reader (version = {version!r}); {rest}")
                if newer else t("{path} has an unknown format (version = {version!r}); {rest}"))
        return {}, Lasting(what.format(path=path, version=version, rest=_read_only()))
    for key in KINDS:
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
        self.highlights: list[Highlight] = []
        self.skipped: list[str] = []  # why each unusable entry is left out (kept on disk)
        self.broken: str | None = None
        self.keep_pending = False  # the app keeps refused changes in memory and retries them
        self.pending: list[Callable[[Raw], tuple[object, bool]]] = []
        self._disk: tuple[tuple[int, ...], Raw] | None = None  # (stat stamp, doc) last seen
        self._blocks = BlockCache()
        self._busy = threading.Lock()  # a change and prepare() in a thread take turns
        self.reload()

    def reload(self) -> None:
        """Read the file again; when it is broken, the last good copy stays on screen."""
        raw, self.broken = self._read()
        if self.broken is None:
            self._show_with_pending(raw)

    def _show_with_pending(self, raw: Raw) -> None:
        """The file's entries, with the changes kept in memory applied over a copy."""
        if self.pending:
            raw = _copy(raw)
            for change in self.pending:
                _replay(change, raw)
        self._show(raw)

    def _read(self) -> tuple[Raw, str | None]:
        """What is on disk now; not read again (2 MB of TOML at 10,000 entries) when the file
        is the very one last read or written here: same inode, size, mtime and ctime."""
        stamp = _stamp(self.path)
        if stamp is not None and self._disk is not None and self._disk[0] == stamp:
            return self._disk[1], None
        raw, broken = read_raw(self.path)
        self._disk = (stamp, raw) if stamp is not None and broken is None else None
        return raw, broken

    def _show(self, raw: Raw) -> None:
        """The lists, replaced at once (a sync in the app's thread shows its result while
        the screen may be reading them)."""
        lists: dict[str, list] = {"bookmarks": [], "notes": [], "highlights": []}
        skipped: list[str] = []
        for key, out in lists.items():
            read = READERS[key]
            for entry in raw.get(key, []):
                try:
                    out.append(read(entry))  # type: ignore[arg-type]
                except Unusable as why:
                    skipped.append(str(why))
        self.bookmarks, self.notes, self.highlights, self.skipped = (
            lists["bookmarks"], lists["notes"], lists["highlights"], skipped)

    def entries(self) -> list[Entry]:
        return [*self.bookmarks, *self.notes, *self.highlights]

    def tags(self) -> list[str]:
        """Every tag in use, in Kazakh alphabetical order of first use's spelling."""
        return sorted({t for e in self.entries() for t in e.tags}, key=str.casefold)
    def bookmarks_for(self, article: str) -> list[Bookmark]:
        mine = [b for b in self.bookmarks if b.article == article]
        return sorted(mine, key=lambda b: b.paragraph)

    def notes_for(self, article: str) -> list[Note]:
        mine = [n for n in self.notes if n.article == article]
        return sorted(mine, key=lambda n: (n.paragraph is not None, n.paragraph or 0, n.created))

    def highlights_for(self, article: str) -> list[Highlight]:
        mine = [h for h in self.highlights if h.article == article]
        return sorted(mine, key=lambda h: (h.span.paragraph, h.span.offset, h.created))

    def _change(self, apply: Callable[[Raw], tuple[T, bool]]) -> T:
        """Lock, re-read what is on disk now, apply one change, write it, show what was written.

        A change the file or the disk refuses (broken by hand, full, read-only) is kept in
        memory when keep_pending is on, shown, and written with the next change or retry."""
        if isinstance(self.broken, Lasting):
            raise LibraryReadOnly(self.broken)
        cannot = t("cannot save bookmarks and notes to {path}", path=self.path)
        try:
            still = self._read()[1] if self.broken else None
            if still:  # still broken: not even a lock file is made
                raise LibraryReadOnly(still)
            with self._busy, locked(self.path):
                raw, broken = self._read()
                self.broken = broken
                if broken:
                    raise LibraryReadOnly(broken)
                self._disk = None  # applied in place: the cached copy is no longer the file
                for earlier in self.pending:  # refused before: first, in their order
                    _replay(earlier, raw)
                result, changed = apply(raw)
                if changed or self.pending:
                    raw = self._write(raw)
        except LibraryReadOnly as e:
            if self.keep_pending and not isinstance(e.args[0], Lasting):
                self._keep(apply, str(e))
            raise
        except OSError as e:
            if self.keep_pending:
                why = t("the disk is full") if e.errno == errno.ENOSPC else (e.strerror or str(e))
                self._keep(apply, f"{why} ({self.path})")
            raise LibrarySaveError(f"{cannot}: {e.strerror or e}") from e
        except (UnicodeEncodeError, *toml_error()) as e:
            raise LibrarySaveError(f"{cannot}: {e}") from e
        self.pending = []
        self._show(raw)
        return result

    def prepare(self) -> None:
        """Write out (in memory) every entry's block once, so the first change costs what
        later ones do; for a thread after start-up (0.7 s at 10,000 entries)."""
        with self._busy:
            if self._disk is not None:
                rest = {k: v for k, v in self._disk[1].items() if k != "version"}
                import tomllib  # (render loads it anyway)

                with contextlib.suppress(tomllib.TOMLDecodeError, UnicodeEncodeError):
                    self._blocks.render({"version": SCHEMA_VERSION, **rest})

    def _write(self, raw: Raw) -> Raw:
        """Write the document; returns it as read back (never write what we cannot read)."""
        rest = {k: v for k, v in raw.items() if k != "version"}
        text, written = self._blocks.render({"version": SCHEMA_VERSION, **rest})
        atomic_write(self.path, text.encode("utf-8"))
        stamp = _stamp(self.path)
        self._disk = (stamp, written) if stamp is not None else None
        return written

    def _keep(self, apply: Callable[[Raw], tuple[object, bool]], why: str) -> None:
        """Keep a refused change in memory and show it; the file on disk is untouched."""
        if apply is not _nothing:
            self.pending.append(apply)
        self._disk = None
        raw, broken = read_raw(self.path)
        if broken is None:
            self._show_with_pending(raw)
        elif apply is not _nothing:  # unreadable: the last good lists plus this new change
            shown = {"bookmarks": [_entry(b) for b in self.bookmarks],
                     "notes": [_entry(n) for n in self.notes],
                     "highlights": [_entry(h) for h in self.highlights]}
            for change in self.pending[-1:]:
                _replay(change, shown)
            self.bookmarks = [b for b in map(parse_bookmark, shown["bookmarks"]) if b]
            self.notes = [n for n in map(parse_note, shown["notes"]) if n]
            self.highlights = [h for h in map(parse_highlight, shown["highlights"]) if h]
        count = len(self.pending)
        kept = plural(count, "{n} change kept in memory", "{n} changes kept in memory")
        raise LibraryNotSaved(t("not saved yet: {why}; {kept}, will retry", why=why,
                                kept=kept)) from None

    def save_pending(self) -> None:
        """Write the changes kept in memory; LibraryNotSaved while the disk still refuses."""
        if self.pending:
            self._change(_nothing)

    @staticmethod
    def _bookmark_entry(
        raw: Raw, article: str, title: str, date: dt.date | None, paragraph: int, label: str,
        entry_id: str | None = None, anchor: Anchor | None = None,
    ) -> Raw:
        entry_id = entry_id or fresh_id(raw, "b")
        entry: Raw = {"id": entry_id, "article": encode_id(article), "title": clean(title)}
        if date is not None:
            entry["date"] = date
        entry.update(paragraph=paragraph, label=clean(label))
        entry |= anchor_fields(anchor) if anchor is not None else {}
        entry["created"] = now()
        raw.setdefault("bookmarks", []).append(entry)
        return entry

    def add_bookmark(
        self, article: str, title: str, date: dt.date | None, paragraph: int, label: str = "",
        anchor: Anchor | None = None,
    ) -> Bookmark:
        ids: dict[str, str] = {}  # the same id each time the change is applied

        def apply(raw: Raw) -> tuple[Bookmark, bool]:
            new_id = ids.setdefault("id", fresh_id(raw, "b"))
            entry = self._bookmark_entry(raw, article, title, date, paragraph, label, new_id,
                                         anchor)
            return parse_bookmark(entry), True  # type: ignore[return-value]

        return self._change(apply)

    def toggle_bookmark(
        self, article: str, title: str, date: dt.date | None, paragraph: int,
        anchor: Anchor | None = None, elsewhere: frozenset[str] = frozenset(),
    ) -> Bookmark | None:
        """Remove the bookmarks at this paragraph (as on disk now), or add one: None = removed.
        elsewhere: ids of bookmarks known not to be here whatever number they hold (orphaned:
        their paragraph was removed, and a new one took its number)."""
        ids: dict[str, str] = {}

        def apply(raw: Raw) -> tuple[Bookmark | None, bool]:
            entries = raw.get("bookmarks", [])
            at = (article, paragraph)
            here = [  # (the paragraph compared first: parsing 10,000 entries takes a while)
                e for e in entries if isinstance(e, dict) and e.get("paragraph", 0) == paragraph
                and (b := parse_bookmark(e)) and (b.article, b.paragraph) == at
                and b.id not in elsewhere
            ]
            if here:
                raw["bookmarks"] = [e for e in entries if not any(e is h for h in here)]
                return None, True
            new_id = ids.setdefault("id", fresh_id(raw, "b"))
            entry = self._bookmark_entry(raw, article, title, date, paragraph, "", new_id,
                                         anchor)
            return parse_bookmark(entry), True

        return self._change(apply)

    def remove_bookmark(self, bookmark_id: str) -> None:
        """Already gone (deleted in another session) is fine: nothing is written."""
        self._change(lambda raw: (None, drop(raw, "bookmarks", bookmark_id)))

    def rename_bookmark(self, bookmark_id: str, label: str) -> None:
        def apply(raw: Raw) -> tuple[None, bool]:
            found = with_id(raw, "bookmarks", bookmark_id)
            if not found:
                raise LibraryError(t("bookmark {id} was removed in another session",
                                     id=bookmark_id))
            for entry in found:
                entry["label"] = clean(label)
                _settled(entry, "bookmarks")
            return None, True

        self._change(apply)

    def save_note(
        self, article: str, title: str, paragraph: int | None, text: str,
        note_id: str | None = None, anchor: Anchor | None = None,
    ) -> Note:
        """A new note, or an edit of note_id; an edit of a note deleted elsewhere is kept."""

        ids: dict[str, str] = {}

        def apply(raw: Raw) -> tuple[Note, bool]:
            moment = now()
            found = with_id(raw, "notes", note_id) if note_id else []
            if not found:  # key order as in the README
                keys = dict.fromkeys(("article", "title", "paragraph", "text"))
                new_id = note_id or ids.setdefault("id", fresh_id(raw, "n"))
                entry: Raw = {"id": new_id, **keys, "created": moment}
                raw.setdefault("notes", []).append(entry)
                found = [entry]
            for entry in found:
                entry.update(article=encode_id(article), title=clean(title),
                             paragraph=paragraph)
                entry.update(text=clean(text), updated=moment)
                _settled(entry, "notes")
                if anchor is not None:
                    entry.update(anchor_fields(anchor))
                if paragraph is None:
                    del entry["paragraph"]
                entry.setdefault("created", moment)
            return parse_note(found[0]), True  # type: ignore[return-value]

        return self._change(apply)

    def delete_note(self, note_id: str) -> None:
        self._change(lambda raw: (None, drop(raw, "notes", note_id)))

    def add_highlight(self, article: str, title: str, date: dt.date | None, span: Span,
                      anchor: Anchor, note: str = "", tags: tuple[str, ...] = ()) -> Highlight:
        ids: dict[str, str] = {}

        def apply(raw: Raw) -> tuple[Highlight, bool]:
            moment = now()
            entry: Raw = {"id": ids.setdefault("id", fresh_id(raw, "h")),
                          "article": encode_id(article), "title": clean(title)}
            entry |= {"date": date} if date is not None else {}
            entry |= {"paragraph": span.paragraph, "offset": span.offset,
                      "end_paragraph": span.end_paragraph, "end_offset": span.end_offset}
            entry |= anchor_fields(anchor)
            entry |= {"note": clean(note)} if note else {}
            entry |= {"tags": list(tags)} if tags else {}
            entry |= {"created": moment, "updated": moment}
            raw.setdefault("highlights", []).append(entry)
            return parse_highlight(entry), True  # type: ignore[return-value]

        return self._change(apply)

    def note_highlight(self, highlight_id: str, text: str) -> None:
        """The note on a highlight ("" removes it); a highlight deleted elsewhere is an error."""
        def apply(raw: Raw) -> tuple[None, bool]:
            found = with_id(raw, "highlights", highlight_id)
            if not found:
                raise LibraryError(t("highlight {id} was removed in another session",
                                     id=highlight_id))
            for entry in found:
                if text.strip():
                    entry["note"] = clean(text)
                else:
                    entry.pop("note", None)
                entry["updated"] = now()
                _settled(entry, "highlights")
            return None, True

        self._change(apply)

    def delete_highlight(self, highlight_id: str) -> None:
        self._change(lambda raw: (None, drop(raw, "highlights", highlight_id)))

    def set_tags(self, kind: str, entry_id: str, tags: list[str]) -> tuple[str, ...]:
        """Replace an entry's tags (kind: "bookmarks", "notes" or "highlights"); each cleaned
        (entries.clean_tag), empty ones and repeats dropped. Returns what was stored."""
        kept = tuple(dict.fromkeys(c for c in map(clean_tag, tags) if c))

        def apply(raw: Raw) -> tuple[tuple[str, ...], bool]:
            found = with_id(raw, kind, entry_id)
            if not found:
                raise LibraryError(t("{kind} {id} was removed in another session",
                                     kind=t(kind.rstrip("s")), id=entry_id))
            changed = False
            for entry in found:
                if tuple(entry.get("tags", ())) != kept:
                    changed = True
                    if kept:
                        entry["tags"] = list(kept)
                    else:
                        entry.pop("tags", None)
            return kept, changed

        return self._change(apply)

    def reanchor(self, fixes: list[Fix]) -> int:
        """Write re-found places back, all in one change: each only where the entry still
        points where it did when it was resolved (another session may have moved it since).
        Returns how many entries changed."""
        if not fixes or isinstance(self.broken, Lasting) or self.broken:
            return 0

        def apply(raw: Raw) -> tuple[int, bool]:
            count = 0
            for fix in fixes:
                for entry in with_id(raw, fix.kind, fix.id):
                    now_at = {k: entry.get(k) for k in fix.was}
                    if now_at == fix.was and any(entry.get(k) != v
                                                 for k, v in fix.fields.items()):
                        entry.update(fix.fields)
                        count += 1
            return count, count > 0

        return self._change(apply)

    def merge(self, bookmarks: list[Bookmark], notes: list[Note],
              highlights: list[Highlight] | None = None) -> tuple[int, ...]:
        """Add an import's entries under one lock; returns (bookmarks added, notes added),
        and highlights added when highlights were given.

        Same id = the same entry, kept as it is on disk; nor is a second bookmark added at
        an article and paragraph that already has one.
        """

        def apply(raw: Raw) -> tuple[tuple[int, ...], bool]:
            taken = {e.get("id") for key in KINDS for e in raw.get(key, [])
                     if isinstance(e, dict)}
            marks = map(parse_bookmark, raw.get("bookmarks", []))
            places = {(b.article, b.paragraph) for b in marks if b}
            added = [0, 0, 0]
            for b in bookmarks:
                if b.id not in taken and (b.article, b.paragraph) not in places:
                    raw.setdefault("bookmarks", []).append(to_table(b))
                    taken.add(b.id)
                    places.add((b.article, b.paragraph))
                    added[0] += 1
            for n, key, items in ((1, "notes", notes), (2, "highlights", highlights or [])):
                for item in items:
                    if item.id not in taken:
                        raw.setdefault(key, []).append(to_table(item))
                        taken.add(item.id)
                        added[n] += 1
            return tuple(added if highlights is not None else added[:2]), any(added)

        return self._change(apply)

    def apply_sync(self, merge: Callable[[Raw], Raw]) -> Raw:
        """A sync's merge (userdata/sync_repo.py) under the lock, like every change: the file
        re-read, merge(a copy of what is on disk now) returns the whole new document, written
        atomically if it differs. A broken or newer file is refused (LibraryReadOnly) and
        never written; nothing is kept in memory to retry. Returns the document on disk."""
        if isinstance(self.broken, Lasting):
            raise LibraryReadOnly(self.broken)
        cannot = t("cannot save bookmarks and notes to {path}", path=self.path)
        try:
            with self._busy, locked(self.path):
                raw, broken = self._read()
                if broken:
                    self.broken = broken
                    raise LibraryReadOnly(broken)
                new = merge(_copy(raw))
                if new != raw:
                    self._disk = None
                    raw = self._write(new)
        except OSError as e:
            raise LibrarySaveError(f"{cannot}: {e.strerror or e}") from e
        except (UnicodeEncodeError, *toml_error()) as e:
            raise LibrarySaveError(f"{cannot}: {e}") from e
        self.broken = None
        self._show_with_pending(raw)
        return raw


class Fix(NamedTuple):
    """What resolve.py re-found for one entry: the fields to write (article, paragraph,
    offsets, anchor), and what the entry held when it was read (was), so a change made
    meanwhile in another session is not overwritten."""

    kind: str
    id: str
    was: dict
    fields: dict


class Lasting(str):
    """Why library.toml is read-only for good (a newer version's file): nothing is kept to
    be written later, unlike a file that is only broken until someone mends it."""


def _stamp(path: Path) -> tuple[int, ...] | None:
    try:
        st = real_path(path).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _copy(raw: Raw) -> Raw:
    """Deep enough for a change to apply: the lists and their tables are new."""
    return {k: [dict(e) if isinstance(e, dict) else e for e in v] if isinstance(v, list) else v
            for k, v in raw.items()}


def _entry(item: Entry) -> Raw:
    """An entry back as its table (for showing kept changes over a file that cannot be read)."""
    return to_table(item)


def _settled(entry: Raw, kind: str) -> None:
    """After the reader edited an entry's text: `conflict` (a sync's, sync_merge.py) goes
    once no text of it holds the two machines' versions any more."""
    if not entry.get("conflict"):
        return  # (the merge code loads only for an entry a sync marked)
    from reader.userdata.sync_merge import settle_conflict

    settled = settle_conflict(kind, entry)
    if settled is not entry:
        entry.clear()
        entry.update(settled)


def _nothing(raw: Raw) -> tuple[None, bool]:
    return None, False


def _replay(change: Callable[[Raw], tuple[object, bool]], raw: Raw) -> None:
    """A kept change applied again; one that no longer applies (renaming a bookmark deleted
    meanwhile) is dropped rather than blocking every later save."""
    with contextlib.suppress(LibraryError):
        change(raw)
