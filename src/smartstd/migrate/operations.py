"""The operations of a migration step: rename, split, join, recode, drop, custom.

Each changes the entities of one type in place and says what it carried and
what it could not carry (a :class:`Loss`).

迁移操作：重命名、拆分、合并、改码、删除与自定义；每项操作说明搬移了什么、丢失了什么。
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from smartstd.report import Path, pointer
from smartstd.standard.introspect import iter_objects

__all__ = [
    "Custom",
    "Drop",
    "Join",
    "Loss",
    "OpResult",
    "Operation",
    "Recode",
    "Rename",
    "Split",
]

_MISSING = object()


@dataclass(frozen=True)
class Loss:
    """A value a migration could not carry.

    Attributes:
        path: where the value is in the input document (``("entities", 3, "name")``;
            for NDJSON, inside the line).
        value: the value (plain JSON).
        reason: why it could not be carried (English).
        step: the step (``"1.0.0 -> 1.1.0"``).
        line: for NDJSON, the 1-based line of the record.
    """

    path: Path
    value: Any
    reason: str
    step: str = ""
    line: int | None = None

    @property
    def pointer(self) -> str:
        """The path as a JSON Pointer."""
        return pointer(self.path)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {
            "pointer": self.pointer,
            "value": self.value,
            "reason": self.reason,
            "step": self.step,
        }
        if self.line is not None:
            out["line"] = self.line
        return out


@dataclass
class OpResult:
    """What an operation did to one entity.

    Attributes:
        carried: input paths (relative to the entity) the operation moved or
            transformed on purpose; every value under them counts as carried.
        losses: ``(path, value, reason)`` of values it could not carry.
    """

    carried: list[Path] = dataclasses.field(default_factory=list)
    losses: list[tuple[Path, Any, str]] = dataclasses.field(default_factory=list)


class Operation(Protocol):
    """One change of a step, applied to the entities of one type, in place."""

    @property
    def entity(self) -> str:
        """The entity type (``"*"``: every type; ``"envelope"``: the envelope)."""
        ...

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Change ``entity`` in place; say what was carried and what was lost."""
        ...


# --------------------------------------------------------------------------- paths


def _split(path: str) -> tuple[str, ...]:
    return tuple(path.split(".")) if path else ()


_parents = iter_objects  # the objects at a parent pattern ("*" = every list item)


