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

# A whitespace-separated chunk of text ("кеңесінің", "ЖСДП-ның", "(2019)," or "—") ->
# (its words' stems, keys and forms, each space-joined as the columns hold them; how many
# words it has). The columns are built a chunk at a time: str.split and one dict lookup a
# chunk (both in C) instead of a regex over the text and a lookup a word in Python, which
# were most of an article's analysis. A word never spans whitespace (it is letters, digits,
# marks, invisibles and apostrophes between Latin letters), so a text's words are its
# chunks' words in order: the columns come out exactly as index_terms' and index_forms'.
# Emptied as a run starts, so that a chunk met for the first time in a run is one not
# looked up before: only those can bring new_terms a word. An entry holds no container,
# so the garbage collector stops looking at it (nested tuples made its full collections
# take half the time of an article-heavy run).
_Chunk = tuple[str, str, str, int]
_chunks: dict[str, _Chunk] = {}
_WORDS = itemgetter(3)
# No word character, mark, invisible or apostrophe: a chunk that is a word between these
# is that one word (raw_words' \\w+ or its longer pattern, finds only it).
_PUNCTUATION = ".,;:!?()[]{}<>«»\"“”„…—–-/*%+=#@&|\\"


def _chunk_terms(chunk: str, fresh: list[tuple[str, str, str]]) -> _Chunk:
    """A chunk's entry, made and remembered; its words' triples go to fresh."""
    word = chunk if chunk.isalnum() else chunk.strip(_PUNCTUATION)
    if word.isalnum():  # one word (most chunks: a word, or one with a comma or a full stop)
        triple = _terms.get(word) or _word_terms(word)
        entry = (*triple, 1)
        fresh.append(triple)
    elif not word:
        entry = ("", "", "", 0)  # punctuation only: no word
    else:
        get = _terms.get
        triples = [get(w) or _word_terms(w) for w in raw_words(chunk)]
        entry = (" ".join(map(_STEM, triples)), " ".join(map(_KEY, triples)),
                 " ".join(filter(None, map(_FORM, triples))), len(triples))
        fresh.extend(triples)
    if len(_chunks) >= _CACHE_LIMIT:
        _chunks.clear()  # (bounded memory; a chunk met again is fresh again: its words are
                         # looked for in _reported again)
    _chunks[chunk] = entry
    return entry


def _chunk_entries(chunks: list[str], fresh: list[tuple[str, str, str]]) -> list[_Chunk]:
    """Each chunk's entry, those with no word left out; the triples of the words of the
    chunks met for the first time go to fresh."""
    try:
        entries = list(map(_chunks.__getitem__, chunks))
    except KeyError:  # one met for the first time (in C: most chunks of an article are not)
        get = _chunks.get
        entries = [get(c) or _chunk_terms(c, fresh) for c in chunks]
    return list(filter(_WORDS, entries))


def forget_reported() -> None:
    """A new indexing run (its vocab table may lack any term): report every word again."""
    _reported.clear()
    _chunks.clear()


def index_columns(title: str, body: str, new_terms: list[str] | None = None,
                  body_chunks: list[str] | None = None) -> tuple[str, str, str, str, str]:
    """The five search columns of an article (title stems and keys, stems, keys, forms),
    each word looked at once: what the indexer spends its time on. new_terms gets the terms
    of the words not reported before in this run (for the vocab table): a news archive's
    words recur, so after the first thousand articles there are few (a run's calls all pass
    new_terms, or none does: a chunk is reported when it is first met). body_chunks:
    body.split(), when the caller has it already (it counts the words)."""
    fresh: list[tuple[str, str, str]] = []
    head = _chunk_entries(title.split(), fresh)
    text = _chunk_entries(body.split() if body_chunks is None else body_chunks, fresh)
    if fresh and new_terms is not None:
        if len(_reported) > _CACHE_LIMIT:  # (bounded memory: the chunks met again report
            _reported.clear()              # their words again)
            _chunks.clear()
        for triple in set(fresh).difference(_reported):
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
