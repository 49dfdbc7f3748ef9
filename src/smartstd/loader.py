"""Loading a dataset into typed models: :func:`load`.

``load`` reads JSON, NDJSON (envelope on line 1) or YAML; several files (or a
folder) form one dataset. Input that cannot become a valid ``Dataset`` raises
:class:`~smartstd.errors.InputError`, whose ``findings`` say what is wrong
and where (file, line, column, JSON Pointer). For a report on data that may
be wrong, use :func:`smartstd.check` instead: it never raises on bad data.

加载数据集为类型化模型；无法成为合法数据集时抛出 InputError，并附带位置精确的检查结果。
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path as FsPath
from typing import Any

from smartstd.conformance.inputs import InputFile, expand_paths, iter_ndjson_records, open_document
from smartstd.conformance.structure import validate_entity, validate_envelope
from smartstd.errors import InputError
from smartstd.io import Limits, locate
from smartstd.report import Finding, Path, Severity
from smartstd.standard.dataset import STANDARD_VERSION, Dataset, Envelope
from smartstd.standard.modelset import judged_version, models_for

__all__ = ["load"]


def _finding(
    code: str,
    doc: InputFile,
    path: tuple[str | int, ...],
    params: dict[str, Any],
    line: int | None = None,
    text: str | None = None,
) -> Finding:
    col = None
    if doc.fmt != "ndjson":
        line, col = doc.position(path)
    elif text is not None and line is not None:
        pos = locate(text, [path]).get(path)
        if pos is not None:
            line, col = line + pos[0] - 1, pos[1]
    return Finding(
        code, Severity.ERROR, path=path, file=doc.file, line=line, column=col, params=params
    )


def _placed(doc: InputFile, hits: list[tuple[str, Path, dict[str, Any]]]) -> list[Finding]:
    """Findings of the hits in a JSON or YAML document, placed in one pass over it."""
    found = doc.positions(path for _, path, _ in hits)
    return [
        Finding(
            code,
            Severity.ERROR,
            path=path,
            file=doc.file,
            line=found[path][0],
            column=found[path][1],
            params=params,
        )
        for code, path, params in hits
    ]


def _placed_in_line(
    doc: InputFile, hits: list[tuple[str, Path, dict[str, Any]]], line: int | None, text: str | None
) -> list[Finding]:
    """Findings of the hits in one NDJSON line, placed in one pass over its text."""
    found = locate(text, [path for _, path, _ in hits]) if text is not None else {}
    out: list[Finding] = []
    for code, path, params in hits:
        at_line, col = line, None
        pos = found.get(path)
        if pos is not None and line is not None:
            at_line, col = line + pos[0] - 1, pos[1]
        out.append(
            Finding(
                code,
                Severity.ERROR,
                path=path,
                file=doc.file,
                line=at_line,
                column=col,
                params=params,
            )
        )
    return out


def load(
    paths: str | FsPath | Iterable[str | FsPath],
    *,
    limits: Limits | None = None,
) -> Dataset:
    """Read one dataset from one or several files (or folders).

    Args:
        paths: a file, a folder, or several of them (they form one dataset).
        limits: input limits (file size, line length, nesting depth, YAML aliases).

    Returns:
        The typed :class:`~smartstd.standard.dataset.Dataset`.

    Raises:
        UsageError: when a path does not exist.
        InputError: when the input cannot be read or is not a valid dataset;
            ``err.findings`` lists every problem with its location.
    """
    items = [paths] if isinstance(paths, (str, FsPath)) else list(paths)
    files = expand_paths([str(p) for p in items])
    lim = limits or Limits()
    findings: list[Finding] = []
    envelope: Envelope | None = None
    models = models_for(STANDARD_VERSION)
    entities: list[Any] = []
    for file in files:
        doc = open_document(file, lim)
        findings.extend(doc.findings)
        if doc.header is not None and "generated_at" in doc.header and envelope is None:
            env, hits = validate_envelope(doc.header)
            envelope = env
            declared = doc.header.get("standard_version")
            models = models_for(judged_version(declared if isinstance(declared, str) else None))
            for hit in hits:
                findings.append(
                    _finding(
                        hit.code,
                        doc,
                        hit.path,
                        dict(hit.params),
                        line=1 if doc.fmt == "ndjson" else None,
                    )
                )
        records: Iterable[Any] = (
            doc.records()
            if doc.fmt != "ndjson"
            else (iter_ndjson_records(file, lim) if doc.header is not None else ())
        )
        # a document's findings are placed together at its end: one at a time is quadratic
        in_doc: list[tuple[str, Path, dict[str, Any]]] = []
        for rec in records:
            if isinstance(rec, Finding):
                if rec.line != 1:
                    findings.append(rec)
                continue
            model, hits = validate_entity(rec.raw, read=True, models=models)
            if model is not None:
                entities.append(model)
            if not hits:
                continue
            found = [(hit.code, rec.where.base + hit.path, dict(hit.params)) for hit in hits]
            if doc.fmt == "ndjson":
                findings.extend(_placed_in_line(doc, found, rec.where.line, rec.text))
            else:
                in_doc.extend(found)
        if in_doc:
            findings.extend(_placed(doc, in_doc))
    if envelope is None and not findings:
        findings.append(
            Finding(
                "SC103",
                Severity.ERROR,
                file=files[0] if files else None,
                params={
                    "error_type": "missing_envelope",
                    "detail": "no input carries the dataset envelope",
                },
            )
        )
    if findings or envelope is None:
        n = len(findings)
        raise InputError(key="dataset_unloadable", findings=findings, files=", ".join(files), n=n)
    data = envelope.model_dump(exclude_unset=True)
    return models.dataset.model_validate({**data, "entities": entities})  # type: ignore[no-any-return]
