"""The kz-reader command line: the Textual app, plus subcommands for scripts.

Every failure a user can cause ends as one "kz-reader: ..." line on stderr and
exit status 2, never a traceback, because scripts and pipes read these streams.
A closed standard output is such a failure; a pipe whose reader has gone
(`kz-reader search X | head -1`) is not: that ends quietly with 141, the status
of any Unix tool stopped by SIGPIPE.
"""

from __future__ import annotations

import errno
import fcntl
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.scan import ArchiveError, ArticleNotFound
from reader.cli.argv import (
    COMMANDS,
    PROG,
    UsageError,
    _early_language,
    _first_positional,
    app_args,
    asks_help,
    search_args,
)
from reader.i18n import set_language, t
from reader.session import open_session
from reader.terminal_text import printable_id, terminal_safe

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace


def _outside(archive: Path, id_or_path: str) -> bool:
    """An existing article file that is not in the archive."""
    from reader.archive.scan import resolve_article

    if not Path(id_or_path).expanduser().is_file():
        return False
    try:
        resolve_article(archive, id_or_path)
    except ArticleNotFound:
        return True
    return False


BROKEN_PIPE = 141  # 128 + SIGPIPE: what the shell reports for `yes | head -1`'s yes


def _not_a_terminal() -> str | None:
    """Which of stdout, stdin and stderr (Textual draws on it) is not a terminal, or None: the
    app would write escape codes into a file and wait for keys that never come."""
    for name, stream in (("stdout", sys.stdout), ("stdin", sys.stdin), ("stderr", sys.stderr)):
        try:
            if stream is None or not stream.isatty():
                return name
        except (OSError, ValueError):
            return name
    return None


def _run_app(args: argparse.Namespace | SimpleNamespace) -> int:
    stream = _not_a_terminal()
    if stream is not None:
        raise UsageError(t("the reader needs a terminal ({stream} is not one); use "
                           "`kz-reader list` or `show` in scripts", stream=stream))
    session = open_session(args.archive, args.config_dir)
    # The commands' module (ids, links, their messages) is loaded only when needed: a plain
    # start uses none of it.
    if args.id:
        from reader.cli.commands import deep_link, split_link

        if not args.archive and _outside(session.archive, split_link(args.id)[0]):
            # A file from elsewhere (a download, say): read it among its neighbours.
            session.archive = Path(split_link(args.id)[0]).expanduser().resolve().parent
    if not session.archive.is_dir():
        from reader.cli.commands import _unreadable

        raise _unreadable(session.archive)
    article_id, paragraph = deep_link(session.archive, args.id) if args.id else (None, None)
    # No collections until the first frame: loading Textual and drawing the first screen
    # make ~80,000 objects that live as long as the app (~1,000 of them garbage) and would
    # set off ~100 collections, ~4% of the start-up's CPU time. The app turns collections
    # back on once its first frame is drawn (KzReaderApp.release_gc), or run_app when it
    # ends before that.
    import gc

    gc.disable()
    from reader.tui.app import run_app  # Textual only loads when the app starts

    if paragraph is None:
        return run_app(session, article_id)
    return run_app(session, article_id, paragraph)


def _parsed(argv: list[str], first: str | None, wants_help: bool, helpful: bool
            ) -> argparse.Namespace:
    from reader.cli.parser import _app_parser, _argparse_in_language, _build_parser

    with _argparse_in_language():
        if first in COMMANDS or wants_help:
            only = first if first in COMMANDS and not helpful else None  # one command's parser
            return _build_parser(helpful, only).parse_args(argv)
        return _app_parser(helpful).parse_args(argv)


# Commands that write nothing of their own but what they print, and close the index before
# they return: run as the program, they end without the interpreter's teardown (_leave).
_LEAVE_EARLY = ("search", "list")


def _dispatch(argv: list[str], finished: list[str] | None = None) -> int:
    """Run the command argv asks for; its name goes into `finished` once its handler has
    returned (not raised)."""
    first = _first_positional(argv)
    wants_help = first is None and any(a in ("-h", "--help", "--version") for a in argv)
    helpful = asks_help(argv)  # else the parsers are built without their help texts
    if first not in COMMANDS and not helpful and (plain := app_args(argv)) is not None:
        return _run_app(plain)  # `kz-reader [--archive DIR] [ID]`: argparse is not loaded
    if first == "search" and not helpful and (found := search_args(argv)) is not None:
        args: argparse.Namespace | SimpleNamespace = found  # a plain search: no argparse
    else:
        args = _parsed(argv, first, wants_help, helpful)
    command = getattr(args, "command", None)
    if command is None:
        return _run_app(args)
    if command == "completion":  # no session: a shell start-up file runs this
        from reader.cli.parser import _argparse_in_language, _build_parser

        with _argparse_in_language():
            from reader.cli.completion import completion_script

            print(completion_script(args.shell, _build_parser()), end="")
        return 0
    session = open_session(args.archive, args.config_dir)
    for warning in session.warnings:
        line = t("warning: {warning}", warning=terminal_safe(warning))
        print(f"{PROG}: {line}", file=sys.stderr)
    from reader.cli.commands import HANDLERS

    code = HANDLERS[command](session, args)
    if finished is not None:
        finished.append(command)
    return code


