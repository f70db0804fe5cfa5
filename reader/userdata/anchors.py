"""Anchors: what a bookmark, note or highlight points at, kept so that it can be found again
after the article is edited or moved.

An anchor holds the quoted text and a little context either side (the W3C Web Annotation
TextQuoteSelector) and a hash of the whole article. Re-finding is pure: it takes the
article's paragraphs now and returns the new place, or "orphaned" when nothing is close
enough, since showing a reader the wrong paragraph is worse than saying it is gone.

Matching compares normalised text (NFC, every whitespace run one space) with paragraph
ends read as spaces, so a paragraph split or joined still matches exactly; the places
returned are in the real paragraph strings. Only the close (fuzzy) comparison ignores case.
The work is capped (occurrences, pieces, windows), so a 5 MB one-line article stays cheap.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from reader.userdata.selectors import EDITED, OK, ORPHANED, Anchor, Span

__all__ = ["EDITED", "OK", "ORPHANED", "Anchor", "Span", "Found", "text_hash",
           "paragraph_anchor", "passage_anchor", "passage_text", "find_paragraph",
           "find_passage"]

QUOTE_CHARS = 80  # a paragraph anchor quotes the start of its paragraph, up to this many
CONTEXT_CHARS = 32  # prefix and suffix length


# A close match must keep 80 % of the quote (difflib's 2*M/T): one fixed typo, a word
# changed or added in an 80-character quote scores 0.9 and more, while a paragraph that
# only shares an opening phrase ("Сессия барысында депутаттар ...") scores about 0.5, and
# other paragraphs of the same report 0.35 to 0.45.
FUZZY_THRESHOLD = 0.8
# ... when both sides of its context agree. With one side only (a paragraph inserted or
# deleted next to it, or a near-twin paragraph where it was deleted: "15 қаңтарда ...
# бюджет" after "16 қаңтарда ... жол" scores 0.93) only a typo-sized change is taken.
ONE_SIDED_THRESHOLD = 0.97
# Two places scoring within this of each other are told apart only by their context;
# when that does not decide, the anchor is orphaned rather than guessed.
FUZZY_MARGIN = 0.05
CONTEXT_DECIDES = 0.2
CONTEXT_TIE = 0.1  # exact matches whose context agrees this nearly: nearness decides
# Every place taken needs one side of its context to agree this well (unrelated Kazakh
# text of 32 characters agrees about 0.3, at most 0.7). One edit (a paragraph inserted or
# deleted above, a typo after the quote, a split, a join) leaves one side whole; a twin
# paragraph with the same opening, left when the bookmarked one is deleted, has neither.
SUPPORT = 0.75
MIN_FUZZY_CHARS = 12  # a close match on fewer characters means nothing
SPLIT_MIN_CHARS = 20  # the first half of a split paragraph that is enough on its own
WORD_LEVEL_CHARS = 300  # longer quotes are compared word by word (difflib is quadratic)

MAX_EXACT = 256  # exact occurrences looked at, the nearest to the old place first
PIECE_CHARS = 16  # the close search looks for pieces of the quote this long ...
MAX_PIECES = 12  # ... at most this many ...
PIECE_HITS = 32  # ... each at most this many times ...
MAX_WINDOWS = 24  # ... and compares the quote with at most this many windows ...
ALIGN_BUDGET = 40_000  # ... of at most this many characters in all (a long quote, fewer)
MAX_WORD = 40  # a close match is widened to whole words no longer than this

_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
CHUNK_CHARS = 1 << 14  # offsets in a long paragraph are counted this many characters at a time


@dataclass(frozen=True)
class Found:
    """Where an anchor is now. "ok": the article is unchanged; "edited": it changed and the
    place was found again (maybe the same one); "orphaned": not found, paragraph None."""

    status: str
    paragraph: int | None
    span: Span | None  # for passages
    score: float  # 1.0 for an exact match, lower for a close one


_ORPHANED = Found(ORPHANED, None, None, 0.0)


# --- the article as matching sees it ---------------------------------------------------


def _normal(text: str) -> str:
    """One paragraph as it is compared: NFC, whitespace runs as one space, no edge spaces."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _fold(text: str) -> str:
    """Lower case for the close comparison, keeping every position (İ lower-cases to two)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _flat(stored: str) -> str:
    """An anchor's text as it is searched: paragraph ends read as spaces."""
    return unicodedata.normalize("NFC", stored).replace("\n", " ")


