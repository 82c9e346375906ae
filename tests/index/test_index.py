"""NameIndex: build, identity, lookup, candidate retrieval against the exhaustive oracle."""

from __future__ import annotations

import gc
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sanctio.index import NameIndex
from sanctio.index.vocabulary import Vocabulary
from sanctio.match.tokens import ORG_SYNONYM
from sanctio.normalize import NORMALIZER_VERSION
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


HERE = Path(__file__).resolve().parent
E = _load("match_entities", HERE.parent / "match" / "entities.py")
X = _load("index_exhaustive", HERE / "exhaustive.py")


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(E.ALL, versions={"test": "2024-01-01", "other": "v2"})


def test_build_identity_and_lookup(index: NameIndex) -> None:
    assert len(index) == len(E.ALL)
    assert index.identity == f"other@v2+test@2024-01-01/{NORMALIZER_VERSION}"
    assert index.entity("test:35096") is E.PUTIN
    assert "test:35096" in index and "test:nope" not in index
    with pytest.raises(KeyError):
        index.entity("test:nope")


def test_vocabulary_lookup_equals_exhaustive(index: NameIndex) -> None:
    vocab = index.vocabulary
    for token in ("lukashenko", "aleksandr", "putn", "vladimer", "sis", "2", "gazprom", "v"):
        assert vocab.similar(token) == vocab.similar_exhaustive(token), token


def test_generic_words_in_two_languages_are_found_as_token_similarity_finds_them() -> None:
    words = ["zavod", "plant", "kombinat", "energiya", "power", "powers", "bureau", "byuro"]
    vocab = Vocabulary([*words, "arsenal", "votkinskiy", "plants"])
    for token in [*words, "zavody", "buro", "factory", "arsenal"]:
        assert vocab.similar(token) == vocab.similar_exhaustive(token), token
    assert vocab.similar("zavod")["plant"] == ORG_SYNONYM


def test_identifier_and_weak_alias_lookup(index: NameIndex) -> None:
    screener = Screener(index)
    hits = screener.screen(Query.create("Some Vessel", id_numbers=["IMO9187629"])).results
    assert hits[0].entity_id == "test:7" and hits[0].match
    weak = screener.screen(Query.create("the director")).results
    assert weak[0].entity_id == "test:10"


def test_candidates_recall_against_exhaustive(index: NameIndex) -> None:
    screener = Screener(index)
    queries = [
        Query.create(n)
        for n in (
            "Vladimir Putin",
            "Лукашенко Александр",
            "SIS 2",
            "John Smith",
            "Gazprom",
            "Xi Jinping",
            "Usama bin Ladin",
            "Romashka",
        )
    ]
    hits = [
        {h.entity_id for h in screener.screen(q, limit=10, cutoff=0.3).results} for q in queries
    ]
    assert X.recall(index, hits, queries, floor=0.3) == 1.0


def test_vocabulary_lookup_equals_exhaustive_on_real_names_and_typos(lists_dir: Path) -> None:
    """Every listed token similar to a probe is found, for probes that are listed tokens
    with one edit (drop, swap, double, substitute): the deletion index loses nothing."""
    import random

    from sanctio.index.vocabulary import Vocabulary
    from sanctio.match.prepared import name_forms
    from sanctio.match.schemas import name_kind
    from sanctio.sources.registry import read_all

    parsed = read_all([lists_dir / "un-sc" / "2026-02-27"])
    entities = [e for p in parsed for e in p.entities]
    tokens = {
        t
        for e in entities
        for _, form, _ in name_forms(e.names(), name_kind(e.schema))
        for t in form
    }
    vocab = Vocabulary(tokens)
    rng = random.Random(3)
    probes = ["harrah", "harrach", "bekkay"]
    for token in rng.sample(sorted(t for t in tokens if len(t) >= 4 and t.isalpha()), 150):
        i = rng.randrange(len(token) - 1)
        edit = rng.randrange(4)
        if edit == 0:
            probes.append(token[:i] + token[i + 1 :])
        elif edit == 1:
            probes.append(token[:i] + token[i + 1] + token[i] + token[i + 2 :])
        elif edit == 2:
            probes.append(token[:i] + token[i] + token[i:])
        else:
            probes.append(token[:i] + "h" + token[i + 1 :])
    assert len(vocab) > 2000
    for probe in probes:
        assert vocab.similar(probe) == vocab.similar_exhaustive(probe), probe


@pytest.mark.parametrize("enabled", [True, False])
def test_build_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        NameIndex.build(E.ALL[:3])
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_abjad_lookup_equals_exhaustive_on_real_names(lists_dir: Path) -> None:
    """Arabic-script words romanised find every listed Latin token the consonant rule
    allows (Vocabulary.similar_abjad against a comparison with every listed token)."""
    from sanctio.index.vocabulary import Vocabulary
    from sanctio.match.prepared import name_forms
    from sanctio.match.schemas import name_kind
    from sanctio.normalize.abjad import is_abjad
    from sanctio.sources.registry import read_all

    parsed = read_all([lists_dir / "un-sc" / "2026-02-27"])
    entities = [e for p in parsed for e in p.entities]
    tokens: set[str] = set()
    probes: set[str] = set()
    for e in entities:
        for text in e.names():
            for _, form, _ in name_forms([text], name_kind(e.schema)):
                (probes if is_abjad(text) else tokens).update(form)
    vocab = Vocabulary(tokens)
    assert len(probes) > 200
    found = 0
    for probe in sorted(probes)[:300]:
        got = vocab.similar_abjad(probe)
        assert got == vocab.similar_exhaustive(probe, abjad=True), probe
        found += bool(got)
    assert found > 150  # most romanised Arabic words meet some Latin spelling
