"""A store with real lists and the hand-made ownership file, built once per session.

Lists: ofac-sdn 2022-02-23 and 2022-02-26 (PUTIN, ofac-sdn:35096, is added in the second;
SECHIN, ofac-sdn:16692, is in both), uk-ofsi 2023-06-05 (PUTIN uk-ofsi:14196, SECHIN
uk-ofsi:14213) and, for the EU, a hand-made FSF XML file (no real EU file is available:
see tests/fixtures/ownership/eu/) listing PUTIN and SECHIN, dated 2022-02-28.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.ingest.importer import import_paths
from sanctio.ingest.ownership import load_ownership
from sanctio.screening.service import ScreeningService
from sanctio.store.sqlite import Store


@pytest.fixture(scope="session")
def owned_store(
    lists_dir: Path, fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("ownership") / "sanctio.db"
    with Store.open(path) as store:
        for day in ("2022-02-23", "2022-02-26"):
            import_paths(store, [lists_dir / "ofac-sdn" / day])
        import_paths(store, [lists_dir / "uk-ofsi" / "2023-06-05"])
        import_paths(store, [fixtures_dir / "ownership" / "eu"])
        outcome = load_ownership(store, fixtures_dir / "ownership" / "russia.csv")
        assert outcome.problems == ()
    return path


@pytest.fixture(scope="session")
def owned_service(owned_store: Path) -> ScreeningService:
    return ScreeningService(owned_store)
