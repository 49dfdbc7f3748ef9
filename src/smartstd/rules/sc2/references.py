"""SC202, unresolved references: the one definition, shared by the engine and the charter.

A reference is a field that the model lists in its ``__references__``
(:class:`~smartstd.standard._base.Ref`: a path pattern, the entity types it
may name, for organisations the kinds). It resolves when an entity of one of
those types has the id it names; a core domain of the standard
(:data:`~smartstd.standard.domains.CORE_DOMAINS`) resolves a reference to a
``ResponsibilityDomain`` without an entity of its own. One that does not is
SC202, with the parameters ``field`` (the dotted path), ``target`` (the id)
and ``expected`` (the types, joined by ``or``).

Two callers judge references with these functions:

* :class:`smartstd.rules.sc2.checks.IdentityRule`, the engine's dataset rule,
  which streams the records of any size of dataset, keeps compact ids and
  settles forward references at the end (with SC201, SC203 and SC204);
* :func:`unresolved_in_tables`, for entities already held in memory by id:
  :func:`smartstd.graph.check_charter` reports with it the references of a
  charter's entities to entities the charter does not have.

This module sits below :mod:`smartstd.graph` (the layers in ``pyproject.toml``),
so that both can use it.

引用无法解析（SC202）的唯一定义：数据检查引擎与章程检查共用。
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import chain
from operator import attrgetter
from typing import Any

from smartstd.conformance.rule import Hit, Where
from smartstd.report import Path
from smartstd.standard._base import Ref
from smartstd.standard.dataset import ENTITY_TYPES
from smartstd.standard.domains import CORE_DOMAINS
from smartstd.standard.introspect import iter_path

__all__ = [
    "field_name",
    "mistyped",
    "references_of",
    "resolves_without_entity",
    "unresolved",
    "unresolved_in_tables",
]


def field_name(path: Path) -> str:
    """A reference's path as the findings name it: ``benefits.0.organization_id``."""
    return ".".join(str(p) for p in path)


def references_of(type_name: str) -> tuple[Ref, ...]:
    """The reference fields of an entity type (none for an unknown type)."""
    cls = ENTITY_TYPES.get(type_name)
    return tuple(getattr(cls, "__references__", ())) if cls is not None else ()


def resolves_without_entity(target: str, types: Collection[str]) -> bool:
    """Whether ``target`` resolves with no entity: a core domain, where a domain may be named."""
    return "ResponsibilityDomain" in types and target in CORE_DOMAINS


def unresolved(
    path: Path,
    target: str,
    types: Iterable[str],
    where: Where | None = None,
    suggestion: str | None = None,
) -> Hit:
    """The SC202 hit for the reference at ``path`` to ``target``, which names none of ``types``.

    ``suggestion``: an id the data has that ``target`` differs from only in
    case, width or surrounding spaces (the message asks "did you mean").
    """
    params = {"field": field_name(path), "target": target, "expected": " or ".join(types)}
    if suggestion is not None:
        params["suggestion"] = suggestion
    return Hit("SC202", path, params, where)


def mistyped(
    path: Path, target: str, expected: str, actual: str, where: Where | None = None
) -> Hit:
    """The SC203 hit for the reference at ``path`` to ``target``, an entity of another type.

    ``expected`` says what the field takes (``"Organization"``, ``"A or B"``),
    ``actual`` what ``target`` is (its types in the standard's order, joined by
    ``" / "``). The engine's identity rule and the charter's checks both make it here.
    """
    return Hit(
        "SC203",
        path,
        {"field": field_name(path), "target": target, "expected": expected, "actual": actual},
        where,
    )


#: The entity types in the standard's order (names only: no model loads).
_ORDER = {name: i for i, name in enumerate(ENTITY_TYPES)}


def _column(entities: Iterable[Any], pattern: tuple[str, ...]) -> set[Any]:
    """Every value at ``pattern`` in ``entities``, in bulk (``None`` and unset lists skipped)."""
    items: Iterable[Any] = entities
    for step in pattern:
        if step == "*":
            items = chain.from_iterable(filter(None, items))  # empty or unset lists add nothing
        else:
            items = map(attrgetter(step), items)
    values = set(items)
    values.discard(None)
    return values


def unresolved_in_tables(
    tables: Mapping[str, Mapping[str, Any]],
    known: Mapping[str, Mapping[str, Any]],
    columns: Mapping[tuple[str, tuple[str, ...]], Iterable[Any]] | None = None,
) -> Iterator[tuple[str, str, Hit]]:
    """SC202 for the references of entities held by id that name no entity known.

    A reference that names an entity of another type the tables hold is SC203.

    Args:
        tables: the entities to check, by type name, each by id (models of the
            standard, in the order they were read).
        known: the entities of each type that references may name, by id. A reference
            whose types are not all here is out of scope and not judged (a
            charter knows no communities, so it does not judge
            ``Organization.community_ids``).
        columns: the values of some reference fields read already, by type
            name and path pattern (``("Assignment", ("domain_id",))``), every
            value the field holds in the table; the others are read here.

    Yields:
        ``(type, id, hit)`` of each unresolved reference: the entity's type
        and id, and its SC202 or SC203 hit (``path`` inside the entity). Types come in
        the order of ``tables``, references in the order the model lists
        them, entities in their table's order.

    Each reference field is first judged in bulk (the set of every id it
    names against the ids known); only a field naming something unknown is
    read again entity by entity to say where.
    """
    for type_name, table in tables.items():
        if not table:
            continue
        for ref in references_of(type_name):
            if not all(t in known for t in ref.types):
                continue
            scope = [known[t] for t in ref.types]
            given = None if columns is None else columns.get((type_name, ref.path))
            if given is None:
                values = _column(table.values(), ref.path)
            else:
                values = set(given)
                values.discard(None)
            for ids in scope:
                values = values.difference(ids)  # in C, a lookup per value when ids is a dict
            missing = {v for v in values if not resolves_without_entity(v, ref.types)}
            if not missing:
                continue
            # an id of another type the tables know: mistyped (SC203), as the engine says
            others = sorted(
                (t for t in known if t not in ref.types), key=lambda t: _ORDER.get(t, len(_ORDER))
            )
            for entity in table.values():
                for path, target in iter_path(entity, ref.path):
                    if target not in missing:
                        continue
                    actual = " / ".join(t for t in others if target in known[t])
                    yield (
                        type_name,
                        entity.id,
                        mistyped(path, target, " or ".join(ref.types), actual)
                        if actual
                        else unresolved(path, target, ref.types),
                    )
