"""An article laid out as terminal lines, with each paragraph's first and last line.

Rich only (no Textual), so the paragraph cursor, paging and in-place marks can be
tested without an app, and a later lazy layout for huge articles fits here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.archive.article import Article
from reader.archive.excerpt import safe_text
from reader.kazakh.latin import to_latin
from reader.render import meta_line

MEASURE = 80  # a comfortable line length for reading
GUTTER = 3  # cursor bar, bookmark mark, space


@dataclass
class Marks:
    """What the reader keeps on an article, by paragraph (None = the whole article)."""

    bookmarks: dict[int, str] = field(default_factory=dict)  # paragraph -> label
    notes: dict[int | None, list[str]] = field(default_factory=dict)
    hits: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # search hits, -1 = title


@dataclass
class Line:
    text: Text
    paragraph: int = -1  # the paragraph this line belongs to, -1 for none
    first: bool = False  # the first line of its paragraph (the bookmark mark goes here)


@dataclass
class Layout:
    lines: list[Line]
    spans: list[tuple[int, int]]  # per paragraph: first line, last line (with its notes)
    width: int
    left: int  # columns left of the gutter, to centre the text
    measure: int  # columns of text


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    return list(text.wrap(console, max(1, width)))


def layout_article(
    article: Article,
    width: int,
    marks: Marks,
    styles: dict[str, Style],
    console: Console,
    latin: bool = False,
) -> Layout:
    """Wrap the article to about 80 columns, centred when the pane is wider.

    latin=True shows the article in the Kazakh Latin alphabet of 2021; search hits are
    then left out, since their offsets belong to the Cyrillic text.
    """
    meta = meta_line(article)
    source_line = f"Дереккөз: {article.source}" if article.source else ""
    if latin:
        article = latin_article(article)
        marks = Marks(marks.bookmarks, marks.notes)
        meta, source_line = to_latin(meta), to_latin(source_line)
    measure = max(10, min(MEASURE, width - GUTTER - 1))
    left = max(0, (width - GUTTER - measure) // 2)
    lines: list[Line] = []

    def add(text: Text, paragraph: int = -1, starts_paragraph: bool = False) -> None:
        for i, piece in enumerate(_wrap(console, text, measure)):
            lines.append(Line(piece, paragraph, first=starts_paragraph and i == 0))

    def blank(paragraph: int = -1) -> None:
        lines.append(Line(Text(""), paragraph))

    hit_style = styles.get("hit", Style(reverse=True))

    def marked(text: str, paragraph: int, style: Style) -> Text:
        piece = Text(text, style=style)
        for start, end in marks.hits.get(paragraph, []):
            piece.stylize(hit_style, start, end)
        return piece

    blank()
    add(marked(article.title, -1, styles.get("title", Style(bold=True))))
    add(Text(meta, style=styles.get("meta", Style(dim=True))))
    for problem in article.problems:
        add(Text(f"! {problem}", style=styles.get("problem", Style(italic=True))))
    for note in marks.notes.get(None, []):
        blank()
        add(Text(f"✎ {safe_text(note)}", style=styles.get("note", Style(italic=True))))
    blank()
    spans: list[tuple[int, int]] = []
    for index, paragraph in enumerate(article.paragraphs):
        start = len(lines)
        add(marked(paragraph, index, styles.get("body", Style())), index, starts_paragraph=True)
        label = marks.bookmarks.get(index)
        if label:
            add(Text(f"★ {safe_text(label)}", style=styles.get("label", Style(italic=True))), index)
        for note in marks.notes.get(index, []):
            add(Text(f"✎ {safe_text(note)}", style=styles.get("note", Style(italic=True))), index)
        spans.append((start, len(lines) - 1))
        blank()
    if not article.paragraphs:
        add(Text("This article has no text.", style=styles.get("meta", Style(dim=True))))
        blank()
    if source_line:
        link = source_link(article.source or "")
        meta_style = styles.get("meta", Style(dim=True))
        add(Text(source_line, style=meta_style + Style(link=link) if link else meta_style))
        blank()
    return Layout(lines=lines, spans=spans, width=width, left=left, measure=measure)


def source_link(source: str) -> str | None:
    """A source like "osdp.kz" becomes a link (OSC 8) in terminals that support them."""
    if re.fullmatch(r"(https?://)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?", source, re.I):
        return source if source.lower().startswith("http") else f"https://{source}"
    return None


def latin_article(article: Article) -> Article:
    return replace(
        article,
        title=to_latin(article.title),
        paragraphs=tuple(to_latin(p) for p in article.paragraphs),
    )


def paragraph_at(layout: Layout, line: int) -> int:
    """The paragraph shown at or after a line (for paging), else the last one."""
    for index, (_start, end) in enumerate(layout.spans):
        if end >= line:
            return index
    return len(layout.spans) - 1
