"""The dataset: an envelope (数据集信封) and its entities.

A dataset is one JSON or YAML document (the envelope with an ``entities``
array) or NDJSON (the envelope on the first line, one entity per later line).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union, get_args

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
from smartstd.standard.governance import (
    Agreement,
    Assignment,
    DataAccessGrant,
    DataCategory,
    DutySeparation,
    Purpose,
    ResponsibilityDomain,
)
from smartstd.standard.organization import Organization
from smartstd.standard.participation import Consultation, ServiceRequest
from smartstd.standard.people import Household, Resident
from smartstd.standard.place import Building, Community, Dwelling, Facility, Grid
from smartstd.standard.programme import Pilot
from smartstd.standard.safety import Alert, Device, Observation
from smartstd.standard.service import Service, ServiceProfile, ServiceRecord

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

#: Any entity, discriminated by ``type``.
AnyEntity = Annotated[
    Union[
        Community,
        Grid,
        Building,
        Dwelling,
        Facility,
        Household,
        Resident,
        Organization,
        Service,
        ServiceProfile,
        ServiceRecord,
        ServiceRequest,
        Consultation,
        Device,
        Observation,
        Alert,
        ResponsibilityDomain,
        Assignment,
        DataCategory,
        Purpose,
        DataAccessGrant,
        Agreement,
        DutySeparation,
        Pilot,
    ],
    Field(discriminator="type"),
]

#: Every entity type of the standard, by name, in the standard's order (read
#: from :data:`AnyEntity`, so the two can never differ).
ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.__name__: cls for cls in get_args(get_args(AnyEntity)[0])
}

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
    """A cached ``TypeAdapter`` for :data:`AnyEntity` (the fast path)."""
    global _ADAPTER
    if _ADAPTER is None:
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


class Dataset(Envelope):
    """A whole dataset: the envelope and its entities."""

    __i18n__ = ("数据集", "Dataset", "信封与全部实体。", "The envelope and all its entities.")
    entities: list[AnyEntity] = F("实体", "Entities", default_factory=list)

    @property
    def envelope(self) -> Envelope:
        """The envelope alone."""
        return Envelope.model_validate(self.model_dump(exclude={"entities"}, exclude_unset=True))

    def of_type(self, type_name: str) -> Iterator[Entity]:
        """The entities of one type, in order."""
        return (e for e in self.entities if e.type == type_name)

    def by_id(self) -> dict[tuple[str, str], Entity]:
        """Entities by ``(type, id)``."""
        return {(e.type, e.id): e for e in self.entities}

    def counts(self) -> dict[str, int]:
        """How many entities of each type."""
        return dict(sorted(Counter(e.type for e in self.entities).items()))
