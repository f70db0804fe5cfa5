"""Equality and repr from a list of fields, as a dataclass gives them: a dataclass loads
dataclasses and inspect, 10 ms of every command's start."""

from __future__ import annotations

from typing import Self


class PlainRecord:
    """A mutable record: equal when its _FIELDS are, unhashable, shown by them."""

    __slots__ = ()  # a subclass may have slots only (article_layout.Line)
    _FIELDS: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass would be

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__name__}({inner})"

    def _replace(self, **changes: object) -> Self:
        """A copy with some fields changed, as dataclasses.replace makes (a record whose
        __init__ takes its _FIELDS by name)."""
        return type(self)(**{name: getattr(self, name) for name in self._FIELDS} | changes)
