"""Equality and repr from a list of fields, as a dataclass gives them: a dataclass loads
dataclasses and inspect, 10 ms of every command's start."""

from __future__ import annotations


class PlainRecord:
    """A mutable record: equal when its _FIELDS are, unhashable, shown by them."""

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
