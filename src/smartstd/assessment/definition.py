"""Indicator definitions as data: the loader, the meta-schema and the compiled form.

The core definitions are package data (``smartstd/data/indicators/core.yaml``),
checked against the published meta-schema (``indicator.schema.json``). A
district adds local indicators in a file of the same shape (namespaced codes,
``gz:hotline_48h_rate``) and passes it with ``smartstd assess --indicators``.

指标定义即数据：加载、元模式校验与编译。核心指标随库发布，地方可用同样格式的文件增加本地指标。
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from smartstd._numbers import finite_number
from smartstd.assessment.expr import Cond, Value, compile_cond, compile_value
from smartstd.errors import UsageError
from smartstd.pointer import leaves

__all__ = [
    "RANGES",
    "Indicator",
    "Term",
    "bundle_schemas",
    "core_indicators",
    "definitions_document",
    "load_indicators",
    "meta_schema",
    "parse_indicators",
]

#: The range of a value of each unit (a pilot target must lie in it).
RANGES: dict[str, tuple[float, float | None]] = {
    "ratio": (0.0, 1.0),
    "score": (1.0, 5.0),
    "hours": (0.0, None),
    "minutes": (0.0, None),
    "count": (0.0, None),
    "per_100": (0.0, None),
}


@dataclass(frozen=True)
class Term:
    """One term of a ``per_100`` indicator: what one entity type adds."""

    entity: str
    time: Value | None
    where: Cond | None
    distinct: Value | None
    sum: Value | None


@dataclass(frozen=True)
class Indicator:
    """One compiled indicator definition.

    Attributes:
        code: the indicator's code (a standard ``indicator`` code or a namespaced one).
        standard: whether the code is in the standard's code list (a pilot may target it).
        kind: ``rate``, ``mean``, ``median``, ``count``, ``distribution``,
            ``ratio_of_sums``, ``per_100``, ``need_coverage`` or ``governance_completeness``.
        unit: ``ratio``, ``score``, ``hours``, ``minutes``, ``count`` or ``per_100``.
        direction: ``higher_better`` or ``lower_better``.
        entity: the entity type it is computed over (``None`` for ``per_100``).
        title: by language.
        description: by language.
        spec: the definition as written (published as is).
    """

    code: str
    standard: bool
    kind: str
    unit: str
    direction: str
    entity: str | None
    title: Mapping[str, str]
    description: Mapping[str, str]
    spec: Mapping[str, Any]
    time: Value | None = None
    where: Cond | None = None
    numerator: Cond | None = None
    value: Value | None = None
    categories: tuple[Any, ...] = ()
    numerator_sum: Value | None = None
    denominator_sum: Value | None = None
    terms: tuple[Term, ...] = ()
    per: Term | None = None
    entities: frozenset[str] = field(default=frozenset())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # compiled expressions are closures, which do not pickle: a worker
        # process (--jobs, a Dask cluster) compiles the definition again
        return (_compile, (self.spec,))

    @property
    def range(self) -> tuple[float, float | None]:
        """The range of the indicator's values."""
        return RANGES[self.unit]

    def text(self, lang: str) -> str:
        """The title in ``lang`` (Chinese unless English is asked for)."""
        return self.title["en" if lang.lower().startswith("en") else "zh-CN"]


