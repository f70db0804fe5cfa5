"""One bookmark, note or highlight as library.toml holds it: the classes, and reading a
TOML table into one, field by field. Every field is untrusted (hand edits, other tools, other
versions): a table with an unusable field is refused with the field's name, never guessed.

Each entry may keep what it points at (anchors.Anchor: `quote`, `prefix`, `suffix`,
`text_hash`; absent in an entry an earlier version wrote) and `tags`; `conflict = true`
when a sync kept two machines' versions of its text (userdata/sync_merge.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reader.i18n import t
from reader.lazy_re import lazy_compile
from reader.plain_record import PlainRecord
from reader.terminal_text import printable_id, terminal_safe
from reader.userdata.selectors import Anchor, Span
from reader.userdata.stored_id import decode_id, encode_id

Raw = dict[str, Any]
_BAD: Any = object()  # a field that is present but unusable
_SURROGATE = lazy_compile("[\ud800-\udfff]")


ANCHOR_KEYS = ("quote", "prefix", "suffix", "text_hash")
MAX_TAG = 64  # characters of one tag


class Bookmark(PlainRecord):
    """A paragraph kept with a label. Plain classes, not dataclasses: these three load with
    the app, and making a dataclass costs its start ~2M instructions (0.5 ms) each."""

    _FIELDS = ("id", "article", "title", "date", "paragraph", "label", "created", "anchor",
               "tags", "conflict")

    def __init__(self, id: str, article: str, title: str, date: dt.date | None,
                 paragraph: int, label: str, created: dt.datetime,
                 anchor: Anchor | None = None, tags: tuple[str, ...] = (),
                 conflict: bool = False) -> None:
        self.id = id
        self.article = article
        self.title = title
        self.date = date
        self.paragraph = paragraph
        self.label = label
        self.created = created
        self.anchor = anchor
        self.tags = tags
        self.conflict = conflict  # the label holds two machines' versions (sync)


class Note(PlainRecord):
    """What the reader wrote on a paragraph (paragraph None: on the whole article)."""

    _FIELDS = ("id", "article", "title", "paragraph", "text", "created", "updated", "anchor",
               "tags", "conflict")

    def __init__(self, id: str, article: str, title: str, paragraph: int | None, text: str,
                 created: dt.datetime, updated: dt.datetime, anchor: Anchor | None = None,
                 tags: tuple[str, ...] = (), conflict: bool = False) -> None:
        self.id = id
        self.article = article
        self.title = title
        self.paragraph = paragraph
        self.text = text
        self.created = created
        self.updated = updated
        self.anchor = anchor
        self.tags = tags
        self.conflict = conflict  # the text holds two machines' versions (sync)


class Highlight(PlainRecord):
    """A passage, from (paragraph, offset) to (end_paragraph, end_offset), its quote the
    passage's text; note: what the reader wrote on it ("" when nothing)."""

    _FIELDS = ("id", "article", "title", "date", "span", "anchor", "note", "created",
               "updated", "tags", "conflict")

    def __init__(self, id: str, article: str, title: str, date: dt.date | None, span: Span,
                 anchor: Anchor, note: str, created: dt.datetime, updated: dt.datetime,
                 tags: tuple[str, ...] = (), conflict: bool = False) -> None:
        self.id = id
        self.article = article
        self.title = title
        self.date = date
        self.span = span
        self.anchor = anchor
        self.note = note
        self.created = created
        self.updated = updated
        self.tags = tags
        self.conflict = conflict  # the note holds two machines' versions (sync)

    @property
    def paragraph(self) -> int:
        return self.span.paragraph


Entry = Bookmark | Note | Highlight
KINDS = {"bookmarks": Bookmark, "notes": Note, "highlights": Highlight}
PREFIXES = {"bookmarks": "b", "notes": "n", "highlights": "h"}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def clean(text: str) -> str:
    """Strings from non-UTF-8 file names carry lone surrogates, which TOML cannot hold."""
    return _SURROGATE.sub("\ufffd", text)


MAX_PARAGRAPH = 2**63 - 1  # TOML's integers are 64-bit: a larger one breaks other tools


def _as_datetime(value: object) -> dt.datetime | None:
    """A moment that can be shown in UTC; TOML can hold ones Python cannot convert
    (0001-01-01T00:00:00+05:00 is in year 0 in UTC)."""
    if not isinstance(value, dt.datetime):
        return None
    value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    try:
        value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None
    return value


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if value is None or isinstance(value, dt.date) else _BAD


