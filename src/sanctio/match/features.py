"""Feature functions, and what each tells (DESCRIPTIONS: the `/algorithms` catalogue)."""

from __future__ import annotations

from sanctio.match.names import Alignment
from sanctio.match.prepared import WEAK_ALIAS, PreparedEntity, best_weak_alias
from sanctio.match.query import PreparedQuery
from sanctio.match.result import Feature
from sanctio.model import PartialDate
from sanctio.runtime import memo

NAME_WEIGHT = 1.0
IDENTIFIER_WEIGHT = 0.95
#: Secondary evidence weighs by how much it tells: one full birth date in about 20,000
#: (a day in some 60 years) is strong, so a name that agrees only in part (a spelling
#: the matcher cannot bridge) alerts with it; a year, one in about 60, is weak; a month
#: in between. Conflicts cost more than agreements earn: lists rarely get a date wrong.
DOB_EXACT, DOB_SAME_MONTH, DOB_SAME_YEAR = 0.15, 0.05, 0.02
DOB_DAY_CONFLICT, DOB_NEAR_YEAR, DOB_CONFLICT = -0.08, -0.10, -0.30
COUNTRY_MATCH, COUNTRY_CONFLICT = 0.03, -0.10

#: What each feature tells, as the `/algorithms` catalogue shows it (data, not docstrings:
#: this module is compiled with mypyc, which keeps no docstrings).
DESCRIPTIONS: dict[str, str] = {
    "name_match": (
        "Best token alignment of a query name with a list name (typo, transliteration, word "
        "order, initials and missing middle names tolerated; rare tokens weigh more)."
    ),
    "weak_alias_match": (
        "A query name equals a weak alias of the list entry exactly (after normalisation); "
        "weak aliases (nicknames, short or generic names) prove less than a strong name, "
        "unless made of two or more words each rare across the lists."
    ),
    "identifier_match": (
        "An identifier of the query (passport, national ID, tax, IMO, LEI, BIC...) equals one "
        "of the list entry exactly, ignoring spaces, punctuation and case."
    ),
    "birth_date": (
        "Birth dates agree (raises the score) or conflict (lowers it); a list entry with no "
        "birth date is neither helped nor penalised. The best-agreeing pair of dates counts."
    ),
    "nationality": (
        "Query nationalities share a country with the list entry's nationality, citizenship "
        "or country (raises the score) or share none (lowers it)."
    ),
}


def name_match(alignment: Alignment | None) -> Feature | None:
    """DESCRIPTIONS["name_match"]."""
    if alignment is None:
        return None
    detail = alignment.detail()
    if alignment.numbers_differ:
        detail += "; numbers differ"
    return Feature(
        "name_match",
        alignment.score,
        NAME_WEIGHT,
        alignment.score * NAME_WEIGHT,
        alignment.query.text,
        alignment.candidate.text,
        detail,
    )


def weak_alias_match(pq: PreparedQuery, pe: PreparedEntity) -> Feature | None:
    """DESCRIPTIONS["weak_alias_match"]."""
    found = best_weak_alias(pq.exact_keys, pe.weak)
    if found is None:
        return None
    text, listed, w = found
    detail = "exact weak alias" + (", rare words" if w > WEAK_ALIAS else "")
    return Feature("weak_alias_match", 1.0, w, w, text, listed, detail)


def identifier_match(pq: PreparedQuery, pe: PreparedEntity) -> Feature | None:
    """DESCRIPTIONS["identifier_match"]."""
    for key, text in pq.identifiers.items():
        listed = pe.identifiers.get(key)
        if listed is not None:
            w = IDENTIFIER_WEIGHT
            return Feature("identifier_match", 1.0, w, w, text, listed, "exact identifier")
    return None


def _outcome(q: PartialDate, listed: PartialDate) -> tuple[float, str]:
    if q.year != listed.year:
        near = abs(q.year - listed.year) == 1
        return (DOB_NEAR_YEAR, "years one apart") if near else (DOB_CONFLICT, "different years")
    if q.month is None or listed.month is None:
        return DOB_SAME_YEAR, "same year"
    if q.month != listed.month:
        return DOB_DAY_CONFLICT, "same year, different month"
    if q.day is None or listed.day is None:
        return DOB_SAME_MONTH, "same year and month"
    if q.day != listed.day:
        return DOB_DAY_CONFLICT, "same month, different day"
    return DOB_EXACT, "same date"


@memo(65_536)
def _parse_date(text: str) -> PartialDate | None:
    try:
        return PartialDate.from_iso(text)
    except ValueError:
        return None


def birth_date(pq: PreparedQuery, pe: PreparedEntity) -> Feature | None:
    """DESCRIPTIONS["birth_date"]."""
    if not pq.birth_dates or not pe.birth_dates:
        return None
    best: tuple[float, str, PartialDate, str] | None = None
    for listed_text in pe.birth_dates:
        listed = _parse_date(listed_text)
        if listed is None:
            continue
        for q in pq.birth_dates:
            effect, detail = _outcome(q, listed)
            if best is None or effect > best[0]:
                best = (effect, detail, q, listed_text)
    if best is None:
        return None
    effect, detail, qd, lv = best
    return Feature("birth_date", 1.0 if effect > 0 else 0.0, effect, effect, qd.iso(), lv, detail)


def nationality(pq: PreparedQuery, pe: PreparedEntity) -> Feature | None:
    """DESCRIPTIONS["nationality"]."""
    if not pq.countries or not pe.countries:
        return None
    common = pq.countries & pe.countries
    qv, lv = ", ".join(sorted(pq.countries)), ", ".join(sorted(pe.countries))
    if common:
        return Feature("nationality", 1.0, COUNTRY_MATCH, COUNTRY_MATCH, qv, lv, "same country")
    return Feature(
        "nationality", 0.0, COUNTRY_CONFLICT, COUNTRY_CONFLICT, qv, lv, "no country in common"
    )
