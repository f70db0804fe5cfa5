"""library.toml: what lands on disk, and that no session, crash or typo loses the reader's data."""

import datetime as dt
import errno
import multiprocessing
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.userdata import files as storage
from reader.userdata.library import Library, LibraryError, LibraryReadOnly, LibrarySaveError

ART = "2026/000_8da56fbcbfc7ef32.txt"
DAY = dt.date(2026, 2, 2)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "library.toml"


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def test_bookmark_lands_on_disk_in_the_design_schema(path):
    b = Library(path).add_bookmark(ART, "Жиналыс", DAY, 3, "басы")
    doc = on_disk(path)
    assert doc["version"] == 1
    [entry] = doc["bookmarks"]
    assert list(entry) == ["id", "article", "title", "date", "paragraph", "label", "created"]
    assert re.fullmatch(r"b-[0-9a-f]{8}", entry["id"]) and entry["id"] == b.id
    assert (entry["article"], entry["title"], entry["date"]) == (ART, "Жиналыс", DAY)
    assert (entry["paragraph"], entry["label"]) == (3, "басы")
    assert entry["created"].tzinfo is not None and entry["created"].utcoffset() == dt.timedelta(0)
    text = path.read_text("utf-8")
    assert text.startswith("version = 1\n")
    assert "\n[[bookmarks]]\n" in text
    assert re.search(r"^created = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text, re.M)
    assert re.search(r"^date = 2026-02-02$", text, re.M)


def test_undated_bookmark_has_no_date_and_whole_article_note_no_paragraph(path):
    lib = Library(path)
    lib.add_bookmark(ART, "T", None, 0)
    note = lib.save_note(ART, "T", None, "on the whole article")
    doc = on_disk(path)
    assert "date" not in doc["bookmarks"][0]
    [entry] = doc["notes"]
    assert "paragraph" not in entry
    assert list(entry) == ["id", "article", "title", "text", "created", "updated"]
    assert re.fullmatch(r"n-[0-9a-f]{8}", note.id) and note.paragraph is None


def test_note_edit_keeps_id_and_created(path):
    lib = Library(path)
    first = lib.save_note(ART, "T", 2, "бірінші")
    lib.save_note(ART, "T", 2, "екінші\nжол", note_id=first.id)
    [entry] = on_disk(path)["notes"]
    assert (entry["id"], entry["text"], entry["paragraph"]) == (first.id, "екінші\nжол", 2)
    assert entry["created"] == first.created and entry["updated"] >= first.created
    assert [n.text for n in lib.notes_for(ART)] == ["екінші\nжол"]


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
@example(text="\r\n")
@example(text="line\r\nnext\rlast")
def test_any_note_text_round_trips_exactly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("rt") / "library.toml"
    Library(path).save_note(ART, "T", 1, text)
    assert on_disk(path)["notes"][0]["text"] == text
    assert Library(path).notes[0].text == text


def test_toggle_adds_then_removes_and_queries_follow(path):
    lib = Library(path)
    added = lib.toggle_bookmark(ART, "T", DAY, 4)
    assert added is not None and lib.bookmarks_for(ART) == [added]
    assert [b.paragraph for b in lib.bookmarks_for(ART)] == [4]
    assert lib.toggle_bookmark(ART, "T", DAY, 4) is None
    assert on_disk(path)["bookmarks"] == [] and lib.bookmarks_for(ART) == []


def test_rename_and_remove(path):
    lib = Library(path)
    b = lib.add_bookmark(ART, "T", DAY, 1)
    lib.rename_bookmark(b.id, "маңызды")
    assert on_disk(path)["bookmarks"][0]["label"] == "маңызды"
    lib.remove_bookmark(b.id)
    assert on_disk(path)["bookmarks"] == []
    with pytest.raises(LibraryError, match=b.id):
        lib.rename_bookmark(b.id, "gone")


def _conflicted(path: Path) -> tuple[Library, dict[str, str]]:
    """A bookmark, a note and a highlight whose texts a sync kept in two versions."""
    from reader.userdata.selectors import Anchor, Span
    from reader.userdata.sync_merge import conflict_text

    lib = Library(path)
    made = {"bookmarks": lib.add_bookmark(ART, "T", DAY, 1, "a").id,
            "notes": lib.save_note(ART, "T", 1, "a").id,
            "highlights": lib.add_highlight(ART, "T", DAY, Span(1, 0, 1, 3),
                                            Anchor("abc", "", "", ""), "a").id}
    both = conflict_text(["бір", "екі"])
    raw = on_disk(path)
    for kind, key in (("bookmarks", "label"), ("notes", "text"), ("highlights", "note")):
        raw[kind][0] |= {key: both, "conflict": True}
    lib.apply_sync(lambda _: raw)
    return lib, made


def test_a_syncs_conflict_is_read_and_goes_when_an_edit_resolves_it(path):
    lib, made = _conflicted(path)
    assert [e.conflict for e in lib.entries()] == [True, True, True]
    assert Library(path).notes[0].conflict
    lib.save_note(ART, "T", 1, "екі", made["notes"])
    lib.rename_bookmark(made["bookmarks"], "бір")
    lib.note_highlight(made["highlights"], "")
    assert [e.conflict for e in lib.entries()] == [False, False, False]
    assert all("conflict" not in entry for kind in ("bookmarks", "notes", "highlights")
               for entry in on_disk(path)[kind])


def test_an_edit_that_keeps_both_versions_keeps_the_conflict(path):
    lib, made = _conflicted(path)
    note = lib.notes[0]
    lib.save_note(ART, "T", 1, note.text.replace("бір", "бірінші"), made["notes"])
    assert lib.notes[0].conflict and on_disk(path)["notes"][0]["conflict"] is True
    lib.set_tags("notes", made["notes"], ["тег"])  # not a text edit: the flag stays
    assert on_disk(path)["notes"][0]["conflict"] is True


def test_a_conflict_flag_that_is_not_true_is_no_conflict(path):
    path.parent.mkdir(parents=True)
    path.write_text('version = 1\n[[notes]]\nid = "n-1"\narticle = "a.txt"\ntext = "x"\n'
                    'created = 2026-01-01T00:00:00Z\nconflict = "yes"\n', "utf-8")
    [note] = Library(path).notes
    assert note.conflict is False


def test_files_are_0600_and_a_new_folder_0700_even_with_umask_0(path):
    old = os.umask(0)
    try:
        lib = Library(path)
        assert not path.parent.exists()  # reading creates nothing
        lib.add_bookmark(ART, "T", DAY, 0)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert (path.parent / "library.toml.lock").stat().st_mode & 0o777 == 0o600


def test_symlinked_library_stays_a_symlink(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "library.toml").write_text("version = 1\n")
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    link = cfg / "library.toml"
    link.symlink_to(Path("..") / "dotfiles" / "library.toml")
    b = Library(link).add_bookmark(ART, "T", DAY, 2)
    assert link.is_symlink()
    assert on_disk(dotfiles / "library.toml")["bookmarks"][0]["id"] == b.id
    assert (dotfiles / "library.toml.lock").exists() and not (cfg / "library.toml.lock").exists()


def test_crash_before_replace_leaves_the_old_file_whole(path, monkeypatch):
    lib = Library(path)
    lib.add_bookmark(ART, "T", DAY, 1)
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(LibrarySaveError, match=r"cannot save .*library\.toml: Input/output error"):
        lib.add_bookmark(ART, "T", DAY, 2)
    assert path.read_bytes() == before
    assert len(on_disk(path)["bookmarks"]) == 1
    assert [b.paragraph for b in lib.bookmarks] == [1]  # the screen does not claim it was saved
    assert sorted(p.name for p in path.parent.iterdir()) == ["library.toml", "library.toml.lock"]


def test_process_killed_between_temp_write_and_replace(path):
    Library(path).add_bookmark(ART, "T", DAY, 1)
    before = path.read_bytes()
    script = (
        "import os, sys, datetime\n"
        "from reader.userdata import files as storage\n"
        "from reader.userdata.library import Library\n"
        "storage.os.replace = lambda *a: os._exit(9)\n"
        "Library(sys.argv[1]).add_bookmark('x.txt', 'T', None, 7)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(path)], cwd=REPO, timeout=60)
    assert run.returncode == 9
    assert path.read_bytes() == before
    assert [b["paragraph"] for b in on_disk(path)["bookmarks"]] == [1]
    temps = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and "x.txt" in temps[0].read_text("utf-8")  # it did get that far
    assert Library(path).add_bookmark(ART, "T", DAY, 5)  # and the next session is not blocked


def test_disk_full_is_a_clear_error_and_the_old_file_stays(path, monkeypatch):
    lib = Library(path)
    lib.add_bookmark(ART, "T", DAY, 1)
    before = path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage.os, "fsync", full)
    with pytest.raises(LibrarySaveError) as err:
        lib.save_note(ART, "T", 1, "a long note")
    assert str(err.value) == f"cannot save bookmarks and notes to {path}: No space left on device"
    assert path.read_bytes() == before


def _add_many(path: str, tag: str, start, n: int) -> None:
    lib = Library(Path(path))
    start.wait()
    for i in range(n):
        lib.add_bookmark(f"{tag}/{i}.txt", tag, None, i)


def test_two_processes_adding_200_each_keep_all_400(path):
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_add_many, args=(str(path), t, start, 200)) for t in "AB"]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    entries = on_disk(path)["bookmarks"]
    assert len(entries) == 400 and len({e["id"] for e in entries}) == 400
    assert {e["article"] for e in entries} == {f"{t}/{i}.txt" for t in "AB" for i in range(200)}


