"""The relevance table: real word forms from published Kazakh reports and their base words
(tests/unit/data/kazakh_forms.tsv, the site each form was seen on in its last column), and
pairs of different words that must stay apart (kazakh_apart.tsv). Only words are kept,
never the sentences they came from.

Each row is tested through the query path a reader uses (parse_query and the test of each
word that the index and the highlighter share), and every base once through a real index
of one small article per form.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from support.archive import write_article

from reader.kazakh.latin_key import latin_key
from reader.kazakh.normalize import tokens
from reader.search.analyze import token_terms
from reader.search.expand import keys_of
from reader.search.index import Index
from reader.search.query import KAZAKH_LETTERS, hits_in_text, parse_query

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


FORMS = _rows("kazakh_forms.tsv")
APART = _rows("kazakh_apart.tsv")
BASES = sorted({row["base"] for row in FORMS})


def finds(query: str, word: str) -> bool:
    return bool(hits_in_text(word, parse_query(query)))


def test_the_table_is_large_varied_and_words_only() -> None:
    kinds = Counter(row["kind"] for row in FORMS)
    assert len(FORMS) >= 150 and len(APART) >= 50
    assert kinds["noun"] >= 100 and kinds["verb"] >= 60 and kinds["loan"] >= 35
    assert kinds["short"] >= 25
    for row in FORMS:
        assert tokens(row["form"]) == [row["form"]], row  # one word, as the index reads it
        assert row["source"] and " " not in row["source"]
    for row in APART:
        assert len(tokens(row["a"])) == 1 and len(tokens(row["b"])) == 1, row


@pytest.mark.parametrize("row", FORMS, ids=[f"{r['base']}>{r['form']}" for r in FORMS])
def test_the_base_word_finds_the_form(row: dict[str, str]) -> None:
    assert finds(row["base"], row["form"])


# A verb stem in a vowel is, written bare, mostly a noun's locative (қолда, баста):
# a form of the verb does not search for it.
BACK = [r for r in FORMS if not (r["kind"] == "verb" and r["base"][-1] in "аеыі")]


@pytest.mark.parametrize("row", BACK, ids=[f"{r['form']}>{r['base']}" for r in BACK])
def test_the_form_finds_its_base_word(row: dict[str, str]) -> None:
    assert finds(row["form"], row["base"])


def _russian_typed_alike(query: str, word: str) -> bool:
    """Typed without Kazakh letters, a query also finds the word it would be with them
    restored: сан finds сән (ranked below; tested with an index below)."""
    return not KAZAKH_LETTERS.intersection(query) and bool(
        {latin_key(token_terms(word)[0]), latin_key(word)} & set(keys_of(query)))


@pytest.mark.parametrize("row", APART, ids=[f"{r['a']}~{r['b']}" for r in APART])
def test_different_words_stay_apart(row: dict[str, str]) -> None:
    a, b = row["a"], row["b"]
    assert not finds(a, b) or _russian_typed_alike(a, b)
    assert not finds(b, a) or _russian_typed_alike(b, a)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """One article per form (and one per apart pair's word), each saying only that word."""
    archive = tmp_path_factory.mktemp("forms") / "archive"
    for i, row in enumerate(FORMS):
        write_article(archive, f"f{i:04d}.txt", "2025-05-14", "Жиын", [f"Бүгін {row['form']}."])
    for i, row in enumerate(APART):
        for side in "ab":
            write_article(archive, f"a{i:03d}{side}.txt", "2025-05-14", "Жиын",
                          [f"Бүгін {row[side]}."])
    built = Index.open(archive, tmp_path_factory.mktemp("cache"))
    built.update()
    return built


@pytest.mark.parametrize("base", BASES)
def test_the_index_finds_every_form_of_the_base(index: Index, base: str) -> None:
    found = {hit.id for hit in index.search(base, limit=2000)}
    wanted = {f"f{i:04d}.txt" for i, row in enumerate(FORMS) if row["base"] == base}
    assert wanted <= found, sorted(wanted - found)


def test_a_russian_typed_query_ranks_the_exact_word_first(index: Index) -> None:
    allowed = [(i, row) for i, row in enumerate(APART)
               if finds(row["a"], row["b"]) or finds(row["b"], row["a"])]
    assert allowed  # сан/сән-like pairs are in the table
    for i, row in allowed:
        for query, other in (("a", "b"), ("b", "a")):
            if not finds(row[query], row[other]):
                continue
            found = [hit.id for hit in index.search(row[query], limit=2000)]
            mine, theirs = f"a{i:03d}{query}.txt", f"a{i:03d}{other}.txt"
            assert found.index(mine) < found.index(theirs), row
