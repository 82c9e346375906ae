from __future__ import annotations

from sanctio.screening.text.tokens import tokenize


def test_words_keep_their_vowel_signs_and_apostrophes() -> None:
    tokens, count = tokenize("Payment to कौल शुक्ला, O'Brien's and مُحَمَّد علي")
    assert [t.raw for t in tokens] == [
        "Payment", "to", "कौल", "शुक्ला", "O'Brien's", "and", "مُحَمَّد", "علي"
    ]  # fmt: skip
    assert count == 8
    forms = {t.raw: t.forms for t in tokens}
    assert forms["कौल"] == ("kaula",)
    assert forms["مُحَمَّد"] == ("mhmd",)  # the points are readings lists leave unwritten
