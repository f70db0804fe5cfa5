"""The two FTS columns of an article, and the query-side twins of them.

index_terms runs over every word of the archive, so it caches the whole
raw word -> (stem, key) path per distinct spelling: a news archive repeats a
small vocabulary, and the regex plus one dict lookup per word is the cost.
The highlighter (reader/search/query.py) reads a token's stem and key through
token_terms, the same path, so a word is highlighted exactly when the index
matched it.
"""

from __future__ import annotations

from reader.kazakh.latin_key import latin_key
from reader.kazakh.normalize import normalize_word, raw_words
from reader.kazakh.stem import stem

_CACHE_LIMIT = 1 << 19
_terms: dict[str, tuple[str, str]] = {}


def _word_terms(raw: str) -> tuple[str, str]:
    token = normalize_word(raw)
    s = stem(token)
    pair = (s, latin_key(s))
    if len(_terms) >= _CACHE_LIMIT:
        _terms.clear()  # bounded memory over a 100,000-article build
    _terms[raw] = pair
    return pair


def index_terms(text: str) -> tuple[str, str]:
    """(stems, keys): space-joined stems of tokens(text) and the latin_key of each."""
    get = _terms.get
    pairs = [get(w) or _word_terms(w) for w in raw_words(text)]
    return " ".join(p[0] for p in pairs), " ".join(p[1] for p in pairs)


def index_forms(*texts: str) -> str:
    """The words as written (normalised) where they differ from their stem: with the stems,
    what a prefix query matches, so that екені* finds екенін and бағытт* finds бағыттары,
    which their stems no longer begin with. A word that is its own stem is not repeated."""
    get = _terms.get
    return " ".join(
        word for text in texts for raw in raw_words(text)
        if (word := normalize_word(raw)) != (get(raw) or _word_terms(raw))[0])


def token_terms(token: str) -> tuple[str, str]:
    """(stem, key) of one normalised token of the text (from token_spans): what index_terms
    stored for it, so the highlighter lights up exactly the words the index matched."""
    pair = _terms.get(token)
    return pair if pair is not None else _word_terms(token)