def _fail(message: str) -> int:
    line = " ".join(terminal_safe(str(message)).split()) or t("error")
    print(f"{PROG}: {line}", file=sys.stderr)
    return 2


def _stdout_problem() -> str | None:
    """Why nothing could be written to standard output (closed, say, by `>&-`), or None.

    Python leaves sys.stdout None then, and print() would write nothing and succeed; worse,
    the next file opened (the index, library.toml) would get descriptor 1."""
    if sys.stdout is None:
        return t("standard output is closed")
    try:
        fd = sys.stdout.fileno()
    except (io.UnsupportedOperation, AttributeError):  # no descriptor (a test's capture)
        return None
    except ValueError:  # the stream was closed
        return t("standard output is closed")
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    except OSError:
        return t("standard output is closed")
    if flags & os.O_ACCMODE == os.O_RDONLY:
        return t("standard output is not open for writing")
    return None


def _quiet_stdout() -> None:
    """After a broken pipe: what is still buffered goes nowhere, and exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _tolerant_streams() -> None:
    """A terminal that cannot show a letter gets "?" rather than a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _library_error(err: Exception) -> bool:
    """A LibraryError (library.toml unreadable, say): told in one line like the user's other
    mistakes. Only a command that loaded library.py can raise one, so a command that never
    reads the library (search, list) does not load it for this test."""
    library = sys.modules.get("reader.userdata.library")
    return library is not None and isinstance(err, library.LibraryError)


def _leave(code: int) -> None:
    """End the process now, as the program (not a caller of main()) that has finished a
    command of _LEAVE_EARLY: the interpreter's teardown (freeing every module and object,
    the last garbage collections) is ~10 ms of a 90 ms search, and nothing in it is for
    the user. Only when there is nothing for it to do: no atexit handler (nor a
    weakref.finalize, which registers one), no other thread; and both streams flushed, or
    the ordinary exit reports what went wrong."""
    import atexit

    waiting = getattr(atexit, "_ncallbacks", lambda: 1)()  # (CPython's; else: never)
    threading = sys.modules.get("threading")
    if waiting or (threading is not None and threading.active_count() > 1):
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # the kz-reader command itself, or python -m reader
    argv = list(sys.argv[1:] if argv is None else argv)
    if program and _first_positional(argv) in _LEAVE_EARLY:
        # Collections rarer: the modules a search loads (~40 of them) make objects that live
        # until the process ends, and at the default threshold (700) collecting them again and
        # again was ~2% of a search's instructions. Garbage is still collected (a first build).
        import gc

        gc.set_threshold(10_000)
    _tolerant_streams()
    set_language(_early_language(argv))
    closed = _stdout_problem()
    if closed is not None:
        return _fail(closed)
    finished: list[str] = []
    try:
        try:
            code = _dispatch(argv, finished)
        except SystemExit as exit_:  # --help and --version
            code = exit_.code if isinstance(exit_.code, int) else 0
        sys.stdout.flush()  # a full disk or a gone reader is told here, not at exit
        if program and finished and finished[0] in _LEAVE_EARLY and code in (0, 1):
            _leave(code)
        return code
    except ArticleNotFound as err:
        return _fail(t("no article '{id}' in {archive}", id=printable_id(err.article_id),
                       archive=printable_id(str(err.root))))
    except (UsageError, ArchiveError) as err:
        return _fail(str(err))
    except BrokenPipeError:
        _quiet_stdout()
        return BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    except OSError as err:
        if err.errno == errno.EPIPE:
            _quiet_stdout()
            return BROKEN_PIPE
        return _fail(f"{err.strerror or err}: {err.filename}" if err.filename else str(err))
    except Exception as err:  # a bug: still one line, unless KZ_READER_DEBUG asks for it all
        if _library_error(err):
            return _fail(str(err))
        if os.environ.get("KZ_READER_DEBUG"):
            raise
        return _fail(t("internal error: {kind}: {error}", kind=type(err).__name__, error=err))
