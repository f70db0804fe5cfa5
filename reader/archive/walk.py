"""The one walk over an archive folder, shared by the scan and the search index.

Both must list exactly the same files under the same ids, so the rules live here:
every *.txt below the root, folder symlinks reported and never followed, an
unreadable folder reported and skipped, names that are not UTF-8 kept (surrogateescape).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

FOLDER_LINK = "folder symlink not followed"

Problem = Callable[[str, str], None]  # (relative path, message)


def is_article_name(name: str) -> bool:
    return name.lower().endswith(".txt")


def walk_articles(top: str, on_problem: Problem) -> Iterator[tuple[str, str]]:
    """(full path, article id) for every article file below top, folders in name order.

    Problems go to on_problem with the raw relative path (the caller makes it printable).
    """
    prefix = top.rstrip(os.sep) + os.sep

    def relative(path: str) -> str:
        rel = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, top)
        return rel.replace(os.sep, "/")

    def on_error(err: OSError) -> None:
        reason = (err.strerror or str(err)).lower()
        on_problem(relative(err.filename or top), f"cannot read folder: {reason}")

    for dirpath, dirnames, filenames in os.walk(top, onerror=on_error, followlinks=False):
        for name in sorted(dirnames):
            if os.path.islink(os.path.join(dirpath, name)):
                on_problem(relative(os.path.join(dirpath, name)), FOLDER_LINK)
        dirnames.sort()
        for name in sorted(filenames):  # a stable order: the index numbers files by it
            if is_article_name(name):
                full = os.path.join(dirpath, name)
                yield full, relative(full)
