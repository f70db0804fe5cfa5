"""The index's database file: where it lives, its schema, opening it, the one-writer lock,
and replacing a file that is damaged or of an older schema (it is a cache).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reader.plain_record import PlainRecord
from reader.userdata import paths

SCHEMA_VERSION = 3  # 2: the forms column; 3: folders, inodes, title order, groups
BUSY_MS = 2000

# docs' own indexes: dropped during a first build of many files and made at its end, which
# sorts once instead of inserting row by row (a first build is a fifth quicker)
DOCS_INDEXES = {
    "docs_by_date": "docs(date DESC, id)",
    "docs_by_title": "docs(title_key, id)",
    "docs_by_folder": "docs(folder)",
    "docs_troubled": "docs(id) WHERE problems != ''",  # the app counts them at each start
}

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE folders(
    rowid INTEGER PRIMARY KEY,
    path NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    problems TEXT NOT NULL,
    stamp TEXT
);
CREATE TABLE listings(folder INTEGER PRIMARY KEY, files BLOB NOT NULL);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id NOT NULL UNIQUE,
    folder INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    date TEXT,
    title TEXT NOT NULL,
    source TEXT,
    paragraphs INTEGER NOT NULL,
    words INTEGER NOT NULL,
    problems TEXT NOT NULL,
    title_key TEXT NOT NULL
);
CREATE TABLE groups(kind TEXT, key TEXT, n INTEGER NOT NULL, PRIMARY KEY(kind, key))
    WITHOUT ROWID;
CREATE TABLE vocab(term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    title_stems, title_keys, stems, keys, forms,
    content='', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO meta(key, value) VALUES ('fts_rows', '0'), ('problems', '[]');
""" + "".join(f"CREATE INDEX {name} ON {on};\n" for name, on in DOCS_INDEXES.items())


try:  # the built-in SHA-1: hashlib would load OpenSSL first (3 ms of every command)
    from _sha1 import sha1 as _sha1
except ImportError:  # a Python built without it
    from hashlib import sha1 as _sha1


def db_path(archive: Path, cache_dir: Path | None = None) -> Path:
    """<cache>/<folder name>-<sha1 of its real path>.sqlite: one per archive folder."""
    real = os.fsencode(os.path.realpath(archive))
    name = re.sub(r"[^\w.-]+", "_", os.path.basename(real).decode("utf-8", "replace"))[:40]
    digest = _sha1(real).hexdigest()[:12]
    return (cache_dir or paths.index_dir()) / f"{name or 'archive'}-{digest}.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    """A connection that never waits for the disk (synchronous = OFF: the index is a cache, a
    crash costs a rebuild). The reading one too: the last connection to close checkpoints
    the WAL into the file, and with the default that was three fdatasyncs (16 ms, far more
    on a busy disk) after every update that wrote anything."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    conn.execute("PRAGMA synchronous = OFF")
    return conn


@contextlib.contextmanager
def update_lock(path: Path, wait: bool) -> Iterator[bool]:
    """The one-writer lock (flock on a sidecar file); yields False if busy and not waiting."""
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # also releases the lock


def remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


class Garbled(sqlite3.DatabaseError):
    """Rows that SQLite returned but that no update of ours wrote: a damaged file."""


def is_corrupt(err: BaseException) -> bool:
    """SQLite says the file is damaged or is no database: a cache to throw away, not a bug
    (unlike "database is locked" or a full disk, which a new file would not cure)."""
    if isinstance(err, Garbled):
        return True
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(err)
    return isinstance(err, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text)


