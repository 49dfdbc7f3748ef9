"""What tightening a rule parameter means, for each direction a parameter declares.

A rule declares, beside each parameter (:attr:`smartstd.rules.info.Param.tighten`),
how a profile may tighten it: ``lower``, ``higher``, ``lower-each`` /
``higher-each`` (a mapping of numbers), ``range-each`` (a mapping of
``[min, max]``), ``superset`` or ``subset`` (a list). This module reads that
direction and applies it: the stricter of two values, and whether a value
loosens a default.

规则参数的收紧方向：取较严格的值，判断某值是否放宽了默认值。
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from smartstd.schemas._jsonschema import is_number


def direction(code: str, name: str) -> str:
    """How a profile may tighten parameter ``name`` of rule ``code`` (:attr:`Param.tighten`)."""
    from smartstd.catalogue import get_rule

    try:
        info = get_rule(code)
    except KeyError:
        return ""
    return next((p.tighten for p in info.params if p.name == name), "")


def _ordered(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def stricter(code: str, name: str, a: Any, b: Any) -> Any:
    """The stricter of two values of a parameter (``b`` when the direction is unknown)."""
    d = direction(code, name)
    if d == "lower" and is_number(a) and is_number(b):
        return min(a, b)
    if d == "higher" and is_number(a) and is_number(b):
        return max(a, b)
    if (
        d.startswith(("lower-each", "higher-each"))
        and isinstance(a, Mapping)
        and isinstance(b, Mapping)
    ):
        pick = min if d.startswith("lower") else max
        out = dict(a)
        for k, v in b.items():
            out[k] = pick(out[k], v) if k in out and is_number(out[k]) and is_number(v) else v
        return out
    if d == "range-each" and isinstance(a, Mapping) and isinstance(b, Mapping):
        out = dict(a)
        for k, v in b.items():
            if (
                k in out
                and isinstance(out[k], list)
                and isinstance(v, list)
                and len(out[k]) == 2
                and len(v) == 2
            ):
                out[k] = [max(out[k][0], v[0]), min(out[k][1], v[1])]
            else:
                out[k] = v
        return out
    if d == "superset" and isinstance(a, list) and isinstance(b, list):
        return _ordered({json.dumps(x): x for x in [*a, *b]}.values())
    if d == "subset" and isinstance(a, list) and isinstance(b, list):
        return [x for x in a if x in b]
    return b


def _plain(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def _lower(a: Mapping[str, Any]) -> tuple[float, bool] | None:
    cands = [
        (float(a[k]), k == "exclusiveMinimum")
        for k in ("minimum", "exclusiveMinimum")
        if is_number(a.get(k))
    ]
    return max(cands) if cands else None


def _upper(a: Mapping[str, Any]) -> tuple[float, bool] | None:
    cands = [
        (float(a[k]), k == "exclusiveMaximum")
        for k in ("maximum", "exclusiveMaximum")
        if is_number(a.get(k))
    ]
    return min(cands, key=lambda c: (c[0], not c[1])) if cands else None


def loosenings(code: str, name: str, value: Any, base: Mapping[str, Any]) -> list[str]:
    """Why ``value`` of parameter ``name`` of rule ``code`` loosens ``base[name]`` (empty: not).

    ``base`` holds the parameters in force before the profile (the rule's
    defaults, with what the profiles it extends set); a ``lower-each:<name>``
    or ``range-each`` direction falls back on another parameter of ``base``
    for a key the default does not list. ``value`` has the default's kind.
    """
    default = base[name]
    d = direction(code, name)
    looser: list[str] = []
    if d == "lower" and value > default:
        looser.append(f"{value} is looser than {default} (only a lower value tightens)")
    elif d == "higher" and value < default:
        looser.append(f"{value} is looser than {default} (only a higher value tightens)")
    elif d.startswith(("lower-each", "higher-each")):
        fallback = base.get(d.split(":", 1)[1])
        for k, v in value.items():
            ref = default.get(k, fallback)
            if not is_number(v):
                looser.append(f"{k}: {v!r} is not a number")
            elif is_number(ref) and ((v > ref) if d.startswith("lower") else (v < ref)):
                looser.append(f"{k}: {v} is looser than {ref}")
    elif d == "range-each":
        for k, v in value.items():
            ref = default.get(k, [base.get("min_days"), base.get("max_days")])
            if not (
                isinstance(v, list)
                and len(v) == 2
                and all(is_number(x) for x in v)
                and v[0] <= v[1]
            ):
                looser.append(f"{k}: must be [minimum, maximum]")
            elif is_number(ref[0]) and is_number(ref[1]) and (v[0] < ref[0] or v[1] > ref[1]):
                looser.append(f"{k}: {v} is wider than {list(ref)}")
    elif d == "superset":
        missing = [x for x in default if x not in value]
        if missing:
            looser.append(
                f"drops {', '.join(map(str, missing))} (a profile may only add to this list)"
            )
    elif d == "subset":
        added = [x for x in value if x not in default]
        if added:
            looser.append(
                f"adds {', '.join(map(str, added))} (a profile may only remove from this list)"
            )
    return looser


def loosens_bound(kw: str, value: Any, alt: Mapping[str, Any]) -> tuple[bool, Any]:
    """Whether bound ``kw: value`` is looser than one alternative of the core, and the core's bound.

    A minimum (or exclusive minimum) below the core's effective lower bound,
    a maximum above its upper bound, a shorter ``minLength`` / ``minItems`` or
    a longer ``maxLength`` / ``maxItems`` loosens; any other keyword does not.
    """
    core = alt.get(kw)
    looser = False
    if kw in ("minimum", "exclusiveMinimum"):
        low = _lower(alt)
        looser = low is not None and (
            value < low[0] or (value == low[0] and low[1] and kw == "minimum")
        )
        core = None if low is None else _plain(low[0])
    elif kw in ("maximum", "exclusiveMaximum"):
        high = _upper(alt)
        looser = high is not None and (
            value > high[0] or (value == high[0] and high[1] and kw == "maximum")
        )
        core = None if high is None else _plain(high[0])
    elif kw in ("minLength", "minItems"):
        looser = core is not None and value < core
    elif kw in ("maxLength", "maxItems"):
        looser = core is not None and value > core
    return looser, core
