"""Free-text screening: find listed persons, organisations and vessels named in a document.

A document is a news text, a SWIFT MT message or ISO 20022 payment XML (detected, or
named by `kind`). Payment parties are screened as names with their BICs and
identifiers; remittance fields, and any message that parses only in part, are screened
as free text. `screen_text` is the pure entry point adapters (CLI, API) call.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sanctio.exceptions import InputError
from sanctio.match import Feature
from sanctio.screening.budget import check_name_words
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener
from sanctio.screening.service import Snapshot
from sanctio.screening.text.finder import Found, TextFinder, name_words
from sanctio.screening.text.gazetteer import gazetteer_for
from sanctio.screening.text.input import decode_text
from sanctio.screening.text.iso20022 import looks_like_xml, parse_xml
from sanctio.screening.text.parties import ParsedMessage, Party
from sanctio.screening.text.swift_mt import looks_like_mt, parse_mt
from sanctio.screening.text.tokens import Token, is_mixed_case, tokenize

KINDS: tuple[str, ...] = ("auto", "text", "swift", "iso20022")
#: Same weight as the engine's exact identifier feature.
BIC_WEIGHT = 0.95
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Mention:
    """One listed entity named in the document, where, and how well it matched."""

    start: int  # character offsets in the decoded text (a leading BOM removed)
    end: int
    text: str
    entity_id: str
    caption: str
    schema: str
    score: float
    features: tuple[Feature, ...]
    field: str | None = None  # payment field ("59", "Cdtr", "70"); None in plain text
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": [self.start, self.end],
            "text": self.text,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "score": round(self.score, 4),
            "field": self.field,
            "role": self.role,
            "features": [f.to_dict() for f in self.features],
        }


@dataclass(frozen=True, slots=True)
class TextReport:
    """Every mention found in one document, and what was screened against what."""

    kind: str
    mentions: tuple[Mention, ...]
    parties: tuple[Party, ...]
    warnings: tuple[str, ...]
    chars: int
    words: int
    threshold: float
    algorithm: str
    index: str
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "mentions": [m.to_dict() for m in self.mentions],
            "parties": [p.to_dict() for p in self.parties],
            "warnings": list(self.warnings),
            "chars": self.chars,
            "words": self.words,
            "threshold": self.threshold,
            "algorithm": self.algorithm,
            "index": self.index,
            "seconds": round(self.seconds, 4),
        }


def _blank_tags(text: str) -> str:
    """XML with every tag replaced by a hard break of the same length (offsets kept)."""
    return _TAG.sub(lambda m: "|" + " " * (len(m.group(0)) - 1), text)


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded document and, for a payment message, what could be parsed of it."""

    text: str
    message: ParsedMessage | None


