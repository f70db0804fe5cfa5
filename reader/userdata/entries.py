"""One bookmark or note as library.toml holds it: the dataclasses, and reading a TOML
table into one, field by field. Every field is untrusted (hand edits, other tools, other
versions): a table with an unusable field is refused with the field's name, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from reader.i18n import t
from reader.terminal_text import printable_id
from reader.userdata.stored_id import decode_id

Raw = dict[str, Any]
_BAD: Any = object()  # a field that is present but unusable
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    fields = _check(raw, t("bookmark"), fields, created=created or _BAD, date=date,
                    paragraph=_BAD if paragraph is None else paragraph)
    return Bookmark(date=date, paragraph=paragraph, created=created, **fields)  # type: ignore[arg-type]


def read_note(raw: object) -> Note:
    """A note from its TOML table; Unusable when a field is missing or unusable."""
    got = raw if isinstance(raw, dict) else {}
    fields = _strings(got, ("id", "article", "text"), ("title",))
    created = _as_datetime(got.get("created"))
    updated = _as_datetime(got.get("updated", got.get("created")))
    paragraph = _as_paragraph(got.get("paragraph"))
    fields = _check(raw, t("note"), fields, created=created or _BAD,
                    updated=updated or _BAD, paragraph=paragraph)
    return Note(paragraph=paragraph, created=created, updated=updated, **fields)  # type: ignore[arg-type]


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


def with_id(raw: Raw, key: str, entry_id: str) -> list[Raw]:
    return [e for e in raw.get(key, []) if isinstance(e, dict) and e.get("id") == entry_id]


def drop(raw: Raw, key: str, entry_id: str) -> bool:
    """Remove the entries with this id; True when anything was removed."""
    entries = raw.get(key, [])
    kept = [e for e in entries if not (isinstance(e, dict) and e.get("id") == entry_id)]
    raw[key] = kept
    return len(kept) != len(entries)


def fresh_id(raw: Raw, prefix: str) -> str:
    """A fresh "b-"/"n-" + 8 hex id that nothing on disk uses yet."""
    entries = raw.get("bookmarks", []) + raw.get("notes", [])
    taken = {e.get("id") for e in entries if isinstance(e, dict)}
    while (new := f"{prefix}-{secrets.token_hex(4)}") in taken:
        pass
    return new
