"""Sentences and words of an article, and stepping through them across paragraph ends.

A passage highlight is chosen with the keyboard a sentence or a word at a time (`v`, then
`j`/`k`, `w`/`b`); this module says where the next and the previous sentence or word
begins and ends. A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
brackets) followed by a space or the end of the paragraph, except after a common
abbreviation (т.б., ж., млн.), after an initial (Қ. Тоқаев) or before a lower-case word.
Numbers such as 2,5 or 2.5 hold no space, so they never end one.

Pure text, no Textual. Places are (paragraph, offset) pairs, offsets in characters of the
paragraph strings, so they are the offsets of anchors.Span. A paragraph of megabytes (a
one-line article) is split into sentences once, when first needed; words are found by
looking only near the place asked about.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reader.lazy_re import lazy_compile

Pos = tuple[int, int]  # (paragraph, offset)
SENTENCE = "sentence"
WORD = "word"

# Shortened words written with a full stop that does not end the sentence (lower case).
ABBREVIATIONS = frozenset({
    "т.б.", "т.с.с.", "т.т.", "т.с.", "т.б.с.", "т.е.", "т.д.", "т.п.", "т.к.", "др.",
    "ж.", "жж.", "ғ.", "ғғ.", "б.з.д.", "б.з.", "млн.", "млрд.", "трлн.", "мыс.", "мысалы.",
    "тг.", "руб.", "долл.", "қ.", "обл.", "ауд.", "көш.", "даң.", "пр.", "просп.", "ул.",
    "проф.", "акад.", "доц.", "док.", "мед.", "т.ғ.д.", "т.ғ.к.", "ф.ғ.д.", "ф.ғ.к.",
    "э.ғ.д.", "э.ғ.к.", "з.ғ.д.", "з.ғ.к.", "п.ғ.д.", "п.ғ.к.", "с.", "бб.", "б.", "сағ.",
    "мин.", "сек.", "км.", "кг.", "га.", "см.", "мм.", "шақ.", "им.", "г.", "гг.", "тел.",
    "стр.", "рис.", "табл.", "etc.", "e.g.", "i.e.", "mr.", "mrs.", "dr.", "vs.",
})
# ... of which these may also close a sentence: they do when a capital letter follows.
MAY_END = frozenset({"т.б.", "т.с.с.", "т.т.", "т.б.с.", "т.д.", "т.п.", "др.", "etc."})

_END = lazy_compile(r"[.!?…]+[\"'»”“’)\]]*(?=\s|\Z)")
_WORD = lazy_compile(r"\S+")
_TOKEN = lazy_compile(r"\S+\Z")
_FOLLOWS = lazy_compile(r"[\s—–-]*(\S)")  # the first character after, over a dialogue dash
MAX_TOKEN = 24  # characters looked back for the word a full stop closes (abbreviations are short)
_INITIALS = lazy_compile(r"(?:[^\W\d_]\.)+")  # Қ.  or  Қ.К.
_OPENING = "\"'«“„‘([—–-"
_CLOSING = "\"'»”“’)]"


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the punctuation text[start:end] (a candidate from _END) ends a sentence."""
    after = _FOLLOWS.match(text, end)
    follows = after.group(1) if after else ""
    if follows.islower():
        return False  # "2,5 млн. теңге", "Қайда? — деді ол"
    if text[start] != ".":
        return True  # ! ? … end the sentence before anything but a lower-case word
    word = _TOKEN.search(text, max(0, start - MAX_TOKEN), end)  # the word it closes
    token = (word.group() if word else "").rstrip(_CLOSING).lstrip(_OPENING).lower()
    if token.endswith("..") or token.endswith("…"):
        return True  # an ellipsis written with full stops
    if token in ABBREVIATIONS:
        return token in MAY_END and follows.isupper()
    return _INITIALS.fullmatch(token) is None