def read_document(data: bytes | str, kind: str = "auto") -> Document:
    """Decode and parse without any list: bad input fails before an index is needed."""
    if kind not in KINDS:
        raise InputError("kind", f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    text = decode_text(data)
    if kind == "swift" or (kind == "auto" and looks_like_mt(text)):
        return Document(text, parse_mt(text))
    if kind == "iso20022" or (kind == "auto" and looks_like_xml(text)):
        return Document(text, parse_xml(text))
    return Document(text, None)


class TextScreener:
    """Screens documents against one screener's index (gazetteer built once per index)."""

    def __init__(self, screener: Screener) -> None:
        self.screener = screener
        self.index = screener.index
        self.finder = TextFinder(gazetteer_for(screener.index), screener.algorithm.name)
        self._allowed: dict[tuple[frozenset[str] | None, frozenset[str] | None], frozenset[int]]
        self._allowed = {}

    def _filter(
        self, schemas: Iterable[str] | None, sources: Iterable[str] | None
    ) -> frozenset[int] | None:
        if schemas is None and sources is None:
            return None
        key = (
            None if schemas is None else frozenset(schemas),
            None if sources is None else frozenset(sources),
        )
        found = self._allowed.get(key)
        if found is None:
            sc, so = key
            found = frozenset(
                i
                for i, (a, b) in enumerate(zip(self.index.schemas, self.index.sources, strict=True))
                if (sc is None or a in sc) and (so is None or b in so)
            )
            self._allowed[key] = found
        return found

    def screen(
        self,
        data: bytes | str | Document,
        *,
        kind: str = "auto",
        threshold: float | None = None,
        schemas: Iterable[str] | None = None,
        sources: Iterable[str] | None = None,
        max_name_words: int | None = None,
    ) -> TextReport:
        """Decode, detect, parse and screen one document; InputError on bad input, and
        BudgetError when it has more name-like words than `max_name_words` (the API's
        work budget; None: no limit)."""
        started = time.perf_counter()
        threshold = self.screener.algorithm.threshold if threshold is None else threshold
        if not 0.0 <= threshold <= 1.0:
            raise InputError("threshold", f"{threshold!r}: expected a number from 0 to 1")
        schemas = None if schemas is None else tuple(schemas)
        sources = None if sources is None else tuple(sources)
        document = data if isinstance(data, Document) else read_document(data, kind)
        text, message = document.text, document.message
        screened = _blank_tags(text) if message and message.kind.startswith("iso") else text
        cased = is_mixed_case(screened)
        tokens, words = tokenize(screened, cased)
        if max_name_words is not None:
            check_name_words(name_words(tokens, cased), max_name_words)
        allowed = self._filter(schemas, sources)
        mentions: list[Mention] = []
        if message is not None:
            for party in message.parties:
                mentions.extend(self._party(text, party, threshold, schemas, sources))
            for part in message.texts:
                inside = [t for t in tokens if t.start >= part.start and t.end <= part.end]
                found = self.finder.find(inside, cased=cased, threshold=threshold, allowed=allowed)
                mentions.extend(self._mentions(text, inside, found, part.field, part.role))
        if message is None or message.warnings:
            found = self.finder.find(tokens, cased=cased, threshold=threshold, allowed=allowed)
            mentions.extend(self._mentions(text, tokens, found, None, None))
        return TextReport(
            message.kind if message else "text",
            _dedupe(mentions),
            message.parties if message else (),
            message.warnings if message else (),
            len(text),
            words,
            threshold,
            self.screener.algorithm.name,
            self.index.identity,
            time.perf_counter() - started,
        )

    def _party(
        self,
        text: str,
        party: Party,
        threshold: float,
        schemas: Sequence[str] | None,
        sources: Sequence[str] | None,
    ) -> list[Mention]:
        """Screen one payment party as a name query with its identifiers."""
        try:
            query = Query.create(
                party.names,
                schema=party.schema,
                birth_dates=party.birth_dates,
                id_numbers=(*party.bics, *party.id_numbers),
            )
        except InputError:
            return []  # e.g. an unparseable birth date: the name is still screened as text
        result = self.screener.screen(
            query, threshold=threshold, limit=5, schemas=schemas, sources=sources, cutoff=threshold
        )
        where = (party.start, party.end, text[party.start : party.end])
        named = [
            Mention(
                *where,
                h.entity_id,
                h.caption,
                h.schema,
                h.score,
                h.features,
                party.field,
                party.role,
            )
            for h in result.matches
        ]
        return self._bic_mentions(party, where, threshold, schemas, sources) + named

    def _bic_mentions(
        self,
        party: Party,
        where: tuple[int, int, str],
        threshold: float,
        schemas: Sequence[str] | None,
        sources: Sequence[str] | None,
    ) -> list[Mention]:
        """Exact BIC hits (BICs have no digits, so the engine's identifier key skips them)."""
        allowed = self._filter(schemas, sources)
        out: list[Mention] = []
        bics = self.finder.gazetteer.bics
        for bic in party.bics:
            for e in bics.get(bic, ()):
                if allowed is not None and e not in allowed:
                    continue
                entity = self.index.prepared[e].entity
                listed = next((b for b in entity.get("swiftBic") if b.startswith(bic[:8])), bic)
                feature = Feature(
                    "identifier_match", 1.0, BIC_WEIGHT, BIC_WEIGHT, bic, listed, "exact BIC"
                )
                if threshold <= BIC_WEIGHT:
                    out.append(
                        Mention(
                            *where,
                            entity.id,
                            entity.caption,
                            entity.schema,
                            BIC_WEIGHT,
                            (feature,),
                            party.field,
                            party.role,
                        )
                    )
        return out

    def _mentions(
        self,
        text: str,
        tokens: Sequence[Token],
        found: Sequence[Found],
        field: str | None,
        role: str | None,
    ) -> list[Mention]:
        out: list[Mention] = []
        for f in found:
            entity = self.index.prepared[f.entity].entity
            start, end = tokens[f.first].start, tokens[f.last].end
            out.append(
                Mention(
                    start,
                    end,
                    text[start:end],
                    entity.id,
                    entity.caption,
                    entity.schema,
                    f.score,
                    f.features,
                    field,
                    role,
                )
            )
        return out


def _dedupe(mentions: list[Mention]) -> tuple[Mention, ...]:
    """One mention per entity and place; a party field's mention wins over free text."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.field is None, -m.score)):
        if any(k.entity_id == m.entity_id and k.start < m.end and m.start < k.end for k in kept):
            continue
        kept.append(m)
    return tuple(sorted(kept, key=lambda m: (m.start, -m.score, m.entity_id)))


def screen_text(
    screener: Screener,
    data: bytes | str | Document,
    *,
    kind: str = "auto",
    threshold: float | None = None,
    schemas: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    max_name_words: int | None = None,
) -> TextReport:
    """Screen one document against a screener's index (for the CLI and `POST /screen/text`)."""
    return text_screener(screener).screen(
        data,
        kind=kind,
        threshold=threshold,
        schemas=schemas,
        sources=sources,
        max_name_words=max_name_words,
    )


def text_screener(screener: Screener) -> TextScreener:
    """A TextScreener for this screener; cheap once the index's gazetteer exists."""
    return TextScreener(screener)


def screen_text_snapshot(
    snapshot: Snapshot,
    data: bytes | str | Document,
    *,
    kind: str = "auto",
    threshold: float | None = None,
    schemas: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    max_name_words: int | None = None,
) -> dict[str, Any]:
    """JSON-ready result naming the list versions used (for `POST /screen/text`)."""
    report = screen_text(
        snapshot.screener,
        data,
        kind=kind,
        threshold=threshold,
        schemas=schemas,
        sources=sources,
        max_name_words=max_name_words,
    )
    return {**report.to_dict(), "lists": snapshot.describe()}
