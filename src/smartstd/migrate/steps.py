"""Migration steps between versions of the standard, and their registry.

A :class:`Step` moves data from one version to the next (or back); the
registry chains steps (:func:`find_path`).

The standard's own steps are published as data (``data/migrations/*.json``,
and ``migrations.json`` in a published bundle): renames, drops and code maps
are data; only what data cannot say is Python, named in the step file and
found in :data:`CUSTOM_OPERATIONS`. A step file::

    {"source": "1.1.0", "target": "1.0.0",
     "title": {"zh-CN": "...", "en": "..."},
     "operations": [
       {"op": "rename", "entity": "Building", "field": "floors", "to": "storeys"},
       {"op": "drop", "entity": "*", "field": "provenance", "reason": "..."},
       {"op": "drop", "entity": "ServiceRequest", "field": "history", "lossless": ["complete"]},
       {"op": "recode", "entity": "ServiceRequest", "field": "channel",
        "mapping": {"a": "b"}, "merges": {"kiosk": "in_person"}, "removed": ["fax"]},
       {"op": "custom", "entity": "*", "name": "extension_keys_to_1_0_0"}]}

迁移步骤及其登记表；标准自带的步骤以数据文件发布（改名、删除、代码映射），只有数据无法
表达的部分才用 Python。
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from smartstd.errors import UsageError
from smartstd.migrate.operations import (
    Custom,
    Drop,
    Operation,
    OpResult,
    Recode,
    Rename,
)

__all__ = [
    "CUSTOM_OPERATIONS",
    "Step",
    "builtin_steps",
    "find_path",
    "register_step",
    "registered_steps",
    "step_from_data",
    "step_to_data",
    "steps",
    "unregister_step",
]

# --------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """A migration from one version to the next (or back).

    Attributes:
        source: the version migrated from.
        target: the version migrated to.
        ops: the operations, applied in order to the entities of their type
            (``"*"``: every type; ``"envelope"``: the envelope).
        title: what the step does, by language.
    """

    source: str
    target: str
    ops: tuple[Operation, ...] = ()
    title: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def name(self) -> str:
        """``"1.0.0 -> 1.1.0"``."""
        return f"{self.source} -> {self.target}"


_STEPS: dict[tuple[str, str], Step] = {}


def register_step(step: Step) -> Step:
    """Add a step to the registry (both versions must be registered in :mod:`smartstd.versions`).

    Raises:
        ValueError: if a version is unknown or a step between them exists.
    """
    from smartstd.versions import version_info

    for v in (step.source, step.target):
        if version_info(v) is None:
            raise UsageError(key="step_version_unregistered", version=v)
    _load_builtin()
    key = (step.source, step.target)
    if key in _STEPS:
        raise UsageError(key="step_exists", name=step.name)
    _STEPS[key] = step
    return step


def unregister_step(source: str, target: str) -> None:
    """Remove a step from the registry (no error when absent)."""
    _STEPS.pop((source, target), None)


def steps() -> tuple[Step, ...]:
    """Every registered step (the standard's own included)."""
    _load_builtin()
    return tuple(_STEPS.values())


class registered_steps:
    """Register steps for the duration of a ``with`` block (tests, experiments)."""

    def __init__(self, *items: Step) -> None:
        self.items = items

    def __enter__(self) -> None:
        for s in self.items:
            register_step(s)

    def __exit__(self, *exc: object) -> None:
        for s in self.items:
            unregister_step(s.source, s.target)


def find_path(source: str, target: str) -> list[Step]:
    """The shortest chain of steps from ``source`` to ``target`` (empty when equal).

    Raises:
        UsageError: when no chain of registered steps leads there.
    """
    if source == target:
        return []
    _load_builtin()
    prev: dict[str, Step] = {}
    queue = deque([source])
    seen = {source}
    while queue:
        here = queue.popleft()
        for (a, b), step in sorted(_STEPS.items()):
            if a != here or b in seen:
                continue
            prev[b] = step
            if b == target:
                chain = [step]
                while chain[0].source != source:
                    chain.insert(0, prev[chain[0].source])
                return chain
            seen.add(b)
            queue.append(b)
    from smartstd.versions import known_versions

    raise UsageError(
        key="no_migration", source=source, target=target, known=", ".join(known_versions())
    )


# --------------------------------------------------------------------------- steps as data

_KEY_1_0_0 = re.compile(r"^[a-z][a-z0-9]{0,15}:[a-z][a-z0-9_]{0,63}$")
_KEY_ANY = re.compile(r"^[a-z][a-z0-9]{0,15}:[A-Za-z][A-Za-z0-9_]{0,63}$")


def _extension_keys_to_1_0_0(record: dict[str, Any]) -> OpResult:
    """1.0.0 extension keys are ``prefix:snake_case``: a key in a source's own spelling is lost.

    ``fiware:streamURL`` has no 1.0.0 spelling that reverses (``stream_u_r_l``
    does not give ``streamURL`` back), so the value is reported, not renamed.
    """
    res = OpResult()
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), record)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key in list(value):
                if isinstance(key, str) and _KEY_ANY.match(key) and not _KEY_1_0_0.match(key):
                    res.losses.append(
                        (
                            (*path, key),
                            value.pop(key),
                            f"extension key {key}: SCDS 1.0.0 keys are prefix:snake_case,"
                            " and no snake_case spelling gives it back",
                        )
                    )
                else:
                    stack.append(((*path, key), value[key]))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
    return res


