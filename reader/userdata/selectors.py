"""What an annotation points at, as library.toml stores it: kept apart from the matching
(anchors.py, with difflib and hashlib), which only resolving needs, so that reading
library.toml (every command, the app's start) does not load it."""

from __future__ import annotations

from typing import NamedTuple

# Where an entry is now (resolve.py): its status.
OK = "ok"
EDITED = "edited"
MOVED = "moved"
ORPHANED = "orphaned"
MISSING = "missing"


class Anchor(NamedTuple):
    """What an entry points at (the W3C TextQuoteSelector, and the article's hash). Texts
    are normalised; paragraph ends are "\\n"."""

    quote: str  # a paragraph's start, or a passage's whole text
    prefix: str  # up to anchors.CONTEXT_CHARS before the quote
    suffix: str  # up to anchors.CONTEXT_CHARS after it
    text_hash: str  # anchors.text_hash() of the article when the anchor was made


class Span(NamedTuple):
    """A passage: offsets in characters of the real paragraphs, the end exclusive."""

    paragraph: int
    offset: int
    end_paragraph: int
    end_offset: int
