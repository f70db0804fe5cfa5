"""lazy_re: a pattern compiled on first use behaves as the compiled one."""

import re

from reader.lazy_re import LazyPattern, lazy_compile


def test_a_lazy_pattern_is_compiled_only_when_used_and_then_is_the_same() -> None:
    lazy = lazy_compile(r"(?:date|(?i:date))\s*(\d+)", re.IGNORECASE)
    assert isinstance(lazy, LazyPattern) and lazy._compiled is None
    eager = re.compile(r"(?:date|(?i:date))\s*(\d+)", re.IGNORECASE)
    for text in ("date 2026", "DATE 7 and date 8", "nothing"):
        assert lazy.findall(text) == eager.findall(text)
        assert lazy.sub("-", text) == eager.sub("-", text)
        assert bool(lazy.search(text)) == bool(eager.search(text))
    assert lazy._compiled is not None and lazy.pattern == eager.pattern
