"""What the matcher reads from a query (match.query)."""

from __future__ import annotations

from sanctio.match.query import abjad_tokens
from sanctio.screening.query import Query


def test_only_words_written_in_arabic_script_are_read_as_skeletons() -> None:
    # "Sons" is a Latin spelling: looked up by its consonants it met LLC SONIS
    assert abjad_tokens(Query.create("هذيل and Sons", schema="Company")) == {"hdhyl"}
    person = abjad_tokens(Query.create("علی اصغر نوروزی", schema="Person"))
    assert {"ely", "asghr", "nwrwzy", "elyasghr"} <= person  # with the compound form
