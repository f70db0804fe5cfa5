"""Bookmarks, notes and highlights are found again after their article is edited
(reader/userdata/anchors.py): a table of edits of a Kazakh news report, each with the
status and the place it must give, and the inputs that must never raise."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.userdata.anchors import (
    CONTEXT_CHARS,
    EDITED,
    ORPHANED,
    QUOTE_CHARS,
    Anchor,
    Found,
    Span,
    find_paragraph,
    find_passage,
    paragraph_anchor,
    passage_anchor,
    passage_text,
    text_hash,
)

Paragraphs = tuple[str, ...]

ARTICLE: Paragraphs = (
    # 0
    "Аудандық мәслихаттың кезекті отыз екінші сессиясы сәрсенбі күні аудан әкімдігінің "
    "мәжіліс залында өтті. Оған облыстық мәслихат депутаттары мен ауыл әкімдері қатысты.",
    # 1: the twin of 4, the same first 86 characters
    "Сессия барысында депутаттар алдағы үш жылға арналған аудан бюджетінің жобасын "
    "қарап, оған бірқатар түзетулер енгізді. Түзетулердің көбі әлеуметтік салаға қатысты.",
    # 2
    "Аудан әкімінің орынбасары биыл жергілікті маңызы бар жолдарды жөндеуге жиырма төрт "
    "миллиард теңге бөлінгенін айтты. Оның сөзінше, жұмыстың басым бөлігі күзге дейін "
    "аяқталады.",
    # 3
    "Қорғалжын ауылындағы үш жүз орындық жаңа мектептің құрылысы жоспар бойынша жүріп "
    "жатыр. Мердігер ғимараттың қабырғаларын қаңтарға дейін тұрғызуға міндеттеме алды.",
    # 4: the twin of 1
    "Сессия барысында депутаттар алдағы үш жылға арналған аудан бюджетінің жобасын "
    "қарап, ауыл мектептеріне жаңа жиһаз алуға қосымша қаржы бөлуді ұсынды.",
    # 5: a short first sentence, to be split off
    "Жиында үш мәселе қаралды. Біріншісі – аудан бюджетін нақтылау, екіншісі – жол жөндеу "
    "жұмыстарының барысы, үшіншісі – мектептердің жылу маусымына дайындығы.",
    # 6
    "Депутат Әлия Нұрланқызы ауыл жолдарындағы шұңқырларды уақытылы жөндеу мәселесін "
    "көтерді. Оның айтуынша, көктемде кейбір көшелермен мектеп автобусы жүре алмай қалады.",
    # 7
    "Сонымен қатар мәслихат аудандық ауруханаға жаңа жедел жәрдем көлігін сатып алуға "
    "үш жүз он миллион теңге қарастыруды мақұлдады.",
    # 8
    "Сессия соңында депутаттар келесі отырыстың күн тәртібін бекітіп, тұрғындардан "
    "түскен өтініштерді қарауды тиісті тұрақты комиссияларға тапсырды.",
)

REPEATED: Paragraphs = (ARTICLE[5], ARTICLE[6]) * 3

NEW = "Облыс орталығында жаңа спорт кешені ашылды. Оның құрылысына екі жыл кетті."

OTHER_ARTICLE: Paragraphs = (
    "Қала маңындағы егістікте биыл бидай мол шықты, диқандар гектарынан жиырма центнерден "
    "өнім алып отыр.",
    "Астық қабылдау пункттері тәулік бойы жұмыс істейді, сақтау қоймалары да дайын.",
)


# --- edits ----------------------------------------------------------------------------


def inserted(paragraphs: Paragraphs, at: int, text: str = NEW) -> Paragraphs:
    return (*paragraphs[:at], text, *paragraphs[at:])


def deleted(paragraphs: Paragraphs, at: int) -> Paragraphs:
    return (*paragraphs[:at], *paragraphs[at + 1 :])


def replaced(paragraphs: Paragraphs, at: int, old: str, new: str) -> Paragraphs:
    assert paragraphs[at].count(old) == 1, old
    return (*paragraphs[:at], paragraphs[at].replace(old, new), *paragraphs[at + 1 :])


def split(paragraphs: Paragraphs, at: int, after: str) -> Paragraphs:
    """The paragraph cut in two after the given text (the space there dropped)."""
    head, tail = paragraphs[at].split(after + " ", 1)
    return (*paragraphs[:at], head + after, tail, *paragraphs[at + 1 :])


def joined(paragraphs: Paragraphs, at: int) -> Paragraphs:
    """Paragraph `at` and the next made one."""
    both = paragraphs[at] + " " + paragraphs[at + 1]
    return (*paragraphs[:at], both, *paragraphs[at + 2 :])


def respaced(paragraphs: Paragraphs) -> Paragraphs:
    """Whitespace edits only: doubled spaces, a tab, a no-break space, edge spaces."""
    out = (p.replace(" ", "  ", 3).replace(" ", "\t", 1).replace(" ", "\xa0", 1)
           for p in paragraphs)
    return tuple(f" {p} " for p in out)


# --- the paragraph table ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    before: Paragraphs
    index: int
    after: Paragraphs
    status: str
    paragraph: int | None


PARAGRAPH_CASES = [
    Case("unchanged", ARTICLE, 2, ARTICLE, "ok", 2),
    Case("whitespace edits only", ARTICLE, 2, respaced(ARTICLE), "ok", 2),
    Case("the first paragraph, unchanged", ARTICLE, 0, ARTICLE, "ok", 0),
    Case("a paragraph inserted above", ARTICLE, 6, inserted(ARTICLE, 0), "edited", 7),
    Case("a paragraph inserted just above", ARTICLE, 6, inserted(ARTICLE, 6), "edited", 7),
    Case("a paragraph inserted below", ARTICLE, 6, inserted(ARTICLE, 7), "edited", 6),
    Case("a paragraph deleted above", ARTICLE, 6, deleted(ARTICLE, 0), "edited", 5),
    Case("the paragraph just above deleted", ARTICLE, 6, deleted(ARTICLE, 5), "edited", 5),
    Case("the first paragraph, one inserted before it", ARTICLE, 0, inserted(ARTICLE, 0),
         "edited", 1),
    Case("the last paragraph, one deleted above", ARTICLE, 8, deleted(ARTICLE, 3), "edited", 7),
    Case("a typo fixed in the quoted start",
         replaced(ARTICLE, 2, "жөндеуге", "жөндеуеге"), 2, ARTICLE, "edited", 2),
    Case("a typo fixed after the quoted start",
         replaced(ARTICLE, 3, "міндеттеме", "міндетеме"), 3, ARTICLE, "edited", 3),
    Case("a typo fixed in the quote and a paragraph inserted above",
         replaced(ARTICLE, 2, "жөндеуге", "жөндеуеге"), 2, inserted(ARTICLE, 1), "edited", 3),
    Case("a word replaced in the quote", ARTICLE, 2,
         replaced(ARTICLE, 2, "жиырма төрт", "отыз бір"), "edited", 2),
    Case("a word added in the quote", ARTICLE, 6,
         replaced(ARTICLE, 6, "ауыл жолдарындағы", "ауыл және аудан жолдарындағы"), "edited", 6),
    Case("a word changed and a paragraph deleted above", ARTICLE, 6,
         deleted(replaced(ARTICLE, 6, "уақытылы", "дер кезінде"), 1), "edited", 5),
    Case("split inside the quote: the first part", ARTICLE, 5,
         split(ARTICLE, 5, "қаралды."), "edited", 5),
    Case("split after the quote: the first part", ARTICLE, 3,
         split(ARTICLE, 3, "жатыр."), "edited", 3),
    Case("split inside the quote, the second part rewritten: the first part", ARTICLE, 5,
         (*ARTICLE[:5], "Жиында үш мәселе қаралды.",
          "Олардың қатарында бюджет, жол және мектеп мәселелері бар.", *ARTICLE[6:]),
         "edited", 5),
    Case("split, a paragraph inserted above", ARTICLE, 5,
         inserted(split(ARTICLE, 5, "қаралды."), 0), "edited", 6),
    Case("joined to the one above: the joined one", ARTICLE, 3, joined(ARTICLE, 2), "edited", 2),
    Case("joined to the one below: the joined one", ARTICLE, 2, joined(ARTICLE, 2), "edited", 2),
    Case("the paragraph removed: orphaned", ARTICLE, 6, deleted(ARTICLE, 6), "orphaned", None),
    Case("the last paragraph removed: orphaned", ARTICLE, 8, ARTICLE[:8], "orphaned", None),
    Case("rewritten: orphaned", ARTICLE, 7,
         (*ARTICLE[:7], "Бұл жаңалық кейін толықтырылады.", ARTICLE[8]), "orphaned", None),
    Case("removed, its twin stays: orphaned", ARTICLE, 4, deleted(ARTICLE, 4), "orphaned", None),
    Case("removed, the earlier twin: orphaned", ARTICLE, 1, deleted(ARTICLE, 1), "orphaned",
         None),
    Case("the later twin, a paragraph inserted above", ARTICLE, 4, inserted(ARTICLE, 0),
         "edited", 5),
    Case("the earlier twin, a paragraph inserted above", ARTICLE, 1, inserted(ARTICLE, 0),
         "edited", 2),
    Case("the later twin, a paragraph inserted between the twins", ARTICLE, 4,
         inserted(ARTICLE, 3), "edited", 5),
    Case("the later twin, its text after the quote fixed", ARTICLE, 4,
         replaced(ARTICLE, 4, "жиһаз", "жиһаздар"), "edited", 4),
    Case("the later twin, three inserted above: its context, not the nearer twin", ARTICLE, 4,
         (*OTHER_ARTICLE, NEW, *ARTICLE), "edited", 7),
    Case("a paragraph repeated with the same neighbours: the nearest", REPEATED, 3,
         (*REPEATED, NEW), "edited", 3),
    Case("another article: orphaned", ARTICLE, 2, OTHER_ARTICLE, "orphaned", None),
    Case("an empty article: orphaned", ARTICLE, 2, (), "orphaned", None),
]


@pytest.mark.parametrize("case", PARAGRAPH_CASES, ids=[c.name for c in PARAGRAPH_CASES])
def test_paragraph_is_found_again(case: Case) -> None:
    anchor = paragraph_anchor(case.before, case.index)
    assert anchor is not None
    found = find_paragraph(anchor, case.after, case.index)
    assert (found.status, found.paragraph) == (case.status, case.paragraph)
    assert found.span is None
    if case.status == "edited":
        assert 0 < found.score <= 1


def test_the_anchor_quotes_the_paragraph_start_to_a_word_end() -> None:
    anchor = paragraph_anchor(ARTICLE, 1)
    assert anchor is not None
    assert anchor.quote == ("Сессия барысында депутаттар алдағы үш жылға арналған аудан "
                            "бюджетінің жобасын")
    assert len(anchor.quote) <= QUOTE_CHARS and ARTICLE[1].startswith(anchor.quote + " ")
    assert anchor.prefix == ARTICLE[0][-(CONTEXT_CHARS - 1) :] + "\n"
    assert anchor.suffix == ARTICLE[1][len(anchor.quote) :][:CONTEXT_CHARS]
    assert anchor.text_hash == text_hash(ARTICLE)
    first = paragraph_anchor(ARTICLE, 0)
    assert first is not None and first.prefix == ""


def test_a_short_paragraph_is_quoted_whole_and_its_suffix_crosses_the_end() -> None:
    article = ("Жол жөндеу", *ARTICLE[:2])
    anchor = paragraph_anchor(article, 0)
    assert anchor == Anchor("Жол жөндеу", "", "\n" + ARTICLE[0][: CONTEXT_CHARS - 1],
                            text_hash(article))


@pytest.mark.parametrize("index", [-1, 9, 10**12])
def test_no_anchor_for_a_paragraph_out_of_range(index: int) -> None:
    assert paragraph_anchor(ARTICLE, index) is None


@pytest.mark.parametrize("old", [-5, 10**12, 2**63 - 1])
def test_a_wrong_old_number_still_finds_the_paragraph(old: int) -> None:
    anchor = paragraph_anchor(ARTICLE, 6)
    assert anchor is not None
    assert find_paragraph(anchor, ARTICLE, old) == Found("edited", 6, None, 1.0)
    assert find_paragraph(anchor, inserted(ARTICLE, 0), old).paragraph == 7


# --- empty paragraphs and empty articles --------------------------------------------------

WITH_EMPTY: Paragraphs = (*ARTICLE[:4], "", *ARTICLE[4:])


@pytest.mark.parametrize(
    ("after", "status", "paragraph"),
    [
        (WITH_EMPTY, "ok", 4),
        (inserted(WITH_EMPTY, 0), "edited", 5),
        (deleted(WITH_EMPTY, 0), "edited", 3),
        (replaced(WITH_EMPTY, 7, "жолдарындағы", "көшелеріндегі"), "edited", 4),
        (deleted(WITH_EMPTY, 4), "orphaned", None),  # the empty paragraph removed
        ((*WITH_EMPTY[:3], NEW, "", OTHER_ARTICLE[0], *WITH_EMPTY[6:]), "orphaned", None),
        ((*WITH_EMPTY[:2], "", *WITH_EMPTY[2:]), "edited", 5),  # another empty one elsewhere
    ],
    ids=["unchanged", "inserted above", "deleted above", "edited below", "removed",
         "both neighbours replaced", "another empty paragraph above"],
)
def test_a_bookmark_on_an_empty_paragraph(after: Paragraphs, status: str,
                                          paragraph: int | None) -> None:
    anchor = paragraph_anchor(WITH_EMPTY, 4)
    assert anchor is not None and anchor.quote == ""
    found = find_paragraph(anchor, after, 4)
    assert (found.status, found.paragraph) == (status, paragraph)


def test_an_empty_article() -> None:
    assert paragraph_anchor((), 0) is None
    assert passage_anchor((), Span(0, 0, 0, 1)) is None
    assert passage_text((), Span(0, 0, 0, 1)) == ""
    anchor = paragraph_anchor(ARTICLE, 3)
    assert anchor is not None
    assert find_paragraph(anchor, (), 3) == Found("orphaned", None, None, 0.0)
    passage = passage_anchor(ARTICLE, Span(3, 0, 3, 20))
    assert passage is not None
    assert find_passage(passage, (), Span(3, 0, 3, 20)).status == "orphaned"
    assert find_passage(passage, ("",), Span(3, 0, 3, 20)).status == "orphaned"


def test_an_article_of_one_empty_paragraph() -> None:
    anchor = paragraph_anchor(("",), 0)
    assert anchor == Anchor("", "", "", text_hash(("",)))
    assert find_paragraph(anchor, ("",), 0).status == "ok"
    # both empty paragraphs agree on one side (nothing before / nothing after): the nearer
    assert find_paragraph(anchor, ("", ""), 0) == Found("edited", 0, None, 0.5)
    assert find_paragraph(anchor, (), 0).status == "orphaned"


# --- passages (highlights) ----------------------------------------------------------------


def span_of(paragraphs: Sequence[str], text: str, nth: int = 0) -> Span:
    """The span of a passage given by its text ("\\n" between paragraphs)."""
    whole = "\n".join(paragraphs)
    start = -1
    for _ in range(nth + 1):
        start = whole.index(text, start + 1)
    end = start + len(text)
    first = whole.count("\n", 0, start)
    last = whole.count("\n", 0, end)
    return Span(first, start - (whole.rfind("\n", 0, start) + 1),
                last, end - (whole.rfind("\n", 0, end) + 1))


@dataclass(frozen=True)
class PassageCase:
    name: str
    before: Paragraphs
    text: str  # the highlighted text in `before`
    after: Paragraphs
    status: str
    found: str | None  # the text the found span holds in `after`
    nth: int = 0  # which occurrence of `text` in `before`, and of `found` in `after`


ACROSS = "басым бөлігі күзге дейін аяқталады.\nҚорғалжын ауылындағы үш жүз орындық"
LAST = "тұрғындардан түскен өтініштерді қарауды тиісті тұрақты комиссияларға тапсырды."
LONG = "\n".join(ARTICLE[2:5])  # over three paragraphs, compared word by word

PASSAGE_CASES = [
    PassageCase("unchanged", ARTICLE, ACROSS, ARTICLE, "ok", ACROSS),
    PassageCase("across a paragraph end, a paragraph inserted above", ARTICLE, ACROSS,
                inserted(ARTICLE, 1), "edited", ACROSS),
    PassageCase("across a paragraph end, a paragraph deleted above", ARTICLE, ACROSS,
                deleted(ARTICLE, 0), "edited", ACROSS),
    PassageCase("across a paragraph end, the two paragraphs joined", ARTICLE, ACROSS,
                joined(ARTICLE, 2), "edited", ACROSS.replace("\n", " ")),
    PassageCase("in one paragraph, the paragraph split inside it", ARTICLE,
                "Жиында үш мәселе қаралды. Біріншісі – аудан бюджетін",
                split(ARTICLE, 5, "қаралды."), "edited",
                "Жиында үш мәселе қаралды.\nБіріншісі – аудан бюджетін"),
    PassageCase("the last sentence, a paragraph deleted above", ARTICLE, LAST,
                deleted(ARTICLE, 2), "edited", LAST),
    PassageCase("the last sentence, a paragraph appended", ARTICLE, LAST,
                (*ARTICLE, NEW), "edited", LAST),
    PassageCase("whitespace edits move the real offsets", ARTICLE, "жаңа жедел жәрдем көлігін",
                respaced(ARTICLE), "edited", "жаңа жедел жәрдем көлігін"),
    PassageCase("a typo fixed inside", replaced(ARTICLE, 6, "шұңқырларды", "шұнқырларды"),
                "ауыл жолдарындағы шұнқырларды уақытылы жөндеу мәселесін", ARTICLE, "edited",
                "ауыл жолдарындағы шұңқырларды уақытылы жөндеу мәселесін"),
    PassageCase("a word replaced inside, a paragraph inserted above", ARTICLE,
                "жиырма төрт миллиард теңге бөлінгенін айтты",
                inserted(replaced(ARTICLE, 2, "жиырма төрт", "отыз"), 0), "edited",
                "отыз миллиард теңге бөлінгенін айтты"),
    PassageCase("a long passage, a word added inside", ARTICLE, LONG,
                replaced(ARTICLE, 3, "жаңа мектептің", "жаңа заманауи мектептің"), "edited",
                LONG.replace("жаңа мектептің", "жаңа заманауи мектептің")),
    PassageCase("a short passage that occurs twice: its context, not the nearer one", ARTICLE,
                "үш жүз", (*OTHER_ARTICLE, NEW, NEW, *ARTICLE), "edited", "үш жүз", nth=1),
    PassageCase("a passage repeated with the same context: the nearest", REPEATED,
                ARTICLE[6][20:70], (*REPEATED, NEW), "edited", ARTICLE[6][20:70], nth=1),
    PassageCase("the first half gone: orphaned", ARTICLE, ACROSS,
                (*ARTICLE[:2], "Жұмыстар жалғасып жатыр.", *ARTICLE[3:]), "orphaned", None),
    PassageCase("the passage removed: orphaned", ARTICLE, LAST, ARTICLE[:8], "orphaned", None),
    PassageCase("another article: orphaned", ARTICLE, ACROSS, OTHER_ARTICLE, "orphaned", None),
]


@pytest.mark.parametrize("case", PASSAGE_CASES, ids=[c.name for c in PASSAGE_CASES])
def test_passage_is_found_again(case: PassageCase) -> None:
    old = span_of(case.before, case.text, case.nth)
    assert passage_text(case.before, old) == case.text
    anchor = passage_anchor(case.before, old)
    assert anchor is not None and anchor.quote == case.text
    found = find_passage(anchor, case.after, old)
    assert found.status == case.status
    if case.found is None:
        assert (found.paragraph, found.span) == (None, None)
        return
    assert found.span == span_of(case.after, case.found, case.nth)
    assert found.paragraph == found.span.paragraph
    assert passage_text(case.after, found.span) == case.found


def test_a_passage_cut_inside_a_whitespace_run_is_stored_normalised() -> None:
    article = ("Жол  жөндеу \t жұмыстары басталды.", "Мектеп салынып жатыр.")
    anchor = passage_anchor(article, Span(0, 4, 1, 6))
    assert anchor is not None and anchor.quote == "жөндеу жұмыстары басталды.\nМектеп"
    found = find_passage(anchor, inserted(article, 0), Span(0, 4, 1, 6))
    assert found.span == Span(1, 5, 2, 6)  # the run's end: the passage starts at its word


@pytest.mark.parametrize(
    "span",
    [Span(0, 5, 0, 5), Span(0, 9, 0, 3), Span(-1, 0, 0, 3), Span(0, 0, 9, 1),
     Span(0, 0, 0, 10**6), Span(2, 0, 1, 5), Span(0, -3, 0, 2)],
    ids=["empty", "backwards", "negative paragraph", "past the end", "offset past the end",
         "paragraphs backwards", "negative offset"],
)
def test_no_anchor_for_a_bad_span(span: Span) -> None:
    assert passage_anchor(ARTICLE, span) is None
    assert passage_text(ARTICLE, span) == ""


def test_no_anchor_for_a_blank_passage() -> None:
    assert passage_anchor(("Жол   жөндеу",), Span(0, 4, 0, 6)) is None


# --- text_hash ----------------------------------------------------------------------------


def test_text_hash_is_sha256_of_the_normalised_text() -> None:
    expected = hashlib.sha256("Жол жөндеу\nМектеп салынды".encode()).hexdigest()
    assert text_hash(["Жол жөндеу", "Мектеп салынды"]) == "sha256:" + expected


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        list(ARTICLE),
        respaced(ARTICLE),
        tuple(p.replace(" ", "\u2003") for p in ARTICLE),  # em spaces
        tuple(p.replace("й", "и\u0306") for p in ARTICLE),  # decomposed: NFD
    ],
    ids=["same", "a list", "spaces, tabs, no-break spaces", "em spaces", "decomposed letters"],
)
def test_whitespace_and_unicode_form_keep_the_hash(variant: Sequence[str]) -> None:
    assert text_hash(variant) == text_hash(ARTICLE)


@pytest.mark.parametrize(
    "variant",
    [
        replaced(ARTICLE, 2, "жөндеуге", "жөндеуеге"),
        replaced(ARTICLE, 0, "Аудандық", "аудандық"),  # case counts
        joined(ARTICLE, 2),  # paragraph ends count
        split(ARTICLE, 5, "қаралды."),
        inserted(ARTICLE, 4, ""),  # so do empty paragraphs
        ARTICLE[:8],
        (),
    ],
    ids=["a typo", "case", "joined", "split", "an empty paragraph", "one removed", "empty"],
)
def test_other_text_changes_the_hash(variant: Paragraphs) -> None:
    assert text_hash(variant) != text_hash(ARTICLE)
    assert text_hash(variant).startswith("sha256:") and len(text_hash(variant)) == 71


# --- size and hostile text ------------------------------------------------------------------

SENTENCE = "Аудандағы жолдарды жөндеу жұмыстары жоспар бойынша жалғасып жатыр. "
MARK = "Соңғы сөйлемде ауыл әкімі Бақытжан Серікұлы жұмыстың сапасына көңілі толатынын айтты."


@pytest.fixture(scope="module")
def huge() -> Paragraphs:
    """A 5 MB article of one line, its sentence repeated, one distinct sentence near the end."""
    repeats = 5_000_000 // len(SENTENCE.encode()) + 1
    line = SENTENCE * (repeats - 10) + MARK + " " + SENTENCE * 10
    assert len(line.encode()) > 5_000_000
    return ("Жол жөндеу туралы", line.strip())


def test_a_5_mb_one_line_article(huge: Paragraphs) -> None:
    anchor = paragraph_anchor(huge, 1)
    assert anchor is not None
    assert find_paragraph(anchor, huge, 1).status == "ok"
    found = find_paragraph(anchor, inserted(huge, 0), 1)
    assert (found.status, found.paragraph) == ("edited", 2)
    old = span_of(huge, MARK)
    passage = passage_anchor(huge, old)
    assert passage is not None
    found = find_passage(passage, inserted(huge, 0), old)
    assert found.status == "edited" and found.span is not None
    assert passage_text(inserted(huge, 0), found.span) == MARK


def test_a_5_mb_article_with_the_paragraph_gone(huge: Paragraphs) -> None:
    """The close search over a 5 MB line of near-repeats ends, and takes nothing."""
    anchor = paragraph_anchor(ARTICLE, 2)
    assert anchor is not None
    assert find_paragraph(anchor, huge, 2).status == "orphaned"
    passage = passage_anchor(ARTICLE, span_of(ARTICLE, ACROSS))
    assert passage is not None
    assert find_passage(passage, huge, span_of(ARTICLE, ACROSS)).status == "orphaned"
    garbled = replaced(huge, 1, MARK, MARK.replace("Бақытжан", "Бақытжанұлы"))
    old = span_of(huge, MARK)
    found = find_passage(passage_anchor(huge, old), garbled, old)  # type: ignore[arg-type]
    assert found.status == "edited" and found.span is not None
    assert passage_text(garbled, found.span) == MARK.replace("Бақытжан", "Бақытжанұлы")


def test_an_anchor_longer_than_the_article() -> None:
    anchor = passage_anchor(ARTICLE, Span(0, 0, 8, len(ARTICLE[8])))
    assert anchor is not None
    assert find_passage(anchor, OTHER_ARTICLE, Span(0, 0, 8, 5)).status == "orphaned"
    assert find_passage(anchor, ("Жол",), Span(0, 0, 8, 5)).status == "orphaned"


HOSTILE: Paragraphs = (
    "Басқару\x00 \x07\x1b[31mқызыл\x1b[0m мәтін\x7f бар жол, ішінде басқару таңбалары көп.",
    "مجلس المنطقة ناقش ميزانية المدارس والطرق في جلسته الأخيرة يوم الأربعاء",
    "Аралас \u202eмәтін\u202c: «بودجە» сөзі мен ‏RTL‎ белгілері бір жолда тұр.",
    "Файл атауынан қалған \udcff\udce9 таңбалар мен \ufeff\u200b көрінбейтін белгілер.",
    "и\u0306 әріпі ыдыратылған түрде жазылған, ал\tтабуляция\u2028да бар.",
)


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_hostile_text_is_anchored_and_found(index: int) -> None:
    anchor = paragraph_anchor(HOSTILE, index)
    assert anchor is not None
    assert find_paragraph(anchor, HOSTILE, index).status == "ok"
    moved = inserted(HOSTILE, 0)
    assert find_paragraph(anchor, moved, index) == Found("edited", index + 1, None, 1.0)
    old = Span(index, 3, min(index + 1, len(HOSTILE) - 1), 12)
    passage = passage_anchor(HOSTILE, old)
    assert passage is not None
    found = find_passage(passage, moved, old)
    assert found.status == "edited" and found.span is not None
    assert found.span.paragraph == index + 1
    assert passage_text(moved, found.span) == passage_text(HOSTILE, old)


def test_a_hostile_anchor_never_raises() -> None:
    odd = Anchor("\udcff\x00" * 50, "\u202e" * 40, "\n" * 40, "sha256:nonsense")
    for paragraphs in (HOSTILE, ARTICLE, (), ("",), ("\n\n",)):
        assert find_paragraph(odd, paragraphs, 0).status == "orphaned"
        assert find_passage(odd, paragraphs, Span(0, 0, 0, 1)).status == "orphaned"
    empty = Anchor("", "", "", "")
    assert find_paragraph(empty, ARTICLE, 3).status == "orphaned"
    assert find_passage(empty, ARTICLE, Span(0, 0, 0, 3)).status == "orphaned"


# --- never raises, and what it gives is in range -------------------------------------------

LETTERS = "аәбғқңөұүһіжол сесия\t\n\xa0\u0306\u202eم\x00"
paragraph_lists = st.lists(st.text(alphabet=LETTERS, max_size=120), max_size=8)


def _check(found: Found, paragraphs: Sequence[str]) -> None:
    assert found.status in ("ok", "edited", "orphaned")
    if found.status == "orphaned":
        assert found.paragraph is None and found.span is None
        return
    assert found.paragraph is not None and 0 <= found.paragraph < len(paragraphs)
    assert 0 <= found.score <= 1
    if found.span is not None:
        assert found.span.paragraph == found.paragraph
        assert passage_text(paragraphs, found.span) != ""


@given(paragraph_lists, paragraph_lists, st.integers(-3, 10), st.integers(0, 130),
       st.integers(0, 130))
def test_any_text_any_edit(before: list[str], after: list[str], index: int, start: int,
                           length: int) -> None:
    anchor = paragraph_anchor(before, index)
    if anchor is not None:
        _check(find_paragraph(anchor, after, index), after)
        _check(find_paragraph(anchor, before + after, index), before + after)
        assert find_paragraph(anchor, before, index).status == "ok"
    span = Span(index, start, index + 1, length)
    passage = passage_anchor(before, span)
    if passage is not None:
        assert passage_text(before, span)
        _check(find_passage(passage, after, span), after)
        _check(find_passage(passage, after + before, span), after + before)
        assert find_passage(passage, before, span).status == "ok"


def test_a_deleted_paragraph_is_not_taken_for_its_near_twin() -> None:
    """The bookmarked report of the 15th is deleted; the one of the 16th, worded the same
    but for the day and one word, follows (its last words differ): it is not the bookmarked
    paragraph. (Had it ended the same too, nothing could tell it from an edit.)"""
    body = ["Аудандық мәслихаттың кезекті сессиясы өтті, онда бірнеше мәселе қаралды.",
            "2025 жылғы 15 қаңтарда аудан әкімдігінде бюджет мәселесі бойынша кеңес өтті, "
            "оған барлық бөлім басшылары қатысты.",
            "2025 жылғы 16 қаңтарда аудан әкімдігінде жол мәселесі бойынша кеңес өтті, "
            "онда көктемгі жөндеу жоспары талқыланды.",
            "Отырыстың соңында келесі жылға арналған жұмыс жоспары бекітілді."]
    anchor = paragraph_anchor(body, 1)
    assert anchor is not None
    after = [body[0], body[2], body[3]]
    assert find_paragraph(anchor, after, 1).status == ORPHANED
    typo = [body[0], body[1].replace("басшылары", "басшылар"), body[2], body[3]]
    assert (find_paragraph(anchor, typo, 1).status, find_paragraph(anchor, typo, 1).paragraph
            ) == (EDITED, 1)


def test_an_oversized_stored_context_is_compared_only_near_the_quote() -> None:
    """A hand-edited or imported anchor with 200 KB of context (comparing it whole took
    minutes) is answered: its nearest part is what counts."""
    anchor = paragraph_anchor(ARTICLE, 2)
    assert anchor is not None
    huge = anchor._replace(prefix="ж" * 200_000 + anchor.prefix,
                           suffix=anchor.suffix + "қ" * 200_000)
    edited = inserted(ARTICLE, 0)
    assert find_paragraph(anchor, edited, 2).paragraph == 3
    assert find_paragraph(huge, edited, 2).status in (EDITED, ORPHANED)
    near = anchor._replace(prefix=" ".join(ARTICLE) * 50 + anchor.prefix)  # right where it ends
    assert find_paragraph(near, edited, 2).paragraph == 3
