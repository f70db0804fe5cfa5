"""`kz-reader import` and `import-library`: bring files in without ever losing one.

Articles are checked before they are copied, and a name that is taken is never
overwritten: the copy goes to a temporary file and is linked into place, which
fails rather than replaces. Library entries are merged by id under the lock.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from reader.archive import parser
from reader.archive.scan import ArchiveError, printable_id
from reader.archive.walk import is_article_name
from reader.i18n import plural, problem_text, t
from reader.session import Session
from reader.userdata import paths
from reader.userdata.entries import Highlight, Unusable, read_bookmark, read_highlight, read_note
from reader.userdata.library import Bookmark, LibraryError, Note
from reader.userdata.stored_id import encode_id

PROG = "kz-reader"
MAX_EXPORT = 64 * 1024 * 1024  # bytes; an export of 100,000 notes is a few dozen MiB
NAMED = 10  # skipped entries named on the summary line; the rest are counted
# An article with one of these problems is not an article: importing it would only add noise.
_REFUSE = (parser.EMPTY, parser.BINARY, parser.NOT_REGULAR, parser.BROKEN_LINK)


@dataclass
class Outcome:
    name: str  # the file as the user named it
    status: str  # "imported", "already there", "skipped", "refused"
    detail: str


def _archive_for_import(session: Session) -> Path:
    root = session.archive
    if root.resolve() == paths.bundled_archive().resolve():
        raise ArchiveError(t(
            "the bundled sample archive is part of the installed package and is not imported "
            "into; name your archive with --archive DIR or `archive` in config.toml"
        ))
    if not root.is_dir():
        raise ArchiveError(t(
            "archive folder {path} does not exist or is not a folder; create it first (mkdir -p)",
            path=printable_id(str(root)),
        ))
    return root


def _folder(root: Path, into: str | None) -> Path:
    """The folder inside the archive that receives the files (--into, relative to the root)."""
    if not into:
        return root
    rel = PurePosixPath(into.replace(os.sep, "/"))
    if rel.is_absolute() or ".." in rel.parts or "\0" in into:
        raise ArchiveError(t("--into {into!r} must be a folder inside the archive, like 2026/02",
                             into=printable_id(into)))
    folder = root.joinpath(*rel.parts)
    _inside(root, folder, into)
    return folder


def _inside(root: Path, folder: Path, into: str) -> None:
    """ArchiveError unless folder's real path (every symlink on the way resolved) is in the
    archive's: a link in the archive to elsewhere must not receive files."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(folder)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        raise ArchiveError(t("--into {into!r} leads out of the archive (to {path}) through a "
                             "symbolic link; name a folder inside it",
                             into=printable_id(into), path=printable_id(real)))


def _problem(source: Path) -> str | None:
    """Why this file is not an article, or None when it is one."""
    if not is_article_name(source.name):
        return t("not a .txt file (the archive lists only *.txt files)")
    article = parser.read_article(source, source.name)
    for problem in article.problems:
        if problem in _REFUSE or problem.startswith("cannot read"):
            return problem_text(problem)
        if problem.startswith("truncated"):
            return t("too large: the reader would show it {problem}", problem=problem)
    if not article.paragraphs:
        return t("no readable text (no paragraphs)")
    return None


