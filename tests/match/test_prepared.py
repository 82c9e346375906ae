"""Name forms the matcher prepares from a name (match.prepared)."""

from __future__ import annotations

from sanctio.match.prepared import compound_given


def test_a_compound_given_name_is_joined_for_names_of_three_words() -> None:
    assert compound_given(("ely", "asghr", "nwrwzy")) == ("elyasghr", "nwrwzy")
    assert compound_given(("ely", "asghr")) is None  # two words: a given and a family name
    # particles and the article do not start a compound (they glue: prepared._glued)
    assert compound_given(("ebd", "al", "rhmn")) is None
    assert compound_given(("mwsy", "bn", "emr")) is None


def test_only_words_written_in_arabic_script_are_read_as_skeletons() -> None:
    from sanctio.match.query import abjad_tokens
    from sanctio.screening.query import Query

    # "Sons" is a Latin spelling: looked up by its consonants it met LLC SONIS
    assert abjad_tokens(Query.create("هذيل and Sons", schema="Company")) == {"hdhyl"}
    person = abjad_tokens(Query.create("علی اصغر نوروزی", schema="Person"))
    assert {"ely", "asghr", "nwrwzy", "elyasghr"} <= person  # with the compound form
