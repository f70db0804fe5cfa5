"""Where kz-reader keeps its files; one place so the CLI, the app and the tests agree."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kz-reader"
_PACKAGE = Path(__file__).resolve().parent.parent  # the reader package


def _env_dir(name: str, *, must_be_absolute: bool = False) -> Path | None:
    """An env var as a folder; empty (and, for XDG, relative) values count as unset."""
    value = os.environ.get(name, "")
    if not value:
        return None
    path = Path(value).expanduser()
    if must_be_absolute and not path.is_absolute():
        return None  # the XDG spec says relative values are invalid and must be ignored
    return path


def config_dir(cli_value: str | Path | None = None) -> Path:
    """--config-dir, $KZ_READER_CONFIG_DIR, $XDG_CONFIG_HOME/kz-reader, ~/.config/kz-reader.

    Never creates anything: a read-only command must not leave folders behind.
    """
    if cli_value is not None and str(cli_value) != "":
        return Path(cli_value).expanduser()
    own = _env_dir("KZ_READER_CONFIG_DIR")
    if own is not None:
        return own
    xdg = _env_dir("XDG_CONFIG_HOME", must_be_absolute=True)
    if xdg is not None:
        return xdg / APP_NAME
    return Path.home() / ".config" / APP_NAME


def cache_dir() -> Path:
    """Caches only (the search index): deleting this folder loses nothing."""
    xdg = _env_dir("XDG_CACHE_HOME", must_be_absolute=True)
    if xdg is not None:
        return xdg / APP_NAME
    return Path.home() / ".cache" / APP_NAME


def index_dir() -> Path:
    """The search index's folder: $KZ_READER_INDEX_DIR, which a site sets for everyone to
    share one index kept by a cron job (README, "Large archives"), else the cache folder."""
    own = _env_dir("KZ_READER_INDEX_DIR")
    return own if own is not None else cache_dir()


def bundled_archive() -> Path:
    """The sample articles shipped in the package, so a first run shows something real."""
    return _PACKAGE / "sample"


def styles_dir() -> Path:
    """The .tcss folder: reader/styles in an installed wheel, <repo>/styles in a source tree."""
    installed = _PACKAGE / "styles"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "styles"
