"""A regular expression compiled the first time it is used, not when its module loads: the
app's start loads some thirty patterns that its first screen never runs (5 ms of the
start-up), and a command loads most of them for nothing."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands for re.compile(pattern, flags): every attribute is the compiled pattern's."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
