"""The example community (``examples/guangzhou-panyu``) the pages take their examples from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

#: The example community the examples on the pages come from (relative to the repository).
EXAMPLE_DIR = Path("examples") / "guangzhou-panyu"


def read_entities(path: Path) -> list[dict[str, Any]]:
    """The entity objects of one example file (JSON, YAML or NDJSON)."""
    if not path.is_file():
        return []
    if path.suffix == ".ndjson":
        out: list[dict[str, Any]] = []
        with path.open(encoding="utf-8") as fh:
            next(fh, None)  # the envelope
            seen: set[str] = set()
            for n, line in enumerate(fh):
                if n > 20000:  # the example is large; one of each type is enough
                    break
                obj = json.loads(line)
                if isinstance(obj, dict) and obj.get("type") not in seen:
                    seen.add(str(obj.get("type")))
                    out.append(obj)
        return out
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if isinstance(doc, dict):
        entities = doc.get("entities")
        return [e for e in entities if isinstance(e, dict)] if isinstance(entities, list) else []
    return []


def example_entities(root: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """The first entity of each type in the example community: type -> (file, entity)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    base = root / EXAMPLE_DIR
    for rel in ("dataset.json", "charter.yaml", "ndjson/dataset.ndjson"):
        for entity in read_entities(base / rel):
            t = entity.get("type")
            if isinstance(t, str) and t not in out:
                out[t] = ((EXAMPLE_DIR / rel).as_posix(), entity)
    return out


def example_envelope(root: Path) -> tuple[str, dict[str, Any]] | None:
    """The envelope of the example community's ``dataset.json``: (file, envelope)."""
    path = root / EXAMPLE_DIR / "dataset.json"
    if not path.is_file():
        return None
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        return None
    envelope = {k: v for k, v in doc.items() if k != "entities"}
    return (EXAMPLE_DIR / "dataset.json").as_posix(), {**envelope, "entities": ["..."]}
