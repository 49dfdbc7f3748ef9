"""Governance (治理章程): the charter's entities.

Domains, RACI assignments, data categories, purposes, grants, agreements with
benefits and obligations, and duty separations.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from smartstd.standard._base import INTEGRAL, Date, Entity, F, Id, LocalizedText, SCDSModel, refs
from smartstd.standard.codes import code_type

__all__ = [
    "Agreement",
    "Assignment",
    "Benefit",
    "DataAccessGrant",
    "DataCategory",
    "Duty",
    "DutySeparation",
    "Obligation",
    "Purpose",
    "ResponsibilityDomain",
]


class ResponsibilityDomain(Entity):
    """A responsibility domain (责任领域); charters add sub-domains to the core ones."""

    __i18n__ = (
        "责任领域",
        "Responsibility domain",
        "需要明确负责方的事务领域。",
        "An area of work whose responsible parties must be agreed.",
    )
    __references__ = refs(("parent_id", "ResponsibilityDomain"))
    type: Literal["ResponsibilityDomain"] = F(
        "实体类型", "Entity type", default="ResponsibilityDomain"
    )
    name: LocalizedText = F("名称", "Name")
    parent_id: Id | None = F(
        "上级领域",
        "Parent domain",
        "核心领域或另一个子领域。",
        "A core domain or another sub-domain.",
        default=None,
    )
    affects_residents: bool = F(
        "涉及居民",
        "Affects residents",
        "涉及居民时须咨询居民代表（SC613）。",
        "If true, residents must be consulted (SC613).",
        default=True,
    )
    exclusive: bool = F(
        "排他",
        "Exclusive",
        "多个执行方时须指定牵头方（SC604）。",
        "Several responsible parties need a lead (SC604).",
        default=False,
    )
    description: LocalizedText | None = F("说明", "Description", default=None)


class Assignment(Entity):
    """A RACI assignment of an organisation to a domain (职责分工)."""

    __i18n__ = (
        "职责分工",
        "Assignment",
        "组织在某领域的 RACI 角色。",
        "An organisation's RACI role in a domain.",
    )
    __references__ = refs(
        ("domain_id", "ResponsibilityDomain"),
        ("organization_id", "Organization"),
        ("agreement_id", "Agreement"),
    )
    type: Literal["Assignment"] = F("实体类型", "Entity type", default="Assignment")
    domain_id: Id = F("责任领域", "Domain")
    organization_id: Id = F("组织", "Organisation")
    role: code_type("raci_role") = F("角色", "Role")
    lead: bool = F(
        "牵头",
        "Lead",
        "多个执行方中的牵头方。",
        "The lead among several responsible parties.",
        default=False,
    )
    valid_from: Date | None = F("生效日期", "Valid from", default=None)
    valid_until: Date | None = F("失效日期", "Valid until", default=None)
    agreement_id: Id | None = F("依据协议", "Agreement", default=None)


class DataCategory(Entity):
    """A category of data (数据类别) with its sensitivity under PIPL."""

    __i18n__ = (
        "数据类别",
        "Data category",
        "一类数据及其敏感度。",
        "A category of data and its sensitivity.",
    )
    __references__ = refs(("steward_id", "Organization"))
    type: Literal["DataCategory"] = F("实体类型", "Entity type", default="DataCategory")
    name: LocalizedText = F("名称", "Name")
    sensitivity: code_type("sensitivity") = F("敏感度", "Sensitivity")
    sensitive_kind: code_type("sensitive_kind") | None = F(
        "敏感类型", "Sensitive kind", default=None
    )
    steward_id: Id | None = F("数据管理方", "Steward", default=None)
    description: LocalizedText | None = F("说明", "Description", default=None)


class Purpose(Entity):
    """A declared purpose of processing (处理目的)."""

    __i18n__ = ("处理目的", "Purpose", "数据处理的声明目的。", "A declared purpose of processing.")
    __references__ = refs(
        ("domain_ids.*", "ResponsibilityDomain"), ("data_category_ids.*", "DataCategory")
    )
    type: Literal["Purpose"] = F("实体类型", "Entity type", default="Purpose")
    name: LocalizedText = F("名称", "Name")
    domain_ids: list[Id] = F("责任领域", "Domains", default_factory=list)
    data_category_ids: list[Id] = F("允许的数据类别", "Data categories", default_factory=list)
    description: LocalizedText | None = F("说明", "Description", default=None)


class DataAccessGrant(Entity):
    """A grant of access to a data category for a purpose (数据授权)."""

    __i18n__ = (
        "数据授权",
        "Data access grant",
        "组织为某目的处理某类数据的授权。",
        "An organisation's grant to process a data category for a purpose.",
    )
    __references__ = refs(
        ("organization_id", "Organization"),
        ("data_category_id", "DataCategory"),
        ("purpose_id", "Purpose"),
        ("agreement_id", "Agreement"),
        ("delegated_from_id", "DataAccessGrant"),
    )
    type: Literal["DataAccessGrant"] = F("实体类型", "Entity type", default="DataAccessGrant")
    organization_id: Id = F("被授权组织", "Organisation")
    data_category_id: Id = F("数据类别", "Data category")
    actions: Annotated[list[code_type("data_action")], Field(min_length=1)] = F("操作", "Actions")
    purpose_id: Id = F("处理目的", "Purpose")
    legal_role: code_type("legal_role") = F("法律角色", "Legal role")
    legal_basis: code_type("legal_basis") | None = F("合法性基础", "Legal basis", default=None)
    agreement_id: Id | None = F("依据协议", "Agreement", default=None)
    delegated_from_id: Id | None = F(
        "转授来源",
        "Delegated from",
        "被转授的上级授权。",
        "The grant this one is delegated from.",
        default=None,
    )
    valid_from: Date | None = F("生效日期", "Valid from", default=None)
    valid_until: Date | None = F("失效日期", "Valid until", default=None)


class Benefit(SCDSModel):
    """What a party gains under an agreement."""

    __i18n__ = ("收益", "Benefit", "协议一方的收益。", "What a party gains.")
    organization_id: Id = F("组织", "Organisation")
    kind: code_type("benefit_kind") = F("收益类型", "Kind")
    description: LocalizedText | None = F("说明", "Description", default=None)
    domain_ids: list[Id] = F(
        "相关领域",
        "Domains",
        "收益来自的领域（SC612）。",
        "Domains the benefit comes from (SC612).",
        default_factory=list,
    )


class Obligation(SCDSModel):
    """What a party owes under an agreement."""

    __i18n__ = ("义务", "Obligation", "协议一方的义务。", "What a party owes.")
    organization_id: Id = F("组织", "Organisation")
    description: LocalizedText = F("说明", "Description")


class Agreement(Entity):
    """An agreement among parties (协议), with each party's benefits and obligations."""

    __i18n__ = (
        "协议",
        "Agreement",
        "多方协议，写明各方收益与义务。",
        "An agreement among parties, with their benefits and obligations.",
    )
    __references__ = refs(
        ("party_ids.*", "Organization"),
        ("domain_ids.*", "ResponsibilityDomain"),
        ("purpose_ids.*", "Purpose"),
        ("data_category_ids.*", "DataCategory"),
        ("benefits.*.organization_id", "Organization"),
        ("benefits.*.domain_ids.*", "ResponsibilityDomain"),
        ("obligations.*.organization_id", "Organization"),
    )
    type: Literal["Agreement"] = F("实体类型", "Entity type", default="Agreement")
    name: LocalizedText | None = F("名称", "Name", default=None)
    kind: code_type("agreement_kind") = F("协议类型", "Kind")
    party_ids: list[Id] = F("协议方", "Parties", default_factory=list)
    domain_ids: list[Id] = F("责任领域", "Domains", default_factory=list)
    purpose_ids: list[Id] = F("处理目的", "Purposes", default_factory=list)
    data_category_ids: list[Id] = F("数据类别", "Data categories", default_factory=list)
    benefits: list[Benefit] = F("收益", "Benefits", default_factory=list)
    obligations: list[Obligation] = F("义务", "Obligations", default_factory=list)
    signed_at: Date | None = F("签订日期", "Signed on", default=None)
    valid_from: Date | None = F("生效日期", "Valid from", default=None)
    valid_until: Date | None = F("失效日期", "Valid until", default=None)


class Duty(SCDSModel):
    """A domain and role that a separation of duties is about."""

    __i18n__ = ("职责", "Duty", "领域与角色的组合。", "A domain and role.")
    domain_id: Id = F("责任领域", "Domain")
    role: code_type("raci_role") = F("角色", "Role")


class DutySeparation(Entity):
    """Duties that one organisation may not hold together (职责分离)."""

    __i18n__ = (
        "职责分离",
        "Duty separation",
        "同一组织不得同时承担的职责。",
        "Duties one organisation may not hold together.",
    )
    __references__ = refs(("duties.*.domain_id", "ResponsibilityDomain"))
    type: Literal["DutySeparation"] = F("实体类型", "Entity type", default="DutySeparation")
    duties: Annotated[list[Duty], Field(min_length=2)] = F("职责", "Duties")
    max_held: Annotated[int, Field(ge=1), INTEGRAL] = F(
        "最多兼任数",
        "At most held",
        "同一组织最多可承担其中几项（两项互斥时为 1）。",
        "How many of them one organisation may hold (1 for a pair).",
        default=1,
    )
    rationale: LocalizedText | None = F("理由", "Rationale", default=None)
