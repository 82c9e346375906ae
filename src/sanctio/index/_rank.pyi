from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

class Ranker:
    """Candidate ranking over an index's names: postings sums, approximate scores, grouping."""

    def __init__(
        self,
        penalty: npt.NDArray[np.float64],
        entity: npt.NDArray[np.int32],
        local: npt.NDArray[np.int32],
        n_entities: int,
    ) -> None: ...
    def set_postings(
        self,
        offsets: npt.NDArray[np.int64],
        ids: npt.NDArray[np.int32],
        gains: npt.NDArray[np.float64],
    ) -> None: ...
    def gather(self, values: list[float], tokens: list[int]) -> tuple[bytes, bytes, bytes]: ...
    def rank(
        self,
        chunks: Sequence[
            tuple[
                int, npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.float64], bool
            ]
        ],
        query_weight: list[float],
        mask: npt.NDArray[np.bool_] | None,
        floor: float,
        keep: int,
        limit: int,
        slack: float,
    ) -> list[tuple[int, float, list[int]]]: ...