def test_delete_in_one_session_is_not_resurrected_by_another(path):
    a, b = Library(path), Library(path)
    keep = a.add_bookmark(ART, "T", DAY, 1)
    gone = a.add_bookmark(ART, "T", DAY, 2)
    b.reload()
    a.remove_bookmark(gone.id)
    b.add_bookmark(ART, "T", DAY, 3)  # b still has `gone` in memory
    ids = [e["id"] for e in on_disk(path)["bookmarks"]]
    assert gone.id not in ids and keep.id in ids and len(ids) == 2
    assert gone.id not in [x.id for x in b.bookmarks]  # b now shows what is on disk


def test_toggle_decides_on_what_is_on_disk_now(path):
    a, b = Library(path), Library(path)
    a.toggle_bookmark(ART, "T", DAY, 6)
    assert b.toggle_bookmark(ART, "T", DAY, 6) is None  # b's stale copy had nothing there
    assert on_disk(path)["bookmarks"] == []


def test_hand_edits_and_unknown_things_survive_a_save(path):
    lib = Library(path)
    b = lib.add_bookmark(ART, "T", DAY, 1)
    doc = path.read_text("utf-8").replace('label = ""', 'label = "by hand"\nmood = "calm"')
    doc += '\n[[bookmarks]]\nid = "b-broken"\nparagraph = "x"\n'  # invalid: skipped, kept
    doc += '\n[[notes]]\narticle = "no id"\ntext = "t"\n'
    doc += '\n[sync]\nremote = "laptop"\n'
    path.write_text('version = 1\nowner = "me"\n' + doc.split("\n", 1)[1], "utf-8")
    lib.add_bookmark(ART, "T", DAY, 2)
    after = on_disk(path)
    first = after["bookmarks"][0]
    assert first["id"] == b.id and first["label"] == "by hand" and first["mood"] == "calm"
    assert {"id": "b-broken", "paragraph": "x"} in after["bookmarks"]
    assert {"article": "no id", "text": "t"} in after["notes"]
    assert after["sync"] == {"remote": "laptop"} and after["owner"] == "me"
    assert [x.paragraph for x in lib.bookmarks] == [1, 2] and lib.notes == []