#: The Python operations a step file may name (``{"op": "custom", "name": ...}``).
CUSTOM_OPERATIONS: dict[str, Callable[[dict[str, Any]], OpResult]] = {
    "extension_keys_to_1_0_0": _extension_keys_to_1_0_0,
}


def step_from_data(data: Mapping[str, Any]) -> Step:
    """A :class:`Step` from its published form (a step file's JSON).

    Raises:
        ValueError: for an unknown operation or a custom operation this package lacks.
    """
    ops: list[Operation] = []
    for item in data.get("operations", ()):
        kind, entity = item.get("op"), item.get("entity", "*")
        if kind == "rename":
            ops.append(Rename(entity, item["field"], item["to"]))
        elif kind == "drop":
            ops.append(
                Drop(
                    entity,
                    item["field"],
                    item.get("reason", "the target version has no such field"),
                    tuple(item.get("lossless", ())),
                )
            )
        elif kind == "recode":
            ops.append(
                Recode(
                    entity,
                    item["field"],
                    dict(item.get("mapping", {})),
                    dict(item.get("merges", {})),
                    frozenset(item.get("removed", ())),
                )
            )
        elif kind == "custom":
            fn = CUSTOM_OPERATIONS.get(item.get("name", ""))
            if fn is None:
                raise UsageError(
                    key="unknown_custom_operation",
                    name=item.get("name"),
                    known=", ".join(sorted(CUSTOM_OPERATIONS)),
                )
            ops.append(Custom(entity, fn, item["name"]))
        else:
            raise UsageError(key="unknown_migration_operation", op=kind)
    return Step(str(data["source"]), str(data["target"]), tuple(ops), dict(data.get("title", {})))


def step_to_data(step: Step) -> dict[str, Any]:
    """The published form of a step (what :func:`step_from_data` reads).

    Raises:
        ValueError: for an operation data cannot say (a split, a join, an
            unnamed custom function).
    """
    ops: list[dict[str, Any]] = []
    for op in step.ops:
        if isinstance(op, Rename):
            ops.append({"op": "rename", "entity": op.entity, "field": op.old, "to": op.new})
        elif isinstance(op, Drop):
            item: dict[str, Any] = {"op": "drop", "entity": op.entity, "field": op.field}
            item["reason"] = op.reason
            if op.lossless:
                item["lossless"] = list(op.lossless)
            ops.append(item)
        elif isinstance(op, Recode):
            ops.append(
                {
                    "op": "recode",
                    "entity": op.entity,
                    "field": op.field,
                    "mapping": dict(op.mapping),
                    "merges": dict(op.merges),
                    "removed": sorted(op.removed),
                }
            )
        elif isinstance(op, Custom) and op.name in CUSTOM_OPERATIONS:
            ops.append({"op": "custom", "entity": op.entity, "name": op.name})
        else:
            raise UsageError(key="step_not_data", name=step.name, op=type(op).__name__)
    return {
        "source": step.source,
        "target": step.target,
        "title": dict(step.title),
        "operations": ops,
    }


@cache
def builtin_steps() -> tuple[Step, ...]:
    """The standard's own steps, read from the package data (``data/migrations/``)."""
    root = resources.files("smartstd").joinpath("data").joinpath("migrations")
    out = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            out.append(step_from_data(json.loads(entry.read_text("utf-8"))))
    return tuple(out)


_BUILTIN_LOADED = False


def _load_builtin() -> None:
    global _BUILTIN_LOADED
    if _BUILTIN_LOADED:
        return
    _BUILTIN_LOADED = True
    for step in builtin_steps():
        _STEPS.setdefault((step.source, step.target), step)
