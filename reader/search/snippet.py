"""A result's snippet: a window of its first paragraph with a hit, in the original text."""

from __future__ import annotations

from reader.archive.article import Article

WIDTH = 180  # characters of text in a snippet
BEFORE = 50  # characters kept before the first hit
REACH = 30  # characters looked through for the edge of a word
SENTENCE_END = ".!?…"  # a text cut after one of these needs no … after it
CLOSERS = "\"')]»”’"  # after a sentence's end: still its end
LOOSE = ",;:–—-"  # left out before a …: "сессиясында…", not "сессиясында,…"


def cut_end(text: str) -> tuple[int, bool]:
    """Where text cut after its last word ends, and whether … follows it: no space or
    comma is left before the …, and a sentence's end needs none ("өтті." stays)."""
    kept = text.rstrip()
    if kept.rstrip(CLOSERS).endswith(tuple(SENTENCE_END)):
        return len(kept), False
    kept = kept.rstrip(LOOSE + " \t\n")
    return len(kept), True


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen start/end to whole words: back to the start of the word cut (up to REACH
    characters), else on to the next one; a snippet never opens or ends inside a word."""
    if 0 < start < len(text) and not text[start - 1].isspace():
        back = next((i for i in range(start - 1, max(0, start - REACH) - 1, -1)
                     if text[i].isspace()), None)
        if back is not None:
            start = back + 1
        else:
            on = next((i for i in range(start, min(len(text), start + REACH))
                       if text[i].isspace()), None)
            start = on + 1 if on is not None else start
    if 0 < end < len(text) and not text[end].isspace():
        on = next((i for i in range(end, min(len(text), end + REACH)) if text[i].isspace()),
                  None)
        if on is not None:
            end = on
        else:
            back = next((i for i in range(end - 1, max(start, end - REACH), -1)
                         if text[i].isspace()), None)
            end = back if back is not None else end
    return start, end


def window(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """(text, highlighted) pieces of about WIDTH characters around the first span."""
    first = spans[0][0] if spans else 0
    start = max(0, min(first - BEFORE, len(text) - WIDTH))
    start, end = _cut(text, start, min(len(text), start + WIDTH))
    while start < end and text[start].isspace():
        start += 1
    more = end < len(text)
    if more:
        kept, more = cut_end(text[start:end])
        end = start + kept
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
    if more:
        pieces.append(("…", False))
    return pieces


def make_snippet(article: Article, paragraph: int, spans: list[tuple[int, int]]
                 ) -> list[tuple[str, bool]]:
    """Pieces of the paragraph with the hits; the first paragraph, plain, if only the title hit."""
    if paragraph >= 0:
        return window(article.paragraphs[paragraph], spans)
    return window(article.paragraphs[0], []) if article.paragraphs else []
