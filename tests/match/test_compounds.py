"""Query forms for words written joined in one list and split in another."""

from __future__ import annotations

from sanctio.match.compounds import compound_forms, compound_given, persian_compound_forms
from sanctio.match.prepared import Form

LISTED = frozenset({"namsan", "nam", "san", "chongchongang", "shipping", "sm", "ith", "ros"})


def _forms(*tokens: str) -> list[Form]:
    return [(" ".join(tokens), tokens, ())]


def test_adjacent_words_join_into_a_listed_word() -> None:
    got = {f[1] for f in compound_forms(_forms("nam", "san", "8"), LISTED.__contains__)}
    assert ("namsan", "8") in got
    got = {f[1] for f in compound_forms(_forms("chong", "chon", "gang"), LISTED.__contains__)}
    assert got == {("chongchongang",)}


def test_a_word_splits_into_two_listed_syllables() -> None:
    listed = (LISTED - {"namsan"}).__contains__
    assert {f[1] for f in compound_forms(_forms("namsan", "8"), listed)} == {("nam", "san", "8")}


def test_no_form_for_listed_words_stray_letters_or_long_halves() -> None:
    assert compound_forms(_forms("namsan"), LISTED.__contains__) == []  # listed as written
    assert compound_forms(_forms("smith"), LISTED.__contains__) == []  # sm + ith: too short
    long = (LISTED | {"shipp", "ing"}).__contains__
    assert compound_forms(_forms("shipping"), long) == []  # listed as written
    assert compound_forms(_forms("rosnefts"), LISTED.__contains__) == []  # nefts: too long
    # A single letter is an initial or a piece of an abbreviation (RT S.Coop.), never
    # part of a joined word.
    listed = (LISTED | {"rts"}).__contains__
    assert compound_forms(_forms("finanzas", "rt", "s", "coop"), listed) == []


def test_a_persian_compound_given_name_is_joined_for_names_of_three_words() -> None:
    assert compound_given(("ely", "asghr", "nwrwzy")) == ("elyasghr", "nwrwzy")
    assert compound_given(("ely", "asghr")) is None  # two words: a given and a family name
    # particles and the article do not start a compound (they glue: prepared._glued)
    assert compound_given(("ebd", "al", "rhmn")) is None
    assert compound_given(("mwsy", "bn", "emr")) is None


def test_a_persons_words_join_but_never_split_nor_as_syllables() -> None:
    listed = frozenset({"aghajani", "salehnejad", "rason", "namsan", "nam", "san"}).__contains__
    got = {f[1] for f in compound_forms(_forms("said", "agha", "jani"), listed, person=True)}
    assert got == {("said", "aghajani")}
    assert compound_forms(_forms("saleh", "nejad"), listed, person=True)[0][1] == ("salehnejad",)
    # Korean and Chinese syllables keep their own rules: Ra Son is not RASON
    assert compound_forms(_forms("ra", "son"), listed, person=True) == []
    assert compound_forms(_forms("namsan", "kim"), listed, person=True) == []  # no split


def test_an_arabic_script_organisation_name_is_tried_with_each_pair_of_words_joined() -> None:
    forms: list[Form] = [("موتر سازی الوند llc", ("mwtr", "sazy", "al", "wnd", "llc"), ())]
    got = {joined: f[1] for f, joined in persian_compound_forms(forms)}
    # Particles, the article and legal forms join nothing.
    assert got == {"mwtrsazy": ("mwtrsazy", "al", "wnd", "llc")}
    # Latin names and names of many words get none.
    assert persian_compound_forms(_forms("motor", "sazi")) == []
    many = tuple(f"w{chr(97 + i)}" for i in range(9))
    long_name: list[Form] = [("موتر " + " ".join(many), many, ())]
    assert persian_compound_forms(long_name) == []
