"""The user's settings (config.toml): written by the user, only ever read by the app.

A mistake in it must not stop the reader: every problem becomes a warning naming the file
and the key or line, and the default is used instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reader.i18n import t
from reader.lazy_re import lazy_compile
from reader.plain_record import PlainRecord
from reader.terminal_text import printable_id

CONFIG_NAME = "config.toml"
LANGUAGES = ("kk", "en")

DEFAULT_CONFIG = """\
# kz-reader settings.
# Every setting below is commented out, so its default is used. To change one, remove the
# "# " at the start of its line and edit the value. kz-reader never rewrites this file.

# The folder of articles (searched recursively for *.txt). "~" is your home folder; a
# relative path is relative to this folder. Default: the sample articles bundled with
# kz-reader. The --archive option overrides it.
# archive = "~/kz-archive"

# The colour theme: the name of a Textual theme, e.g. "textual-dark" or "textual-light".
# theme = "textual-dark"

# The language of every word on screen, footer and help included: "kk" (Kazakh) or "en".
# language = "kk"

# A git repository to sync bookmarks, notes and reading positions with (kz-reader sync):
# a URL (ssh://host/path/notes.git, host:notes.git) or a folder.
# sync = "host:kz-notes.git"

# Sync in the app too, in the background: when it starts, and when you quit (for at most
# 10 seconds; what is not sent then is sent by the next sync). Needs a remote: sync above,
# or the one a kz-reader sync REMOTE was run with. Default: false (the palette's Sync).
# sync_on_start_quit = true

# Key overrides: action = "keys", in Textual's key names ("B", "ctrl+b", "f2", "question_mark");
# several keys separated by commas. The help screen (?) shows every action; their ids are
# e.g. bookmark, note, note_article, bookmarks, notes, help, quit, next_article, list_down.
# [keys]
# bookmark = "m"
# bookmarks = "B"
# notes = "ctrl+n"
"""


# A document of comments and blank lines only, as TOML allows them (no control character
# but a tab in a comment, no lone carriage return): the commented default most people keep.
# Compiled when a config.toml is read: a first start writes one and reads none.
_NOTHING_SET = lazy_compile(r"(?:[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?\r?\n)*"
                          r"[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?")


def read_toml(text: str) -> dict[str, Any]:
    """files.parse_toml(text), but a file that sets nothing is {} without loading tomllib
    (5 ms of every command's start). Raises tomllib.TOMLDecodeError (a ValueError)."""
    if _NOTHING_SET.fullmatch(text):
        return {}
    from reader.userdata.files import parse_toml

    return parse_toml(text)


class Config(PlainRecord):
    """The settings. A plain class: a dataclass would load dataclasses and inspect, 10 ms of
    every command's start."""

    _FIELDS = ("archive", "theme", "language", "keys", "sync", "sync_on_start_quit")

    def __init__(self, archive: Path | None = None, theme: str | None = None,
                 language: str | None = None, keys: dict[str, str] | None = None,
                 sync: str | None = None, sync_on_start_quit: bool = False) -> None:
        self.archive = archive
        self.theme = theme
        self.language = language
        self.keys: dict[str, str] = {} if keys is None else keys
        self.sync = sync  # the git remote of `kz-reader sync`
        self.sync_on_start_quit = sync_on_start_quit  # the app syncs at its start and quit



def _create_default(path: Path) -> str | None:
    """Write the commented default once; O_EXCL means an existing file is never touched."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return None
    except OSError as e:
        return t("cannot create {path}: {error}; using the defaults", path=path,
                 error=e.strerror or e)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, DEFAULT_CONFIG.encode("utf-8"))
        os.fsync(fd)
    except OSError as e:
        return t("cannot write {path}: {error}", path=path, error=e.strerror or e)
    finally:
        os.close(fd)
    return None


def _archive(value: str, config_dir: Path) -> Path | str:
    """The archive folder `value` names, or why it names none: "~user" of no such user is
    left as it is by expanduser (it would become a folder called "~user" here), and a NUL
    cannot be in a path."""
    if "\0" in value:
        return t("must not contain a NUL character")
    try:
        archive = Path(value).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory"
        archive = Path(value)
    if value.startswith("~") and str(archive).startswith("~"):
        user = value[1:].split("/", 1)[0]
        if not user:
            return t("starts with ~, but there is no home folder (HOME is not set)")
        return t("names the home folder of {user!r}, who is not a user here",
                 user=printable_id(user))
    return archive if archive.is_absolute() else config_dir / archive


def _apply(config: Config, raw: dict, path: Path, config_dir: Path) -> list[str]:
    """Copy the good values into config; one warning per bad one."""
    warnings: list[str] = []
    where = printable_id(str(path))

    def bad(key: str, why: str) -> None:
        warnings.append(t("{path}: {key} {why}; using the default", path=where,
                          key=printable_id(key), why=why))

    for key, value in raw.items():
        if key == "keys":
            if not isinstance(value, dict):
                bad("keys", t("must be a table ([keys])"))
                continue
            for action, key_name in value.items():
                if isinstance(key_name, str) and key_name.strip():
                    config.keys[action] = key_name.strip()
                else:
                    bad(f"keys.{action}", t('must be a key name in quotes, like "B"'))
        elif key == "sync_on_start_quit":
            if isinstance(value, bool):
                config.sync_on_start_quit = value
            else:
                bad(key, t("must be true or false, not {kind} {value!r}",
                           kind=type(value).__name__, value=value))
        elif key not in ("archive", "theme", "language", "sync"):
            warnings.append(t("{path}: unknown setting '{key}' (ignored)", path=where,
                              key=printable_id(key)))
        elif not isinstance(value, str) or not value.strip():
            bad(key, t("must be text in quotes, not {kind} {value!r}",
                       kind=type(value).__name__, value=value))
        elif key == "archive":
            archive = _archive(value, config_dir)
            if isinstance(archive, str):
                bad(key, archive)
            else:
                config.archive = archive
        elif key == "theme":
            config.theme = value
        elif key == "sync":
            if any(c.isspace() or ord(c) < 32 for c in value) or value.startswith("-"):
                bad(key, t("must be a git URL or a folder, without spaces"))
            else:
                config.sync = value
        elif value in LANGUAGES:
            config.language = value
        else:
            bad("language", t('must be "kk" or "en", not {value!r}', value=value))
    return warnings


def load_config(config_dir: Path) -> tuple[Config, list[str]]:
    """(settings, warnings); never raises. Creates the commented default on the first run."""
    config_dir = Path(config_dir)
    path = config_dir / CONFIG_NAME
    config = Config()
    if not path.exists() and not path.is_symlink():
        warning = _create_default(path)
        return config, [warning] if warning else []
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        return config, [t("cannot read {path}: {error}; using the defaults", path=path,
                          error=e.strerror or e)]
    except UnicodeDecodeError:
        return config, [t("{path} is not UTF-8 text; using the defaults", path=path)]
    try:
        raw = read_toml(text)  # deep nesting is a TOMLDecodeError, never a RecursionError
    except ValueError as e:
        import tomllib

        if not isinstance(e, tomllib.TOMLDecodeError):
            raise
        return config, [t("{path} is not valid TOML: {error}; using the defaults", path=path,
                          error=e)]
    warnings = _apply(config, raw, path, config_dir)
    return config, warnings
