"""An ASCII skeleton shared by Cyrillic stems and Latin-letter queries.

A reader without a Kazakh layout types Qazaqstan (2021 alphabet), Kazakhstan
or konstitutsiya (keyboard habits). Cyrillic goes through to_latin (2021
letters), then both sides are folded the same way:

  letters  ä->a ğ->g ñ->n ö->o ū,ü->u ı,i,y->i q->k ş->sh ç->ch; other marks dropped
  digraphs zh->j kh->k gh->g ts->s, a word-initial ye->e (Yerlan, Ерлан); the query
           side also reads kh as х (maslikhat): reader/search/expand.py
  doubled letters collapse: konstitusiia == konstitusia, protsess == proses

So қ/к, ы/і/и/й, ұ/ү/у, ә/а, ө/о, ц/с meet (қала and кала share "kala"): a
Latin query cannot tell them apart anyway, and Cyrillic queries use the stems
column, where they stay apart. Voicing is kept (бас "bas" != пас "pas"), and
ш stays "sh" (шан "shan" != сан "san"). The 2018 alphabet's ý is у, its ú ү.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.kazakh.latin import _LOWER, to_latin

_FOLD = str.maketrans(
    {
        "ä": "a",
        "ğ": "g",
        "ñ": "n",
        "ö": "o",
        "ū": "u",
        "ü": "u",
        "ı": "i",
        "y": "i",
        "ý": "u",  # the 2018 alphabet's у (depýtat); ú is its ү, folded by decomposition
        "q": "k",
        "ş": "sh",
        "ç": "ch",
        "ə": "a",
        "ɵ": "o",
    }
)
_DIGRAPHS = re.compile(r"zh|gh|ts|^ie")
_DIGRAPH_TO = {"zh": "j", "gh": "g", "ts": "s", "ie": "e"}
_DOUBLE = re.compile(r"(.)\1+")


_CYRILLIC = frozenset(map(chr, range(0x400, 0x530)))


def _has_cyrillic(text: str) -> bool:
    """A letter from U+0400 to U+052F (looked for in C: every word of a result is keyed)."""
    return not _CYRILLIC.isdisjoint(text)


# a lower-case Cyrillic word (every stem a search keys) in one translate: each letter's
# to_latin, folded (ASCII all of them)
_CYRILLIC_FOLD = {c: spelled.translate(_FOLD) for c, spelled in _LOWER.items()}
_CYRILLIC_LOWER = frozenset(_CYRILLIC_FOLD)
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC_FOLD)


@lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    """The skeleton before doubled letters collapse and before kh is read as k: the form
    in which endings can still be cut off (deputattary -> deputat + tary)."""
    if token and _CYRILLIC_LOWER.issuperset(token):
        return _DIGRAPHS.sub(_digraph, token.translate(_CYRILLIC_TABLE))
    s = token.casefold()
    if _has_cyrillic(s):
        s = to_latin(s)
    s = s.translate(_FOLD)
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        s = s.translate(_FOLD)  # a letter that only decomposition revealed
    return _DIGRAPHS.sub(_digraph, s)


def _digraph(match: re.Match[str]) -> str:
    return _DIGRAPH_TO[match.group()]


def collapse(folded: str) -> str:
    return _DOUBLE.sub(r"\1", folded)


@lru_cache(maxsize=1 << 19)
def latin_key(token: str) -> str:
    """The skeleton of one word, Cyrillic or Latin (any case)."""
    return collapse(fold(token).replace("kh", "k"))


def is_latin_word(token: str) -> bool:
    """True when the word has letters and all of them are Latin: the query uses keys."""
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and all(
        c.isascii() or "\u00c0" <= c <= "\u024f" or "\u0250" <= c <= "\u02af" for c in letters
    )
