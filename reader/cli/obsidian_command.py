"""`kz-reader export --format obsidian DIR`: writes the files of userdata/obsidian.py into
DIR, rewriting the ones an earlier export made and leaving every other file alone."""

from __future__ import annotations

from pathlib import Path

from reader.archive.scan import ArchiveError
from reader.i18n import t
from reader.terminal_text import printable_id
from reader.userdata.entries import Entry
from reader.userdata.files import atomic_write
from reader.userdata.obsidian import by_article, file_name, marked_id, render
from reader.userdata.resolve import Resolved
from reader.userdata.transfer import ArticleSource, export_data, order

HEAD_BYTES = 4096  # enough of a file for its front matter


def _ours(folder: Path) -> tuple[dict[str, Path], set[str]]:
    """(article id -> the file of ours that holds it, every name taken in the folder)."""
    ours: dict[str, Path] = {}
    taken: set[str] = set()
    for path in folder.iterdir():
        taken.add(path.name.casefold())
        if path.suffix != ".md" or not path.is_file():
            continue
        try:
            with path.open("rb") as f:
                head = f.read(HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        article_id = marked_id(head)
        if article_id is not None and article_id not in ours:
            ours[article_id] = path
    return ours, taken


def cmd_obsidian(folder: Path, entries: list[Entry], resolved: dict[str, Resolved],
                 articles: ArticleSource) -> int:
    where = printable_id(str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ours, taken = _ours(folder)
    except OSError as error:
        raise ArchiveError(t("cannot write into {folder}: {error}", folder=where,
                             error=error.strerror or error)) from None
    data = export_data(entries, resolved, articles)
    ids = order(data, articles)
    about = {}
    for article_id in ids:
        article = articles.article(article_id)
        if article is not None:
            about[article_id] = (article.title, article.date.isoformat() if article.date
                                 else None, article.source)
    written = unchanged = 0
    for notes in by_article(data, ids, about):
        path = ours.get(notes.id)
        if path is None:
            name = file_name(notes.title, notes.id, taken)
            stem, n = name[:-3], 2
            while name.casefold() in taken:  # never over a file that is not ours
                name, n = f"{stem} {n}.md", n + 1
            taken.add(name.casefold())
            path = folder / name
        text = render(notes).encode("utf-8", "backslashreplace")
        try:
            if path.exists() and path.read_bytes() == text:
                unchanged += 1
                continue
            atomic_write(path, text)
        except OSError as error:
            raise ArchiveError(t("cannot write {path}: {error}", path=printable_id(str(path)),
                                 error=error.strerror or error)) from None
        written += 1
    print(t("{written} written, {unchanged} unchanged, in {folder}", written=written,
            unchanged=unchanged, folder=where))
    return 0
