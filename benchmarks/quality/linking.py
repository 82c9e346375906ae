"""Link the same real party across publishers: stated UN refs, shared ids, birth date + name.

The links are the benchmark's ground truth, so they use evidence independent of sanctio's
scorer: identifiers, publisher-stated references and full birth dates, with a name sanity
check (ASCII-folded token similarity, rapidfuzz) only to reject coincidences.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from normality import ascii_text
from rapidfuzz.distance import Levenshtein

from sanctio.model import Entity

#: Identifier properties compared across lists (FtM names).
ID_PROPS: tuple[str, ...] = (
    "passportNumber",
    "idNumber",
    "imoNumber",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "leiCode",
    "swiftBic",
)
MIN_ID_LENGTH = 6
#: A token in at most this many entities' names counts as distinctive.
RARE_DF = 10
_UN_REF = re.compile(r"\(UN Ref\):\s*([A-Za-z]{2,3}\.\d{3})")
_ID_PIECE = re.compile(r"[A-Z0-9][A-Z0-9./-]*\d[A-Z0-9./-]*")
_TOKEN = re.compile(r"[a-z0-9]+")
_PATRONYMIC = ("vich", "vych", "vna", "ovna", "evna", "ivna", "ogly", "oglu", "kyzy")


@dataclass(frozen=True, slots=True)
class Link:
    """Two entities of different publishers judged to be the same party, and why."""

    a: str
    b: str
    rule: str
    evidence: str


def kind(schema: str) -> str:
    """person / org / vessel / airplane: only entities of one kind may link."""
    if schema == "Person":
        return "person"
    if schema in ("Vessel", "Airplane"):
        return schema.lower()
    return "org"


def id_keys(value: str) -> set[str]:
    """Comparable keys of one identifier value: the whole value and each numeric piece."""
    upper = value.upper()
    keys = {re.sub(r"[^A-Z0-9]", "", upper)}
    keys.update(re.sub(r"[^A-Z0-9]", "", p) for p in _ID_PIECE.findall(upper))
    return {k for k in keys if len(k) >= MIN_ID_LENGTH and any(c.isdigit() for c in k)}


def name_tokens(entity: Entity) -> set[str]:
    """ASCII-folded tokens (3+ letters) of every name of the entity, weak aliases too."""
    out: set[str] = set()
    for name in entity.names(weak=True):
        out.update(t for t in _TOKEN.findall(ascii_text(name).lower()) if len(t) >= 3)
    return out


def shared_tokens(
    a: set[str], b: set[str], rare: frozenset[str] = frozenset(), min_similarity: float = 0.8
) -> tuple[int, int]:
    """Similar token pairs (normalised Levenshtein): how many tokens match on the side with
    fewer matches, and how many matches involve a rare token (a surname, not "Nikolai")."""
    matched_a: set[str] = set()
    matched_b: set[str] = set()
    rare_count = 0
    # Patronymics derive from common given names: two Yurievich are not one person.
    b = {u for u in b if not u.endswith(_PATRONYMIC)}
    for t in a:
        if t.endswith(_PATRONYMIC):
            continue
        similar = [
            u for u in b if u == t or Levenshtein.normalized_similarity(t, u) >= min_similarity
        ]
        if similar:
            matched_a.add(t)
            matched_b.update(similar)
            rare_count += t in rare or any(u in rare for u in similar)
    return min(len(matched_a), len(matched_b)), rare_count


def gendered_variants(a: set[str], b: set[str]) -> bool:
    """GUBAREV / GUBAREVA: a surname in its male and female forms means two people."""
    return any(len(t) >= 5 and t + "a" in b for t in a) or any(
        len(t) >= 5 and t + "a" in a for t in b
    )


def rare_tokens(tokens: Iterable[set[str]], max_df: int = RARE_DF) -> frozenset[str]:
    """Tokens found in the names of at most `max_df` entities."""
    df: Counter[str] = Counter()
    for t in tokens:
        df.update(t)
    return frozenset(t for t, n in df.items() if n <= max_df)


def _genders_conflict(a: Entity, b: Entity) -> bool:
    ga, gb = set(a.get("gender")), set(b.get("gender"))
    return bool(ga and gb and not ga & gb)


def full_dates(entity: Entity) -> set[str]:
    return {d for d in entity.get("birthDate") if len(d) == 10}


def _union_links(
    groups: Mapping[str, list[Entity]],
    rule: str,
    min_shared: int,
    tokens: dict[str, set[str]],
    rare: frozenset[str],
) -> list[Link]:
    """Link entities of different sources sharing a key, when their names agree enough."""
    out: list[Link] = []
    for key, members in groups.items():
        per_source = Counter(e.source for e in members)
        if len(per_source) < 2 or max(per_source.values()) > 2:
            continue  # one source only, or a key shared by many entities of a source
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.source == b.source or kind(a.schema) != kind(b.schema):
                    continue
                if _genders_conflict(a, b) or (
                    a.schema == "Person" and gendered_variants(tokens[a.id], tokens[b.id])
                ):
                    continue
                count, rare_count = shared_tokens(tokens[a.id], tokens[b.id], rare)
                if count >= min_shared and rare_count >= 1:
                    out.append(Link(a.id, b.id, rule, key))
    return out


def find_links(entities: Iterable[Entity]) -> list[Link]:
    """All cross-publisher links, one per entity pair (first rule wins, in rule order)."""
    entities = list(entities)
    by_id = {e.id: e for e in entities}
    tokens = {e.id: name_tokens(e) for e in entities}
    rare = rare_tokens(tokens.values())
    links: list[Link] = []
    # 1. The UK list states the UN reference of UN-listed parties.
    for e in entities:
        for note in e.get("notes"):
            for ref in _UN_REF.findall(note):
                target = by_id.get(f"un-sc:{ref}")
                if target is not None and kind(target.schema) == kind(e.schema):
                    links.append(Link(e.id, target.id, "stated-un-ref", ref))
    # 2. A shared passport / national id / IMO / registration / tax / LEI / BIC number.
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        keys = {k for prop in ID_PROPS for v in e.get(prop) for k in id_keys(v)}
        for k in keys:
            by_key[k].append(e)
    links += _union_links(by_key, "shared-id", 1, tokens, rare)
    # 3. Same full birth date and a shared nationality, two similar name tokens.
    by_dob_nat: dict[str, list[Entity]] = defaultdict(list)
    by_dob: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        if e.schema != "Person":
            continue
        for d in full_dates(e):
            by_dob[d].append(e)
            for c in e.get("nationality"):
                by_dob_nat[f"{d}/{c}"].append(e)
    links += _union_links(by_dob_nat, "dob-nationality", 2, tokens, rare)
    # 4. Lists without nationality (SEMA) or ids (DFAT): same full birth date, 2+ similar
    # name tokens and no conflicting nationality.
    for link in _union_links(by_dob, "dob-name", 2, tokens, rare):
        na = set(by_id[link.a].get("nationality"))
        nb = set(by_id[link.b].get("nationality"))
        if not na or not nb:
            links.append(link)
    seen: set[tuple[str, str]] = set()
    unique: list[Link] = []
    for link in links:
        pair = (min(link.a, link.b), max(link.a, link.b))
        if pair not in seen:
            seen.add(pair)
            unique.append(link)
    return unique


def clusters(links: Iterable[Link]) -> dict[str, frozenset[str]]:
    """Entity id -> every id linked to it, directly or through others (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return {x: frozenset(groups[find(x)]) for x in parent}
