"""The list read from the index as it is drawn equals the list made in memory from a folder
scan: every row, every position, in date and in title order, with and without a period."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.archive.listing import MemoryRows, by_title, in_period
from reader.archive.scan import scan_archive
from reader.search import index_rows
from reader.search.index import Index
from reader.search.index_rows import IndexCatalog, IndexRows, period_by_title

TITLES = ["«Ақ жол» партиясы", "Әкімдік жиналысы", "Мәслихат сессиясы", "Қазақстан халқы",
          "Бюджет", "Ауыл", "— Депутаттар", "2025 жылғы жоспар", "Жастар", "Өңір", "Ұлттық",
          "Үкімет", "Іс-шара", "Шешім", "Ел", "Кеңес"]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    rnd = random.Random(7)
    root = tmp_path / "arch"
    for n in range(300):
        year = rnd.choice([2019, 2020, 2024, 2025])
        month = rnd.randint(1, 12)
        day = rnd.randint(1, 28)
        folder = root / str(year) / f"{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        title = f"{rnd.choice(TITLES)} {n}"
        head = "" if n % 37 == 0 else f"date {year}-{month:02d}-{day:02d} "
        (folder / f"{n:03d}.txt").write_text(f"{head}{title}\nМәтін.\n", encoding="utf-8")
    return root


@pytest.fixture
def index(archive: Path, tmp_path: Path):
    built = Index.open(archive, tmp_path / "cache")
    built.update()
    yield built
    built.close()


def _same(rows: IndexRows, expected: MemoryRows) -> None:
    assert len(rows) == len(expected) and rows.articles == expected.articles
    for y in range(len(expected)):
        want = expected.row(y)
        assert rows.row(y) == want, y
        assert rows.is_article(y) == (want.summary is not None)
        if want.summary is not None:
            assert rows.position(want.summary.id) == y


@pytest.mark.parametrize("chunk", [5, 128])
def test_newest_first_under_year_and_month(index: Index, archive: Path, chunk: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_rows, "CHUNK", chunk)
    monkeypatch.setattr(index_rows, "KEPT", 3)  # chunks dropped and read again
    summaries = scan_archive(archive).summaries
    _same(IndexRows(index._conn), MemoryRows(summaries))
    assert any(not s.date for s in summaries)  # the undated block is there, last


def test_by_title_under_letters(index: Index, archive: Path) -> None:
    summaries = scan_archive(archive).summaries
    rows = IndexRows(index._conn, by_title=True)
    _same(rows, MemoryRows(by_title(summaries), by_title=True))
    letters = [rows.row(y).letter for y in range(len(rows)) if rows.row(y).kind == "letter"]
    assert letters.index("А") + 1 == letters.index("Ә")  # the Kazakh alphabet's order
    assert letters.index("К") + 1 == letters.index("Қ") and letters[-1] == "І"
    assert "«" not in letters and "—" not in letters  # «Ақ жол» is under А
    assert rows.period_row(2024, None) is None


@pytest.mark.parametrize("period", [(2024, None), (2025, 3), (2019, 12), (1999, None)])
def test_a_year_or_a_month(index: Index, archive: Path, period) -> None:
    summaries = [s for s in scan_archive(archive).summaries if in_period(s, *period)]
    _same(IndexRows(index._conn, period=period), MemoryRows(summaries))
    in_title_order = period_by_title(index._conn, *period)
    assert in_title_order == by_title(summaries)


def test_jump_rows(index: Index, archive: Path) -> None:
    rows = IndexRows(index._conn)
    expected = MemoryRows(scan_archive(archive).summaries)
    for year, month in [(2024, None), (2024, 5), (2019, 1), (2025, 12), (2030, None)]:
        assert rows.period_row(year, month) == expected.period_row(year, month)


def test_changes_show_in_a_new_view_and_unknown_ids_have_no_place(
        index: Index, archive: Path) -> None:
    rows = IndexRows(index._conn)
    assert rows.position("nowhere.txt") is None
    (archive / "2030").mkdir()
    (archive / "2030" / "new.txt").write_text("date 2030-01-01 Жаңа\nМәтін.\n", "utf-8")
    index.update()
    assert rows.position("2030/new.txt") is None  # not in the layout it was made with
    fresh = IndexRows(index._conn)
    assert fresh.row(2).summary is not None and fresh.row(2).summary.id == "2030/new.txt"
    assert fresh.position("2030/new.txt") == 2 and fresh.articles == rows.articles + 1


def test_catalog_answers_one_article(index: Index, archive: Path) -> None:
    catalog = IndexCatalog(archive, index._conn, [])
    scanned = scan_archive(archive)
    some = scanned.summaries[17]
    assert catalog.get(some.id) == some and catalog.get("nowhere.txt") is None
    assert catalog.load(some.id).title == some.title
    assert catalog.count() == len(scanned.summaries)
    assert catalog.troubled() == {s.id for s in scanned.summaries if s.problems}


def test_a_damaged_index_draws_blank_rows_never_fails(index: Index, archive: Path) -> None:
    rows = IndexRows(index._conn)
    index._conn.execute("DROP INDEX docs_by_date")
    index._conn.execute("ALTER TABLE docs RENAME TO gone")  # every read of a row fails now
    assert rows.row(2).kind == "gap" and rows.position("2024/01/000.txt") is None
    assert rows.row(0).kind == "year"  # the layout it was made with still answers


def test_title_marks_give_the_same_rows_and_places(index: Index, archive: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With marks every few titles (as every 1,024th at a million), the title order reads
    and places each article as counting does; marks of an older index are not used."""
    monkeypatch.setattr(index_rows, "STEP", 4)
    monkeypatch.setattr(index_rows, "MARKS_FROM", 8)
    monkeypatch.setattr(index_rows, "CHUNK", 5)
    path = index_rows._db_file(index._conn)
    assert path is not None
    index_rows.TitleMarks._known.pop(path, None)
    index_rows.TitleMarks._build(path)  # what the thread does
    marks = index_rows.TitleMarks._known[path]
    rows = IndexRows(index._conn, by_title=True)
    assert index_rows.TitleMarks.find(index._conn, rows._signature) is marks
    _same(rows, MemoryRows(by_title(scan_archive(archive).summaries), by_title=True))

    (archive / "2030").mkdir()
    (archive / "2030" / "new.txt").write_text("date 2030-01-01 Ауыл 999\nМәтін.\n", "utf-8")
    index.update()
    index_rows.TitleMarks._known.pop(path)
    assert index_rows.TitleMarks.find(index._conn, rows._signature) is None
    assert path not in index_rows.TitleMarks._building  # no marks read for a list gone stale
    fresh = IndexRows(index._conn, by_title=True)
    assert fresh._signature != marks.signature  # counted directly until marks are read again
    _same(fresh, MemoryRows(by_title(scan_archive(archive).summaries), by_title=True))