def _as_paragraph(value: object) -> int | None:
    ok = value is None or (type(value) is int and 0 <= value <= MAX_PARAGRAPH)
    return value if ok else _BAD  # type: ignore[return-value]


def clean_tag(text: str) -> str:
    """A tag as stored: no controls or markup meaning, no spaces (a run of them is one "-",
    as Markdown tags have none), no leading "#", at most MAX_TAG characters; "" if nothing
    is left."""
    text = terminal_safe(clean(text)).strip().lstrip("#").strip()
    return re.sub(r"\s+", "-", text)[:MAX_TAG]


def _as_tags(value: object) -> tuple[str, ...] | Any:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _BAD
    return tuple(dict.fromkeys(t for t in value if t))


def _as_anchor(raw: Raw) -> Anchor | None | Any:
    """The anchor, None when the entry has none (an earlier version wrote it); a field of
    it that is there but not text makes the entry unusable (kept, never rewritten)."""
    values = [raw.get(k, "") for k in ANCHOR_KEYS]
    if not all(isinstance(v, str) for v in values):
        return _BAD
    if "quote" not in raw:
        return None
    return Anchor(*values)


def _anchor_checks(raw: Raw) -> dict[str, Any]:
    """The anchor's fields that are there but not text, by name (for _check's message)."""
    return {k: _BAD for k in ANCHOR_KEYS if k in raw and not isinstance(raw[k], str)}


def _as_offset(value: object) -> int | Any:
    return value if type(value) is int and 0 <= value <= MAX_PARAGRAPH else _BAD


def _strings(raw: Raw, required: tuple[str, ...], optional: tuple[str, ...]) -> dict | str:
    """The text fields, the article id decoded; or the name of the first unusable one."""
    out = {k: raw.get(k, "") for k in optional} | {k: raw.get(k) for k in required}
    for key, value in out.items():
        if not isinstance(value, str) or (key == "id" and not value):
            return key
    article = decode_id(out["article"])
    if article is None or not article:
        return "article"
    return out | {"article": article}


class Unusable(ValueError):
    """An entry with a field this version cannot use: kept on disk, left out of the lists."""


def _check(raw: object, kind: str, fields: dict | str, **values: object) -> dict:
    """The fields, or Unusable naming the entry and the first bad field."""
    if not isinstance(raw, dict):
        raise Unusable(t("a {kind} that is not a table", kind=kind))
    bad = fields if isinstance(fields, str) else next(
        (k for k, v in values.items() if v is _BAD), None)
    if bad is None:
        return fields  # type: ignore[return-value]
    entry = raw.get("id")
    name = printable_id(entry) if isinstance(entry, str) and entry else t("without an id")
    raise Unusable(t("{kind} {id}: unusable '{field}'", kind=kind, id=name, field=bad))


def read_bookmark(raw: object) -> Bookmark:
    """A bookmark from its TOML table; Unusable when a field is missing or unusable."""
    got = raw if isinstance(raw, dict) else {}
    fields = _strings(got, ("id", "article"), ("title", "label"))
    created = _as_datetime(got.get("created"))
    date = _as_date(got.get("date"))
    paragraph = _as_paragraph(got.get("paragraph", 0))
    anchor, tags = _as_anchor(got), _as_tags(got.get("tags"))
    fields = _check(raw, t("bookmark"), fields, created=created or _BAD, date=date,
                    paragraph=_BAD if paragraph is None else paragraph, **_anchor_checks(got),
                    tags=tags)
    return Bookmark(date=date, paragraph=paragraph, created=created, anchor=anchor,  # type: ignore[arg-type]
                    tags=tags, conflict=got.get("conflict") is True, **fields)


def read_note(raw: object) -> Note:
    """A note from its TOML table; Unusable when a field is missing or unusable."""
    got = raw if isinstance(raw, dict) else {}
    fields = _strings(got, ("id", "article", "text"), ("title",))
    created = _as_datetime(got.get("created"))
    updated = _as_datetime(got.get("updated", got.get("created")))
    paragraph = _as_paragraph(got.get("paragraph"))
    anchor, tags = _as_anchor(got), _as_tags(got.get("tags"))
    fields = _check(raw, t("note"), fields, created=created or _BAD,
                    updated=updated or _BAD, paragraph=paragraph, **_anchor_checks(got), tags=tags)
    return Note(paragraph=paragraph, created=created, updated=updated, anchor=anchor,  # type: ignore[arg-type]
                tags=tags, conflict=got.get("conflict") is True, **fields)


