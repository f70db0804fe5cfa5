"""End to end: what a Kazakh reader types finds what it should, and nothing it should not.

The archive is tests/fixtures/relevance/archive plus the bundled sample article; the
table (relevance.json) lists for each query the ids it must and must not return.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.archive.parser import read_article
from reader.cli.main import main
from reader.search.index import Index
from reader.userdata.paths import bundled_archive

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "relevance"
SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
TABLE = json.loads((FIXTURES / "relevance.json").read_text("utf-8"))["queries"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("relevance") / "archive"
    shutil.copytree(FIXTURES / "archive", root)
    shutil.copy(bundled_archive() / SAMPLE_ID, root / SAMPLE_ID)
    return root


@pytest.fixture(scope="module")
def index(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Index:
    index = Index.open(archive, tmp_path_factory.mktemp("cache"))
    index.update()
    return index


def _ids(names: list[str]) -> set[str]:
    return {SAMPLE_ID if name == "SAMPLE" else name for name in names}


@pytest.mark.parametrize("row", TABLE, ids=[row["q"] for row in TABLE])
def test_relevance_table(index: Index, row: dict) -> None:
    found = [h.id for h in index.search(row["q"], limit=100)]
    assert _ids(row.get("must", [])) <= set(found), found
    assert not _ids(row.get("must_not", [])) & set(found), found
    assert len(found) <= row.get("max", 8), found  # never half the archive


def test_title_outranks_one_mention_in_the_body(index: Index) -> None:
    found = [h.id for h in index.search("конституция")]
    assert found.index("2025/r01_konst_title.txt") < found.index("2025/r02_konst_body.txt")


def test_snippet_pieces_are_the_original_text(index: Index, archive: Path) -> None:
    (hit,) = index.search("бюджет сайлау")
    article = read_article(archive / hit.id, hit.id)
    assert hit.paragraph == 0
    assert "".join(text for text, _ in hit.snippet) == article.paragraphs[0]
    assert [text for text, marked in hit.snippet if marked] == ["бюд\u00adжет", "сай\u200bлау"]


def test_hit_only_in_title(index: Index) -> None:
    (hit,) = index.search("комиссия")
    assert hit.paragraph == -1 and hit.title == "Комиссия есебі"
    assert not any(marked for _, marked in hit.snippet)


def test_hits_have_dates_and_scores_best_first(index: Index) -> None:
    hits = index.search("партия")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.date is not None for h in hits)


def test_limit(index: Index) -> None:
    assert len(index.search("конституция", limit=2)) == 2
    assert index.search("конституция", limit=0) == []


# -- the command line ---------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "KZ_READER_CONFIG_DIR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(capsys, archive: Path, env: Path, *args: str) -> tuple[int, str, str]:
    code = main(["search", *args, "--archive", str(archive), "--config-dir", str(env / "cfg")])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json(capsys, archive: Path, env: Path) -> None:
    code, out, err = run(capsys, archive, env, "Конституция", "--json", "--limit", "2")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 2
    assert set(rows[0]) == {"id", "date", "title", "snippet", "score", "paragraph"}
    assert {r["id"] for r in rows} <= {SAMPLE_ID, "2025/r01_konst_title.txt",
                                       "2025/r02_konst_body.txt"}
    assert all("онституци" in r["snippet"] or r["paragraph"] == -1 for r in rows)
    assert (env / "cache" / "kz-reader").is_dir()


def test_cli_text_is_plain_in_a_pipe(capsys, archive: Path, env: Path) -> None:
    code, out, err = run(capsys, archive, env, "Қызыл-Орда")
    assert code == 0 and err == ""
    first, snippet = out.splitlines()
    assert first.startswith("2023-07-07  2023/r07_kyzylorda.txt  Өңірлік жастар форумы  (")
    assert snippet == "    Форумға Қызыл-Орда облысының жастары қатысты."
    assert "\x1b" not in out


def test_cli_several_words_are_one_query(capsys, archive: Path, env: Path) -> None:
    code, out, _ = run(capsys, archive, env, "қызыл", "орда", "--json")
    assert code == 0
    assert {r["id"] for r in json.loads(out)} == {"2023/r07_kyzylorda.txt",
                                                  "2023/r08_kyzyl_orda_apart.txt"}


@pytest.mark.parametrize(("query", "hint"), [
    ("жоқсөзқазақ", ""), ("OR", ""),
    ("*", "; nothing to search for: type letters or digits"),
    ('"', "; nothing to search for: type letters or digits"),
    ("қонститутсия", "; did you mean конституция? (3 found)"),
])
def test_cli_nothing_found_exits_1(capsys, archive: Path, env: Path, query: str,
                                   hint: str) -> None:
    code, out, err = run(capsys, archive, env, query, "--json")
    assert (code, json.loads(out)) == (1, [])
    # said in words for a person too, with the nearest search that finds something
    assert err == f"kz-reader: nothing found for {query}{hint}\n"


def test_cli_a_filter_that_left_nothing_is_named(capsys, archive: Path, env: Path) -> None:
    code, out, err = run(capsys, archive, env, "Қызыл-Орда", "--from", "2030")
    assert (code, out) == (1, "")
    assert err == ("kz-reader: nothing found for Қызыл-Орда; without the date and source"
                   " filters: 1 found\n")


def test_cli_bad_limit_and_missing_archive(capsys, archive: Path, env: Path) -> None:
    code, out, err = run(capsys, archive, env, "партия", "--limit", "0")
    assert (code, out) == (2, "") and err.startswith("kz-reader: --limit")
    code, out, err = run(capsys, archive / "gone", env, "партия")
    assert (code, out) == (2, "") and "gone" in err and len(err.splitlines()) == 1


def test_cli_help_documents_exit_status(capsys) -> None:
    assert main(["search", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 found, 1 nothing found, 2 error." in out and "--limit N" in out
