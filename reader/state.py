"""Where the reader was: last article, reading positions, read marks (state.toml).

Losing this file costs little, so reading it never fails; writing it is still atomic so a
dropped connection cannot leave half a file behind.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.storage import atomic_write, toml_text


@dataclass
class ReadingState:
    last_article: str | None = None
    positions: dict[str, int] = field(default_factory=dict)  # article id -> paragraph index
    read: set[str] = field(default_factory=set)
    theme: str | None = None


def _storable(text: str) -> bool:
    """Ids of non-UTF-8 file names carry lone surrogates, which TOML cannot hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_state(path: Path) -> ReadingState:
    """The saved state; anything missing, broken or of the wrong type is just left out."""
    try:
        raw = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ReadingState()
    state = ReadingState()
    if isinstance(raw.get("last_article"), str):
        state.last_article = raw["last_article"]
    if isinstance(raw.get("theme"), str):
        state.theme = raw["theme"]
    positions = raw.get("positions")
    if isinstance(positions, dict):
        state.positions = {k: v for k, v in positions.items() if type(v) is int and v >= 0}
    read = raw.get("read")
    if isinstance(read, list):
        state.read = {r for r in read if isinstance(r, str)}
    return state


def save_state(path: Path, state: ReadingState) -> None:
    """Write state.toml atomically (mode 0600); raises OSError, the caller decides what to say."""
    doc: dict[str, object] = {}
    if state.last_article is not None and _storable(state.last_article):
        doc["last_article"] = state.last_article
    if state.theme is not None and _storable(state.theme):
        doc["theme"] = state.theme
    doc["read"] = sorted(r for r in state.read if _storable(r))
    doc["positions"] = {k: int(v) for k, v in sorted(state.positions.items()) if _storable(k)}
    atomic_write(Path(path), toml_text(doc).encode("utf-8"))
