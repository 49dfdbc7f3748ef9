"""What rules SC702 and SC703 report about one entity (:func:`profile_hits`, ...).

规则 SC702、SC703 对单个实体的判断。
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from smartstd.conformance.rule import Hit
from smartstd.profiles.effective import merged_bbox
from smartstd.profiles.model import NS_CODE, Profile, ProfileSet
from smartstd.report import Path
from smartstd.schemas._jsonschema import is_number
from smartstd.schemas._regex import linear_validator

__all__ = ["deprecated_hits", "profile_hits"]

#: An extension key in data, with its prefix: the widest of any version (1.1.0's
#: names keep a source's spelling, ``gz:streamURL``; the core refuses in 1.0.0 data
#: what 1.0.0 does not allow), matched whole, as the effective schemas match it.
_DATA_KEY = re.compile(r"([a-z][a-z0-9]{0,15}):[A-Za-z][A-Za-z0-9_]{0,63}")


@cache
def _validator(schema_json: str) -> Any:
    """A validator of a profile's schema: its patterns are matched in linear time."""
    return linear_validator()(json.loads(schema_json))


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    )
    return text if len(text) <= 120 else text[:117] + "..."


def _parents(
    value: Any, pattern: Sequence[str], prefix: Path = ()
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The objects at a parent pattern ("*" = every list item), with their paths."""
    from smartstd.standard.introspect import iter_objects

    return iter_objects(value, tuple(pattern), prefix)


def _positions(value: Any, path: Path = ()) -> Iterator[tuple[Path, list[Any]]]:
    """Every GeoJSON position in a JSON value: ``[lon, lat, ...]`` with its path."""
    stack: list[tuple[Path, Any]] = [(path, value)]
    while stack:
        p, v = stack.pop()
        if isinstance(v, dict):
            coords = v.get("coordinates")
            if v.get("type") == "Point" and isinstance(coords, list):
                yield (*p, "coordinates"), coords
            elif v.get("type") == "Polygon" and isinstance(coords, list):
                for i, ring in enumerate(coords):
                    for j, pos in enumerate(ring if isinstance(ring, list) else []):
                        if isinstance(pos, list):
                            yield (*p, "coordinates", i, j), pos
            elif v.get("type") == "MultiPolygon" and isinstance(coords, list):
                # 1.1.0's footprints: the effective schema bounds these positions too
                for i, polygon in enumerate(coords):
                    for j, ring in enumerate(polygon if isinstance(polygon, list) else []):
                        for k, pos in enumerate(ring if isinstance(ring, list) else []):
                            if isinstance(pos, list):
                                yield (*p, "coordinates", i, j, k), pos
            else:
                stack.extend(
                    ((*p, k), sub)
                    for k, sub in v.items()
                    if isinstance(sub, (dict, list))
                    and not (isinstance(k, str) and _DATA_KEY.fullmatch(k))
                )
        elif isinstance(v, list):
            stack.extend(((*p, i), sub) for i, sub in enumerate(v) if isinstance(sub, (dict, list)))


def _hit(
    path: Path, profile: str, field_name: str, constraint: str, expected: Any, value: Any
) -> Hit:
    return Hit(
        "SC702",
        path,
        {
            "profile": profile,
            "field": field_name,
            "constraint": constraint,
            "expected": _jsonable(expected),
            "value": _jsonable(value),
        },
    )


def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path)


def profile_hits(raw: Mapping[str, Any], ps: ProfileSet) -> list[Hit]:
    """SC702: how one entity (plain JSON, core-valid) breaks the profiles in force.

    A profile's added field that breaks its schema, a required field that is
    missing or null, a value outside a tightened constraint or the bounding
    box, a field or code of a profile's prefix that the profile does not
    declare. Exactly what the effective schemas reject (a test proves it).
    """
    etype = raw.get("type")
    if not isinstance(etype, str):
        return []
    hits: list[Hit] = []
    seen: set[tuple[Path, str]] = set()

    def add(h: Hit) -> None:  # one finding per place and constraint
        key = (h.path, str(h.params.get("constraint")))
        if key not in seen:
            seen.add(key)
            hits.append(h)

    for p in ps.profiles:
        if p.required:
            _required_hits(raw, etype, p, add)
        if p.fields:
            _field_hits(raw, etype, p, add)
        if p.constraints:
            _constraint_hits(raw, etype, p, add)
    _undeclared_hits(raw, etype, ps, add)
    _bbox_hits(raw, ps, add)
    return hits


#: Where a helper puts what it finds (:func:`profile_hits` keeps one per place and constraint).
_Add = Callable[[Hit], None]


def _required_hits(raw: Mapping[str, Any], etype: str, p: Profile, add: _Add) -> None:
    """The fields the profile requires that are missing or null."""
    for path in p.required.get(etype, ()):
        for ppath, parent in _parents(raw, path[:-1]):
            if parent.get(path[-1]) is None:
                add(
                    _hit(
                        (*ppath, path[-1]),
                        p.ref,
                        _dotted((*ppath, path[-1])),
                        "required",
                        "non-null",
                        "null" if path[-1] in parent else "missing",
                    )
                )


def _field_hits(raw: Mapping[str, Any], etype: str, p: Profile, add: _Add) -> None:
    """The profile's added fields that are missing (when required) or break their schema."""
    for f in p.fields:
        if f.entity != etype:
            continue
        if f.name not in raw:
            if f.required:
                add(_hit((f.name,), p.ref, f.name, "required", "non-null", "missing"))
            continue
        v = _validator(json.dumps(dict(f.schema), sort_keys=True))
        err = next(
            iter(sorted(v.iter_errors(raw[f.name]), key=lambda e: list(e.absolute_path))), None
        )
        if err is not None:
            at = (f.name, *err.absolute_path)
            add(_hit(at, p.ref, _dotted(at), str(err.validator), err.validator_value, err.instance))


def _constraint_hits(raw: Mapping[str, Any], etype: str, p: Profile, add: _Add) -> None:
    """The values outside a keyword the profile tightens (on a field, or on each list item)."""
    for c in p.constraints:
        if c.entity != etype:
            continue
        if c.path[-1] != "*":
            for ppath, parent in _parents(raw, c.path[:-1]):
                name = c.path[-1]
                value = parent.get(name)
                if value is None:
                    continue
                for kw, expected in c.keywords.items():
                    if not _validator(json.dumps({kw: expected}, sort_keys=True)).is_valid(value):
                        at = (*ppath, name)
                        add(_hit(at, p.ref, _dotted(at), kw, expected, value))
            continue
        for ppath, parent in _parents(raw, c.path[:-2]):
            items = parent.get(c.path[-2])
            for i, value in enumerate(items if isinstance(items, list) else []):
                if value is None:
                    continue
                for kw, expected in c.keywords.items():
                    if not _validator(json.dumps({kw: expected}, sort_keys=True)).is_valid(value):
                        at = (*ppath, c.path[-2], i)
                        add(_hit(at, p.ref, _dotted(at), kw, expected, value))


def _undeclared_hits(raw: Mapping[str, Any], etype: str, ps: ProfileSet, add: _Add) -> None:
    """Fields and codes of a profile's prefix that the profiles do not declare."""
    from smartstd.standard.introspect import code_values

    declared_fields = {f.name for f in ps.fields_for(etype)}
    for key in raw:
        m = _DATA_KEY.fullmatch(key) if isinstance(key, str) else None
        if m and m.group(1) in ps.prefixes and key not in declared_fields:
            owner = next(q.ref for q in ps.profiles if q.prefix == m.group(1))
            known = sorted(
                f.name for f in ps.fields_for(etype) if f.name.startswith(m.group(1) + ":")
            )
            add(_hit((key,), owner, key, "declared-field", known, key))
    for at_code, list_name, value in code_values(dict(raw)):
        m = NS_CODE.fullmatch(value)
        if (
            m
            and m.group(1) in ps.prefixes
            and value not in {c.code for c in ps.codes_for(list_name)}
        ):
            owner = next(q.ref for q in ps.profiles if q.prefix == m.group(1))
            add(
                _hit(
                    at_code,
                    owner,
                    _dotted(at_code),
                    "declared-code",
                    sorted(c.code for c in ps.codes_for(list_name)),
                    value,
                )
            )


def _bbox_hits(raw: Mapping[str, Any], ps: ProfileSet, add: _Add) -> None:
    """The positions outside the profiles' bounding box."""
    box = merged_bbox(ps)
    if box is None:
        return
    owner = next(q.ref for q in reversed(ps.profiles) if q.bbox is not None)
    for at_pos, pos in _positions(dict(raw)):
        if len(pos) >= 2 and is_number(pos[0]) and is_number(pos[1]):
            lon, lat = pos[0], pos[1]
            if not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
                add(_hit(at_pos, owner, _dotted(at_pos), "bbox", list(box), [lon, lat]))


def deprecated_hits(raw: Mapping[str, Any], deprecations: Iterable[Any]) -> list[Hit]:
    """SC703: the deprecated fields an entity (plain JSON) uses."""
    etype = raw.get("type")
    hits: list[Hit] = []
    for d in deprecations:
        if d.entity != etype:
            continue
        path = d.path
        for ppath, parent in _parents(raw, path[:-1]):
            if path[-1] in parent and parent[path[-1]] is not None:
                at = (*ppath, path[-1])
                hits.append(
                    Hit(
                        "SC703",
                        at,
                        {
                            "field": f"{etype}.{d.field}",
                            "since": d.since,
                            "replacement": d.replacement or "-",
                            "removal": d.removal or "-",
                        },
                    )
                )
    return hits
