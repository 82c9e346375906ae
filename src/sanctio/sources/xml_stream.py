"""Streaming a large list XML file: chosen elements as they close, memory kept flat.

Shared by the readers whose records are elements under a known root (OFAC enhanced XML,
UN consolidated list): a wrong root and malformed or truncated XML become FormatError
naming the file and line, whatever the namespace.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sanctio.exceptions import FormatError


class XmlStream:
    """Elements with one of `tags` as they close; `root` holds the checked root element."""

    def __init__(
        self, path: Path, tags: tuple[str, ...], root: str, complete: str, expected: str
    ) -> None:
        self.path = path
        self.tags = tags
        self.root_name = root
        self.complete = complete  # "OFAC Enhanced XML file" -> "expected a complete ..."
        self.expected = expected  # "an OFAC Enhanced XML file" -> wrong-root message
        self.root: etree._Element | None = None

    def __iter__(self) -> Iterator[etree._Element]:
        try:
            handle = self.path.open("rb")
        except OSError as err:
            raise FormatError(str(self.path), "", f"cannot read file: {err}") from err
        with handle:
            context = etree.iterparse(handle, events=("end",), tag=self.tags, huge_tree=True)
            try:
                for _event, elem in context:
                    if self.root is None:
                        self.root = self._check_root(elem.getroottree().getroot())
                    yield elem
            except etree.XMLSyntaxError as err:
                line = err.position[0] if err.position else err.lineno
                raise FormatError(
                    str(self.path),
                    f"line {line}",
                    f"malformed XML ({err.msg}); expected a complete {self.complete} "
                    f"ending with </{self.root_name}>",
                ) from err
            if self.root is None:
                self.root = self._check_root(context.root)

    def checked_root(self) -> etree._Element:
        """The document root, once the stream has been read through."""
        if self.root is None:
            raise FormatError(str(self.path), "", "the file was not read; no root element")
        return self.root

    def _check_root(self, root: etree._Element | None) -> etree._Element:
        if root is None or etree.QName(root).localname != self.root_name:
            tag = etree.QName(root).localname if root is not None else "none"
            line = root.sourceline if root is not None else 1
            raise FormatError(
                str(self.path),
                f"line {line}, element <{tag}>",
                f"root element is not <{self.root_name}>; expected {self.expected}",
            )
        return root


def release(elem: etree._Element) -> None:
    """Free a processed element and the siblings before it (keeps memory flat)."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]
