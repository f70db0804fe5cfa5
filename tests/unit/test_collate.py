"""Kazakh alphabet order for titles: the order a Kazakh reader expects, not code points."""

from __future__ import annotations

import pytest

from reader.kazakh.collate import CYRILLIC_ORDER, sort_key

ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"


def test_the_table_is_the_kazakh_alphabet() -> None:
    assert " ".join(CYRILLIC_ORDER.upper()) == ALPHABET
    letters = ALPHABET.split()
    assert sorted(reversed(letters), key=sort_key) == letters
    lower = [c.lower() for c in letters]
    assert sorted(reversed(lower), key=sort_key) == lower


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("ана", "әке"),  # ә after а ...
        ("әке", "бала"),  # ... and before б
        ("ақ", "әз"),
        ("кітап", "қала"),  # қ after к
        ("күн", "қыс"),
        ("ғалым", "дала"),  # ғ after г, before д
        ("ұн", "үй"),  # ұ ү after у
        ("ут", "ұн"),
        ("үй", "фабрика"),
        ("ырыс", "іс"),  # і after ы ...
        ("іс", "ьа"),  # ... before ь
        ("оқу", "өмір"),
        ("нан", "ңа"),
        ("хат", "һәм"),
        ("ёлка", "жол"),  # ё after е, before ж
        ("мен", "мұнда"),
        ("Ақ жол", "Ақжол"),  # the shorter word first
        ("2 отырыс", "10 отырыс"),  # numbers by value
        ("2026 жыл", "Алматы"),  # digits before letters
        ("Жиын", "COVID"),  # Cyrillic before Latin
        ("apple", "Banana"),  # Latin case-insensitive
        ("Iran", "jam"),
        ("index", "Iran"),  # the i's share one place: "n" decides
        ("qala", "sūraq"),
    ],
)
def test_pairs(before: str, after: str) -> None:
    assert sort_key(before) < sort_key(after)
    assert sorted([after, before], key=sort_key) == [before, after]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Қазақстан", "ҚАЗАҚСТАН"), ("әке", "ӘКЕ"), ("Іле", "іле"), ("İndeks", "indeks"),
     ("Iran", "iran"), ("«Нұр Отан» партиясы", "Нұр Отан партиясы")],
)
def test_case_and_punctuation_do_not_move_a_title(a: str, b: str) -> None:
    assert sort_key(a)[0] == sort_key(b)[0]


def test_ties_are_broken_lower_case_first_and_the_order_is_total() -> None:
    assert sorted(["ҚАЛА", "Қала", "қала"], key=sort_key) == ["қала", "Қала", "ҚАЛА"]
    assert sort_key("Қала") != sort_key("Қала!")


def test_decomposed_letters_sort_like_composed_ones() -> None:
    decomposed = "и\u0306"  # и + combining breve = й
    assert sort_key(decomposed + "ә")[0] == sort_key("йә")[0]


def test_a_realistic_list_of_titles() -> None:
    titles = [
        "Үкімет отырысы өтті",
        "Қазақстан Республикасының Конституциясы талқыланды",
        "Ішкі саясат мәселелері",
        "Әлеуметтік саладағы өзгерістер",
        "Ұлттық құрылтай жиыны",
        "Алматыда кездесу өтті",
        "Шағын бизнесті қолдау",
        "Іле ауданындағы жиналыс",
        "Кеңес мүшелерінің отырысы",
        "Ғылым және білім",
        "COVID-19 бойынша жиын",
        "10 жылдық жоспар",
        "2 сессия",
        "«Ақ жол» партиясының съезі",
        "Ақжол ауылы",
        "Ұлт жоспары",
        "Өңірлік кеңес",
        "Оңтүстік облыс",
        "Мемлекеттік тіл туралы",
        "Ырыс пен береке",
    ]
    assert sorted(titles, key=sort_key) == [
        "2 сессия",
        "10 жылдық жоспар",
        "«Ақ жол» партиясының съезі",
        "Ақжол ауылы",
        "Алматыда кездесу өтті",
        "Әлеуметтік саладағы өзгерістер",
        "Ғылым және білім",
        "Кеңес мүшелерінің отырысы",
        "Қазақстан Республикасының Конституциясы талқыланды",
        "Мемлекеттік тіл туралы",
        "Оңтүстік облыс",
        "Өңірлік кеңес",
        "Ұлт жоспары",
        "Ұлттық құрылтай жиыны",
        "Үкімет отырысы өтті",
        "Шағын бизнесті қолдау",
        "Ырыс пен береке",
        "Іле ауданындағы жиналыс",
        "Ішкі саясат мәселелері",
        "COVID-19 бойынша жиын",
    ]
    assert sorted(titles) != sorted(titles, key=sort_key)  # code points would get this wrong


def test_other_scripts_and_empty_text_do_not_fail() -> None:
    mixed = ["", "   ", "—", "Ελλάδα", "日本", "Алма"]
    result = sorted(mixed, key=sort_key)
    assert result[:3] == sorted(["", "   ", "—"], key=sort_key)
    assert result[3] == "Алма"
    assert set(result) == set(mixed)


def test_quick_key_orders_titles_like_sort_key() -> None:
    from reader.kazakh.collate import quick_key, sort_key

    titles = ["Әкімдік жиыны", "Ауыл шаруашылығы", "Бюджет талқыланды", "Қаңтардағы жиналыс",
              "Қазақстан Республикасы", "«Нұр Отан» съезі", "Ұлттық кеңес", "Үкімет отырысы",
              "Іле ауданы", "Ішкі саясат", "Ынтымақ", "ауыл", "Ауыл — шаруашылығы",
              "Qazaqstan", "Partiya", "Жаңа жоба", "Жаңалықтар", "Шешім", "Шағын бизнес"]
    assert sorted(titles, key=quick_key) == sorted(titles, key=sort_key)
