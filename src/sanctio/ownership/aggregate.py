"""OFAC-style aggregation: blocked owners' holdings add up, blocked entities count in full.

For node v, `agg[v]` = sum over ownership paths from a blocked node to v whose inner nodes
are not blocked, of the product of the shares along the path; v is blocked when listed or
when `agg[v]` reaches the threshold. Where the graph has no cycle this is one pass in
topological order, `agg[v] = sum(share(o, v) * (1 if blocked[o] else agg[o]))`, run level
by level with numpy. Cycles (cross-holdings) are found by peeling the acyclic part from
both ends (vectorised) and running Tarjan on the small core that is left; each strongly
connected component is taken as one step of the order, its paths enumerated (simple
paths: a cycle is never walked twice) until no more of its members become blocked. The
result is exact (no path is pruned); a component too entangled to enumerate within the
budget raises rather than answer approximately.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from sanctio.exceptions import SanctioError
from sanctio.ownership.graph import BoolArray, FloatArray, Graph, IntArray

#: Path steps allowed inside one strongly connected component.
PATH_BUDGET = 2_000_000


class OwnershipCycleError(SanctioError):
    """An ownership cycle with too many paths to compute the rule exactly."""


def _csr(n: int, src: IntArray, dst: IntArray) -> tuple[IntArray, IntArray]:
    """(offsets, targets ordered by source)."""
    order = np.argsort(src, kind="stable")
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=offsets[1:])
    return offsets, dst[order]


def _gather(offsets: IntArray, targets: IntArray, nodes: IntArray) -> IntArray:
    """Every target of `nodes` (with repeats), vectorised."""
    starts = offsets[nodes]
    counts = offsets[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return targets[shift + np.arange(total)]


def kahn(n: int, src: IntArray, dst: IntArray) -> IntArray:
    """Topological level of each node (Kahn, one numpy step per level); -1 for nodes in or
    below a cycle."""
    offsets, targets = _csr(n, src, dst)
    indeg = np.bincount(dst, minlength=n).astype(np.int64)
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    depth = 0
    while frontier.size:
        level[frontier] = depth
        reached = _gather(offsets, targets, frontier)
        if not reached.size:
            break
        dec = np.bincount(reached, minlength=n)
        indeg -= dec
        frontier = np.flatnonzero((dec > 0) & (indeg == 0))
        depth += 1
    return level


@dataclass(slots=True)
class Structure:
    """The order the rule is computed in: levels of the graph with each cycle component
    condensed to one step."""

    level: IntArray  # per node (a cycle member has its component's level)
    in_cycle: BoolArray
    cycles: dict[int, list[int]]  # first member -> members, for components of 2+ nodes
    edge_order: IntArray  # edges by the level of their asset
    edge_bounds: IntArray
    node_order: IntArray  # nodes outside cycles, by level
    node_bounds: IntArray
    cycles_at: dict[int, list[int]] = field(default_factory=dict)  # level -> components

    @property
    def depth(self) -> int:
        return len(self.edge_bounds) - 1


def structure(graph: Graph) -> Structure:
    n, src, dst = graph.size, graph.src, graph.dst
    comp = np.arange(n, dtype=np.int64)
    cycles: dict[int, list[int]] = {}
    forward = kahn(n, src, dst)
    if (forward < 0).any():
        residual = forward < 0
        inner = residual[src] & residual[dst]
        backward = kahn(n, dst[inner], src[inner])  # peel what leads to no cycle
        core = residual & (backward < 0)
        keep = inner & core[src] & core[dst]
        offsets, targets = _csr(n, src[keep], dst[keep])

        def successors(v: int) -> list[int]:
            return targets[offsets[v] : offsets[v + 1]].tolist()  # type: ignore[no-any-return]

        for component in _components(np.flatnonzero(core).tolist(), successors):
            if len(component) > 1:
                cycles[component[0]] = component
                comp[component] = component[0]
    cs, cd = comp[src], comp[dst]
    cross = cs != cd
    if cycles:
        level = kahn(n, cs[cross], cd[cross])
        if (level < 0).any():  # cannot happen: the condensed graph is acyclic
            raise OwnershipCycleError("ownership cycles could not be condensed")
        level = level[comp]
    else:
        level = forward
    in_cycle = np.zeros(n, dtype=np.bool_)
    for members in cycles.values():
        in_cycle[members] = True
    top = int(level.max()) if n else 0
    edge_level = np.where(cross, level[dst], -1)
    edge_order = np.argsort(edge_level, kind="stable")
    edge_bounds = np.searchsorted(edge_level[edge_order], np.arange(top + 2))
    node_level = np.where(in_cycle, -1, level)
    node_order = np.argsort(node_level, kind="stable")
    node_bounds = np.searchsorted(node_level[node_order], np.arange(top + 2))
    found = Structure(level, in_cycle, cycles, edge_order, edge_bounds, node_order, node_bounds)
    for first in cycles:
        found.cycles_at.setdefault(int(level[first]), []).append(first)
    return found


@dataclass(slots=True)
class Aggregation:
    """The rule's state over one graph: kept so a list update recomputes only what it
    reaches (`update`)."""

    listed: BoolArray
    blocked: BoolArray
    agg: FloatArray
    factor: FloatArray  # 1 for blocked nodes, else agg: what a holding by the node passes on
    structure: Structure
    touched: int = 0  # nodes recomputed by the last pass


def aggregate(
    graph: Graph, listed: BoolArray, reached: Callable[[float], bool]
) -> tuple[BoolArray, FloatArray]:
    """(blocked, agg) for every node; `listed` are the blocked persons of the lists."""
    state = compute(graph, listed, reached)
    return state.blocked, state.agg


def compute(graph: Graph, listed: BoolArray, reached: Callable[[float], bool]) -> Aggregation:
    """The rule over the whole graph."""
    state = Aggregation(
        listed.copy(),
        listed.copy(),
        np.zeros(graph.size, dtype=np.float64),
        listed.astype(np.float64),
        structure(graph),
    )
    _run(graph, state, None, reached)
    return state


def update(
    graph: Graph, state: Aggregation, listed: BoolArray, reached: Callable[[float], bool]
) -> Aggregation:
    """The rule after the lists changed: only nodes reachable from a node whose listing
    changed are recomputed (a designation or a delisting touches its own holdings only)."""
    changed = np.flatnonzero(state.listed != listed)
    new = Aggregation(
        listed.copy(),
        state.blocked.copy(),
        state.agg.copy(),
        state.factor.copy(),
        state.structure,
    )
    if not changed.size:
        return new
    affected = descendants(graph, changed)
    new.blocked[affected] = listed[affected]
    new.agg[affected] = 0.0
    new.factor[affected] = listed[affected].astype(np.float64)
    mask = np.zeros(graph.size, dtype=np.bool_)
    mask[affected] = True
    _run(graph, new, mask, reached)
    return new


def descendants(graph: Graph, nodes: IntArray) -> IntArray:
    """`nodes` and every node they hold, directly or indirectly (vectorised BFS)."""
    offsets, targets = _csr(graph.size, graph.src, graph.dst)
    seen = np.zeros(graph.size, dtype=np.bool_)
    seen[nodes] = True
    frontier = np.unique(nodes)
    while frontier.size:
        reached = np.unique(_gather(offsets, targets, frontier))
        frontier = reached[~seen[reached]]
        seen[frontier] = True
    return np.flatnonzero(seen)


def _run(
    graph: Graph, state: Aggregation, only: BoolArray | None, reached: Callable[[float], bool]
) -> None:
    """Level by level; `only` limits the nodes recomputed."""
    st = state.structure
    blocked, agg, factor = state.blocked, state.agg, state.factor
    n = graph.size
    touched = 0
    incoming: tuple[IntArray, IntArray] | None = None
    for depth in range(st.depth):
        lo, hi = st.node_bounds[depth], st.node_bounds[depth + 1]
        nodes = st.node_order[lo:hi]
        if only is not None:
            nodes = nodes[only[nodes]]
        es = st.edge_order[st.edge_bounds[depth] : st.edge_bounds[depth + 1]]
        es = es[~st.in_cycle[graph.dst[es]]]
        if only is not None:
            es = es[only[graph.dst[es]]]
        if depth > 0 and nodes.size:
            touched += nodes.size
            sums = np.bincount(
                graph.dst[es], weights=graph.share[es] * factor[graph.src[es]], minlength=n
            )
            agg[nodes] = sums[nodes]
            fresh = nodes[~blocked[nodes] & (sums[nodes] >= 0.5 - 1e-9)]
            if fresh.size:
                fresh = np.array(
                    [v for v in fresh.tolist() if reached(float(agg[v]))], dtype=np.int64
                )
                blocked[fresh] = True
            factor[nodes] = np.where(blocked[nodes], 1.0, agg[nodes])
        for first in st.cycles_at.get(depth, ()):
            if only is not None and not only[first]:
                continue
            if incoming is None:
                incoming = graph.incoming()
            members = st.cycles[first]
            touched += len(members)
            _cycle(graph, incoming, members, blocked, agg, factor, reached)
    state.touched = touched


def _cycle(
    graph: Graph,
    incoming: tuple[IntArray, IntArray],
    component: list[int],
    blocked: BoolArray,
    agg: FloatArray,
    factor: FloatArray,
    reached: Callable[[float], bool],
) -> None:
    """One cycle component, its owners outside it being final."""
    in_off, in_edges = incoming
    members = set(component)
    ext: dict[int, float] = {}
    internal: dict[int, list[tuple[int, float]]] = {v: [] for v in component}
    for v in component:
        total = 0.0
        for e in in_edges[in_off[v] : in_off[v + 1]].tolist():
            u = int(graph.src[e])
            if u in members:
                if u != v:
                    internal[u].append((v, float(graph.share[e])))
            else:
                total += float(graph.share[e]) * float(factor[u])
        ext[v] = total
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
