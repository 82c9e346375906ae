"""Negative queries: Faker customers in many locales, and near misses of listed names."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence

from faker import Faker
from normality import ascii_text

from quality import variants
from quality.cases import Case
from quality.cjk_negatives import CLASS as CJK_CLASS
from quality.cjk_negatives import CjkCustomers
from sanctio.match.prepared import exact_key, name_forms
from sanctio.match.schemas import name_kind
from sanctio.model import Entity

#: Locale -> nationality code a customer of that locale would give.
LOCALES: dict[str, str] = {
    "en_US": "us", "en_GB": "gb", "de_DE": "de", "fr_FR": "fr", "es_ES": "es", "it_IT": "it",
    "ru_RU": "ru", "uk_UA": "ua", "pl_PL": "pl", "tr_TR": "tr", "ar_AA": "eg", "fa_IR": "ir",
    "zh_CN": "cn", "ko_KR": "kr", "ja_JP": "jp", "pt_BR": "br", "hi_IN": "in", "id_ID": "id",
    "vi_VN": "vn", "nl_NL": "nl", "el_GR": "gr", "he_IL": "il", "ar_SA": "sa", "ro_RO": "ro",
}  # fmt: skip
#: Words in at most this many listed organisation names are distinctive (one firm is on up
#: to six lists, so its own name word counts several times).
NEAR_MISS_RARE_DF = 10
#: Share of each negative class.
CLASS_SHARES: dict[str, float] = {
    "faker-person": 0.5,
    "faker-company": 0.25,
    "near-miss-person": 0.15,
    "near-miss-company": 0.1,
}


def listed_keys(entities: Sequence[Entity]) -> set[str]:
    """Exact normalised keys of every listed name (weak aliases too), as sanctio reads them."""
    keys: set[str] = set()
    for e in entities:
        for _, tokens, _ in name_forms(e.names(weak=True), name_kind(e.schema)):
            keys.add(exact_key(tokens))
    return keys


def is_listed(name: str, schema: str, keys: set[str]) -> bool:
    return any(exact_key(t) in keys for _, t, _ in name_forms([name], name_kind(schema)))


def surname(e: Entity) -> str | None:
    """The family name as the list states it (lastName, or "FAMILY, Given")."""
    last = e.first("lastName")
    if last:
        return last
    name = e.first("name") or ""
    if name.count(",") == 1:
        return name.split(",")[0].strip() or None
    caps = [w for w in name.split() if w.isupper() and len(w) > 2]
    return caps[-1] if caps and not name.isupper() else None


class NegativeBuilder:
    """Builds negative cases deterministically from a seed."""

    def __init__(self, entities: Sequence[Entity], seed: int) -> None:
        self.entities = sorted(entities, key=lambda e: e.id)
        self.keys = listed_keys(self.entities)
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed + i)
        self.count = 0
        self.dropped = 0

    def _dob(self) -> str:
        start = dt.date(1940, 1, 1).toordinal()
        return dt.date.fromordinal(start + self.rng.randrange(60 * 365)).isoformat()

    def _case(
        self,
        cls: str,
        name: str,
        schema: str,
        dob: str | None,
        nat: str | None,
        locale: str = "",
        origin: str = "",
    ) -> Case | None:
        name = " ".join(name.split())
        if not name or is_listed(name, schema, self.keys):
            self.dropped += 1
            return None
        self.count += 1
        return Case(
            f"n{self.count:05d}",
            cls,
            name,
            schema,
            (dob,) if dob else (),
            (nat,) if nat else (),
            origin=origin,
            locale=locale,
        )

    def _locale(self) -> tuple[Faker, str, str]:
        loc = self.rng.choice(sorted(LOCALES))
        return self.fakers[loc], LOCALES[loc], loc

    def faker_person(self) -> Case | None:
        fake, nat, loc = self._locale()
        name = fake.name()
        if not variants.is_latin(name) and self.rng.random() < 0.5:
            name = (ascii_text(name) or name).title()  # a romanised customer record
        details = self.rng.random() < 0.5
        return self._case(
            "faker-person",
            name,
            "Person",
            self._dob() if details else None,
            nat if details else None,
            loc,
        )

    def faker_company(self) -> Case | None:
        fake, nat, loc = self._locale()
        details = self.rng.random() < 0.5
        return self._case(
            "faker-company", fake.company(), "Company", None, nat if details else None, loc
        )

    def near_miss_person(self, persons: list[Entity], given: dict[str, list[str]]) -> Case | None:
        e = self.rng.choice(persons)
        family = surname(e)
        if not family:
            return None
        own = {w.lower() for n in e.names() for w in n.replace(",", " ").split()}
        # A given name listed for someone of the same nationality, so the pair is plausible.
        pool = given.get(e.first("nationality") or "", [])
        first = self.rng.choice(pool if len(pool) >= 20 else given[""])
        if first.lower() in own:
            return None
        name = f"{family}, {first}" if self.rng.random() < 0.5 else f"{first} {family}"
        years = [int(d[:4]) for d in e.get("birthDate") if d[:4].isdigit()]
        dob = self._dob()
        while years and any(abs(int(dob[:4]) - y) < 3 for y in years):
            dob = self._dob()
        nat = e.first("nationality") if self.rng.random() < 0.5 else None
        return self._case("near-miss-person", name, "Person", dob, nat)

    def near_miss_company(
        self, orgs: list[Entity], words: list[str], df: Counter[str]
    ) -> Case | None:
        e = self.rng.choice(orgs)
        name = e.get("name")[0]
        parts = name.split()
        cores = [w.strip(",.;:()'\"") for w in parts]
        distinctive = [i for i, w in enumerate(cores) if len(w) > 3 and w.isalpha()]
        if len(parts) < 2 or not distinctive:
            return None
        # The distinctive words are the rare ones across listed organisation names: replace
        # them all (else the name may still be another listed firm's), or the rarest one.
        rare = [j for j in distinctive if df[cores[j].upper()] <= NEAR_MISS_RARE_DF]
        for i in rare or [min(distinctive, key=lambda j: (df[cores[j].upper()], -len(cores[j])))]:
            word = self.rng.choice(words)
            word = word.upper() if name.isupper() else word.title()
            parts[i] = parts[i].replace(cores[i], word)
        return self._case("near-miss-company", " ".join(parts), "Company", None, None)

    def cjk(self, per_language: int, seed: int) -> list[Case]:
        """Extra Chinese and Korean customers (quality/cjk_negatives.py), drawn apart."""

        def make(
            name: str, schema: str, dob: str | None, nat: str | None, loc: str, origin: str
        ) -> Case | None:
            return self._case(CJK_CLASS, name, schema, dob, nat, loc, origin)

        return CjkCustomers(seed).build(per_language, make)

    def build(self, size: int) -> list[Case]:
        persons = [e for e in self.entities if e.schema == "Person" and surname(e)]
        by_nat: dict[str, set[str]] = {}
        for e in persons:
            for g in e.get("firstName"):
                first = g.split()[0] if g.split() else ""
                if first.isalpha():
                    by_nat.setdefault("", set()).add(first)
                    for nat in e.get("nationality"):
                        by_nat.setdefault(nat, set()).add(first)
        given = {k: sorted(v) for k, v in sorted(by_nat.items())}
        orgs = [e for e in self.entities if e.schema in ("LegalEntity", "Company", "Organization")]
        df: Counter[str] = Counter(
            w
            for e in orgs
            for w in {x.strip(",.;:()'\"").upper() for n in e.get("name") for x in n.split()}
        )
        # Replacement words are Faker surnames no listed firm uses, so a near miss never
        # turns into another listed firm's name by chance.
        en = self.fakers["en_US"]
        words = sorted(
            {
                w
                for w in (en.last_name() for _ in range(3000))
                if w.isalpha() and w.upper() not in df
            }
        )
        makers: dict[str, Callable[[], Case | None]] = {
            "faker-person": self.faker_person,
            "faker-company": self.faker_company,
            "near-miss-person": lambda: self.near_miss_person(persons, given),
            "near-miss-company": lambda: self.near_miss_company(orgs, words, df),
        }
        out: list[Case] = []
        for cls, share in CLASS_SHARES.items():
            want = round(size * share)
            got: list[Case] = []
            tries = 0
            while len(got) < want and tries < want * 20:
                tries += 1
                made = makers[cls]()
                if made is not None:
                    got.append(made)
            out += got
        return out
