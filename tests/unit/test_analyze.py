import sqlite3
from pathlib import Path

import pytest

from reader.kazakh.normalize import token_spans, tokens
from reader.search.analyze import index_forms, index_terms
from reader.search.query import hits_in_text, parse_query

SAMPLE = Path(__file__).resolve().parents[2] / "reader" / "sample" / "000_8da56fbcbfc7ef32.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")


def test_index_terms_gives_one_stem_and_one_key_per_token():
    stems, keys = index_terms("Қазақстан Республикасының Конституциясының жаңа жобасын, COVID-19")
    assert stems == "қазақстан республика конституция жаңа жоба covid 19"
    assert keys == "kazakstan respublika konstitusia jana joba covid 19"
    stems, keys = index_terms(TEXT)
    assert len(stems.split()) == len(keys.split()) == len(tokens(TEXT))
    assert keys.isascii()


def test_index_terms_of_nothing():
    assert index_terms("") == ("", "")
    assert index_terms(" -- «» ") == ("", "")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("конституция", {"Конституциясының", "Конституцияға", "Конституцияда", "Конституция"}),
        ("Konstitusiia", {"Конституциясының", "Конституцияға", "Конституцияда", "Конституция"}),
        ("партия", {"партияның"}),
        ("partiya", {"партияның"}),
        ("отырыс", {"отырысы", "Отырыс", "отырыс"}),
        ("kazakhstan", {"Қазақстан", "Қазақстанның"}),
        ("osdp", {"osdp"}),
        ("OSDP", {"osdp"}),
    ],
)
def test_the_highlighter_finds_the_inflected_forms_in_the_sample(query, found):
    hits = {TEXT[s:e] for s, e in hits_in_text(TEXT, parse_query(query))}
    assert hits == found


def _lit(query: str, word: str) -> bool:
    return bool(hits_in_text(word, parse_query(query)))


def test_prefix_terms():
    assert _lit("конститу*", "конституциясының")
    assert _lit("konstitu*", "конституциялық")
    assert _lit("kazakh*", "қазақстанның")
    assert not _lit("конститу*", "конструктивті")
    assert _lit("конституциясы*", "конституциясының")  # a prefix of the word as written
    assert _lit("екені*", "екенін") and _lit("бағытт*", "бағыттары")
    assert not _lit("екені*", "екен")


QUERIES = [
    ("конституция", False),
    ("Konstitusiia", False),
    ("партия", False),
    ("partiia", False),
    ("отырыс", False),
    ("otyrys", False),
    ("kazakhstan", False),
    ("Қазақстан", False),
    ("кеңес", False),
    ("кенес", False),  # typed on a Russian keyboard: the keys restore ң
    ("казакстан", False),
    ("казак", True),
    ("kenes", False),
    ("мемлекет", False),
    ("osdp", False),
    ("жоба", False),
    ("конститу", True),
    ("konst", True),
    ("мемлекет", True),
    ("qazaq", True),
    ("саяс", True),
]


def test_the_highlighter_agrees_with_an_fts5_index_of_the_same_terms():
    """Highlighting must light up exactly the words the index search matched: the same
    MATCH expression the index runs, over the same columns index_terms fills."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(stems, keys, forms, tokenize='unicode61')")
    words = sorted({tok for _, _, tok in token_spans(TEXT)})
    db.executemany(
        "INSERT INTO t(rowid, stems, keys, forms) VALUES (?, ?, ?, ?)",
        [(i, *index_terms(w), index_forms(w)) for i, w in enumerate(words)],
    )
    for query, prefix in QUERIES:
        parsed = parse_query(query + ("*" if prefix else ""))
        rows = db.execute("SELECT rowid FROM t WHERE t MATCH ?", (parsed.fts,))
        by_index = {words[r] for (r,) in rows}
        by_highlighter = {w for w in words if hits_in_text(w, parsed)}
        assert by_index, query
        assert by_highlighter == by_index, query


def test_the_indexer_s_one_pass_gives_the_same_columns():
    from reader.search.analyze import index_columns

    title = "Мәслихат сессиясында бюджет қаралды"
    body = TEXT + "\nАуылдық округтердегі жолдар жөнделеді. COVID-19, Qazaqstan'da"
    assert index_columns(title, body) == (*index_terms(title), *index_terms(body),
                                          index_forms(title, body))
    assert index_columns("", "") == ("", "", "", "", "")