def _link_into_place(data: bytes, target: Path) -> None:
    """Write a new file at target, or raise FileExistsError; never replaces a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(f.fileno(), 0o666 & ~umask)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, target)
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            with open(target, "xb") as f:  # no hard links here: create-exclusive instead
                f.write(data)
    finally:
        os.unlink(tmp)


def import_one(source: Path, folder: Path, root: Path) -> Outcome:
    name = str(source)
    if not source.exists():
        return Outcome(name, "refused", t("no such file"))
    if source.is_dir():
        return Outcome(name, "refused", t("a folder, not a file"))
    why = _problem(source)  # also refuses folders, FIFOs and devices, before any read
    if why:
        return Outcome(name, "refused", why)
    try:
        data = source.read_bytes()
    except OSError as err:
        return Outcome(name, "refused", t("cannot read it: {error}", error=err.strerror or err))
    target = folder / source.name
    article_id = target.relative_to(root).as_posix()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _inside(root, folder, article_id)  # a link made on the way meanwhile: still refused
        _link_into_place(data, target)
    except ArchiveError as err:
        return Outcome(name, "refused", str(err))
    except FileExistsError:
        try:  # a symlink of that name is not "the same file": it points elsewhere
            same = not target.is_symlink() and target.is_file() and target.read_bytes() == data
        except OSError:
            same = False
        if same:
            return Outcome(name, "already there", article_id)
        return Outcome(name, "skipped", t("{id} already exists with other content",
                                          id=article_id))
    except OSError as err:
        return Outcome(name, "refused", t("cannot write {id}: {error}", id=article_id,
                                          error=err.strerror or err))
    problems = parser.read_article(target, article_id).problems
    listed = "; ".join(problem_text(problem) for problem in problems)
    detail = article_id + (" " + t("(problems: {problems})", problems=listed) if problems else "")
    return Outcome(name, "imported", detail)


def cmd_import(session: Session, files: list[str], into: str | None) -> int:
    """Exit 0 when every file is in the archive now (imported or already there), else 1."""
    root = _archive_for_import(session)
    folder = _folder(root, into)
    outcomes = [import_one(Path(f).expanduser(), folder, root) for f in files]
    for o in outcomes:
        name, detail = printable_id(o.name), printable_id(o.detail)
        if o.status == "imported":
            print(t("imported {name} as {detail}", name=name, detail=detail))
        elif o.status == "already there":
            print(t("{name}: already there ({detail})", name=name, detail=detail))
        elif o.status == "skipped":
            print(f"{PROG}: " + t("{name}: skipped: {detail}", name=name, detail=detail),
                  file=sys.stderr)
        else:
            print(f"{PROG}: " + t("{name}: refused: {detail}", name=name, detail=detail),
                  file=sys.stderr)
    counts = {s: sum(o.status == s for o in outcomes) for s in
              ("imported", "already there", "skipped", "refused")}
    said = {
        "imported": t("{n} imported", n=counts["imported"]),
        "already there": t("{n} already there", n=counts["already there"]),
        "skipped": t("{n} skipped", n=counts["skipped"]),
        "refused": t("{n} refused", n=counts["refused"]),
    }
    print(", ".join(said[s] for s, n in counts.items() if n) + " "
          + t("(archive: {path})", path=root))
    return 0 if counts["skipped"] + counts["refused"] == 0 else 1


def _when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _day(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value  # left unusable: parse_bookmark refuses it


def _usable(entry: Bookmark | Note | Highlight, kind: str) -> Bookmark | Note | Highlight:
    """The entry, or Unusable when library.toml could not hold it: text with a lone
    surrogate (JSON can spell one; TOML and UTF-8 cannot), except an article id's
    undecodable file name bytes, which encode_id stores."""
    last = ("label", entry.label) if isinstance(entry, Bookmark) else (
        ("note", entry.note) if isinstance(entry, Highlight) else ("text", entry.text))
    checks = [("id", _utf8(entry.id)), ("title", _utf8(entry.title, "surrogateescape")),
              (last[0], _utf8(last[1], "surrogateescape")),
              ("article", _storable(entry.article))]
    for field, ok in checks:
        if not ok:
            raise Unusable(t("{kind} {id}: unusable '{field}'", kind=kind,
                             id=printable_id(entry.id), field=field))
    return entry


def _utf8(text: str, errors: str = "strict") -> bool:
    """surrogateescape: a file name's bytes (U+DC80 to U+DCFF) are fine, the library cleans
    them; any other lone surrogate is not."""
    try:
        text.encode("utf-8", errors)
    except UnicodeEncodeError:
        return False
    return True


def _storable(article_id: str) -> bool:
    try:
        encode_id(article_id)
    except ValueError:
        return False
    return True


def entries_from_export(data: Any
                        ) -> tuple[list[Bookmark], list[Note], list[Highlight], list[str]]:
    """(bookmarks, notes, highlights, why each unusable entry was left out) from `export
    --format json`."""
    if not isinstance(data, dict) or not {"bookmarks", "notes", "highlights"} & data.keys():
        raise LibraryError(t("not a kz-reader export (no \"bookmarks\" or \"notes\")"))
    if data.get("version", 1) != 1:
        raise LibraryError(t("an export of an unknown version ({version!r})",
                             version=data.get("version")))
    marks: list[Bookmark] = []
    notes: list[Note] = []
    highlights: list[Highlight] = []
    bad: list[str] = []
    kinds = (("bookmarks", read_bookmark, marks, t("bookmark")),
             ("notes", read_note, notes, t("note")),
             ("highlights", read_highlight, highlights, t("highlight")))
    for key, read, out, kind in kinds:
        entries = data.get(key, [])
        if not isinstance(entries, list):
            raise LibraryError(t("not a kz-reader export (\"{key}\" is not a list)", key=key))
        for e in entries:
            raw = dict(e) if isinstance(e, dict) else e
            if isinstance(raw, dict):
                for k in ("created", "updated"):
                    if k in raw:
                        raw[k] = _when(raw[k])
                if "date" in raw:
                    raw["date"] = _day(raw["date"])
                raw = {k: v for k, v in raw.items() if v is not None}
            try:
                out.append(_usable(read(raw), kind))  # type: ignore[arg-type]
            except Unusable as err:
                bad.append(str(err))
    return marks, notes, highlights, bad


def _read_export(file: str) -> bytes:
    """The export's bytes: a regular file or standard input ("-"), at most MAX_EXPORT.

    A FIFO or a device (/dev/zero) would block or never end, so only regular files are
    opened, and nothing reads past the cap."""
    where = printable_id(t("standard input") if file == "-" else file)
    too_large = t("{where} is larger than {mib} MiB: not a kz-reader export", where=where,
                  mib=MAX_EXPORT // (1024 * 1024))
    if file == "-":
        if sys.stdin is None:
            raise LibraryError(t("standard input is closed"))
        source = getattr(sys.stdin, "buffer", None)
        data = source.read(MAX_EXPORT + 1) if source is not None else sys.stdin.read(
            MAX_EXPORT + 1).encode("utf-8", "surrogateescape")
        if len(data) > MAX_EXPORT:
            raise LibraryError(too_large)
        return data
    path = Path(file).expanduser()
    if not stat.S_ISREG(os.stat(path).st_mode):  # before open(): a FIFO blocks in open
        raise LibraryError(t("{where} is not a regular file", where=where))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced since the stat
            raise LibraryError(t("{where} is not a regular file", where=where))
        data = f.read(MAX_EXPORT + 1)
    if len(data) > MAX_EXPORT:
        raise LibraryError(too_large)
    return data


def cmd_import_library(session: Session, file: str) -> int:
    """Merge an export into library.toml. Exit 0 when every entry was merged (or was there
    already), 1 when some were unusable and skipped (each named on stderr), 2 (raised) when
    the file itself is unusable or library.toml is read-only."""
    where = printable_id(t("standard input") if file == "-" else file)
    try:
        data = json.loads(_read_export(file).decode("utf-8-sig"))
    except OSError as err:
        raise LibraryError(t("cannot read {where}: {error}", where=where,
                             error=err.strerror or err)) from err
    except (UnicodeDecodeError, ValueError) as err:  # ValueError: JSON, or a 5,000-digit int
        raise LibraryError(t("{where} is not a JSON export: {error}", where=where,
                             error=err)) from err
    except RecursionError:
        raise LibraryError(t("{where} is not a JSON export: {error}", where=where,
                             error=t("nested too deeply"))) from None
    marks, notes, highlights, bad = entries_from_export(data)
    if session.library.broken:
        raise LibraryError(session.library.broken)
    added_marks, added_notes, added_highlights = session.library.merge(marks, notes,
                                                                       highlights)
    print(t("bookmarks: {added} added, {there} already there", added=added_marks,
            there=len(marks) - added_marks))
    print(t("notes: {added} added, {there} already there", added=added_notes,
            there=len(notes) - added_notes))
    if highlights:
        print(t("highlights: {added} added, {there} already there", added=added_highlights,
                there=len(highlights) - added_highlights))
    if bad:
        skipped = plural(len(bad), "{n} unusable entry skipped", "{n} unusable entries skipped")
        named = "; ".join(_short(why) for why in bad[:NAMED])
        more = t("; and {n} more", n=len(bad) - NAMED) if len(bad) > NAMED else ""
        print(f"{PROG}: {skipped}: {named}{more}", file=sys.stderr)
    print(t("library: {path}", path=printable_id(str(session.library.path))))
    return 1 if bad else 0


def _short(text: str, most: int = 100) -> str:
    """One reason, on one line, not a screenful (an id can be megabytes long)."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
