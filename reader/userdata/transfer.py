"""Bookmarks and notes for another tool: JSON for scripts, Markdown for people.

Each entry carries the paragraph text read from the article now, so an export
stands on its own; an article that has gone is marked missing, never dropped.
JSON keeps "paragraph" 0-based as in library.toml; Markdown counts from 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reader.archive.excerpt import ParagraphLookup
from reader.archive.scan import Catalog
from reader.i18n import t
from reader.kazakh.dates import format_date_kk
from reader.terminal_text import json_text, printable_id, terminal_safe
from reader.userdata.library import Bookmark, Library, Note


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bookmark_record(b: Bookmark) -> dict[str, Any]:
    """A bookmark as library.toml holds it, in JSON types."""
    return {
        "id": b.id,
        "article": b.article,
        "title": b.title,
        "date": b.date.isoformat() if b.date else None,
        "paragraph": b.paragraph,
        "label": b.label,
        "created": utc(b.created),
    }


def note_record(n: Note) -> dict[str, Any]:
    """A note as library.toml holds it, in JSON types."""
    return {
        "id": n.id,
        "article": n.article,
        "title": n.title,
        "paragraph": n.paragraph,
        "text": n.text,
        "created": utc(n.created),
        "updated": utc(n.updated),
    }


def _bookmark(b: Bookmark, articles: ParagraphLookup) -> dict[str, Any]:
    return bookmark_record(b) | {
        "text": articles.text(b.article, b.paragraph),
        "missing": articles.article(b.article) is None,
    }


def _note(n: Note, articles: ParagraphLookup) -> dict[str, Any]:
    return note_record(n) | {
        "paragraph_text": articles.text(n.article, n.paragraph),
        "missing": articles.article(n.article) is None,
    }


def export_data(
    library: Library, catalog: Catalog, articles: ParagraphLookup | None = None
) -> dict[str, Any]:
    """The export as plain data (what export_json writes)."""
    articles = articles or ParagraphLookup(catalog)
    return {
        "version": 1,
        "bookmarks": [_bookmark(b, articles) for b in library.bookmarks],
        "notes": [_note(n, articles) for n in library.notes],
    }


def export_json(library: Library, catalog: Catalog) -> str:
    return json_text(export_data(library, catalog)) + "\n"


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.split("\n")]


def _order(data: dict[str, Any], catalog: Catalog) -> list[str]:
    """Articles in archive order (newest first), then the missing ones by id."""
    ids = {e["article"] for e in data["bookmarks"] + data["notes"]}

    def key(article_id: str) -> tuple[int, str]:
        index = catalog.index_of(article_id)
        return (index if index is not None else len(catalog.summaries), article_id)

    return sorted(ids, key=key)


def _moment_kk(stamp: str) -> str:
    """"2026-11-25T10:00:00Z" -> "2026 жылғы 25 қараша, 10:00 UTC"."""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return f"{format_date_kk(moment.date())}, {moment:%H:%M} UTC"


def _about(article_id: str, first: dict[str, Any], marks: list,
           articles: ParagraphLookup) -> list[str]:
    """The lines under an article's heading: id, date and source (from the file when it is
    still there, else from what the bookmark copied)."""
    article = articles.article(article_id)
    out = [t("Article: `{id}`", id=terminal_safe(printable_id(article_id)))]
    date = article.date if article else None
    if article is None and (iso := next((e["date"] for e in marks if e["date"]), None)):
        date = dt.date.fromisoformat(iso)
    if date:
        out.append(t("Date: {date}", date=format_date_kk(date)))
    if article is not None and article.source:
        out.append(t("Source: {source}", source=terminal_safe(article.source)))
    if first["missing"]:
        out.append(t("**Missing:** the article file is no longer in the archive."))
    return [line + "  " for line in out[:-1]] + out[-1:]  # Markdown line breaks


def export_markdown(library: Library, catalog: Catalog) -> str:
    """A document that reads well on its own: a heading per article."""
    articles = ParagraphLookup(catalog)
    data = export_data(library, catalog, articles)
    out = ["# " + t("Bookmarks and notes"), ""]
    if not data["bookmarks"] and not data["notes"]:
        out += [t("No bookmarks or notes yet."), ""]
    for article_id in _order(data, catalog):
        marks = [e for e in data["bookmarks"] if e["article"] == article_id]
        notes = [e for e in data["notes"] if e["article"] == article_id]
        first = (marks + notes)[0]
        article = articles.article(article_id)
        title = terminal_safe(article.title if article else first["title"])
        out += [f"## {title}", "", *_about(article_id, first, marks, articles), ""]
        entries = [(e["paragraph"], 0, e) for e in marks] + [(e["paragraph"], 1, e) for e in notes]
        entries.sort(key=lambda t: (-1 if t[0] is None else t[0], t[1], t[2]["created"]))
        for paragraph, kind, e in entries:
            if kind == 0:
                label = f": {terminal_safe(e['label'])}" if e["label"] else ""
                heading = (t("Bookmark at the whole article{label}", label=label)
                           if paragraph is None else
                           t("Bookmark at paragraph {n}{label}", n=paragraph + 1, label=label))
                created = t("Created {moment}", moment=_moment_kk(e["created"]))
                out += ["### " + heading, "", created, ""]
                if e["text"] is not None:
                    out += [*_quote(e["text"]), ""]
            else:
                heading = (t("Note on the whole article") if paragraph is None else
                           t("Note on paragraph {n}", n=paragraph + 1))
                updated = t("Updated {moment}", moment=_moment_kk(e["updated"]))
                out += ["### " + heading, "", updated, ""]
                if e["paragraph_text"] is not None:
                    out += [*_quote(e["paragraph_text"]), ""]
                text = terminal_safe(e["text"], lines=True)
                out += ["  \n".join(text.split("\n")), ""]  # the note's line breaks kept
    return "\n".join(out).rstrip("\n") + "\n"
