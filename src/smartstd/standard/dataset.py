"""The dataset: an envelope (数据集信封) and its entities.

A dataset is one JSON or YAML document (the envelope with an ``entities``
array) or NDJSON (the envelope on the first line, one entity per later line).

The entity types load on first use: :data:`ENTITY_TYPES` imports a type's
module when its class is asked for, and :data:`AnyEntity` and
:class:`Dataset`, which need every type, load with their first use. A check of
a few records so builds only the models it meets.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, get_args

from pydantic import TypeAdapter

from smartstd.standard._base import LATEST, Entity
from smartstd.standard._envelope import PROFILE_REF_PATTERN, SEMVER_PATTERN, Envelope

if TYPE_CHECKING:
    from smartstd.standard._union import AnyEntity, Dataset

__all__ = [
    "CHARTER_TYPES",
    "ENTITY_TYPES",
    "PROFILE_REF_PATTERN",
    "SEMVER_PATTERN",
    "STANDARD_VERSION",
    "AnyEntity",
    "Dataset",
    "Envelope",
    "entity_adapter",
]

#: The version of the standard these models define (the latest; older versions'
#: models: :func:`smartstd.standard.models_for`).
STANDARD_VERSION = LATEST


#: Where each entity type is defined (a module of :mod:`smartstd.standard`), in
#: the standard's order.
_ENTITY_MODULES: dict[str, str] = {
    "Community": "place",
    "Grid": "place",
    "Building": "place",
    "Dwelling": "place",
    "Facility": "place",
    "Household": "people",
    "Resident": "people",
    "Organization": "organization",
    "Service": "service",
    "ServiceProfile": "service",
    "ServiceRecord": "service",
    "ServiceRequest": "participation",
    "Consultation": "participation",
    "Device": "safety",
    "Observation": "safety",
    "Alert": "safety",
    "ResponsibilityDomain": "governance",
    "Assignment": "governance",
    "DataCategory": "governance",
    "Purpose": "governance",
    "DataAccessGrant": "governance",
    "Agreement": "governance",
    "DutySeparation": "governance",
    "Pilot": "programme",
}


class _EntityTypes(Mapping[str, type[Entity]]):
    """Every entity type's class by name; a class is imported when first asked for.

    Names, ``in`` and ``len`` need no import, so code that only names the types
    (a message listing them, a test of a record's ``type``) loads no model.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, type[Entity]] = {}

    def __getitem__(self, name: str) -> type[Entity]:
        found = self._loaded.get(name)
        if found is None:
            module = importlib.import_module(f"smartstd.standard.{_ENTITY_MODULES[name]}")
            found = self._loaded[name] = getattr(module, name)
        return found

    def get(self, name: Any, default: Any = None) -> Any:
        """The class of the type ``name``, or ``default`` for a name that is no type."""
        found = self._loaded.get(name)
        if found is not None:
            return found
        return self[name] if name in _ENTITY_MODULES else default

    def __contains__(self, name: object) -> bool:
        return name in _ENTITY_MODULES

    def __iter__(self) -> Iterator[str]:
        return iter(_ENTITY_MODULES)

    def __len__(self) -> int:
        return len(_ENTITY_MODULES)

    def __repr__(self) -> str:
        return f"ENTITY_TYPES({', '.join(_ENTITY_MODULES)})"


#: Every entity type of the standard, by name, in the standard's order
#: (:data:`AnyEntity` is checked against it when it loads, so the two cannot
#: differ). A read-only mapping: a type's class loads, with its module, when
#: first asked for.
ENTITY_TYPES: Mapping[str, type[Entity]] = _EntityTypes()

#: The entity types that make up a governance charter.
CHARTER_TYPES: frozenset[str] = frozenset(
    {
        "ResponsibilityDomain",
        "Assignment",
        "DataCategory",
        "Purpose",
        "DataAccessGrant",
        "Agreement",
        "DutySeparation",
    }
)

_ADAPTER: TypeAdapter[Any] | None = None


def entity_adapter() -> TypeAdapter[Any]:
    """A cached ``TypeAdapter`` for :data:`AnyEntity` (built on first use: every model)."""
    global _ADAPTER
    if _ADAPTER is None:
        from smartstd.standard._union import AnyEntity

        _ADAPTER = TypeAdapter(AnyEntity)
    return _ADAPTER


def __getattr__(name: str) -> Any:
    """:data:`AnyEntity` and :class:`Dataset`, which import every entity type, on first use."""
    if name in ("AnyEntity", "Dataset"):
        from smartstd.standard import _union

        if get_args(get_args(_union.AnyEntity)[0]) != tuple(ENTITY_TYPES.values()):
            raise RuntimeError("AnyEntity and ENTITY_TYPES must name the same types in order")
        globals().update(AnyEntity=_union.AnyEntity, Dataset=_union.Dataset)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
