"""Shared fixtures: the real official list files come from SANCTIO_LISTS_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"


def _lists_dir() -> Path:
    path = Path(os.environ.get("SANCTIO_LISTS_DIR", str(_DEFAULT))).resolve()
    if not (path / "SOURCES.md").is_file():
        raise RuntimeError(
            f"official list files not found at {path}: set SANCTIO_LISTS_DIR to the folder "
            "that holds SOURCES.md and the publisher folders (ofac-sdn/, un-sc/, ...)"
        )
    return path


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    """The folder of real list files; fails loudly (never skips) when it is missing."""
    return _lists_dir()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Tiny hand-made files for edge cases."""
    return Path(__file__).resolve().parent / "fixtures"
