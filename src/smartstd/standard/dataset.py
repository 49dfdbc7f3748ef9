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
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from smartstd.standard._base import (
    LANG_TAG_PATTERN,
    LATEST,
    Entity,
    F,
    Id,
    LocalizedText,
    SCDSModel,
    Timestamp,
)
from smartstd.standard.codes import code_type

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
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
#: A profile reference: ``name@version``.
PROFILE_REF_PATTERN = r"^[a-z][a-z0-9-]{0,63}@(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"

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
#: (:data:`AnyEntity` is read from it, so the two can never differ). A read-only
#: mapping: a type's class loads, with its module, when first asked for.
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


class Envelope(SCDSModel):
    """The dataset envelope: what the data is, who publishes it, what rules apply."""

    __i18n__ = ("数据集信封", "Dataset envelope", "数据集的元数据。", "Metadata of a dataset.")
    standard: Literal["scds"] = F("标准", "Standard", "固定为 scds。", "Always scds.")
    standard_version: str = F("标准版本", "Standard version", pattern=SEMVER_PATTERN)
    dataset_id: Id = F("数据集标识", "Dataset id")
    publisher_id: Id = F(
        "发布方",
        "Publisher",
        "发布数据的组织（须在数据集中）。",
        "The publishing Organization (in the dataset).",
    )
    generated_at: Timestamp = F(
        "生成时间",
        "Generated at",
        "数据导出时刻；时限类规则以此为“现在”。",
        "When it was exported; deadline rules take it as 'now'.",
    )
    classification: code_type("classification") = F(
        "密级", "Classification", "决定适用的隐私规则。", "Decides which privacy rules apply."
    )
    title: LocalizedText | None = F("标题", "Title", default=None)
    profiles: list[Annotated[str, Field(pattern=PROFILE_REF_PATTERN)]] = F(
        "地方配置", "Profiles", "如 gz-panyu@1.0.0。", "e.g. gz-panyu@1.0.0.", default_factory=list
    )
    extensions: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9]{0,15}$")], str] = F(
        "扩展前缀",
        "Extension prefixes",
        "声明的扩展前缀及其定义位置（URI 或配置名）。",
        "Declared extension prefixes and where each is defined (a URI or profile).",
        default_factory=dict,
    )
    crs: code_type("crs") = F("坐标参考系", "CRS", default="EPSG:4326")
    languages: list[Annotated[str, Field(pattern=LANG_TAG_PATTERN)]] = F(
        "语言", "Languages", default_factory=lambda: ["zh-CN", "en"]
    )
    licence: str | None = F("许可", "Licence", max_length=256, default=None)


def __getattr__(name: str) -> Any:
    """:data:`AnyEntity` and :class:`Dataset`, which import every entity type, on first use."""
    if name in ("AnyEntity", "Dataset"):
        from smartstd.standard import _union

        value = getattr(_union, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
