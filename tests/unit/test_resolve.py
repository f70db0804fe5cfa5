"""Entries resolved against an archive that changed under them (resolve.py), and the
re-found places written back to library.toml (Library.reanchor)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from reader.archive.excerpt import ParagraphLookup
from reader.archive.scan import scan_archive
from reader.userdata.anchors import Span, paragraph_anchor, passage_anchor
from reader.userdata.library import Library
from reader.userdata.resolve import Resolver

DATE = dt.date(2024, 3, 12)
TITLE = "Мәслихат сессиясы өтті"
PARAS = [
    "Аудандық мәслихаттың кезекті сессиясында депутаттар жергілікті бюджеттің "
    "орындалуы туралы есепті тыңдады.",
    "Сессия барысында ауыл әкімдері жол жөндеу жұмыстарының барысы туралы баяндады.",
    "Депутаттар мектептерді жылумен қамтамасыз ету мәселесін ерекше назарға алды.",
    "Отырыстың соңында келесі жылға арналған жұмыс жоспары бекітілді.",
]
NEW = "Облыстық мәслихат төрағасы сессияны ашып, күн тәртібіндегі мәселелерді таныстырды."


def write(root: Path, rel: str, paragraphs: list[str], title: str = TITLE,
          date: dt.date = DATE) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(paragraphs)
    path.write_text(f" date {date.isoformat()} {title}\n{body}\nДереккөз: test.kz\n", "utf-8")


def resolver(root: Path) -> Resolver:
    return Resolver(ParagraphLookup(scan_archive(root)))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write(tmp_path / "archive", "2024/a.txt", PARAS)
    write(tmp_path / "archive", "2024/other.txt", ["Басқа мақаланың мәтіні."], "Басқа")
    return tmp_path / "archive"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.toml")


def mark(library: Library, paragraph: int, anchored: bool = True):
    anchor = paragraph_anchor(PARAS, paragraph) if anchored else None
    return library.add_bookmark("2024/a.txt", TITLE, DATE, paragraph, anchor=anchor)


EDITS = {  # the archive after the edit, where paragraph 2 is now, its status
    "unchanged": (lambda r: None, "2024/a.txt", 2, "ok"),
    "inserted above": (lambda r: write(r, "2024/a.txt", [NEW, *PARAS]), "2024/a.txt", 3,
                       "edited"),
    "deleted above": (lambda r: write(r, "2024/a.txt", PARAS[1:]), "2024/a.txt", 1, "edited"),
    "typo fixed inside": (lambda r: write(r, "2024/a.txt", [*PARAS[:2], PARAS[2].replace(
        "жылумен", "жылуымен"), PARAS[3]]), "2024/a.txt", 2, "edited"),
    "split": (lambda r: write(r, "2024/a.txt", [*PARAS[:2], PARAS[2][:40].rsplit(" ", 1)[0],
                                                PARAS[2][40:].split(" ", 1)[1], PARAS[3]]),
              "2024/a.txt", 2, "edited"),
    "joined to the one above": (lambda r: write(r, "2024/a.txt", [
        PARAS[0], PARAS[1] + " " + PARAS[2], PARAS[3]]), "2024/a.txt", 1, "edited"),
    "removed": (lambda r: write(r, "2024/a.txt", [*PARAS[:2], PARAS[3]]), "2024/a.txt", 2,
                "orphaned"),  # (kept where it was)
    "moved": (lambda r: ((r / "2024/a.txt").rename(r / "a-moved.txt")), "a-moved.txt", 2,
              "moved"),
    "moved and edited": (lambda r: ((r / "2024/a.txt").unlink(), write(
        r, "old/a.txt", [NEW, *PARAS])), "old/a.txt", 3, "moved"),
    "moved and re-titled": (lambda r: ((r / "2024/a.txt").unlink(), write(
        r, "b.txt", PARAS, "Жаңа тақырып")), "2024/a.txt", 2, "missing"),
    "article removed": (lambda r: (r / "2024/a.txt").unlink(), "2024/a.txt", 2, "missing"),
}


@pytest.mark.parametrize("name", EDITS)
def test_a_bookmark_after_an_edit(root: Path, library: Library, name: str) -> None:
    edit, article, paragraph, status = EDITS[name]
    bookmark = mark(library, 2)
    edit(root)
    got = resolver(root).resolve(bookmark)
    assert (got.status, got.article, got.paragraph) == (status, article, paragraph)
    if got.fix is not None:
        assert library.reanchor([got.fix]) == 1
    stored = tomllib.loads(library.path.read_text("utf-8"))["bookmarks"][0]
    if status in ("edited", "moved"):
        assert (stored["article"], stored["paragraph"]) == (article, paragraph)
        again = resolver(root).resolve(library.bookmarks[0])
        assert (again.status, again.paragraph, again.fix) == ("ok", paragraph, None)
    else:
        assert (stored["article"], stored["paragraph"]) == ("2024/a.txt", 2)  # kept as it was


def test_a_moved_and_re_titled_article_is_found_by_its_text(root: Path, library: Library
                                                             ) -> None:
    bookmark = mark(library, 2)
    (root / "2024/a.txt").unlink()
    write(root, "b.txt", PARAS, "Жаңа тақырып")
    catalog = scan_archive(root)

    def holding(quote: str) -> list[str]:  # what the search index answers
        return [s.id for s in catalog.summaries
                if quote[:30] in " ".join(catalog.load(s.id).paragraphs)]

    got = Resolver(ParagraphLookup(catalog, holding)).resolve(bookmark)
    assert (got.status, got.article, got.paragraph) == ("moved", "b.txt", 2)


def test_an_entry_of_the_earlier_version_gets_its_anchor_when_read(root: Path,
                                                                   library: Library) -> None:
    mark(library, 1, anchored=False)
    assert "quote" not in library.path.read_text("utf-8")
    got = resolver(root).resolve(library.bookmarks[0])
    assert got.status == "ok" and got.fix is not None
    library.reanchor([got.fix])
    stored = tomllib.loads(library.path.read_text("utf-8"))["bookmarks"][0]
    assert stored["quote"].startswith("Сессия барысында ауыл")
    assert stored["text_hash"].startswith("sha256:")
    write(root, "2024/a.txt", [NEW, *PARAS])  # and now it holds through an edit
    got = resolver(root).resolve(library.bookmarks[0])
    assert (got.status, got.paragraph) == ("edited", 2)


def test_a_fix_never_overwrites_a_change_made_meanwhile(root: Path, library: Library) -> None:
    bookmark = mark(library, 2)
    write(root, "2024/a.txt", [NEW, *PARAS])
    got = resolver(root).resolve(bookmark)
    other = Library(library.path)  # another session deletes it, then re-adds one elsewhere
    other.remove_bookmark(bookmark.id)
    assert library.reanchor([got.fix]) == 0
    assert tomllib.loads(library.path.read_text("utf-8")).get("bookmarks") == []


def test_a_highlight_across_a_paragraph_end_follows_an_edit(root: Path, library: Library
                                                            ) -> None:
    span = Span(1, 17, 2, 20)
    highlight = library.add_highlight("2024/a.txt", TITLE, DATE, span,
                                      passage_anchor(PARAS, span), note="маңызды")
    write(root, "2024/a.txt", [NEW, *PARAS])
    got = resolver(root).resolve(highlight)
    assert (got.status, got.span) == ("edited", Span(2, 17, 3, 20))
    library.reanchor([got.fix])
    assert library.highlights[0].span == Span(2, 17, 3, 20)
    assert library.highlights[0].note == "маңызды"


def test_an_orphaned_note_keeps_its_text_and_quote(root: Path, library: Library) -> None:
    note = library.save_note("2024/a.txt", TITLE, 2, "Жылу мәселесі",
                             anchor=paragraph_anchor(PARAS, 2))
    write(root, "2024/a.txt", [*PARAS[:2], PARAS[3]])
    got = resolver(root).resolve(note)
    assert (got.status, got.paragraph, got.fix) == ("orphaned", 2, None)
    assert library.notes[0].anchor.quote.startswith("Депутаттар мектептерді")
    assert library.notes[0].text == "Жылу мәселесі"


def test_a_note_on_the_whole_article_moves_with_its_title_and_date(root: Path,
                                                                   library: Library) -> None:
    library.save_note("2024/a.txt", TITLE, None, "Жалпы ескерту")
    (root / "2024/a.txt").rename(root / "moved.txt")
    got = resolver(root).resolve(library.notes[0])
    # a note keeps no date: its title alone is not enough without a quote to check
    assert got.status == "missing"


def test_a_note_on_the_whole_article_moves_with_the_same_text(root: Path, library: Library
                                                              ) -> None:
    library.save_note("2024/a.txt", TITLE, None, "Жалпы ескерту")
    first = resolver(root).resolve(library.notes[0])
    assert first.status == "ok"
    library.reanchor([first.fix])  # the earlier version's note: its text's hash is kept
    (root / "2024/a.txt").rename(root / "moved.txt")
    got = resolver(root).resolve(library.notes[0])
    assert (got.status, got.article, got.paragraph) == ("moved", "moved.txt", None)


def test_b_on_a_paragraph_whose_old_bookmark_is_orphaned_adds_one(root: Path,
                                                                  library: Library) -> None:
    """¶2 was removed and ¶3 took its number: the orphan is not the bookmark at ¶2 now."""
    orphan = mark(library, 2)
    write(root, "2024/a.txt", [*PARAS[:2], PARAS[3]])
    assert resolver(root).resolve(orphan).status == "orphaned"
    new_paras = [*PARAS[:2], PARAS[3]]
    added = library.toggle_bookmark("2024/a.txt", TITLE, DATE, 2, paragraph_anchor(new_paras, 2),
                                    elsewhere=frozenset([orphan.id]))
    assert added is not None and {b.id for b in library.bookmarks} == {orphan.id, added.id}
    assert library.toggle_bookmark("2024/a.txt", TITLE, DATE, 2,
                                   elsewhere=frozenset([orphan.id])) is None
    assert [b.id for b in library.bookmarks] == [orphan.id]  # the orphan is kept
