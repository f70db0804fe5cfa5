"""What to tell a reader whose search found nothing: the nearest search that finds something.

Each hint is one more search, tried only after an empty result, in the order a reader
would want them: the filters were too narrow; the words were meant with the letters a
Russian keyboard lacks (әкимдик for әкімдік: the Kazakh spelling found in the archive is
offered); a quoted phrase found nothing but its words do; some word is in no article.
hint_message words it in the interface language, for the command line and the app alike.
The library search (reader/search/in_library.py) gets the same hints but the last.
"""

import re
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

from reader.archive.parser import read_article
from reader.kazakh.latin_key import latin_key
from reader.kazakh.normalize import normalize_word, raw_words
from reader.kazakh.stem import stem
from reader.search.filters import Filters
from reader.search.query import hits_in_text, parse_query


class Searcher(Protocol):
    archive: object

    def search(self, query: str, limit: int = 20, filters: Filters | None = None) -> list: ...


class Hint(NamedTuple):
    """(A NamedTuple, not a dataclass: dataclasses loads inspect, ~10 ms of a search that
    found nothing. This module has no `from __future__ import annotations`, so that
    typing.NamedTuple compiles no annotation: the first compile() of a process sets up the
    ast module's types, ~3 ms.)"""

    kind: str  # "filters", "spelling", "phrase", "word", "empty"
    text: str = ""  # the spelling or query to try
    count: int = 0  # what it finds (up to the limit asked)


LIMIT = 100


def hint_for(index: Searcher, query: str, filters: Filters | None = None,
             texts_of: Callable[[Any], tuple[str, ...]] | None = None,
             words: bool = True) -> Hint | None:
    """The first hint that finds something. texts_of(hit): the texts a hit was found in,
    where the spelling hint looks for the Kazakh spelling (default: the article's title and
    paragraphs); words=False: no "the word is in no article" hint (the library search)."""
    parsed = parse_query(query)
    if not parsed.fts:
        return Hint("empty")
    filters = filters or Filters()
    if filters != Filters():
        found = index.search(query, LIMIT)
        if found:
            return Hint("filters", query, len(found))
    spelled = _spelling(index, query, filters, texts_of or _article_texts(index))
    if spelled is not None:
        return spelled
    if '"' in query:
        plain = query.replace('"', " ")
        found = index.search(plain, LIMIT, filters)
        if found:
            return Hint("phrase", " ".join(plain.split()), len(found))
    missing = _missing_word(index, query, filters) if words else None
    return Hint("word", missing) if missing else None


def _missing_word(index: Searcher, query: str, filters: Filters) -> str | None:
    """The first word typed that no article has, as typed: what stands between spaces, or,
    when that holds several words (NEAR(a, Қызыл-Орда), the one of them that is missing. None
    for a query of one word (its own "nothing found" says it all)."""
    chunks = [chunk for chunk in query.replace('"', " ").split() if raw_words(chunk)]
    if sum(len(raw_words(chunk)) for chunk in chunks) < 2:
        return None
    for chunk in chunks:
        if index.search(chunk, 1, filters):
            continue
        parts = raw_words(chunk)
        star = "*" if chunk.endswith("*") else ""
        for n, part in enumerate(parts):
            probe = part + (star if n == len(parts) - 1 else "")
            if not index.search(probe, 1, filters):
                return probe
        return chunk
    return None


def _article_texts(index: Searcher) -> Callable[[Any], tuple[str, ...]]:
    def texts(hit: Any) -> tuple[str, ...]:
        article = read_article(index.archive / hit.id, hit.id)  # type: ignore[operator]
        return (article.title, *article.paragraphs)

    return texts


def _spelling(index: Searcher, query: str, filters: Filters,
              texts_of: Callable[[Any], tuple[str, ...]]) -> Hint | None:
    """The words searched by their Latin keys alone (which fold қ/к, ә/а, і/и...): when that
    finds something, the spelling is what those keys matched in the best hit."""
    parsed = parse_query(query)
    if all(term.latin or term.shared for term in parsed.terms):
        return None  # already searched by its keys
    words = [term.text for term in parsed.terms]
    keyed = _WORD.sub(lambda m: latin_key(m.group()), query)  # quotes and stars kept
    found = index.search(keyed, LIMIT, filters)
    if not found:
        return None
    texts = texts_of(found[0])
    spelled = [_matched(texts, latin_key(w)) or w for w in words]
    if spelled == words:
        return None
    return Hint("spelling", " ".join(spelled), len(found))


_WORD = re.compile(r"[^\W\d_]+")


def _matched(texts: tuple[str, ...], key: str) -> str | None:
    """The first word of texts that the Latin query `key` matches, as its stem when that
    begins it (әкімдігі -> әкімдік, whose final к is voiced before the ending)."""
    parsed = parse_query(key)
    for text in texts:
        spans = hits_in_text(text, parsed)
        if spans:
            start, end = spans[0]
            word = normalize_word(text[start:end])
            stemmed = stem(word)
            whole = len(stemmed) >= 3 and word.startswith(stemmed[:-1])
            return stemmed if whole else word
    return None


ECHO_LIMIT = 80  # characters of the query a one-line message repeats


def echoed(query: str, limit: int = ECHO_LIMIT) -> str:
    """The reader's query as "nothing found for ..." repeats it: made safe for the
    terminal, and cut with an ellipsis past `limit` characters, so that a pasted page
    stays a one-line message."""
    from reader.terminal_text import terminal_safe

    safe = terminal_safe(query)
    return safe if len(safe) <= limit else safe[:limit - 1].rstrip() + "…"


def hint_message(hint: Hint) -> str:
    """The hint in the interface language, one line, the reader's own words made safe."""
    from reader.i18n import plural, t
    from reader.terminal_text import terminal_safe

    text = terminal_safe(hint.text)
    found = plural(hint.count, "{n} found", "{n} found")
    if hint.kind == "filters":
        return t("without the date and source filters: {found}", found=found)
    if hint.kind == "spelling":
        return t("did you mean {spelling}? ({found})", spelling=text, found=found)
    if hint.kind == "phrase":
        return t("as words, not a phrase: {query} ({found})", query=text, found=found)
    if hint.kind == "word":
        return t("no article has the word {word}", word=text)
    return t("nothing to search for: type letters or digits")
