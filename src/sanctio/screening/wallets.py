"""Wallet address queries: exact lookups of the listed CryptoWallet entities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sanctio.index import NameIndex
from sanctio.match import Feature
from sanctio.normalize.wallets import currency_code

WALLET_SCHEMA = "CryptoWallet"
#: A listed address is proof of the holder, as an identical document number is.
WALLET_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class WalletHit:
    """A listed wallet holding a queried address, named by its holder."""

    entity_id: str
    caption: str
    feature: Feature


def wallet_hits(
    index: NameIndex, addresses: Iterable[str], sources: frozenset[str] | None = None
) -> list[WalletHit]:
    """Every listed wallet with one of these addresses; its caption names the holder."""
    hits: dict[str, WalletHit] = {}
    for address in addresses:
        for e in index.wallet_entities(address):
            entity = index.prepared[e].entity
            if entity.id in hits or (sources is not None and entity.source not in sources):
                continue
            listed = entity.first("publicKey") or ""
            currency = entity.first("currency") or ""
            holder_id = entity.first("holder")
            holder = holder_id
            if holder_id is not None and holder_id in index:
                holder = index.entity(holder_id).caption
            caption = f"{holder or entity.id} ({currency_code(currency)} wallet)"
            same = "exactly" if listed == address else "as the chain compares addresses"
            detail = f"{currency} address of {holder or 'an unnamed holder'} ({holder_id}), {same}"
            feature = Feature(
                "wallet_match", 1.0, WALLET_WEIGHT, WALLET_WEIGHT, address, listed, detail
            )
            hits[entity.id] = WalletHit(entity.id, caption, feature)
    return sorted(hits.values(), key=lambda h: h.entity_id)
