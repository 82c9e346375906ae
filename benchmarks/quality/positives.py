"""Positive queries: one publisher's spelling of a party linked to another publisher's record."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

from quality import arabic, descriptive, variants
from quality.cases import Case
from quality.given_names import ascii_words, spelling_families, swap_given_name
from quality.linking import kind
from sanctio.model import Entity

#: Share of each positive class in a run of `size` positives.
CLASS_SHARES: dict[str, float] = {
    "cross-list": 0.25,
    "typo": 0.15,
    "reordered": 0.125,
    "dropped-middle": 0.125,
    "non-latin": 0.15,
    "company": 0.15,
    "vessel": 0.05,
    # Added last so that the classes above draw the same cases as before.
    "given-name": 0.1,
    # Issue 15, after the classes above for the same reason; each drawn at least
    # NEW_CLASS_FLOOR times where the lists allow (persian-org holds a few only).
    "arabic-script": 0.15,
    "persian-org": 0.05,
    "arabic-latin": 0.15,
    # Organisation names of descriptive words (quality/descriptive.py), drawn last.
    "company-descriptive": 0.15,
}
NEW_CLASS_FLOOR = 100
#: Classes whose cases may carry another class (a translated Persian organisation name).
SUBCLASSES: dict[str, str] = {"persian-org": "persian-org-translated"}
#: Vessel prefixes customers write that lists mostly do not.
VESSEL_PREFIXES = ("MV ", "M/V ", "MT ", "M.V. ", "")


def query_schema(schema: str) -> str:
    """The schema a customer record of this kind would carry."""
    k = kind(schema)
    return {"person": "Person", "vessel": "Vessel", "airplane": "Airplane"}.get(k, "Company")


def _details(e: Entity, rng: random.Random) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Half the queries carry the querying publisher's birth dates and nationality."""
    if rng.random() < 0.5:
        return (), ()
    dates = tuple(e.get("birthDate")[:2]) if e.schema == "Person" else ()
    countries = tuple(e.get("nationality")[:1])
    return dates, countries


