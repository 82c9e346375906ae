"""Free-text screening speed (words/s, ms per document) and precision/recall on planted names.

    python benchmarks/text_screening.py [--lists PATH ...] [--db STORE] [--docs 20]
        [--words 5000] [--plants 10] [--seed 7] [--threshold T]

Builds an index from list files (default: the shared OFAC SDN 2024-05-03 list) or from
the versions in force in a store, then generates documents of English filler text
(Faker) with random people, companies and cities that are not planted, and plants list
names written the way news writes them: "First Last", "F. Last", "Last's", a name split
over a line break, a company in title case. A planted name is found when a mention of
that entity, or of another entry with one of its names (the same party on another
list), overlaps its span; precision counts mentions that overlap a planted span.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from sanctio.index import NameIndex
from sanctio.model import Entity
from sanctio.normalize import fold, words
from sanctio.screening.screen import Screener
from sanctio.screening.text.gazetteer import gazetteer_for
from sanctio.screening.text.screen import screen_text
from sanctio.sources.registry import read_all

_DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"


@dataclass(frozen=True)
class Plant:
    start: int
    end: int
    entity_id: str
    written: str


def lists_dir() -> Path:
    return Path(os.environ.get("SANCTIO_LISTS_DIR", str(_DEFAULT))).resolve()


def load(args: argparse.Namespace) -> tuple[list[Entity], str]:
    if args.db:
        from sanctio.store.sqlite import Store

        with Store.open(args.db, create=False) as store:
            versions = store.in_force()
            entities = list(store.entities(v.id for v in versions.values()))
        return entities, ", ".join(v.label for v in versions.values())
    paths = [Path(p) for p in args.lists] or [lists_dir() / "ofac-sdn" / "2024-05-03"]
    parsed = read_all(paths)
    return [e for p in parsed for e in p.entities], ", ".join(map(str, paths))


def person_forms(entity: Entity, rng: random.Random) -> str | None:
    """A listed person's name as a journalist writes it, or None when unsuitable."""
    caption = entity.caption
    if "," not in caption or not caption.isascii():
        return None
    family, given = (p.strip() for p in caption.split(",", 1))
    if not family or not given:
        return None
    first = given.split()[0].title()
    last = family.title()
    style = rng.randrange(5)
    if style == 0:
        return f"{first} {last}"
    if style == 1:
        return f"{first[0]}. {last}"
    if style == 2:
        return f"{first} {last}'s"
    if style == 3:
        return f"{first}\n{last}"
    return f"{given.title()} {last}"


def org_form(entity: Entity) -> str | None:
    """An organisation as news writes it: "Lukoil, OAO" -> "Oao Lukoil", title case."""
    name = entity.caption
    if name.count(", ") == 1:
        head, tail = name.split(", ")
        name = f"{tail} {head}"
    if not name.isascii() or len(name.split()) < 2 or len(name) > 60:
        return None
    return name.title()


def plants_pool(entities: list[Entity], rng: random.Random) -> list[tuple[Entity, str]]:
    pool: list[tuple[Entity, str]] = []
    for entity in entities:
        if entity.schema == "Person":
            written = person_forms(entity, rng)
        elif entity.schema in ("LegalEntity", "Organization", "Company", "Vessel"):
            written = org_form(entity)
        else:
            written = None
        if written:
            pool.append((entity, written))
    return pool


