"""Words mixing Latin and Cyrillic look-alike letters are written in one script."""

from __future__ import annotations

from sanctio.normalize import analyze_name, fold
from sanctio.normalize.confusables import unmix_scripts


def test_a_latin_letter_in_a_cyrillic_word_becomes_cyrillic() -> None:
    mixed = "C\u0435\u0440\u0433\u0456\u0439"  # Latin C, then Cyrillic ергій
    assert unmix_scripts(mixed) == "\u0421\u0435\u0440\u0433\u0456\u0439"  # Сергій
    assert unmix_scripts("АКСЬOНОВ") == "АКСЬОНОВ"  # a Latin O
    assert unmix_scripts("Сергій-Hовак") == "Сергій-Новак"


def test_a_cyrillic_letter_in_a_latin_word_becomes_latin() -> None:
    assert unmix_scripts("Vlаdimir Putin") == "Vladimir Putin"  # a Cyrillic а
    assert unmix_scripts("P\u0410TRUSHEV").isascii()  # a Cyrillic А


def test_words_of_one_script_and_letters_without_look_alike_stay() -> None:
    for text in ("Vladimir Putin", "Путин Владимир", "Путин Vladimir", "O'Brien"):
        assert unmix_scripts(text) == text
    assert unmix_scripts("PUTИN") == "PUTИN"  # И looks like no Latin letter


def test_a_mixed_name_reads_as_its_script() -> None:
    mixed = "C\u0435\u0440\u0433\u0456\u0439 АКСЬOНОВ"
    assert analyze_name(mixed, "person") == analyze_name("Сергій АКСЬОНОВ", "person")
    assert fold("Vlаdimir").isascii()
