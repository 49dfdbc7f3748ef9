"""People: households and residents (人口). Names, phones and identity are personal data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from smartstd.standard._base import INTEGRAL, Date, Entity, F, Id, SCDSModel, Timestamp, refs
from smartstd.standard.codes import code_type

__all__ = ["Consent", "Household", "Resident"]


class Household(Entity):
    """A household (户) living in a dwelling."""

    __i18n__ = (
        "住户",
        "Household",
        "居住在一套房屋中的一户。",
        "A household living in a dwelling.",
    )
    __references__ = refs(("dwelling_id", "Dwelling"))
    type: Literal["Household"] = F("实体类型", "Entity type", default="Household")
    dwelling_id: Id = F("所住房屋", "Dwelling")
    size: Annotated[int, Field(ge=1, le=50), INTEGRAL] = F(
        "人数", "Size", "户内常住人数。", "Number of people living in it."
    )
    residence_type: code_type("residence_type") | None = F(
        "户籍类型", "Residence type", default=None
    )
    moved_in_on: Date | None = F("入住日期", "Moved in on", default=None)


class Consent(SCDSModel):
    """A resident's consent to one purpose (PIPL art. 14)."""

    __i18n__ = (
        "同意",
        "Consent",
        "居民对某一处理目的的同意。",
        "A resident's consent to one processing purpose.",
    )
    purpose_id: Id = F("处理目的", "Purpose")
    given_at: Timestamp = F("同意时间", "Given at")
    withdrawn_at: Timestamp | None = F("撤回时间", "Withdrawn at", default=None)


class Resident(Entity):
    """A resident (居民). Personal data: see the privacy rules SC401-SC403."""

    __i18n__ = (
        "居民",
        "Resident",
        "社区居民。姓名、电话属个人信息，身份证号只以加盐哈希保存。",
        "A resident. Name and phone are personal data; the identity number is stored only as a salted hash.",
    )
    __references__ = refs(("household_id", "Household"), ("consents.*.purpose_id", "Purpose"))
    type: Literal["Resident"] = F("实体类型", "Entity type", default="Resident")
    household_id: Id | None = F("所属住户", "Household", default=None)
    birth_year: Annotated[int, Field(ge=1900, le=2100), INTEGRAL] | None = F(
        "出生年份", "Birth year", default=None
    )
    age_band: code_type("age_band") | None = F("年龄段", "Age band", default=None)
    residence_type: code_type("residence_type") | None = F(
        "户籍类型", "Residence type", default=None
    )
    special_groups: list[code_type("special_group")] = F(
        "特殊群体",
        "Special groups",
        "属敏感个人信息（个人信息保护法第二十八条）。",
        "Sensitive personal data under PIPL art. 28.",
        default_factory=list,
    )
    name: str | None = F(
        "姓名", "Name", "个人信息。", "Personal data.", min_length=1, max_length=128, default=None
    )
    phone: str | None = F(
        "电话",
        "Phone",
        "非内部数据集中须脱敏（138****1234）。",
        "Masked (138****1234) in any dataset that is not internal.",
        max_length=32,
        default=None,
    )
    id_number_hash: str | None = F(
        "身份证号哈希",
        "Identity number hash",
        "加盐 SHA-256 十六进制。",
        "Salted SHA-256, hex.",
        pattern=r"^[0-9a-f]{64}$",
        default=None,
    )
    consents: list[Consent] = F("同意记录", "Consents", default_factory=list)