def sentences(text: str) -> list[tuple[int, int]]:
    """Each sentence of a paragraph as (start, end), without the spaces around it; a
    blank paragraph has none."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _END.finditer(text):
        if not _ends_sentence(text, match.start(), match.end()):
            continue
        first = _WORD.search(text, begin, match.end())
        if first is not None:
            spans.append((first.start(), match.end()))
        begin = match.end()
    rest = _WORD.search(text, begin)
    if rest is not None:
        spans.append((rest.start(), len(text.rstrip())))
    return spans


def passage_length(paragraphs: Sequence[str], start: Pos, end: Pos) -> int:
    """Characters from start to end, each paragraph end counted as one."""
    (first, offset), (last, end_offset) = start, end
    if first == last:
        return end_offset - offset
    middle = sum(len(p) + 1 for p in paragraphs[first + 1 : last])
    return len(paragraphs[first]) - offset + 1 + middle + end_offset


def _word_after(text: str, pos: int) -> tuple[int, int] | None:
    """The first word that starts at or after pos."""
    match = _WORD.search(text, pos)
    return match.span() if match else None


def _word_before(text: str, pos: int) -> tuple[int, int] | None:
    """The last whole word that ends at or before pos (pos is not inside a word)."""
    size = 256
    while True:
        low = max(0, pos - size)
        last = None
        for last in _WORD.finditer(text, low, pos):  # noqa: B007 (the last one is wanted)
            pass
        if last is not None and (last.start() > low or low == 0):
            return last.span()
        if low == 0:
            return None
        size *= 4  # a word longer than the window: look further back


def _ends_between(text: str, low: int, high: int) -> Iterator[int]:
    """The sentence ends made by punctuation that starts in text[low:high], in order."""
    back = max(0, low - MAX_TOKEN)  # a run of punctuation that began a little earlier
    while low > back and text[low - 1] in ".!?…":
        low -= 1
    for match in _END.finditer(text, low):
        if match.start() >= high:
            return
        if _ends_sentence(text, match.start(), match.end()):
            yield match.end()


WINDOW = 2048  # characters looked at before a place first; more when that holds no end


class Steps:
    """Sentence and word boundaries of one article's paragraphs, for a selection that
    grows or shrinks a unit (SENTENCE or WORD) at a time, across paragraph ends. Only the
    text near the place asked about is looked at, so a paragraph of megabytes costs no
    more than a short one."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.paragraphs = paragraphs

    def _later(self, paragraph: int) -> range:
        return range(paragraph + 1, len(self.paragraphs))

    def _earlier(self, paragraph: int) -> range:
        return range(min(paragraph, len(self.paragraphs)) - 1, -1, -1)

    def sentence_at(self, paragraph: int) -> tuple[Pos, Pos] | None:
        """The first sentence of this paragraph, or of the next one with any text."""
        for index in range(max(0, paragraph), len(self.paragraphs)):
            word = _word_after(self.paragraphs[index], 0)
            end = self._end_after(index, word[0], SENTENCE) if word else None
            if word is not None and end is not None:
                return (index, word[0]), (index, end)
        return None

    def first_word(self, paragraph: int) -> tuple[Pos, Pos] | None:
        """The first word of this paragraph, or of the next one with any text."""
        for index in range(max(0, paragraph), len(self.paragraphs)):
            word = _word_after(self.paragraphs[index], 0)
            if word is not None:
                return (index, word[0]), (index, word[1])
        return None

    # -- the end of a selection -------------------------------------------------------

    def next_end(self, end: Pos, unit: str) -> Pos | None:
        """Where the unit after `end` ends: the selection one unit longer."""
        paragraph, offset = end
        if 0 <= paragraph < len(self.paragraphs):
            found = self._end_after(paragraph, offset, unit)
            if found is not None:
                return paragraph, found
        for index in self._later(paragraph):
            found = self._end_after(index, 0, unit)
            if found is not None:
                return index, found
        return None

    def previous_end(self, end: Pos, start: Pos, unit: str) -> Pos | None:
        """Where the unit before the last one ends, if that still leaves something after
        `start`: the selection one unit shorter."""
        paragraph, offset = end
        found: Pos | None = None
        before = (self._end_before(paragraph, offset, unit)
                  if 0 <= paragraph < len(self.paragraphs) else None)
        if before is not None:
            found = paragraph, before
        else:
            for index in self._earlier(paragraph):
                last = self._end_before(index, len(self.paragraphs[index]) + 1, unit)
                if last is not None:
                    found = index, last
                    break
        return found if found is not None and found > start else None

    def _end_after(self, paragraph: int, offset: int, unit: str) -> int | None:
        """The first unit end after offset in this paragraph."""
        text = self.paragraphs[paragraph]
        if unit == WORD:
            word = _word_after(text, offset)
            return word[1] if word else None
        last = len(text.rstrip())  # the last sentence ends here, full stop or not
        found = next((e for e in _ends_between(text, offset, last) if e > offset), None)
        return found if found is not None else (last if last > offset else None)

    def _end_before(self, paragraph: int, offset: int, unit: str) -> int | None:
        """The last unit end before offset in this paragraph."""
        text = self.paragraphs[paragraph]
        if unit == WORD:
            word = _word_before(text, min(offset, len(text)))
            if word is not None and word[1] == offset:  # the word the selection ends with
                word = _word_before(text, word[0])
            return word[1] if word else None
        last = len(text.rstrip())
        if offset > last:
            return last or None
        size = WINDOW
        while True:
            low = max(0, offset - size)
            ends = [e for e in _ends_between(text, low, offset) if e < offset]
            if ends:
                return ends[-1]
            if low == 0:
                return None
            size *= 4

    # -- the start of a selection -----------------------------------------------------

    def next_start(self, start: Pos, end: Pos, unit: str) -> Pos | None:
        """Where the unit after the first one starts, if that is still before `end`: the
        selection one unit shorter at its start."""
        paragraph, offset = start
        found = self._start_after(paragraph, offset, unit)
        place: Pos | None = (paragraph, found) if found is not None else None
        if place is None:
            for index in self._later(paragraph):
                first = self._start_after(index, -1, unit)
                if first is not None:
                    place = index, first
                    break
        return place if place is not None and place < end else None

    def previous_start(self, start: Pos, unit: str) -> Pos | None:
        """Where the unit before `start` starts: the selection one unit longer at its start."""
        paragraph, offset = start
        found = self._start_before(paragraph, offset, unit)
        if found is not None:
            return paragraph, found
        for index in self._earlier(paragraph):
            last = self._start_before(index, len(self.paragraphs[index]) + 1, unit)
            if last is not None:
                return index, last
        return None

    def _start_after(self, paragraph: int, offset: int, unit: str) -> int | None:
        """The first unit start after offset (-1: the paragraph's first)."""
        text = self.paragraphs[paragraph]
        if offset < 0:
            word = _word_after(text, 0)
        elif unit == WORD:
            here = _WORD.match(text, offset)
            word = _word_after(text, here.end() if here else offset + 1)
        else:
            end = self._end_after(paragraph, offset, SENTENCE)  # of the sentence at offset
            word = _word_after(text, end) if end is not None else None
        return word[0] if word else None

    def _start_before(self, paragraph: int, offset: int, unit: str) -> int | None:
        """The last unit start before offset in this paragraph."""
        text = self.paragraphs[paragraph]
        if unit == WORD:
            word = _word_before(text, min(offset, len(text)))
            return word[0] if word else None
        end = self._end_before(paragraph, offset, SENTENCE)
        while True:
            word = _word_after(text, end if end is not None else 0)
            if word is not None and word[0] < offset:
                return word[0]
            if end is None:
                return None
            end = self._end_before(paragraph, end, SENTENCE)
