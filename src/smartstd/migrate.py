"""Migration of datasets between versions of the standard, without silent loss.

A **step** moves data from one version to the next (``1.0.0 -> 1.1.0``, or
back); the library keeps a registry of steps and chains them
(:func:`find_path`). A step is a list of small **operations** on the entities
of one type: :class:`Rename` a field, :class:`Split` one field into several,
:class:`Join` several into one, :class:`Recode` the codes of a changed code
list, :class:`Drop` a field the target version no longer has, or
:class:`Custom` code.

No value is ever dropped silently:

* everything a step does not touch is copied as it is, extension fields
  (``gz:lingnan_style``) and the envelope's own extensions included;
* each operation says what it carried where, and what it could not carry
  (a :class:`Loss`, with its path and value);
* after every step, an independent audit compares each value of the input
  with the output: a value that is neither where it was, nor vouched for by
  an operation, nor reported, is reported as lost ("not carried"), so even a
  faulty custom operation cannot lose data quietly;
* a migration with losses fails (nothing is written) unless the caller
  accepts the loss explicitly (``accept_loss=True``, ``--accept-loss``).

The published library knows one version (1.0.0), so it registers no step
yet; the test suite registers a pair of test-only versions with real
changes to prove the machinery.

迁移：在标准版本之间迁移数据，绝不静默丢失数据。无法迁移的值会连同路径一起报告，
除非使用者明确接受损失，否则迁移失败。
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Protocol

from smartstd.errors import UsageError
from smartstd.report import Path, pointer
from smartstd.standard.introspect import iter_objects

__all__ = [
    "Custom",
    "Drop",
    "Join",
    "Loss",
    "MigrationResult",
    "OpResult",
    "Operation",
    "Recode",
    "Rename",
    "Split",
    "Step",
    "find_path",
    "migrate",
    "migrate_document",
    "migrate_entity",
    "register_step",
    "registered_steps",
    "steps",
    "unregister_step",
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

    entity: str

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
    """

    entity: str
    field: str
    reason: str = "the target version has no such field"

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Remove the field and report its value."""
        res = OpResult()
        parts = _split(self.field)
        for ppath, parent in list(_parents(entity, parts[:-1])):
            name = parts[-1]
            if name in parent:
                value = parent.pop(name)
                if value is None or value == [] or value == {}:
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
    """

    entity: str
    fn: Callable[[dict[str, Any]], OpResult]

    def apply(self, entity: dict[str, Any]) -> OpResult:
        """Run the function."""
        return self.fn(entity)


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
            raise ValueError(f"register version {v} first (smartstd.versions.register_version)")
    key = (step.source, step.target)
    if key in _STEPS:
        raise ValueError(f"a step {step.name} is already registered")
    _STEPS[key] = step
    return step


def unregister_step(source: str, target: str) -> None:
    """Remove a step from the registry (no error when absent)."""
    _STEPS.pop((source, target), None)


def steps() -> tuple[Step, ...]:
    """Every registered step."""
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
        f"no migration from SCDS {source} to {target}"
        f" (known versions: {', '.join(known_versions())})"
    )


# --------------------------------------------------------------------------- applying


def _apply_ops(
    ops: Iterable[Operation], kind: str, record: dict[str, Any], step: Step
) -> tuple[dict[str, Any], list[tuple[Path, Any, str]]]:
    """Apply a step's operations to one record and audit the result."""
    out = copy.deepcopy(record)
    carried: list[Path] = []
    losses: list[tuple[Path, Any, str]] = []
    for op in ops:
        if op.entity not in (kind, "*") or (op.entity == "*" and kind == "envelope"):
            continue
        res = op.apply(out)
        carried.extend(res.carried)
        losses.extend(res.losses)
    # the audit: every value of the input is where it was, vouched for, or reported
    vouched = [tuple(p) for p in carried] + [tuple(p) for p, _, _ in losses]
    for path, value in _leaves(record):
        if any(path[: len(v)] == v for v in vouched):
            continue
        if not _same(_get(out, path), value):
            losses.append((path, value, f"not carried by step {step.name}"))
    return out, losses


def migrate_entity(
    entity: Any, chain: Sequence[Step]
) -> tuple[Any, list[tuple[Path, Any, str, str]]]:
    """Migrate one entity along a chain of steps.

    Returns:
        The migrated entity and its losses ``(path, value, reason, step)``,
        with paths into the *input* entity where they can be traced.
    """
    losses: list[tuple[Path, Any, str, str]] = []
    current = entity
    for step in chain:
        if not isinstance(current, dict):
            return current, losses
        kind = current.get("type")
        current, lost = _apply_ops(step.ops, kind if isinstance(kind, str) else "", current, step)
        losses.extend((p, v, r, step.name) for p, v, r in lost)
    return current, losses


