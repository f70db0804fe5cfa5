"""The merge behind `kz-reader sync` (reader/userdata/sync_merge.py): a table of what each
side did since the last sync and what both sides hold afterwards, then the rules that make
it safe to run again (a sync killed and started over), the conflict marking, and reading
positions."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.userdata.library import Library
from reader.userdata.sync_merge import (
    CONFLICT,
    Snapshot,
    conflict_text,
    is_conflict,
    merge_entry,
    merge_library,
    merge_state,
    versions,
)

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
T0 = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def moment(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def bookmark(entry_id: str = "b-1", **fields: object) -> dict:
    entry = {"id": entry_id, "article": "a.txt", "title": "Жиын", "paragraph": 2,
             "label": "", "created": T0}
    return entry | fields


def note(entry_id: str = "n-1", text: str = "бастапқы", **fields: object) -> dict:
    entry = {"id": entry_id, "article": "a.txt", "title": "Жиын", "paragraph": 2,
             "text": text, "created": T0, "updated": T0}
    return entry | fields


def doc(*entries: dict) -> dict:
    out: dict = {"version": 1}
    for entry in entries:
        kind = {"b": "bookmarks", "n": "notes", "h": "highlights"}[entry["id"][0]]
        out.setdefault(kind, []).append(entry)
    return out


def snap(*entries: dict, deleted: dict | None = None) -> Snapshot:
    return Snapshot(doc(*entries), deleted or {})


def ids(d: dict, kind: str = "bookmarks") -> list[str]:
    return [e["id"] for e in d.get(kind, [])]


# The table ------------------------------------------------------------------------------------
# (what happened, base, local, remote, expected entries afterwards on both sides)

B = bookmark()
ROWS = [
    ("new here", snap(), doc(B), snap(), [B]),
    ("new there", snap(), doc(), snap(B), [B]),
    ("relabelled here", snap(B), doc(bookmark(label="x")), snap(B), [bookmark(label="x")]),
    ("relabelled there", snap(B), doc(B), snap(bookmark(label="y")), [bookmark(label="y")]),
    ("same change on both", snap(B), doc(bookmark(label="z")), snap(bookmark(label="z")),
     [bookmark(label="z")]),
    ("deleted here", snap(B), doc(), snap(B), []),
    ("deleted there, recorded", snap(B), doc(B), snap(deleted={"bookmarks": {"b-1": T0}}), []),
    ("deleted there, unrecorded", snap(B), doc(B), snap(), []),
    ("deleted on both", snap(B), doc(), snap(), []),
    ("deleted here, relabelled there", snap(B), doc(), snap(bookmark(label="y")), []),
    ("relabelled here, deleted there", snap(B), doc(bookmark(label="x")),
     snap(deleted={"bookmarks": {"b-1": T0}}), []),
    ("deleted long ago, brought back by an import", snap(deleted={"bookmarks": {"b-1": T0}}),
     doc(B), snap(deleted={"bookmarks": {"b-1": T0}}), []),
    ("first sync, same entry on both", None, doc(B), snap(B), [B]),
    ("moved here, tags there", snap(B), doc(bookmark(paragraph=5)),
     snap(bookmark(tags=["бюджет"])), [bookmark(paragraph=5, tags=["бюджет"])]),
]


@pytest.mark.parametrize(("base", "local", "remote", "expected"),
                         [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_the_merge_table(base, local, remote, expected) -> None:
    before = copy.deepcopy((base, local, remote))
    merged = merge_library(base, local, remote, now=NOW)
    assert merged.local.get("bookmarks", []) == expected
    assert merged.shared.get("bookmarks", []) == expected
    assert (base, local, remote) == before  # nothing it was given is changed


def test_what_changes_on_each_side_is_told() -> None:
    local = doc(bookmark("b-1", label="x"), bookmark("b-3"))
    remote = snap(bookmark("b-1"), bookmark("b-2"), note("n-9"))
    base = snap(bookmark("b-1"), note("n-9"), note("n-8"))
    merged = merge_library(base, local, remote, now=NOW)
    assert merged.here.added == [("bookmarks", "b-2")]
    assert merged.here.changed == []
    assert merged.here.deleted == []
    assert merged.there.added == [("bookmarks", "b-3")]
    assert merged.there.changed == [("bookmarks", "b-1")]
    assert merged.there.deleted == [("notes", "n-9")]  # gone here since the base
    assert merged.deleted == {"notes": {"n-9": NOW, "n-8": NOW}}


def test_a_deletion_is_recorded_once_with_its_first_moment() -> None:
    base = snap(B, deleted={"notes": {"n-1": moment(5)}})
    remote = snap(B, deleted={"notes": {"n-1": moment(1)}, "bookmarks": {"b-7": moment(2)}})
    merged = merge_library(base, doc(), remote, now=NOW)
    assert merged.deleted == {"notes": {"n-1": moment(1)},
                              "bookmarks": {"b-7": moment(2), "b-1": NOW}}


# Notes changed on both sides ------------------------------------------------------------------

def test_a_note_changed_on_both_sides_keeps_both_texts() -> None:
    base = snap(note(text="бастапқы"))
    local = doc(note(text="мұнда жазылды", updated=moment(3)))
    remote = snap(note(text="онда жазылды", updated=moment(2)))
    merged = merge_library(base, local, remote, now=NOW)
    [entry] = merged.local["notes"]
    assert merged.shared["notes"] == [entry]
    assert entry[CONFLICT] is True
    assert is_conflict(entry["text"])
    assert versions(entry["text"]) == ["онда жазылды", "мұнда жазылды"]
    assert entry["updated"] == moment(3)
    assert merged.conflicts == [("notes", "n-1")]


def test_merging_again_changes_nothing_and_doubles_nothing() -> None:
    """A sync killed after writing here and run again sees its own merge as this side."""
    base = snap(note(text="бастапқы"), bookmark("b-1"))
    local = doc(note(text="мұнда"), bookmark("b-1", label="x"), bookmark("b-2"))
    remote = snap(note(text="онда"), bookmark("b-1"), bookmark("b-3"))
    first = merge_library(base, local, remote, now=NOW)
    again = merge_library(base, first.local, remote, now=NOW)
    assert again.local == first.local and again.shared == first.shared
    assert not again.here
    [entry] = again.local["notes"]
    assert versions(entry["text"]) == ["онда", "мұнда"]
    # and once both sides hold the merge, a further sync is silent
    settled = merge_library(Snapshot(first.shared, first.deleted), first.local,
                            Snapshot(first.shared, first.deleted), now=NOW)
    assert not settled.here and not settled.there and settled.conflicts == []


def test_the_other_machine_merging_the_same_conflict_takes_it_as_it_is() -> None:
    base = snap(note(text="o"))
    pushed = merge_library(base, doc(note(text="a")), snap(note(text="b")), now=NOW)
    other = merge_library(base, doc(note(text="b")), Snapshot(pushed.shared, {}), now=NOW)
    assert other.local["notes"] == pushed.shared["notes"]


def test_a_resolved_conflict_loses_its_flag() -> None:
    marked = merge_library(snap(note(text="o")), doc(note(text="a")), snap(note(text="b")),
                           now=NOW).shared["notes"][0]
    resolved = marked | {"text": "a, and b"}  # the reader kept one text (the app keeps the key)
    merged = merge_library(snap(marked), doc(resolved), snap(marked), now=NOW)
    assert merged.shared["notes"] == [{k: v for k, v in resolved.items() if k != CONFLICT}]


def test_a_label_and_a_highlight_note_changed_on_both_sides_keep_both() -> None:
    entry = merge_entry("bookmarks", bookmark(label="o"), bookmark(label="a"),
                        bookmark(label="b"))
    assert versions(entry["label"]) == ["b", "a"] and entry[CONFLICT] is True
    high = {"id": "h-1", "article": "a.txt", "quote": "q", "note": "o", "created": T0}
    entry = merge_entry("highlights", high, high | {"note": "a"}, high | {"note": "b"})
    assert versions(entry["note"]) == ["b", "a"]


def test_a_text_removed_on_one_side_and_edited_on_the_other_keeps_the_edit() -> None:
    high = {"id": "h-1", "article": "a.txt", "quote": "q", "note": "o", "created": T0}
    mine = {k: v for k, v in high.items() if k != "note"}
    assert merge_entry("highlights", high, mine, high | {"note": "new"})["note"] == "new"


def test_markers_need_kz_readers_name() -> None:
    heading = "Тақырып\n=======\nмәтін"
    assert not is_conflict(heading) and versions(heading) == [heading]
    text = conflict_text(["a", "b\n=======\nc", "a", ""])
    assert versions(text) == ["a", "b\n=======\nc"]
    assert conflict_text(["жалғыз"]) == "жалғыз"
    assert text.splitlines()[0].startswith("<<<<<<< kz-reader")
    assert text.splitlines()[-1] == ">>>>>>> kz-reader"


def test_a_conflicted_note_round_trips_through_library_toml(tmp_path: Path) -> None:
    """Written by this version, read back; edited by a version that knows nothing of
    `conflict` (save_note only sets its own keys): the key and both texts survive."""
    path = tmp_path / "library.toml"
    library = Library(path)
    library.save_note("a.txt", "Жиын", 2, "бастапқы")
    [n] = library.notes
    marked = merge_entry("notes", note(n.id, text="o"), note(n.id, text="a"),
                         note(n.id, text="b"))
    library.apply_sync(lambda raw: raw | {"notes": [marked]})
    library.save_note("a.txt", "Жиын", 3, "тағы бір")  # another note, another change
    again = Library(path)
    first = next(x for x in again.notes if x.id == n.id)
    assert versions(first.text) == ["b", "a"]
    stored = tomllib.loads(path.read_text("utf-8"))
    assert next(e for e in stored["notes"] if e["id"] == n.id)[CONFLICT] is True


# Unknown keys, odd entries --------------------------------------------------------------------

def test_unknown_keys_and_tables_survive() -> None:
    base = snap(bookmark())
    local = doc(bookmark(label="x")) | {"collections": [{"id": "c-1", "name": "мен"}]}
    remote = Snapshot(doc(bookmark(colour="red")) | {"settings": {"a": 1}}, {})
    merged = merge_library(base, local, remote, now=NOW)
    assert merged.local["bookmarks"] == [bookmark(label="x", colour="red")]
    for side in (merged.local, merged.shared):
        assert side["settings"] == {"a": 1}
        assert side["collections"] == [{"id": "c-1", "name": "мен"}]


def test_entries_without_an_id_stay_where_they_are() -> None:
    odd = {"article": "a.txt", "label": "no id"}
    merged = merge_library(None, doc(B) | {"bookmarks": [B, odd, B | {"label": "twin"}]},
                           snap(), now=NOW)
    assert merged.local["bookmarks"] == [B, odd, B | {"label": "twin"}]
    assert merged.shared["bookmarks"] == [B]


def test_the_repository_lists_oldest_first_and_this_machine_keeps_its_order() -> None:
    old, new = bookmark("b-old", created=moment(-5)), bookmark("b-new", created=moment(5))
    mid = bookmark("b-mid", created=moment(0))
    merged = merge_library(None, doc(new, old), snap(mid), now=NOW)
    assert ids(merged.shared) == ["b-old", "b-mid", "b-new"]
    assert ids(merged.local) == ["b-new", "b-old", "b-mid"]


def test_where_it_points_is_taken_whole_from_the_side_changed_last() -> None:
    base = note(paragraph=2, quote="q")
    mine = note(paragraph=4, quote="q", updated=moment(1))
    theirs = note(article="b.txt", paragraph=7, quote="r", updated=moment(9))
    entry = merge_entry("notes", base, mine, theirs)
    assert (entry["article"], entry["paragraph"], entry["quote"]) == ("b.txt", 7, "r")


def test_tags_changed_on_both_sides_take_both_changes() -> None:
    base = bookmark(tags=["a", "b"])
    entry = merge_entry("bookmarks", base, bookmark(tags=["a", "b", "c"]),
                        bookmark(tags=["b", "d"]))
    assert entry["tags"] == ["b", "c", "d"]


def test_nothing_on_either_side_writes_nothing() -> None:
    merged = merge_library(None, {}, None, now=NOW)
    assert merged.local == {} and not merged.here and not merged.there


# Any history ----------------------------------------------------------------------------------

LABELS = st.sampled_from(["", "a", "b"])
IDS = ["b-1", "b-2", "b-3"]


def _side(draw_map: dict[str, str | None]) -> dict:
    return doc(*(bookmark(i, label=lab) for i, lab in draw_map.items() if lab is not None))


sides = st.fixed_dictionaries({i: st.one_of(st.none(), LABELS) for i in IDS})


@settings(max_examples=300, deadline=None)
@given(base=sides, local=sides, remote=sides,
       tomb=st.sets(st.sampled_from(IDS), max_size=2))
def test_any_history_merges_safely(base, local, remote, tomb) -> None:
    deleted = {"bookmarks": dict.fromkeys(tomb, T0)} if tomb else {}
    b, loc, rem = _side(base), _side(local), Snapshot(_side(remote), deleted)
    merged = merge_library(Snapshot(b, deleted), loc, rem, now=NOW)
    gone = set(merged.deleted.get("bookmarks", {}))
    kept = set(ids(merged.local))
    assert kept == set(ids(merged.shared))
    assert not kept & gone  # a deletion is never undone
    for i in IDS:  # nothing new on either side is lost unless it was deleted
        if base[i] is None and (local[i] is not None or remote[i] is not None):
            assert i in kept or i in tomb
        if i in ids(b) and (i not in ids(loc) or i not in ids(rem.library)):
            assert i in gone  # a deletion on either side stays
    again = merge_library(Snapshot(b, deleted), merged.local, rem, now=NOW)
    assert again.local == merged.local and again.shared == merged.shared


# Reading positions and read marks -------------------------------------------------------------

def test_positions_take_the_newer_one_and_read_marks_add_up() -> None:
    local = {"last_article": "a.txt", "theme": "nord", "read": ["a.txt"],
             "positions": {"a.txt": 3, "b.txt": 1, "c.txt": 4},
             "seen": {"a.txt": moment(5), "b.txt": moment(1)}}
    remote = {"read": ["b.txt"], "positions": {"a.txt": 9, "b.txt": 8, "c.txt": 2, "d.txt": 6},
              "seen": {"a.txt": moment(2), "b.txt": moment(7), "c.txt": moment(0)}}
    merged = merge_state(local, remote)
    assert merged.local["positions"] == {"a.txt": 3, "b.txt": 8, "c.txt": 2, "d.txt": 6}
    assert merged.local["seen"] == {"a.txt": moment(5), "b.txt": moment(7), "c.txt": moment(0)}
    assert merged.local["read"] == ["a.txt", "b.txt"]
    assert (merged.local["last_article"], merged.local["theme"]) == ("a.txt", "nord")
    assert "last_article" not in merged.shared and "theme" not in merged.shared
    assert merged.here == (3, 1) and merged.there == (1, 1)
    assert merge_state(merged.local, merged.shared).here == (0, 0)


def test_unusable_positions_are_left_out() -> None:
    remote = {"positions": {"a.txt": -1, "b.txt": "x", "c.txt": 2.5, "d.txt": True},
              "read": ["e.txt", 5], "seen": "no"}
    merged = merge_state({}, remote)
    assert merged.local["positions"] == {} and merged.local["read"] == ["e.txt"]


# Applying a merge here ------------------------------------------------------------------------

def test_a_merge_is_applied_under_the_lock_and_refused_on_a_broken_file(tmp_path: Path) -> None:
    from reader.userdata.library import LibraryReadOnly

    path = tmp_path / "library.toml"
    library = Library(path)
    library.add_bookmark("a.txt", "Жиын", None, 1, "a")
    stamp = path.stat().st_mtime_ns
    library.apply_sync(lambda raw: raw)  # nothing changes: nothing is written
    assert path.stat().st_mtime_ns == stamp
    other = Library(path)  # another session adds one meanwhile: the merge sees it
    other.add_bookmark("a.txt", "Жиын", None, 2, "b")
    seen: list[int] = []
    library.apply_sync(lambda raw: seen.append(len(raw["bookmarks"])) or raw)
    assert seen == [2] and len(library.bookmarks) == 2
    path.write_bytes(b"version = 1\n[[bookmarks]\n")
    with pytest.raises(LibraryReadOnly):
        library.apply_sync(lambda raw: {})
    assert path.read_bytes() == b"version = 1\n[[bookmarks]\n"


def test_state_is_merged_under_its_lock_and_written_only_when_it_changes(tmp_path: Path) -> None:
    from reader.userdata.state import sync_state

    path = tmp_path / "state.toml"
    remote = {"positions": {"b.txt": 4, "/etc/passwd": 1}, "seen": {"b.txt": moment(1)},
              "read": ["b.txt"]}
    state = sync_state(path, lambda raw: merge_state(raw, remote).local)
    assert state.positions == {"b.txt": 4} and state.read == {"b.txt"}  # no archive id: out
    stamp = path.stat().st_mtime_ns
    sync_state(path, lambda raw: merge_state(raw, remote).local)
    assert path.stat().st_mtime_ns == stamp
