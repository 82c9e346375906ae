"""A long run of name-like words (capitalised prose, a table of names) is read in windows:
names anywhere in it are found as in a short text, at every window boundary, once each."""

from __future__ import annotations

import random

from sanctio.screening.screen import Screener
from sanctio.screening.text.finder import CONTEXT, WINDOW, _windows
from sanctio.screening.text.screen import screen_text

PUTIN, SECHIN = "ofac-sdn:35096", "ofac-sdn:16692"
FILLER = ["Apple", "Bridge", "Carpet", "Dolphin", "Engine", "Forest", "Garden", "Harbour"]


def test_windows_cover_the_run_once() -> None:
    run = range(5, 5 + 1000)
    windows = _windows(run)
    kept = [i for _, keep in windows for i in keep]
    assert kept == list(run)
    for seen, keep in windows:
        assert seen.start == max(run.start, keep.start - CONTEXT)
        assert seen.stop == min(run.stop, keep.stop + CONTEXT)
    assert _windows(range(0, WINDOW + 2 * CONTEXT)) == [(range(0, 64), range(0, 64))]


def test_names_in_a_long_capitalised_run_are_found_once(history_screener: Screener) -> None:
    rng = random.Random(3)
    words = [rng.choice(FILLER) for _ in range(600)]
    # Names across window boundaries (32, 64, ...) and in the middle of one.
    for at, name in ((30, "Vladimir Putin"), (95, "Igor Sechin"), (300, "Vladimir Putin")):
        words[at : at + 2] = name.split()
    report = screen_text(history_screener, " ".join(words))
    found = [(m.entity_id, m.text) for m in report.mentions]
    assert found == [
        (PUTIN, "Vladimir Putin"),
        (SECHIN, "Igor Sechin"),
        (PUTIN, "Vladimir Putin"),
    ]