def make_doc(
    fake: Faker, rng: random.Random, words: int, plants: list[tuple[Entity, str]]
) -> tuple[str, list[Plant]]:
    """Filler sentences with distractor names; planted names spread through the text."""
    parts: list[str] = []
    out: list[Plant] = []
    length = 0
    count = 0
    slots = sorted(rng.sample(range(max(words // 15, len(plants) + 1)), len(plants)))
    sentence_no = 0
    queue = list(zip(slots, plants, strict=True))
    while count < words:
        sentence = fake.sentence(nb_words=rng.randint(8, 20)).rstrip(".")
        tokens = sentence.split()
        if rng.random() < 0.3:
            extra = rng.choice([fake.name(), fake.city(), fake.company(), fake.last_name()])
            tokens.insert(rng.randrange(len(tokens) + 1), extra)
        text = " ".join(tokens)
        if queue and queue[0][0] <= sentence_no:
            _, (entity, written) = queue.pop(0)
            head = f"{text[:40].rsplit(' ', 1)[0]} "
            start = length + len(head) + (1 if parts else 0)
            text = f"{head}{written} {text[len(head) :]}"
            name_end = start + len(written.removesuffix("'s"))
            out.append(Plant(start, name_end, entity.id, written))
        piece = text + "."
        if parts:
            length += 1
        parts.append(piece)
        length += len(piece)
        count += len(text.split())
        sentence_no += 1
    return " ".join(parts), out


def name_key(name: str) -> str:
    return " ".join(sorted(words(fold(name))))


def same_name(caption: str, planted: frozenset[str]) -> bool:
    """Another entry with the planted entity's name: the same party on another list."""
    return name_key(caption) in planted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--lists", nargs="*", default=[])
    ap.add_argument("--db")
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--plants", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=None)
    args = ap.parse_args()

    t0 = time.perf_counter()
    entities, origin = load(args)
    t1 = time.perf_counter()
    index = NameIndex.build(entities, versions={"bench": "1"})
    t2 = time.perf_counter()
    gazetteer_for(index)
    t3 = time.perf_counter()
    screener = Screener(index)
    print(f"lists: {origin}: {len(entities)} entities")
    print(f"read {t1 - t0:.1f} s, index {t2 - t1:.1f} s, gazetteer {t3 - t2:.2f} s")

    rng = random.Random(args.seed)
    Faker.seed(args.seed)
    fake = Faker("en_US")
    pool = plants_pool(entities, rng)
    names = {e.id: frozenset(name_key(n) for n in e.names()) for e in entities}
    docs = []
    for _ in range(args.docs):
        docs.append(make_doc(fake, rng, args.words, rng.sample(pool, args.plants)))
    screen_text(screener, docs[0][0], threshold=args.threshold)  # warm the word caches once

    times: list[float] = []
    cpu: list[float] = []
    words = planted = found = mentions = on_plant = right_entity = 0
    misses: list[str] = []
    false: list[str] = []
    for text, plants in docs:
        start, start_cpu = time.perf_counter(), time.process_time()
        report = screen_text(screener, text, threshold=args.threshold)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        words += report.words
        planted += len(plants)
        mentions += len(report.mentions)
        for p in plants:
            hit = any(
                (m.entity_id == p.entity_id or same_name(m.caption, names[p.entity_id]))
                and m.start < p.end
                and p.start < m.end
                for m in report.mentions
            )
            found += hit
            if not hit:
                misses.append(p.written.replace("\n", " "))
        for m in report.mentions:
            over = [p for p in plants if m.start < p.end and p.start < m.end]
            on_plant += bool(over)
            right_entity += any(p.entity_id == m.entity_id for p in over)
            if not over:
                false.append(f"{m.text!r} -> {m.caption} ({m.score:.2f})")
    print(
        f"docs {len(docs)} x ~{args.words} words: {words / sum(cpu):,.0f} words/s CPU "
        f"({words / sum(times):,.0f} wall); per doc CPU median "
        f"{statistics.median(cpu) * 1000:.1f} ms, max {max(cpu) * 1000:.1f} ms; wall median "
        f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )
    print(
        f"recall {found / planted:.3f} ({found}/{planted}); "
        f"precision {on_plant / max(mentions, 1):.3f} ({on_plant}/{mentions} mentions on a "
        f"planted name; {right_entity} name the planted entity itself)"
    )
    print("missed (first 15):", "; ".join(misses[:15]))
    print("false (first 15):", "; ".join(false[:15]))


if __name__ == "__main__":
    main()
