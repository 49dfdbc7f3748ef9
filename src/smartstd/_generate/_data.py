"""The generator's data files: names, organisations, texts, the charter's plan.

They live in the package (``smartstd/data/generate/*.json``) and are read once,
with :mod:`importlib.resources`, so they work from a wheel or a zip.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["load", "pairs"]


@functools.cache
def load(name: str) -> Any:
    """The parsed content of ``data/generate/<name>.json``."""
    folder = resources.files("smartstd").joinpath("data").joinpath("generate")
    return json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))


def pairs(items: list[list[str]]) -> tuple[tuple[str, str], ...]:
    """A JSON list of ``[zh, en]`` lists as a tuple of pairs."""
    return tuple((zh, en) for zh, en in items)
