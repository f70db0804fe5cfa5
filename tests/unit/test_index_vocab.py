"""The index's own term list and the ranking of common queries (search/rank.py): the same
articles found as FTS5 alone would find, and a common query shown title matches first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.archive import write_sourced as write

from reader.search import rank
from reader.search.index import Index

PREFIXES = ["бюдж*", "қаржы*", "kabylda*", "кабылда*", "отыр*", "бағдарлам*", "ауыл*",
            "съез*", "zhol*", "жол*", "ж*", "қа*"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "xdg-cache" / "kz-reader"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    write(root, "a.txt", "2024-05-01", "Бюджет қаралды", "Депутаттар бюджетті қабылдады.",
          "Қаржы министрлігі бюджеттің орындалуы туралы баяндады.")
    write(root, "b.txt", "2024-05-02", "Ауыл жолдары", "Ауылдық округтердегі жолдар жөнделеді.",
          "Жол құрылысына қаржы бөлінді.")
    write(root, "c.txt", "2024-05-03", "Партия съезі", "Партияның съезінде бағдарлама "
          "қабылданды.", "Съезге бүкіл өңірлерден делегаттар келді.")
    write(root, "d.txt", "2024-05-04", "Отырыс", "Отырыста бюджет пен қаржы мәселесі "
          "қаралды.", "Жолдарды жөндеуге қаржы қарастырылды.")
    return root


def ids(hits: list) -> list[str]:
    return [h.id for h in hits]


def test_every_prefix_finds_what_fts5s_own_prefix_query_finds(cache: Path, archive: Path
                                                               ) -> None:
    index = Index.open(archive)
    index.update()
    with_list = {q: sorted(ids(index.search(q))) for q in PREFIXES}
    index._starting = lambda prefix: None  # type: ignore[method-assign]  # FTS5's own
    without = {q: sorted(ids(index.search(q))) for q in PREFIXES}
    assert with_list == without
    assert with_list["бюдж*"] == ["a.txt", "d.txt"]
    assert with_list["съез*"] == ["c.txt"]


def test_a_prefix_is_asked_for_as_the_words_it_stands_for(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    index._fresh_terms()
    words = index._starting("бюдж")
    assert words is not None and {"бюджет", "бюджетті", "бюджеттің"} <= set(words)
    assert index._starting("щщщ") == ()
    assert index._starting("қ") is not None


def test_an_index_made_before_the_term_list_searches_and_gets_one(cache: Path, archive: Path
                                                                  ) -> None:
    index = Index.open(archive)
    index.update()
    def found(index: Index) -> dict[str, list[str]]:  # (a prefix's words rank one by one)
        return {q: sorted(ids(index.search(q))) for q in (*PREFIXES, "бюджет", "кабылдады")}

    before = found(index)
    conn = sqlite3.connect(index.path)
    conn.execute("DROP TABLE vocab")
    conn.commit()
    conn.close()
    old = Index.open(archive)
    assert found(old) == before  # asks the search table
    old.update()  # the term list is made from the search table's own
    assert sqlite3.connect(index.path).execute("SELECT count(*) FROM vocab").fetchone()[0] > 20
    assert found(old) == before


def test_a_word_added_later_is_in_the_term_list(cache: Path, archive: Path) -> None:
    index = Index.open(archive)
    index.update()
    assert index.search("мұражай*") == []
    write(archive, "e.txt", "2024-05-05", "Мұражай ашылды", "Жаңа мұражайлар ашылады.")
    index.update(full=True)
    assert ids(index.search("мұражай*")) == ["e.txt"]
    assert ids(index.search("мұражайлар")) == ["e.txt"]


def test_a_common_query_shows_title_matches_first_then_the_newest(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "many"
    for i in range(8):  # indexed in name order: 7.txt is the newest
        title = "Бюджет туралы" if i in (1, 4) else f"Мақала {i}"
        write(root, f"{i}.txt", "2024-01-01", title, " ".join(["бюджет"] * (8 - i)))
    index = Index.open(root)
    index.update()
    exact = ids(index.search("бюджет"))
    assert exact[:2] == ["1.txt", "4.txt"] or exact[:2] == ["4.txt", "1.txt"]
    monkeypatch.setattr(rank, "CANDIDATES", 5)  # matches in 8: a common word
    hits = index.search("бюджет", 10)
    assert ids(hits) == ["4.txt", "7.txt", "6.txt", "5.txt", "3.txt"]
    assert [h.score for h in hits] == [2.0, 1.0, 1.0, 1.0, 1.0]
    assert ids(index.search("бюджет", 2)) == ["4.txt", "7.txt"]


def test_a_common_query_skips_articles_gone_since(cache: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "many"
    for i in range(12):
        write(root, f"{i:02}.txt", "2024-01-01", f"Мақала {i}", "бюджет")
    index = Index.open(root)
    index.update()
    (root / "11.txt").unlink()
    (root / "10.txt").unlink()
    assert not index.update().rebuilt  # their search rows stay, and match nothing
    monkeypatch.setattr(rank, "CANDIDATES", 3)
    assert ids(index.search("бюджет")) == ["09.txt"]  # of the newest three, one is left


def _fts_terms(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, fts, row)")
    return {t for (t,) in conn.execute("SELECT term FROM temp.v")}


def _vocab(path: Path) -> set[str]:
    return {t for (t,) in sqlite3.connect(path).execute("SELECT term FROM vocab")}


@pytest.mark.parametrize("pool", [False, True])
def test_the_term_list_holds_every_term_of_the_search_table(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool) -> None:
    from reader.search import index_build

    if pool:
        monkeypatch.setattr(index_build, "POOL_MIN", 2)
    texts = ["Қазақстан Республикасының Конституциясы, COVID-19 және Qazaqstan'da",
             "a\u0301kim s'es'im 2026 жылғы 5-ші сессия; café naïve",
             "Мәслихат\u00adтың депутаттары — ауыл әкімі. ßtraße İstanbul"]
    first = tmp_path / "one"
    for i, text in enumerate(texts):
        write(first, f"{i}.txt", "2024-05-01", f"Тақырып {i}", text)
    index = Index.open(first)
    index.update()
    assert _fts_terms(index.path) <= _vocab(index.path)
    second = tmp_path / "two"  # a second build in the same process: its own term list
    for i, text in enumerate(texts):
        write(second, f"{i}.txt", "2024-05-01", f"Басқа {i}", text + " жаңа сөз")
    other = Index.open(second)
    other.update()
    assert _fts_terms(other.path) <= _vocab(other.path)