def read_highlight(raw: object) -> Highlight:
    """A highlight from its TOML table; Unusable when a field is missing or unusable (a
    highlight without its quote is nothing a reader could be shown)."""
    got = raw if isinstance(raw, dict) else {}
    fields = _strings(got, ("id", "article", "quote"), ("title", "note"))
    created = _as_datetime(got.get("created"))
    updated = _as_datetime(got.get("updated", got.get("created")))
    date = _as_date(got.get("date"))
    start = _as_paragraph(got.get("paragraph", 0))
    places = {k: _as_offset(got.get(k, d)) for k, d in
              (("offset", 0), ("end_paragraph", start), ("end_offset", 0))}
    anchor, tags = _as_anchor(got), _as_tags(got.get("tags"))
    fields = _check(raw, t("highlight"), fields, created=created or _BAD,
                    updated=updated or _BAD, date=date, paragraph=start if start is not None
                    else _BAD, **_anchor_checks(got), tags=tags, **places)
    span = Span(start, places["offset"], places["end_paragraph"], places["end_offset"])  # type: ignore[arg-type]
    fields.pop("quote")
    return Highlight(date=date, span=span, anchor=anchor, created=created,  # type: ignore[arg-type]
                     updated=updated, tags=tags, conflict=got.get("conflict") is True,
                     **fields)


def parse_bookmark(raw: object) -> Bookmark | None:
    """A bookmark from its TOML table, or None when it is unusable."""
    try:
        return read_bookmark(raw)
    except Unusable:
        return None


def parse_note(raw: object) -> Note | None:
    """A note from its TOML table, or None when it is unusable."""
    try:
        return read_note(raw)
    except Unusable:
        return None


def parse_highlight(raw: object) -> Highlight | None:
    try:
        return read_highlight(raw)
    except Unusable:
        return None


READERS = {"bookmarks": read_bookmark, "notes": read_note, "highlights": read_highlight}


def kind_of(entry: Entry) -> str:
    """"bookmarks", "notes" or "highlights": the entry's list in library.toml."""
    return {Bookmark: "bookmarks", Note: "notes", Highlight: "highlights"}[type(entry)]


def anchor_fields(anchor: Anchor) -> Raw:
    return {k: clean(getattr(anchor, k)) for k in ANCHOR_KEYS}


def to_table(item: Entry) -> Raw:
    """An entry as its TOML table, keys in the README's order (an import, or the changes
    kept in memory shown over a file that cannot be read)."""
    entry: Raw = {"id": item.id, "article": encode_id(item.article), "title": clean(item.title)}
    if not isinstance(item, Note) and item.date is not None:
        entry["date"] = item.date
    if isinstance(item, Highlight):
        span = item.span
        entry |= {"paragraph": span.paragraph, "offset": span.offset,
                  "end_paragraph": span.end_paragraph, "end_offset": span.end_offset}
        entry |= {"note": clean(item.note)} if item.note else {}
    elif item.paragraph is not None:
        entry["paragraph"] = item.paragraph
    if isinstance(item, Bookmark):
        entry["label"] = clean(item.label)
    if isinstance(item, Note):
        entry["text"] = clean(item.text)
    if item.anchor is not None:
        entry |= anchor_fields(item.anchor)
    if item.tags:
        entry["tags"] = [clean(tag) for tag in item.tags]  # (an import's may be anything)
    entry["created"] = item.created.astimezone(dt.UTC)
    if not isinstance(item, Bookmark):
        entry["updated"] = item.updated.astimezone(dt.UTC)
    if item.conflict:
        entry["conflict"] = True
    return entry


def with_id(raw: Raw, key: str, entry_id: str) -> list[Raw]:
    return [e for e in raw.get(key, []) if isinstance(e, dict) and e.get("id") == entry_id]


def drop(raw: Raw, key: str, entry_id: str) -> bool:
    """Remove the entries with this id; True when anything was removed."""
    entries = raw.get(key, [])
    kept = [e for e in entries if not (isinstance(e, dict) and e.get("id") == entry_id)]
    raw[key] = kept
    return len(kept) != len(entries)


def fresh_id(raw: Raw, prefix: str) -> str:
    """A fresh "b-"/"n-"/"h-" + 8 hex id that nothing on disk uses yet."""
    entries = [e for key in KINDS for e in raw.get(key, [])]
    taken = {e.get("id") for e in entries if isinstance(e, dict)}
    import secrets  # (only to add an entry)

    while (new := f"{prefix}-{secrets.token_hex(4)}") in taken:
        pass
    return new