class _Article:
    """The paragraphs, normalised and joined once per text (see _article)."""

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self.real = paragraphs
        self.norm = tuple(_same_or(p, _normal(p)) for p in paragraphs)  # one copy if equal
        self.joined = "\n".join(self.norm)
        self.flat = self.joined.replace("\n", " ")  # same positions as joined
        starts, at = [], 0
        for paragraph in self.norm:
            starts.append(at)
            at += len(paragraph) + 1
        self.starts = tuple(starts)
        digest = hashlib.sha256(self.joined.encode("utf-8", "surrogatepass")).hexdigest()
        self.hash = "sha256:" + digest
        self._chunks: dict[int, tuple[_Chunk, ...]] = {}

    @cached_property
    def folded(self) -> str:
        return _fold(self.flat)

    def chunks(self, index: int) -> tuple[_Chunk, ...]:
        """A paragraph's chunks, counted once (see _chunks)."""
        if index not in self._chunks:
            self._chunks[index] = _chunks(self.real[index])
        return self._chunks[index]

    def paragraph_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def start_of(self, paragraph: int) -> int:
        """Where a paragraph starts in the text; a number out of range is clamped."""
        if not self.starts:
            return 0
        return self.starts[min(max(paragraph, 0), len(self.starts) - 1)]


def _same_or(real: str, normal: str) -> str:
    return real if real == normal else normal


@lru_cache(maxsize=4)  # a 5 MB article takes some 20 MB prepared
def _prepared(paragraphs: tuple[str, ...]) -> _Article:
    return _Article(paragraphs)


def _article(paragraphs: Sequence[str]) -> _Article:
    """Cached: resolving every entry of one article normalises and hashes it once."""
    return _prepared(tuple(paragraphs))


def text_hash(paragraphs: Sequence[str]) -> str:
    """"sha256:" and the hex digest of the normalised paragraphs joined with "\\n": an edit
    of whitespace or Unicode form alone keeps it, so it does not make entries "edited"."""
    return _article(paragraphs).hash


# --- offsets between the real and the normalised paragraph -------------------------------


@dataclass(frozen=True)
class _Chunk:
    """A piece of a long paragraph that is not normalised: real[lo:hi] becomes `length`
    normalised characters at `pos` (after one joining space when `joined`)."""

    lo: int
    hi: int
    pos: int
    joined: bool
    length: int

    @property
    def norm_end(self) -> int:
        return self.pos + self.joined + self.length


def _chunks(real: str) -> tuple[_Chunk, ...]:
    """The paragraph cut at whitespace about every CHUNK_CHARS characters (NFC and the
    collapsing of runs never cross whitespace), with the chunks of words only."""
    chunks: list[_Chunk] = []
    lo = 0
    while lo < len(real):
        space = _SPACE.search(real, lo + CHUNK_CHARS)
        hi = space.start() if space else len(real)
        length = len(_normal(real[lo:hi]))
        if length:
            pos = chunks[-1].norm_end if chunks else 0
            chunks.append(_Chunk(lo, hi, pos, bool(chunks), length))
        lo = hi
    return tuple(chunks)


