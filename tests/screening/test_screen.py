"""Screener over a tiny index: ranking, thresholds, filters, batch, index identity."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

_spec = importlib.util.spec_from_file_location(
    "match_entities", Path(__file__).resolve().parents[1] / "match" / "entities.py"
)
assert _spec is not None and _spec.loader is not None
E = importlib.util.module_from_spec(_spec)
sys.modules["match_entities"] = E
_spec.loader.exec_module(E)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(NameIndex.build(E.ALL, versions={"test": "1"}))


def test_screen_ranks_and_explains(screener: Screener) -> None:
    result = screener.screen(Query.create("Vladimir Putin"), limit=5)
    assert result.results[0].entity_id == "test:35096"
    assert result.results[0].match and result.results[0].caption == "PUTIN, Vladimir Vladimirovich"
    assert [h.entity_id for h in result.matches] == ["test:35096"]
    assert result.index == screener.index.identity and result.algorithm == "sanctio-v1"
    scores = [h.score for h in result.results]
    assert scores == sorted(scores, reverse=True)
    assert result.results[0].features[0].name == "name_match"


def test_schema_and_source_filters(screener: Screener) -> None:
    person = screener.screen(Query.create("Vladimir", schema="Person"))
    assert {h.schema for h in person.results} <= {"Person", "LegalEntity"}
    vessels = screener.screen(Query.create("Vladimir"), schemas=["Vessel"])
    assert [h.entity_id for h in vessels.results] == ["test:2"]
    assert not screener.screen(Query.create("Vladimir Putin"), sources=["ofac-sdn"]).results


def test_threshold_and_limit(screener: Screener) -> None:
    low = screener.screen(Query.create("Vladimir"), threshold=0.0, limit=2)
    assert len(low.results) == 2 and all(h.match for h in low.results)
    with pytest.raises(InputError):
        screener.screen(Query.create("x"), threshold=2.0)
    with pytest.raises(InputError):
        screener.screen(Query.create("x"), limit=0)


def test_cutoff_drops_weak_hits_but_never_matches(screener: Screener) -> None:
    query = Query.create("Vladimir Putin")
    loose = screener.screen(query, cutoff=0.0, threshold=0.7).results
    assert any(h.score < 0.5 for h in loose)  # near misses exist below the default cutoff
    default = screener.screen(query).results
    assert default and all(h.score >= 0.5 for h in default)
    assert {h.entity_id for h in default} == {h.entity_id for h in loose if h.score >= 0.5}
    strict = screener.screen(query, cutoff=0.95, threshold=0.7).results
    # The cutoff never hides a match: it is capped at the threshold.
    assert [h.entity_id for h in strict] == ["test:35096"]
    with pytest.raises(InputError, match="cutoff"):
        screener.screen(query, cutoff=-0.1)


def test_corp_alone_matches_nothing(screener: Screener) -> None:
    assert not screener.screen(Query.create("CORP")).matches


def test_screen_many_keeps_order(screener: Screener) -> None:
    queries = [Query.create(n) for n in ("SIS DOO", "ООО Ромашка", "Xi Jinping")]
    tops = [r.results[0].entity_id for r in screener.screen_many(queries)]
    assert tops == ["test:5", "test:6", "test:11"]


def test_unknown_algorithm(screener: Screener) -> None:
    with pytest.raises(InputError):
        Screener(screener.index, algorithm="nope")


def test_screen_many_on_two_worker_processes_equals_inline(screener: Screener) -> None:
    names = ["SIS DOO", "ООО Ромашка", "Xi Jinping", "Vladimir Putin", "George Bush"] * 7
    queries = [Query.create(n) for n in names]
    inline = [r.results for r in screener.screen_many(queries)]
    forked = [r.results for r in screener.screen_many(queries, workers=2, chunk=4)]
    assert forked == inline
    assert [r.query for r in screener.screen_many(queries, workers=2, chunk=4)] == queries


def test_a_result_does_not_depend_on_the_queries_screened_before() -> None:
    # "hdayt" is a Latin customer's word and the romanisation of هدایت: looked up from
    # Arabic script it also reaches HIDAYAT. The index's per-word postings cache must
    # keep the two lookups apart, or the Latin query's answer depends on history.
    entities = [E.make("1", "Person", "HIDAYAT"), E.make("2", "Person", "HDAYT, Arun")]

    def screener() -> Screener:
        return Screener(NameIndex.build(entities, versions={"test": "1"}))

    arabic = Query.create("هدایت", schema="Person")
    fresh = screener().screen(arabic, threshold=0.0)
    warm = screener()
    warm.screen(Query.create("Hdayt", schema="Person"), threshold=0.0)
    again = warm.screen(arabic, threshold=0.0)
    assert "test:1" in [h.entity_id for h in fresh.results]  # HIDAYAT, through its consonants
    assert [(h.entity_id, h.score) for h in again.results] == [
        (h.entity_id, h.score) for h in fresh.results
    ]


def test_an_entity_ranked_by_a_name_that_cannot_pair_is_scored_on_its_others() -> None:
    # NALU alone is an acronym that 나루 ("Naru") romanised to nalu cannot spell; the
    # entity's longer name can pair, and the screener finds what the score says.
    listed = Entity("test:nalu", "Organization", {"name": ("NALU", "NALU ABALONE MUSSELS")})
    others = [
        Entity(f"test:o{i}", "Company", {"name": (name,)})
        for i, name in enumerate(("ABALONE TRADING", "MUSSELS LLC", "NALUKA BANK"))
    ]
    screener = Screener(NameIndex.build([listed, *others]))
    query = Query.create("나루", schema="Organization")
    hits = screener.screen(query, threshold=0.0, cutoff=0.0).results
    assert [h.entity_id for h in hits] == ["test:nalu"]
    assert hits[0].score > 0.5 and "nalu~nalu" in hits[0].features[0].detail


def test_a_person_query_meets_listed_organisations_only_as_a_legal_entity() -> None:
    trading = E.make("30", "LegalEntity", "ADAM TRADING AND INVESTMENT LLC")
    adam = E.make("31", "Person", "SMITH, Adam")
    screener = Screener(NameIndex.build([trading, adam], versions={"test": "1"}))
    person = screener.screen(Query.create("Adam", schema="Person"), cutoff=0.0)
    assert [h.entity_id for h in person.results] == ["test:31"]
    unknown = screener.screen(Query.create("Adam", schema="LegalEntity"), cutoff=0.0)
    assert {h.entity_id for h in unknown.results} == {"test:30", "test:31"}
    # The caller's schema filter reads the entity's own schema, as the results show it.
    legal = screener.screen(Query.create("Adam Trading"), schemas=["LegalEntity"], cutoff=0.0)
    assert [(h.entity_id, h.schema) for h in legal.results] == [("test:30", "LegalEntity")]


def test_an_exact_weak_alias_alerts_only_when_its_words_are_rare() -> None:
    common = [
        E.make(str(100 + i), "Person", f"{family}, {given}")
        for i, (family, given) in enumerate(
            (f, g)
            for f in ("MOHAMMED", "ALI", "HASSAN", "AHMED")
            for g in ("Ali", "Mohammed", "Omar", "Yusuf", "Karim")
        )
    ]
    kony = E.make("17", "Person", "KONY, Joseph", weakAlias="MOHAMMED, Ali")
    de_vera = E.make("50", "Person", "DE VERA, Pio Abogne", weakAlias=["Tito ART", "MANEX"])
    screener = Screener(NameIndex.build([*common, kony, de_vera], versions={"test": "1"}))

    def weak(name: str, entity_id: str) -> tuple[float, bool]:
        hits = screener.screen(Query.create(name), threshold=0.7, limit=30, cutoff=0.0).results
        hit = next(h for h in hits if h.entity_id == entity_id)
        feature = next(f for f in hit.features if f.name == "weak_alias_match")
        return feature.effect, hit.match

    assert weak("Tito Art", "test:50") == (0.8, True)  # two rare words
    assert weak("Manex", "test:50") == (0.65, False)  # one word
    assert weak("Ali Mohammed", "test:17") == (0.65, False)  # common words


def test_a_weak_alias_with_a_particle_is_telling_when_its_glued_form_is() -> None:
    # "Abu" is common, so "abu ayyad al tunisi" is no telling name; its glued form
    # "abuayyad altunisi" is (two rare words), and the query's glued form must meet it
    # although neither glued word is a listed name's word.
    common = [E.make(str(100 + i), "Person", f"ABU {g}, Ahmad") for i, g in enumerate("ABCDEFGH")]
    tunisi = E.make("60", "Person", "BEN HASSINE, Seifallah", weakAlias="Abu Ayyad AL-TUNISI")
    screener = Screener(NameIndex.build([*common, tunisi], versions={"test": "1"}))
    hits = screener.screen(Query.create("Abu Ayyad al-Tunisi"), limit=30, cutoff=0.0).results
    hit = next(h for h in hits if h.entity_id == "test:60")
    assert (hit.score, hit.match) == (0.8, True)
