"""Everything a command or the app needs to start, resolved once in one place.

The precedence (--archive, then config.toml, then the bundled sample) lives here
so the CLI and the app cannot disagree about which archive is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.scan import ArchiveError
from reader.i18n import choose_language, set_language, t
from reader.plain_record import PlainRecord
from reader.terminal_text import printable_id
from reader.userdata import paths
from reader.userdata.config import Config, load_config

if TYPE_CHECKING:
    from reader.userdata.library import Library

LIBRARY_FILE = "library.toml"
STATE_FILE = "state.toml"


class Session(PlainRecord):
    """A plain class, not a dataclass: dataclasses loads inspect, 10 ms of every command."""

    _FIELDS = ("archive", "config_dir", "config", "warnings", "state_path")

    def __init__(self, archive: Path, config_dir: Path, config: Config, warnings: list[str],
                 state_path: Path, _library: Library | None = None) -> None:
        self.archive = archive
        self.config_dir = config_dir
        self.config = config
        self.warnings = warnings
        self.state_path = state_path
        self._library = _library


    @property
    def library(self) -> Library:
        """library.toml, read when first asked for: search, list or show never pay for it."""
        if self._library is None:
            from reader.userdata.library import Library

            self._library = Library(self.config_dir / LIBRARY_FILE)
        return self._library


def open_session(archive: str | None, config_dir: str | None) -> Session:
    """Resolve folders and read config (library.toml when first used); never scans the
    archive."""
    folder = paths.config_dir(config_dir)
    config, warnings = load_config(folder)
    language = choose_language(config.language)
    if language != "en":  # the warnings were written before the language was known
        set_language(language)
        config, warnings = load_config(folder)
    set_language(language)
    try:
        if archive:
            root = Path(archive).expanduser()
        elif config.archive is not None:
            root = Path(config.archive).expanduser()
        else:
            root = paths.bundled_archive()
    except RuntimeError as error:  # "~nosuchuser": no such home folder
        raise ArchiveError(t("archive folder {path}: {error}", path=printable_id(str(archive)),
                             error=error)) from None
    return Session(
        archive=root,
        config_dir=folder,
        config=config,
        warnings=list(warnings),
        state_path=folder / STATE_FILE,
    )
