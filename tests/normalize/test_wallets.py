"""Wallet address keys: hex compares without case, Base58 keeps it, Bech32 as BIP-173."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctio.normalize.wallets import currency_code, is_wallet_address, wallet_key

ETH = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
XBT = "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"
BECH32 = "bc1qsxqzjfszxnj6tlh5wgp8rqrhxs0c7jp4a7wt6s"


def test_hex_addresses_compare_without_case() -> None:
    assert wallet_key(ETH) == wallet_key(ETH.lower()) == wallet_key(ETH.upper().replace("0X", "0x"))
    assert wallet_key(ETH).startswith("0x") and wallet_key(ETH) == wallet_key(ETH).lower()


def test_base58_keeps_case() -> None:
    changed = XBT[:-1] + XBT[-1].upper()
    assert wallet_key(XBT) == XBT
    assert wallet_key(changed) != wallet_key(XBT)


def test_bech32_upper_is_the_same_address_mixed_is_not() -> None:
    assert wallet_key(BECH32.upper()) == wallet_key(BECH32) == BECH32
    mixed = BECH32[:10] + BECH32[10:].upper()
    assert wallet_key(mixed) != wallet_key(BECH32)


def test_spaces_are_not_part_of_an_address() -> None:
    assert wallet_key(f" {XBT[:10]} {XBT[10:]} ") == XBT


def test_address_shape_and_currency() -> None:
    assert is_wallet_address(ETH) and is_wallet_address(XBT)
    assert not is_wallet_address("abc") and not is_wallet_address("0x12;DROP TABLE")
    assert currency_code(" xbt ") == "BTC" and currency_code("eth") == "ETH"


@given(st.text(alphabet="0123456789abcdefABCDEF", min_size=40, max_size=40))
def test_hex_key_is_case_free(digits: str) -> None:
    assert wallet_key("0x" + digits) == wallet_key("0x" + digits.swapcase())
