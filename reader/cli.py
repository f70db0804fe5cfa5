"""The kz-reader command line: the Textual app, plus subcommands for scripts.

Every failure a user can cause ends as one "kz-reader: ..." line on stderr and
exit status 2, never a traceback, because scripts and pipes read these streams.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.archive.scan import ArchiveError, ArticleNotFound, resolve_article
from reader.cli_commands import HANDLERS, _unreadable
from reader.cli_parser import (
    COMMANDS,
    PROG,
    UsageError,
    _app_parser,
    _argparse_in_language,
    _build_parser,
    _early_language,
    _first_positional,
)
from reader.completion import completion_script
from reader.i18n import set_language, t
from reader.library import LibraryError
from reader.session import open_session
from reader.terminal_text import printable_id, terminal_safe


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
    from reader.tui.app import run_app  # Textual only loads when the app starts

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
        line = t("warning: {warning}", warning=terminal_safe(warning))
        print(f"{PROG}: {line}", file=sys.stderr)
    return HANDLERS[command](session, args)


def _fail(message: str) -> int:
    line = " ".join(terminal_safe(str(message)).split()) or t("error")
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
