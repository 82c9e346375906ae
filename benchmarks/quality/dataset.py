"""Build the benchmark: index entities, cross-list links, positive and negative cases."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from quality.cases import Case
from quality.linking import Link, clusters, find_links
from quality.lists import OFAC_CONS_ENHANCED, load_latest, load_version
from quality.negatives import NegativeBuilder
from quality.positives import PositiveBuilder
from sanctio.model import Entity


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything one run needs, rebuilt deterministically from the lists and a seed."""

    entities: dict[str, Entity]
    links: list[Link]
    positives: list[Case]
    negatives: list[Case]
    dropped_negatives: int

    def link_stats(self) -> dict[str, Any]:
        """Links per rule and per publisher pair, cluster sizes."""
        per_rule = Counter(link.rule for link in self.links)
        per_pair = Counter(
            f"{link.rule} {'/'.join(sorted((link.a.split(':')[0], link.b.split(':')[0])))}"
            for link in self.links
        )
        groups = {frozenset(v) for v in clusters(self.links).values()}
        return {
            "links_per_rule": dict(per_rule.most_common()),
            "links_per_rule_and_pair": dict(sorted(per_pair.items())),
            "clusters": len(groups),
            "cluster_sizes": dict(sorted(Counter(len(g) for g in groups).items())),
        }

    def spot_check(self, n: int, seed: int) -> list[dict[str, str]]:
        """A random sample of links with both names, for a human to judge."""
        rng = random.Random(seed)
        sample = rng.sample(self.links, min(n, len(self.links)))
        return [
            {
                "rule": link.rule,
                "evidence": link.evidence,
                "a": f"{link.a} {self.entities[link.a].caption}",
                "b": f"{link.b} {self.entities[link.b].caption}",
            }
            for link in sample
        ]


#: Extra Chinese and Korean customers per language (class faker-cjk, outside thresholds).
CJK_PER_LANGUAGE = 200


def build(
    positives: int, negatives: int, seed: int, cjk_per_language: int = CJK_PER_LANGUAGE
) -> Dataset:
    """Load the latest lists, link them, and draw the cases."""
    by_source = load_latest()
    # Wallets have no names: name matching is measured on the listed parties only.
    entities = {e.id: e for es in by_source.values() for e in es if e.schema != "CryptoWallet"}
    links = find_links(entities.values())
    groups = clusters(links)
    translations = load_version(OFAC_CONS_ENHANCED)
    pos = PositiveBuilder(entities, groups, translations, seed).build(positives)
    neg_builder = NegativeBuilder(list(entities.values()), seed + 1)
    neg = neg_builder.build(negatives)
    neg += neg_builder.cjk(cjk_per_language, seed + 2)
    return Dataset(entities, links, pos, neg, neg_builder.dropped)
