"""Applying a chain of steps to a dataset: in memory, or a JSON, YAML or NDJSON file.

After every step an independent audit compares each value of the input with
the output, so no value is lost silently.

把迁移步骤应用到数据集（内存中的文档或 JSON、YAML、NDJSON 文件），并逐值审计。
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from smartstd.errors import UsageError
from smartstd.io import Limits
from smartstd.migrate.operations import Loss, Operation, _get, _leaves, _same
from smartstd.migrate.steps import Step, find_path
from smartstd.report import Finding, Path

__all__ = ["MigrationResult", "migrate", "migrate_document", "migrate_entity"]

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
            no envelope), in English; empty otherwise.
        findings: the reading problems among ``errors`` as findings (a file
            over a limit of :class:`~smartstd.io.Limits` is SC109), with
            their file, line, column and JSON Pointer; :meth:`messages` says
            them in either language.
    """

    source: str | None
    target: str
    steps: tuple[str, ...] = ()
    losses: tuple[Loss, ...] = ()
    accepted: bool = False
    document: Any = None
    written: tuple[FsPath, ...] = ()
    errors: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def messages(self, lang: str = "zh-CN") -> list[str]:
        """Why the input could not be migrated, in ``lang`` (zh-CN unless it starts with en).

        Each finding says what, where (file, line, column, JSON Pointer) and,
        for a limit, how to get past it; the other errors follow.
        """
        said = {finding_text(f, "en") for f in self.findings}
        return [finding_text(f, lang) for f in self.findings] + [
            e for e in self.errors if e not in said
        ]

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
            "findings": [f.to_dict() for f in self.findings],
            "written": [str(p) for p in self.written],
        }


def finding_text(finding: Finding, lang: str = "en") -> str:
    """A reading problem in one line, in ``lang``: where, the code and what.

    An input over a limit (SC109) is said as :func:`smartstd.io.limits.refusal`
    says it, with how to get past it.
    """
    from smartstd._error_messages import render
    from smartstd.io.limits import refusal

    if finding.code == "SC109":
        return refusal(finding).message(lang)
    where = ":".join(str(x) for x in (finding.file, finding.line, finding.column) if x is not None)
    if finding.path:
        where = f"{where} {finding.pointer}" if where else finding.pointer
    return render("file_finding", lang, {"where": where, "code": finding.code, "finding": finding})


def _plan(source: str | None, to: str) -> list[Step]:
    from smartstd.versions import Version, version_info

    try:
        Version.parse(to)
    except ValueError:
        raise UsageError(key="not_a_version", text=to) from None
    if version_info(to) is None:
        from smartstd.versions import known_versions

        raise UsageError(key="unknown_target_version", to=to, known=", ".join(known_versions()))
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
    # the document's own key order (entities need not come last), new keys after
    out = {
        **{k: out[k] for k in document if k in out},
        **{k: v for k, v in out.items() if k not in document},
    }
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


def _read(path: FsPath, limits: Limits) -> tuple[str, Any, list[str], list[Finding]]:
    """``(format, value, errors, findings)`` of a JSON or YAML file; NDJSON returns no value.

    An NDJSON file is streamed later, so only its head is read here. A path
    that is not a regular file (a named pipe would wait for a writer) or
    cannot be read is an error of the result, as in ``smartstd check``; a
    document over ``limits`` is refused (SC109) as ``smartstd check`` refuses
    it, one over ``max_file_bytes`` before it is read.
    """
    from smartstd.io import read_document, sniff_format

    if not path.is_file():
        error = f"SC100 / : {path} is not a regular file; save the data to a file"
        return "json", None, [error], []
    from smartstd.io._findings import limit

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
            fmt = sniff_format(str(path), head) or "json"
            if fmt == "ndjson":
                return "ndjson", None, [], []
            size = os.fstat(fh.fileno()).st_size
            if size > limits.max_file_bytes:  # refused before it is read (check does the same)
                return (
                    fmt,
                    None,
                    [],
                    [limit("max_file_bytes", size, limits.max_file_bytes, file=str(path))],
                )
            data = head + fh.read()
    except OSError as exc:
        return "json", None, [f"SC100 / : cannot read {path}: {exc.strerror or exc}"], []
    doc = read_document(
        data, file=str(path), limits=limits, fmt="yaml" if fmt == "yaml" else "json"
    )
    return fmt, doc.value, [], list(doc.findings)


def _migrate_ndjson(
    path: FsPath,
    to: str,
    out: FsPath | None,
    source: str | None,
    accept_loss: bool,
    limits: Limits,
) -> MigrationResult:
    from smartstd.io import iter_ndjson

    losses: list[Loss] = []
    errors: list[str] = []
    findings: list[Finding] = []
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
            for line in iter_ndjson(fh, file=str(path), limits=limits):
                if line.findings:
                    findings.extend(line.findings)
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
        errors=tuple(finding_text(f) for f in findings) + tuple(errors),
        findings=tuple(findings),
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
    limits: Limits | None = None,
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
        limits: the input limits, as for :func:`smartstd.check` (default
            :class:`~smartstd.io.Limits`; ``smartstd migrate`` takes them from
            ``[limits]`` in ``smartstd.toml``). An input over one is not
            migrated: ``result.findings`` holds its SC109 finding.

    Returns:
        The :class:`MigrationResult`; bad data never raises.

    Raises:
        UsageError: for a missing file, an unknown version, or no chain of steps.
    """
    src_path = FsPath(path)
    if not src_path.exists() or src_path.is_dir():
        raise UsageError(key="no_such_file", path=src_path)
    out_path = FsPath(out) if out is not None else None
    if out_path is not None and out_path.resolve() == src_path.resolve():
        raise UsageError(key="out_is_input")
    lim = limits if limits is not None else Limits()
    fmt, value, errors, findings = _read(src_path, lim)
    if fmt == "ndjson":
        return _migrate_ndjson(src_path, to, out_path, source, accept_loss, lim)
    if errors or findings:
        _plan(None, to)
        said = tuple(finding_text(f) for f in findings)
        return MigrationResult(source, to, errors=said + tuple(errors), findings=tuple(findings))
    result = migrate_document(value, to, source=source, accept_loss=accept_loss)
    if result.ok and out_path is not None and result.document is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(_dump(result.document, fmt), encoding="utf-8", newline="\n")
        result.written = (out_path,)
    return result