def usable(conn: sqlite3.Connection) -> bool:
    """Right schema version and the tables answer; False for a blank or old database,
    a DatabaseError for a damaged one."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    conn.execute("SELECT count(*) FROM meta").fetchone()
    conn.execute("SELECT rowid FROM fts WHERE fts MATCH 'x' LIMIT 1").fetchall()
    return True


def check_intact(conn: sqlite3.Connection) -> None:
    """Garbled unless every b-tree page is sound; a full read of the file, but only ~12 ms at
    10,000 articles, so each update (which stats every article anyway) can afford it."""
    rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    if rows != [("ok",)]:
        raise Garbled(f"quick_check: {rows[:1]}")


def inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def try_open(path: Path) -> tuple[sqlite3.Connection | None, bool]:
    """(the connection if the file is usable, whether it was damaged rather than absent/old)."""
    try:
        conn = connect(path)
    except sqlite3.DatabaseError:
        return None, True
    try:
        if usable(conn):
            return conn, False
        damaged = False
    except sqlite3.DatabaseError:
        damaged = True
    conn.close()
    return None, damaged


def create(path: Path) -> sqlite3.Connection:
    """A new, empty database in place of whatever is at path; the caller holds the lock."""
    remove_files(path)
    conn = connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(f"BEGIN; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
    return conn


def db_id(article_id: str) -> str | bytes:
    """A name that is not UTF-8 is stored as its bytes: SQLite text cannot hold surrogates."""
    try:
        article_id.encode("utf-8")
    except UnicodeEncodeError:
        return article_id.encode("utf-8", "surrogateescape")
    return article_id


def py_id(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "surrogateescape")


class UpdateResult(PlainRecord):
    """What an update did. A plain class: a dataclass would load dataclasses and inspect
    (10 ms) on the path of every command."""

    _FIELDS = ("added", "changed", "removed", "unchanged", "problems", "busy", "stopped",
               "rebuilt", "readonly")

    def __init__(self, added: int = 0, changed: int = 0, removed: int = 0, unchanged: int = 0,
                 problems: list[tuple[str, str]] | None = None, busy: bool = False,
                 stopped: bool = False, rebuilt: bool = False, readonly: bool = False) -> None:
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
        self.problems = [] if problems is None else problems  # folder problems
        self.busy = busy  # another process was updating; nothing was done
        self.stopped = stopped  # should_stop asked to stop before the end
        self.rebuilt = rebuilt  # the search table was rebuilt from the files
        self.readonly = readonly  # someone else's index: read as it is, never updated here



SUMMARIES = (
    "SELECT id, date, title, source, paragraphs, words, problems FROM docs ORDER BY date DESC, id"
)


def has_vocab(conn: sqlite3.Connection) -> bool:
    """Whether the index keeps its own list of terms (an index made before it had one gets it
    at its next update: index_build.make_docs_indexes)."""
    row = conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'vocab'")
    return row.fetchone() is not None


def live_count(conn: sqlite3.Connection) -> int:
    """Articles in the index, from the per-month counts (a count(*) reads every row)."""
    return conn.execute("SELECT coalesce(sum(n), 0) FROM groups WHERE kind = 'm'").fetchone()[0]


class ReadOnlyIndex(OSError):
    """An index this user may read but not write that cannot be used as it is."""


def may_write(path: Path) -> bool:
    """Whether this user can update the index at path (make it, when it is not there)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # open_db makes the missing folders
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not os.path.lexists(path) or os.access(path, os.W_OK)


def open_read_only(path: Path) -> sqlite3.Connection:
    """Someone else's index (a site's, kept by a cron job as the archive's owner): read,
    never written or repaired. A WAL database needs its -shm file, which a reader without
    write access cannot make when no writer is running; then it is opened as immutable,
    its main file being the whole index while no writer has a -wal beside it."""
    from reader.i18n import t

    where = str(path.parent)
    if not path.exists():
        raise ReadOnlyIndex(t("no search index in {folder}, and no write access to make one",
                              folder=where))
    uri = path.resolve().as_uri()
    for mode in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            if usable(conn):
                return conn
        except sqlite3.DatabaseError as err:
            if is_corrupt(err):
                break
            continue  # cannot open the -shm: try immutable
        conn.close()
        break  # another version's index: rebuilding it is its owner's job
    raise ReadOnlyIndex(t("the search index in {folder} cannot be used, and only its owner "
                          "can rebuild it (kz-reader index)", folder=where))


def share(path: Path) -> bool:
    """Make the index readable by readers with no write access to it: a rollback journal
    (WAL readers must write its -shm file) and a file everyone may read. False when another
    connection kept it from leaving WAL (an app of this user has it open)."""
    conn = connect(path)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "wal"
    finally:
        conn.close()
    os.chmod(path, 0o644)
    return str(mode).lower() == "delete"


def open_db(path: Path, damaged: int | None = None) -> tuple[sqlite3.Connection, bool]:
    """Open, or (under the update lock) create or replace, the database at path; with
    damaged (the inode of a file found corrupt) that file is replaced unless another process
    already did. Returns (connection, whether a damaged file was thrown away)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if damaged is None:
        conn, broken = try_open(path)
        if conn is not None:
            return conn, False
    with update_lock(path, wait=True):
        now = inode(path)
        if damaged is None or now not in (damaged, None):  # another process may have made it
            conn, broken = try_open(path)
            if conn is not None:
                return conn, False
        else:
            broken = now is not None
        return create(path), broken and now is not None