def _migrate_envelope(
    envelope: dict[str, Any], chain: Sequence[Step], target: str
) -> tuple[dict[str, Any], list[tuple[Path, Any, str, str]]]:
    losses: list[tuple[Path, Any, str, str]] = []
    current = {k: v for k, v in envelope.items() if k != "entities"}
    for step in chain:
        current, lost = _apply_ops(step.ops, "envelope", current, step)
        losses.extend((p, v, r, step.name) for p, v, r in lost if p != ("standard_version",))
        current["standard_version"] = step.target
    if not chain:
        current["standard_version"] = target
    return current, losses


@dataclass
class MigrationResult:
    """What a migration did.

    Attributes:
        source: the version migrated from.
        target: the version migrated to.
        steps: the steps applied (``"1.0.0 -> 1.1.0"``).
        losses: every value that could not be carried, with its path.
        accepted: whether the caller accepted losses.
        document: the migrated document (JSON/YAML input, or the in-memory API);
            ``None`` for NDJSON written straight to a file, or when nothing
            could be migrated.
        written: the files written.
        errors: why the input could not be migrated at all (unreadable input,
            no envelope); empty otherwise.
    """

    source: str | None
    target: str
    steps: tuple[str, ...] = ()
    losses: tuple[Loss, ...] = ()
    accepted: bool = False
    document: Any = None
    written: tuple[FsPath, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the migration succeeded: no error, and no loss or an accepted one."""
        return not self.errors and (not self.losses or self.accepted)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (without the document)."""
        return {
            "ok": self.ok,
            "source": self.source,
            "target": self.target,
            "steps": list(self.steps),
            "accepted_loss": self.accepted,
            "losses": [loss.to_dict() for loss in self.losses],
            "errors": list(self.errors),
            "written": [str(p) for p in self.written],
        }


def _plan(source: str | None, to: str) -> list[Step]:
    from smartstd.versions import Version, version_info

    try:
        Version.parse(to)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if version_info(to) is None:
        from smartstd.versions import known_versions

        raise UsageError(f"unknown target version {to} (known: {', '.join(known_versions())})")
    if source is None:
        return []
    return find_path(source, to)


def migrate_document(
    document: Mapping[str, Any], to: str, *, source: str | None = None, accept_loss: bool = False
) -> MigrationResult:
    """Migrate a dataset held in memory (an envelope with ``entities``).

    Args:
        document: the dataset (plain JSON values); it is not changed.
        to: the target version.
        source: the version of the data (default: its ``standard_version``).
        accept_loss: keep going when values cannot be carried (they are still reported).

    Returns:
        The result; ``result.document`` is the migrated dataset, or ``None``
        when the migration failed (losses not accepted, or no version).

    Raises:
        UsageError: for an unknown target version or no chain of steps to it.
    """
    if not isinstance(document, Mapping):
        return MigrationResult(
            None, to, errors=("the input is not a dataset (a JSON object with an envelope)",)
        )
    src = source or document.get("standard_version")
    if not isinstance(src, str):
        _plan(None, to)
        return MigrationResult(
            None, to, errors=("the dataset has no standard_version; pass --from/source",)
        )
    chain = _plan(src, to)
    losses: list[Loss] = []
    env, env_lost = _migrate_envelope(dict(document), chain, to)
    losses.extend(Loss(p, v, r, s) for p, v, r, s in env_lost)
    out: dict[str, Any] = dict(env)
    ents = document.get("entities")
    if isinstance(ents, list):
        migrated = []
        for i, ent in enumerate(ents):
            new, lost = migrate_entity(ent, chain)
            migrated.append(new)
            losses.extend(Loss(("entities", i, *p), v, r, s) for p, v, r, s in lost)
        out["entities"] = migrated
    elif "entities" in document:
        out["entities"] = copy.deepcopy(ents)
    result = MigrationResult(src, to, tuple(s.name for s in chain), tuple(losses), accept_loss)
    if result.ok:
        result.document = out
    return result


# A lone surrogate (read from an escape such as \ud800) cannot be written as
# UTF-8; in JSON text it only occurs inside strings, where \uXXXX means the same.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json(value: Any, **options: Any) -> str:
    """JSON text of ``value`` that UTF-8 can hold: a lone surrogate is written as its escape."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _dump(value: Any, fmt: str) -> str:
    if fmt == "yaml":
        import yaml

        return str(yaml.safe_dump(value, allow_unicode=True, sort_keys=False))
    return _json(value, indent=2) + "\n"


def _read(path: FsPath) -> tuple[str, Any, list[str]]:
    """``(format, value, errors)`` of a JSON or YAML file; NDJSON returns no value.

    An NDJSON file is streamed later, so only its head is read here. A path
    that is not a regular file (a named pipe would wait for a writer) or
    cannot be read is an error of the result, as in ``smartstd check``.
    """
    from smartstd.io import Limits, read_document, sniff_format

    if not path.is_file():
        return "json", None, [f"SC100 / : {path} is not a regular file; save the data to a file"]
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
            fmt = sniff_format(str(path), head) or "json"
            if fmt == "ndjson":
                return "ndjson", None, []
            data = head + fh.read()
    except OSError as exc:
        return "json", None, [f"SC100 / : cannot read {path}: {exc.strerror or exc}"]
    doc = read_document(
        data, file=str(path), limits=Limits(), fmt="yaml" if fmt == "yaml" else "json"
    )
    errors = [
        f"{f.code} {f.pointer or '/'} (line {f.line}): {f.message('en')}" for f in doc.findings
    ]
    return fmt, doc.value, errors


def _migrate_ndjson(
    path: FsPath, to: str, out: FsPath | None, source: str | None, accept_loss: bool
) -> MigrationResult:
    from smartstd.io import Limits, iter_ndjson

    losses: list[Loss] = []
    errors: list[str] = []
    chain: list[Step] | None = None
    src: str | None = source
    tmp_name: str | None = None
    sink = None
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".migrate-", dir=str(out.parent))
        sink = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
    try:
        with path.open("rb") as fh:
            for line in iter_ndjson(fh, file=str(path), limits=Limits()):
                if line.findings:
                    errors.extend(
                        f"{f.code} line {f.line}: {f.message('en')}" for f in line.findings
                    )
                    if chain is None:
                        break  # no envelope: the next line is no envelope either
                    continue
                value = line.value
                if chain is None:
                    if not isinstance(value, dict):
                        errors.append("line 1 is not the dataset envelope")
                        break
                    declared = value.get("standard_version")
                    src = src or (declared if isinstance(declared, str) else None)
                    if src is None:
                        _plan(None, to)
                        errors.append("the dataset has no standard_version; pass --from/source")
                        break
                    chain = _plan(src, to)
                    new, lost = _migrate_envelope(value, chain, to)
                else:
                    new, lost = migrate_entity(value, chain)
                losses.extend(Loss(p, v, r, s, line.lineno) for p, v, r, s in lost)
                if sink is not None:
                    sink.write(_json(new, separators=(",", ":")) + "\n")
    finally:
        if sink is not None:
            sink.close()
    result = MigrationResult(
        src,
        to,
        tuple(s.name for s in chain or ()),
        tuple(losses),
        accept_loss,
        errors=tuple(errors),
    )
    if tmp_name is not None and out is not None:
        if result.ok:
            os.replace(tmp_name, out)
            result.written = (out,)
        else:
            os.unlink(tmp_name)
    return result


def migrate(
    path: str | os.PathLike[str],
    to: str,
    out: str | os.PathLike[str] | None = None,
    *,
    source: str | None = None,
    accept_loss: bool = False,
) -> MigrationResult:
    """Migrate a dataset file (JSON, YAML or NDJSON) to another version.

    Args:
        path: the dataset file.
        to: the target version.
        out: where to write the migrated dataset (same format); nothing is
            written when the migration fails.
        source: the version of the data (default: the envelope's ``standard_version``).
        accept_loss: write the result even when values could not be carried
            (they are still listed in ``result.losses``).

    Returns:
        The :class:`MigrationResult`; bad data never raises.

    Raises:
        UsageError: for a missing file, an unknown version, or no chain of steps.
    """
    src_path = FsPath(path)
    if not src_path.exists() or src_path.is_dir():
        raise UsageError(f"no such file: {src_path}")
    out_path = FsPath(out) if out is not None else None
    if out_path is not None and out_path.resolve() == src_path.resolve():
        raise UsageError("--out must differ from the input file")
    fmt, value, errors = _read(src_path)
    if fmt == "ndjson":
        return _migrate_ndjson(src_path, to, out_path, source, accept_loss)
    if errors:
        _plan(None, to)
        return MigrationResult(source, to, errors=tuple(errors))
    result = migrate_document(value, to, source=source, accept_loss=accept_loss)
    if result.ok and out_path is not None and result.document is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(_dump(result.document, fmt), encoding="utf-8", newline="\n")
        result.written = (out_path,)
    return result
