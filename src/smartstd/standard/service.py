"""Services and needs (服务档案): the catalogue, household profiles and service records."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from smartstd.standard._base import (
    INTEGRAL,
    Entity,
    F,
    Id,
    LocalizedText,
    SCDSModel,
    Timestamp,
    _closed_schema,
    refs,
)
from smartstd.standard.codes import code_type

__all__ = ["Eligibility", "Enrolment", "Need", "Service", "ServiceProfile", "ServiceRecord"]

_Rating = Annotated[int, Field(ge=1, le=5), INTEGRAL]


class Eligibility(SCDSModel):
    """Who may use a service."""

    __i18n__ = (
        "服务对象条件",
        "Eligibility",
        "可以使用该服务的人群条件。",
        "Who may use the service.",
    )
    min_age: Annotated[int, Field(ge=0, le=150), INTEGRAL] | None = F(
        "最低年龄", "Minimum age", default=None
    )
    max_age: Annotated[int, Field(ge=0, le=150), INTEGRAL] | None = F(
        "最高年龄", "Maximum age", default=None
    )
    special_groups: list[code_type("special_group")] = F(
        "特殊群体", "Special groups", "为空表示不限。", "Empty means any.", default_factory=list
    )
    residence_types: list[code_type("residence_type")] = F(
        "户籍类型", "Residence types", "为空表示不限。", "Empty means any.", default_factory=list
    )


class Service(Entity):
    """A service of the community's catalogue (服务项目)."""

    __i18n__ = (
        "服务项目",
        "Service",
        "社区服务目录中的一项服务。",
        "A service of the community's catalogue.",
    )
    __references__ = refs(
        ("domain_id", "ResponsibilityDomain"),
        ("provider_id", "Organization"),
        ("responsible_id", "Organization"),
    )
    type: Literal["Service"] = F("实体类型", "Entity type", default="Service")
    name: LocalizedText = F("名称", "Name")
    description: LocalizedText | None = F("说明", "Description", default=None)
    domain_id: Id | None = F(
        "责任领域",
        "Domain",
        "服务所属的责任领域（核心领域或章程中的子领域）。",
        "The responsibility domain (core or a charter sub-domain).",
        default=None,
    )
    category: code_type("service_category") = F("服务类别", "Category")
    need_level: code_type("need_level") | None = F("需求层次", "Need level", default=None)
    provider_id: Id | None = F(
        "提供方",
        "Provider",
        "实际提供服务的组织。",
        "The organisation delivering it.",
        default=None,
    )
    responsible_id: Id | None = F(
        "负责方",
        "Responsible party",
        "对服务负责的组织，可与提供方不同。",
        "The organisation answerable for it; may differ from the provider.",
        default=None,
    )
    eligibility: Eligibility | None = F("服务对象条件", "Eligibility", default=None)
    channels: list[code_type("service_channel")] = F("服务渠道", "Channels", default_factory=list)
    fee: code_type("fee") | None = F("收费方式", "Fee", default=None)
    status: code_type("service_status") = F("状态", "Status", default="active")
    response_sla_hours: Annotated[float, Field(gt=0, le=8760)] | None = F(
        "响应时限（小时）", "Response SLA (hours)", default=None
    )


class Need(SCDSModel):
    """An assessed need of a household or resident."""

    __i18n__ = ("需求", "Need", "经评估的服务需求。", "An assessed service need.")
    category: code_type("service_category") = F("服务类别", "Category")
    need_level: code_type("need_level") | None = F("需求层次", "Need level", default=None)
    priority: _Rating = F(
        "优先级", "Priority", "1 最低，5 最高。", "1 lowest, 5 highest.", default=3
    )
    assessed_at: Timestamp = F("评估时间", "Assessed at")
    source: code_type("need_source") = F("需求来源", "Source")


class Enrolment(SCDSModel):
    """A household's or resident's enrolment in a service."""

    __i18n__ = ("服务登记", "Enrolment", "在某项服务中的登记。", "Enrolment in a service.")
    service_id: Id = F("服务项目", "Service")
    enrolled_at: Timestamp = F("登记时间", "Enrolled at")
    ended_at: Timestamp | None = F("结束时间", "Ended at", default=None)


def _profile_schema(schema: dict[str, Any], cls: type[Any]) -> None:
    _closed_schema(schema, cls)
    schema["anyOf"] = [
        {"required": [name], "properties": {name: {"type": "string"}}}
        for name in ("household_id", "resident_id")
    ]


class ServiceProfile(Entity):
    """A service profile (服务档案) of a household or a resident."""

    model_config = ConfigDict(
        json_schema_extra=lambda schema, cls: _profile_schema(schema, cls),
    )
    __i18n__ = (
        "服务档案",
        "Service profile",
        "住户或居民的服务档案：需求与登记的服务。",
        "A household's or resident's profile: needs and enrolments.",
    )
    __references__ = refs(
        ("household_id", "Household"),
        ("resident_id", "Resident"),
        ("enrolments.*.service_id", "Service"),
        ("assessed_by_id", "Organization"),
        ("consent_purpose_id", "Purpose"),
    )
    type: Literal["ServiceProfile"] = F("实体类型", "Entity type", default="ServiceProfile")
    household_id: Id | None = F("住户", "Household", default=None)
    resident_id: Id | None = F("居民", "Resident", default=None)
    needs: list[Need] = F("需求", "Needs", default_factory=list)
    enrolments: list[Enrolment] = F("服务登记", "Enrolments", default_factory=list)
    assessed_by_id: Id | None = F("评估方", "Assessed by", default=None)
    updated_at: Timestamp = F("更新时间", "Updated at")
    consent_purpose_id: Id | None = F(
        "同意的处理目的",
        "Consent purpose",
        "建档所依据的同意目的。",
        "The consented purpose the profile is kept for.",
        default=None,
    )

    @model_validator(mode="after")
    def _has_subject(self) -> ServiceProfile:
        if self.household_id is None and self.resident_id is None:
            raise PydanticCustomError(
                "profile_subject", "a service profile needs household_id or resident_id"
            )
        return self


class ServiceRecord(Entity):
    """One delivery of a service (服务记录)."""

    __i18n__ = ("服务记录", "Service record", "一次服务的提供记录。", "One delivery of a service.")
    __references__ = refs(
        ("service_id", "Service"), ("profile_id", "ServiceProfile"), ("provider_id", "Organization")
    )
    type: Literal["ServiceRecord"] = F("实体类型", "Entity type", default="ServiceRecord")
    service_id: Id = F("服务项目", "Service")
    profile_id: Id = F("服务档案", "Profile")
    delivered_at: Timestamp = F("服务时间", "Delivered at")
    provider_id: Id | None = F("提供方", "Provider", default=None)
    outcome: code_type("service_outcome") | None = F("服务结果", "Outcome", default=None)
    satisfaction: _Rating | None = F("满意度", "Satisfaction", "1-5。", "1-5.", default=None)
