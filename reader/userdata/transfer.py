"""Bookmarks, notes and highlights for another tool: JSON for scripts, Markdown for people.

Each entry is placed where it is now (resolve.py) and carries the text read from the
article now, so an export stands on its own; an entry whose article or text has gone is
marked (missing, orphaned, with the quote it kept), never dropped. JSON keeps "paragraph"
0-based as in library.toml; Markdown counts from 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from reader.archive.article import Article
from reader.i18n import t
from reader.kazakh.dates import format_date_kk
from reader.terminal_text import json_text, printable_id, terminal_safe
from reader.userdata.anchors import passage_text
from reader.userdata.entries import ANCHOR_KEYS, Entry, Highlight
from reader.userdata.library import Bookmark, Note
from reader.userdata.resolve import Resolved


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _anchored(entry: Entry) -> dict[str, Any]:
    """The entry's tags, and what it points at (absent in an earlier version's entry)."""
    out: dict[str, Any] = {"tags": list(entry.tags)}
    if entry.anchor is not None:
        out |= {k: getattr(entry.anchor, k) for k in ANCHOR_KEYS}
    return out


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
    } | _anchored(b)


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
    } | _anchored(n)


def highlight_record(h: Highlight) -> dict[str, Any]:
    """A highlight as library.toml holds it, in JSON types."""
    return {
        "id": h.id,
        "article": h.article,
        "title": h.title,
        "date": h.date.isoformat() if h.date else None,
        "paragraph": h.span.paragraph,
        "offset": h.span.offset,
        "end_paragraph": h.span.end_paragraph,
        "end_offset": h.span.end_offset,
        "note": h.note,
        "created": utc(h.created),
        "updated": utc(h.updated),
    } | _anchored(h)


class ArticleSource(Protocol):
    def article(self, article_id: str) -> Article | None: ...


def _text_at(articles: ArticleSource, now: Resolved) -> str | None:
    """The text an entry points at now: its paragraph, or a highlight's passage."""
    article = articles.article(now.article) if now.status != "missing" else None
    if article is None:
        return None
    if now.span is not None:
        return passage_text(article.paragraphs, now.span) or None
    if now.paragraph is not None and 0 <= now.paragraph < len(article.paragraphs):
        return article.paragraphs[now.paragraph]
    return None


def _placed(record: dict[str, Any], now: Resolved) -> dict[str, Any]:
    """A record at the place its entry was resolved to, with its status."""
    out = record | {"article": now.article, "paragraph": now.paragraph,
                    "status": now.status, "missing": now.status == "missing"}
    if now.span is not None:
        out |= {"offset": now.span.offset, "end_paragraph": now.span.end_paragraph,
                "end_offset": now.span.end_offset}
    return out


def export_data(entries: list[Entry], resolved: list[Resolved],
                articles: ArticleSource) -> dict[str, Any]:
    """The export as plain data (what export_json writes): each entry where it is now, with
    the text it points at read from the article now (None when it cannot be found)."""
    data: dict[str, Any] = {"version": 1, "bookmarks": [], "notes": [], "highlights": []}
    for e, now in zip(entries, resolved, strict=True):  # (two entries may share an id)
        text = _text_at(articles, now)
        if isinstance(e, Bookmark):
            data["bookmarks"].append(_placed(bookmark_record(e), now) | {"text": text})
        elif isinstance(e, Note):
            data["notes"].append(_placed(note_record(e), now) | {"paragraph_text": text})
        else:
            data["highlights"].append(_placed(highlight_record(e), now) | {"text": text})
    return data


def export_json(entries: list[Entry], resolved: list[Resolved],
                articles: ArticleSource) -> str:
    return json_text(export_data(entries, resolved, articles)) + "\n"


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.split("\n")]


def order(data: dict[str, Any], articles: ArticleSource) -> list[str]:
    """Articles newest first (undated after), then the missing ones, each by id."""
    ids = sorted({e["article"] for key in ("bookmarks", "notes", "highlights")
                  for e in data[key]})
    found = {i: a for i in ids if (a := articles.article(i)) is not None}
    dated = [i for i in ids if i in found and found[i].date is not None]
    dated.sort(key=lambda i: found[i].date, reverse=True)  # stable: ties stay by id
    undated = [i for i in ids if i in found and found[i].date is None]
    return dated + undated + [i for i in ids if i not in found]


