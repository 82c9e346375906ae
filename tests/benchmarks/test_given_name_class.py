"""The benchmark's given-name class: spellings a list states for one person in its aliases."""

from __future__ import annotations

import random

from quality.given_names import spelling_families, swap_given_name
from sanctio.model import Entity, EntityBuilder


def _person(native: str, *names: str) -> Entity:
    b = EntityBuilder("test", native, "Person")
    b.add("name", names[0])
    b.add("alias", *names[1:])
    return b.build()


def test_families_need_three_persons_and_shared_letters() -> None:
    people = [
        _person(str(i), f"Sergei {surname}", f"Serhii {surname}", f"Omar {surname}")
        for i, surname in enumerate(("IVANOV", "PETROV", "SIDOROV"))
    ]
    families = spelling_families(people)
    assert families["sergei"] == {"serhii"} and families["serhii"] == {"sergei"}
    assert "omar" not in families  # no letters in common with sergei / serhii
    assert spelling_families(people[:2]) == {}  # stated by two persons only


def test_swap_writes_a_spelling_the_target_does_not_hold() -> None:
    families = {"sergei": {"serhii", "sergey"}}
    rng = random.Random(1)
    out = swap_given_name("IVANOV, Sergei", families, {"ivanov", "sergey"}, rng)
    assert out == "IVANOV, Serhii"
    assert swap_given_name("IVANOV, Sergei", families, {"serhii", "sergey"}, rng) is None
