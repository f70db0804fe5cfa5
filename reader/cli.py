"""The kz-reader command line: the Textual app, plus subcommands for scripts.

Every failure a user can cause ends as one "kz-reader: ..." line on stderr and
exit status 2, never a traceback, because scripts and pipes read these streams.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from rich.console import Console
from rich.text import Text

from reader import __version__, importer, paths
from reader.archive.parser import read_article
from reader.archive.scan import (
    ArchiveError,
    ArticleNotFound,
    Catalog,
    printable_id,
    resolve_article,
    scan_archive,
)
from reader.cli_help import HelpFormatter, description, epilog
from reader.completion import SHELLS, completion_script
from reader.config import CONFIG_NAME
from reader.export import bookmark_record, export_json, export_markdown, note_record
from reader.i18n import LANGUAGES, choose_language, plural, problem_text, set_language, t
from reader.library import Library, LibraryError
from reader.render import article_renderable, safe
from reader.session import Session, open_session

if TYPE_CHECKING:
    from reader.archive.index import Index

PROG = "kz-reader"
COMMANDS = (
    "list", "show", "search", "bookmarks", "notes", "export", "check",
    "import", "import-library", "completion",
)


class UsageError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _common(default: Any) -> argparse.ArgumentParser:
    """--archive/--config-dir; subcommands use SUPPRESS so they don't undo the top level's."""
    parent = _Parser(add_help=False, allow_abbrev=False)
    parent.add_argument("--archive", metavar="DIR", default=default, help=t("the archive folder"))
    parent.add_argument(
        "--config-dir", metavar="DIR", default=default, help=t("the config folder")
    )
    return parent


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        parents=[_common(None)],
        allow_abbrev=False,
        formatter_class=HelpFormatter,
        epilog=epilog(""),
        description=t(
            "Read an archive of Kazakh meeting reports. "
            "`{prog} [ID]` starts the reader (ID: an article id or a path to its file).",
            prog=PROG,
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help=t("show program's version number and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub_parent = _common(argparse.SUPPRESS)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help_text, parents=[sub_parent], allow_abbrev=False,
            formatter_class=HelpFormatter, epilog=epilog(name),
            description=description(name),
        )

    add("list", t("every article")).add_argument("--json", action="store_true")
    show = add("show", t("one article, rendered"))
    show.add_argument("id", metavar="ID", help=t("an article id or a path to the file"))
    show.add_argument("--plain", action="store_true", help=t("no colours or styles"))
    show.add_argument(
        "--latin", action="store_true", help=t("in the Kazakh Latin alphabet (2021)")
    )
    search = add("search", t("full-text search; exit status 1 when nothing is found"))
    search.add_argument("query", metavar="QUERY", nargs="+")
    search.add_argument("--json", action="store_true")
    search.add_argument(
        "--limit", type=int, default=20, metavar="N", help=t("at most N results")
    )
    add("bookmarks", t("the bookmarks in library.toml")).add_argument(
        "--json", action="store_true"
    )
    add("notes", t("the notes in library.toml")).add_argument("--json", action="store_true")
    export = add("export", t("bookmarks and notes, for another tool"))
    export.add_argument(
        "--format", choices=("md", "json"), default="md", help=t("md (the default) or json")
    )
    add("check", t("report every problem in the archive; exit 1 if any"))
    imp = add("import", t("copy article files into the archive; never overwrites"))
    imp.add_argument("files", metavar="FILE", nargs="+", help=t("article files (*.txt)"))
    imp.add_argument(
        "--into", metavar="DIR", help=t("a folder inside the archive, like 2026/02")
    )
    add("import-library", t("merge bookmarks and notes from an export --format json")
        ).add_argument("file", metavar="FILE", help=t("the JSON export, or - for standard input"))
    add("completion", t("print a shell completion script")).add_argument(
        "shell", metavar="SHELL", choices=SHELLS, help=t("bash or zsh")
    )
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, parents=[_common(None)], allow_abbrev=False)
    parser.add_argument("id", metavar="ID", nargs="?", help=t("an article id or a path to it"))
    return parser


def _argparse_words(message: str) -> str:
    """argparse's own words (it asks gettext for them) in the interface language."""
    words = {
        "usage: ": t("usage: "),
        "positional arguments": t("positional arguments"),
        "options": t("options"),
        "show this help message and exit": t("show this help message and exit"),
        "argument %(argument_name)s: %(message)s": t("argument %(argument_name)s: %(message)s"),
        "unrecognized arguments: %s": t("unrecognized arguments: %s"),
        "the following arguments are required: %s":
            t("the following arguments are required: %s"),
        "expected one argument": t("expected one argument"),
        "expected at most one argument": t("expected at most one argument"),
        "expected at least one argument": t("expected at least one argument"),
        "invalid choice: %(value)r (choose from %(choices)s)":
            t("invalid choice: %(value)r (choose from %(choices)s)"),
        "invalid %(type)s value: %(value)r": t("invalid %(type)s value: %(value)r"),
        "ignored explicit argument %r": t("ignored explicit argument %r"),
    }
    return words.get(message, message)


