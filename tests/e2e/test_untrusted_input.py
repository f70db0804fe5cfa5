"""Article text and file names are untrusted: they never crash kz-reader, never reach the
terminal as control sequences, and Rich markup in them is printed literally.

(The parser's own property tests are in test_parser.py, the folder scan's in test_scan.py;
here: `kz-reader show` end to end, the app on a hostile archive, and huge articles.)
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import io
import os
import re
import shutil
import tempfile
import time
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from support.app import make_app, widget_text

from reader.archive.parser import MAX_ARTICLE_BYTES, parse_article
from reader.archive.scan import scan_archive
from reader.cli.main import main
from reader.render import article_renderable
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView

HOSTILE = [b"\x1b[2J", b"\x1b]0;pwned\x07", b"\x1b]8;;http://x\x1b\\", b"\x07", b"\x9b31m",
           b"\xc2\x9b", b"\x00", b"\r", b"\n", b"\t", b"[bold]", b"[link=http://x]", b"[/]",
           b"date 2026-02-02 ", b"\xd2\x9b", b"\xff\xfe", b"\xef\xbb\xbf", b"\xd2\x9a", b"a",
           b"\x1bP+q\x1b\\", b"\x8d", b"\xe2\x80\xae", b"\x7f"]
ARTICLE_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.sampled_from(HOSTILE), max_size=60).map(b"".join),
    st.text(max_size=400).map(lambda s: (" date 2026-02-02 " + s).encode("utf-8", "replace")),
)


def _controls(text: str, allowed: str = "\n") -> list[str]:
    return [c for c in text if unicodedata.category(c) == "Cc" and c not in allowed]


def _show(archive: Path, name: str, *flags: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["show", name, "--archive", str(archive), *flags])
    return status, out.getvalue(), err.getvalue()


_ARCHIVE = Path(tempfile.mkdtemp(prefix="kz-untrusted-"))
atexit.register(shutil.rmtree, _ARCHIVE, True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ARTICLE_BYTES, plain=st.booleans())
@example(data=b" date 2026-02-02 [bold]T[/bold]\n\x1b[31mred\x1b[0m [link=http://x]l[/link]\x07",
         plain=False)
def test_show_prints_no_control_byte_and_markup_literally(data: bytes, plain: bool) -> None:
    (_ARCHIVE / "a.txt").write_bytes(data)
    status, out, err = _show(_ARCHIVE, "a.txt", *(["--plain"] if plain else []))
    assert status == 0, err
    assert not _controls(out), [hex(ord(c)) for c in _controls(out)]
    article = parse_article(data, "a.txt", _ARCHIVE / "a.txt")
    for text in (article.title, *article.paragraphs):
        for markup in re.findall(r"\[[a-z/][^\]\n]*\]", text):
            assert markup in out  # shown as typed, not interpreted


SGR = re.compile(r"\x1b\[[0-9;]*m")
HYPERLINK = re.compile(r"\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


@settings(max_examples=150, deadline=None)
@given(data=ARTICLE_BYTES, latin=st.booleans())
def test_render_to_a_terminal_sends_only_its_own_styles(data: bytes, latin: bool) -> None:
    """With colours on, the only escapes are Rich's own style and link codes."""
    article = parse_article(data, "a.txt", Path("a.txt"))
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      width=60, legacy_windows=False)
    console.print(article_renderable(article, latin=latin), markup=False, highlight=False)
    out = HYPERLINK.sub("", SGR.sub("", console.file.getvalue()))
    assert not _controls(out), [hex(ord(c)) for c in _controls(out)]


# -- a hostile archive in the app -------------------------------------------------------------

def _hostile_archive(root: Path) -> None:
    root.mkdir()
    (root / "good.txt").write_text(" date 2026-02-02 Жақсы мақала\nМәтін.\nДереккөз: x\n",
                                   encoding="utf-8")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "gone.txt").symlink_to("nowhere.txt")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    folder = os.fsencode(root)
    with open(folder + b"/caf\xe9 \x1b[31mred.txt", "wb") as f:
        f.write(b" date 2026-03-01 \x1b]0;title\x07[bold]Sarlaw\n\x9bP\xd2\x9a\n")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    unreadable = root / "unreadable.txt"
    unreadable.write_text(" date 2026-01-01 Жабық\nМәтін.\n", encoding="utf-8")
    unreadable.chmod(0)