def _leaves(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every scalar (and empty container) of a JSON value with its path."""
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))
    else:
        yield path, value


def _get(value: Any, path: Path) -> Any:
    for key in path:
        in_list = isinstance(key, int) and isinstance(value, list) and 0 <= key < len(value)
        in_dict = isinstance(key, str) and isinstance(value, dict) and key in value
        if in_list or in_dict:
            value = value[key]
        else:
            return _MISSING
    return value


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class Rename:
    """Rename a field; its parent path stays (``Rename("Building", "floors_above", "storeys")``).

    Attributes:
        entity: the entity type.
        old: the field's path in the source version (dot-separated, ``*`` for list items).
        new: its new name (the last part only).
    """

    entity: str
    old: str
    new: str

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Move the value; a clash with an existing value is a loss."""
        res = OpResult()
        parts = _split(self.old)
        for ppath, parent in list(_parents(entity, parts[:-1])):
            name = parts[-1]
            if name not in parent:
                continue
            if self.new in parent and parent[self.new] is not None:
                res.losses.append(
                    (
                        (*ppath, name),
                        parent[name],
                        f"cannot rename {name} to {self.new}: {self.new} is already set",
                    )
                )
                continue
            parent[self.new] = parent.pop(name)
            res.carried.append((*ppath, name))
        return res


@dataclass(frozen=True)
class Split:
    """Split one field into several of the same parent.

    ``split`` returns the new values (``None`` for a part left out), or
    ``None`` when the value cannot be split: that value is a loss.

    Attributes:
        entity: the entity type.
        source: the field's path (dot-separated, ``*`` for list items).
        into: the names of the new fields.
        split: the function from the old value to the new values.
        reason: why a value that cannot be split is lost.
    """

    entity: str
    source: str
    into: tuple[str, ...]
    split: Callable[[Any], tuple[Any, ...] | None]
    reason: str = "cannot be split"

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Replace the field by its parts."""
        res = OpResult()
        parts = _split(self.source)
        for ppath, parent in list(_parents(entity, parts[:-1])):
            name = parts[-1]
            if name not in parent:
                continue
            value = parent[name]
            if value is None:
                del parent[name]
                res.carried.append((*ppath, name))
                continue
            pieces = self.split(value)
            if pieces is None or len(pieces) != len(self.into):
                del parent[name]
                res.losses.append(((*ppath, name), value, f"{name} {self.reason}"))
                continue
            del parent[name]
            for target, piece in zip(self.into, pieces, strict=True):
                if piece is not None:
                    parent[target] = piece
            res.carried.append((*ppath, name))
        return res


@dataclass(frozen=True)
class Join:
    """Join several fields of one parent into one (the inverse of :class:`Split`).

    ``join`` gets the values (``None`` for an absent one) and returns the
    joined value, or ``None`` when they cannot be joined: those values are losses.

    Attributes:
        entity: the entity type.
        sources: the fields' paths (same parent, dot-separated).
        into: the new field's name.
        join: the function from the old values to the new one.
        reason: why values that cannot be joined are lost.
    """

    entity: str
    sources: tuple[str, ...]
    into: str
    join: Callable[[tuple[Any, ...]], Any | None]
    reason: str = "cannot be joined"

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Replace the fields by their join."""
        res = OpResult()
        paths = [_split(s) for s in self.sources]
        parent_pattern = paths[0][:-1]
        names = [p[-1] for p in paths]
        for ppath, parent in list(_parents(entity, parent_pattern)):
            if not any(n in parent for n in names):
                continue
            values = tuple(parent.get(n) for n in names)
            joined = self.join(values) if any(v is not None for v in values) else None
            for n in names:
                if n in parent:
                    del parent[n]
            if joined is None and any(v is not None for v in values):
                for n, v in zip(names, values, strict=True):
                    if v is not None:
                        res.losses.append(((*ppath, n), v, f"{', '.join(names)} {self.reason}"))
                continue
            if joined is not None:
                parent[self.into] = joined
            res.carried.extend((*ppath, n) for n in names)
        return res


@dataclass(frozen=True)
class Recode:
    """Change the codes of a field whose code list changed.

    Attributes:
        entity: the entity type.
        field: the field's path (dot-separated, ``*`` for list items); the
            value may be a code or a list of codes.
        mapping: one-to-one renames of codes (lossless).
        merges: many-to-one merges (``{"kiosk": "in_person"}``): the new code
            is written, and the old one is reported as a loss because it
            cannot be told apart any more.
        removed: codes the target version no longer has and that map to
            nothing: the value is dropped and reported.
    """

    entity: str
    field: str
    mapping: Mapping[str, str] = dataclasses.field(default_factory=dict)
    merges: Mapping[str, str] = dataclasses.field(default_factory=dict)
    removed: frozenset[str] = frozenset()

    def _one(self, value: Any, path: Path, res: OpResult) -> tuple[bool, Any]:
        """``(keep, new_value)`` for one code."""
        if not isinstance(value, str):
            return True, value
        if value in self.mapping:
            res.carried.append(path)
            return True, self.mapping[value]
        if value in self.merges:
            res.losses.append((path, value, f"code {value} is merged into {self.merges[value]}"))
            return True, self.merges[value]
        if value in self.removed:
            res.losses.append((path, value, f"code {value} does not exist in the target version"))
            return False, None
        return True, value

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Recode the values in place."""
        res = OpResult()
        parts = _split(self.field)
        for ppath, parent in list(_parents(entity, parts[:-1])):
            name = parts[-1]
            if name not in parent:
                continue
            value = parent[name]
            if isinstance(value, list):
                kept = []
                for i, item in enumerate(value):
                    keep, new = self._one(item, (*ppath, name, i), res)
                    if keep:
                        kept.append(new)
                parent[name] = kept
                if len(kept) != len(value):
                    # positions moved: vouch for the survivors, whose paths changed
                    res.carried.append((*ppath, name))
            else:
                keep, new = self._one(value, (*ppath, name), res)
                if keep:
                    parent[name] = new
                else:
                    del parent[name]
        return res


@dataclass(frozen=True)
class Drop:
    """A field the target version does not have: a present value is a loss.

    Attributes:
        entity: the entity type.
        field: the field's path (dot-separated, ``*`` for list items).
        reason: why it cannot be carried.
        lossless: values whose dropping loses nothing (the source version's
            default, which the target version implies: ``("complete",)``).
    """

    entity: str
    field: str
    reason: str = "the target version has no such field"
    lossless: tuple[Any, ...] = ()

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Remove the field and report its value."""
        res = OpResult()
        parts = _split(self.field)
        for ppath, parent in list(_parents(entity, parts[:-1])):
            name = parts[-1]
            if name in parent:
                value = parent.pop(name)
                if value is None or value == [] or value == {} or value in self.lossless:
                    res.carried.append((*ppath, name))
                else:
                    res.losses.append(((*ppath, name), value, f"{name}: {self.reason}"))
        return res


@dataclass(frozen=True)
class Custom:
    """An operation written in Python: ``fn(entity) -> OpResult``, changing the entity in place.

    The audit after the step still checks every value, so a custom
    operation that forgets to report a loss cannot drop data silently.

    Attributes:
        entity: the entity type (``"*"`` for every type, ``"envelope"`` for the envelope).
        fn: the function.
        name: the name a step file gives it (:data:`smartstd.migrate.steps.CUSTOM_OPERATIONS`).
    """

    entity: str
    fn: Callable[[dict[str, Any]], OpResult]
    name: str = ""

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Run the function."""
        return self.fn(entity)