BROKEN = 'version = 1\n\n[[bookmarks]]\nid = "b-1"\narticle = oops\n'


def test_broken_file_is_read_only_and_never_touched(path):
    path.parent.mkdir()
    path.write_text(BROKEN, "utf-8")
    lib = Library(path)
    assert lib.broken and str(path) in lib.broken and "line 5" in lib.broken
    assert "\n" not in lib.broken
    with pytest.raises(LibraryReadOnly) as err:
        lib.toggle_bookmark(ART, "T", DAY, 1)
    assert str(path) in str(err.value) and "line 5" in str(err.value)
    for attempt in (
        lambda: lib.add_bookmark(ART, "T", DAY, 1),
        lambda: lib.remove_bookmark("b-1"),
        lambda: lib.save_note(ART, "T", 1, "x"),
        lambda: lib.delete_note("n-1"),
        lambda: lib.rename_bookmark("b-1", "x"),
    ):
        with pytest.raises(LibraryReadOnly):
            attempt()
    assert path.read_bytes() == BROKEN.encode()
    assert sorted(p.name for p in path.parent.iterdir()) == ["library.toml"]


def test_file_broken_by_hand_during_a_session_is_not_overwritten(path):
    lib = Library(path)
    lib.add_bookmark(ART, "T", DAY, 1)
    path.write_text(BROKEN, "utf-8")
    with pytest.raises(LibraryReadOnly, match="line 5"):
        lib.add_bookmark(ART, "T", DAY, 2)
    assert path.read_bytes() == BROKEN.encode() and lib.broken
    assert [b.paragraph for b in lib.bookmarks] == [1]  # the last good copy stays visible
    path.write_text("version = 1\n", "utf-8")
    lib.reload()
    assert lib.broken is None and lib.bookmarks == []


