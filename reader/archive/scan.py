"""Walk an archive folder into a Catalog: every readable article listed, the rest reported.

One bad file or folder never hides the others: unreadable folders and folder
symlinks become Catalog problems, broken files become articles with problems.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from reader.archive.article import Article, ArticleSummary
from reader.archive.parser import read_article
from reader.archive.walk import FOLDER_LINK as FOLDER_LINK  # re-exported
from reader.archive.walk import is_article_name as _is_article_name
from reader.archive.walk import walk_articles
from reader.i18n import t
from reader.terminal_text import printable_id as printable_id  # re-exported


class ArticleNotFound(Exception):
    """An id or path that names no article of the archive."""

    def __init__(self, article_id: str, root: Path) -> None:
        super().__init__(t("no article '{id}' in {archive}", id=printable_id(article_id),
                           archive=printable_id(str(root))))
        self.article_id = article_id
        self.root = root


class ArchiveError(Exception):
    """The archive folder itself is missing or unreadable: nothing can be listed."""


def _sort_key(s: ArticleSummary) -> tuple[bool, int, str]:
    return (s.date is None, -s.date.toordinal() if s.date else 0, s.id)


class Catalog:
    """The listed archive. `problems` hold printable (path, message) pairs for display.
    (A plain class: a dataclass would load dataclasses and inspect, 10 ms of every command.)"""

    def __init__(self, root: Path, summaries: list[ArticleSummary],
                 problems: list[tuple[str, str]] | None = None) -> None:
        self.root = root
        self.summaries = summaries
        self.problems = [] if problems is None else problems
        self.__post_init__()

    def __post_init__(self) -> None:
        self._index = {s.id: i for i, s in enumerate(self.summaries)}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.root, self.summaries, self.problems) == (
            other.root, other.summaries, other.problems)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return (f"Catalog(root={self.root!r}, summaries={self.summaries!r}, "
                f"problems={self.problems!r})")

    def _position(self, article_id: str) -> int | None:
        i = self._index.get(article_id)
        if i is None or i >= len(self.summaries) or self.summaries[i].id != article_id:
            self.__post_init__()  # summaries were changed in place; re-index
            i = self._index.get(article_id)
        return i

    def get(self, article_id: str) -> ArticleSummary | None:
        i = self._position(article_id)
        return None if i is None else self.summaries[i]

    def index_of(self, article_id: str) -> int | None:
        return self._position(article_id)

    def titled(self, title: str) -> list[str]:
        """Ids of the articles with this very title (a moved file's new place)."""
        return [s.id for s in self.summaries if s.title == title]

    def load(self, article_id: str) -> Article:
        """Read the file again: the catalog keeps only summaries, not paragraphs."""
        if self._position(article_id) is None:
            raise ArticleNotFound(article_id, self.root)
        return read_article(self.root / article_id, article_id)


def _check_root(root: Path) -> None:
    try:
        if not root.exists():
            raise ArchiveError(t("archive folder {path} does not exist",
                                 path=printable_id(str(root))))
        if not root.is_dir():
            raise ArchiveError(t("archive {path} is not a folder", path=printable_id(str(root))))
        with os.scandir(root):
            pass
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        where = printable_id(str(root))
        raise ArchiveError(t("cannot read archive folder {path}: {error}", path=where,
                             error=reason)) from err


def scan_archive(root: Path) -> Catalog:
    """List every *.txt below root (read once each); ArchiveError if root is unusable."""
    root = Path(root)
    _check_root(root)
    problems: list[tuple[str, str]] = []
    summaries: list[ArticleSummary] = []
    for full, article_id in walk_articles(
        os.fspath(root), lambda where, message: problems.append((printable_id(where), message))
    ):
        summaries.append(read_article(Path(full), article_id).summary())
    summaries.sort(key=_sort_key)
    problems.sort()
    return Catalog(root=root, summaries=summaries, problems=problems)


def _listed_id(root: Path, rel: PurePosixPath) -> str | None:
    """The id for rel if the scan would list it: no '..', no folder symlink on the way."""
    parts = rel.parts
    if not parts or rel.is_absolute() or ".." in parts or not _is_article_name(parts[-1]):
        return None
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or not folder.is_dir():
            return None
    target = folder / parts[-1]
    if not os.path.lexists(target) or (target.is_dir() and not target.is_symlink()):
        return None
    return "/".join(parts)


def resolve_article(root: Path, id_or_path: str) -> str:
    """An article id, or a path (absolute or relative to cwd) to a file in root -> its id."""
    root = Path(root)
    if not id_or_path.strip():
        raise ArticleNotFound(id_or_path, root)
    as_id = _listed_id(root, PurePosixPath(id_or_path))
    if as_id is not None:
        return as_id
    path = Path(os.path.abspath(Path(id_or_path).expanduser()))
    for base, candidate in (
        (Path(os.path.abspath(root)), path),
        (Path(os.path.realpath(root)), path),
        (Path(os.path.realpath(root)), Path(os.path.realpath(path))),
    ):
        try:
            rel = candidate.relative_to(base)
        except ValueError:
            continue
        found = _listed_id(root, PurePosixPath(rel.as_posix()))
        if found is not None:
            return found
    raise ArticleNotFound(id_or_path, root)
