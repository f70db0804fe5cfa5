"""The command line's parsers, in the interface language (argparse's own words too).

The language is picked before the parser is built, from a read-only look at config.toml
(argv.py). The app's plain start needs none of this: see argv.app_args.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, NoReturn

from reader import __version__
from reader.cli.argv import PROG, SHELLS, UsageError
from reader.i18n import t


def _paragraph_number(text: str) -> int:
    """--paragraph N: a ¶ number, from 1 (argparse says "invalid value" otherwise)."""
    number = int(text)
    if not 1 <= number < 10**18:
        raise ValueError(text)
    return number


_paragraph_number.__name__ = "paragraph"  # argparse names the type in its message


class _Parser(argparse.ArgumentParser):
    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        # "-ел" (a word after a dash) is taken for an option, and argparse's own message
        # would be that QUERY is missing: say what happened and how to search for it.
        word = next((a for a in getattr(self, "_given", ())
                     if a[:1] == "-" and a[1:2].isalpha() and not a[1:2].isascii()), None)
        if word is not None:
            message = t("{word} reads as an option (it begins with '-'); to search for it, "
                        "write -- {word}", word=word)
        raise UsageError(message)

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        """argparse ignores a failed write (`--help > /dev/full` would exit 0): not here."""
        if message:
            (file or sys.stderr).write(message)


class _QuietFormatter(argparse.HelpFormatter):
    """For a parser whose help is never shown: argparse makes a formatter at every
    add_argument, and its own asks the terminal's width through shutil (which loads bz2,
    lzma and more: 4 ms of a `search` that prints no help)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=80)


def _common(default: Any) -> argparse.ArgumentParser:
    """--archive/--config-dir; subcommands use SUPPRESS so they don't undo the top level's.
    A parent's own help is never shown: its formatter is the quiet one."""
    parent = _Parser(add_help=False, allow_abbrev=False, formatter_class=_QuietFormatter)
    parent.add_argument("--archive", metavar="DIR", default=default, help=t("the archive folder"))
    parent.add_argument(
        "--config-dir", metavar="DIR", default=default, help=t("the config folder")
    )
    return parent


class _Unused:
    """Stands for the parser of a command that is not on the command line: its arguments are
    not added (see _build_parser's `only`)."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        pass


def _build_parser(helpful: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; helpful=False (no help asked for: asks_help) leaves out what
    only help shows, the examples and descriptions (14 ms of translated text), and asks the
    terminal nothing. only: the one command parsed (the first positional, as argparse reads
    it: see _first_positional), whose parser alone is built."""
    formatter: type[argparse.HelpFormatter] = _QuietFormatter
    if helpful:  # the examples, and textwrap, load only for help
        from reader.cli.help import HelpFormatter, description, epilog

        formatter = HelpFormatter
    parser = _Parser(
        prog=PROG,
        parents=[_common(None)],
        allow_abbrev=False,
        formatter_class=formatter,
        epilog=epilog("") if helpful else None,
        description=None if not helpful else t(
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
        if only is not None and name != only:
            return _Unused()  # type: ignore[return-value]
        return sub.add_parser(
            name, help=help_text, parents=[sub_parent], allow_abbrev=False,
            formatter_class=formatter, epilog=epilog(name) if helpful else None,
            description=description(name) if helpful else None,
        )

    add("list", t("every article")).add_argument("--json", action="store_true")
    show = add("show", t("one article, rendered"))
    show.add_argument("id", metavar="ID", help=t("an article id or a path to the file; "
                                                 "ID#N: only its paragraph N"))
    show.add_argument("--paragraph", type=_paragraph_number, metavar="N",
                      help=t("only paragraph N (counted from 1, as ¶ numbers and citations)"))
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
    search.add_argument("--from", dest="since", metavar="DATE",
                        help=t("only articles from this date on (2024, 2024-05, 2024-05-14)"))
    search.add_argument("--to", dest="until", metavar="DATE",
                        help=t("only articles up to this date"))
    search.add_argument("--source", metavar="DOMAIN",
                        help=t("only articles whose source line holds this, like egemen.kz"))
    search.add_argument(
        "--in", dest="scope", choices=("archive", "library"), default="archive",
        help=t("archive (the default), or library: your bookmark labels and notes"))
    tag_help = t("only the entries with this tag")
    for name, what in (("bookmarks", t("the bookmarks in library.toml, where each is now")),
                       ("notes", t("the notes in library.toml, where each is now")),
                       ("highlights", t("the highlights in library.toml, where each is now"))):
        listing = add(name, what)
        listing.add_argument("--json", action="store_true")
        listing.add_argument("--tag", metavar="TAG", help=tag_help)
    export = add("export", t("bookmarks, notes and highlights, for another tool"))
    export.add_argument(
        "--format", choices=("md", "json", "obsidian"), default="md",
        help=t("md (the default), json, or obsidian (one Markdown file an article, in DIR)"))
    export.add_argument("dir", metavar="DIR", nargs="?",
                        help=t("the folder for --format obsidian"))
    export.add_argument("--tag", metavar="TAG", help=tag_help)
    add("check", t("report every problem in the archive; exit 1 if any"))
    index = add("index", t("build or refresh the search index"))
    index.add_argument(
        "--full", action="store_true",
        help=t("look at every file, not only in folders that changed (finds edits in place)"))
    index.add_argument(
        "--shared", action="store_true",
        help=t("leave the index readable by users who may not write it ($KZ_READER_INDEX_DIR)"))
    index.add_argument(
        "--watch", action="store_true",
        help=t("then keep it up to date as files change, until stopped; every command asks "
               "it instead of looking through the archive (Linux)"))
    imp = add("import", t("copy article files into the archive; never overwrites"))
    imp.add_argument("files", metavar="FILE", nargs="+", help=t("article files (*.txt)"))
    imp.add_argument(
        "--into", metavar="DIR", help=t("a folder inside the archive, like 2026/02")
    )
    add("import-library", t("merge bookmarks and notes from an export --format json")
        ).add_argument("file", metavar="FILE", help=t("the JSON export, or - for standard input"))
    sync = add("sync", t("merge bookmarks, notes and reading positions with a git remote, "
                         "both ways"))
    sync.add_argument("remote", metavar="REMOTE", nargs="?",
                      help=t("a git URL (ssh://host/path/notes.git, host:notes.git) or a "
                             "folder; remembered for next time"))
    sync.add_argument("--dry-run", action="store_true",
                      help=t("say what would change on each side; write nothing"))
    sync.add_argument("--json", action="store_true", help=t("the changes as JSON"))
    add("completion", t("print a shell completion script")).add_argument(
        "shell", metavar="SHELL", choices=SHELLS, help=t("bash or zsh")
    )
    return parser


def _app_parser(helpful: bool = True) -> argparse.ArgumentParser:
    formatter = argparse.HelpFormatter if helpful else _QuietFormatter
    parser = _Parser(prog=PROG, parents=[_common(None)], allow_abbrev=False,
                     formatter_class=formatter)
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
