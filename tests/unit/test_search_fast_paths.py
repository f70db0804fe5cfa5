"""The search's quick paths give what the plain ones gave (issue 11): each is checked
against the straightforward version it replaced, kept here as the reference.

- stem(): a table of case suffixes by the word's last two letters, harmony read with
  rstrip, the steps after the case remembered apart;
- to_latin() and latin_key.fold(): a lower-case Cyrillic word in one translate;
- expand: one decision per (stem, cut) of a lemma's forms instead of one per form;
- the highlighter: a text with no mark decided by raw word with set operations;
- rank: a common query's rows read only as far as they are shown;
- Index: the vocab looked up for all of a query's forms in one statement.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.kazakh import latin, latin_key, normalize
from reader.kazakh import stem as stem_module
from reader.kazakh.normalize import token_spans
from reader.kazakh.paradigm import noun_forms, verb_forms
from reader.kazakh.stem import PROTECT, stem
from reader.search import expand, rank
from reader.search.filters import Filters
from reader.search.index import Index, _filter_sql
from reader.search.query import _hits, _span_hits, parse_query

# ---- stem --------------------------------------------------------------------------

S = stem_module
_HARMONY = str.maketrans({**{c: "b" for c in S._BACK}, **{c: "f" for c in S._FRONT},
                          **{c: None for c in S._CYRILLIC_LOWER - S._BACK - S._FRONT}})


def _harmony_ok(stem: str, suffix: str) -> bool:
    wanted = S._suffix_harmony(suffix)
    if not wanted:
        return True
    vowels = stem.translate(_HARMONY)
    return not vowels or vowels[-1] == wanted


def _ok(rest: str) -> bool:
    if len(rest) < 3 or S._VOWEL_SET.isdisjoint(rest):
        return False
    if rest[-1] == rest[-2] and rest[-1] not in S._VOWELS:
        return False
    if rest[-1] == "ш" and (rest[-2] not in S._VOWELS or rest[-2] == "у"):
        return False
    return not (rest[-1] in "ғгб" and rest[-2] not in S._VOWELS)


def _strip_poss(word: str, third: bool = True) -> str | None:
    if word[-1] not in "ыіз":
        return None
    for suf in ("ымыз", "іміз"):
        rest = word[: -len(suf)]
        if word.endswith(suf) and rest and rest[-1] not in S._VOWELS and _ok(rest):
            return rest
    for suf in ("мыз", "міз"):
        rest = word[:-3]
        if word.endswith(suf) and rest[-1] in S._VOWELS and _ok(rest):
            return rest
    if not third or word[-1] not in "ыі":
        return None
    one = word[:-1]
    if word[-2:] in ("сы", "сі") and one not in S._S_STEMS:
        rest = word[:-2]
        if (len(rest) > 1 and rest[-1] in S._VOWELS and (rest[-1] not in "ыі" or rest[-2] in "шдт")
                and _harmony_ok(rest, word[-2:]) and _ok(rest)):
            return rest
    if word[-4:] in ("дағы", "дегі", "тағы", "тегі"):
        return None
    if one[-1] not in S._VOWELS and _harmony_ok(one, word[-1]) and _ok(one):
        return one
    return None


def _strip_case(word: str) -> tuple[str, str] | None:
    for length in sorted({len(suf) for suf in S._CASE_AFTER}, reverse=True):
        if len(word) <= length + 1:
            continue
        suf = word[-length:]
        after = S._CASE_AFTER.get(suf)
        if after is None:
            continue
        rest = word[:-length]
        if not _harmony_ok(rest, suf):
            continue
        if S._POSS in after:
            inner = _strip_poss(rest) if rest[-1] in "ыі" else None
            if inner is not None:
                return inner, "done"
        if rest[-1] in after and _ok(rest):
            if suf == "тан" and rest[-1] == "с" and rest[-2] not in S._VOWELS:
                continue
            return rest, "any" if suf in S._AFTER_POSS_TOO else "our"
    return None


def _strip_plural(word: str) -> str | None:
    suf = word[-3:]
    after = S._PLURAL_AFTER.get(suf)
    if after is None:
        return None
    rest = word[:-3]
    if rest[-1] in after and _harmony_ok(rest, suf) and _ok(rest):
        return rest
    return None


def _devoice(stem: str) -> str:
    last = stem[-1]
    if last == "б":
        return stem[:-1] + "п"
    if last == "ғ":
        return stem[:-1] + "қ"
    if last == "г" and _harmony_ok(stem, "і"):
        return stem[:-1] + "к"
    return stem


def plain_stem(token: str) -> str:
    """The stemmer as it was written first: every suffix length tried in turn."""
    if token in PROTECT or not S._CYRILLIC_LOWER.issuperset(token):
        return token
    word = token.rstrip("ьъ") or token
    vowel_suffix = False
    mode = "any"
    case = _strip_case(word)
    if case is not None:
        rest, mode = case
        vowel_suffix = word[len(rest)] in S._VOWELS
        word = rest
    if word not in PROTECT and mode != "done" and len(word) > 3:
        rest = _strip_poss(word, third=mode == "any")
        if rest is not None:
            word, vowel_suffix = rest, word[len(rest)] in S._VOWELS
    if word not in PROTECT and len(word) > 4:
        rest = _strip_plural(word)
        if rest is not None:
            word, vowel_suffix = rest, False
    if vowel_suffix and word != token:
        word = _devoice(word)
    if word != token and word in S._NOT_A_STEM:
        return token
    return word


LEMMAS = ["ел", "үй", "мектеп", "кітап", "қала", "бала", "жоба", "кеңес", "құқық", "процесс",
          "съезд", "тері", "орын", "халық", "депутат", "округ", "такси", "өт", "қабылда",
          "оқы", "азай", "тап", "бекіт", "қара", "тыңда", "шеш", "бер", "айт", "қазақстан",
          "мемлекет", "қатысушы", "отырыс", "ми", "су", "ат", "диалог", "бюджет", "тұрғын"]
ENDINGS = sorted({f[len(lemma):] for lemma in ("ел", "мектеп", "бала", "жоба", "қала")
                  for f in noun_forms(lemma)}
                 | {f[len(lemma):] for lemma in ("өт", "қабылда", "бер")
                    for f in verb_forms(lemma)})
KAZAKH = "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіё"


def test_stem_of_every_form_of_many_lemmas_is_the_plain_stemmers() -> None:
    forms = {f for lemma in LEMMAS for f in (*noun_forms(lemma), *verb_forms(lemma))}
    forms |= PROTECT | S._S_STEMS | S._NOT_A_STEM | {w + "ь" for w in LEMMAS} | {"", "ь", "ъ"}
    assert {f: stem(f) for f in forms} == {f: plain_stem(f) for f in forms}


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=KAZAKH, min_size=1, max_size=9), st.sampled_from(ENDINGS),
       st.sampled_from(["", "", "ь", "сы", "ы", "і", "ны"]))
def test_stem_of_any_word_is_the_plain_stemmers(head: str, ending: str, tail: str) -> None:
    word = head + ending + tail
    assert stem(word) == plain_stem(word)


# ---- to_latin ----------------------------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=KAZAKH + "ӘҚЁ ə-1", max_size=12))
def test_to_latin_of_a_lower_case_word_is_the_general_paths(text: str) -> None:
    general = unicodedata.normalize(
        "NFC", latin._WORD.sub(latin._word, unicodedata.normalize("NFC", text)))
    assert latin.to_latin(text) == general


def general_fold(token: str) -> str:
    """latin_key.fold as written for any word: to_latin, the folds, the digraphs."""
    s = latin.to_latin(token.casefold())
    s = s.translate(latin_key._FOLD)
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
        s = s.translate(latin_key._FOLD)
    return latin_key._DIGRAPHS.sub(lambda m: latin_key._DIGRAPH_TO[m.group()], s)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=KAZAKH, max_size=12))
def test_the_fold_of_a_lower_case_word_is_the_general_ones(text: str) -> None:
    assert latin_key.fold(text) == general_fold(text)
    assert latin_key.fold("ие" + text) == general_fold("ие" + text)


# ---- expand ------------------------------------------------------------------------

@pytest.mark.parametrize("blur", [False, True])
@pytest.mark.parametrize("lemma", LEMMAS)
def test_one_decision_per_stem_is_one_per_form(lemma: str, blur: bool) -> None:
    for forms, verb in ((noun_forms(lemma), False), (verb_forms(lemma), True)):
        fast: tuple[set[str], set[str], set[str] | None] = (set(), set(), set() if blur else None)
        slow: tuple[set[str], set[str], set[str] | None] = (set(), set(), set() if blur else None)
        expand._ask_forms(sorted(forms), lemma, *fast, verb=verb)
        for form in sorted(forms):
            expand._ask(form, lemma, *slow, verb=verb)
        assert fast == slow


# ---- the highlighter ---------------------------------------------------------------

WORDS = ["кеңес", "кеңесі", "Кеңестің", "кенес", "отырыс", "отырысында", "өтті", "өтеді",
         "ел", "елімізде", "Қазақстан", "kazakhstan", "бюджет", "бюджетті", "қабылдады",
         "депутаттар", "COVID", "ұн", "от", "оттың", "сессиясында", "Қызыл", "Орда"]
TEXT = st.lists(st.sampled_from(WORDS + [",", ".", " ", "-", "_", "«", "»", "2024"]),
                max_size=30).map(" ".join)
QUERIES = ["кеңес", "kenes", "кенес", "өтті", "ел", "ұн", "от", "\"кеңес отырысы\"",
           "бюджет*", "депутат* кеңес", "Қызыл-Орда", "kazakhstan", "covid", "отыр*",
           "\"елімізде бюджет\"*", "қабылда", "сессия кеңес"]


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4), st.sampled_from(QUERIES))
def test_hits_by_raw_word_are_the_hits_by_token(texts: list[str], text: str) -> None:
    """One query over several texts (what it learnt of the words of one is kept for the
    next), and with the short roots' evidence an index gave it."""
    query = parse_query(text)
    query.fts_with(lambda term: len(term) % 2 == 0)
    groups = query.groups()
    for body in texts:
        expected = _span_hits(token_spans(body), groups, query.evidence, {})
        assert _hits(body, groups, query.evidence, query.seen, query.words) == expected
        assert _hits(body, groups) == _span_hits(token_spans(body), groups)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="абәқ ab_1-.,«»\n\t2x", max_size=40), st.integers(0, 30))
