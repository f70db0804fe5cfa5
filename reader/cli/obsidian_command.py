"""`kz-reader export --format obsidian DIR`: writes the files of userdata/obsidian.py into
DIR, rewriting the ones an earlier export made and leaving every other file alone."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.archive.scan import ArchiveError
from reader.cli.parser import PROG
from reader.i18n import t
from reader.terminal_text import printable_id
from reader.userdata.entries import Entry
from reader.userdata.files import atomic_write
from reader.userdata.obsidian import by_article, file_name, marked, render
from reader.userdata.resolve import Resolved
from reader.userdata.transfer import ArticleSource, export_data, order

MAX_OURS = 1 << 20  # a file of ours is read whole (its hash covers it); larger: not ours


def _ours(folder: Path) -> tuple[dict[str, tuple[Path, bool]], set[str]]:
    """(article id -> (the file of ours that holds it, whether it is as we wrote it), every
    name taken in the folder). A link is never ours: writing it would write where it points."""
    ours: dict[str, tuple[Path, bool]] = {}
    taken: set[str] = set()
    for path in folder.iterdir():
        taken.add(path.name.casefold())
        if path.suffix != ".md" or path.is_symlink() or not path.is_file():
            continue
        try:
            with path.open("rb") as f:
                text = f.read(MAX_OURS).decode("utf-8", "replace")
        except OSError:
            continue
        mark = marked(text)
        if mark is not None and mark[0] not in ours:
            ours[mark[0]] = (path, mark[1])
    return ours, taken


def cmd_obsidian(folder: Path, entries: list[Entry], resolved: list[Resolved],
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
    # an article that moved since the last export keeps its file (marked with the old id)
    was = {now.article: e.article for e, now in zip(entries, resolved, strict=True)
           if now.article != e.article}
    about = {}
    for article_id in ids:
        article = articles.article(article_id)
        if article is not None:
            about[article_id] = (article.title, article.date.isoformat() if article.date
                                 else None, article.source)
    written = unchanged = 0
    kept: list[str] = []
    for notes in by_article(data, ids, about):
        found = ours.get(notes.id) or ours.get(was.get(notes.id, ""))
        if found is not None and not found[1]:
            kept.append(found[0].name)  # edited by the reader since: theirs now
            continue
        path = found[0] if found is not None else None
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
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
            atomic_write(path, text, mode)
        except OSError as error:
            raise ArchiveError(t("cannot write {path}: {error}", path=printable_id(str(path)),
                                 error=error.strerror or error)) from None
        written += 1
    for name in kept:
        print(f"{PROG}: " + t("{name} was edited since the last export: left as it is (move "
                              "or delete it to have it written again)", name=printable_id(name)),
              file=sys.stderr)
    print(t("{written} written, {unchanged} unchanged, in {folder}", written=written,
            unchanged=unchanged, folder=where))
    return 0