@contextmanager
def _argparse_in_language() -> Iterator[None]:
    """argparse looks its words up through its module's `_` when it needs them: point that at
    the catalogue while our parsers are built and used, and put it back afterwards."""
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = _argparse_words  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


def _early_language(argv: list[str]) -> str:
    """The language before any parser exists (help and usage errors need it): `language` in
    config.toml, read only (a first run's default file is written later, by the session),
    else the locale, else English."""
    folder = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            break
        if arg in ("--archive", "--config-dir"):
            if arg == "--config-dir" and i + 1 < len(argv):
                folder = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--config-dir="):
            folder = arg.split("=", 1)[1]
        i += 1
    configured = None
    try:
        text = (paths.config_dir(folder) / CONFIG_NAME).read_bytes().decode("utf-8")
        configured = tomllib.loads(text).get("language")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass
    return choose_language(configured if configured in LANGUAGES else None)


def _first_positional(argv: list[str]) -> str | None:
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return argv[i + 1] if i + 1 < len(argv) else None
        if arg in ("--archive", "--config-dir"):
            i += 2
        elif arg.startswith("-") and arg != "-":
            i += 1
        else:
            return arg
    return None


def _unreadable(archive: Path) -> ArchiveError:
    return ArchiveError(t("archive folder {path} is not readable",
                          path=printable_id(str(archive))))


def _text(value: str) -> str:
    """One field of text output: printable, no control characters, no lone surrogates."""
    return safe(printable_id(value))


def _json(data: Any) -> str:
    """JSON; a non-UTF-8 file name's lone surrogates become \\udcXX escapes (valid JSON)."""
    out = json.dumps(data, ensure_ascii=False, indent=2)
    return out.encode("utf-8", "backslashreplace").decode("utf-8")


def _scan(session: Session) -> Catalog:
    """Every file read afresh: what `check` needs."""
    return scan_archive(session.archive)


def _listed(session: Session) -> Catalog:
    """The archive as the index knows it (brought up to date first): fast at 100,000 files.
    Without a usable index (cache folder not writable, say) the folder is read instead."""
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    import sqlite3

    from reader.archive.index import Index

    try:
        index = Index.open(session.archive)
    except (OSError, sqlite3.Error):
        return _scan(session)
    try:
        _indexed(index)
        return index.catalog()
    except (OSError, sqlite3.Error):
        return _scan(session)
    finally:
        index.close()


def _library(session: Session) -> Library:
    if session.library.broken:
        raise UsageError(session.library.broken)
    return session.library


def _exists(session: Session, article_id: str) -> bool:
    return (session.archive / article_id).is_file()


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
        print(_json(rows))
        return 0
    for r in rows:
        print(f"{r['date'] or t('undated'):<10}  {_text(r['id'])}  {_text(r['title'])}")
    return 0


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    article_id = resolve_article(session.archive, args.id)
    article = read_article(session.archive / article_id, article_id)
    if args.plain:
        console = Console(force_terminal=False, no_color=True, color_system=None)
    else:
        console = Console()
    renderable = article_renderable(article, latin=args.latin)
    # In a pipe, one line a paragraph (no hard wraps at an assumed 80 columns).
    piped = not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty())
    console.print(renderable, markup=False, highlight=False, soft_wrap=piped)
    return 0


def _indexed(index: Index) -> None:
    """Bring the index up to date; a progress line on stderr only when that takes a while."""
    started = time.monotonic()
    shown = False

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if done < total and time.monotonic() - started > 1.0:
            end = "\r" if sys.stderr.isatty() else "\n"
            if end == "\r" or not shown:
                print(f"{PROG}: " + t("indexing the archive: {done}/{total}", done=done,
                                            total=total), end=end, file=sys.stderr)
            shown = True

    if index.update(progress).busy:
        print(f"{PROG}: " + t("waiting for another kz-reader to finish indexing"),
              file=sys.stderr)
        index.update(progress, wait=True)
    if shown and sys.stderr.isatty():
        print(file=sys.stderr)


