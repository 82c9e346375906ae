"""The rules on the real OFAC SDN versions 2022-02-23 and 2022-02-26 (and UK 2023-06-05).

tests/fixtures/ownership/russia.csv (hand-made): ACME ENERGY HOLDING is 30% PUTIN and 25%
SECHIN and owns 100% of ACME DRILLING; VOLGA RIVER SHIPPING is 30% PUTIN and 15% an
unlisted person; NEVA PORT was 60% SECHIN until 2021-12-31; SECHIN controls URAL LOGISTICS
(no shares).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctio.ingest.importer import import_paths
from sanctio.ingest.ownership import load_ownership
from sanctio.screening.derived import derived_on
from sanctio.screening.query import Query
from sanctio.screening.service import ScreeningService
from sanctio.screening.text.screen import screen_text
from sanctio.store.sqlite import Store

ACME = "derived:ofac-50:acme-holding"
DRILLING = "derived:ofac-50:acme-drilling"


def _derived(store_path: str | Path, day: dt.date, rule: str) -> dict[str, str]:
    with Store.open(store_path, create=False) as store:
        result = derived_on(store, day)
    assert result.derived is not None
    return {
        d.key: d.explanation for d in result.derived.derivations.values() if d.rule.name == rule
    }


def test_ofac_50_after_putin_is_listed(owned_store: Path) -> None:
    found = _derived(owned_store, dt.date(2022, 3, 1), "ofac-50")
    assert found == {
        "acme-holding": "55.0% = 30% PUTIN, Vladimir Vladimirovich (ofac-sdn:35096) + 25% "
        "SECHIN, Igor Ivanovich (ofac-sdn:16692)",
        "acme-drilling": "100.0% = 100% ACME ENERGY HOLDING JSC (derived:ofac-50:acme-holding)",
    }  # VOLGA (30% + 15% unlisted) and NEVA (holding ended 2021-12-31) are not blocked


def test_ofac_50_before_putin_is_listed(owned_store: Path) -> None:
    # On 2022-02-23 only SECHIN's 25% is held by a blocked person.
    assert _derived(owned_store, dt.date(2022, 2, 23), "ofac-50") == {}


@pytest.mark.pg
def test_the_rules_read_the_same_from_postgresql(
    owned_store: Path, pg_url: str, lists_dir: Path, fixtures_dir: Path
) -> None:
    with Store.open(pg_url) as store:
        for published in ("2022-02-23", "2022-02-26"):
            import_paths(store, [lists_dir / "ofac-sdn" / published])
        loaded = load_ownership(store, fixtures_dir / "ownership" / "russia.csv")
        assert loaded.created and loaded.problems  # no UK or EU list here: their ids unknown
        assert {p.value.partition(":")[0] for p in loaded.problems} == {"uk-ofsi", "eu-fsf"}
        again = load_ownership(store, fixtures_dir / "ownership" / "russia.csv")
        assert not again.created and again.version == loaded.version  # same files: kept
    for day in (dt.date(2022, 2, 23), dt.date(2022, 3, 1)):
        on_server = _derived(pg_url, day, "ofac-50")
        assert on_server == _derived(owned_store, day, "ofac-50")
    assert len(on_server) == 2  # ACME and its subsidiary, as on SQLite


def test_eu_and_uk_rules_on_the_same_file(owned_store: Path) -> None:
    # No single listed person holds more than 50% of ACME: not owned under EU/UK rules;
    # SECHIN's control of URAL LOGISTICS is enough for them (not for OFAC).
    eu = _derived(owned_store, dt.date(2022, 3, 1), "eu-owned-controlled")
    assert eu == {"ural-logistics": "control by Igor Ivanovich Sechin (eu-fsf:EU.TEST.2)"}
    uk = _derived(owned_store, dt.date(2023, 7, 1), "uk-owned-controlled")
    assert uk == {"ural-logistics": "control by Igor Ivanovich SECHIN (uk-ofsi:14213)"}
    with Store.open(owned_store, create=False) as store:
        early = derived_on(store, dt.date(2022, 3, 1))
    assert early.derived is not None
    assert "uk-owned-controlled" in early.derived.skipped  # no UK version in force yet


def test_screening_finds_derived_designations(owned_service: ScreeningService) -> None:
    after = owned_service.as_of(dt.date(2022, 3, 1))
    result = after.screener.screen(Query.create("Acme Energy Holding"))
    top = result.matches[0]
    assert top.entity_id == ACME
    hit_entity = after.index.entity(ACME)
    assert hit_entity.get("rule") == ("ofac-50",)
    assert hit_entity.get("ownershipShare") == ("55.0",)
    assert hit_entity.get("registrationNumber") == ("1027700000001",)
    assert after.describe()["ownership"] == "ownership@1"
    before = owned_service.as_of(dt.date(2022, 2, 23))
    assert ACME not in before.index
    assert not [
        h
        for h in before.screener.screen(Query.create("Acme Energy Holding")).matches
        if h.entity_id.startswith("derived:ofac-50")
    ]


def test_text_screening_names_the_subsidiary(owned_service: ScreeningService) -> None:
    text = "Invoice 4471: payment to ACME Drilling LLC for rig services."
    found = screen_text(owned_service.as_of(dt.date(2022, 3, 1)).screener, text)
    assert DRILLING in [m.entity_id for m in found.mentions]
