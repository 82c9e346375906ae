"""A screened customer's candidate keys, saved with a book so that a delta run can skip the
customers who cannot reach any added or changed entity, without analysing their names again.

The keys are what `NameIndex.candidates` and the wallet lookup draw candidates from: the
query's name forms (token tuples, as `Screener.prepare` analysed them), its cleaned
identifiers and its wallet keys. A customer is skipped only when `NameIndex.reachable` says
none of them reaches the delta index, which proves screening it there returns nothing.
Keys hold for one normaliser and one content of the customer's fields; the book checks both.
"""

from __future__ import annotations

from sanctio.index import NameIndex
from sanctio.match import PreparedQuery
from sanctio.normalize.abjad import is_abjad
from sanctio.normalize.wallets import wallet_key
from sanctio.screening.query import Query

_FORM = "\x1e"  # between name forms
_PART = "\x1d"  # between forms, identifiers and wallets
#: Starts a form romanised from Arabic script: its words are looked up with the Latin
#: spellings their consonants allow, as screening looks them up.
_ABJAD = "\x1c"
_UNSAFE = frozenset(" \t\n\r\x0b\x0c" + _FORM + _PART + _ABJAD)


def query_keys(query: Query, pq: PreparedQuery | None) -> str | None:
    """The keys of a screened query as one string; None when one of them cannot be
    written safely (such a customer is simply always screened)."""
    forms = [n.tokens for n in pq.names] if pq is not None else []
    marks = [_ABJAD if is_abjad(n.text) else "" for n in pq.names] if pq is not None else []
    identifiers = sorted(pq.identifiers) if pq is not None else []
    wallets = sorted({wallet_key(w) for w in query.wallets})
    words = [t for f in forms for t in f] + identifiers + wallets
    if any(not w or _UNSAFE.intersection(w) for w in words):
        return None
    return _PART.join(
        (
            _FORM.join(m + " ".join(f) for m, f in zip(marks, forms, strict=True)),
            " ".join(identifiers),
            " ".join(wallets),
        )
    )


def keys_reach(index: NameIndex, keys: str, known: dict[str, bool]) -> bool:
    """Whether a customer with these saved keys can find anything in `index`."""
    forms, identifiers, wallets = keys.split(_PART)
    parts = [f for f in forms.split(_FORM) if f]
    return index.reachable(
        [f.removeprefix(_ABJAD).split(" ") for f in parts],
        identifiers.split(),
        wallets.split(),
        known,
        abjad=[f.startswith(_ABJAD) for f in parts],
    )
