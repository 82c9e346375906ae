"""The work budget of one request: how much matching one query, one batch row, one
`/match` request or one text may ask for, so the worst request within the limits
answers in about a second (figures: docs/benchmarks.md, benchmarks/worst_case.py).

The cost of scoring grows with the words to compare: names x words per name for a
query, all queries' words for a request, the name-like words of a text (the `sanctio
text` command has no budget: an operator's own document). Beyond a limit the
request is refused up front with `BudgetError` (HTTP 413, CLI exit 2; a batch row
becomes an error record), naming the field, the amount and the limit.
"""

from __future__ import annotations

from collections.abc import Iterable

from sanctio.exceptions import BudgetError

#: Words in one query name (a name longer than this is a list of names, not one).
MAX_NAME_WORDS = 40
#: Words across all names of one query or batch row (names x words).
MAX_QUERY_WORDS = 120
#: Words across all queries of one `/match` request.
MAX_REQUEST_WORDS = 1_200
#: Words of one text screened through the API (`/screen/text`): reading them is cheap.
MAX_TEXT_WORDS = 20_000
#: Name-like words (in runs of capitalised words, initials, particles) of one text
#: screened through the API: names are looked up in these, so they are what costs.
#: Ordinary prose has one in six or fewer; a table of names, all of them.
MAX_TEXT_NAME_WORDS = 800


def words(text: str) -> int:
    return len(text.split())


def check_names(names: Iterable[str], field: str = "name") -> int:
    """Words across `names`, each name and the total within the budget; returns the total."""
    total = 0
    for name in names:
        n = words(name)
        if n > MAX_NAME_WORDS:
            raise BudgetError(
                field, f"a name of {n} words is over the limit of {MAX_NAME_WORDS} words per name"
            )
        total += n
    if total > MAX_QUERY_WORDS:
        raise BudgetError(
            field,
            f"{total} words across the names of one query is over the limit of "
            f"{MAX_QUERY_WORDS} (names x words)",
        )
    return total


def check_request(total_words: int, field: str = "queries") -> None:
    if total_words > MAX_REQUEST_WORDS:
        raise BudgetError(
            field,
            f"{total_words} name words in one request is over the limit of "
            f"{MAX_REQUEST_WORDS}; split the queries over several requests",
        )


def check_name_words(count: int, limit: int = MAX_TEXT_NAME_WORDS, field: str = "text") -> None:
    if count > limit:
        raise BudgetError(
            field,
            f"{count} name-like words (capitalised words, initials) is over the limit of "
            f"{limit} per text; split the document (or screen it with `sanctio text`)",
        )


def check_text(text: str, field: str = "text", limit: int = MAX_TEXT_WORDS) -> None:
    n = words(text)
    if n > limit:
        raise BudgetError(
            field,
            f"{n} words is over the limit of {limit} words per text; "
            "split the document (or screen it with `sanctio text`)",
        )
