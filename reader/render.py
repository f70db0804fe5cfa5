"""One way to draw an article with Rich, shared by `kz-reader show` and the app.

Article text is untrusted: it only ever goes into rich.text.Text objects, never
through markup parsing, and stray control characters are dropped once more here
so that a hand-built Article cannot reach the terminal with an escape in it.
"""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.text import Text

from reader.archive.article import WORDS_PER_MINUTE, Article, ArticleSummary
from reader.i18n import format_count, format_date, t
from reader.kazakh.latin import to_latin
from reader.terminal_text import terminal_safe

SOURCE_LABEL = "Дереккөз"
META_SEPARATOR = " · "  # between the meta line's parts (the app breaks the line only there)


def meta_line(article: Article | ArticleSummary) -> str:
    """ "2 February 2026 · osdp.kz · 131 words · 1 min read", or in Kazakh
    "2026 жылғы 2 ақпан · osdp.kz · 131 сөз · 1 мин оқу"."""
    words = article.words
    minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
    parts = [format_date(article.date) if article.date else t("undated")]
    if article.source:
        parts.append(terminal_safe(article.source))
    if not words:  # not "0 words · 1 min read"
        parts.append(t("no text"))
        return META_SEPARATOR.join(parts)
    count = format_count(words)  # 307,502 words; 307 502 сөз
    parts.append(t("{n} word", n=count) if words == 1 else t("{n} words", n=count))
    parts.append(t("{n} min read", n=format_count(minutes)))
    return META_SEPARATOR.join(parts)


def article_renderable(article: Article, *, latin: bool = False,
                       paragraph: int | None = None) -> RenderableType:
    """Title, meta line, paragraphs with a blank line between, then the source.

    latin=True transliterates everything drawn (title, date, text, source) to
    the Kazakh Latin alphabet of 2021. paragraph: only that one (0-based), under
    its ¶ number and the article's id (`show ID#N`, a deep link).
    """

    def shown(s: str) -> str:  # (not i18n.t: article text is never translated)
        s = terminal_safe(s)
        return to_latin(s) if latin else s

    parts: list[RenderableType] = [
        Text(shown(article.title), style="bold"),
        Text(shown(meta_line(article)), style="dim"),
    ]
    if paragraph is not None:
        where = f"{article.id} ¶ {paragraph + 1}/{len(article.paragraphs)}"
        parts += [Text(shown(terminal_safe(where)), style="dim"), Text(""),
                  Text(shown(article.paragraphs[paragraph]))]
    for text in article.paragraphs if paragraph is None else ():
        parts.append(Text(""))
        parts.append(Text(shown(text)))
    if article.source:
        parts.append(Text(""))
        parts.append(Text(shown(f"{SOURCE_LABEL}: {article.source}"), style="italic"))
    return Group(*parts)
