"""Normalisation for the search index and for queries, never for display.

Word boundaries are found on the raw text and each word is normalised on its
own, so the same code yields offsets into the original text (highlighting) and
the tokens the index stores: the two can never disagree. Invisible characters
(soft hyphen, zero-width) are kept inside a word and deleted from its token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_MARKS = "\u0300-\u036f\u0483-\u0489"
_DELETE = {ord(c): None for c in _INVISIBLE}
_SPACES = {ord(c): " " for c in "\u00a0\u202f\u2007"}
_DASHES = {cp: "-" for cp in [*range(0x2010, 0x2016), 0x2212]}

# A word starts with a letter or digit; marks and invisibles may continue it.
# "_" is a \w character but not a letter: callers blank it first (same length).
# The 2017 Latin alphabet wrote letters with an apostrophe (a'kim, s'es'im), and Latin
# texts put one before a name's ending (Qazaqstan'da): inside Latin letters it joins.
_APOSTROPHES = "'\u2019\u02bc"
_JOIN = rf"(?<=[A-Za-z])[{_APOSTROPHES}](?=[A-Za-z])"
_WORD = re.compile(rf"\w(?:[\w{_MARKS}{_INVISIBLE}]|{_JOIN})*")
_CLEAN_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")  # invisibles gone, "_" kept

# Latin letters that look like Cyrillic ones; used only in mixed-script words.
_LOOKALIKE = str.maketrans(
    "aceopxyihkABCEHIKMOPTXYəɵƏƟ",
    "асеорхуіһкАВСЕНІКМОРТХУәөӘӨ",
)


def _is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u052f"


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalpha() or "\u00c0" <= c <= "\u024f" or "\u0250" <= c <= "\u02af"


def _fix_script(word: str) -> str:
    """Map look-alikes to Cyrillic only when a word mixes both scripts (COVID stays)."""
    if word.isascii():
        return word
    if any(_is_cyrillic(c) for c in word) and any(_is_latin(c) for c in word):
        return word.translate(_LOOKALIKE)
    return word


_APOSTROPHE_LETTERS = {"s": "sh", "c": "ch", "y": "ý"}  # 2017: s' ш, c' ч, y' у


def _apostrophes(word: str) -> str:
    """Apostrophes out of a Latin word; s', c' and y' were letters of their own in 2017."""
    out = []
    for c in word:
        if c in _APOSTROPHES:
            if out and out[-1] in _APOSTROPHE_LETTERS:
                out[-1] = _APOSTROPHE_LETTERS[out[-1]]
        else:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def normalize_word(raw: str) -> str:
    """One raw word (as matched in the original text) -> its index token."""
    word = unicodedata.normalize("NFC", raw.translate(_DELETE))
    word = _fix_script(word).casefold().replace("ё", "е")
    return _apostrophes(word) if any(c in _APOSTROPHES for c in word) else word


def normalize(text: str) -> str:
    """The whole text as the index sees it: words normalised, separators unified."""
    text = unicodedata.normalize("NFC", text.translate(_DELETE))
    text = text.translate(_SPACES).translate(_DASHES)
    text = _CLEAN_WORD.sub(lambda m: _fix_script(m.group()), text)
    return text.casefold().replace("ё", "е")


_SPECIAL = re.compile(rf"[{_MARKS}{_INVISIBLE}{_APOSTROPHES}]")
_PLAIN_WORD = re.compile(r"\w+")  # _WORD, for a text with no mark, invisible or apostrophe


def raw_words(text: str) -> list[str]:
    """The raw words of `text` (not normalised): the fast path of the indexer (most texts
    have no mark, invisible or apostrophe, and \\w+ finds their words a third quicker)."""
    text = text.replace("_", " ")
    return (_WORD if _SPECIAL.search(text) else _PLAIN_WORD).findall(text)


def tokens(text: str) -> list[str]:
    """Normalised word tokens in order; "-" and punctuation split words."""
    return [normalize_word(w) for w in raw_words(text)]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) with offsets into the ORIGINAL text, for highlighting."""
    spans: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text.replace("_", " ")):
        start, end = m.span()
        while text[end - 1] in _INVISIBLE:  # a trailing invisible is not part of the word
            end -= 1
        spans.append((start, end, normalize_word(text[start:end])))
    return spans
