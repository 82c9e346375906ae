"""EU/UK-style ownership and control: one listed person at a time, never added up.

For each listed person P: P's vehicles are P and every entity P owns (more than 50%) or
controls. An asset's holding by P is the sum of the shares P's vehicles hold in it, each
counted in full; the asset becomes a vehicle of P (so counts for the next level) when
that holding passes the threshold or a vehicle controls it. Holdings through entities P
does not own or control are not P's. Each entity is visited once per person: cycles end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sanctio.ownership.graph import Graph


@dataclass(frozen=True, slots=True)
class Owned:
    """`asset` owned or controlled by listed node `person` through edges `edges`."""

    person: int
    asset: int
    share: float  # sum of the shares P's vehicles hold, 0-1
    control: bool
    edges: tuple[int, ...]  # graph edge ids into the asset from P's vehicles
    via: dict[int, int]  # vehicle -> the vehicle it was reached from (P's chain)


def owned_by_each(
    graph: Graph, persons: Iterable[int], reached: Callable[[float], bool]
) -> dict[int, list[Owned]]:
    """asset node -> every listed person owning or controlling it, with how."""
    off, edges = graph.outgoing()
    out: dict[int, list[Owned]] = {}
    for person in persons:
        if off[person] == off[person + 1]:
            continue
        vehicles: dict[int, int] = {person: person}
        holding: dict[int, float] = {}
        through: dict[int, list[int]] = {}
        controls: set[int] = set()
        stack = [person]
        while stack:
            x = stack.pop()
            # Only the edges of P's vehicles are read: a few per person, not the graph.
            out_edges = edges[off[x] : off[x + 1]]
            for e, y, share, control in zip(
                out_edges.tolist(),
                graph.dst[out_edges].tolist(),
                graph.share[out_edges].tolist(),
                graph.control[out_edges].tolist(),
                strict=True,
            ):
                if y == person:
                    continue
                holding[y] = holding.get(y, 0.0) + share
                through.setdefault(y, []).append(e)
                if control:
                    controls.add(y)
                if y not in vehicles and (control or reached(holding[y])):
                    vehicles[y] = x
                    stack.append(y)
        for asset, parent in vehicles.items():
            if asset == person:
                continue
            del parent
            out.setdefault(asset, []).append(
                Owned(
                    person,
                    asset,
                    holding.get(asset, 0.0),
                    asset in controls,
                    tuple(through[asset]),
                    vehicles,
                )
            )
    return out
