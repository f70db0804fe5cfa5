"""The subcommands: each reads the archive or library.toml and prints for people or scripts."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

from reader.archive.parser import read_article
from reader.archive.scan import (
    ArchiveError,
    Catalog,
    resolve_article,
    scan_archive,
)
from reader.archive.walk import is_article_name
from reader.i18n import plural, problem_text, t
from reader.lazy_re import lazy_compile
from reader.session import Session
from reader.terminal_text import json_text, printable_id, terminal_safe

if TYPE_CHECKING:
    import argparse

    from reader.search.index import Index
    from reader.userdata.library import Library

from reader.cli.argv import PROG, UsageError

T = TypeVar("T")


CHUNK = 16384


def write_out(text: str) -> None:
    """Standard output, 16 KiB at a time: CPython reports no error for the rest of one large
    write once the reader has gone (`show big.txt | head -1` exited 0); a small write gets
    EPIPE, which ends the command with 141 like any closed pipe."""
    for start in range(0, len(text), CHUNK):
        sys.stdout.write(text[start:start + CHUNK])
        sys.stdout.flush()


def _unreadable(archive: Path) -> ArchiveError:
    return ArchiveError(t("archive folder {path} is not readable",
                          path=printable_id(str(archive))))


def _scan(session: Session) -> Catalog:
    """Every file read afresh: what `check` needs."""
    return scan_archive(session.archive)


def _listed(session: Session) -> Catalog:
    """The archive as the index knows it (brought up to date first): fast at 100,000 files.
    Without a usable index (cache folder not writable, say) the folder is read instead."""
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    import sqlite3

    try:
        return _with_index(session, lambda index: index.catalog())
    except (OSError, sqlite3.Error):
        return _scan(session)


def _with_index(session: Session, use: Callable[[Index], T]) -> T:
    """use(index) on an index brought up to date. A damaged index file (it is a cache) is
    replaced and rebuilt, once, with one line on stderr saying so."""
    from reader.search.index import Index  # SQLite and the analyzer load only when needed

    index = Index.open(session.archive)
    try:
        for _ in range(2):
            _indexed(index)
            repairs = index.repairs
            result = use(index)
            if index.repairs == repairs:  # not emptied while it was read: the answer stands
                break
        if index.repairs:
            print(f"{PROG}: " + t("the search index was damaged; it has been rebuilt ({path})",
                                  path=printable_id(str(index.path))), file=sys.stderr)
        return result
    finally:
        index.close()


def _library(session: Session) -> Library:
    """library.toml for bookmarks, notes and export; an entry left out is named on stderr."""
    if session.library.broken:
        raise UsageError(session.library.broken)
    for why in session.library.skipped:
        line = t("left out of the list (kept in the file): {why}", why=terminal_safe(why))
        print(f"{PROG}: {line}", file=sys.stderr)
    return session.library


def _is_archive_id(article_id: str) -> bool:
    """An id the archive walk could have made: a relative path of *.txt, with no empty,
    "." or ".." part and no NUL. Anything else (from a hand-edited or imported
    library.toml) names no article, so its path is never looked at."""
    parts = article_id.split("/")
    return (
        "\0" not in article_id
        and not PurePosixPath(article_id).is_absolute()
        and not {"", ".", ".."} & set(parts)
        and is_article_name(parts[-1])
    )


def _exists(session: Session, article_id: str) -> bool:
    """The article is in the archive now: a file, reached through no folder symlink (the
    walk follows none), so nothing outside the archive counts."""
    if not _is_archive_id(article_id):
        return False
    folder = session.archive
    try:
        for part in article_id.split("/")[:-1]:
            folder = folder / part
            if folder.is_symlink():
                return False
        return (folder / article_id.rsplit("/", 1)[-1]).is_file()
    except (OSError, ValueError):
        return False


def cmd_list(session: Session, args: argparse.Namespace) -> int:
    rows = [
        {
            "id": s.id,
            "date": s.date.isoformat() if s.date else None,
            "title": s.title,
            "source": s.source,
            "paragraphs": s.paragraphs,
            "words": s.words,
        }
        for s in _listed(session).summaries
    ]
    if args.json:
        print(json_text(rows))
        return 0
    for r in rows:
        date = r["date"] or t("undated")
        print(f"{date:<10}  {printable_id(r['id'])}  {terminal_safe(r['title'])}")
    return 0


_LINK = lazy_compile(r"(.+)#([0-9]{1,18})")


def split_link(text: str) -> tuple[str, int | None]:
    """"2026/a.txt#4" -> ("2026/a.txt", 4): an article and a paragraph counted from 1, as ¶
    numbers and citations count; a name that merely holds a "#" (a#2.txt) stays whole (one
    that ends in "#digits" is no *.txt article, whatever the current folder holds)."""
    match = _LINK.fullmatch(text)
    if match is None:
        return text, None
    return match.group(1), int(match.group(2))


def deep_link(archive: Path, text: str) -> tuple[str, int | None]:
    """(article id, 0-based paragraph or None) of ID or ID#N; N must be one of its ¶."""
    target, number = split_link(text)
    article_id = resolve_article(archive, target)
    if number is None:
        return article_id, None
    count = len(read_article(archive / article_id, article_id).paragraphs)
    if not 1 <= number <= count:
        raise UsageError(t("{id} has {n} paragraphs: there is no ¶ {number}",
                           id=printable_id(article_id), n=count, number=number))
    return article_id, number - 1


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    article_id, paragraph = deep_link(session.archive, args.id)
    if args.paragraph is not None:
        if paragraph is not None and paragraph != args.paragraph - 1:
            raise UsageError(t("two paragraphs asked for: {link} and --paragraph {n}",
                               link=printable_id(args.id), n=args.paragraph))
        article_id, paragraph = deep_link(session.archive, f"{article_id}#{args.paragraph}")
    article = read_article(session.archive / article_id, article_id)
    from reader.cli.console import Chunked, PipeConsole
    from reader.render import article_renderable

    if args.plain:
        console = PipeConsole(force_terminal=False, no_color=True, color_system=None)
    else:
        console = PipeConsole()
    renderable = article_renderable(article, latin=args.latin, paragraph=paragraph)
    # In a pipe, one line a paragraph (no hard wraps at an assumed 80 columns).
    piped = not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty())
    if piped:
        console.file = Chunked()  # type: ignore[assignment]
    console.print(renderable, markup=False, highlight=False, soft_wrap=piped)
    return 0


