"""Every module of the package has a place in the layers contract (pyproject.toml).

A module in no layer escapes ``lint-imports``: it may import anything, and
anything may import it, so a cycle through it goes unseen. A package whose
modules are placed one by one (``smartstd.rules``) needs no place of its own.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def _modules() -> set[str]:
    out: set[str] = set()
    for path in (SRC / "smartstd").rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if "cases" in parts:  # test data kept beside the rules, not code
            continue
        out.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def _layer_names() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (layers,) = (
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    )
    return {name for layer in layers for name in re.split(r"[\s|:]+", layer) if name}


def test_every_module_is_in_a_layer() -> None:
    names = _layer_names()
    modules = _modules()
    placed = {m for m in modules if any(m == n or m.startswith(n + ".") for n in names)}
    containers = {m for m in modules if any(n.startswith(m + ".") for n in names)}
    missing = sorted(modules - placed - containers - {"smartstd"})
    assert missing == [], f"add these to a layer in pyproject.toml: {missing}"


def test_every_layer_names_a_module() -> None:
    modules = _modules()
    assert sorted(_layer_names() - modules) == []
