"""`export --format obsidian`: one Markdown file per annotated article, for Obsidian or any
folder of Markdown notes.

Each file opens with YAML front matter (title, date, source, id, tags) and holds every
highlight and bookmark of the article as a quote with its note, then the notes. The front
matter's first lines, `kz-reader-id` and `kz-reader-hash` (of the text below the front
matter), mark a file as ours: a later export rewrites the file that carries its article's
id (wherever the reader renamed it in the folder's top level), unless the reader edited it
since (its text no longer has that hash), and never touches a file without the mark.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.i18n import format_date, t
from reader.terminal_text import json_text, terminal_safe
from reader.userdata.entries import clean_tag
from reader.userdata.resolve import status_text

MARK = "kz-reader-id"
HASH = "kz-reader-hash"
_MARK_LINE = re.compile(rf"^{MARK}: (\".*\")\s*$", re.MULTILINE)
_HASH_LINE = re.compile(rf"^{HASH}: \"([0-9a-f]{{64}})\"\s*$", re.MULTILINE)
MAX_NAME_BYTES = 200  # of a file name's UTF-8 (file systems allow 255)
_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')  # not in a file name Obsidian links
MAX_NAME = 80  # characters of the title in a file name


@dataclass(frozen=True)
class ArticleNotes:
    """One article's part of the export (export_data's records for it)."""

    id: str
    title: str
    date: str | None  # ISO
    source: str | None
    records: list[tuple[str, dict[str, Any]]]  # ("bookmark" | "note" | "highlight", record)


def file_name(title: str, article_id: str, taken: set[str]) -> str:
    """A file name from the title; the id's hash added when two articles share it."""
    base = " ".join(_UNSAFE.sub(" ", terminal_safe(title)).split())[:MAX_NAME]
    while len(base.encode("utf-8", "replace")) > MAX_NAME_BYTES:
        base = base[:-1]
    base = base.strip(". ") or "article"
    name = f"{base}.md"
    if name.casefold() in taken:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogateescape")).hexdigest()
        name = f"{base} {digest[:8]}.md"
    return name


def marked(text: str) -> tuple[str, bool] | None:
    """(the article id a file's front matter marks it with, whether its text below is as
    the export wrote it), or None: not a file of ours (no closed front matter, no mark)."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    head = text[4:end]
    match, digest = _MARK_LINE.search(head), _HASH_LINE.search(head)
    if match is None:
        return None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    if not isinstance(value, str):
        return None
    body = text[end + len("\n---\n"):]
    return value, digest is not None and digest.group(1) == _digest(body)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogateescape")).hexdigest()


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is one; every control, C1 and bidi
    character escaped (json_text), so neither a YAML parser nor `cat` meets one raw."""
    return json_text(value, indent=None)


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in terminal_safe(text, lines=True).split("\n")]


def _lines(text: str) -> list[str]:
    return terminal_safe(text, lines=True).split("\n")


def render(notes: ArticleNotes) -> str:
    tags = sorted({tag for _, r in notes.records for tag in r.get("tags", [])}, key=str.casefold)
    out = [f"# {terminal_safe(notes.title)}", ""]
    if notes.date:
        from datetime import date

        out += [format_date(date.fromisoformat(notes.date)), ""]
    for kind, r in notes.records:
        where = t("whole article") if r["paragraph"] is None else f"¶ {r['paragraph'] + 1}"
        status = "" if r["status"] == "ok" else f" ({status_text(r['status'])})"
        tag_line = " ".join(f"#{clean_tag(tag)}" for tag in r.get("tags", []) if clean_tag(tag))
        if kind == "note":
            out += [f"## {t('Note')} — {where}{status}", ""]
            if r.get("paragraph_text"):
                out += [*_quote(r["paragraph_text"]), ""]
            out += [*_lines(r["text"]), ""]
        else:
            text = r.get("text") or r.get("quote") or ""
            heading = t("Highlight") if kind == "highlight" else t("Bookmark")
            label = f": {terminal_safe(r['label'])}" if r.get("label") else ""
            out += [f"## {heading} — {where}{label}{status}", ""]
            out += [*_quote(text), ""] if text else []
            if r.get("note"):
                out += [*_lines(r["note"]), ""]
        if tag_line:
            out += [tag_line, ""]
    body = "\n".join(out).rstrip("\n") + "\n"
    front = ["---", f"{MARK}: {_yaml(notes.id)}", f'{HASH}: "{_digest(body)}"',
             f"title: {_yaml(notes.title)}"]
    front += [f"date: {notes.date}"] if notes.date else []
    front += [f"source: {_yaml(notes.source)}"] if notes.source else []
    front += [f"id: {_yaml(notes.id)}", f"tags: [{', '.join(_yaml(tag) for tag in tags)}]",
              "---", ""]
    return "\n".join(front) + body


def by_article(data: dict[str, Any], order: Iterable[str],
               about: dict[str, tuple[str, str | None, str | None]]) -> list[ArticleNotes]:
    """export_data's records grouped by article, highlights and bookmarks in text order, then
    the notes; about: id -> (title, ISO date, source) as the article is now."""
    out = []
    for article_id in order:
        records = [(kind, r) for kind, key in (("highlight", "highlights"),
                                                ("bookmark", "bookmarks"), ("note", "notes"))
                   for r in data[key] if r["article"] == article_id]
        records.sort(key=lambda kr: (kr[0] == "note", -1 if kr[1]["paragraph"] is None
                                     else kr[1]["paragraph"], kr[1].get("offset", 0)))
        title, date, source = about.get(article_id) or (records[0][1]["title"],
                                                         records[0][1].get("date"), None)
        out.append(ArticleNotes(article_id, title, date, source, records))
    return out
