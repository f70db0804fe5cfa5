"""Sentences and words, for choosing a passage to highlight with the keyboard."""

from __future__ import annotations

import pytest

from reader.archive.parser import read_article
from reader.kazakh.sentences import SENTENCE, WORD, Steps, passage_length, sentences
from reader.userdata.paths import bundled_archive


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Бірінші сөйлем. Екінші сөйлем! Үшінші ме? Иә…",
     ["Бірінші сөйлем.", "Екінші сөйлем!", "Үшінші ме?", "Иә…"]),
    ("Өсім 2,5 пайызды құрады. Бағасы 2.5 есе өсті.",
     ["Өсім 2,5 пайызды құрады.", "Бағасы 2.5 есе өсті."]),
    ("Қ. Тоқаев сөз сөйледі. Келесі.", ["Қ. Тоқаев сөз сөйледі.", "Келесі."]),
    ("Қ.К. Тоқаев пен А. Смайылов келді.", ["Қ.К. Тоқаев пен А. Смайылов келді."]),
    ("2025 ж. Астанада 3 млн. теңге бөлінді.", ["2025 ж. Астанада 3 млн. теңге бөлінді."]),
    ("Кітаптар, журналдар т.б. Келесі сөйлем.", ["Кітаптар, журналдар т.б.",
                                                 "Келесі сөйлем."]),
    ("Кітаптар т.б. басылымдар шықты.", ["Кітаптар т.б. басылымдар шықты."]),
    ("Проф. Әбішев келді.", ["Проф. Әбішев келді."]),
    ("Ол: «Келемін.» Сосын кетті.", ["Ол: «Келемін.»", "Сосын кетті."]),
    ("— Қайда барасың? — деді ол.", ["— Қайда барасың? — деді ол."]),
    ("Күте тұр... Міне.", ["Күте тұр...", "Міне."]),
    ("Нүктесіз соңғы сөйлем", ["Нүктесіз соңғы сөйлем"]),
    ("  Бос орынмен.   Басталады.  ", ["Бос орынмен.", "Басталады."]),
    ("", []),
    ("   ", []),
    ("сайт osdp.kz арқылы. Иә.", ["сайт osdp.kz арқылы.", "Иә."]),
], ids=["marks", "numbers", "initial", "initials", "abbreviations", "etc-ends",
        "etc-inside", "title", "quote", "dash-lower", "dots", "no-stop", "spaces", "empty",
        "blank", "domain"])
def test_sentences_end_where_a_reader_expects(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_the_sample_article_splits_into_its_sentences() -> None:
    article = read_article(bundled_archive() / "000_8da56fbcbfc7ef32.txt", "sample")
    counts = [len(sentences(p)) for p in article.paragraphs]
    assert counts == [1, 2, 1, 2, 2, 2, 1, 3]


PARAGRAPHS = ("Бірінші абзац. Оның екінші сөйлемі.", "", "Үшінші абзац бір сөйлем.",
              "Соңғы абзац. Соңы")


def test_stepping_by_sentence_walks_every_sentence_across_paragraph_ends() -> None:
    steps = Steps(PARAGRAPHS)
    start, end = steps.sentence_at(0)
    assert (start, end) == ((0, 0), (0, 14))
    ends = [end]
    while (end := steps.next_end(end, SENTENCE)) is not None:
        ends.append(end)
    expected = [(p, e) for p, text in enumerate(PARAGRAPHS) for _, e in sentences(text)]
    assert ends == expected
    # and back again, never to the start or before it
    back = [ends[-1]]
    while (end := steps.previous_end(back[-1], start, SENTENCE)) is not None:
        back.append(end)
    assert back == ends[::-1]


def test_stepping_by_word() -> None:
    steps = Steps(PARAGRAPHS)
    assert steps.next_end((0, 14), WORD) == (0, 19)  # "Оның"
    assert steps.next_end((0, 35), WORD) == (2, 6)  # over the empty paragraph
    assert steps.previous_end((2, 6), (0, 0), WORD) == (0, 35)
    assert steps.previous_end((0, 14), (0, 0), WORD) == (0, 7)
    assert steps.previous_end((0, 7), (0, 0), WORD) is None  # one word left: kept
    assert steps.next_end((3, 17), WORD) is None  # the end of the article


def test_moving_the_start() -> None:
    steps = Steps(PARAGRAPHS)
    end = (3, 12)
    assert steps.next_start((0, 0), end, SENTENCE) == (0, 15)
    assert steps.next_start((0, 15), end, SENTENCE) == (2, 0)
    assert steps.next_start((3, 0), end, SENTENCE) is None  # would leave nothing
    assert steps.next_start((0, 0), end, WORD) == (0, 8)
    assert steps.next_start((0, 0), (0, 7), WORD) is None
    assert steps.previous_start((2, 0), SENTENCE) == (0, 15)
    assert steps.previous_start((2, 0), WORD) == (0, 27)
    assert steps.previous_start((0, 0), SENTENCE) is None


def test_the_last_sentence_of_the_article() -> None:
    steps = Steps(PARAGRAPHS)
    last = steps.sentence_at(3)
    assert last == ((3, 0), (3, 12))
    assert steps.next_end((3, 12), SENTENCE) == (3, 17)  # "Соңы", no full stop
    assert steps.next_end((3, 17), SENTENCE) is None


def test_blank_paragraphs_have_no_sentences_to_start_at() -> None:
    steps = Steps(("", "   "))
    assert steps.sentence_at(0) is None
    assert steps.first_word(0) is None
    assert Steps(()).sentence_at(0) is None


def test_windowed_steps_agree_with_the_whole_split_on_a_long_paragraph() -> None:
    text = " ".join(f"Сөйлем {i} т.б. сөздер, 2,5 млн. теңге." for i in range(3000))
    steps = Steps((text,))
    ends = [steps.sentence_at(0)[1]]
    while (end := steps.next_end(ends[-1], SENTENCE)) is not None:
        ends.append(end)
    assert [(0, e) for _, e in sentences(text)] == ends
    assert steps.previous_start((0, sentences(text)[-1][0]), SENTENCE) == (
        0, sentences(text)[-2][0])


def test_a_megabyte_paragraph_without_spaces_or_stops() -> None:
    text = "ж" * 2_000_000
    steps = Steps((text, "Соңы."))
    assert steps.sentence_at(0) == ((0, 0), (0, len(text)))
    assert steps.next_end((0, len(text)), WORD) == (1, 5)
    assert steps.previous_start((1, 0), WORD) == (0, 0)


def test_passage_length_counts_each_paragraph_end_as_one() -> None:
    assert passage_length(PARAGRAPHS, (0, 15), (0, 35)) == 20
    assert passage_length(PARAGRAPHS, (0, 15), (2, 6)) == 20 + 1 + 0 + 1 + 6
