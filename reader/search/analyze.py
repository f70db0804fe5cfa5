"""The two FTS columns of an article, and the query-side twins of them.

index_terms runs over every word of the archive, so it caches the whole
raw word -> (stem, key) path per distinct spelling: a news archive repeats a
small vocabulary, and the regex plus one dict lookup per word is the cost.
The highlighter (reader/search/query.py) reads a token's stem and key through
token_terms, the same path, so a word is highlighted exactly when the index
matched it.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter

from reader.kazakh.latin_key import latin_key
from reader.kazakh.normalize import normalize_word, raw_words
from reader.kazakh.stem import stem

_CACHE_LIMIT = 1 << 19
_STEM, _KEY, _FORM = itemgetter(0), itemgetter(1), itemgetter(2)
# raw word -> (stem, key, the word as written when that is not its stem, else "")
_terms: dict[str, tuple[str, str, str]] = {}


def _word_terms(raw: str) -> tuple[str, str, str]:
    token = normalize_word(raw)
    s = stem(token)
    triple = (s, latin_key(s), token if token != s else "")
    if len(_terms) >= _CACHE_LIMIT:
        _terms.clear()  # bounded memory over a 100,000-article build
    _terms[raw] = triple
    return triple


def index_terms(text: str) -> tuple[str, str]:
    """(stems, keys): space-joined stems of tokens(text) and the latin_key of each."""
    get = _terms.get
    triples = [get(w) or _word_terms(w) for w in raw_words(text)]
    return " ".join(p[0] for p in triples), " ".join(p[1] for p in triples)


_reported: set[tuple[str, str, str]] = set()  # words whose terms new_terms had this run


def forget_reported() -> None:
    """A new indexing run (its vocab table may lack any term): report every word again."""
    _reported.clear()


def index_columns(title: str, body: str, new_terms: list[str] | None = None
                  ) -> tuple[str, str, str, str, str]:
    """The five search columns of an article (title stems and keys, stems, keys, forms),
    each word looked at once: what the indexer spends its time on. new_terms gets the terms
    of the words not reported before in this run (for the vocab table): a news archive's
    words recur, so after the first thousand articles there are few."""
    get = _terms.get
    head = [get(w) or _word_terms(w) for w in raw_words(title)]
    text = [get(w) or _word_terms(w) for w in raw_words(body)]
    if new_terms is not None:
        if len(_reported) > _CACHE_LIMIT:
            _reported.clear()
        for triple in set(head).union(text).difference(_reported):
            _reported.add(triple)
            new_terms.extend(term for term in triple if term)
    forms = " ".join(filter(None, map(_FORM, chain(head, text))))
    return (" ".join(map(_STEM, head)), " ".join(map(_KEY, head)),
            " ".join(map(_STEM, text)), " ".join(map(_KEY, text)), forms)


def index_forms(*texts: str) -> str:
    """The words as written (normalised) where they differ from their stem: with the stems,
    what a prefix query matches, so that екені* finds екенін and бағытт* finds бағыттары,
    which their stems no longer begin with. A word that is its own stem is not repeated."""
    get = _terms.get
    return " ".join(p[2] for text in texts for raw in raw_words(text)
                    if (p := get(raw) or _word_terms(raw))[2])


def token_stem(token: str) -> str:
    """token_terms(token)[0] without working out the Latin key, which the highlighter needs
    only for a word typed in Latin or Russian letters: _word_terms' stem."""
    triple = _terms.get(token)
    return triple[0] if triple else stem(normalize_word(token))


def token_terms(token: str) -> tuple[str, str]:
    """(stem, key) of one normalised token of the text (from token_spans): what index_terms
    stored for it, so the highlighter lights up exactly the words the index matched."""
    triple = _terms.get(token) or _word_terms(token)
    return triple[0], triple[1]
