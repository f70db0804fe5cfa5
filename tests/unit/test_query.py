"""Query parsing: whatever is typed becomes valid FTS5 (or nothing), and hits slice the text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.archive.article import Article
from reader.search.query import hits_in, parse_query

NASTY = [
    "Қызыл-Орда", "OR", "AND", "NOT", "NEAR", "NEAR(a b)", '"', '""', '"""', "*", "**", "a*b",
    "(", ")", "()", ":", "^", "^a", "title_stems:a", "{stems}: x", "a OR b", "NOT партия",
    '"unclosed phrase', 'a "b c" d"', "-", "+", "\\", "'", "%", "_", "конститу* *", "''",
    "\u00ad", "\u200b", "\x00", "😀", "a:b", "col:x", "x AND", "OR OR", "с*", "ɵ", "İ",
]


@pytest.fixture
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(title_stems, title_keys, stems, keys,"
                 " content='', tokenize='unicode61 remove_diacritics 0')")
    conn.execute("INSERT INTO fts(rowid, title_stems, title_keys, stems, keys)"
                 " VALUES (1, 'or near', 'or near', 'not and', 'not and')")
    return conn


@pytest.mark.parametrize("text", NASTY)
def test_anything_typed_is_valid_fts(fts: sqlite3.Connection, text: str) -> None:
    query = parse_query(text)
    if query.fts:
        fts.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (query.fts,)).fetchall()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_random_text_is_valid_fts(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(title_stems, title_keys, stems, keys)")
    query = parse_query(text)
    if query.fts:
        conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (query.fts,)).fetchall()


def test_operators_are_words_that_match(fts: sqlite3.Connection) -> None:
    for word in ("OR", "near", "NOT", "and"):
        found = fts.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (parse_query(word).fts,))
        assert found.fetchall() == [(1,)], word


@pytest.mark.parametrize("text", ["", "   ", "*", '"', "( ) : ^", "-", "\u200b"])
def test_nothing_searchable(text: str) -> None:
    assert parse_query(text).fts == ""
    assert parse_query(text).terms == []


def test_phrase_prefix_and_hyphen() -> None:
    query = parse_query('"саяси кеңес" конститу* Қызыл-Орда')
    groups = query.groups()
    assert [[t.text for t in g] for g in groups] == [["саяси", "кеңес"], ["конститу"],
                                                     ["қызыл", "орда"]]
    assert [t.prefix for t in query.terms] == [False, False, True, False, False]


def test_phrase_followed_by_star_is_a_phrase_prefix() -> None:
    query = parse_query('"саяси кеңе"*')
    assert [(t.text, t.prefix) for t in query.terms] == [("саяси", False), ("кеңе", True)]


def test_one_letter_prefix_is_a_plain_word() -> None:
    assert [t.prefix for t in parse_query("с*").terms] == [False]


def test_latin_and_cyrillic_terms() -> None:
    cyr, lat = parse_query("партия partiya").terms
    assert not cyr.latin and lat.latin
    assert cyr.key == lat.key  # both reach the same Latin key


def _article(title: str, *paragraphs: str) -> Article:
    return Article(id="a.txt", path=Path("a.txt"), date=None, title=title, source=None,
                   paragraphs=paragraphs)


def test_hits_slice_original_text_even_with_hidden_characters() -> None:
    text = "Жиында бюд\u00adжет пен Парлaмент, ал ПАРТИЯНЫҢ отырысы."
    article = _article("Партия туралы", text)
    query = parse_query("бюджет парламент партия")
    found = hits_in(article, query)
    assert [(p, article.title[s:e] if p < 0 else text[s:e]) for p, s, e in found] == [
        (-1, "Партия"), (0, "бюд\u00adжет"), (0, "Парлaмент"), (0, "ПАРТИЯНЫҢ")]


def test_phrase_hit_covers_the_whole_phrase_and_only_adjacent_words() -> None:
    text = "Қызыл-Орда облысы. Қызыл алма, Ақ Орда."
    found = hits_in(_article("x", text), parse_query("Қызыл-Орда"))
    assert [text[s:e] for _, s, e in found] == ["Қызыл-Орда"]


def test_latin_query_hits_cyrillic_words() -> None:
    text = "Қазақстан Республикасының Конституциясы"
    found = hits_in(_article("x", text), parse_query("Qazaqstan konstitutsiya"))
    assert [text[s:e] for _, s, e in found] == ["Қазақстан", "Конституциясы"]


def test_prefix_hits() -> None:
    text = "Конституциялық реформа және КОНСТИТУЦИЯ"
    found = hits_in(_article("x", text), parse_query("конститу*"))
    assert [text[s:e] for _, s, e in found] == ["Конституциялық", "КОНСТИТУЦИЯ"]


def test_no_hits_for_empty_query() -> None:
    assert hits_in(_article("Партия", "партия"), parse_query("*")) == []