def test_the_offsets_of_plain_words_are_those_a_match_gives(text: str, count: int) -> None:
    words = normalize.plain_words(text)
    assert words is not None
    spans = [m.span() for m in normalize._PLAIN_WORD.finditer(text.replace("_", " "))]
    assert normalize.plain_offsets(text, words, count) == spans[:count]


# ---- rank --------------------------------------------------------------------------

def plain_ranked(conn: sqlite3.Connection, fts: str, join: str, where: str,
                 values: list[object], limit: int) -> list[tuple]:
    """Ranking as first written: all CANDIDATES newest matches read, then ordered."""
    newest = [rowid for rowid, in conn.execute(
        f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ?{where}"
        " ORDER BY fts.rowid DESC LIMIT ?", (fts, *values, rank.CANDIDATES))]
    if len(newest) < rank.CANDIDATES:
        return rank.ranked(conn, fts, join, where, values, limit)  # the bm25 branch as is
    titled = {rowid for rowid, in conn.execute(
        "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid >= ?",
        (f"{rank.TITLE}({fts})", newest[-1]))}
    order = [r for r in newest if r in titled] + [r for r in newest if r not in titled]
    docs = {row[0]: row[1:] for row in conn.execute("SELECT rowid, id, date, title FROM docs")}
    rows = [(*docs[r], -(rank.TITLE_SCORE if r in titled else rank.BODY_SCORE))
            for r in order if r in docs]
    return rows[:limit]


