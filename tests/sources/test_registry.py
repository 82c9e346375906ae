"""Every real list file is recognised by exactly the reader for its source."""

from __future__ import annotations

from pathlib import Path

from sanctio.sources.registry import detect, expand, readers


def test_every_shared_file_is_detected_with_its_source(lists_dir: Path) -> None:
    files = expand([lists_dir])
    assert len(files) >= 25
    for path in files:
        source = path.relative_to(lists_dir).parts[0]
        found = detect(path)
        if found is None:  # a companion, read with its main file
            assert path.name.lower() in {
                "add.csv",
                "alt.csv",
                "sdn_comments.csv",
                "cons_add.csv",
                "cons_alt.csv",
                "cons_comments.csv",
            }, path
            continue
        reader, name = found
        assert name == source, path
        claims = [r.format for r in readers() if r.sniff(path, path.read_bytes()[:4096])]
        assert claims == [reader.format], (path, claims)
