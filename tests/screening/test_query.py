"""Query validation: bad input raises InputError naming the field and what was expected."""

from __future__ import annotations

import pytest

from sanctio.exceptions import InputError
from sanctio.model import PartialDate
from sanctio.screening.query import Query


def test_valid_query_is_normalised() -> None:
    q = Query.create(
        "  Vladimir   Putin ",
        schema="Person",
        birth_dates=["1952-10-07", "1952"],
        nationalities=["Russia", "RU"],
        id_numbers=["AB 123"],
    )
    assert q.names == ("Vladimir Putin",)
    assert q.birth_dates == (PartialDate(1952, 10, 7), PartialDate(1952))
    assert q.nationalities == ("ru", "ru")
    assert Query.create("x", schema="Thing").schema is None
    assert Query.create(["A", "Б"]).names == ("A", "Б")


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"names": ""}, "name", "empty"),
        ({"names": "   \u00a0 "}, "name", "empty"),
        ({"names": "!!! ---"}, "name", "no letters"),
        ({"names": "x" * 10_000}, "name", "too long"),
        ({"names": "Putin\x00"}, "name", "control"),
        ({"names": []}, "name", "at least one"),
        ({"names": "Putin", "schema": "Human"}, "schema", "unknown schema"),
        ({"names": "Putin", "birth_dates": ["07/10/1952"]}, "birth_date", "YYYY"),
        ({"names": "Putin", "birth_dates": ["1952-13-01"]}, "birth_date", "YYYY"),
        ({"names": "Putin", "nationalities": ["Atlantis"]}, "nationality", "unknown country"),
    ],
)
def test_bad_input_is_rejected_clearly(
    kwargs: dict[str, object], field: str, fragment: str
) -> None:
    names = kwargs.pop("names")
    with pytest.raises(InputError) as err:
        Query.create(names, **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field
    assert fragment in err.value.message
