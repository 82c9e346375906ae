"""Ownership paths as text: "55.0% = 30% PUTIN, Vladimir (ofac-sdn:35096) + 25% SECHIN, ..."."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sanctio.ownership.graph import BoolArray, FloatArray, Graph, IntArray
from sanctio.ownership.majority import Owned

#: Paths written out per derived designation; the rest are counted.
PATH_LIMIT = 12
#: Search steps per designation when listing its paths.
STEP_LIMIT = 20_000

Namer = Callable[[int], str]


def pct(share: float) -> str:
    """0.3 -> "30", 0.125 -> "12.5": a share as percent, up to 4 decimals."""
    text = f"{round(share * 100, 4):.4f}".rstrip("0").rstrip(".")
    return text or "0"


def total(share: float) -> str:
    """0.55 -> "55.0": an aggregate share, at least one decimal."""
    value = round(share * 100, 4)
    return f"{value:.1f}" if round(value, 1) == value else pct(share)


def _chain(nodes: list[int], shares: list[float], name: Namer) -> tuple[float, str]:
    weight = float(np.prod(shares))
    if len(shares) == 1:
        return weight, f"{pct(weight)}% {name(nodes[0])}"
    inner = " → ".join(name(x) for x in nodes[1:-1])
    factors = " × ".join(f"{pct(s)}%" for s in shares)
    return weight, f"{pct(weight)}% {name(nodes[0])} through {inner} ({factors})"


def aggregate_paths(
    graph: Graph,
    incoming: tuple[IntArray, IntArray],
    node: int,
    blocked: BoolArray,
    agg: FloatArray,
    name: Namer,
) -> tuple[list[str], int, bool]:
    """(texts of the heaviest paths, paths found, search complete) into a node from blocked
    nodes through nodes that are not blocked."""
    in_off, in_edges = incoming
    found: list[tuple[float, str]] = []
    count = steps = 0
    stack: list[tuple[int, list[int], list[float]]] = [(node, [node], [])]
    complete = True
    while stack and complete:
        v, nodes, shares = stack.pop()
        for e in in_edges[in_off[v] : in_off[v + 1]].tolist():
            steps += 1
            if steps > STEP_LIMIT:
                complete = False
                break
            o = int(graph.src[e])
            if o in nodes:
                continue
            s = float(graph.share[e])
            if blocked[o]:
                count += 1
                found.append(_chain([o, *nodes], [s, *shares], name))
            elif agg[o] > 0.0:
                stack.append((o, [o, *nodes], [s, *shares]))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [text for _, text in found[:PATH_LIMIT]], count, complete


def majority_paths(graph: Graph, owned: Owned, name: Namer) -> list[str]:
    """How one listed person owns or controls the asset: each holding of their vehicles."""
    parts: list[str] = []
    person = owned.person
    for e in owned.edges:
        holder = int(graph.src[e])
        share = float(graph.share[e])
        what = f"{pct(share)}%" if share > 0 else "control by"
        if bool(graph.control[e]) and share > 0:
            what += " and control by"
        if holder == person:
            parts.append(f"{what} {name(person)}")
            continue
        chain = [holder]
        while chain[-1] != person and len(chain) <= len(owned.via):
            chain.append(owned.via[chain[-1]])
        path = " → ".join(name(x) for x in reversed(chain))
        parts.append(f"{what.removesuffix(' by')} through {path}")
    return parts