def _write(root: Path, rel: str, date: str, source: str, title: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} {title}\n{body}\nДереккөз: {source}\n", encoding="utf-8")


def test_a_common_querys_rows_are_those_of_ordering_every_candidate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "many"
    for i in range(40):
        title = "Бюджет кеңесі" if i % 3 == 0 else f"Мақала {i}"
        body = "бюджет қаралды" if i % 4 else "кеңес өтті"
        _write(root, f"{i:02}.txt", f"20{10 + i % 12}-01-01", ["a.kz", "b.kz"][i % 2], title,
               body)
    index = Index.open(root, tmp_path / "cache")
    index.update()
    for gone in ("39.txt", "36.txt", "30.txt", "11.txt"):
        (root / gone).unlink()
    index.update()  # their search rows stay, and match nothing
    filters = [Filters(), Filters(since=dt.date(2015, 1, 1)), Filters(source="b.kz"),
               Filters(until=dt.date(2016, 1, 1), source="a.kz")]
    for candidates in (2, 3, 5, 9, 20):
        monkeypatch.setattr(rank, "CANDIDATES", candidates)
        for text in ("бюджет", "кеңес", "бюджет кеңес", "мақала"):
            fts = parse_query(text).fts_with(index._holds, index._starting)
            for narrow in filters:
                where, values = _filter_sql(narrow)
                join = " JOIN docs AS d ON d.rowid = fts.rowid" if where else ""
                for limit in (1, 2, 4, 30):
                    assert rank.ranked(index._conn, fts, join, where, values, limit) == \
                        plain_ranked(index._conn, fts, join, where, values, limit)


# ---- Index -------------------------------------------------------------------------

def test_terms_looked_up_together_are_held_as_one_by_one(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    _write(root, "a.txt", "2024-01-01", "a.kz", "Кеңес отырысы", "Бюджет қаралды, ел өтті.")
    index = Index.open(root, tmp_path / "cache")
    index.update()
    query = parse_query("кеңестің бюджет kenes өтті ел")
    asked = query.asks()
    index._fresh_terms()
    alone = {term: index._holds(term) for term in asked}
    index._held.clear()
    index._look_up([*asked, "a\u0301", "", "ел"])
    assert {term: index._holds(term) for term in asked} == alone
    assert any(alone.values()) and not all(alone.values())


def test_a_prefix_the_index_has_no_word_for_is_left_out_and_the_rows_stay(
        tmp_path: Path) -> None:
    root = tmp_path / "archive"
    _write(root, "a.txt", "2024-01-01", "a.kz", "Қазақстан кеңесі", "Жауапкершілік артты.")
    _write(root, "b.txt", "2024-01-02", "a.kz", "Кеңес отырысы", "Қазақ тілі, kazak.")
    index = Index.open(root, tmp_path / "cache")
    index.update()
    index._fresh_terms()
    conn = index._conn
    for text in ("kazak*", "кенес*", "жауапк*", "konst*", "zzzq*", "қаза*", "отыр*",
                 "\"кеңес отыр\"*", "kenes*"):
        query = parse_query(text)
        listed = query.fts_with(index._holds, index._starting)
        plain = query.fts_with(index._holds)

        def rows(fts: str) -> set[int]:
            return {r for r, in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (fts,))}

        assert rows(listed) == rows(plain), text
    assert "кәзәк" not in parse_query("kazak*").fts_with(index._holds, index._starting)
