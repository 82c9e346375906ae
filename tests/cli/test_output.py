"""CLI rendering for people: full tables when piped, plain words for what text screening found."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Console

from sanctio.cli.output import console, versions_table
from sanctio.cli.text import _summary
from sanctio.screening.text.screen import TextReport
from sanctio.store.versions import Version


def test_tables_keep_their_full_content_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    version = Version(
        id=1,
        source="ofac-sdn",
        format="ofac-csv",
        published=dt.date(2024, 5, 3),
        published_from="folder",
        fingerprint="f" * 64,
        loaded_at="2026-12-06T23:00:00+00:00",
        entity_count=14965,
        problem_count=3,
        schema_counts={},
        files=(),
    )
    out = console()
    assert isinstance(out, Console)
    out.print(versions_table([version], "versions"))
    printed = capsys.readouterr().out
    assert "2024-05-03" in printed
    assert "2026-12-06T23:00:00+00:00" in printed
    assert "…" not in printed


def test_the_text_summary_says_what_was_found_in_words() -> None:
    report = TextReport(
        kind="text",
        mentions=(),
        parties=(),
        warnings=(),
        chars=8000,
        words=1204,
        threshold=0.7,
        algorithm="sanctio-v1",
        index="ofac-sdn@2024-05-03",
        seconds=0.05,
    )
    assert _summary(report).startswith("text: 1,204 words read; no listed party named")
