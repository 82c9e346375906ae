"""A small store (hand-made entities in two ofac-sdn versions and one un-sc version) and apps."""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    # Starlette asks for httpx2 over httpx; the TestClient works the same with either.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.model import Entity, EntityBuilder
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore
from sanctio.store.sqlite import Store


def person(source: str, native: str, name: str, **props: str | list[str]) -> Entity:
    b = EntityBuilder(source, native, "Person")
    b.add("name", name)
    for prop, value in props.items():
        b.add(prop, *([value] if isinstance(value, str) else value))
    b.add("topics", "sanction")
    return b.build()


def org(source: str, native: str, schema: str, name: str, **props: str | list[str]) -> Entity:
    b = EntityBuilder(source, native, schema)
    b.add("name", name)
    for prop, value in props.items():
        b.add(prop, *([value] if isinstance(value, str) else value))
    b.add("topics", "sanction")
    return b.build()


ROTENBERG = person(
    "ofac-sdn",
    "6925",
    "ROTENBERG, Arkady Romanovich",
    alias=["Arkadii Romanovich Rotenberg"],
    birthDate="1951-12-15",
    nationality="ru",
    program="UKRAINE-EO13661",
)
SGM = org(
    "ofac-sdn",
    "15123",
    "Company",
    "STROYGAZMONTAZH",
    alias="OOO SGM",
    registrationNumber="1067746244026",
    country="ru",
)
VESSEL = org("ofac-sdn", "9001", "Vessel", "SEA DRAGON", imoNumber="9123456", flag="kp")
PUTIN_2024 = person("ofac-sdn", "48123", "PUTIN, Vladimir Vladimirovich", birthDate="1952-10-07")
BUSH = person("ofac-sdn", "7777", "HABBASH, George", birthDate="1926")
UN_PERSON = person(
    "un-sc",
    "QDi.001",
    "Ayman Muhammed Rabi al-Zawahiri",
    birthDate="1951-06-19",
    nationality="eg",
)
UN_ORG = org("un-sc", "QDe.004", "Organization", "AL-QAIDA", alias="The Base")

SDN_2022 = [ROTENBERG, SGM, VESSEL, BUSH]
SDN_2024 = [
    person(
        "ofac-sdn",
        "6925",
        "ROTENBERG, Arkady Romanovich",
        alias=["Arkadii Romanovich Rotenberg", "Arkady Rotenberg"],
        birthDate="1951-12-15",
        nationality="ru",
        program="UKRAINE-EO13661",
    ),
    SGM,
    VESSEL,
    PUTIN_2024,
]
UN_2026 = [UN_PERSON, UN_ORG]


def add(store: Store, source: str, day: str, entities: list[Entity]) -> None:
    digest = hashlib.sha256(f"{source}{day}".encode()).hexdigest()
    with store.transaction():
        store.add_version(
            source=source,
            format="test",
            published=dt.date.fromisoformat(day),
            published_from="option",
            fingerprint=digest,
            files=[],
            entities=entities,
            problems=[],
        )


Where = TypeVar("Where", Path, str)


def make_store(path: Where, *, newest: bool = True) -> Where:
    """The small store at `path` (a SQLite file, or a PostgreSQL URL)."""
    with Store.open(path) as store:
        add(store, "ofac-sdn", "2022-02-26", SDN_2022)
        add(store, "un-sc", "2026-02-27", UN_2026)
        if newest:
            add(store, "ofac-sdn", "2024-05-03", SDN_2024)
    return path


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("api") / "sanctio.db")


def build_app(
    db: Path, *, auth: bool = False, max_age: dict[str, int] | None = None, **config: object
) -> FastAPI:
    settings = Settings(db, max_age_days=max_age or {})
    app = create_app(
        settings,
        ApiConfig(auth=auth, keys_path=db.with_name(db.stem + ".keys.db"), **config),  # type: ignore[arg-type]
        watch=False,
    )
    app.state.sanctio.warm()
    return app


@pytest.fixture(scope="session")
def open_app(db_path: Path) -> FastAPI:
    return build_app(db_path)


@pytest.fixture(scope="session")
def client(open_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(open_app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def keyed(db_path: Path) -> tuple[TestClient, str, str]:
    """A client on an app with auth on, plus a screen token and an admin token."""
    app = build_app(db_path, auth=True)
    with KeyStore(db_path.with_name(db_path.stem + ".keys.db")) as keys:
        _, screen = keys.create("screen", "tests")
        _, admin = keys.create("admin", "tests")
    return TestClient(app, raise_server_exceptions=False), screen, admin
