"""A citation of a paragraph or a highlighted passage, as a journalist pastes it into a story:
the quoted text, then where it comes from (title, source, date), then the archive id and
the paragraph number a colleague can open it at.

    «Мәслихат сессиясы өтті.»

    Аудандық мәслихаттың кезекті сессиясы — osdp.kz, 2026 жылғы 2 ақпан.
    Мұрағат: 2026/000_8da56fbcbfc7ef32.txt, 4-абзац.

In English the quote marks are “…” and the date reads "2 February 2026". Paragraph numbers
are 1-based (people count from one; library.toml from zero). Everything is plain text:
controls and escape sequences are dropped, Rich markup in the article stays literal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.archive.article import Article
from reader.i18n import MONTHS_EN
from reader.kazakh.dates import format_date_kk
from reader.kazakh.latin import to_latin
from reader.terminal_text import printable_id, terminal_safe
from reader.userdata.anchors import EDITED, OK, passage_text
from reader.userdata.entries import Entry, Highlight
from reader.userdata.resolve import Resolver

_SPACE = re.compile(r"\s+")
_ENDS_SENTENCE = ".!?…"

# Outer quote marks and what a quote mark inside the quoted text becomes.
_MARKS = {
    "kk": ("«", "»", {"«": "„", "»": "“"}),
    "en": ("“", "”", {"“": "‘", "”": "’"}),
}


@dataclass(frozen=True)
class Place:
    """What is cited: the text, the article it is in, and its paragraphs (0-based)."""

    quote: str
    title: str
    date: dt.date | None
    source: str | None
    article: str
    paragraph: int
    end_paragraph: int | None = None  # a passage across paragraph ends


def _plain(text: str) -> str:
    """One line of text: no controls, every run of white space one space."""
    return _SPACE.sub(" ", terminal_safe(text, lines=True)).strip()


def _date(date: dt.date, language: str) -> str:
    if language == "kk":
        return format_date_kk(date)
    return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"


def _paragraphs(first: int, last: int | None, language: str) -> str:
    """'paragraph 4' / '4-абзац'; a passage: 'paragraphs 4–5' / '4–5-абзацтар'."""
    one, two = first + 1, (last + 1 if last is not None else first + 1)
    if language == "kk":
        return f"{one}-абзац" if one == two else f"{one}–{two}-абзацтар"
    return f"paragraph {one}" if one == two else f"paragraphs {one}–{two}"


def _sentence(text: str) -> str:
    return text if not text or text[-1] in _ENDS_SENTENCE else text + "."


def format_citation(place: Place, language: str = "en", latin: bool = False) -> str:
    """The citation in the interface language ("kk" or "en"); latin=True writes the Kazakh
    text (quote, title, Kazakh words) in the Kazakh Latin alphabet, as the reader sees it.
    The archive id and the source are never transliterated: they name a file and a site."""
    language = language if language in _MARKS else "en"
    spell = to_latin if latin else (lambda text: text)
    opening, closing, inner = _MARKS[language]
    quote = _plain(place.quote)
    for mark, replacement in inner.items():
        quote = quote.replace(mark, replacement)
    lines = [f"{opening}{spell(quote)}{closing}", ""]
    title = spell(_plain(place.title))
    where = [_plain(place.source or "")]
    where.append(spell(_date(place.date, language)) if place.date is not None else "")
    said = ", ".join(part for part in where if part)
    if title and said:
        lines.append(_sentence(f"{title} — {said}"))
    elif title or said:
        lines.append(_sentence(title or said))
    archive = "Мұрағат" if language == "kk" else "Archive"
    paragraphs = _paragraphs(place.paragraph, place.end_paragraph, language)
    article = printable_id(place.article)  # exactly the id, its controls escaped
    lines.append(f"{spell(archive)}: {article}, {spell(paragraphs)}.")
    return "\n".join(lines)


class _Open:
    """resolve.Articles for the one article being read: nothing else is looked at."""

    def __init__(self, article: Article) -> None:
        self.open = article

    def article(self, article_id: str) -> Article | None:
        return self.open if article_id == self.open.id else None

    def candidates(self, title: str, date: dt.date | None, quote: str) -> list[str]:
        return []


def found_in(article: Article, entries: Iterable[Entry]) -> list[Entry]:
    """The entries at the places their text is in the article now (resolve.py), so a key
    on a paragraph acts on what shows there; those whose text is gone (orphaned) are left
    out, rather than matched by a paragraph number that now means other text."""
    resolver = Resolver(_Open(article))
    placed: list[Entry] = []
    for entry in entries:
        found = resolver.resolve(entry)
        if found.status not in (OK, EDITED):
            continue
        if isinstance(entry, Highlight):
            placed.append(entry._replace(span=found.span or entry.span))
        elif entry.paragraph is not None and found.paragraph is not None:
            placed.append(entry._replace(paragraph=found.paragraph))
        else:
            placed.append(entry)
    return placed


def highlight_at(highlights: Iterable[Highlight], paragraph: int) -> Highlight | None:
    """The highlight the paragraph is in: one starting in it first, else the earliest."""
    here = [h for h in highlights if h.span.paragraph <= paragraph <= h.span.end_paragraph]
    here.sort(key=lambda h: (h.span.paragraph != paragraph, h.span.paragraph, h.span.offset))
    return here[0] if here else None


def place_at(article: Article, paragraph: int,
             highlights: Sequence[Highlight] = ()) -> tuple[Place, Highlight | None]:
    """What `c` cites at this paragraph of the article: the highlight on it when there is
    one (found in the text as it is now), else the paragraph."""
    base = dict(title=article.title, date=article.date, source=article.source,
                article=article.id)
    highlight = highlight_at(found_in(article, highlights), paragraph)  # type: ignore[arg-type]
    if highlight is not None:
        span = highlight.span
        text = passage_text(article.paragraphs, span) or highlight.anchor.quote
        last = span.end_paragraph - (span.end_offset == 0 and span.end_paragraph > span.paragraph)
        end = last if last != span.paragraph else None
        return Place(text, paragraph=span.paragraph, end_paragraph=end, **base), highlight
    text = article.paragraphs[paragraph] if 0 <= paragraph < len(article.paragraphs) else ""
    return Place(text, paragraph=paragraph, **base), None
