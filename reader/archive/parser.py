"""Turn the bytes of one article file into an `Article`, whatever state the file is in.

Archives are messy and article text is untrusted: parsing never raises, every
oddity becomes a short English problem sentence, and nothing that could drive
the terminal (escape sequences, control characters) survives into the text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

from reader.archive.article import Article
from reader.lazy_re import lazy_compile
from reader.terminal_text import terminal_safe

MAX_ARTICLE_BYTES = 16 * 1024 * 1024

# "date" in lower case as the format has it; "Date"/"DATE" only when a number follows, so a
# paragraph that happens to start with the English word is not taken for the date line.
_DATE_LINE = lazy_compile(r"(?:date|(?i:date)(?=[:\s]*\d))(?::|\s|$)\s*(.*)")
_ISO_DATE = lazy_compile(r"\d{4}-\d{2}-\d{2}")
_SOURCE_LINE = lazy_compile(r"(?:Дереккөз|Источник|Source)\s*:\s*(.*)", re.IGNORECASE)

NOT_UTF8 = "not UTF-8; read as Kazakh Windows (kz1048)"
BAD_UTF8 = "invalid UTF-8 bytes replaced"
BINARY = "binary data"
EMPTY = "empty file"
NO_DATE_LINE = "no date line"
NO_DATE = "date line without a date"
NO_TITLE = "no title"
NO_SOURCE = "no source line"
EMPTY_SOURCE = "empty source line"
CONTROLS = "control characters removed"
BAD_NAME = "file name is not valid UTF-8"
NOT_REGULAR = "not a regular file"
BROKEN_LINK = "broken symlink"


def display_name(path: Path) -> str:
    """The file name stem as safe text; undecodable bytes become U+FFFD, never surrogates."""
    stem = os.fsencode(path.stem).decode("utf-8", "replace")
    return terminal_safe(stem).strip() or os.fsencode(path.name).decode("utf-8", "replace")


def _truncated_note(limit: int) -> str:
    mib = 1024 * 1024
    size = f"{limit // mib} MiB" if limit % mib == 0 else f"{limit} bytes"
    return f"truncated at {size}"


def _decode(data: bytes, binary: bool) -> tuple[str, list[str]]:
    """UTF-8 if it is; mostly-UTF-8 with a few bad bytes stays UTF-8; else kz1048."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "replace")
    if binary:
        return loose.replace("\ufffd", ""), []
    bad = loose.count("\ufffd")
    good = sum(1 for c in loose if c > "\x7f") - bad
    if good >= 4 * bad:
        return loose, [BAD_UTF8]
    return data.decode("kz1048", "replace"), [NOT_UTF8]


def _parse_date_line(rest: str) -> tuple[dt.date | None, str, str | None]:
    """(date, title, problem) from what follows the word `date`."""
    words = rest.split(maxsplit=1)
    if not words:
        return None, "", NO_DATE
    token, title = words[0], (words[1].strip() if len(words) > 1 else "")
    if not token[0].isdigit():
        return None, rest.strip(), NO_DATE
    if _ISO_DATE.fullmatch(token):
        try:
            return dt.date.fromisoformat(token), title, None
        except ValueError:
            pass
    return None, title, f"bad date '{token}'"


def _clean_lines_plain(text: str) -> tuple[list[str], bool]:
    """The text's non-blank lines made terminal-safe and stripped; whether any held a control
    character (a tab is not one: it becomes a space)."""
    lines: list[str] = []
    had_controls = False
    for raw in text.split("\n"):
        line = terminal_safe(raw)
        had_controls = had_controls or line != raw.replace("\t", " ")
        line = line.strip()
        if line:
            lines.append(line)
    return lines, had_controls


def _clean_lines(text: str) -> tuple[list[str], bool]:
    """_clean_lines_plain(text), in one look at the whole text for most files: when no line
    holds anything terminal_safe would change, each line is only stripped (a call a line
    was a tenth of reading a file for the index)."""
    if terminal_safe(joined := text.replace("\n", "")) != joined:
        return _clean_lines_plain(text)
    return [line for line in map(str.strip, text.split("\n")) if line], False


