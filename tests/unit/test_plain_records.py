"""The records that load with the app are plain classes, not dataclasses (making a dataclass
costs the start 0.5 ms each): they still compare, show and copy by their fields as the
dataclasses did, and reading the user's files loads tomllib only when there is one."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from rich.text import Text

from reader.tui.article_layout import Layout, Line, Marks, Orphan
from reader.tui.widgets.article_view import ArticleView
from reader.userdata.entries import Bookmark, Highlight, Note
from reader.userdata.selectors import Anchor, Span

WHEN = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
ANCHOR = Anchor("сөз", "", "", "h")


def test_entries_are_equal_by_their_fields_and_unhashable() -> None:
    one = Bookmark("b-1", "a.txt", "Т", None, 2, "", WHEN)
    assert one == Bookmark("b-1", "a.txt", "Т", None, 2, "", WHEN, None, (), False)
    assert one != Bookmark("b-1", "a.txt", "Т", None, 3, "", WHEN)
    assert one != Note("b-1", "a.txt", "Т", 2, "", WHEN, WHEN)
    with pytest.raises(TypeError):
        hash(one)
    assert repr(one).startswith("Bookmark(id='b-1', article='a.txt', title='Т', date=None, "
                                "paragraph=2, label=''")


def test_replace_copies_with_the_changes() -> None:
    highlight = Highlight("h-1", "a.txt", "Т", None, Span(1, 0, 1, 3), ANCHOR, "", WHEN, WHEN,
                          tags=("x",))
    moved = highlight._replace(span=Span(4, 0, 4, 3), article="b.txt")
    assert (moved.paragraph, moved.article, moved.tags) == (4, "b.txt", ("x",))
    assert (highlight.paragraph, highlight.article) == (1, "a.txt")
    note = Note("n-1", "a.txt", "Т", 2, "мәтін", WHEN, WHEN)
    assert note._replace(paragraph=5) == Note("n-1", "a.txt", "Т", 5, "мәтін", WHEN, WHEN)


def test_layout_records() -> None:
    line = Line(Text("а"), 3, first=True)
    assert not hasattr(line, "__dict__")  # slots: a huge paragraph is 190,000 lines
    assert line == Line(Text("а"), 3, True, -1)
    marks = Marks()
    assert marks == Marks({}, {}, {}, {}, {}, [])
    assert marks.bookmarks is not Marks().bookmarks  # each its own
    assert marks._replace(hits={1: [(0, 1)]}).hits == {1: [(0, 1)]} and marks.hits == {}
    assert hash(Orphan("★", "q", "")) == hash(Orphan("★", "q", ""))
    assert Layout([line], [(0, 0)], 80, 0, 77).measure == 77


def test_article_view_messages() -> None:
    moved = ArticleView.Moved("a.txt", 2)
    assert moved == ArticleView.Moved("a.txt", 2) and moved.paragraph == 2
    assert moved.handler_name == "on_article_view_moved"
    requested = ArticleView.NoteRequested(None, None)  # type: ignore[arg-type]
    assert requested.highlight is None
    assert ArticleView.HighlightChosen.handler_name == "on_article_view_highlight_chosen"


def test_tomllib_loads_only_when_a_file_is_parsed(tmp_path) -> None:  # noqa: ANN001
    broken = tmp_path / "state.toml"
    broken.write_text("[[broken", encoding="utf-8")
    script = ("import sys\n"
              "from reader.userdata.state import ReadingState, load_state\n"
              "from reader.userdata.library import read_raw\n"
              f"assert load_state({str(tmp_path / 'none.toml')!r}) == ReadingState()\n"
              f"assert read_raw(__import__('pathlib').Path({str(tmp_path / 'no.toml')!r}))"
              " == ({}, None)\n"
              "print('tomllib' in sys.modules)\n"
              f"assert load_state({str(broken)!r}) == ReadingState()\n"
              f"print(read_raw(__import__('pathlib').Path({str(broken)!r}))[1] is not None)\n")
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, check=True)
    assert ran.stdout.split() == ["False", "True"], ran.stderr
