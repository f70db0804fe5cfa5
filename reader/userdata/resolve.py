"""Where each bookmark, note and highlight points now, after the archive changed under it.

An entry is resolved against its article as the file is now (anchors.py re-finds its
quote): `ok` (where it was), `edited` (the article changed; found again, maybe at another
paragraph), `moved` (the file is gone, and an article with the same text, or the same
title and date, holds it), `orphaned` (the article is there but the quote is not: shown at
the end of the article, never dropped; its place kept as it was) or `missing` (nothing
found). A place
found again comes with a Fix for library.toml, written by Library.reanchor under the
one-change rule; so does an entry of an earlier version, which gets its anchor the first
time its article is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.archive.article import Article
from reader.i18n import t
from reader.userdata.anchors import (
    EDITED,
    OK,
    ORPHANED,
    Anchor,
    Found,
    Span,
    find_paragraph,
    find_passage,
    paragraph_anchor,
    passage_anchor,
    text_hash,
)
from reader.userdata.entries import Entry, Highlight, Note, anchor_fields, kind_of
from reader.userdata.library import Fix
from reader.userdata.selectors import MISSING, MOVED
from reader.userdata.stored_id import encode_id

STATUSES = (OK, EDITED, MOVED, ORPHANED, MISSING)


def status_text(status: str) -> str:
    """A status in the interface language (the JSON keeps the English word)."""
    words = {"ok": t("ok"), "edited": t("edited"), "moved": t("moved"),
             "orphaned": t("orphaned"), "missing": t("missing")}
    return words.get(status, status)


class Articles(Protocol):
    """What resolving needs of the archive."""

    def article(self, article_id: str) -> Article | None:
        """The article as its file is now; None when it is not in the archive."""

    def candidates(self, title: str, date: dt.date | None, quote: str) -> list[str]:
        """Ids of articles that may be a moved one: the same title (and date, when known),
        or holding the quote."""


@dataclass(frozen=True)
class Resolved:
    status: str  # one of STATUSES
    article: str  # where the entry is now (its own id when missing)
    paragraph: int | None  # None: the whole article; orphaned or missing: where it was
    span: Span | None = None  # a highlight's passage now
    fix: Fix | None = None  # what to write back to library.toml


def _date(entry: Entry) -> dt.date | None:
    return None if isinstance(entry, Note) else entry.date


def _was(entry: Entry) -> dict:
    """The fields a fix is checked against: where the entry pointed when it was read."""
    was: dict = {"article": encode_id(entry.article)}
    if isinstance(entry, Highlight):
        s = entry.span
        return was | {"paragraph": s.paragraph, "offset": s.offset,
                      "end_paragraph": s.end_paragraph, "end_offset": s.end_offset}
    return was | {"paragraph": entry.paragraph}


def _place_fields(article: str, paragraphs: Sequence[str], paragraph: int | None,
                  span: Span | None) -> dict | None:
    """The fields of an entry at this place, with a fresh anchor; None when the place has no
    text to anchor to (a paragraph out of range)."""
    fields: dict = {"article": encode_id(article)}
    if span is not None:
        anchor = passage_anchor(paragraphs, span)
        fields |= {"paragraph": span.paragraph, "offset": span.offset,
                   "end_paragraph": span.end_paragraph, "end_offset": span.end_offset}
    elif paragraph is not None:
        anchor = paragraph_anchor(paragraphs, paragraph)
        fields["paragraph"] = paragraph
    else:
        anchor = Anchor("", "", "", text_hash(paragraphs))
    return None if anchor is None else fields | anchor_fields(anchor)


def _find(entry: Entry, anchor: Anchor, paragraphs: Sequence[str]) -> Found:
    if isinstance(entry, Highlight):
        return find_passage(anchor, paragraphs, entry.span)
    return find_paragraph(anchor, paragraphs, entry.paragraph or 0)


class Resolver:
    """Resolves entries against one archive, reading each article once."""

    def __init__(self, articles: Articles) -> None:
        self.articles = articles
        self._read: dict[str, Article | None] = {}

    def _article(self, article_id: str) -> Article | None:
        if article_id not in self._read:
            self._read[article_id] = self.articles.article(article_id)
        return self._read[article_id]

    def resolve(self, entry: Entry) -> Resolved:
        article = self._article(entry.article)
        if article is not None:
            return self._in(entry, article, entry.article, moved=False)
        anchor = entry.anchor
        quote = anchor.quote if anchor is not None else ""
        for other in self.articles.candidates(entry.title, _date(entry), quote):
            found = self._article(other) if other != entry.article else None
            if found is None:
                continue
            same_title = found.title == entry.title and _date(entry) in (None, found.date)
            dated = same_title and _date(entry) is not None
            if (anchor is None or not anchor.quote) and not dated and not (
                    anchor is not None and anchor.text_hash == text_hash(found.paragraphs)):
                continue  # no quote to check: the same text, or the title and date
            resolved = self._in(entry, found, other, moved=True)
            if resolved.status == MOVED:
                return resolved
            # an article of the same title without the quote may be another report
            # altogether: the entry stays where it was, missing, not attached to it
        return Resolved(MISSING, entry.article, _old_paragraph(entry), _old_span(entry))

    def _in(self, entry: Entry, article: Article, article_id: str, moved: bool) -> Resolved:
        """The entry in this article (its own, or the one it moved to)."""
        paragraphs = article.paragraphs
        whole = isinstance(entry, Note) and entry.paragraph is None
        anchor = entry.anchor
        if whole or anchor is None:
            paragraph, span = _old_paragraph(entry), _old_span(entry)
            in_range = whole or (span is not None and passage_anchor(paragraphs, span)) or (
                paragraph is not None and 0 <= paragraph < len(paragraphs))
            if not in_range:
                if moved:  # only a quote found again says it is this article
                    return Resolved(MISSING, entry.article, paragraph, span)
                return Resolved(ORPHANED, article_id, paragraph, span)
            status = MOVED if moved else OK
            fields = _place_fields(article_id, paragraphs, paragraph, span) \
                if anchor is None or moved else None
            return Resolved(status, article_id, paragraph, span, self._fix(entry, fields))
        found = _find(entry, anchor, paragraphs)
        if found.status == ORPHANED:  # kept where it was (its place and quote), not moved
            return Resolved(MISSING if moved else ORPHANED,
                            entry.article, _old_paragraph(entry), _old_span(entry))
        paragraph = found.span.paragraph if found.span is not None else found.paragraph
        status = MOVED if moved else found.status
        fields = None if status == OK else _place_fields(
            article_id, paragraphs, paragraph, found.span)
        return Resolved(status, article_id, paragraph, found.span, self._fix(entry, fields))

    def _fix(self, entry: Entry, fields: dict | None) -> Fix | None:
        return None if fields is None else Fix(kind_of(entry), entry.id, _was(entry), fields)



def _old_paragraph(entry: Entry) -> int | None:
    return entry.span.paragraph if isinstance(entry, Highlight) else entry.paragraph


def _old_span(entry: Entry) -> Span | None:
    return entry.span if isinstance(entry, Highlight) else None