def _norm_offset(art: _Article, index: int, offset: int) -> int:
    """The normalised offset of a real one (a cut inside a whitespace run goes to its end)."""
    real = art.real[index]
    if real == art.norm[index]:
        return offset
    chunks = art.chunks(index)
    number = bisect_right([c.lo for c in chunks], offset) - 1
    if number < 0:
        return 0  # only whitespace before it
    chunk = chunks[number]
    head = _normal(real[chunk.lo : offset])
    pos = chunk.pos + chunk.joined + len(head) if head else chunk.pos
    if (head or chunk.joined) and real[offset - 1].isspace() and _WORD.search(real, offset):
        pos += 1  # the one space the run became
    return pos


def _real_offset(art: _Article, index: int, offset: int) -> int:
    """The real offset of a normalised one. Most paragraphs are normalised already; in
    the others only the chunk that holds the offset is walked word by word."""
    real = art.real[index]
    if real == art.norm[index]:
        return offset
    chunks = art.chunks(index)
    number = bisect_left([c.norm_end for c in chunks], offset)
    if number == len(chunks):
        return len(real.rstrip())
    chunk = chunks[number]
    return _walk(real, chunk.lo, chunk.hi, chunk.pos, chunk.joined, offset)


def _walk(real: str, lo: int, hi: int, pos: int, started: bool, offset: int) -> int:
    """The real offset of normalised `offset`, word by word through real[lo:hi]."""
    for match in _WORD.finditer(real, lo, hi):
        if started:
            pos += 1  # the space before the word
        raw = match.group()
        word = unicodedata.normalize("NFC", raw)
        if offset <= pos + len(word):
            return match.start() + _raw_length(raw, word, max(offset - pos, 0))
        pos, started = pos + len(word), True
    return hi


def _raw_length(raw: str, word: str, chars: int) -> int:
    """How much of a raw word makes the first `chars` characters of its NFC form: the
    longest such head, so combining marks stay with their letter (a binary search, as
    that length never shrinks when the head grows)."""
    if raw == word:
        return chars
    low, high = 0, len(raw)
    while low < high:
        middle = (low + high + 1) // 2
        if len(unicodedata.normalize("NFC", raw[:middle])) <= chars:
            low = middle
        else:
            high = middle - 1
    return low


# --- making anchors ----------------------------------------------------------------------


