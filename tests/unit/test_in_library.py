"""Searching what the reader wrote (bookmark labels, note texts) with the archive's matcher:
any inflected form, a Russian-keyboard spelling, and nothing that does not match."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from reader.search.filters import make_filters
from reader.search.in_library import search_library, searched_text
from reader.userdata.entries import Bookmark, Note

ART = "2026/000_8da56fbcbfc7ef32.txt"


def made(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=dt.UTC)


def bookmark(label: str, day: int = 1, article: str = ART, title: str = "Сессия") -> Bookmark:
    return Bookmark(f"b-{day:08x}", article, title, None, 2, label, made(day))


def note(text: str, day: int = 1, article: str = ART, hour: int = 12) -> Note:
    return Note(f"n-{day:08x}", article, "Отырыс", 3, text, made(day, hour), made(day, hour))


SESSION = note("Аудандық мәслихаттың сессиясында бюджет бекітілді.", day=2)


def found(entries, text: str, **kwargs) -> list[str]:
    return [searched_text(hit.entry)[start:end] for hit in search_library(entries, text, **kwargs)
            for start, end in hit.spans]


@pytest.mark.parametrize(("query", "hit"), [
    ("мәслихат", "мәслихаттың"),
    ("сессия", "сессиясында"),
    ("сессиясы", "сессиясында"),
    ("Мәслихаттар", "мәслихаттың"),
    ('"мәслихаттың сессиясында"', "мәслихаттың сессиясында"),
    ("сесс*", "сессиясында"),
])
def test_a_note_is_found_by_any_form_of_its_words(query, hit) -> None:
    assert found([SESSION], query) == [hit]


def test_a_label_typed_on_a_russian_keyboard_is_found() -> None:
    label = bookmark("Мәслихат шешімі")
    assert found([label], "маслихат") == ["Мәслихат"]
    assert found([label], "шешим") == ["шешімі"]


@pytest.mark.parametrize("query", [
    "парламент", "мәжіліс", "сессиялар кеңесі", '"сессиясында аудандық"', "масли",
])
def test_what_does_not_match_stays_out(query) -> None:
    assert search_library([SESSION, bookmark("басқа жұмыс")], query) == []


def test_every_word_of_the_query_must_be_there() -> None:
    assert found([SESSION], "бюджет мәслихат") == ["мәслихаттың", "бюджет"]
    assert found([SESSION, bookmark("бюджет")], "бюджет сессия") == ["сессиясында", "бюджет"]


def test_only_labels_and_note_texts_are_searched_not_titles() -> None:
    entries = [bookmark("", title="Мәслихат сессиясы"), bookmark("басқа", day=3,
                                                                  title="Мәслихат")]
    assert search_library(entries, "мәслихат") == []


def test_text_without_a_word_finds_nothing() -> None:
    assert search_library([SESSION], ' " * ') == []


def test_hits_come_newest_first_with_their_kind_and_snippet() -> None:
    older, newer = bookmark("бюджет", day=1), note("Бюджеттің жобасы.", day=5)
    hits = search_library([older, SESSION, newer], "бюджет")
    assert [hit.entry for hit in hits] == [newer, SESSION, older]
    assert [hit.kind for hit in hits] == ["note", "note", "bookmark"]
    assert hits[0].snippet() == [("Бюджеттің", True), (" жобасы.", False)]


def test_the_snippet_of_a_long_note_is_around_its_hit() -> None:
    long = note("Кіріспе сөз. " * 40 + "Соңында мәслихат туралы.")
    [hit] = search_library([long], "мәслихат")
    pieces = hit.snippet()
    assert pieces[0] == ("…", False) and ("мәслихат", True) in pieces


def test_typing_also_matches_the_last_word_as_a_prefix() -> None:
    assert search_library([SESSION], "мәсл") == []
    assert found([SESSION], "мәсл", typing=True) == ["мәслихаттың"]


@pytest.fixture
def almaty_time(monkeypatch: pytest.MonkeyPatch):
    """The local time zone at UTC+5 (a POSIX TZ string: no time zone data needed)."""
    monkeypatch.setenv("TZ", "UTC-5")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_dates_are_the_local_day_each_entry_was_made(almaty_time) -> None:
    entries = [note("бюджет", day=1), note("бюджет", day=10), note("бюджет", day=20)]
    [hit] = search_library(entries, "бюджет", make_filters("2026-03-05", "2026-03-15", None))
    assert hit.entry.created == made(10)
    late = note("бюджет", day=2, hour=21)  # 21:00 UTC on 2 March is 3 March in Almaty
    assert search_library([late], "бюджет", make_filters("2026-03-03", "2026-03-03", None))
    assert not search_library([late], "бюджет", make_filters(None, "2026-03-02", None))


def test_source_is_that_of_the_entry_article_and_asked_only_when_needed() -> None:
    asked: list[str] = []
    sources = {ART: "Дереккөз osdp.kz", "other.txt": "egemen.kz"}

    def source_of(article: str) -> str | None:
        asked.append(article)
        return sources.get(article)

    entries = [note("бюджет", day=1), note("бюджет", day=2, article="other.txt"),
               note("бюджет", day=3, article="gone.txt"), note("басқа", day=4)]
    [hit] = search_library(entries, "бюджет", make_filters(None, None, "OSDP"), source_of)
    assert hit.entry.article == ART
    assert sorted(asked) == [ART, "gone.txt", "other.txt"]  # not the note that did not match
    asked.clear()
    search_library(entries, "бюджет", None, source_of)
    assert asked == []
