"""Abbreviations are expanded from the article's own words."""

from __future__ import annotations

import pytest

from reader.archive.parser import read_article
from reader.kazakh.abbrev import expansions, used_in
from reader.userdata.paths import bundled_archive


def test_the_sample_article_defines_its_party_abbreviation() -> None:
    article = read_article(bundled_archive() / "000_8da56fbcbfc7ef32.txt", "sample")
    found = expansions(article.paragraphs)
    assert found == {"ЖСДП": "Жалпыұлттық социал-демократиялық партияның"}
    # Later paragraphs use it bare, or with a case ending.
    assert used_in(article.paragraphs[7], found) == ["ЖСДП"]
    assert "ЖСДП-ның" in article.paragraphs[7]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Біріккен Ұлттар Ұйымы (БҰҰ) мәлімдеді.", {"БҰҰ": "Біріккен Ұлттар Ұйымы"}),
        ("Жиынға Орталық сайлау комиссиясы (ОСК) өкілдері келді.",
         {"ОСК": "Орталық сайлау комиссиясы"}),
        ("Бұл туралы ҚР Парламенті (ҚРП) хабарлады.", {}),  # initials do not spell it
        ("Тек жақша (мысалы) ғана.", {}),
        ("(ЖСДП) басында.", {}),
    ],
    ids=["three-words", "mixed-case-words", "no-match", "not-an-abbreviation", "nothing-before"],
)
def test_expansions_need_the_initials_to_spell_the_abbreviation(text, expected) -> None:
    assert expansions([text]) == expected


def test_used_in_does_not_match_inside_longer_capitals() -> None:
    assert used_in("ЖСДПБ мен ЖСДП", ["ЖСДП"]) == ["ЖСДП"]
    assert used_in("ЖСДПБ ғана", ["ЖСДП"]) == []