def _cut_quote(paragraph: str) -> str:
    """The start of a paragraph, cut at a word end when one is in the second half."""
    if len(paragraph) <= QUOTE_CHARS:
        return paragraph
    if paragraph[QUOTE_CHARS] == " ":
        return paragraph[:QUOTE_CHARS]
    cut = paragraph.rfind(" ", QUOTE_CHARS // 2, QUOTE_CHARS)
    return paragraph[:QUOTE_CHARS] if cut < 0 else paragraph[:cut]


def _anchor(art: _Article, start: int, end: int) -> Anchor:
    return Anchor(
        quote=art.joined[start:end],
        prefix=art.joined[max(0, start - CONTEXT_CHARS) : start],
        suffix=art.joined[end : end + CONTEXT_CHARS],
        text_hash=art.hash,
    )


def paragraph_anchor(paragraphs: Sequence[str], index: int) -> Anchor | None:
    """The anchor of a paragraph; None when there is no such paragraph."""
    art = _article(paragraphs)
    if not 0 <= index < len(art.norm):
        return None
    start = art.starts[index]
    return _anchor(art, start, start + len(_cut_quote(art.norm[index])))


def _valid_span(paragraphs: Sequence[str], span: Span) -> bool:
    count = len(paragraphs)
    if not 0 <= span.paragraph <= span.end_paragraph < count:
        return False
    if not 0 <= span.offset <= len(paragraphs[span.paragraph]):
        return False
    if not 0 <= span.end_offset <= len(paragraphs[span.end_paragraph]):
        return False
    return (span.paragraph, span.offset) < (span.end_paragraph, span.end_offset)


def passage_anchor(paragraphs: Sequence[str], span: Span) -> Anchor | None:
    """The anchor of a passage; None when the span is out of range, empty or blank."""
    art = _article(paragraphs)
    if not _valid_span(art.real, span):
        return None
    start, end = _flat_range(art, span)
    if not art.joined[start:end].strip():
        return None
    return _anchor(art, start, end)


def _flat_range(art: _Article, span: Span) -> tuple[int, int]:
    """Where a valid span is in the article's normalised text."""
    first, last = span.paragraph, span.end_paragraph
    start = art.starts[first] + _norm_offset(art, first, span.offset)
    return start, art.starts[last] + _norm_offset(art, last, span.end_offset)


def passage_text(paragraphs: Sequence[str], span: Span) -> str:
    """The real text of a passage, paragraph ends as "\\n"; "" for a span out of range."""
    if not _valid_span(paragraphs, span):
        return ""
    first, last = span.paragraph, span.end_paragraph
    if first == last:
        return paragraphs[first][span.offset : span.end_offset]
    middle = list(paragraphs[first + 1 : last])
    head, tail = paragraphs[first][span.offset :], paragraphs[last][: span.end_offset]
    return "\n".join([head, *middle, tail])


# --- candidates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int  # in the article's flat text
    end: int
    score: float  # how well the quote matches here
    context: float  # how well prefix and suffix agree, on average
    support: float  # the better of the two sides


def _agreement(expected: str, actual: str) -> float:
    if expected == actual:
        return 1.0
    if not expected or not actual:
        return 0.0
    return SequenceMatcher(None, expected, actual, autojunk=False).ratio()


def _hit(art: _Article, anchor: Anchor, start: int, end: int, score: float) -> _Hit:
    """A candidate with its context scored. An anchor made at the article's start has a
    short prefix: the text now before the place is compared at full width, so text that
    has appeared before it counts against it."""
    # (a stored context is CONTEXT_CHARS long; a longer one came from a hand edit or an
    # import, and comparing it would take seconds: only its nearest part counts)
    prefix = _flat(anchor.prefix)[-2 * CONTEXT_CHARS:]
    suffix = _flat(anchor.suffix)[: 2 * CONTEXT_CHARS]
    before = art.flat[max(0, start - max(len(prefix), CONTEXT_CHARS)) : start]
    after = art.flat[end : end + max(len(suffix), CONTEXT_CHARS)]
    sides = _agreement(prefix, before), _agreement(suffix, after)
    return _Hit(start, end, score, sum(sides) / 2, max(sides))


def _supported(hits: list[_Hit]) -> list[_Hit]:
    """The places where at least one side of the context agrees (see SUPPORT)."""
    return [h for h in hits if h.support >= SUPPORT]


def _both_sides(hit: _Hit) -> bool:
    return 2 * hit.context - hit.support >= SUPPORT  # the weaker side agrees too


def _near(text: str, needle: str, around: int, limit: int) -> list[int]:
    """Where needle occurs, nearest to `around` first, at most `limit` places: a quote
    repeated all over a 5 MB text costs no more than a few."""
    if not needle:
        return []
    found: list[int] = []
    i = text.find(needle, around)
    while i >= 0 and len(found) < limit // 2:
        found.append(i)
        i = text.find(needle, i + 1)
    j = text.rfind(needle, 0, around + len(needle) - 1)
    while j >= 0 and len(found) < limit:
        found.append(j)
        j = text.rfind(needle, 0, j + len(needle) - 1)
    return found


def _best_exact(hits: list[_Hit], nearness: Callable[[_Hit], tuple]) -> _Hit | None:
    """The place whose context agrees best; among places that agree about as well, the
    nearest to the old one."""
    if not hits:
        return None
    top = max(h.context for h in hits)
    return min((h for h in hits if h.context >= top - CONTEXT_TIE), key=nearness)


def _best_close(hits: list[_Hit], same_place: Callable[[_Hit, _Hit], bool]) -> _Hit | None:
    """The close match, when it is close enough and clearly better than any other place:
    by its score, or else by its context. Otherwise None: never a guess."""
    distinct: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: -h.score):
        if not any(same_place(hit, kept) for kept in distinct):
            distinct.append(hit)
    if not distinct or distinct[0].score < FUZZY_THRESHOLD:
        return None
    if not _both_sides(distinct[0]) and distinct[0].score < ONE_SIDED_THRESHOLD:
        return None  # a near-twin paragraph left when this one was deleted looks like this
    contenders = [h for h in distinct if h.score > distinct[0].score - FUZZY_MARGIN]
    if len(contenders) == 1:
        return contenders[0]
    contenders.sort(key=lambda h: -h.context)
    best, second = contenders[0], contenders[1]
    if best.score >= FUZZY_THRESHOLD and best.context - second.context >= CONTEXT_DECIDES:
        return best
    return None


