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


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (layers,) = (
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    )
    return list(layers)


def _layer_names() -> set[str]:
    return {name for layer in _layers() for name in re.split(r"[\s|:]+", layer) if name}


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


def test_the_architecture_page_draws_the_layers_of_the_contract() -> None:
    """docs/architecture.md draws one box per layer, top down, naming each module of it.

    After changing the layers in pyproject.toml, change the diagram the same
    way: box ``L<i>`` lists the modules of the i-th layer (``rules.scN.x`` may
    stand for a family's modules), ``may import each other`` marks a ``:`` layer.
    """
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    (diagram,) = re.findall(r"```mermaid\n(flowchart TD\n.*?)```", page, re.S)
    boxes = dict(re.findall(r'^\s*L(\d+)\["(.*?)"\]', diagram, re.M))
    layers = _layers()
    assert sorted(map(int, boxes)) == list(range(1, len(layers) + 1))
    for i, layer in enumerate(layers, 1):
        label = boxes[str(i)].replace("#95;", "_")  # Mermaid's escape of "_"
        names = [n.removeprefix("smartstd.") for n in re.split(r"\s*[|:]\s*", layer)]
        for name in names:
            generic = re.sub(r"^rules\.sc\d\.", "rules.scN.", name)
            assert name in label or generic in label, (i, name, label)
        assert (":" in layer) == ("may import each other" in label), (i, label)
    edges = re.findall(r"^\s*L(\d+) --> L(\d+)$", diagram, re.M)
    assert edges == [(str(i), str(i + 1)) for i in range(1, len(layers))]
