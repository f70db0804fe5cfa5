"""An empty search of the library gets the archive search's hints where they apply: the
filters, the Kazakh spelling of a word typed half in Russian letters, a phrase found as
words, nothing to search for."""

from __future__ import annotations

import datetime as dt

from reader.search.filters import make_filters
from reader.search.hints import Hint
from reader.search.in_library import library_hint, search_library
from reader.userdata.entries import Bookmark, Note

ART = "2026/a.txt"


def made(day: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, 12, tzinfo=dt.UTC)


ENTRIES = [
    Note("n-00000001", ART, "Отырыс", 0, "Аудан әкімдігінде мәслихат бюджетті талқылады.",
         made(1), made(1)),
    Bookmark("b-00000002", ART, "Сессия", None, 1, "сессия шешімі", made(2)),
]


def hint(text: str, **filters: str) -> Hint | None:
    made_filters = make_filters(filters.get("since"), filters.get("until"), None)
    assert search_library(ENTRIES, text, made_filters) == []  # the hint is for empty searches
    return library_hint(ENTRIES, text, made_filters)


def test_dates_that_left_nothing_are_named_with_what_they_hid() -> None:
    assert hint("мәслихат", since="2026-04") == Hint("filters", "мәслихат", 1)
    assert hint("сессия", until="2026-02") == Hint("filters", "сессия", 1)


def test_a_word_half_in_russian_letters_gets_the_spelling_the_library_has() -> None:
    assert hint("әкимдик") == Hint("spelling", "әкімдік", 1)


def test_a_phrase_found_apart_is_offered_as_words() -> None:
    assert hint('"мәслихат аудан"') == Hint("phrase", "мәслихат аудан", 1)


def test_a_lone_quote_or_star_has_nothing_to_search_for() -> None:
    assert hint('"') == Hint("empty")
    assert hint("*") == Hint("empty")


def test_no_hint_when_nothing_is_near_nor_one_naming_articles() -> None:
    assert hint("ракета") is None
    assert hint("мәслихат ракета") is None  # "no article has the word" is about articles
