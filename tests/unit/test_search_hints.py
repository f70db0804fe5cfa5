"""After an empty search, the hint names the nearest search that finds something."""

from __future__ import annotations

import datetime as dt

import pytest
from support.archive import write_article

from reader.i18n import set_language
from reader.search.filters import Filters
from reader.search.hints import Hint, hint_for, hint_message
from reader.search.index import Index


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    archive = tmp_path_factory.mktemp("hints") / "archive"
    write_article(archive, "a.txt", "2025-03-01", "Аудан әкімдігі",
                  ["Аудан әкімдігінде мәслихат депутаттары бюджетті талқылады."])
    write_article(archive, "b.txt", "2025-04-01", "Жол жөндеу",
                  ["Жол жөндеуге бюджеттен қаржы бөлінді, мәслихат келісті."])
    built = Index.open(archive, tmp_path_factory.mktemp("cache"))
    built.update()
    return built


def test_a_filter_that_left_nothing_is_named(index: Index) -> None:
    since = Filters(since=dt.date(2026, 1, 1))
    assert index.search("мәслихат", 20, since) == []
    assert hint_for(index, "мәслихат", since) == Hint("filters", "мәслихат", 2)


def test_a_word_half_in_russian_letters_gets_its_kazakh_spelling(index: Index) -> None:
    assert index.search("әкимдик") == []  # ә typed, і not: searched as typed
    assert hint_for(index, "әкимдик") == Hint("spelling", "әкімдік", 1)


def test_a_phrase_found_apart_is_offered_as_words(index: Index) -> None:
    assert index.search('"мәслихат жол"') == []
    assert hint_for(index, '"мәслихат жол"') == Hint("phrase", "мәслихат жол", 1)


def test_the_word_that_is_nowhere_is_named(index: Index) -> None:
    assert hint_for(index, "мәслихат ракета") == Hint("word", "ракета")


def test_the_missing_word_is_named_as_a_word_not_with_the_brackets_beside_it(
        index: Index) -> None:
    """Query syntax the search reads as plain words: the hint names the word it looked for
    (ракета), not the whole run of characters between spaces."""
    assert hint_for(index, "(мәслихат ракета)") == Hint("word", "ракета")
    assert hint_for(index, "NEAR(мәслихат ракета)") == Hint("word", "NEAR")
    assert hint_for(index, "(ракета") is None  # one word: its own message says it
    assert hint_for(index, "мәслихат-ракета") == Hint("word", "ракета")
    assert hint_for(index, "мәслихат ракет*") == Hint("word", "ракет*")
    assert hint_for(index, "мәслихат ( ракета") == Hint("word", "ракета")


def test_nothing_to_search(index: Index) -> None:
    assert hint_for(index, "!!! ***") == Hint("empty")


def test_no_hint_when_nothing_is_near(index: Index) -> None:
    assert hint_for(index, "ракета") is None


def test_hints_are_worded_in_the_interface_language() -> None:
    set_language("en")
    try:
        assert hint_message(Hint("spelling", "әкімдік", 3)) == "did you mean әкімдік? (3 found)"
        assert hint_message(Hint("word", "x\x1b[31m")) == "no article has the word x"
        set_language("kk")
        assert hint_message(Hint("spelling", "әкімдік", 3)) == "мүмкін, әкімдік? (3 табылды)"
    finally:
        set_language("en")
