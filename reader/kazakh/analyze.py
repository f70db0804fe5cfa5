"""The two FTS columns of an article, and the query-side twins of them.

index_terms runs over every word of the archive, so it caches the whole
raw word -> (stem, key) path per distinct spelling: a news archive repeats a
small vocabulary, and the regex plus one dict lookup per word is the cost.
Query terms and highlighting go through the same functions, so a word is
highlighted exactly when the index would have matched it.
"""

from __future__ import annotations

from reader.kazakh.latin_key import is_latin_word, latin_key
from reader.kazakh.normalize import normalize_word, raw_words, tokens
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


def query_stem(term: str) -> str:
    """A typed word -> what to look up in the stems column.

    Several tokens ("Қызыл-Орда") come back space-joined, for the caller to
    search as a phrase; "" when the term has no letters or digits.
    """
    return " ".join(stem(t) for t in tokens(term))


def query_key(term: str) -> str:
    """A typed word -> what to look up in the keys column (space-joined like query_stem)."""
    return " ".join(latin_key(stem(t)) for t in tokens(term))


def query_prefix(term: str) -> str:
    """A prefix* term is not stemmed (конститу* must stay конститу): normalised only."""
    return " ".join(tokens(term))


def query_prefix_key(term: str) -> str:
    """The keys-column twin of query_prefix (kazakh* -> kazak)."""
    return " ".join(latin_key(t) for t in tokens(term))


def term_matches(query_term: str, token: str, prefix: bool = False) -> bool:
    """Whether the index matches `token` (a token from token_spans) for one query word.

    Cyrillic terms compare stems; Latin-letter terms compare latin keys, and
    stems too (COVID in the text). A prefix term compares the start of the
    token's stem (or key) with the unstemmed term.
    """
    parts = tokens(query_term)
    if not parts:
        return False
    s = stem(token)
    for part in parts:
        latin = is_latin_word(part)
        if prefix:
            if s.startswith(part) or (latin and latin_key(s).startswith(latin_key(part))):
                return True
        elif s == stem(part) or (latin and latin_key(s) == latin_key(stem(part))):
            return True
    return False
