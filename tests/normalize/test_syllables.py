"""Mandarin syllables: two different ones are two names, not a typo."""

from __future__ import annotations

import icu

from sanctio.match.tokens import token_similarity
from sanctio.normalize.syllables import both_syllables, pinyin_syllables


def test_the_frozen_syllables_are_icus_readings_of_chinese_characters() -> None:
    table = pinyin_syllables()
    assert 380 <= len(table) <= 450
    han = icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")
    for ch in "张章庄郑杨洪宋冰京习近平刘宝霞":
        assert han.transliterate(ch).lower() in table, ch


def test_two_syllables_meet_only_as_written_or_on_their_tolerant_keys() -> None:
    assert both_syllables("bing", "jing") and not both_syllables("bing", "bingo")
    assert token_similarity("bing", "jing") == 0.0  # 宋兵 is not SONG Jing
    assert token_similarity("zhang", "zhuang") == 0.0
    assert token_similarity("zhang", "zheng") == 0.0
    assert token_similarity("zhang", "zhang") == 1.0
    # a typo that is no syllable still pairs, and so do other names
    assert token_similarity("zhnag", "zhang") > 0.7
    assert token_similarity("mikhail", "mihail") > 0.9
