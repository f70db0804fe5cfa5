"""Pictures of tags and of where each entry is now, at the smallest and a wide terminal size.

Baselines live in tests/app/__snapshots__/test_snapshots_tags/; after a deliberate change,
look at the difference, then run this file with `--snapshot-update`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.app import make_app, preview_settled
from support.archive import SAMPLE_ID, write_article
from textual.widgets import Input

from reader.userdata.anchors import paragraph_anchor

SIZES = [(80, 24), (140, 40)]
EDITED = "2026/03/edited.txt"
PARAGRAPHS = [f"Мәслихаттың {i}-ші мәселесі бойынша шешім қабылданды." for i in range(1, 6)]


def table(number: int, article: str, paragraph: int, label: str, tags: list[str],
          anchor: str = "") -> str:
    """One [[bookmarks]] table, made on the number-th of March (the list's order)."""
    listed = ", ".join(f'"{tag}"' for tag in tags)
    return (f'\n[[bookmarks]]\nid = "b-{number:08x}"\narticle = "{article}"\n'
            f'title = "Тақырып {number}"\nparagraph = {paragraph}\nlabel = "{label}"\n'
            f'{anchor}tags = [{listed}]\ncreated = 2026-03-{number:02d}T10:00:00Z\n')


def tagged_library(archive: Path, config_dir: Path) -> None:
    """Three bookmarks: one tagged (markup in a tag, shown as typed), one in an article
    edited since (a paragraph added at the top), one whose article has gone."""
    write_article(archive, EDITED, "2026-03-01", "Сессия", PARAGRAPHS)
    found = paragraph_anchor(PARAGRAPHS, 3)
    assert found is not None
    anchor = "".join(f"{key} = {json.dumps(getattr(found, key), ensure_ascii=False)}\n"
                     for key in ("quote", "prefix", "suffix", "text_hash"))
    write_article(archive, EDITED, "2026-03-01", "Сессия", ["Жаңа кіріспе абзац.", *PARAGRAPHS])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "library.toml").write_text("version = 1\n" + "".join([
        table(1, "2024/gone.txt", 2, "ескі", ["мұрағат"]),
        table(2, EDITED, 3, "шешім", ["бюджет", "сессия"], anchor),
        table(3, SAMPLE_ID, 1, "реформа", ["бюджет", "[bold]Конституция[/bold]"]),
    ]), "utf-8")


async def still(pilot) -> None:
    """Workers (resolving, completion) done; no cursor caught mid-blink."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


class TestBookmarksWithTags:
    """The bookmarks screen: each entry's tags on a line under it; the edited one at the
    paragraph it was found again at, saying so; the gone one marked missing."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_bookmarks_screen_with_tags_and_statuses(self, snap_compare, archive: Path,
                                                     config_dir: Path, size) -> None:
        tagged_library(archive, config_dir)

        async def open_bookmarks(pilot) -> None:
            await preview_settled(pilot)
            await pilot.press("B")
            await still(pilot)

        assert snap_compare(make_app(archive, config_dir), run_before=open_bookmarks,
                            terminal_size=size)

    def test_bookmarks_narrowed_by_a_tag(self, snap_compare, archive: Path,
                                         config_dir: Path) -> None:
        """`/#бюджет`: the two tagged so, the tag asked for in reverse, "2 of 3"."""
        tagged_library(archive, config_dir)

        async def narrow(pilot) -> None:
            await pilot.press("B", "slash", "number_sign", *"бюджет", "space")
            await pilot.pause(0.3)
            await still(pilot)

        assert snap_compare(make_app(archive, config_dir), run_before=narrow,
                            terminal_size=(80, 24))


class TestTagPrompt:
    """`#` on a bookmarked paragraph: the prompt over the article, its tags filled in, the
    tag being typed completed (dimmed) from the tags in use."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_tag_prompt_with_a_completion(self, snap_compare, archive: Path, config_dir: Path,
                                          size) -> None:
        tagged_library(archive, config_dir)

        async def prompt(pilot) -> None:
            await pilot.press("j", "enter", "j", "number_sign", *"се")
            await still(pilot)

        assert snap_compare(make_app(archive, config_dir), run_before=prompt,
                            terminal_size=size)
