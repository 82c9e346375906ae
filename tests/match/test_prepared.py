"""Forms of list and query names: glued particles; prepared names cross processes."""

from __future__ import annotations

import pickle
from collections import Counter

from tests.match.entities import LUKASHENKA

from sanctio.match.prepared import Weights, name_forms, nasab_flags, prepare_entity


def _tokens(name: str) -> list[tuple[str, ...]]:
    return [tokens for _, tokens, _ in name_forms([name], "person")]


def test_son_of_glues_in_a_second_form_beside_the_article() -> None:
    forms = _tokens("Moussa Ben Amor Bin Ali al Saadi")
    assert forms[0] == ("moussa", "ben", "amor", "bin", "ali", "al", "saadi")
    # the article glues alone, and "son of" (bin, ibn, بن, ابن) glues in a form of its own
    assert ("moussa", "ben", "amor", "bin", "ali", "alsaadi") in forms
    assert ("moussa", "ben", "amor", "binali", "alsaadi") in forms
    assert ("rmzy", "bnalshybh") in _tokens("رمزي بن الشيبة")


def test_an_arabic_script_names_last_article_also_stands_apart_in_its_glued_forms() -> None:
    forms = _tokens("نور الدين بن علي بن بلقاسم الدريسي")
    assert ("nwraldyn", "bn", "ely", "bn", "blqasm", "aldrysy") in forms
    assert ("nwraldyn", "bn", "ely", "bn", "blqasm", "al", "drysy") in forms
    # the first word's article stays glued (الحسن, al-Hasan), and Latin names are untouched
    assert ("alhsn", "myar", "al", "ewadh") in _tokens("الحسن ميار آل عواض")
    assert ("moussa", "alsaadi") in _tokens("Moussa al Saadi")
    assert len(_tokens("Moussa al Saadi")) == 2


def test_no_glued_form_without_a_particle_or_for_objects() -> None:
    assert _tokens("Vladimir Putin") == [("vladimir", "putin")]
    assert [t for _, t, _ in name_forms(["Abu Dhabi Star"], "object")] == [("abu", "dhabi", "star")]


def test_nasab_words_sit_between_the_first_and_the_last_distinctive_word() -> None:
    assert nasab_flags((True, True, True, True, True)) == (False, True, True, True, False)
    assert nasab_flags((False, True, True, False, True)) == (False, False, True, False, False)
    assert nasab_flags((True, True)) == (False, False)


def test_weights_and_prepared_entities_survive_pickling() -> None:
    # Spark ships them to its workers; compiled (mypyc) they pickle through __reduce__.
    weights = Weights(Counter({"lukashenka": 2, "un": 40, "alyaksandr": 3}), 50)
    back = pickle.loads(pickle.dumps(weights))
    for token in ("lukashenka", "un", "never-listed"):
        assert back.get(token) == weights.get(token)
        assert back.person(token) == weights.person(token)
    assert back.known("un") and not back.known("never-listed")
    prepared = prepare_entity(LUKASHENKA, weights)
    again = pickle.loads(pickle.dumps(prepared))
    assert again == prepared
    assert again.names[0].positions == prepared.names[0].positions
