"""Tiny hand-made list entities for matching tests."""

from __future__ import annotations

from sanctio.model import Entity, EntityBuilder


def make(native_id: str, schema: str, *names: str, **props: str | list[str]) -> Entity:
    """An entity with a primary name, aliases and any other properties."""
    b = EntityBuilder("test", native_id, schema)
    b.add("name", names[0])
    b.add("alias", *names[1:])
    for prop, value in props.items():
        b.add(prop, *(value if isinstance(value, list) else [value]))
    return b.build()


LUKASHENKA = make(
    "9760",
    "Person",
    "LUKASHENKA, Alyaksandr Hryhoryavich",
    "LUKASHENKO, Aleksandr Grigoryevich",
    "LUKASHENKO, Alexander",
    birthDate="1954-08-30",
    nationality="by",
)
PUTIN = make("35096", "Person", "PUTIN, Vladimir Vladimirovich", birthDate="1952-10-07")
HABBASH = make("1", "Person", "HABBASH, George")
VLADIMIR_VESSEL = make("2", "Vessel", "VLADIMIR")
VLADIMIR_COMPANY = make("3", "Company", "VLADIMIR TRADING LLC")
VLADIMIR_OTHER = make("4", "Person", "IVANOV, Vladimir Petrovich")
SIS_DOO = make("5", "Company", "SIS d.o.o.")
ROMASHKA = make("6", "Company", "Romashka LLC")
SIS_2 = make("7", "Vessel", "SIS 2", imoNumber="9187629")
SIS_3 = make("8", "Vessel", "SIS 3")
ACME_CORP = make("9", "Company", "ACME CORP")
BIN_LADEN = make(
    "10",
    "Person",
    "BIN LADEN, Usama bin Muhammad bin Awad",
    "أسامة بن محمد بن عوض بن لادن",
    weakAlias="The Director",
)
XI = make("11", "Person", "XI, Jinping", "习近平")
NAMESAKE_A = make("12", "Person", "SMITH, John Robert", birthDate="1970-05-01")
NAMESAKE_B = make("13", "Person", "SMITH, John Robert", birthDate="1983-11-20")
GAZPROM = make("14", "Company", "Gazprom Neft PJSC", "ПАО «Газпром нефть»", innCode="5504036333")
KONONOV = make("15", "Person", "KONONOV, Vladimir Petrovich", "Vladimir P. KONONOV")
KONONOV_STATED = make(
    "16", "Person", "Vladimir P. KONONOV", lastName="KONONOV", firstName="Vladimir"
)
KONY = make(
    "17",
    "Person",
    "KONY, Joseph",
    weakAlias="MOHAMMED, Ali",
    birthDate="1961-09-18",
    nationality="ug",
)
AL_QAIDA = make("18", "Organization", "AL-QAIDA", "AL QA'IDA")
ALAQAD = make("19", "Person", "ALAQAD, Ahmed M. M.")
VEB = make("20", "LegalEntity", "VEB", "VNESHECONOMBANK")
IEI = make("21", "LegalEntity", "Iran Electronic Industries", "IEI")
RGB = make("22", "Organization", "Reconnaissance General Bureau", "RGB")  # not in ALL
VEB_ENGINEERING = make("23", "Company", "VEB ENGINEERING LLC")  # not in ALL

ALL: tuple[Entity, ...] = (
    LUKASHENKA,
    PUTIN,
    HABBASH,
    VLADIMIR_VESSEL,
    VLADIMIR_COMPANY,
    VLADIMIR_OTHER,
    SIS_DOO,
    ROMASHKA,
    SIS_2,
    SIS_3,
    ACME_CORP,
    BIN_LADEN,
    XI,
    NAMESAKE_A,
    NAMESAKE_B,
    GAZPROM,
    KONONOV,
    KONONOV_STATED,
    KONY,
    AL_QAIDA,
    ALAQAD,
    VEB,
    IEI,
)
