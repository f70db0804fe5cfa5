"""What a reader types finds the forms the issue named, through the real query path:
parse_query, then the highlighter's test of each word (which the index agrees with:
tests/unit/test_analyze.py), and once through a real index."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.archive import write_article

from reader.search.index import Index
from reader.search.query import hits_in_text, parse_query


def finds(query: str, word: str) -> bool:
    return bool(hits_in_text(word, parse_query(query)))


SHORT_ROOTS = [
    ("ел", "елімізде"), ("ел", "еліміздің"), ("ел", "елдің"), ("ел", "елге"),
    ("үй", "үйлерінде"), ("үй", "үйінде"), ("су", "сумен"), ("су", "суының"),
    ("су", "судың"), ("іс", "ісін"), ("іс", "іске"), ("елімізде", "елдің"),
]
LOANS = [
    ("округ", "округі"), ("округ", "округінде"), ("округ", "округке"),
    ("округ", "округтері"), ("референдум", "референдумның"), ("съезд", "съезі"),
    ("съезд", "съезге"), ("съезд", "съезде"), ("съезі", "съезд"),
    ("отбасы", "отбасылар"), ("отбасы", "отбасының"), ("отбасылар", "отбасы"),
]
VERBS = [
    ("өту", "өтті"), ("өт", "өтеді"), ("өт", "өтті"), ("өту", "өтеді"), ("өтті", "өтуде"),
    ("қабылдау", "қабылдады"), ("қабылда", "қабылдайды"), ("қабылдады", "қабылданған"),
    ("қарау", "қаралды"), ("қаралды", "қарайды"), ("оқу", "оқиды"), ("бекіту", "бекітілді"),
]
RUSSIAN_LETTERS = [
    ("маслихат", "мәслихаттың"), ("кенес", "кеңесі"), ("аким", "әкімі"), ("акими", "әкімі"),
    ("акимдик", "әкімдігі"), ("Казакстан", "Қазақстанда"), ("тургындар", "тұрғындар"),
    ("шешим", "шешімі"), ("онир", "өңірде"),
]
LATIN = [
    ("barysynda", "барысы"), ("partiyasy", "партиясының"), ("deputattary", "депутаттар"),
    ("maslikhat", "мәслихат"), ("Kazakhstan", "Қазақстан"), ("depýtat", "депутаттар"),
    ("qazaqstan", "Қазақстанның"), ("mäslihaty", "мәслихатының"),
]
PREFIXES = [("екені*", "екенін"), ("бағытт*", "бағыттары"), ("қабылдан*", "қабылданды")]


@pytest.mark.parametrize(("query", "word"),
                         SHORT_ROOTS + LOANS + VERBS + RUSSIAN_LETTERS + LATIN + PREFIXES)
def test_a_typed_word_finds_the_forms_of_it(query: str, word: str) -> None:
    assert finds(query, word)


@pytest.mark.parametrize(("a", "b"), [
    ("ел", "елес"), ("ел", "елу"), ("үй", "үйрен"), ("су", "сурет"), ("орда", "ор"),
    ("тақ", "тағы"), ("бас", "басқа"), ("ақша", "ақ"), ("қаласын", "қалады"),
    ("сән", "сан"), ("қала", "қалды"), ("мемлекеттік", "мемлекет"), ("akimdik", "әкім"),
])
def test_different_words_stay_apart(a: str, b: str) -> None:
    assert not finds(a, b)
    assert not finds(b, a) or (a, b) == ("сән", "сан")  # сан has no Kazakh letter to miss


def test_an_exact_spelling_ranks_above_a_russian_letter_one(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_article(archive, "a.txt", "2025-05-14", "Сән әлемі", ["Жаңа сән үлгілері көрсетілді."])
    write_article(archive, "b.txt", "2025-05-14", "Сан туралы", ["Тұрғындар саны өсті, сан артты."])
    index = Index.open(archive, tmp_path / "cache")
    index.update()
    assert [hit.id for hit in index.search("сан")] == ["b.txt", "a.txt"]
    assert [hit.id for hit in index.search("сән")] == ["a.txt"]


def test_the_index_finds_what_the_highlighter_finds(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for name, title, text in [
        ("el.txt", "Жиын", "Еліміздің өңірлерінде жиын өтті."),
        ("okrug.txt", "Сайлау", "Сайлау округтерінде дауыс берілді."),
        ("sezd.txt", "Партия", "Партия съезіне депутаттар қатысты."),
        ("eles.txt", "Елес", "Бұл бір елес еді."),
    ]:
        write_article(archive, name, "2025-05-14", title, [text])
    index = Index.open(archive, tmp_path / "cache")
    index.update()
    found = {q: sorted(hit.id for hit in index.search(q)) for q in
             ["ел", "өту", "округ", "съезд", "қатысу", "депутат", "deputat", "oniri", "екені*"]}
    assert found == {
        "ел": ["el.txt"], "өту": ["el.txt"], "округ": ["okrug.txt"], "съезд": ["sezd.txt"],
        "қатысу": ["sezd.txt"], "депутат": ["sezd.txt"], "deputat": ["sezd.txt"],
        "oniri": ["el.txt"], "екені*": [],
    }
