"""Batch runners: bulk screening collects the young generation less often, in the calling
process and in forked workers (runtime.bulk_collector), and puts the setting back."""

from __future__ import annotations

import gc
from collections.abc import Sequence

import pytest

from sanctio.runtime import BULK_YOUNG_ALLOCATIONS
from sanctio.screening.batch.pool import make_runner


def _threshold(chunk: Sequence[object]) -> int:
    return gc.get_threshold()[0]


@pytest.mark.parametrize(("workers", "executor"), [(1, "process"), (2, "process"), (2, "thread")])
def test_runners_screen_with_the_bulk_collector_and_restore_it(workers: int, executor: str) -> None:
    before = gc.get_threshold()
    with make_runner(_threshold, workers=workers, executor=executor) as runner:  # type: ignore[arg-type]
        seen: list[object] = list(runner.map([[1], [2], [3]]))  # type: ignore[list-item]
    assert seen == [max(before[0], BULK_YOUNG_ALLOCATIONS)] * 3
    assert gc.get_threshold() == before
