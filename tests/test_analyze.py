import sqlite3
import time
from pathlib import Path

import pytest

from reader.kazakh.analyze import (
    index_terms,
    query_key,
    query_prefix,
    query_prefix_key,
    query_stem,
    term_matches,
)
from reader.kazakh.latin_key import is_latin_word
from reader.kazakh.normalize import token_spans, tokens

SAMPLE = Path(__file__).resolve().parent.parent / "reader" / "sample" / "000_8da56fbcbfc7ef32.txt"
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


def test_query_side_helpers():
    assert query_stem("Конституцияға") == "конституция"
    assert query_stem("Қызыл-Орда") == "қызыл орда"
    assert query_stem("«»") == ""
    assert query_key("Konstitutsiya") == query_key("Konstitusiia") == "konstitusia"
    assert query_key("kazakhstan") == "kazakstan"
    assert query_prefix("Конститу") == "конститу"  # not stemmed
    assert query_prefix_key("Kazakh") == "kazak"


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
def test_term_matches_finds_the_inflected_forms_in_the_sample(query, found):
    hits = {TEXT[s:e] for s, e, tok in token_spans(TEXT) if term_matches(query, tok, False)}
    assert hits == found


def test_prefix_terms():
    assert term_matches("конститу", "конституциясының", True)
    assert term_matches("konstitu", "конституциялық", True)
    assert term_matches("kazakh", "қазақстанның", True)
    assert not term_matches("конститу", "конструктивті", True)
    assert not term_matches("конституциясы", "конституциясының", True)  # stems hold конституция


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


def _fts_expression(query: str, prefix: bool) -> str:
    if prefix:
        stems, keys = query_prefix(query), query_prefix_key(query)
    else:
        stems, keys = query_stem(query), query_key(query)
    star = "*" if prefix else ""
    expr = f'stems : "{stems}"{star}'
    if is_latin_word(query):
        expr = f'({expr}) OR (keys : "{keys}"{star})'
    return expr


def test_term_matches_agrees_with_an_fts5_index_of_the_same_terms():
    """Highlighting must light up exactly the words the index search matched."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(stems, keys, tokenize='unicode61')")
    words = sorted({tok for _, _, tok in token_spans(TEXT)})
    db.executemany(
        "INSERT INTO t(rowid, stems, keys) VALUES (?, ?, ?)",
        [(i, *index_terms(w)) for i, w in enumerate(words)],
    )
    for query, prefix in QUERIES:
        rows = db.execute("SELECT rowid FROM t WHERE t MATCH ?", (_fts_expression(query, prefix),))
        by_index = {words[r] for (r,) in rows}
        by_highlighter = {w for w in words if term_matches(query, w, prefix)}
        assert by_index, query
        assert by_highlighter == by_index, query


def test_a_million_words_index_in_seconds():
    """The per-word cache is what keeps a 100,000-article build in budget."""
    repeat = 1_000_000 // len(tokens(TEXT)) + 1
    text = "\n".join([TEXT] * repeat)
    start = time.perf_counter()
    stems, _ = index_terms(text)
    elapsed = time.perf_counter() - start
    assert stems.count(" ") + 1 >= 1_000_000
    assert elapsed < 8.0  # about 0.4 s here; uncached it would take ~16 s
