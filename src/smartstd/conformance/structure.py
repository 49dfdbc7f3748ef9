"""Structural validation of one record: the fast path and its findings (SC103-SC108).

A record is validated from the parsed value with pydantic-core (a
discriminated union on ``type``); a :class:`pydantic.ValidationError` is
turned into hits that keep the JSON Pointer and the pydantic error type.

结构校验：用 pydantic-core 快速校验单条记录，把错误转换为带 JSON 指针的检查结果。
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from smartstd.conformance.rule import Hit
from smartstd.report import Path
from smartstd.standard.dataset import ENTITY_TYPES, Envelope, entity_adapter
from smartstd.standard.introspect import code_values

__all__ = ["extension_prefixes", "validate_entity", "validate_envelope"]

_PREFIX_HINT = re.compile(r'"[a-z][a-z0-9]{0,15}:[a-z]')
_EXT_KEY = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z][a-z0-9_]{0,63}$")
_NS_CODE = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z0-9][a-z0-9_]{0,63}$")


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _hits_from_error(exc: ValidationError, strip_tag: bool) -> list[Hit]:
    hits: list[Hit] = []
    for err in exc.errors(include_url=False):
        loc: Path = tuple(err.get("loc", ()))
        etype = err.get("type", "")
        if strip_tag and loc and isinstance(loc[0], str) and loc[0] in ENTITY_TYPES:
            loc = loc[1:]
        ctx = err.get("ctx") or {}
        if etype in ("union_tag_invalid",):
            hits.append(
                Hit(
                    "SC104",
                    ("type",),
                    {"type": _jsonable(ctx.get("tag")), "expected": ", ".join(ENTITY_TYPES)},
                )
            )
            continue
        if etype == "union_tag_not_found":
            hits.append(
                Hit(
                    "SC103",
                    ("type",),
                    {"error_type": "missing", "detail": "the entity has no type"},
                )
            )
            continue
        if etype == "unknown_field":
            for name in str(ctx.get("fields", "")).split(", "):
                if name:
                    hits.append(Hit("SC106", (*loc, name), {"field": name}))
            continue
        if etype == "naive_timestamp":
            hits.append(Hit("SC108", loc, {"value": _jsonable(err.get("input"))}))
            continue
        params: dict[str, Any] = {"error_type": etype, "detail": err.get("msg", "")}
        if etype != "missing":
            params["value"] = _jsonable(err.get("input"))
        hits.append(Hit("SC103", loc, params))
    return hits


def validate_entity(raw: Any) -> tuple[Any | None, list[Hit]]:
    """Validate one entity; return the model (or ``None``) and the structural hits."""
    if not isinstance(raw, dict):
        return None, [
            Hit(
                "SC103",
                (),
                {"error_type": "model_type", "detail": "an entity must be a JSON object"},
            )
        ]
    try:
        return entity_adapter().validate_python(raw), []
    except ValidationError as exc:
        return None, _hits_from_error(exc, strip_tag=True)


def validate_envelope(raw: dict[str, Any]) -> tuple[Envelope | None, list[Hit]]:
    """Validate the envelope fields of a document (``entities`` excluded)."""
    body = {k: v for k, v in raw.items() if k != "entities"}
    try:
        return Envelope.model_validate(body), []
    except ValidationError as exc:
        return None, _hits_from_error(exc, strip_tag=False)


def extension_prefixes(raw: Any, text: str | None = None) -> list[tuple[str, Path]]:
    """Every namespaced prefix used in a record (field names and codes), with its path.

    ``text``, the record's JSON text when known, lets most records skip the walk.
    Codes are looked for only in the fields that take codes of an open list.
    """
    if text is not None and not _PREFIX_HINT.search(text):
        return []
    out: list[tuple[str, Path]] = []
    stack: list[tuple[Path, Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                m = _EXT_KEY.match(k) if isinstance(k, str) else None
                if m:
                    out.append((m.group(1), (*path, k)))
                elif isinstance(v, (dict, list)):
                    stack.append(((*path, k), v))
        elif isinstance(value, list):
            stack.extend(
                ((*path, i), v) for i, v in enumerate(value) if isinstance(v, (dict, list))
            )
    if isinstance(raw, dict):
        for path, _list_name, value in code_values(raw):
            m = _NS_CODE.match(value)
            if m:
                out.append((m.group(1), path))
    out.sort(key=lambda item: [str(p) for p in item[1]])
    return out
