"""`kz-reader search QUERY --in library`: the reader's own labels and notes, printed like
`bookmarks` and `notes`, with the hits marked as `search` marks them."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.archive.parser import read_article
from reader.cli.argv import PROG
from reader.cli.commands import _exists, _library
from reader.i18n import t
from reader.search.filters import Filters
from reader.search.in_library import LibraryHit, search_library
from reader.session import Session
from reader.terminal_text import json_text, printable_id, terminal_safe
from reader.userdata.entries import Bookmark
from reader.userdata.transfer import bookmark_record, note_record

if TYPE_CHECKING:  # argparse and Rich load only when a command needs them
    import argparse

    from rich.text import Text


def _sources(session: Session):
    """An article's source line, each article read once; None when it is not there."""

    @lru_cache(maxsize=256)
    def source_of(article_id: str) -> str | None:
        if not _exists(session, article_id):
            return None
        return read_article(session.archive / article_id, article_id).source

    return source_of


def _record(session: Session, hit: LibraryHit) -> dict:
    """The entry as `bookmarks --json` / `notes --json` give it, with its kind and snippet."""
    entry = hit.entry
    record = bookmark_record(entry) if isinstance(entry, Bookmark) else note_record(entry)
    snippet = "".join(piece for piece, _ in hit.snippet())
    return record | {"kind": hit.kind, "snippet": snippet,
                     "missing": not _exists(session, entry.article)}


def _heading(row: dict) -> str:
    """The first line of `bookmarks` / `notes`: id, article, where, title, (missing)."""
    where = t("whole article") if row["paragraph"] is None else f"¶{row['paragraph'] + 1}"
    line = f"{printable_id(row['id'])}  {printable_id(row['article'])}  {where}"
    line += f"  {terminal_safe(row['title'])}"
    return line + ("  " + t("(missing)") if row["missing"] else "")


def _snippet(hit: LibraryHit) -> Text:
    """The label in brackets, as `bookmarks` prints it, or the note's words around the hit."""
    from rich.text import Text

    line = Text("    [" if hit.kind == "bookmark" else "    ")
    for piece, marked in hit.snippet():
        line.append(terminal_safe(piece), style="bold reverse" if marked else "")
    if hit.kind == "bookmark":
        line.append("]")
    return line


def cmd_search_library(session: Session, args: argparse.Namespace, text: str,
                       filters: Filters) -> int:
    """Exit 1 with a line on stderr when nothing matches, as the archive search."""
    library = _library(session)
    source_of = _sources(session) if filters.source else None
    entries = [*library.bookmarks, *library.notes]
    hits = search_library(entries, text, filters, source_of)[:args.limit]
    if not hits:  # a hint, as the archive search gives: a few more searches, only now
        from reader.search.hints import echoed, hint_message
        from reader.search.in_library import library_hint

        hint = library_hint(entries, text, filters, source_of)
        print(f"{PROG}: " + t("nothing found for {query}", query=echoed(text))
              + ("" if hint is None else "; " + hint_message(hint)), file=sys.stderr)
    rows = [_record(session, hit) for hit in hits]
    if args.json:
        print(json_text(rows))
        return 0 if hits else 1
    from reader.cli.console import PipeConsole

    console = PipeConsole(highlight=False)
    for row, hit in zip(rows, hits, strict=True):
        console.print(_heading(row), markup=False, soft_wrap=True)
        console.print(_snippet(hit), soft_wrap=True)
    return 0 if hits else 1
