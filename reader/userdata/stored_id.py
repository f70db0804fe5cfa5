"""Article ids as TOML can hold them, losslessly.

An id is a file's path in the archive; a name that is not valid UTF-8 reaches Python with
lone surrogates (surrogateescape), which TOML cannot hold. Such an id is stored as a NUL
(which no file name can contain) followed by the name with each undecodable byte as \\xNN
and each backslash doubled; every other id is stored as it is.
"""

from __future__ import annotations

import re

from reader.lazy_re import lazy_compile

_MARK = "\0"
_ESCAPE = lazy_compile(r"\\(\\|x[0-9a-f]{2})")


def encode_id(article_id: str) -> str:
    """The id as it goes into library.toml or state.toml."""
    try:
        article_id.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return article_id
    out = []
    for c in article_id:
        if "\udc80" <= c <= "\udcff":
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif "\ud800" <= c <= "\udfff":  # not a file name's byte: cannot come from the disk
            raise ValueError("an id with a lone surrogate that is no file name byte")
        else:
            out.append("\\\\" if c == "\\" else c)
    return _MARK + "".join(out)


def decode_id(stored: str) -> str | None:
    """The id a stored string stands for; None when it is not one this module wrote."""
    if not stored.startswith(_MARK):
        return None if _MARK in stored else stored
    body = stored[1:]
    if _MARK in body or "\\" in _ESCAPE.sub("", body):
        return None  # a stray backslash or NUL: not our escaping

    def unescape(match: re.Match[str]) -> str:
        code = match.group(1)
        return "\\" if code == "\\" else chr(0xDC00 + int(code[1:], 16))

    decoded = _ESCAPE.sub(unescape, body)
    try:
        decoded.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return None  # nothing undecodable in it: it would have been stored plainly
    if any("\udc00" <= c < "\udc80" for c in decoded):
        return None  # \x00-\x7f are ASCII: never escaped by surrogateescape
    return decoded
