"""Run a Spark action so that Ctrl-C or a failure really stops it before cleanup.

PySpark's own Ctrl-C handler calls `cancelAllJobs` over the py4j connection that is
still waiting for the running action; that call fails and the job runs on (seen with
pyspark 4.3: a write interrupted after 4 s went on to commit its whole folder). So the
action runs in a helper thread under a job group of its own while the calling thread
only waits: on Ctrl-C or an error it cancels that group, then waits until the thread has
returned and no job or task of the group is still running, so nothing writes after cleanup.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

T = TypeVar("T")

#: How long cleanup waits for cancelled tasks to stop before giving up.
GRACE_SECONDS = 60.0


def run_action(spark: SparkSession, action: Callable[[], T], description: str) -> T:
    """`action()` (one or more Spark jobs), cancelled cleanly if the caller is interrupted."""
    from pyspark import InheritableThread

    sc = spark.sparkContext
    group = f"sanctio-{uuid.uuid4().hex[:12]}"
    outcome: dict[str, Any] = {}

    def target() -> None:
        sc.setJobGroup(group, description, interruptOnCancel=True)
        try:
            outcome["value"] = action()
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    thread = InheritableThread(target, name=group, daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.2)
    except BaseException:
        stop(sc, group, thread)
        raise
    if "error" in outcome:
        stop(sc, group, thread)  # a failed job's other tasks may still be running
        raise outcome["error"]
    value: T = outcome["value"]
    return value


def stop(sc: SparkContext, group: str, thread: Any) -> None:
    """Cancel the group's jobs and wait for its thread and its running tasks to end."""
    deadline = time.monotonic() + GRACE_SECONDS
    while thread.is_alive() and time.monotonic() < deadline:
        sc.cancelJobGroup(group)  # again each round: a job may start after a cancel
        thread.join(0.5)
    # Then until no task of the group runs and no job of it is still reported running:
    # a cancelled job's end reaches the status tracker a moment after its last task.
    tracker = sc.statusTracker()
    while time.monotonic() < deadline:
        running = 0
        for job in tracker.getJobIdsForGroup(group):
            info = tracker.getJobInfo(job)
            if info is not None and info.status == "RUNNING":
                running += 1
            for stage in info.stageIds if info else []:
                found = tracker.getStageInfo(stage)
                running += found.numActiveTasks if found else 0
        if not running:
            return
        time.sleep(0.1)
