"""The published bundles, shipped with the library, for offline validation.

The same files as ``schemas/<version>/`` ship as package data;
:func:`registry` loads them into a ``referencing.Registry`` and
:func:`validator_for` builds a validator from it, so nothing is ever fetched.

已发布的模式包随库分发；离线加载为 ``referencing.Registry`` 并构建校验器。
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from smartstd.standard.dataset import STANDARD_VERSION

__all__ = ["load_schema", "published_root", "published_versions", "registry", "validator_for"]


def published_root() -> Traversable:
    """Where the published bundles are, one folder per version.

    ``schemas/`` at the top of the repository is the one committed copy. A
    wheel carries it as package data (``smartstd/data/schemas``, put there by
    the build: hatch's ``force-include``); an editable or source install reads
    it from the source tree.
    """
    packaged = resources.files("smartstd").joinpath("data").joinpath("schemas")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "schemas"


def published_versions() -> tuple[str, ...]:
    """The versions whose bundles ship with the library."""
    root = published_root()
    if not root.is_dir():
        return ()
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))


@cache
def load_schema(name: str, version: str = STANDARD_VERSION) -> dict[str, Any]:
    """Load a published schema from package data (``"dataset"``, ``"Community"`` ...).

    Raises:
        FileNotFoundError: if the version or schema is not published.
    """
    fname = name if name.endswith(".schema.json") else f"{name}.schema.json"
    ref = published_root().joinpath(version).joinpath(fname)
    if not ref.is_file():
        raise FileNotFoundError(f"no published schema {fname} for SCDS {version}")
    loaded: dict[str, Any] = json.loads(ref.read_text("utf-8"))
    return loaded


@cache
def registry(version: str = STANDARD_VERSION) -> Any:
    """A ``referencing.Registry`` with every published schema of ``version`` (offline)."""
    from referencing import Registry, Resource

    root = published_root().joinpath(version)
    pairs = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".schema.json"):
            contents = json.loads(entry.read_text("utf-8"))
            pairs.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(pairs).crawl()


def validator_for(name: str = "dataset", version: str = STANDARD_VERSION) -> Any:
    r"""A ``jsonschema`` Draft 2020-12 validator for a published schema, offline.

    It gives the models' verdict: ``format`` is checked (``date``, and
    ``date-time`` when ``rfc3339-validator`` is installed; the schemas' own
    patterns say the same), and ``pattern`` means what ECMA-262 says, as JSON
    Schema requires: plain ``jsonschema`` matches with Python's :mod:`re`,
    whose ``$`` also matches before a final newline (it would accept the id
    ``"c1\n"``) and whose ``\s`` is not ECMA-262's
    (:mod:`smartstd._ecma`).
    """
    from jsonschema import Draft202012Validator

    from smartstd.schemas._regex import linear_validator

    return linear_validator()(
        load_schema(name, version),
        registry=registry(version),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
