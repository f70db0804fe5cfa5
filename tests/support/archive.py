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
