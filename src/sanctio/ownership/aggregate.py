"""OFAC-style aggregation: blocked owners' holdings add up, blocked entities count in full.

For node v, `agg[v]` = sum over ownership paths from a blocked node to v whose inner nodes
are not blocked, of the product of the shares along the path; v is blocked when listed or
when `agg[v]` reaches the threshold. On the acyclic part this is one pass in topological
order, `agg[v] = sum(share(o, v) * (1 if blocked[o] else agg[o]))`, run level by level
with numpy. Nodes in or below an ownership cycle are then taken strongly connected
component by component, in order; inside a component the paths are enumerated (simple
paths: a cycle is never walked twice) until no more of its nodes become blocked. The
result is exact (no path is pruned); a component too entangled to enumerate within the
budget raises rather than answer approximately.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from sanctio.exceptions import SanctioError
from sanctio.ownership.graph import BoolArray, FloatArray, Graph, IntArray

#: Path steps allowed inside one strongly connected component.
PATH_BUDGET = 2_000_000


class OwnershipCycleError(SanctioError):
    """An ownership cycle with too many paths to compute the rule exactly."""


def levels(graph: Graph) -> IntArray:
    """Topological level of each node (Kahn, vectorised); -1 for nodes in or below a cycle."""
    n = graph.size
    off, edges = graph.outgoing()
    targets_by_src = graph.dst[edges]
    indeg = np.bincount(graph.dst, minlength=n).astype(np.int64)
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    depth = 0
    while frontier.size:
        level[frontier] = depth
        starts = off[frontier]
        counts = off[frontier + 1] - starts
        total = int(counts.sum())
        if total == 0:
            break
        shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
        targets = targets_by_src[shift + np.arange(total)]
        indeg -= np.bincount(targets, minlength=n)
        cand = np.unique(targets)
        frontier = cand[indeg[cand] == 0]
        depth += 1
    return level


def aggregate(
    graph: Graph, listed: BoolArray, reached: Callable[[float], bool]
) -> tuple[BoolArray, FloatArray]:
    """(blocked, agg) for every node; `listed` are the blocked persons of the lists."""
    n = graph.size
    blocked = listed.copy()
    agg = np.zeros(n, dtype=np.float64)
    factor = blocked.astype(np.float64)
    level = levels(graph)
    edge_level = level[graph.dst]
    order = np.argsort(edge_level, kind="stable")
    sorted_levels = edge_level[order]
    top = int(level.max()) if n else -1
    bounds = np.searchsorted(sorted_levels, np.arange(top + 2))
    for depth in range(1, top + 1):
        es = order[bounds[depth] : bounds[depth + 1]]
        if not es.size:
            continue
        nodes, inverse = np.unique(graph.dst[es], return_inverse=True)
        sums = np.bincount(inverse, weights=graph.share[es] * factor[graph.src[es]])
        agg[nodes] = sums
        fresh = nodes[~blocked[nodes] & (sums >= 0.5 - 1e-9)]
        if fresh.size:
            fresh = np.array([v for v in fresh.tolist() if reached(float(agg[v]))], dtype=np.int64)
            blocked[fresh] = True
        factor[nodes] = np.where(blocked[nodes], 1.0, agg[nodes])
    residual = np.flatnonzero(level < 0)
    if residual.size:
        _cyclic(graph, residual, blocked, agg, factor, reached)
    return blocked, agg


def _cyclic(
    graph: Graph,
    residual: IntArray,
    blocked: BoolArray,
    agg: FloatArray,
    factor: FloatArray,
    reached: Callable[[float], bool],
) -> None:
    """Nodes in or below cycles, component by component in topological order."""
    in_off, in_edges = graph.incoming()
    out_off, out_edges = graph.outgoing()
    inside = np.zeros(graph.size, dtype=np.bool_)
    inside[residual] = True
    src, dst, share = graph.src.tolist(), graph.dst.tolist(), graph.share.tolist()

    def successors(v: int) -> list[int]:
        return [
            dst[e] for e in out_edges[out_off[v] : out_off[v + 1]].tolist() if inside[dst[e]]
        ]

    for component in _components(residual.tolist(), successors):
        members = set(component)
        ext: dict[int, float] = {}
        internal: dict[int, list[tuple[int, float]]] = {v: [] for v in component}
        for v in component:
            total = 0.0
            for e in in_edges[in_off[v] : in_off[v + 1]].tolist():
                u = src[e]
                if u in members:
                    if u != v:
                        internal[u].append((v, share[e]))
                else:
                    total += share[e] * float(factor[u])
            ext[v] = total
        if len(component) == 1:
            v = component[0]
            agg[v] = ext[v]
            if not blocked[v] and reached(ext[v]):
                blocked[v] = True
        else:
            _within(component, ext, internal, blocked, agg, reached)
        for v in component:
            factor[v] = 1.0 if blocked[v] else agg[v]


def _within(
    component: list[int],
    ext: dict[int, float],
    internal: dict[int, list[tuple[int, float]]],
    blocked: BoolArray,
    agg: FloatArray,
    reached: Callable[[float], bool],
) -> None:
    """Simple paths inside one cycle component, repeated until no node becomes blocked."""
    while True:
        total = dict(ext)
        steps = 0
        for start in component:
            weight = 1.0 if blocked[start] else ext[start]
            if weight == 0.0:
                continue
            stack: list[tuple[int, float, frozenset[int]]] = [(start, weight, frozenset((start,)))]
            while stack:
                node, w, path = stack.pop()
                for nxt, s in internal[node]:
                    if nxt in path:
                        continue
                    steps += 1
                    if steps > PATH_BUDGET:
                        raise OwnershipCycleError(
                            f"an ownership cycle of {len(component)} parties has more than "
                            f"{PATH_BUDGET} paths; the rule cannot be computed exactly"
                        )
                    total[nxt] += w * s
                    if not blocked[nxt]:
                        stack.append((nxt, w * s, path | {nxt}))
        changed = False
        for v in component:
            agg[v] = total[v]
            if not blocked[v] and reached(total[v]):
                blocked[v] = True
                changed = True
        if not changed:
            return


def _components(nodes: list[int], successors: Callable[[int], list[int]]) -> Iterator[list[int]]:
    """Strongly connected components (iterative Tarjan), owners before what they own."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[int, Iterator[int]]] = [(root, iter(successors(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(successors(w))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                found.append(component)
    # Tarjan emits a component after every component it reaches: reverse for owners first.
    return reversed(found)
