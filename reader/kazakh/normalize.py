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

from reader.lazy_re import lazy_compile

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Arabic script (Kazakh töte jazu): harakat and Quranic marks continue a word.
_ARABIC_MARKS = ("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8"
                 "\u06ea-\u06ed")
_MARKS = f"\u0300-\u036f\u0483-\u0489{_ARABIC_MARKS}"
_ARABIC_FOLD = lazy_compile(
    f"[{_ARABIC_MARKS}\u0621\u0674-\u0678\ufb50-\ufdff\ufe70-\ufefe]")
_ARABIC_DROP = lazy_compile(f"[{_ARABIC_MARKS} ]")  # NFKC gives an isolated mark a space
_INVISIBLE_SET = frozenset(_INVISIBLE)
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
# normalize() only (8 ms to compile: never on a search's path)
_CLEAN_WORD = lazy_compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")  # invisibles gone, "_" kept

# Latin letters that look like Cyrillic ones; used only in mixed-script words.
_LOOKALIKE = str.maketrans(
    "aceopxyihkABCEHIKMOPTXYəɵƏƟ",
    "асеорхуіһкАВСЕНІКМОРТХУәөӘӨ",
)


def _is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u052f"


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalpha() or "\u00c0" <= c <= "\u024f" or "\u0250" <= c <= "\u02af"


# _is_cyrillic's and _is_latin's letters as sets: a word is looked through in C, not a
# Python call a letter (each distinct word of a search's results is normalised once)
_CYRILLIC_SET = frozenset(map(chr, range(0x400, 0x530)))
_LATIN_SET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                       + "".join(map(chr, range(0xC0, 0x2B0))))


def _fix_script(word: str) -> str:
    """Map look-alikes to Cyrillic only when a word mixes both scripts (COVID stays)."""
    if word.isascii():
        return word
    if not _CYRILLIC_SET.isdisjoint(word) and not _LATIN_SET.isdisjoint(word):
        return word.translate(_LOOKALIKE)
    return word


_APOSTROPHE_SET = frozenset(_APOSTROPHES)
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


def _fold_arabic(word: str) -> str:
    """An Arabic-script word as it is typed: without harakat (readers type none), the
    presentation forms of PDFs and old sites and the letters ٵ ٶ ٷ ٸ as their plain letters
    and hamza (NFKC), and Kazakh's one hamza (ء or ٴ, a sign that the word's vowels are
    front ones) at the word's start, where most sites write it (ءۇش, not ٷش)."""
    word = _ARABIC_DROP.sub("", unicodedata.normalize("NFKC", word))
    if "\u0621" in word or "\u0674" in word:
        word = "\u0621" + word.replace("\u0621", "").replace("\u0674", "")
    return word


@lru_cache(maxsize=1 << 18)
def normalize_word(raw: str) -> str:
    """One raw word (as matched in the original text) -> its index token."""
    word = unicodedata.normalize("NFC", raw.translate(_DELETE))
    if word and max(word) >= "\u0610" and _ARABIC_FOLD.search(word):  # compiled (13 ms) only
        word = _fold_arabic(word)  # for a word with a letter from U+0610 on, as its class
    word = _fix_script(word).casefold().replace("ё", "е")
    return word if _APOSTROPHE_SET.isdisjoint(word) else _apostrophes(word)


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


def plain_words(text: str) -> list[str] | None:
    """The raw words of `text` when token_spans takes its fast path (no mark, invisible or
    apostrophe: \\w+ finds the words), else None: whether a paragraph has a word a
    query matches is known from these without each word's offsets."""
    text = text.replace("_", " ")
    return None if _SPECIAL.search(text) else _PLAIN_WORD.findall(text)


def plain_offsets(text: str, words: list[str], count: int) -> list[tuple[int, int]]:
    """(start, end) in the original text of the first `count` of its plain_words, `words`:
    each is found after the one before it, as only characters that are no word's stand
    between them (cheaper than matching the text again, and only as far as asked)."""
    text = text.replace("_", " ")  # as plain_words saw it: the same offsets
    find = text.find
    out: list[tuple[int, int]] = []
    pos = 0
    for word in words[:count]:
        pos = find(word, pos)
        end = pos + len(word)
        out.append((pos, end))
        pos = end
    return out


def tokens(text: str) -> list[str]:
    """Normalised word tokens in order; "-" and punctuation split words."""
    return [normalize_word(w) for w in raw_words(text)]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) with offsets into the ORIGINAL text, for highlighting."""
    text_ = text.replace("_", " ")
    special = _SPECIAL.search(text_)
    if special is None:  # most texts: no mark, invisible or apostrophe, and \w+ finds the
        word = normalize_word  # same words as _WORD twice as fast (each result's paragraphs
        return [(m.start(), m.end(), word(m.group()))  # are tokenised for its snippet)
                for m in _PLAIN_WORD.finditer(text_)]
    if _INVISIBLE_SET.isdisjoint(text):  # no word ends in an invisible, and a match (never
        word = normalize_word            # a "_") is the original's own text
        return [(m.start(), m.end(), word(m.group())) for m in _WORD.finditer(text_)]
    spans: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text.replace("_", " ")):
        start, end = m.span()
        while text[end - 1] in _INVISIBLE:  # a trailing invisible is not part of the word
            end -= 1
        spans.append((start, end, normalize_word(text[start:end])))
    return spans
