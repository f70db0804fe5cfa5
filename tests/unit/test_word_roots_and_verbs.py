"""Through a real index: two-letter roots found on the index's own evidence (ұн, от, ас),
verb stems that voice (тап: табады) or end in й (азай: азаяды, азаю), loans with a halved
double letter (процесс: процесі) or a loan's і (офиси: офисі), prefixes typed without
Kazakh letters, and the words that must stay apart (газ/газет, жет/жеті, тері/теріс)."""

from __future__ import annotations

import pytest
from support.archive import found_words, word_archive_index

from reader.search.index import Index
from reader.search.query import parse_query

# One article per word form, named by it; forms as published reports write them
# (kaz.zakon.kz ұнның, ұнмен; ktk.kz қымбаттады; taulik.kz қымбаттаған, ұнынан).
FORMS = " ".join([
    "ұн ұнның ұннан ұнды ұны ұнмен ем емі емге емді от оты отқа оттың ас асы асқа астың",
    "ми мидың миы оң оңға үн үні үннің",
    # words of their own that look like forms of a two-letter root, with forms of theirs
    "орда ордасы ордаға отын отынның отынға онда",
    "тап табады табылды табу тапты тапқан азай азайды азайған азаяды азаю азайып",
    "қымбат қымбаттады қымбаттайды қымбаттаған",
    "газ газы газет газеті жет жетті жетеді жеті тері теріс терісі",
    "оқу оқыды оқып оқиғалар оқиға",
    "мұғалім мұғалімге мұғалімдер мұғалімдері процесс процесі процесте",
    "офис офиске офистер офисі кадр кадрлар кадрларға",
    "нан нанға фермер фермерге завод заводқа",
]).split()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return word_archive_index(tmp_path_factory.mktemp("roots"), FORMS)


found = found_words


UN = {"ұн", "ұнның", "ұннан", "ұнды", "ұны", "ұнмен"}
OT = {"от", "оты", "отқа", "оттың"}
AS = {"ас", "асы", "асқа", "астың"}
EM = {"ем", "емі", "емге", "емді"}
UN_VOICE = {"үн", "үні", "үннің"}
TAP = {"тап", "табады", "табылды", "табу", "тапты", "тапқан"}
AZAI = {"азайды", "азайған", "азаяды", "азаю", "азайып"}
PROCESS = {"процесс", "процесі", "процесте"}
OFIS = {"офис", "офиске", "офистер", "офисі"}


@pytest.mark.parametrize(("query", "forms"), [
    ("ұн", UN), ("ұнның", UN), ("ұны", UN), ("от", OT), ("оттың", OT), ("ас", AS),
    ("асы", AS), ("ем", EM), ("емге", EM), ("үн", UN_VOICE), ("үннің", UN_VOICE),
    ("оң", {"оң", "оңға"}), ("оңға", {"оң", "оңға"}), ("ми", {"ми", "мидың", "миы"}),
    ("мидың", {"ми", "мидың", "миы"}), ("уннын", {"ұн", "ұнның"}), ("unnyń", {"ұн", "ұнның"}),
    ("тап", TAP), ("табу", TAP), ("табады", TAP), ("тапқан", TAP), ("tabu", TAP),
    ("азаю", AZAI), ("азаяды", AZAI), ("азайды", AZAI), ("azaıdy", AZAI),
    ("қымбаттады", {"қымбаттады", "қымбаттайды", "қымбаттаған"}),
    ("процесі", PROCESS), ("процеси", PROCESS), ("protsesi", PROCESS),
    ("офиси", OFIS), ("ofisi", OFIS), ("офисі", OFIS),
    ("мугалимд*", {"мұғалімдер", "мұғалімдері"}), ("mugalimd*", {"мұғалімдер", "мұғалімдері"}),
    ("prosesı*", {"процесі"}), ("protsesi*", {"процесі"}),
])
def test_every_form_is_found(index: Index, query: str, forms: set[str]) -> None:
    hits = set(found(index, query))
    assert forms <= hits, sorted(forms - hits)


@pytest.mark.parametrize(("query", "other"), [
    ("от", "отын"), ("от", "отынның"), ("отын", "от"), ("ор", "орда"), ("орда", "ор"),
    ("он", "онда"), ("газ", "газет"), ("газ", "газеті"), ("gaz", "газет"), ("жет", "жеті"),
    ("жеті", "жет"), ("zheti", "жетті"), ("тері", "теріс"), ("оқу", "оқиғалар"),
    ("oqu", "оқиғалар"), ("okyp", "оқиғалар"), ("оқыды", "оқиғалар"),
    ("қымбаттады", "қымбат"), ("қымбаттайды", "қымбат"), ("ұн", "үн"),
])
def test_different_words_stay_apart(index: Index, query: str, other: str) -> None:
    assert other not in found(index, query)


@pytest.mark.parametrize("query", ["ұнның", "оттың", "асы", "кадрлар", "офиске", "табады",
                                   "азаяды", "процесі", "мұғалім", "нан", "фермер", "завод"])
def test_the_typed_form_ranks_first(index: Index, query: str) -> None:
    """A bare noun above its dative too: a participle's form cut inside its ending
    (мұғалімгені, stemmed мұғалімге) is not asked for as the dative written."""
    assert found(index, query)[0] == query


def test_a_two_letter_root_needs_the_index_to_hold_it() -> None:
    """Without an index (the library search) ұнның is ұнның alone: a root of two letters
    is let in only on the index's evidence."""
    query = parse_query("ұнның")
    assert "ұн" not in query.terms[0].stem_set
    assert query.fts_with(lambda term: term in {"ұн", "ұнның", "ұнға"}).count('"ұн"') == 1
    assert '"ұн"' not in query.fts_with(lambda term: term in {"ұнның", "ұнға"})
