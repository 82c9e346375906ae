"""OFAC `Digital Currency Address - XBT` identifiers -> FtM `CryptoWallet` entities (pure).

OFAC writes a listed party's wallet addresses as identifiers of that party (a Remarks
segment `Digital Currency Address - ETH 0x...` in the legacy CSV, a feature or identity
document of that type in the Enhanced XML). FollowTheMoney models each address as a
`CryptoWallet` entity whose `holder` is the party; its id is the holder's with the
currency and address appended, stable across list versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sanctio.model import Entity

WALLET_SCHEMA = "CryptoWallet"
#: The identifier type, with the currency OFAC states (XBT, ETH, USDT, TRX, XMR, ...).
WALLET_TYPE = re.compile(r"^Digital Currency Address\s*-\s*([A-Za-z0-9]+)$")
#: A whole Remarks segment: `[alt. ]Digital Currency Address - XBT 1Abc...`.
WALLET_SEGMENT = re.compile(
    r"^(?:(?i:alt\.)\s+)?Digital Currency Address\s*-\s*(?P<currency>[A-Za-z0-9]+)"
    r"\s+(?P<address>\S+)$"
)


def wallet_currency(id_type: str) -> str | None:
    """The currency of a `Digital Currency Address - XXX` type, None for other types."""
    m = WALLET_TYPE.match(id_type.strip())
    return m.group(1).upper() if m else None


def wallet_entities(
    holder: Entity, wallets: Iterable[tuple[str, str]], publisher: str = "OFAC"
) -> list[Entity]:
    """One CryptoWallet per distinct (currency, address) the holder's record states."""
    out: list[Entity] = []
    seen: set[tuple[str, str]] = set()
    for currency, address in wallets:
        address = address.strip().rstrip(".,;")
        if not address or (currency, address) in seen:
            continue
        seen.add((currency, address))
        props: dict[str, tuple[str, ...]] = {
            "publicKey": (address,),
            "currency": (currency,),
            "holder": (holder.id,),
            "topics": ("sanction",),
            "publisher": (publisher,),
        }
        program = holder.get("program")
        if program:
            props["program"] = program
        native = f"{holder.native_id}-{currency.lower()}-{address}"
        out.append(Entity(f"{holder.source}:{native}", WALLET_SCHEMA, props))
    return out