def cmd_search(session: Session, args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    if args.limit < 1:
        raise UsageError(t("--limit must be 1 or more"))
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    from reader.archive.index import Index  # SQLite and the analyzer load only for search

    index = Index.open(session.archive)
    try:
        _indexed(index)
        hits = index.search(text, args.limit)
    finally:
        index.close()
    if args.json:
        print(_json([
            {"id": h.id, "date": h.date.isoformat() if h.date else None, "title": h.title,
             "snippet": "".join(piece for piece, _ in h.snippet), "score": round(h.score, 3),
             "paragraph": h.paragraph}
            for h in hits
        ]))
        return 0 if hits else 1
    console = Console(highlight=False)
    for h in hits:
        date = h.date.isoformat() if h.date else t("undated")
        console.print(f"{date:<10}  {_text(h.id)}  {_text(h.title)}  ({h.score:.3g})",
                      markup=False, soft_wrap=True)
        snippet = Text("    ")
        for piece, marked in h.snippet:
            snippet.append(_text(piece), style="bold reverse" if marked else "")
        console.print(snippet, soft_wrap=True)
    return 0 if hits else 1


def cmd_bookmarks(session: Session, args: argparse.Namespace) -> int:
    rows = [
        bookmark_record(b) | {"missing": not _exists(session, b.article)}
        for b in _library(session).bookmarks
    ]
    if args.json:
        print(_json(rows))
        return 0
    for r in rows:
        line = f"{r['id']}  {_text(r['article'])}  ¶{r['paragraph'] + 1}  {_text(r['title'])}"
        line += f"  [{_text(r['label'])}]" if r["label"] else ""
        print(line + ("  " + t("(missing)") if r["missing"] else ""))
    return 0


def cmd_notes(session: Session, args: argparse.Namespace) -> int:
    rows = [
        note_record(n) | {"missing": not _exists(session, n.article)}
        for n in _library(session).notes
    ]
    if args.json:
        print(_json(rows))
        return 0
    for r in rows:
        where = t("whole article") if r["paragraph"] is None else f"¶{r['paragraph'] + 1}"
        missing = "  " + t("(missing)") if r["missing"] else ""
        print(f"{r['id']}  {_text(r['article'])}  {where}  {_text(r['title'])}{missing}")
        for line in r["text"].splitlines() or [""]:
            print("    " + _text(line))
    return 0


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    library = _library(session)
    catalog = _listed(session)
    write = export_json if args.format == "json" else export_markdown
    text = write(library, catalog)
    sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    return 0


def cmd_check(session: Session, args: argparse.Namespace) -> int:
    catalog = _scan(session)
    # Problems are stored in English; shown in the interface language.
    lines = [f"{_text(where)}: {_text(problem_text(problem))}"
             for where, problem in catalog.problems]
    for s in catalog.summaries:
        lines += [f"{_text(s.id)}: {_text(problem_text(problem))}" for problem in s.problems]
    for line in lines:
        print(line)
    if not lines:
        count = len(catalog.summaries)
        print(plural(count, "no problems in {n} article", "no problems in {n} articles"))
    return 1 if lines else 0


HANDLERS: dict[str, Callable[[Session, argparse.Namespace], int]] = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "bookmarks": cmd_bookmarks,
    "notes": cmd_notes,
    "export": cmd_export,
    "check": cmd_check,
    "import": lambda session, args: importer.cmd_import(session, args.files, args.into),
    "import-library": lambda session, args: importer.cmd_import_library(session, args.file),
}


def _outside(archive: Path, id_or_path: str) -> bool:
    """An existing article file that is not in the archive."""
    if not Path(id_or_path).expanduser().is_file():
        return False
    try:
        resolve_article(archive, id_or_path)
    except ArticleNotFound:
        return True
    return False


def _run_app(args: argparse.Namespace) -> int:
    session = open_session(args.archive, args.config_dir)
    if args.id and not args.archive and _outside(session.archive, args.id):
        # A file from elsewhere (a download, say): read it among its neighbours.
        session.archive = Path(args.id).expanduser().resolve().parent
    if not session.archive.is_dir():
        raise _unreadable(session.archive)
    article_id = resolve_article(session.archive, args.id) if args.id else None
    from reader.app import run_app  # Textual only loads when the app starts

    return run_app(session, article_id)


def _dispatch(argv: list[str]) -> int:
    first = _first_positional(argv)
    wants_help = first is None and any(a in ("-h", "--help", "--version") for a in argv)
    with _argparse_in_language():
        if first in COMMANDS or wants_help:
            args = _build_parser().parse_args(argv)
        else:
            args = _app_parser().parse_args(argv)
    command = getattr(args, "command", None)
    if command is None:
        return _run_app(args)
    if command == "completion":  # no session: a shell start-up file runs this
        with _argparse_in_language():
            print(completion_script(args.shell, _build_parser()), end="")
        return 0
    session = open_session(args.archive, args.config_dir)
    for warning in session.warnings:
        print(f"{PROG}: " + t("warning: {warning}", warning=_text(warning)), file=sys.stderr)
    return HANDLERS[command](session, args)


def _fail(message: str) -> int:
    line = " ".join(_text(str(message)).split()) or t("error")
    print(f"{PROG}: {line}", file=sys.stderr)
    return 2


def _tolerant_streams() -> None:
    """A terminal that cannot show a letter gets "?" rather than a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    set_language(_early_language(argv))
    try:
        return _dispatch(argv)
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else 0
    except ArticleNotFound as err:
        return _fail(t("no article '{id}' in {archive}", id=printable_id(err.article_id),
                       archive=printable_id(str(err.root))))
    except (UsageError, ArchiveError, LibraryError) as err:
        return _fail(str(err))
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as err:
        return _fail(f"{err.strerror or err}: {err.filename}" if err.filename else str(err))
    except Exception as err:  # a bug: still one line, unless KZ_READER_DEBUG asks for it all
        if os.environ.get("KZ_READER_DEBUG"):
            raise
        return _fail(t("internal error: {kind}: {error}", kind=type(err).__name__, error=err))