@cache
def meta_schema() -> dict[str, Any]:
    """The meta-schema of indicator definitions (``indicator.schema.json``)."""
    text = (
        resources.files("smartstd")
        .joinpath("data")
        .joinpath("indicator.schema.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def _term(spec: Mapping[str, Any]) -> Term:
    return Term(
        entity=spec["entity"],
        time=compile_value(spec["time"]) if "time" in spec else None,
        where=compile_cond(spec["where"]) if "where" in spec else None,
        distinct=compile_value(spec["distinct"]) if "distinct" in spec else None,
        sum=compile_value(spec["sum"]) if "sum" in spec else None,
    )


def _compile(spec: Mapping[str, Any]) -> Indicator:
    terms = tuple(_term(t) for t in spec.get("terms", ()))
    per = _term(spec["per"]) if "per" in spec else None
    entities = {t.entity for t in terms} | ({per.entity} if per else set())
    if "entity" in spec:
        entities.add(spec["entity"])
    return Indicator(
        code=spec["code"],
        standard=bool(spec.get("standard", False)),
        kind=spec["kind"],
        unit=spec["unit"],
        direction=spec["direction"],
        entity=spec.get("entity"),
        title=dict(spec["title"]),
        description=dict(spec["description"]),
        spec=spec,
        time=compile_value(spec["time"]) if "time" in spec else None,
        where=compile_cond(spec["where"]) if "where" in spec else None,
        numerator=compile_cond(spec["numerator"]) if "numerator" in spec else None,
        value=compile_value(spec["value"]) if "value" in spec else None,
        categories=tuple(spec.get("categories", ())),
        numerator_sum=compile_value(spec["numerator_sum"]) if "numerator_sum" in spec else None,
        denominator_sum=(
            compile_value(spec["denominator_sum"]) if "denominator_sum" in spec else None
        ),
        terms=terms,
        per=per,
        entities=frozenset(entities),
    )


def _not_finite(document: Any) -> tuple[str, str] | None:
    """The JSON Pointer and text of the first number that is NaN, infinite or too large."""
    for _node, _key, here, value in leaves(document):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and not finite_number(value):  # NaN, infinite, or an integer too large
            text = str(value)
            return here, text if len(text) <= 40 else text[:37] + "..."
    return None


def parse_indicators(document: Any, source: str = "<indicators>") -> tuple[Indicator, ...]:
    """Validate a definitions document against the meta-schema and compile it.

    Raises:
        UsageError: saying where (a JSON Pointer) and what, when the document
            does not follow the meta-schema.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(meta_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        pointer = "".join(f"/{p}" for p in first.absolute_path)
        raise UsageError(
            key="indicators_invalid", file=source, pointer=pointer or "/", reason=first.message
        )
    bad = _not_finite(document)
    if bad is not None:  # the meta-schema takes any number; a float cannot hold these
        pointer, value = bad
        reason = f"{value} is not a finite number a float can hold"
        raise UsageError(key="indicators_invalid", file=source, pointer=pointer, reason=reason)
    out = tuple(_compile(spec) for spec in document["indicators"])
    seen: set[str] = set()
    for i, ind in enumerate(out):
        if ind.code in seen:
            raise UsageError(key="indicator_twice", file=source, i=i, code=ind.code)
        seen.add(ind.code)
    return out


@cache
def core_indicators() -> tuple[Indicator, ...]:
    """The core definitions that ship with the library."""
    import yaml

    folder = resources.files("smartstd").joinpath("data").joinpath("indicators")
    text = folder.joinpath("core.yaml").read_text("utf-8")
    return parse_indicators(yaml.safe_load(text), "core.yaml")


def load_indicators(paths: Iterable[str | Path] = ()) -> tuple[Indicator, ...]:
    """The core definitions plus local ones from ``paths`` (YAML or JSON files).

    A local definition may not reuse a core code (it would change what a
    published figure means); local codes are namespaced (``gz:...``).

    Raises:
        UsageError: when a file cannot be read or does not follow the meta-schema.
    """
    from smartstd.io import read_file

    core = core_indicators()
    out = list(core)
    codes = {i.code for i in core}
    for path in paths:
        try:
            document = read_file(Path(path))
        except OSError as exc:
            raise UsageError(key="indicators_unreadable", file=path, reason=exc) from exc
        if not document.ok:
            f = document.findings[0]
            raise UsageError(
                key="indicators_unparsable",
                file=path,
                line=f.line or 1,
                column=f.column or 1,
                reason=f.params.get("reason", f.code),
            )
        for i, ind in enumerate(parse_indicators(document.value, str(path))):
            if ind.code in codes:
                raise UsageError(key="indicator_core_code", file=path, i=i, code=ind.code)
            if ind.standard:
                raise UsageError(key="indicator_local_standard", file=path, i=i)
            codes.add(ind.code)
            out.append(ind)
    return tuple(out)


def bundle_schemas(version: str, base_uri: str) -> dict[str, dict[str, Any]]:
    """The assessment's schemas for a release bundle, each with its ``$id`` for ``version``.

    ``indicator.schema.json`` (the meta-schema of indicator definitions) and
    ``assessment.schema.json`` (the JSON report of ``smartstd assess``).
    """
    from smartstd.schemas import schema_id

    out: dict[str, dict[str, Any]] = {}
    for name in ("indicator", "assessment"):
        text = (
            resources.files("smartstd").joinpath("data").joinpath(f"{name}.schema.json")
        ).read_text("utf-8")
        schema: dict[str, Any] = json.loads(text)
        schema["$id"] = schema_id(name, version, base_uri)
        out[f"{name}.schema.json"] = schema
    return out


def definitions_document(indicators: Sequence[Indicator] | None = None) -> dict[str, Any]:
    """The definitions as published data (``indicators.json`` of the bundle)."""
    return {"indicators": [dict(i.spec) for i in (indicators or core_indicators())]}
