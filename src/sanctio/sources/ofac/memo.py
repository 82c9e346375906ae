"""Mappings of OFAC records kept between the list versions one process reads (pure data)."""

from __future__ import annotations

from dataclasses import dataclass

from sanctio.model import Entity


@dataclass(frozen=True, slots=True)
class Mapped:
    """A record's entity before its links are resolved, its link targets and problems,
    and the CryptoWallet entities of the addresses it states."""

    entity: Entity
    links: tuple[str, ...]
    problems: tuple[tuple[str, str, str], ...]
    wallets: tuple[Entity, ...] = ()


class Memo:
    """Record content -> its mapping, for the records of the last file read here.

    Most records recur unchanged from one version of a list to the next, so reading
    several versions in one process maps each of them once. The reader calls `begin`
    and `end` around each file: between files only the last file's mappings are kept.
    """

    __slots__ = ("last", "now")

    #: Entries at which `put` starts afresh (callers that never call `begin`).
    LIMIT = 100_000

    def __init__(self) -> None:
        self.last: dict[tuple[object, ...], Mapped] = {}
        self.now: dict[tuple[object, ...], Mapped] = {}

    def begin(self) -> None:
        self.last, self.now = self.now, {}

    def end(self) -> None:
        self.last = {}

    def get(self, key: tuple[object, ...]) -> Mapped | None:
        found = self.now.get(key)
        if found is None:
            found = self.last.get(key)
            if found is not None:
                self.now[key] = found
        return found

    def put(self, key: tuple[object, ...], mapped: Mapped) -> None:
        if len(self.now) >= self.LIMIT:
            self.begin()
        self.now[key] = mapped


MEMO = Memo()
