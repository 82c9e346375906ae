from collections.abc import Sequence

class FuzzyTable:
    """Deletion-neighbourhood table over listed tokens, with token-similarity checks."""

    def __init__(
        self,
        tokens: list[str],
        keys: list[str],
        sounds: list[str],
        entries: list[tuple[str, int, Sequence[int]]],
        budgets: bytes,
        short: int,
        tolerant: float,
        phonetic: float,
        phonetic_edits: int,
    ) -> None: ...
    def similar(
        self,
        token: str,
        key: str,
        sound: str,
        key_budget: int,
        token_budget: int,
        extra: Sequence[int],
    ) -> dict[str, float]: ...
    def owners(self, text: str, budget: int) -> list[int]: ...
