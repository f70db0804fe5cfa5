"""The archive scan: what gets listed, in what order, and what is reported instead of crashing."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.archive.scan import (
    ArchiveError,
    ArticleNotFound,
    printable_id,
    resolve_article,
    scan_archive,
)

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "reader" / "sample"


def _article(root: Path, rel: str, date: str | None, title: str, body: str = "Абзац.") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"date {date} {title}" if date else title
    path.write_text(f"{head}\n{body}\nДереккөз: osdp.kz\n", encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    _article(root, "2026/02/b.txt", "2026-02-02", "Ақпан B")
    _article(root, "2026/02/a.txt", "2026-02-02", "Ақпан A", "Бірінші.\nЕкінші.")
    _article(root, "2025/x.txt", "2025-12-31", "Желтоқсан")
    _article(root, "2026/new.txt", "2026-03-01", "Наурыз")
    _article(root, "undated-b.txt", None, "Күнсіз B")
    _article(root, "undated-a.txt", None, "Күнсіз A")
    (root / "readme.md").write_text("not an article")
    return root


def test_newest_first_undated_last_ties_by_id_nested_ids(archive: Path) -> None:
    catalog = scan_archive(archive)
    ids = [s.id for s in catalog.summaries]
    assert ids == [
        "2026/new.txt",
        "2026/02/a.txt",
        "2026/02/b.txt",
        "2025/x.txt",
        "undated-a.txt",
        "undated-b.txt",
    ]
    assert catalog.problems == []
    assert catalog.index_of("2026/02/b.txt") == 2
    assert catalog.index_of("readme.md") is None
    summary = catalog.get("2026/02/a.txt")
    assert summary is not None
    assert (summary.title, summary.paragraphs, summary.source) == ("Ақпан A", 2, "osdp.kz")
    article = catalog.load("2026/02/a.txt")
    assert article.paragraphs == ("Бірінші.", "Екінші.")
    assert article.path == archive / "2026" / "02" / "a.txt"


def test_load_rereads_the_file_and_rejects_unknown_ids(archive: Path) -> None:
    catalog = scan_archive(archive)
    (archive / "2025/x.txt").write_text("date 2025-12-31 Жаңа\nӨзгерді.\n", encoding="utf-8")
    assert catalog.load("2025/x.txt").paragraphs == ("Өзгерді.",)
    with pytest.raises(ArticleNotFound, match=r"^no article 'nope\.txt' in .*archive$"):
        catalog.load("nope.txt")


def test_bundled_sample_archive() -> None:
    catalog = scan_archive(SAMPLE_DIR)
    assert [s.id for s in catalog.summaries] == ["000_8da56fbcbfc7ef32.txt"]
    assert catalog.summaries[0].paragraphs == 8
    assert catalog.problems == []


def _deny_listing(folder: Path) -> Iterator[str]:
    """Make `folder` (or a folder in it) unlistable; yields the relative path expected to fail.

    chmod 000 does not stop root, so as root the folder is nested deeper than PATH_MAX,
    which no user can list by path.
    """
    folder.chmod(0)
    try:
        os.listdir(folder)
    except PermissionError:
        yield folder.name
        folder.chmod(0o755)
        return
    folder.chmod(0o755)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    depth = 0
    while len(str(folder)) + depth * 201 < 4200:
        os.mkdir("d" * 200, dir_fd=fd)
        child = os.open("d" * 200, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd, depth = child, depth + 1
    os.close(fd)
    yield folder.name + "/" + "d" * 200
    shutil.rmtree(folder)


def test_unreadable_folder_is_reported_and_the_rest_listed(archive: Path) -> None:
    locked = archive / "locked"
    _article(archive, "locked/hidden.txt", "2026-01-01", "Жасырын")
    denied = _deny_listing(locked)
    rel = next(denied)
    try:
        catalog = scan_archive(archive)
    finally:
        next(denied, None)
    assert len(catalog.summaries) == 6 + (0 if rel == "locked" else 1)
    assert len(catalog.problems) == 1
    where, message = catalog.problems[0]
    assert where.startswith(rel)
    assert message.startswith("cannot read folder: ")


def test_symlinks_loops_and_special_files_never_crash(archive: Path) -> None:
    (archive / "loop.txt").symlink_to("loop.txt")
    (archive / "gone.txt").symlink_to("nowhere.txt")
    (archive / "alias.txt").symlink_to("2025/x.txt")
    (archive / "2026" / "back").symlink_to("..", target_is_directory=True)
    (archive / "folder.txt").mkdir()
    os.mkfifo(archive / "pipe.txt")
    catalog = scan_archive(archive)
    by_id = {s.id: s for s in catalog.summaries}
    assert by_id["loop.txt"].problems == ("cannot read file: too many levels of symbolic links",)
    assert by_id["gone.txt"].problems == ("broken symlink",)
    assert by_id["pipe.txt"].problems == ("not a regular file",)
    assert (by_id["alias.txt"].title, by_id["alias.txt"].problems) == ("Желтоқсан", ())
    assert by_id["loop.txt"].title == "loop"
    assert "folder.txt" not in by_id
    assert len(catalog.summaries) == 10
    assert catalog.problems == [("2026/back", "folder symlink not followed")]


def test_file_name_that_is_not_utf8(archive: Path) -> None:
    folder = os.fsencode(archive)
    with open(folder + b"/caf\xe9 \x1b[31m.txt", "wb") as f:
        f.write("date 2026-04-01 Сәуір\nМәтін.\nДереккөз: osdp.kz\n".encode())
    with open(folder + b"/\xd0 name.txt", "wb"):
        pass
    catalog = scan_archive(archive)
    first = catalog.summaries[0]
    assert first.id == "caf\udce9 \x1b[31m.txt"
    assert first.title == "Сәуір"
    assert first.problems == ("file name is not valid UTF-8",)
    assert printable_id(first.id) == "caf\\xe9 \\x1b[31m.txt"
    assert catalog.load(first.id).paragraphs == ("Мәтін.",)
    untitled = catalog.get("\udcd0 name.txt")
    assert untitled is not None
    assert untitled.title == "\ufffd name"
    assert untitled.problems == ("empty file", "file name is not valid UTF-8")
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    for summary in catalog.summaries:
        print(printable_id(summary.id), summary.title, *summary.problems, file=out)
    out.flush()


def test_resolve_article_by_id_and_by_path(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = archive / "2026" / "02" / "a.txt"
    assert resolve_article(archive, "2026/02/a.txt") == "2026/02/a.txt"
    assert resolve_article(archive, "./2026//02/a.txt") == "2026/02/a.txt"
    assert resolve_article(archive, str(target)) == "2026/02/a.txt"
    monkeypatch.chdir(archive / "2026")
    assert resolve_article(archive, "02/a.txt") == "2026/02/a.txt"
    assert resolve_article(archive, "new.txt") == "2026/new.txt"
    link = tmp_path / "link-to-archive"
    link.symlink_to(archive, target_is_directory=True)
    assert resolve_article(link, str(target)) == "2026/02/a.txt"
    assert resolve_article(archive, str(link / "2025" / "x.txt")) == "2025/x.txt"


@pytest.mark.parametrize(
    "wrong",
    ["missing.txt", "../outside.txt", "OUTSIDE", "2026/02", "readme.md", "", "2026/back/new.txt"],
)
def test_resolve_article_refuses_what_is_not_a_listed_article(
    archive: Path, tmp_path: Path, wrong: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("date 2026-01-01 Сырт\n")
    (archive / "2026" / "back").symlink_to("..", target_is_directory=True)
    wrong = str(outside) if wrong == "OUTSIDE" else wrong
    with pytest.raises(ArticleNotFound) as caught:
        resolve_article(archive, wrong)
    assert str(caught.value) == f"no article '{wrong}' in {archive}"


def test_missing_or_wrong_archive_is_an_archive_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        scan_archive(tmp_path / "nowhere")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ArchiveError, match="is not a folder"):
        scan_archive(tmp_path / "file")
