"""The command line before argparse: the command names, the language (from a read-only look
at config.toml) and the plain ways to start the app, read without loading argparse.

argparse and gettext are ~2 ms of the app's start, and building and running the app's
parser another half; `kz-reader`, `kz-reader ID` and `--archive`/`--config-dir` are read
here, anything else (help, a mistake, a command) by parser.py.
"""

from __future__ import annotations

from types import SimpleNamespace

from reader.i18n import LANGUAGES, choose_language
from reader.userdata import paths
from reader.userdata.config import CONFIG_NAME, read_toml

PROG = "kz-reader"
SHELLS = ("bash", "zsh")  # kz-reader completion SHELL
COMMANDS = (
    "list", "show", "search", "bookmarks", "notes", "highlights", "export", "check", "index",
    "import", "import-library", "sync", "completion",
)


class UsageError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


def asks_help(argv: list[str]) -> bool:
    """Whether argparse may print help or the version for argv: only then are the parsers
    built with their help texts (examples, descriptions) and the terminal's width. Errs on
    the side of yes: -h in any cluster of short options, --help or --version (long options
    are never abbreviated: allow_abbrev=False)."""
    return any(a.split("=", 1)[0] in ("--help", "--version")
               or a.startswith("-") and not a.startswith("--") and "h" in a for a in argv)


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
        configured = read_toml(text).get("language")  # deep nesting: an error, not a crash
    except (OSError, ValueError):  # ValueError: not TOML (TOMLDecodeError), not UTF-8, NUL
        pass                       # in the --config-dir path
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


_APP_OPTIONS = {"--archive": "archive", "--config-dir": "config_dir"}


def _value(argv: list[str], i: int, equals: str, value: str) -> tuple[int, str] | None:
    """The value of the option at argv[i]: after its "=", else the next argument (and where
    that is); None when it is missing or begins with "-" (argparse then says so)."""
    if equals:
        return i, value
    if i + 1 == len(argv) or argv[i + 1].startswith("-"):
        return None
    return i + 1, argv[i + 1]


def app_args(argv: list[str]) -> SimpleNamespace | None:
    """What parser._app_parser() reads from argv, when argv is only [--archive DIR]
    [--config-dir DIR] [ID] (either option as --opt=VALUE too, the last one counting, as
    argparse does); None for anything else (an option or a value that begins with "-",
    "--", a second ID), which argparse then reads, with its messages."""
    values: dict[str, str | None] = {"archive": None, "config_dir": None, "id": None}
    i = 0
    while i < len(argv):
        arg = argv[i]
        option, equals, value = arg.partition("=")
        name = _APP_OPTIONS.get(option)
        if name is not None:
            if (got := _value(argv, i, equals, value)) is None:
                return None
            i, values[name] = got
        elif arg.startswith("-") or values["id"] is not None:
            return None
        else:
            values["id"] = arg
        i += 1
    return SimpleNamespace(**values)


# `search`'s options as parser._build_parser declares them: option -> (attribute, kind);
# kind: "flag" (store_true), "int", "text", or a tuple of the choices.
_SEARCH_OPTIONS: dict[str, tuple[str, object]] = {
    "--archive": ("archive", "text"), "--config-dir": ("config_dir", "text"),
    "--json": ("json", "flag"), "--limit": ("limit", "int"), "--from": ("since", "text"),
    "--to": ("until", "text"), "--source": ("source", "text"),
    "--in": ("scope", ("archive", "library")),
}


def search_args(argv: list[str]) -> SimpleNamespace | None:
    """What parser._build_parser() reads from a plain `[--archive DIR] [--config-dir DIR]
    search WORD... [options]`, read without argparse (its import, gettext's and the
    parser's building are ~5 ms of a 90 ms search); None for anything else (help, an
    unknown option, a value or word that begins with "-", "--", words after an option
    once the query was read, a bad --limit or --in), which argparse then reads, with its
    messages. Each option as --opt=VALUE too; the last one counts, as in argparse."""
    values: dict[str, object] = {"archive": None, "config_dir": None, "command": "search"}
    i = 0
    while i < len(argv) and argv[i] != "search":  # the top level: --archive, --config-dir
        option, equals, value = argv[i].partition("=")
        name = _APP_OPTIONS.get(option)
        if name is None or (got := _value(argv, i, equals, value)) is None:
            return None
        i, values[name] = got
        i += 1
    if i == len(argv):
        return None
    values |= {"query": [], "json": False, "limit": 20, "since": None, "until": None,
               "source": None, "scope": "archive"}
    query: list[str] = values["query"]  # type: ignore[assignment]
    ended = False  # the query's words came, then an option: argparse takes no more
    i += 1
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-"):
            if ended:
                return None
            query.append(arg)
            i += 1
            continue
        ended = bool(query)
        option, equals, value = arg.partition("=")
        known = _SEARCH_OPTIONS.get(option)
        if known is None:
            return None
        name, kind = known
        if kind == "flag":
            if equals:
                return None
            values[name] = True
            i += 1
            continue
        if (got := _value(argv, i, equals, value)) is None:
            return None
        i, value = got
        if kind == "int":
            try:
                values[name] = int(value)
            except ValueError:
                return None
        elif isinstance(kind, tuple):
            if value not in kind:
                return None
            values[name] = value
        else:
            values[name] = value
        i += 1
    return SimpleNamespace(**values) if query else None
