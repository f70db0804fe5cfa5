"""Narrowing a search by date and source, on the command line and in the app's search box."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from reader.search.filters import FilterError, Filters, make_filters, split_filters
from reader.search.index import Index

ARTICLES = [
    ("2023/a.txt", "2023-11-02", "egemen.kz", "Мәслихат сессиясы өтті"),
    ("2024/b.txt", "2024-05-14", "https://egemen.kz/article/1", "Мәслихат шешімі"),
    ("2024/c.txt", "2024-06-01", "inform.kz", "Мәслихат депутаттары"),
    ("2025/d.txt", "2025-12-31", "Egemen.KZ", "Мәслихат есебі"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for name, date, source, title in ARTICLES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f" date {date} {title}\nМәслихат туралы.\nДереккөз: {source}\n", "utf-8")
    return root


def test_dates_take_the_first_or_last_day_of_what_was_written() -> None:
    f = make_filters("2024-05", "2025", None)
    assert (f.since, f.until) == (dt.date(2024, 5, 1), dt.date(2025, 12, 31))
    assert make_filters(None, "2024-02", None).until == dt.date(2024, 2, 29)
    assert make_filters("2024-05-14", None, "Egemen.kz").source == "egemen.kz"
    assert not make_filters(None, None, None)


@pytest.mark.parametrize("bad", ["2024-13", "24", "2024-02-30", "May", ""])
def test_a_malformed_date_is_one_line(bad: str) -> None:
    with pytest.raises(FilterError) as error:
        make_filters(bad, None, None)
    assert "\n" not in str(error.value) and "2024-05" in str(error.value)


def test_the_search_box_takes_filters_among_the_words() -> None:
    words, f = split_filters("мәслихат from:2024 source:egemen.kz шешім")
    assert words.split() == ["мәслихат", "шешім"]
    assert f == Filters(dt.date(2024, 1, 1), None, "egemen.kz")
    with pytest.raises(FilterError):
        split_filters("мәслихат from:2024-13")
    with pytest.raises(FilterError):
        split_filters("to:2023 from:2024 мәслихат")


def test_the_index_narrows_its_candidates(archive: Path, tmp_path: Path) -> None:
    index = Index.open(archive, tmp_path / "cache")
    index.update()

    def ids(**kw: str) -> list[str]:
        filters = make_filters(kw.get("since"), kw.get("until"), kw.get("source"))
        return sorted(h.id for h in index.search("мәслихат", 20, filters))

    assert ids() == ["2023/a.txt", "2024/b.txt", "2024/c.txt", "2025/d.txt"]
    assert ids(since="2024") == ["2024/b.txt", "2024/c.txt", "2025/d.txt"]
    assert ids(since="2024-05", until="2024-05") == ["2024/b.txt"]
    assert ids(source="EGEMEN.kz") == ["2023/a.txt", "2024/b.txt", "2025/d.txt"]
    assert ids(since="2024", until="2024", source="egemen.kz") == ["2024/b.txt"]
    index.close()


def test_the_command_line(archive: Path, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        env = {"XDG_CACHE_HOME": str(tmp_path / "c"), "HOME": str(tmp_path), "PATH": "/usr/bin"}
        return subprocess.run([sys.executable, "-m", "reader", "search", *args, "--archive",
                               str(archive), "--config-dir", str(tmp_path / "cfg")],
                              capture_output=True, text=True, env=env, timeout=60)

    found = run("мәслихат", "--from", "2024-06", "--source", "inform.kz")
    assert found.returncode == 0 and "2024/c.txt" in found.stdout
    assert "2024/b.txt" not in found.stdout
    bad = run("мәслихат", "--from", "2024-13")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.splitlines() == [
        "kz-reader: '2024-13' is not a date: write 2024, 2024-05 or 2024-05-14"]