def test_future_version_is_read_only_and_not_downgraded(path):
    path.parent.mkdir()
    text = 'version = 2\n\n[[bookmarks]]\nid = "b-1"\narticle = "a.txt"\nparagraph = 0\n'
    path.write_text(text, "utf-8")
    lib = Library(path)
    assert lib.broken and "newer" in lib.broken and "version = 2" in lib.broken
    with pytest.raises(LibraryReadOnly):
        lib.add_bookmark(ART, "T", DAY, 1)
    assert path.read_text("utf-8") == text


def test_removing_what_is_already_gone_writes_nothing(path):
    lib = Library(path)
    lib.add_bookmark(ART, "T", DAY, 1)
    before = path.stat().st_ino
    lib.remove_bookmark("b-00000000")
    lib.delete_note("n-00000000")
    assert path.stat().st_ino == before  # not replaced


def test_editing_a_note_deleted_elsewhere_keeps_the_text(path):
    a, b = Library(path), Library(path)
    note = a.save_note(ART, "T", 3, "old")
    b.delete_note(note.id)
    a.save_note(ART, "T", 3, "what I just typed", note_id=note.id)
    assert [(n["id"], n["text"]) for n in on_disk(path)["notes"]] == [
        (note.id, "what I just typed")
    ]


def test_non_utf8_file_names(path):
    lib = Library(path)
    lib.add_bookmark("ok.txt", "caf\udce9", None, 0)  # a title from a bad file name: cleaned
    assert on_disk(path)["bookmarks"][0]["title"] == "caf\ufffd"
    bad = os.fsdecode(b"bad\xe9 \\x41.txt")  # not UTF-8, and a backslash in it
    mark = lib.add_bookmark(bad, "T", None, 0)
    note = lib.save_note(bad, "T", 2, "Мәтін")
    assert mark.article == note.article == bad
    again = Library(path)  # read back from disk: the same id, byte for byte
    assert [b.article for b in again.bookmarks] == ["ok.txt", bad]
    assert [n.article for n in again.notes] == [bad]
    stored = on_disk(path)["bookmarks"][1]["article"]
    assert stored.startswith("\0") and "\\xe9" in stored  # NUL, then the escaped name
    again.toggle_bookmark(bad, "T", None, 0)  # found again at its place: removed
    assert [b.article for b in Library(path).bookmarks] == ["ok.txt"]


def test_the_file_holds_no_character_a_terminal_would_obey(tmp_path: Path) -> None:
    """`cat library.toml` is safe: C1 controls (one-byte CSI), bidi controls and line
    separators in a label or note are written as \\uXXXX escapes, and read back the same."""
    lib = Library(tmp_path / "library.toml")
    label = "a\x9b31mb \u202eтерс\u202c \u2028жол \x1b[0m"
    b = lib.add_bookmark("a.txt", "Тақырып\u2066", None, 0, label)
    lib.save_note("a.txt", "Тақырып", 0, "жазба\x85\u200f\r\nекінші")
    raw = (tmp_path / "library.toml").read_text("utf-8")
    assert not any(0x80 <= ord(c) <= 0x9F or c in "\u2028\u2029\u202a\u202b\u202c\u202d"
                   "\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x1b" for c in raw)
    again = Library(tmp_path / "library.toml")
    assert again.bookmarks[0].label == label and again.bookmarks[0].id == b.id
    assert again.bookmarks[0].title == "Тақырып\u2066"
    assert again.notes[0].text == "жазба\x85\u200f\r\nекінші"
