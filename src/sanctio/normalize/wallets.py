"""Crypto wallet addresses -> the form two spellings of one address share (pure).

Case is part of most address encodings, so it is kept unless the chain's encoding says
it carries nothing:

- hexadecimal Ethereum-style addresses (`0x` + 40 hex digits: ETH, USDT/USDC on Ethereum,
  BSC, ARB, ETC): EIP-55 mixed case is only a checksum, the address is the number, so they
  compare in lower case;
- Bech32/Bech32m segwit addresses (`bc1...`, `ltc1...`, `tb1...`): BIP-173 allows all
  lower or all upper case and forbids mixing, so an all-upper address is lowered and a
  mixed-case one is kept as written (it is not a valid address and matches nothing else);
- Base58 (Bitcoin legacy, Tron, Litecoin, Dash, ...) and every other encoding keep their
  case: a Bitcoin address with one letter's case changed is another address.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"^0[xX][0-9a-fA-F]{40}$")
#: Human-readable part, separator `1`, then the Bech32 alphabet (no 1, b, i, o).
_BECH32 = re.compile(r"^[a-zA-Z]{1,83}1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}$")
#: Address characters: letters, digits and the `:` of prefixed forms (bitcoincash:q...).
_ADDRESS = re.compile(r"^[0-9A-Za-z:]{16,128}$")

#: OFAC currency codes -> the ticker most wallets and exchanges use.
_CURRENCY_ALIASES = {"XBT": "BTC"}


def wallet_key(address: str) -> str:
    """The comparable form of one address (see the module docstring for the rules)."""
    text = "".join(address.split())
    if _HEX.match(text):
        return "0x" + text[2:].lower()
    if _BECH32.match(text) and text.isupper():
        return text.lower()
    return text


def is_wallet_address(text: str) -> bool:
    """Whether `text` looks like an address (16-128 letters and digits, no spaces)."""
    return bool(_ADDRESS.match("".join(text.split())))


def currency_code(code: str) -> str:
    """A currency code as OFAC or a customer writes it -> upper-case ticker (XBT -> BTC)."""
    text = code.strip().upper()
    return _CURRENCY_ALIASES.get(text, text)