# --- the close (fuzzy) search ----------------------------------------------------------------


def _windows(text: str, quote: str, around: int) -> list[tuple[int, int]]:
    """Where a close match may start: where pieces of the quote occur exactly, grouped;
    the places most pieces agree on first. One edit breaks one or two pieces, not all."""
    n = len(quote)
    size = min(PIECE_CHARS, max(4, n // 4))
    count = min(MAX_PIECES, max(2, n // size))
    offsets = sorted({round(k * (n - size) / (count - 1)) for k in range(count)})
    guesses = []
    for number, offset in enumerate(offsets):
        piece = quote[offset : offset + size]
        if piece.strip():
            places = _near(text, piece, around + offset, PIECE_HITS)
            guesses += [(i - offset, number) for i in places]
    guesses.sort()
    tolerance = max(8, n // 4)  # words added or removed move the later pieces
    groups: list[tuple[int, int, set[int]]] = []
    for guess, number in guesses:
        if groups and guess - groups[-1][0] <= tolerance:
            groups[-1][2].add(number)
            groups[-1] = (groups[-1][0], guess, groups[-1][2])
        else:
            groups.append((guess, guess, {number}))
    if len(offsets) >= 4:  # one piece alone is chance when there are several to agree
        groups = [g for g in groups if len(g[2]) >= 2]
    groups.sort(key=lambda g: (-len(g[2]), abs(g[0] - around)))
    return [(first, last) for first, last, _ in groups[:MAX_WINDOWS]]


def _align(quote: str, window: str) -> tuple[int, int, float] | None:
    """The part of the window the quote matches, and how well. Long quotes are compared
    word by word (each word weighs its length), short ones character by character."""
    if len(quote) <= WORD_LEVEL_CHARS:
        spans = [(i, i + 1) for i in range(len(window))]
        return _align_units(quote, [1] * len(quote), window, [1] * len(window), spans)
    words = quote.split()
    spans = [(m.start(), m.end()) for m in _WORD.finditer(window)]
    tokens = [window[a:b] for a, b in spans]
    return _align_units(
        words, [len(w) + 1 for w in words], tokens, [len(t) + 1 for t in tokens], spans
    )


def _sums(weights: list[int]) -> list[int]:
    sums = [0]
    for weight in weights:
        sums.append(sums[-1] + weight)
    return sums


def _align_units(
    quote: Sequence[str],
    quote_weights: list[int],
    window: Sequence[str],
    window_weights: list[int],
    spans: list[tuple[int, int]],
) -> tuple[int, int, float] | None:
    """difflib's ratio of the quote and the matched part of the window, 2*M/T. Stray
    matches at either end (a common syllable in the text around) are dropped while that
    raises the ratio, so the part found is where the quote really is."""
    matcher = SequenceMatcher(None, quote, window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    q_sums, w_sums = _sums(quote_weights), _sums(window_weights)
    total = q_sums[-1]

    def ratio(part: list) -> float:
        matched = sum(q_sums[b.a + b.size] - q_sums[b.a] for b in part)
        covered = w_sums[part[-1].b + part[-1].size] - w_sums[part[0].b]
        return 2 * matched / (total + covered)

    current = ratio(blocks)
    while len(blocks) > 1:
        shorter = max((blocks[1:], blocks[:-1]), key=ratio)
        if ratio(shorter) <= current:
            break
        blocks, current = shorter, ratio(shorter)
    last = blocks[-1]
    return spans[blocks[0].b][0], spans[last.b + last.size - 1][1], current


def _close_hits(art: _Article, anchor: Anchor, quote: str, around: int) -> list[_Hit]:
    """Places where the quote matches after a small edit, each scored: the old place and
    the windows the pieces point to, until the budget of compared text is spent."""
    if len(quote) < MIN_FUZZY_CHARS or not art.flat:
        return []
    text, folded = art.folded, _fold(quote)
    n = len(folded)
    slack = max(8, n // 5)
    windows = [(around, around), *_windows(text, folded, around)]
    hits, seen, budget = [], set(), ALIGN_BUDGET
    for first, last in windows:
        lo, hi = max(0, first - slack), min(len(text), last + n + slack)
        if (lo, hi) in seen:
            continue
        if budget <= 0:
            break
        seen.add((lo, hi))
        budget -= hi - lo
        aligned = _align(folded, text[lo:hi])
        if aligned is None:
            continue
        start, end, score = lo + aligned[0], lo + aligned[1], aligned[2]
        start, end = _word_ends(text, anchor, start, end)
        if start < end:
            hits.append(_hit(art, anchor, start, end, score))
    return hits


def _word_ends(text: str, anchor: Anchor, start: int, end: int) -> tuple[int, int]:
    """A close match's edges, off the spaces, and out to whole words where the quote was
    whole words: its first word may be the one changed, and a highlight keeps it."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if start < end and (not anchor.prefix or anchor.prefix[-1].isspace()):
        space = text.rfind(" ", max(0, start - MAX_WORD), start)
        if space >= 0 or start <= MAX_WORD:
            start = space + 1
    if start < end and (not anchor.suffix or anchor.suffix[0].isspace()):
        space = text.find(" ", end, end + MAX_WORD + 1)
        if space >= 0 or len(text) - end <= MAX_WORD:
            end = len(text) if space < 0 else space
    return start, end


# --- re-finding ---------------------------------------------------------------------------


def find_paragraph(anchor: Anchor, paragraphs: Sequence[str], old_paragraph: int) -> Found:
    """Where a paragraph anchor is now: the unchanged article at once; else the quote at
    the start of a paragraph (or inside one, after a join; across a paragraph end, after a
    split); else a close match; else the first half of a split paragraph; else orphaned."""
    art = _article(paragraphs)
    if anchor.text_hash == art.hash and 0 <= old_paragraph < len(art.norm):
        return Found(OK, old_paragraph, None, 1.0)
    if not art.norm:
        return _ORPHANED
    quote = _flat(anchor.quote)
    if not quote.strip():
        return _find_empty_paragraph(art, anchor, old_paragraph)
    around = art.start_of(old_paragraph)

    def nearness(hit: _Hit) -> tuple:
        at_start = hit.start == 0 or art.joined[hit.start - 1] == "\n"
        return (not at_start, abs(art.paragraph_at(hit.start) - old_paragraph), hit.start)

    def same_paragraph(a: _Hit, b: _Hit) -> bool:
        return art.paragraph_at(a.start) == art.paragraph_at(b.start)

    starts = [i for i in _near(art.flat, quote, around, MAX_EXACT) if _word_start(art.flat, i)]
    exact = [_hit(art, anchor, i, i + len(quote), 1.0) for i in starts]
    best = _best_exact(_supported(exact), nearness)
    if best is None:
        close = _close_hits(art, anchor, quote, around)
        best = _best_close(_supported(close), same_paragraph)
    if best is None:
        best = _best_exact(_supported(_split_hits(art, anchor, quote)), nearness)
    if best is None:
        return _ORPHANED
    return Found(EDITED, art.paragraph_at(best.start), None, best.score)


def _word_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == " "


def _split_hits(art: _Article, anchor: Anchor, quote: str) -> list[_Hit]:
    """Paragraphs that are the first part of the quote up to a word end: the paragraph was
    split inside its quote and what followed was rewritten."""
    hits = []
    for number, paragraph in enumerate(art.norm):
        length = len(paragraph)
        fits = SPLIT_MIN_CHARS <= length < len(quote) and quote[length] == " "
        if fits and quote.startswith(paragraph):
            start = art.starts[number]
            hits.append(_hit(art, anchor, start, start + length, length / len(quote)))
    return hits


def _find_empty_paragraph(art: _Article, anchor: Anchor, old_paragraph: int) -> Found:
    """An empty paragraph quotes nothing: an empty paragraph whose neighbours agree (the
    nearest MAX_EXACT empty paragraphs are looked at)."""
    empty = [number for number, paragraph in enumerate(art.norm) if not paragraph]
    empty.sort(key=lambda number: abs(number - old_paragraph))
    hits = [_hit(art, anchor, art.starts[n], art.starts[n], 1.0) for n in empty[:MAX_EXACT]]
    best = _best_exact(
        _supported(hits), lambda h: (abs(art.paragraph_at(h.start) - old_paragraph),)
    )
    if best is None:
        return _ORPHANED
    return Found(EDITED, art.paragraph_at(best.start), None, best.context)


def find_passage(anchor: Anchor, paragraphs: Sequence[str], old_span: Span) -> Found:
    """Where a passage anchor is now: the unchanged article at once (its real offsets
    checked, as whitespace may have moved them); else the passage's exact text
    (paragraph ends read as spaces); else a close match; else orphaned."""
    art = _article(paragraphs)
    if anchor.text_hash == art.hash and _still_there(art, anchor, old_span):
        return Found(OK, old_span.paragraph, old_span, 1.0)
    quote = _flat(anchor.quote)
    if not art.norm or not quote.strip():
        return _ORPHANED
    around = min(art.start_of(old_span.paragraph) + max(old_span.offset, 0), len(art.flat))

    def nearness(hit: _Hit) -> tuple:
        return (abs(art.paragraph_at(hit.start) - old_span.paragraph), abs(hit.start - around))

    def overlap(a: _Hit, b: _Hit) -> bool:
        return a.start < b.end and b.start < a.end

    exact = [
        _hit(art, anchor, i, i + len(quote), 1.0)
        for i in _near(art.flat, quote, around, MAX_EXACT)
    ]
    best = _best_exact(_supported(exact), nearness)
    if best is None:
        best = _best_close(_supported(_close_hits(art, anchor, quote, around)), overlap)
    if best is None:
        return _ORPHANED
    span = _span(art, best.start, best.end)
    return Found(EDITED, span.paragraph, span, best.score)


def _still_there(art: _Article, anchor: Anchor, span: Span) -> bool:
    """The same hash, and the old span still holds the quote: whitespace edits keep the
    hash but move real offsets, and then the span is found again ("edited")."""
    if not _valid_span(art.real, span):
        return False
    start, end = _flat_range(art, span)
    return art.joined[start:end] == anchor.quote


def _span(art: _Article, start: int, end: int) -> Span:
    """A found part of the flat text as a Span of the real paragraphs. A part that ends
    just after a paragraph end ends at the end of that paragraph instead."""
    first = art.paragraph_at(start)
    last = art.paragraph_at(max(start, end - 1))
    offset = min(start - art.starts[first], len(art.norm[first]))
    end_offset = min(end - art.starts[last], len(art.norm[last]))
    return Span(
        first,
        _real_offset(art, first, offset),
        last,
        _real_offset(art, last, end_offset),
    )
