"""What the reader typed -> an FTS5 MATCH expression, and where it hits in an article.

User input is never FTS syntax: every word is quoted, so Қызыл-Орда, OR, NEAR, a lone
quote or star, brackets and colons search as plain words and never raise an SQLite error.
Understood: "quoted phrases" and prefix* (a prefix matches the words as written and their
stems, 2 letters at least). A word alone matches every form of it (search/expand.py).
A hyphenated or otherwise glued word (Қызыл-Орда) is searched as a phrase of its parts.

Cyrillic words match the stem columns; Latin-letter words match the Latin-key columns
(the Cyrillic text as a Latin skeleton; a Latin word of the text, such as COVID, has
its own key there too). The index and the highlighter use the same analyzer, so what
the index finds, hits_in can show.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reader.archive.article import Article
from reader.kazakh.latin_key import is_latin_word, latin_key
from reader.kazakh.normalize import (
    normalize_word,
    plain_offsets,
    plain_words,
    token_spans,
    tokens,
)
from reader.kazakh.stem import stem
from reader.search.analyze import token_stem, token_terms
from reader.search.expand import (
    Term,
    keys_of,
    prefix_heads,
    short_evidence,
    short_roots,
    spellings,
    stems_of,
    verb_spelling,
    written_of,
)

MIN_PREFIX = 2  # "а*" would walk every word of the archive
MAX_EXPANDED = 16  # words searched in all their forms; a longer query is no reader's
MAX_WORD = 40  # letters; a longer "word" is searched as it stands
EXACT_BOOST = 2  # at most, more times a lone typed word itself is asked for: see _boost
MAX_PREFIX_SPELLINGS = 4  # Kazakh spellings of a Latin or Russian-letter prefix
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")  # the ones a Russian keyboard lacks
Starting = Callable[[str], "tuple[str, ...] | None"]
Raw = dict[tuple[int, int], tuple[set[str], set[str]]]  # Query.words


class Query:
    """A parsed query: equal to another with the same expression and terms."""

    __slots__ = ("fts", "terms", "evidence", "seen", "words")

    def __init__(self, fts: str, terms: list[Term] | None = None,
                 evidence: dict[str, frozenset[str]] | None = None,
                 seen: dict[int, dict[str, bool]] | None = None,
                 words: Raw | None = None) -> None:
        self.fts = fts  # the MATCH expression; "" when nothing searchable was typed
        self.terms = [] if terms is None else terms
        # the short-root terms the last fts_with found evidence for, by word: what the
        # highlighter then matches too (a search runs fts_with, then reads its hits)
        self.evidence = {} if evidence is None else evidence
        # by group of one word: which tokens of the texts it matched (the same few thousand
        # words recur in every result); emptied with evidence, which it depends on
        self.seen = {} if seen is None else seen
        # by (group, place in it): (raw words that match that word, raw words that do
        # not), as the texts have them: most paragraphs looked through for a snippet have
        # no hit, which set operations on their words tell (_plain_hits)
        self.words = {} if words is None else words

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Query):
            return NotImplemented
        return (self.fts, self.terms) == (other.fts, other.terms)

    __hash__ = None  # type: ignore[assignment]  # its terms are a list

    def __repr__(self) -> str:
        return f"Query(fts={self.fts!r}, terms={self.terms!r})"

    def with_terms(self, terms: list[Term]) -> Query:
        """The same query asking for these terms only; evidence, seen and words are
        shared."""
        return Query(self.fts, terms, self.evidence, self.seen, self.words)

    def fts_with(self, keep: Callable[[str], bool],
                 starting: Starting | None = None) -> str:
        """The MATCH expression asking only for the forms `keep` says the index holds: a
        verb has a hundred forms, an archive a few of them, and each one asked for costs.
        starting: the index's words a prefix stands for (None: too many to list), asked
        for by name instead of as a prefix."""
        groups = self.groups()
        self.seen.clear()
        self.words.clear()
        for term in self.terms:
            if term.short:
                self.evidence[term.text] = frozenset(
                    short_evidence(term.text, term.short, keep))
        return " AND ".join(_group_fts(group, keep, len(groups) == 1, self.evidence, starting)
                            for group in groups)

    def asks(self) -> list[str]:
        """The terms fts_with asks `keep` about first, all of them: a word alone's forms and
        keys, and the word as typed (the index looks them up in one go)."""
        out: list[str] = []
        for group in self.groups():
            if len(group) == 1 and not group[0].prefix:
                term = group[0]
                out += (*term.stems, *term.keys, term.text)
        return out

    def groups(self) -> list[list[Term]]:
        out: dict[int, list[Term]] = {}
        for term in self.terms:
            out.setdefault(term.group, []).append(term)
        return list(out.values())


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _make_term(token: str, prefix: bool, group: int, alone: bool) -> Term:
    """alone: the word is a group of its own, so it may match any form of itself (a
    phrase matches the typed words' own stems, in order)."""
    latin = is_latin_word(token)
    stemmed = token if latin else stem(token)
    shared = not latin and not KAZAKH_LETTERS.intersection(token)
    key = latin_key(token if prefix else stemmed)  # a prefix is never stemmed
    stems, keys = (stemmed,), (key,)
    if alone and len(token) <= MAX_WORD and (latin or shared) and prefix:
        # екени*, ekeni*: the Kazakh spellings as written (екенін is in no stem's key)
        spelled = spellings(token)[:MAX_PREFIX_SPELLINGS]
        stems = (stemmed, *dict.fromkeys(spelled if latin else (token, *spelled)))
        keys = (key, *(h for h in prefix_heads(token) if h != key))
    elif alone and not prefix and len(token) <= MAX_WORD:
        if not latin and (not shared or token in spellings(token)):
            # a Russian-letter word that may be spelled right (депутат, елимизде) keeps its
            # stems too; one that is not (кабылдады) asks for its spellings' keys alone
            stems = stems_of(token)
        if latin or shared:
            verb = verb_spelling(token)  # kabylda is қабылда, the verb, as typed in Kazakh
            if verb is not None:
                key = latin_key(verb)
                stems = (token, *stems_of(verb)) if latin else stems_of(verb)
            keys = tuple(dict.fromkeys((key, *keys_of(token))))
            stems = tuple(dict.fromkeys((*stems, *written_of(token))))
    short = _short(token, latin, shared) if alone and not prefix else ()
    return Term(token, stemmed, key, latin, prefix, group, shared, stems, keys,
                frozenset(stems), frozenset(keys), short)


def _short(token: str, latin: bool, shared: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The two-letter roots the word may be a form of (expand.short_roots), of each Kazakh
    spelling when it is typed without Kazakh letters; asked for by their Cyrillic letters,
    since a two-letter key (un: ұн, үн, ун) says too little."""
    if len(token) > MAX_WORD:
        return ()
    words = spellings(token) if latin or shared else (token,)
    return tuple(dict.fromkeys(r for w in words for r in short_roots(w)))


def _prefix(text: str, starting: Starting | None) -> str:
    """text* in FTS5 syntax; a one-word prefix as the words it stands for when the index
    can list them (nothing is lost: the same rows match), "" when it lists none: such a
    prefix matches nothing, and FTS5 would still look for it (kazakh* typed in Latin
    letters asks for қазақ* and for кәзәк*, whose words cost as much as the rest)."""
    words = starting(text) if starting is not None and " " not in text else None
    if words is None:
        return _quote(text) + " *"
    return _any(words) if words else ""


def _either(*branches: str) -> str:
    """The branches OR-ed, those that match nothing ("") left out; "" if all are."""
    kept = [b for b in branches if b]
    return "(" + " OR ".join(kept) + ")" if kept else ""


def _any(words: tuple[str, ...]) -> str:
    if len(words) == 1:
        return _quote(words[0])
    return "(" + " OR ".join(_quote(w) for w in words) + ")"


def _shared_off(term: Term) -> Term:
    return term._replace(shared=False, keys=(term.key,), key_set=frozenset((term.key,)))


def _boost(words: tuple[str, ...]) -> int:
    """How many more times the typed word is asked for: once puts it above any other form
    matching once; twice when some form matches twice (its stem and its written shape are
    both asked for: өтетін, stemmed өтет, when өтетін is also another form's stem)."""
    asked = set(words)
    return EXACT_BOOST if any(stem(w) != w and stem(w) in asked for w in words) else 1


def _group_fts(group: list[Term], keep: Callable[[str], bool] | None = None,
               boost: bool = False, evidence: dict[str, frozenset[str]] | None = None,
               starting: Starting | None = None) -> str:
    """One word or phrase as FTS5 syntax, always quoted.

    No column filter is needed (and each costs time): stems are Cyrillic or Latin words of
    the text, keys are ASCII skeletons, and a Latin word's key is what both columns share.
    keep: which of a word's other forms to ask for (those the index holds); its own always.
    evidence: the short-root terms the index has (Query.evidence), asked for too.
    boost: the word is the whole query, and typed in Kazakh letters: the word itself is
    asked for again (_boost), as bm25 adds a score for each match; without it өтетін (which
    matches both өтет and өтетін) ranked above өтті for өтті. Only then: each repeat reads
    the word's postings again (~3 ms for a common word at 100,000 articles), which a query
    of several words would pay for every word, and one that asks for one term needs none.
    """
    if len(group) == 1 and not group[0].prefix:  # a word alone: any of its forms
        term = group[0]
        if term.latin:  # the keys, and the Kazakh forms the index holds only as written
            words = term.keys + term.stems[1:]
        else:
            words = term.stems + term.keys if term.shared else term.stems
        own = term.key if term.latin else term.stem
        if keep is not None:
            words = tuple(w for w in words if w == own or keep(w))
            if evidence and term.text in evidence:
                words = tuple(dict.fromkeys((*words, *sorted(evidence[term.text]))))
        if boost and not term.latin and not term.shared and len(words) > 1 and (
                keep is None or term.text == own or keep(term.text)):
            words += (term.text,) * _boost(words)  # Russian letters rank by stems and keys
        elif boost and term.shared and len(words) > 1 and keep is not None \
                and keep(term.text):
            words += (term.text,)  # кадрлар, офиске: the form as typed is in the index
        return _any(words)
    expr = _prefix_fts(group, starting)
    # every prefix in it is one the index has no word for: the same as asked for by name
    return expr or _prefix_fts(group, None)


def _prefix_fts(group: list[Term], starting: Starting | None) -> str:
    """_group_fts of a phrase or a prefix; "" when the index says it matches nothing."""
    def quoted(text: str) -> str:
        return _prefix(text, starting) if group[-1].prefix else _quote(text)

    keys = quoted(" ".join(t.key for t in group))
    if len(group) == 1 and len(group[0].stems) > 1:  # a Latin or Russian-letter prefix
        return _either(keys, *(quoted(w) for w in group[0].stems[1:]),
                       *(_quote(h) for h in group[0].keys[1:]))
    if any(t.latin for t in group):  # only the keys hold every word in Latin letters
        return keys
    # a prefix matches the words as written (the forms column) and the stems as typed
    stems = quoted(" ".join(t.text if t.prefix else t.stem for t in group))
    if group[0].shared:
        # Typed on a Russian keyboard (кенес for кеңес): the keys fold қ/к, ә/а, ң/н...
        # together, so they find the Kazakh spelling; the exact one matches both columns and
        # ranks first.
        return _either(stems, keys)
    return stems


def _chunks(text: str) -> list[tuple[str, bool]]:
    """(text, quoted) pieces: words outside quotes one by one, each quoted phrase whole.

    An unpaired quote is ignored; a "phrase"* (star right after it) is a phrase prefix.
    """
    out: list[tuple[str, bool]] = []
    parts = text.split('"')
    paired = len(parts) if len(parts) % 2 == 1 else len(parts) - 1
    for i, part in enumerate(parts):
        if i % 2 == 1 and i < paired:
            out.append((part, True))
            continue
        if i % 2 == 0 and i > 0 and part.startswith("*") and out and out[-1][1]:
            out[-1] = (out[-1][0] + "*", True)
            part = part[1:]
        out.extend((chunk, False) for chunk in part.split())
    return out


@lru_cache(maxsize=256)  # one search parses its text once: index, snippets, hits
def parse_query(text: str) -> Query:
    terms: list[Term] = []
    seen: set[str] = set()
    fts: list[str] = []
    for chunk, _quoted in _chunks(text):
        words = tokens(chunk)
        if not words:
            continue
        prefix = chunk.rstrip().endswith("*") and len(words[-1]) >= MIN_PREFIX
        alone = len(words) == 1 and len(fts) < MAX_EXPANDED
        group = [_make_term(w, prefix and i == len(words) - 1, len(fts), alone)
                 for i, w in enumerate(words)]
        if not all(t.shared for t in group):  # a Kazakh letter anywhere: typed on a Kazakh
            group = [t if t.latin else _shared_off(t) for t in group]  # keyboard: stems
        expr = _group_fts(group)
        if expr in seen:
            continue
        seen.add(expr)
        fts.append(expr)
        terms.extend(group)
    if len(fts) == 1:
        fts = [_group_fts(terms, boost=True)]
    return Query(" AND ".join(fts), terms)


def _matches(term: Term, token: str, evidence: frozenset[str] = frozenset()) -> bool:
    """Whether the index matched this token of the text for this query word: the token's
    stem and key are what index_terms stored for it, and the token as written is in the
    forms column."""
    by_key = term.latin or term.shared
    if by_key:
        stemmed, key = token_terms(token)
    else:  # no Latin key: only a by_key word asks for it
        stemmed, key = token_stem(token), ""
    if term.prefix:
        if stemmed.startswith(term.text) or token.startswith(term.text):
            return True
        if any(token.startswith(s) or stemmed.startswith(s) for s in term.stems[1:]):
            return True
        return by_key and (key.startswith(term.key) or key in term.key_set)
    return stemmed in term.stem_set or token in term.stem_set or (
        by_key and key in term.key_set) or stemmed in evidence


def _word_hits(term: Term, place: int, distinct: set[str], raw: Raw | None,
               extra: frozenset[str], known: dict[str, bool] | None) -> set[str]:
    """The raw words that match the term (those of `distinct` among them), remembered in
    raw by (group, place in it) with the words that do not; known: Query.seen's tokens."""
    hit, miss = (set(), set()) if raw is None else raw.setdefault((term.group, place),
                                                                   (set(), set()))
    for word in distinct.difference(hit, miss):
        token = normalize_word(word)
        if known is None:
            matched = _matches(term, token, extra)
        else:
            matched = known.get(token)
            if matched is None:
                matched = known[token] = _matches(term, token, extra)
        (hit if matched else miss).add(word)
    return hit


def _plain_hits(text: str, words: list[str], groups: list[list[Term]],
                evidence: dict[str, frozenset[str]] | None,
                seen: dict[int, dict[str, bool]] | None,
                raw: Raw | None) -> list[tuple[int, int]]:
    """_hits of a text whose raw words (plain_words) these are: the same test on the same
    tokens, decided by raw word with set operations, and offsets found only for a text
    with a hit (most paragraphs looked through for a snippet have none)."""
    distinct = set(words)
    singles: list[set[str]] = []  # the words that match each word alone
    phrases: list[tuple[int, list[int]]] = []  # (length, where each match starts)
    for group in groups:
        n = len(group)
        if n == 1:
            term = group[0]
            extra = evidence.get(term.text, frozenset()) if evidence else frozenset()
            known = None if seen is None else seen.setdefault(term.group, {})
            hit = _word_hits(term, 0, distinct, raw, extra, known)
            if not hit.isdisjoint(distinct):
                singles.append(hit)
            continue
        sets = [_word_hits(t, j, distinct, raw, frozenset(), None) for j, t in enumerate(group)]
        if all(not s.isdisjoint(distinct) for s in sets):
            starts = [i for i in range(len(words) - n + 1)
                      if all(words[i + j] in sets[j] for j in range(n))]
            if starts:
                phrases.append((n, starts))
    if not singles and not phrases:
        return []
    places = [[i for i, word in enumerate(words) if word in hit] for hit in singles]
    last = max((*(at[-1] for at in places), *(at[-1] + n - 1 for n, at in phrases)))
    offsets = plain_offsets(text, words, last + 1)  # only as far as the last hit
    found = [offsets[i] for at in places for i in at]
    for n, starts in phrases:
        found.extend((offsets[i][0], offsets[i + n - 1][1]) for i in starts)
    return _merged(found)


def _hits(text: str, groups: list[list[Term]],
          evidence: dict[str, frozenset[str]] | None = None,
          seen: dict[int, dict[str, bool]] | None = None,
          raw: Raw | None = None) -> list[tuple[int, int]]:
    """evidence: Query.evidence, the short-root forms the index search asked for; seen:
    Query.seen, what each word alone matched in the texts looked at before; raw:
    Query.words, the same by raw word (_plain_hits)."""
    words = plain_words(text)
    if words is not None:
        return _plain_hits(text, words, groups, evidence, seen, raw)
    return _span_hits(token_spans(text), groups, evidence, seen)


def _span_hits(spans: list[tuple[int, int, str]], groups: list[list[Term]],
               evidence: dict[str, frozenset[str]] | None = None,
               seen: dict[int, dict[str, bool]] | None = None) -> list[tuple[int, int]]:
    """_hits by the text's token_spans, one token at a time."""
    found: list[tuple[int, int]] = []
    for group in groups:
        n = len(group)
        if n == 1:  # the common case, kept cheap: this runs on every result's text
            term = group[0]
            extra = evidence.get(term.text, frozenset()) if evidence else frozenset()
            known = {} if seen is None else seen.setdefault(term.group, {})
            for start, end, token in spans:
                hit = known.get(token)
                if hit is None:
                    hit = known[token] = _matches(term, token, extra)
                if hit:
                    found.append((start, end))
            continue
        for i in range(len(spans) - n + 1):
            if all(_matches(group[j], spans[i + j][2]) for j in range(n)):
                found.append((spans[i][0], spans[i + n - 1][1]))
    return _merged(found)


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones made one."""
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def hits_in(article: Article, query: Query) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every hit, offsets into the ORIGINAL text; -1 is the title."""
    groups = query.groups()
    if not groups:
        return []
    out: list[tuple[int, int, int]] = []
    for number, text in enumerate((article.title, *article.paragraphs), start=-1):
        out.extend((number, start, end)
                   for start, end in _hits(text, groups, query.evidence, query.seen,
                                             query.words))
    return out


def hits_in_text(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) of the hits in one piece of text: the words the index matched there."""
    return _hits(text, query.groups())


def first_hit(article: Article, query: Query) -> tuple[int, list[tuple[int, int]]]:
    """The first paragraph with a hit and its hits (of a huge one, those of its first piece
    with any); (-1, []) if none (the title only).

    Stops at that paragraph: a result list needs one snippet, not every hit."""
    groups = query.groups()
    if groups:
        for number, text in enumerate(article.paragraphs):
            found = _first_hits(text, groups, query)
            if found:
                return number, found
    return -1, []


PIECE = 20_000  # characters of a paragraph looked through at a time for a snippet
OVERLAP = 500  # characters the next piece goes back, for a phrase across the cut


def _first_hits(text: str, groups: list[list[Term]], query: Query) -> list[tuple[int, int]]:
    """The hits of the first piece of `text` that has any: a paragraph of megabytes (one
    line of a scraped page) takes seconds to look through whole, on every keystroke of a
    search as you type, and its snippet needs the first hit only."""
    start = 0
    while True:
        end = len(text)
        if end - start > PIECE:  # cut at a space
            end = text.rfind(" ", start, start + PIECE)
            if end <= start:  # a "word" of thousands of letters (junk): no query's word
                end = text.find(" ", start + PIECE)
                if end < 0:
                    return []
                start = end + 1
                continue
        found = _hits(text[start:end], groups, query.evidence, query.seen, query.words)
        if found or end == len(text):
            return [(a + start, b + start) for a, b in found]
        back = text.rfind(" ", start, end - OVERLAP)
        start = back + 1 if back >= start else end
