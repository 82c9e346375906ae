"""Generic words of organisation names (rigour's DOMAIN and SYMBOL symbols, frozen)."""

from __future__ import annotations

from sanctio.normalize.org_words import is_org_word


def test_generic_words_in_english_and_russian_transliteration() -> None:
    for word in ("plant", "bureau", "research", "institute", "federal", "enterprise", "bank"):
        assert is_org_word(word), word
    # Cyrillic words rigour knows, in the romanisations sanctio gives them.
    for word in ("zavod", "byuro", "issledovatelskiy", "gosudarstvennoe", "predpriyatie"):
        assert is_org_word(word), word


def test_other_spellings_are_found_by_their_tolerant_key() -> None:
    assert is_org_word("issledovatelsky")  # OFAC's spelling of issledovatelskiy


def test_distinctive_words_and_named_bodies_are_not_generic() -> None:
    for word in ("votkinsk", "lazurit", "mellat", "sberbank", "hizballah", "qaida", "the"):
        assert not is_org_word(word), word