def parse_article(data: bytes, article_id: str, path: Path) -> Article:
    """Parse bytes as an article; every problem is reported, never raised."""
    problems: list[str] = []
    if len(data) > MAX_ARTICLE_BYTES:
        cut = data.rfind(b"\n", 0, MAX_ARTICLE_BYTES)
        data = data[: cut + 1] if cut >= 0 else data[:MAX_ARTICLE_BYTES]
        problems.append(_truncated_note(MAX_ARTICLE_BYTES))
    data = data.removeprefix(b"\xef\xbb\xbf")
    binary = b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if binary:
        problems.insert(0, BINARY)
    text, decode_problems = _decode(data, binary)
    problems[:0] = decode_problems
    text = text.removeprefix("\ufeff")

    lines, had_controls = _clean_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
    if had_controls and not binary:
        problems.append(CONTROLS)

    title = ""
    date: dt.date | None = None
    source: str | None = None
    if not lines:
        if not binary:
            problems.append(EMPTY)
    else:
        match = _DATE_LINE.fullmatch(lines[0])
        if match:
            date, title, problem = _parse_date_line(match.group(1))
            lines = lines[1:]
            if problem:
                problems.append(problem)
            if not title and problem != NO_DATE:
                problems.append(NO_TITLE)
        else:
            problems.append(NO_DATE_LINE)
        source_match = _SOURCE_LINE.fullmatch(lines[-1]) if lines else None
        if source_match:
            source = source_match.group(1).strip() or None
            lines = lines[:-1]
            if source is None:
                problems.append(EMPTY_SOURCE)
        else:
            problems.append(NO_SOURCE)
    return Article(
        id=article_id,
        path=path,
        date=date,
        title=title or display_name(path),
        source=source,
        paragraphs=tuple(lines),
        problems=tuple(dict.fromkeys(problems)),
    )


class _NotRegular(Exception):
    """A FIFO, device or socket named *.txt: reading it could block or never end."""


def _read_limited(path: Path) -> bytes:
    """At most MAX_ARTICLE_BYTES + 1 bytes; a FIFO or device must not block or stream forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(NOT_REGULAR)
        # Sized by the file (plus slack if it grows) so a small file does not get a 16 MiB
        # buffer; read with os.read until the end or the limit, as a file object's read(n)
        # would (without making one: a tenth of reading a small file).
        want = min(info.st_size + 65536, MAX_ARTICLE_BYTES + 1)
        data = os.read(fd, want)
        while data and len(data) < want:
            more = os.read(fd, want - len(data))
            if not more:
                break
            data += more
        return data
    finally:
        os.close(fd)


def _os_problem(path: Path, err: OSError) -> str:
    if isinstance(err, FileNotFoundError) and os.path.islink(path):
        return BROKEN_LINK
    reason = err.strerror or str(err)
    return f"cannot read file: {reason[:1].lower()}{reason[1:]}"


def read_article(path: Path, article_id: str) -> Article:
    """Read and parse one file; an unreadable one still yields an Article naming the problem."""
    extra = [BAD_NAME] if _has_surrogates(article_id) else []
    try:
        data = _read_limited(path)
    except (OSError, _NotRegular, ValueError) as err:
        if isinstance(err, OSError):
            problem = _os_problem(path, err)
        else:
            problem = NOT_REGULAR if isinstance(err, _NotRegular) else "cannot read file: bad path"
        return Article(
            id=article_id,
            path=path,
            date=None,
            title=display_name(path),
            source=None,
            paragraphs=(),
            problems=(problem, *extra),
        )
    article = parse_article(data, article_id, path)
    if extra:
        article = article._replace(problems=(*article.problems, *extra))
    return article


def _has_surrogates(s: str) -> bool:
    if s.isascii():  # (every id is looked at: most are plain names)
        return False
    return any("\udc80" <= c <= "\udcff" for c in s)
