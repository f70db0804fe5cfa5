"""Kazakh typed with Russian letters (no ә ғ қ ң ө ұ ү һ і on the keyboard, as over SSH on
most servers) finds the Kazakh words, the exact spelling first; typing the Kazakh letters
keeps the search exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.search.index import Index
from reader.search.query import hits_in_text, parse_query

# Word forms as they appear in published reports (inflected), in titles and text made up here.
ARTICLES = {
    "maslikhat.txt": ("Аудандық мәслихаттың сессиясы",
                      "Мәслихаттың кезекті сессиясында кеңесінің шешімі қабылданды."),
    "akim.txt": ("Әкімнің есебі",
                 "Аудан әкімі тұрғындарына өңірдің әкімдігі туралы айтты. Қазақстанның "
                 "болашағы талқыланды."),
    "fashion.txt": ("Сән үйі", "Жаңа сән үлгілері көрсетілді."),
    "number.txt": ("Халық саны", "Халық саны өсті, сан жағынан көп."),
}

RUSSIAN_TYPED = [
    ("маслихат", "maslikhat.txt"),
    ("кенес", "maslikhat.txt"),
    ("шешим", "maslikhat.txt"),
    ("аким", "akim.txt"),
    ("акимдик", "akim.txt"),
    ("Казакстан", "akim.txt"),
    ("тургындар", "akim.txt"),
    ("онир", "akim.txt"),
    ("маслихат сессиясы", "maslikhat.txt"),
    ('"аудан аким"', "akim.txt"),
    ("аки*", "akim.txt"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = tmp_path_factory.mktemp("archive")
    for name, (title, body) in ARTICLES.items():
        (root / name).write_text(f" date 2026-01-01 {title}\n{body}\nДереккөз: x.kz\n", "utf-8")
    index = Index.open(root, tmp_path_factory.mktemp("cache"))
    index.update()
    return index


@pytest.mark.parametrize(("query", "found"), RUSSIAN_TYPED)
def test_russian_letters_find_the_kazakh_words(index: Index, query: str, found: str) -> None:
    assert [hit.id for hit in index.search(query)] == [found]


def test_the_exact_spelling_ranks_first(index: Index) -> None:
    assert [hit.id for hit in index.search("сан")] == ["number.txt", "fashion.txt"]
    assert [hit.id for hit in index.search("сән")] == ["fashion.txt"]  # Kazakh letters: exact


def test_a_kazakh_letter_anywhere_keeps_the_whole_phrase_exact(index: Index) -> None:
    assert [hit.id for hit in index.search('"сән үйі"')] == ["fashion.txt"]
    assert index.search('"сан үйі"') == []  # no article says сан үйі, and сән is no сан


def test_the_highlighter_lights_what_the_index_found(index: Index, tmp_path: Path) -> None:
    text = ARTICLES["akim.txt"][1]
    lit = {text[s:e] for s, e in hits_in_text(text, parse_query("аким тургындар"))}
    assert lit == {"әкімі", "тұрғындарына"}
    lit = {text[s:e] for s, e in hits_in_text(text, parse_query("әкім"))}
    assert lit == {"әкімі"}