class PositiveBuilder:
    """Builds positive cases from linked entity pairs, deterministically from a seed."""

    def __init__(
        self,
        entities: Mapping[str, Entity],
        clusters: Mapping[str, frozenset[str]],
        translations: Sequence[Entity],
        seed: int,
    ) -> None:
        self.entities = entities
        self.clusters = clusters
        self.translations = translations
        self.rng = random.Random(seed)
        self.count = 0
        self.families = spelling_families(entities.values())
        self.script_holders = arabic.name_holders(entities.values())

    def targets(
        self, origin: Entity, *, own: bool = False, left_out: tuple[str, ...] = ()
    ) -> frozenset[str]:
        """Linked entities of other publishers (and the same id, for OFAC translations),
        none of the publishers `left_out`."""
        group = self.clusters.get(origin.id, frozenset()) | ({origin.id} if own else set())
        return frozenset(
            t
            for t in group
            if t in self.entities
            and self.entities[t].source not in left_out
            and ((own and t == origin.id) or self.entities[t].source != origin.source)
        )

    def case(
        self,
        cls: str,
        origin: Entity,
        name: str,
        *,
        own: bool = False,
        left_out: tuple[str, ...] = (),
    ) -> Case | None:
        targets = self.targets(origin, own=own, left_out=left_out)
        if not targets or not name.strip():
            return None
        dates, countries = _details(origin, self.rng)
        self.count += 1
        return Case(
            f"p{self.count:05d}",
            cls,
            name,
            query_schema(origin.schema),
            dates,
            countries,
            targets,
            None if own else origin.source,
            origin.id,
            left_out,
        )

    def latin_names(self, e: Entity) -> list[str]:
        names = [n for n in e.names() if variants.is_latin(n)]
        primary = [n for n in names if n in e.get("name")]
        return primary if primary and self.rng.random() < 0.7 else names

    def make(self, cls: str, e: Entity) -> Case | None:
        """One case of class `cls` from origin entity `e`, or None when it does not apply."""
        rng = self.rng
        if cls in ("arabic-script", "persian-org"):
            return self.arabic_script(cls, e)
        if cls == "arabic-latin":
            return self.arabic_latin(e)
        if cls == "company-descriptive":
            return self.company_descriptive(e)
        if cls == "non-latin":
            names = [n for n in e.names() if variants.has_non_latin(n)]
            return self.case(cls, e, rng.choice(names)) if names else None
        names = self.latin_names(e)
        if not names:
            return None
        name = rng.choice(names)
        rewrite: Callable[[str], str | None]
        if cls == "cross-list":
            return self.case(cls, e, name)
        if cls == "given-name":
            held = {
                w
                for t in self.targets(e)
                for n in self.entities[t].names(weak=True)
                for w in ascii_words(n)
            }
            swapped = swap_given_name(name, self.families, held, rng)
            return self.case(cls, e, swapped) if swapped else None
        if cls == "typo":
            return self.case(cls, e, variants.typo(name, rng, rng.choice((1, 1, 2))))
        if cls == "reordered":
            rewrite = variants.reorder
        elif cls == "dropped-middle":
            rewrite = variants.drop_middle
        elif cls == "company":
            swapped = variants.swap_legal_form(name, rng) if rng.random() < 0.6 else None
            return self.case(cls, e, swapped or name)
        elif cls == "vessel":
            prefix = rng.choice(VESSEL_PREFIXES)
            text = variants.typo(name, rng) if rng.random() < 0.3 else name
            return self.case(cls, e, prefix + text)
        else:
            raise ValueError(cls)
        out = rewrite(name)
        return self.case(cls, e, out) if out and out != name else None

    def cluster(self, e: Entity) -> list[Entity]:
        return [self.entities[t] for t in sorted(self.clusters.get(e.id, ())) if t in self.entities]

    def arabic_script(self, cls: str, e: Entity) -> Case | None:
        """An Arabic-script name against the Latin records only (see quality/arabic.py)."""
        names = [n for n in e.names() if arabic.is_arabic(n)]
        if not names:
            return None
        name = self.rng.choice(names)
        holders = arabic.arabic_holders(self.cluster(e))
        holders |= self.script_holders.get(arabic.name_key(name), set())
        left_out = tuple(sorted(holders - {e.source}))
        if cls == "persian-org":
            latin = [
                n
                for t in self.targets(e, left_out=left_out)
                for n in self.entities[t].names(weak=True)
            ]
            if latin and arabic.is_translation(name, latin):
                cls = SUBCLASSES[cls]
        return self.case(cls, e, name, left_out=left_out)

    def arabic_latin(self, e: Entity) -> Case | None:
        """A Latin name of e that the other publishers spell differently."""
        targets = [self.entities[t] for t in sorted(self.targets(e))]
        written = [n for t in targets for n in t.names(weak=True)]
        names = [
            n
            for n in e.names()
            # "A; B; C" is one list's alias list run together, not a name.
            if variants.is_latin(n) and ";" not in n and arabic.spelling_differs(n, written)
        ]
        return self.case("arabic-latin", e, self.rng.choice(names)) if names else None

    def company_descriptive(self, e: Entity) -> Case | None:
        """A Latin name of e sharing its distinctive word with another publisher's name of
        it, not its generic words (see quality/descriptive.py)."""
        targets = [self.entities[t] for t in sorted(self.targets(e))]
        written = [n for t in targets for n in t.names() if variants.is_latin(n)]
        mine = [n for n in e.names() if variants.is_latin(n) and ";" not in n]
        names = descriptive.descriptive_names(mine, written)
        if not names:
            return None
        return self.case("company-descriptive", e, self.rng.choice(names))

    def pool(self, cls: str) -> list[Entity]:
        """Origin entities eligible for a class, in a stable order."""
        linked = sorted(i for i in self.clusters if i in self.entities)
        ents = [self.entities[i] for i in linked]
        if cls in ("company", "company-descriptive"):
            return [e for e in ents if kind(e.schema) == "org"]
        if cls == "vessel":
            return [e for e in ents if kind(e.schema) in ("vessel", "airplane")]
        if cls == "non-latin":
            return [e for e in ents if any(variants.has_non_latin(n) for n in e.names())]
        if cls in ("arabic-script", "persian-org"):
            want = "person" if cls == "arabic-script" else "org"
            return [
                e
                for e in ents
                if kind(e.schema) == want and any(arabic.is_arabic(n) for n in e.names())
            ]
        if cls == "arabic-latin":
            persons = [e for e in ents if e.schema == "Person"]
            return [e for e in persons if arabic.arabic_named(self.cluster(e))]
        return [e for e in ents if e.schema == "Person"]

    def build(self, size: int) -> list[Case]:
        """About `size` positives split by CLASS_SHARES (fewer where the lists have fewer)."""
        out: list[Case] = []
        new = list(CLASS_SHARES)[list(CLASS_SHARES).index("arabic-script") :]
        for cls, share in CLASS_SHARES.items():
            want = max(1, round(size * share))
            if cls in new:
                want = max(want, NEW_CLASS_FLOOR)
            pool = self.pool(cls)
            self.rng.shuffle(pool)
            got: list[Case] = []
            seen: set[tuple[str, frozenset[str]]] = set()
            for e in pool:
                made = self.make(cls, e)
                if made is not None and cls in new:
                    # Two publishers often write one Arabic name alike: one query of it.
                    key = (made.name, made.targets)
                    made = None if key in seen else made
                    seen.add(key)
                if made is not None:
                    got.append(made)
                if len(got) >= want:
                    break
            if cls == "non-latin":
                got += self.translated(want - len(got))
            if cls == "vessel":
                got += self.same_list_vessels(want - len(got))
            out += got[:want]
        return out

    def translated(self, want: int) -> list[Case]:
        """OFAC enhanced-XML non-Latin names; the index holds the later CSV without them."""
        out: list[Case] = []
        pool = [e for e in self.translations if e.id in self.entities]
        self.rng.shuffle(pool)
        for e in pool:
            if len(out) >= max(0, want // 3):
                break
            names = [n for n in e.names() if variants.has_non_latin(n)]
            held = self.entities[e.id].names(weak=True)
            names = [n for n in names if n not in held]
            if names:
                made = self.case("non-latin", e, self.rng.choice(names), own=True)
                if made is not None:
                    out.append(made)
        return out

    def same_list_vessels(self, want: int) -> list[Case]:
        """Few vessels are on two lists: the rest are OFAC vessels written with a prefix or
        a typo, searched in the whole index (their own record is the target)."""
        out: list[Case] = []
        pool = sorted(
            (
                e
                for e in self.entities.values()
                if e.schema == "Vessel" and e.id not in self.clusters
            ),
            key=lambda e: e.id,
        )
        self.rng.shuffle(pool)
        for e in pool[: max(0, want)]:
            name = e.get("name")[0]
            text = variants.typo(name, self.rng) if self.rng.random() < 0.5 else name
            made = self.case("vessel", e, self.rng.choice(VESSEL_PREFIXES[:4]) + text, own=True)
            if made is not None:
                out.append(made)
        return out