def _indexed(index: Index) -> None:
    """Bring the index up to date; a line on stderr only when that takes a while (a first
    build, or a slow or network file system being looked through)."""
    started = time.monotonic()
    shown = False
    terminal = sys.stderr.isatty()

    def say(line: str) -> None:
        nonlocal shown
        if time.monotonic() - started > 1.0 and (terminal or not shown):
            print(f"{PROG}: {line}", end="\r" if terminal else "\n", file=sys.stderr)
            shown = True

    def progress(done: int, total: int) -> None:
        if done < total:
            say(t("indexing the archive: {done}/{total}", done=done, total=total))

    def looking(folders: int) -> None:
        say(t("looking through the archive: {n} folders", n=folders))

    from reader.search.watch_client import synced

    if synced(index.path, lambda: print(f"{PROG}: " + t("waiting for the index watcher"),
                                        file=sys.stderr)):
        return  # kz-reader index --watch has taken in every change made until now
    if index.update(progress, looking=looking).busy:
        print(f"{PROG}: " + t("waiting for another kz-reader to finish indexing"),
              file=sys.stderr)
        index.update(progress, wait=True, looking=looking)
    if shown and terminal:
        print(file=sys.stderr)


def cmd_search(session: Session, args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    if args.limit < 1:
        raise UsageError(t("--limit must be 1 or more"))
    from reader.search.filters import FilterError, make_filters

    try:
        filters = make_filters(args.since, args.until, args.source)
    except FilterError as error:
        raise UsageError(str(error)) from None
    if args.scope == "library":  # the reader's labels and notes: no index, no archive walk
        from reader.cli.library_search import cmd_search_library

        return cmd_search_library(session, args, text, filters)
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    # Index.search clamps the limit to what it ranks (2,000): --limit 99999999999999999999
    # means "all", never an integer past SQLite's 64 bits.
    def run(index: Index) -> tuple[list, str]:
        found = index.search(text, args.limit, filters)
        if found:
            return found, ""
        from reader.search.hints import hint_for, hint_message

        hint = hint_for(index, text, filters)  # a few more searches, only after an empty one
        return found, "" if hint is None else "; " + hint_message(hint)

    hits, hint = _with_index(session, run)
    if not hits:  # exit 1 says it to a script; a person gets it in words
        from reader.search.hints import echoed

        print(f"{PROG}: " + t("nothing found for {query}", query=echoed(text)) + hint,
              file=sys.stderr)
    if args.json:
        print(json_text([
            {"id": h.id, "date": h.date.isoformat() if h.date else None, "title": h.title,
             "snippet": "".join(piece for piece, _ in h.snippet), "score": float(f"{h.score:.4g}"),
             "paragraph": h.paragraph}
            for h in hits
        ]))
        return 0 if hits else 1
    from rich.text import Text

    from reader.cli.console import PipeConsole

    console = PipeConsole(highlight=False)
    for h in hits:
        date = h.date.isoformat() if h.date else t("undated")
        line = f"{date:<10}  {printable_id(h.id)}  {terminal_safe(h.title)}  ({h.score:.3g})"
        console.print(line, markup=False, soft_wrap=True)
        snippet = Text("    ")
        for piece, marked in h.snippet:
            snippet.append(terminal_safe(piece), style="bold reverse" if marked else "")
        console.print(snippet, soft_wrap=True)
    return 0 if hits else 1


def _records(session: Session, entries: list, record: Callable[[Any], dict]) -> list[dict]:
    """Bookmarks, notes or highlights as printed: where each is now (resolved against the
    archive; what was found again is written back), its status and tags."""
    from reader.cli.resolving import resolve_all

    resolved = resolve_all(session, session.library, entries)
    rows = []
    for e, now in zip(entries, resolved, strict=True):
        row = record(e) | {"article": now.article, "paragraph": now.paragraph}
        if now.span is not None:
            row |= {"offset": now.span.offset, "end_paragraph": now.span.end_paragraph,
                    "end_offset": now.span.end_offset}
        rows.append(row | {"status": now.status, "missing": now.status == "missing",
                           "conflict": e.conflict})
    return rows


def _listed_entries(session: Session, args: argparse.Namespace, entries: list,
                    record: Callable[[Any], dict], lines: Callable[[dict], list[str]]) -> int:
    """bookmarks, notes and highlights: JSON records, or each entry's lines of text."""
    from reader.cli.resolving import with_tag

    rows = _records(session, with_tag(entries, args.tag), record)
    if args.json:
        print(json_text(rows))
        return 0
    for row in rows:
        print("\n".join(lines(row)))
    return 0


def _where(r: dict) -> str:
    """The paragraph an entry is at, for people: ¶ counts from 1."""
    if r["paragraph"] is None:
        return "¶?" if r["status"] == "orphaned" else t("whole article")
    return f"¶{r['paragraph'] + 1}"


def _tags(r: dict) -> str:
    return "".join(f"  #{terminal_safe(tag)}" for tag in r.get("tags", []))


def _conflict(r: dict) -> str:
    """After the status: a sync kept two machines' versions of the entry's text."""
    if not r.get("conflict"):
        return ""
    return "  " + t("(conflict: changed on two machines, both versions kept; resolve by "
                    "editing)")


def _bookmark_lines(r: dict) -> list[str]:
    from reader.cli.resolving import status_word

    where = f"{printable_id(r['id'])}  {printable_id(r['article'])}  {_where(r)}"
    line = f"{where}  {terminal_safe(r['title'])}"
    line += f"  [{terminal_safe(r['label'])}]" if r["label"] else ""
    return [line + _tags(r) + status_word(r["status"]) + _conflict(r)]


def _note_lines(r: dict) -> list[str]:
    from reader.cli.resolving import status_word

    place = f"{printable_id(r['id'])}  {printable_id(r['article'])}  {_where(r)}"
    text = terminal_safe(r["text"], lines=True).split("\n")
    head = f"{place}  {terminal_safe(r['title'])}{_tags(r)}{status_word(r['status'])}"
    head += _conflict(r)
    return [head, *("    " + line for line in text)]


def _highlight_lines(r: dict) -> list[str]:
    from reader.cli.resolving import status_word

    place = f"{printable_id(r['id'])}  {printable_id(r['article'])}  {_where(r)}"
    head = f"{place}  {terminal_safe(r['title'])}{_tags(r)}{status_word(r['status'])}"
    head += _conflict(r)
    quote = terminal_safe(r["quote"], lines=True).split("\n")
    note = terminal_safe(r["note"], lines=True).split("\n") if r["note"] else []
    return [head, *("    > " + line for line in quote), *("    " + line for line in note)]


def cmd_bookmarks(session: Session, args: argparse.Namespace) -> int:
    from reader.userdata.transfer import bookmark_record

    return _listed_entries(session, args, _library(session).bookmarks, bookmark_record,
                           _bookmark_lines)


def cmd_notes(session: Session, args: argparse.Namespace) -> int:
    from reader.userdata.transfer import note_record

    return _listed_entries(session, args, _library(session).notes, note_record, _note_lines)


def cmd_highlights(session: Session, args: argparse.Namespace) -> int:
    from reader.userdata.transfer import highlight_record

    return _listed_entries(session, args, _library(session).highlights, highlight_record,
                           _highlight_lines)


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    from reader.cli.resolving import ArchiveArticles, resolve_all, with_tag
    from reader.userdata.transfer import export_json, export_markdown

    if (args.format == "obsidian") != (args.dir is not None):
        raise UsageError(t("--format obsidian writes into a folder: kz-reader export "
                           "--format obsidian DIR") if args.dir is None else
                         t("DIR is only for --format obsidian"))
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    library = _library(session)
    entries = with_tag(library.entries(), args.tag)
    articles = ArchiveArticles(session)
    try:
        resolved = resolve_all(session, library, entries, articles)
        if args.format == "obsidian":
            from reader.cli.obsidian_command import cmd_obsidian

            return cmd_obsidian(Path(args.dir).expanduser(), entries, resolved, articles)
        write = export_json if args.format == "json" else export_markdown
        text = write(entries, resolved, articles)
    finally:
        articles.close()
    write_out(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    return 0


def _index_command(session: Session, args: argparse.Namespace) -> int:
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    from reader.cli.index_command import cmd_index, cmd_watch

    return (cmd_watch if args.watch else cmd_index)(session, args)


def cmd_check(session: Session, args: argparse.Namespace) -> int:
    catalog = _scan(session)
    # Problems are stored in English; shown in the interface language.
    found = [*catalog.problems, *((s.id, p) for s in catalog.summaries for p in s.problems)]
    lines = [f"{printable_id(where)}: {terminal_safe(problem_text(problem))}"
             for where, problem in found]
    for line in lines:
        print(line)
    if not lines:
        count = len(catalog.summaries)
        print(plural(count, "no problems in {n} article", "no problems in {n} articles"))
    return 1 if lines else 0


def _sync_command(session: Session, args: argparse.Namespace) -> int:
    from reader.cli.sync_command import cmd_sync  # git, and the merge, only for sync

    return cmd_sync(session, args)


def _importer():  # type: ignore[no-untyped-def]
    from reader.cli import importer

    return importer


def __getattr__(name: str) -> Any:
    """_Console for the modules that still ask for it here; Rich loads only when output
    needs it, not on every command's path."""
    if name == "_Console":
        from reader.cli.console import PipeConsole

        return PipeConsole
    raise AttributeError(name)


HANDLERS: dict[str, Callable[[Session, argparse.Namespace], int]] = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "bookmarks": cmd_bookmarks,
    "notes": cmd_notes,
    "highlights": cmd_highlights,
    "export": cmd_export,
    "check": cmd_check,
    "index": lambda session, args: _index_command(session, args),
    "import": lambda session, args: _importer().cmd_import(session, args.files, args.into),
    "import-library": lambda session, args: _importer().cmd_import_library(session, args.file),
    "sync": _sync_command,
}


