"""Notes being typed, kept on disk (drafts.toml) until they are saved in library.toml.

Over SSH a connection can drop in the middle of a sentence: the editor writes its text here
a moment after each change and when the app is told to leave (SIGHUP, SIGTERM), so the next
time that note is opened the text is offered back. A draft goes once its note is saved.
Losing this file costs only unsaved drafts, so reading it never fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

from reader.userdata.files import atomic_write, locked, parse_toml, toml_error, toml_text
from reader.userdata.stored_id import decode_id, encode_id

DRAFTS_FILE = "drafts.toml"


class Place(NamedTuple):
    """Which note: its article, paragraph (None: the whole article) and id (None: a new one;
    two notes can share a paragraph, after an import, and a draft must go back to its own).
    (NamedTuples, not dataclasses: these are made at the app's start.)"""

    article: str
    paragraph: int | None
    note: str | None = None


class Draft(NamedTuple):
    place: Place
    text: str
    saved: dt.datetime


def _entries(path: Path, *, keep_broken: bool = False) -> list[dict]:
    """The draft tables; a file that cannot be read has none, and before it is rewritten
    (keep_broken) it is moved aside to drafts.toml.broken, so no draft in it is lost."""
    try:
        raw = parse_toml(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, *toml_error()):
        if keep_broken:
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".broken"))
        return []
    drafts = raw.get("drafts")
    return [e for e in drafts if isinstance(e, dict)] if isinstance(drafts, list) else []


def _place(entry: dict) -> Place | None:
    article = entry.get("article")
    paragraph = entry.get("paragraph")
    note = entry.get("note")
    if not isinstance(article, str) or (decoded := decode_id(article)) is None:
        return None
    if paragraph is not None and (type(paragraph) is not int or paragraph < 0):
        return None
    if note is not None and not isinstance(note, str):
        return None
    return Place(decoded, paragraph, note)


def load_draft(folder: Path, place: Place) -> Draft | None:
    """The draft kept for this note, if any."""
    for entry in _entries(Path(folder) / DRAFTS_FILE):
        text, saved = entry.get("text"), entry.get("saved")
        if _place(entry) == place and isinstance(text, str) and isinstance(saved, dt.datetime):
            return Draft(place, text, saved)
    return None


def _rewrite(folder: Path, place: Place, text: str | None) -> None:
    """Under the lock: this place's draft replaced by `text` (None: removed), others kept."""
    path = Path(folder) / DRAFTS_FILE
    with locked(path):
        entries = [e for e in _entries(path, keep_broken=True) if _place(e) != place]
        if text is not None:
            entry: dict[str, object] = {"article": encode_id(place.article)}
            if place.paragraph is not None:
                entry["paragraph"] = place.paragraph
            if place.note is not None:
                entry["note"] = place.note
            entry |= {"text": text, "saved": dt.datetime.now(dt.UTC).replace(microsecond=0)}
            entries.append(entry)
        if entries or path.exists():
            atomic_write(path, toml_text({"drafts": entries}).encode("utf-8"))


def keep_draft(folder: Path, place: Place, text: str) -> None:
    """Write the draft now (mode 0600, atomically); OSError is the caller's to report."""
    _rewrite(folder, place, text)


def drop_draft(folder: Path, place: Place) -> None:
    """The note was saved or deliberately thrown away: its draft goes. Never raises."""
    if load_draft(folder, place) is None:
        return
    with contextlib.suppress(OSError):
        _rewrite(folder, place, None)
