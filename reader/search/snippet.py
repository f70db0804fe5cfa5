"""A result's snippet: a window of its first paragraph with a hit, in the original text."""

from __future__ import annotations

from reader.archive.article import Article

WIDTH = 180  # characters of text in a snippet
BEFORE = 50  # characters kept before the first hit


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen start/end to whole words (within a few characters)."""
    if start > 0:
        space = text.rfind(" ", max(0, start - 15), start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.find(" ", end, end + 15)
        end = space if space >= 0 else end
    return start, end


def window(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """(text, highlighted) pieces of about WIDTH characters around the first span."""
    first = spans[0][0] if spans else 0
    start = max(0, min(first - BEFORE, len(text) - WIDTH))
    start, end = _cut(text, start, min(len(text), start + WIDTH))
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = start
    for s, e in spans:
        s, e = max(s, at), min(e, end)
        if s >= e:
            continue
        if s > at:
            pieces.append((text[at:s], False))
        pieces.append((text[s:e], True))
        at = e
    if at < end:
        pieces.append((text[at:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


def make_snippet(article: Article, paragraph: int, spans: list[tuple[int, int]]
                 ) -> list[tuple[str, bool]]:
    """Pieces of the paragraph with the hits; the first paragraph, plain, if only the title hit."""
    if paragraph >= 0:
        return window(article.paragraphs[paragraph], spans)
    return window(article.paragraphs[0], []) if article.paragraphs else []
