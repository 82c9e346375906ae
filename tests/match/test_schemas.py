"""Which list entities a query schema meets: compatibility and the schema matched as."""

from __future__ import annotations

from tests.match.entities import make

from sanctio.match import compare
from sanctio.match.prepared import prepare_entity
from sanctio.match.schemas import compatible_schemas, match_schema
from sanctio.screening.query import Query


def test_a_legal_entity_named_as_an_organisation_is_matched_as_one() -> None:
    assert match_schema("LegalEntity", organisation_named=True) == "Organization"
    assert match_schema("LegalEntity", organisation_named=False) == "LegalEntity"
    assert match_schema("Person", organisation_named=True) == "Person"
    assert match_schema("Company", organisation_named=True) == "Company"
    assert "Organization" not in compatible_schemas("Person")
    assert "Organization" in compatible_schemas("LegalEntity")


def test_prepared_entities_carry_the_schema_they_are_matched_as() -> None:
    trading = make("1", "LegalEntity", "ADAM TRADING AND INVESTMENT LLC")
    cartel = make("2", "LegalEntity", "BELTRAN LEYVA ORGANIZATION")
    exchange = make("3", "LegalEntity", "AL KAWTHAR")  # could be a person's name
    person = make("4", "Person", "BANK, Ali")  # an organisation word as a surname
    assert prepare_entity(trading).schema == "Organization"
    assert prepare_entity(cartel).schema == "Organization"
    assert prepare_entity(exchange).schema == "LegalEntity"
    assert prepare_entity(person).schema == "Person"


def test_a_person_query_does_not_meet_a_listed_organisation() -> None:
    trading = make("1", "LegalEntity", "ADAM TRADING AND INVESTMENT LLC")
    exchange = make("3", "LegalEntity", "AL KAWTHAR")
    assert compare(Query.create("Adam", schema="Person"), trading).score == 0.0
    assert compare(Query.create("Adam", schema="LegalEntity"), trading).score > 0.5
    assert compare(Query.create("Al Kawthar", schema="Person"), exchange).score > 0.9
