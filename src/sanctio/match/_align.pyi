from collections.abc import Callable, Mapping

from sanctio.match.prepared import PreparedName

def align_score(
    q: PreparedName,
    n: PreparedName,
    sims: list[Mapping[str, float]],
    person: bool,
    literal_similarity: Callable[[str, str], float],
) -> float | None: ...
def configure(
    *,
    exact: float,
    phonetic: float,
    abjad: float,
    org_synonym: float,
    tolerant: float,
    initial: float,
    near: float,
    near_similarity: float,
    near_length: int,
    short: int,
    extra_query_patronymic: float,
    extra_query_covered: float,
    extra_query_anchored: float,
    anchor_similarity: float,
    covered_strong: int,
    covered_query_words: int,
    extra_list_person: float,
    extra_list_other: float,
    number_mismatch: float,
    syllable_conflict: float,
    lone_letters: int,
    lone_edit: float,
) -> None: ...
