"""Helpers of the streamed-document tests: force a path, see which one ran, compare reports."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from smartstd.conformance import engine, inputs
from smartstd.io import elements as elements_module


@dataclass
class Seen:
    """What the streamed path did during a check.

    Attributes:
        outlines: the documents read as an envelope (``None``: read whole at once).
        streamed: how many element batches were read.
        restarted: the documents whose stream met what only the whole reader reports.
    """

    outlines: list[Any] = field(default_factory=list)
    streamed: int = 0
    opened: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def restarted(self) -> list[str]:
        """The documents read whole after their stream was given up."""
        return [f for f, stream in self.opened if not stream and (f, True) in self.opened]


@contextlib.contextmanager
def streaming(monkeypatch: pytest.MonkeyPatch, on: bool) -> Iterator[Seen]:
    """Stream every JSON document (``on``) or none of them; see what happened."""
    seen = Seen()
    outline = elements_module.outline
    elements = elements_module.elements
    open_document = inputs.open_document

    def spy_outline(file: str, size: int, limits: Any) -> Any:
        found = outline(file, size, limits)
        seen.outlines.append(found)
        return found

    def spy_elements(doc: Any, limits: Any, *, compact: bool = False) -> Iterator[Any]:
        for batch in elements(doc, limits, compact=compact):
            seen.streamed += 1
            yield batch

    def spy_open(file: str, limits: Any, *, stream: bool = False) -> Any:
        seen.opened.append((file, stream))
        return open_document(file, limits, stream=stream)

    with monkeypatch.context() as m:
        m.setattr(engine, "open_document", spy_open)
        m.setattr(inputs, "STREAM_BYTES", 0 if on else 1 << 62)
        m.setattr(inputs, "outline", spy_outline)
        m.setattr(inputs, "elements", spy_elements)
        yield seen


def json_report(paths: list[str], **options: Any) -> str:
    """The JSON report of a check (English), as ``smartstd check --format json`` prints it."""
    from smartstd.conformance.engine import check
    from smartstd.reporters import render_string

    return render_string(check(paths, **options), "json", lang="en")


def both(monkeypatch: pytest.MonkeyPatch, path: Path, **options: Any) -> tuple[str, str, Seen]:
    """The JSON reports of ``path`` read whole and streamed, and what the stream did."""
    with streaming(monkeypatch, on=False):
        whole = json_report([str(path)], **options)
    with streaming(monkeypatch, on=True) as seen:
        streamed = json_report([str(path)], **options)
    return whole, streamed, seen