def _moment_kk(stamp: str) -> str:
    """"2026-11-25T10:00:00Z" -> "2026 жылғы 25 қараша, 10:00 UTC"."""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return f"{format_date_kk(moment.date())}, {moment:%H:%M} UTC"


def _about(article_id: str, first: dict[str, Any], marks: list,
           articles: ArticleSource) -> list[str]:
    """The lines under an article's heading: id, date and source (from the file when it is
    still there, else from what the bookmark copied)."""
    article = articles.article(article_id)
    out = [t("Article: `{id}`", id=terminal_safe(printable_id(article_id)))]
    date = article.date if article else None
    if article is None and (iso := next((e["date"] for e in marks if e.get("date")), None)):
        date = dt.date.fromisoformat(iso)
    if date:
        out.append(t("Date: {date}", date=format_date_kk(date)))
    if article is not None and article.source:
        out.append(t("Source: {source}", source=terminal_safe(article.source)))
    if first["missing"]:
        out.append(t("**Missing:** the article file is no longer in the archive."))
    return [line + "  " for line in out[:-1]] + out[-1:]  # Markdown line breaks


def _status_line(e: dict[str, Any]) -> list[str]:
    """Says where an entry was found, when not where it was made."""
    words = {"edited": t("Found again after the article was edited."),
             "moved": t("Found again in the article's new place."),
             "orphaned": t("**Not found** in the article's text any more; as it was:")}
    return [words[e["status"]], ""] if e["status"] in words else []


def _tag_line(e: dict[str, Any]) -> list[str]:
    return [" ".join(f"#{terminal_safe(tag)}" for tag in e["tags"]), ""] if e["tags"] else []


def _quoted(e: dict[str, Any], text: str | None) -> list[str]:
    """The text at the entry's place now, or (orphaned, missing) the quote it kept."""
    shown = text if text is not None else e.get("quote") or None
    return [*_quote(terminal_safe(shown, lines=True)), ""] if shown else []


def export_markdown(entries: list[Entry], resolved: list[Resolved],
                    articles: ArticleSource) -> str:
    """A document that reads well on its own: a heading per article."""
    data = export_data(entries, resolved, articles)
    out = ["# " + t("Bookmarks and notes"), ""]
    if not any(data[key] for key in ("bookmarks", "notes", "highlights")):
        out += [t("No bookmarks or notes yet."), ""]
    for article_id in order(data, articles):
        mine = [(kind, e) for kind, key in ((0, "bookmarks"), (1, "notes"), (2, "highlights"))
                for e in data[key] if e["article"] == article_id]
        first = mine[0][1]
        article = articles.article(article_id)
        title = terminal_safe(article.title if article else first["title"])
        marks = [e for kind, e in mine if kind != 1]
        out += [f"## {title}", "", *_about(article_id, first, marks, articles), ""]
        mine.sort(key=lambda m: (-1 if m[1]["paragraph"] is None else m[1]["paragraph"],
                                 m[0], m[1]["created"]))
        for kind, e in mine:
            paragraph = e["paragraph"]
            if kind == 0:
                label = f": {terminal_safe(e['label'])}" if e["label"] else ""
                heading = (t("Bookmark at the whole article{label}", label=label)
                           if paragraph is None else
                           t("Bookmark at paragraph {n}{label}", n=paragraph + 1, label=label))
                created = t("Created {moment}", moment=_moment_kk(e["created"]))
                out += ["### " + heading, "", created, "", *_status_line(e), *_tag_line(e)]
                out += _quoted(e, e["text"])
            elif kind == 1:
                heading = (t("Note on the whole article") if paragraph is None else
                           t("Note on paragraph {n}", n=paragraph + 1))
                updated = t("Updated {moment}", moment=_moment_kk(e["updated"]))
                out += ["### " + heading, "", updated, "", *_status_line(e), *_tag_line(e)]
                out += _quoted(e, e["paragraph_text"])
                text = terminal_safe(e["text"], lines=True)
                out += ["  \n".join(text.split("\n")), ""]  # the note's line breaks kept
            else:
                heading = (t("Highlight") if paragraph is None else
                           t("Highlight at paragraph {n}", n=paragraph + 1))
                updated = t("Updated {moment}", moment=_moment_kk(e["updated"]))
                out += ["### " + heading, "", updated, "", *_status_line(e), *_tag_line(e)]
                out += _quoted(e, e["text"])
                if e["note"]:
                    note = terminal_safe(e["note"], lines=True)
                    out += ["  \n".join(note.split("\n")), ""]
    return "\n".join(out).rstrip("\n") + "\n"
