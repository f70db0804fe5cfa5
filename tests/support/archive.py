"""Small archives written by the tests: the bundled sample's id and one article file."""

from __future__ import annotations

from pathlib import Path

SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"

def write_article(root: Path, name: str, date: str, title: str, paragraphs: list[str],
                  source: str = "osdp.kz") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(paragraphs)
    path.write_text(f" date {date} {title}\n{body}\nДереккөз: {source}\n", encoding="utf-8")
    return path


def write_sourced(root: Path, rel: str, date: str, title: str, *paragraphs: str) -> Path:
    """An article ending with its source line (Дереккөз), as the index tests write them."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(paragraphs)
    path.write_text(f" date {date} {title}\n{body}\nДереккөз: test.kz\n", encoding="utf-8")
    return path


def word_archive_index(folder: Path, words: list[str]):  # type: ignore[no-untyped-def]
    """An archive of one article a word form (its id is the word), indexed: a search's hits
    name the forms it found."""
    from reader.search.index import Index

    archive = folder / "archive"
    for word in words:
        write_article(archive, f"{word}.txt", "2025-05-14", "Жиын", [f"Бүгін {word} болды."])
    built = Index.open(archive, folder / "cache")
    built.update()
    return built


def found_words(index, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The word forms a search finds in a word_archive_index."""
    return [hit.id.removesuffix(".txt") for hit in index.search(query, limit=100)]


def before_listing(monkeypatch, before) -> None:  # type: ignore[no-untyped-def]
    """Call before(path) ahead of every folder listing an index walk makes, as the kernel's
    records (dirents.read, Linux) or with os.scandir (elsewhere); it may raise."""
    import os

    from reader.search import dirents

    real_scandir, real_read = os.scandir, dirents.read

    def scandir(path):  # type: ignore[no-untyped-def]
        before(os.fspath(path))
        return real_scandir(path)

    def read(path):  # type: ignore[no-untyped-def]
        before(os.fspath(path))
        return real_read(path)

    monkeypatch.setattr("reader.search.index_walk.os.scandir", scandir)
    monkeypatch.setattr("reader.search.dirents.read", read)
