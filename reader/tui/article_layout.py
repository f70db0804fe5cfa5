"""An article laid out as terminal lines, with each paragraph's first and last line.

Rich only (no Textual), so the paragraph cursor, paging and in-place marks can be
tested without an app, and a later lazy layout for huge articles fits here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.cells import get_character_cell_size as cell_size
from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.archive.article import Article
from reader.i18n import problem_text, t
from reader.kazakh.latin import to_latin
from reader.lazy_re import lazy_compile
from reader.plain_record import PlainRecord
from reader.render import META_SEPARATOR, SOURCE_LABEL, meta_line
from reader.terminal_text import terminal_safe
from reader.userdata.entries import Bookmark, Highlight, Note
from reader.userdata.selectors import ORPHANED

if TYPE_CHECKING:
    from reader.userdata.resolve import Resolved

MEASURE = 80  # a comfortable line length for reading
GUTTER = 3  # cursor bar, bookmark mark, space


class Orphan(NamedTuple):
    """A bookmark, note or highlight whose text is no longer in the article: shown at its
    end with what it quoted, never dropped."""

    mark: str  # ★ a bookmark, ✎ a note, ▍ a highlight
    quote: str
    text: str  # its label or note, "" when none


# Plain classes, not dataclasses: these load with the app, and making a dataclass costs
# its start ~2M instructions (0.5 ms) each: it writes and compiles its methods.


class Marks(PlainRecord):
    """What the reader keeps on an article, by paragraph (None = the whole article)."""

    _FIELDS = ("bookmarks", "notes", "hits", "highlights", "highlight_at", "orphans")

    def __init__(self, bookmarks: dict[int, str] | None = None,
                 notes: dict[int | None, list[str]] | None = None,
                 hits: dict[int, list[tuple[int, int]]] | None = None,
                 highlights: dict[int, list[tuple[int, int | None]]] | None = None,
                 highlight_at: dict[int, str] | None = None,
                 orphans: list[Orphan] | None = None) -> None:
        self.bookmarks = {} if bookmarks is None else bookmarks  # paragraph -> label
        self.notes = {} if notes is None else notes
        self.hits = {} if hits is None else hits  # search hits, -1 = title
        # Passage highlights: paragraph -> (start, end) in it, end None = to its end.
        self.highlights = {} if highlights is None else highlights
        self.highlight_at = {} if highlight_at is None else highlight_at  # start -> its id
        self.orphans = [] if orphans is None else orphans


class Line(PlainRecord):
    """One terminal line of the layout; slots, as a 5 MB paragraph is 35,000 of them at 80
    columns, 190,000 at 20."""

    __slots__ = ("text", "paragraph", "first", "offset")
    _FIELDS = __slots__

    def __init__(self, text: Text, paragraph: int = -1, first: bool = False,
                 offset: int = -1) -> None:
        self.text = text
        self.paragraph = paragraph  # the paragraph this line belongs to, -1 for none
        self.first = first  # the first line of its paragraph (the bookmark mark goes here)
        self.offset = offset  # a line of the paragraph's text: where it starts; else -1


class Layout(PlainRecord):
    _FIELDS = ("lines", "spans", "width", "left", "measure")

    def __init__(self, lines: list[Line], spans: list[tuple[int, int]], width: int,
                 left: int, measure: int) -> None:
        self.lines = lines
        self.spans = spans  # per paragraph: first line, last line (with its notes)
        self.width = width
        self.left = left  # columns left of the gutter, to centre the text
        self.measure = measure  # columns of text


def _wrap(console: Console, text: Text | str, width: int, style: Style | str = "",
          fast: bool = False) -> list[Text]:
    """Rich's word wrap of `text` (a plain piece of a paragraph drawn in `style`); `fast`
    (a huge paragraph) finds the same breaks with string searches where it can: Rich
    looks at a word at a time, 4 s for a 5 MB line."""
    width = max(1, width)
    plain = text if isinstance(text, str) else text.plain
    breaks = _breaks(plain, width) if fast else None
    if breaks is None:
        text = Text(text, style=style) if isinstance(text, str) else text
        return list(text.wrap(console, width))
    if isinstance(text, Text):  # with search hits: Rich cuts their spans too, in one pass
        lines = list(text.divide(breaks))
        for line in lines:
            line.rstrip_end(width)
        return lines
    cuts = [0, *breaks, len(plain)]
    # A line longer than the width is one that ends in spaces: Rich drops those past it.
    return [Text(plain[a:min(b, a + width)], style=style)
            for a, b in zip(cuts, cuts[1:], strict=False)]


_NOT_SPACE = lazy_compile(r"[^ ]")


def _breaks(plain: str, width: int) -> list[int] | None:
    """Where Rich's wrap breaks `plain` into lines of `width` cells (as
    rich._wrap.divide_line does: a word goes to the next line when it does not fit, a word
    longer than a line is cut), found a line at a time rather than a word at a time; None
    unless every character is one cell wide and the only white space is " "."""
    if not all(c == " " or (cell_size(c) == 1 and not c.isspace()) for c in set(plain)):
        return None
    breaks: list[int] = []
    start, end = 0, len(plain)
    while start + width < end:
        limit = start + width  # the first character that does not fit
        if plain[limit] == " ":  # a word ends at the edge: the next line starts after spaces
            found = _NOT_SPACE.search(plain, limit)
            start = found.start() if found else end
        else:
            space = plain.rfind(" ", start, limit)
            # The word across the edge starts the next line, unless it is the line's first
            # word: then it is longer than a line and is cut at the edge.
            words_before = space > start and plain[start:space].strip(" ")
            start = space + 1 if words_before else limit
        if start < end:
            breaks.append(start)
    return breaks


def layout_article(
    article: Article,
    width: int,
    marks: Marks,
    styles: dict[str, Style],
    console: Console,
    latin: bool = False,
    tick: Callable[[], bool] | None = None,
) -> Layout | None:
    """Wrap the article to about 80 columns, centred when the pane is wider.

    latin=True shows the article in the Kazakh Latin alphabet of 2021; search hits are
    then left out, since their offsets belong to the Cyrillic text. `tick` is called between
    pieces of work (a thread lets others run there); when it returns False the layout is
    given up and None returned.
    """
    meta = meta_line(article)
    source_line = f"{SOURCE_LABEL}: {article.source}" if article.source else ""
    if latin:
        article = latin_article(article)
        marks = marks._replace(hits={})
        meta, source_line = to_latin(meta), to_latin(source_line)
    measure = max(10, min(MEASURE, width - GUTTER - 1))
    left = max(0, (width - GUTTER - measure) // 2)
    lines: list[Line] = []
    spans: list[tuple[int, int]] = []
    hit_style = styles.get("hit", Style(reverse=True))
    italic, dim = Style(italic=True), Style(dim=True)

    def add(text: Text, paragraph: int = -1, starts_paragraph: bool = False) -> None:
        """Wrapped lines; a paragraph's own text (starts_paragraph) notes where each line
        starts in it, so highlights and a selection can be drawn over it."""
        first = starts_paragraph
        plain, at = text.plain, 0
        huge = len(text) > CHUNK
        for chunk in _chunks(text, measure):
            for piece in _wrap(console, chunk, measure, text.style, fast=huge):
                offset = -1
                if starts_paragraph:  # wrapping drops only white space between lines
                    found = plain.find(piece.plain, at, at + len(piece.plain) + MAX_GAP)
                    offset, at = (found, found + len(piece.plain)) if found >= 0 else (-1, at)
                lines.append(Line(piece, paragraph, first=first, offset=offset))
                first = False
            if tick is not None and not tick():
                raise _GivenUp

    def blank(paragraph: int = -1) -> None:
        lines.append(Line(Text(""), paragraph))

    def marked(text: str, paragraph: int, style: Style) -> Text:
        piece = Text(text, style=style)
        for start, end in marks.hits.get(paragraph, []):
            piece.stylize(hit_style, start, end)
        return piece

    def note_line(note: str) -> Text:
        return Text(f"✎ {terminal_safe(note, lines=True)}", style=styles.get("note", italic))

    try:
        blank()
        add(marked(article.title, -1, styles.get("title", Style(bold=True))))
        for part in _meta_lines(meta, measure):
            add(Text(part, style=styles.get("meta", dim)))
        for problem in article.problems:
            add(Text(f"! {problem_text(problem)}", style=styles.get("problem", italic)))
        for note in marks.notes.get(None, []):
            blank()
            add(note_line(note))
        blank()
        for index, paragraph in enumerate(article.paragraphs):
            start = len(lines)
            add(marked(paragraph, index, styles.get("body", Style())), index, True)
            label = marks.bookmarks.get(index)
            if label:
                add(Text(f"★ {terminal_safe(label)}", style=styles.get("label", italic)), index)
            for note in marks.notes.get(index, []):
                add(note_line(note), index)
            spans.append((start, len(lines) - 1))
            blank()
        if not article.paragraphs:
            add(Text(t("This article has no text."), style=styles.get("meta", dim)))
            blank()
        if source_line:
            link = source_link(article.source or "")
            meta_style = styles.get("meta", dim)
            add(Text(source_line, style=meta_style + Style(link=link) if link else meta_style))
            blank()
        if marks.orphans:
            add(Text(f"── {t('Not found in the text any more')} ──",
                     style=styles.get("problem", italic)))
            for orphan in marks.orphans:
                add(orphan_line(orphan, styles.get("label", italic)))
            blank()
    except _GivenUp:
        return None
    return Layout(lines=lines, spans=spans, width=width, left=left, measure=measure)


MAX_GAP = 64  # white space looked over between one wrapped line and the next
SHOWN_QUOTE = 240  # characters of a lost entry's quote shown at the article's end


def _meta_lines(meta: str, measure: int) -> list[str]:
    """The meta line broken only between its parts ("2 February 2026 · osdp.kz · ..."), so
    a date or "4 min read" is never cut in two in a narrow pane."""
    lines: list[str] = []
    for part in meta.split(META_SEPARATOR):
        joined = f"{lines[-1]}{META_SEPARATOR}{part}" if lines else part
        if lines and cell_len(joined) <= measure:
            lines[-1] = joined
        else:
            lines.append(part)
    return lines


def orphan_line(orphan: Orphan, style: Style) -> Text:
    quote = " ".join(orphan.quote.split())
    quote = quote if len(quote) <= SHOWN_QUOTE else quote[:SHOWN_QUOTE].rstrip() + "…"
    line = f"{orphan.mark} «{quote}»" + (f" — {orphan.text}" if orphan.text else "")
    return Text(terminal_safe(line, lines=True), style=style)


def overlay(text: Text, offset: int, ranges: list[tuple[int, int, Style]]) -> Text:
    """A line of a paragraph (starting at `offset` in it) with styles over the parts of
    it in (start, end, style) ranges of the paragraph; the line itself when none touch."""
    end = offset + len(text)
    touching = [(max(a, offset) - offset, min(b, end) - offset, style)
                for a, b, style in ranges if a < end and b > offset]
    if not touching:
        return text
    text = text.copy()
    for a, b, style in touching:
        text.stylize(style, a, b)
    return text


class _GivenUp(Exception):
    """The layout was no longer wanted (another width, another article)."""


CHUNK = 20_000  # characters: a longer paragraph is wrapped a piece at a time


def _chunks(text: Text, width: int) -> list[Text] | list[str]:
    """A paragraph of megabytes in pieces cut at spaces, so work can pause between them;
    a piece with no space is cut after whole lines of `width`, so the lines it folds into
    run on across the cut. Without styles over parts of it, the pieces are plain strings
    (a Text made of each would be one more pass over megabytes)."""
    if len(text) <= CHUNK:
        return [text]
    plain = text.plain
    cuts: list[int] = []
    start = 0
    while start < len(plain):
        end = min(len(plain), start + CHUNK)
        if end < len(plain):
            space = plain.rfind(" ", start + 1, end)
            end = space + 1 if space > start else start + CHUNK - CHUNK % max(1, width)
        cuts.append(end)
        start = end
    if text.spans:  # one pass over the spans: slicing a piece at a time walks them all
        return list(text.divide(cuts[:-1]))
    starts = [0, *cuts[:-1]]
    return [plain[a:b] for a, b in zip(starts, cuts, strict=True)]


def placeholder(article: Article, width: int) -> Layout:
    """What a large article shows while it is being laid out."""
    size = sum(map(len, article.paragraphs))
    lines = [Line(Text("")), Line(Text(article.title, style=Style(bold=True))),
             Line(Text(t("Laying out {size:,} characters…", size=size), style=Style(italic=True)))]
    return Layout(lines=lines, spans=[], width=width, left=0, measure=width)


def source_link(source: str) -> str | None:
    """A source like "osdp.kz" becomes a link (OSC 8) in terminals that support them."""
    if re.fullmatch(r"(https?://)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?", source, re.I):
        return source if source.lower().startswith("http") else f"https://{source}"
    return None


def latin_article(article: Article) -> Article:
    return article._replace(
        title=to_latin(article.title),
        paragraphs=tuple(to_latin(p) for p in article.paragraphs),
    )


def paragraph_at(layout: Layout, line: int) -> int:
    """The paragraph shown at or after a line (for paging), else the last one."""
    for index, (_start, end) in enumerate(layout.spans):
        if end >= line:
            return index
    return len(layout.spans) - 1


def marks_from(bookmarks: Sequence[Bookmark], notes: Sequence[Note],
               highlights: Sequence[Highlight], resolved: Mapping[str, Resolved],
               paragraphs: int) -> Marks:
    """An article's marks, each where resolve.py found it in the text now (`resolved`, by
    entry id; an entry not in it is where library.toml says); the orphaned ones at the end."""
    marks = Marks()

    def lost(entry: Bookmark | Note | Highlight) -> bool:
        found = resolved.get(entry.id)
        return found is not None and found.status == ORPHANED

    def where(entry: Bookmark | Note) -> int | None:
        found = resolved.get(entry.id)
        return entry.paragraph if found is None else found.paragraph

    for bookmark in bookmarks:
        if lost(bookmark):
            marks.orphans.append(Orphan("★", _quote(bookmark), bookmark.label))
        elif (paragraph := where(bookmark)) is not None:
            marks.bookmarks[paragraph] = bookmark.label
    for note in notes:
        if lost(note):
            marks.orphans.append(Orphan("✎", _quote(note), note.text))
        else:
            marks.notes.setdefault(where(note), []).append(note.text)
    for highlight in highlights:
        found = resolved.get(highlight.id)
        span = found.span if found is not None and found.span is not None else highlight.span
        last = min(span.end_paragraph, paragraphs - 1)
        if lost(highlight) or span.paragraph > last:
            marks.orphans.append(Orphan("▍", _quote(highlight), highlight.note))
            continue
        for paragraph in range(span.paragraph, last + 1):
            start = span.offset if paragraph == span.paragraph else 0
            end = span.end_offset if paragraph == span.end_paragraph else None
            marks.highlights.setdefault(paragraph, []).append((start, end))
        marks.highlight_at.setdefault(span.paragraph, highlight.id)
        if highlight.note:
            quote = " ".join(highlight.anchor.quote.split())
            quote = quote if len(quote) <= NOTE_QUOTE else quote[:NOTE_QUOTE].rstrip() + "…"
            marks.notes.setdefault(span.paragraph, []).append(f"«{quote}» {highlight.note}")
    return marks


NOTE_QUOTE = 40  # characters of a highlight's text shown before the note on it


def _quote(entry: Bookmark | Note | Highlight) -> str:
    """What a lost entry pointed at: its quote, or (an entry of an earlier version) where."""
    if entry.anchor is not None and entry.anchor.quote.strip():
        return entry.anchor.quote
    paragraph = entry.paragraph
    return f"¶ {paragraph + 1}" if paragraph is not None else ""
