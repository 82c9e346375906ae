"""The package's frozen data files (`normalize/data/`): their rows, read as shipped (I/O)."""

from __future__ import annotations

from importlib.resources import files


def data_lines(name: str) -> list[str]:
    """The lines of `data/<name>`, blank lines and `#` comments (the header that says
    where the data comes from) left out."""
    text = files("sanctio.normalize").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated fields of each line of `data/<name>` (see `data_lines`)."""
    return [line.split("\t") for line in data_lines(name)]
