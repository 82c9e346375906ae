"""Query rewrites and cross-list linking helpers on tiny inputs."""

from __future__ import annotations

import random

from rapidfuzz.distance import Levenshtein

from quality.linking import Link, clusters, gendered_variants, id_keys, kind, shared_tokens
from quality.variants import drop_middle, has_non_latin, is_latin, reorder, swap_legal_form, typo


def test_typo_makes_small_edits_only() -> None:
    rng = random.Random(3)
    for _ in range(50):
        out = typo("Aliaksandr LUKASHENKA", rng, 2)
        assert 1 <= Levenshtein.distance(out.lower(), "aliaksandr lukashenka") <= 4
    assert typo("AL BO", random.Random(1)) == "AL BO"  # no word long enough


def test_reorder_and_drop_middle() -> None:
    assert reorder("LUKASHENKA, Aliaksandr Ryhoravich") == "Aliaksandr Ryhoravich LUKASHENKA"
    assert reorder("Vladimir PUTIN") == "PUTIN Vladimir"
    assert reorder("PUTIN") is None
    assert drop_middle("PUTIN, Vladimir Vladimirovich") == "PUTIN, Vladimir"
    assert drop_middle("Vladimir Vladimirovich PUTIN") == "Vladimir PUTIN"
    assert drop_middle("Vladimir PUTIN") is None


def test_legal_form_swap() -> None:
    rng = random.Random(0)
    outs = {swap_legal_form("GAZPROM VNIIGAZ, OOO", rng) for _ in range(40)}
    assert outs <= {
        "GAZPROM VNIIGAZ, LLC",
        "GAZPROM VNIIGAZ, LIMITED LIABILITY COMPANY",
        "GAZPROM VNIIGAZ, L.L.C.",
        "GAZPROM VNIIGAZ",
    }
    assert len(outs) >= 3
    assert swap_legal_form("HAMAS", rng) is None


def test_scripts() -> None:
    assert is_latin("Aleksandr Lukashenko-Ølsen")
    assert not is_latin("Лукашенко")
    assert has_non_latin("ЛУКАШЕНКО Александр")
    assert not has_non_latin("“General” Sidiki")


def test_id_keys() -> None:
    assert id_keys("CAR diplomatic passport no. D00000898") >= {"D00000898"}
    assert "OB0243318" in id_keys("OB 0243318")
    assert id_keys("12") == set()


def test_shared_tokens_ignores_patronymics_and_counts_rare() -> None:
    a = {"aleksandr", "yurievich", "timofeev"}
    b = {"vladislav", "yurievich", "surkov"}
    assert shared_tokens(a, b, frozenset({"timofeev", "surkov"})) == (0, 0)
    c = {"lukashenka", "aliaksandr"}
    d = {"lukashenko", "alexander", "aliaksandr"}
    assert shared_tokens(c, d, frozenset({"lukashenka"})) == (2, 1)


def test_gendered_surnames_and_kinds() -> None:
    assert gendered_variants({"pavel", "gubarev"}, {"ekaterina", "gubareva"})
    assert not gendered_variants({"ivan", "petrov"}, {"ivan", "petrov"})
    assert kind("Person") == "person" and kind("Company") == "org" and kind("Vessel") == "vessel"


def test_clusters_join_transitively() -> None:
    links = [
        Link("a:1", "b:1", "r", "x"),
        Link("b:1", "c:1", "r", "y"),
        Link("d:1", "e:1", "r", "z"),
    ]
    groups = clusters(links)
    assert groups["a:1"] == frozenset({"a:1", "b:1", "c:1"})
    assert groups["e:1"] == frozenset({"d:1", "e:1"})