async def test_app_on_a_hostile_archive_lists_reports_and_opens(tmp_path: Path,
                                                                config_dir: Path) -> None:
    """Symlink loops, a folder loop, a broken link, a non-UTF-8 name with an escape in it,
    binary junk, an unreadable file: all listed or reported, none crashes the app, no control
    character reaches the screen, and each opens."""
    root = tmp_path / "hostile"
    _hostile_archive(root)
    for indexed in (False, True):
        app = make_app(root, config_dir, indexed=indexed)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            listing = widget_text(app.screen.query_one(ArchiveList))
            assert "Жақсы мақала" in listing and "[bold]Sarlaw" in listing, listing
            assert not _controls(listing)
            messages = " ".join(n.message for n in app._notifications)
            assert "have problems" in messages
            view = app.screen.query_one(ArticleView)
            for summary in scan_archive(root).summaries:
                assert app.catalog.get(summary.id) is not None
                app.main_screen.open_article(summary.id)
                await pilot.pause()
                assert view.article is not None and view.article.id == summary.id
                assert not _controls(widget_text(view)), summary.id
            await pilot.press("q")


# -- huge articles ----------------------------------------------------------------------------

PARAGRAPH = ("Қазақстан Республикасының Конституциясының жаңа жобасын талқылауға арналған "
             "отырыс өтті. ") * 6


def _huge(root: Path) -> None:
    root.mkdir()
    count = 50 * 2**20 // len(PARAGRAPH.encode())
    (root / "fifty.txt").write_text(" date 2026-02-02 Елу мегабайт\n" + (PARAGRAPH + "\n") * count,
                                    encoding="utf-8")
    (root / "line.txt").write_text(" date 2026-02-01 Бір жол\n" + "сөз " * (5 * 2**20 // 7)
                                   + "\nДереккөз: x\n", encoding="utf-8")


LAYOUT_LIMIT = 60.0  # seconds to lay out in the background; measured ~5 s (16 MiB) here


async def test_huge_articles_open_at_once_and_keys_are_answered(tmp_path: Path,
                                                               config_dir: Path) -> None:
    """A 50 MB article is read up to 16 MiB (with a visible notice); a 5 MB line is one
    paragraph. Megabytes are laid out in a thread: the article opens at once with a
    notice, keys are answered while the layout goes on, and paging works after. The
    times are printed (figures, not assertions: a loaded machine must not fail it)."""
    root = tmp_path / "huge"
    _huge(root)
    app = make_app(root, config_dir)
    figures = []
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        for article_id in ("fifty.txt", "line.txt"):
            started = time.perf_counter()
            app.main_screen.open_article(article_id)
            opened = time.perf_counter() - started
            assert "Laying out" in widget_text(view)
            # A key while the layout goes on: Pilot's own pause waits for all work to end,
            # so watch the screen instead.
            started = time.perf_counter()
            pressed = asyncio.ensure_future(pilot.press("B"))
            while not isinstance(app.screen, BookmarksScreen):
                assert time.perf_counter() - started < 5, "the key was not answered"
                await asyncio.sleep(0.01)
            answered = time.perf_counter() - started
            if article_id == "fifty.txt":  # answered while the layout still went on
                assert not (view._layout and view._layout.spans), figures
            await pressed
            await pilot.press("escape")
            started = time.perf_counter()
            while not (view._layout and view._layout.spans):
                assert time.perf_counter() - started < LAYOUT_LIMIT, "layout never finished"
                await pilot.pause(0.1)
            laid_out = time.perf_counter() - started + opened + answered
            if article_id == "fifty.txt":  # the notice, under the title
                assert "! truncated at 16 MiB" in widget_text(view)
            top = view.scroll_y
            started = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            paged = time.perf_counter() - started
            assert view.scroll_y > top, "page-down did not move"
            figures.append(f"{article_id}: open {opened:.2f} s, keys {answered:.2f} s, "
                           f"laid out {laid_out:.1f} s, page-down {paged:.3f} s")
            assert view.article is not None and view.article.id == article_id
        article = app.catalog.load("fifty.txt")
        assert "truncated at 16 MiB" in article.problems
        assert sum(len(p.encode()) + 1 for p in article.paragraphs) <= MAX_ARTICLE_BYTES
    print("\n" + "; ".join(figures))
