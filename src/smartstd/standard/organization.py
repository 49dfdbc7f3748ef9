"""Organisations (组织): government, committees, companies, universities, groups."""

from __future__ import annotations

from typing import Any, Literal

from smartstd._ecma import ECMA_SPACE
from smartstd.standard._base import Entity, F, Id, LocalizedText, PostalAddress, SCDSModel, refs
from smartstd.standard.codes import code_type

__all__ = ["EMAIL_PATTERN", "Contact", "Organization"]

#: An email address: something, ``@``, something with a dot, none of it white
#: space. White space is ECMA-262's (what ``\s`` means in a JSON Schema
#: pattern), written out: Python's and Rust's ``\s`` differ from it (U+0085,
#: U+FEFF, U+001C to U+001F).
EMAIL_PATTERN = rf"^[^@{ECMA_SPACE}]+@[^@{ECMA_SPACE}]+\.[^@{ECMA_SPACE}]+$"
#: The same, as SCDS 1.0.0 published it (its schemas are frozen; ECMA-262 reads both alike).
_EMAIL_1_0_0 = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Contact(SCDSModel):
    """How to reach an organisation (not personal data)."""

    __i18n__ = (
        "联系方式",
        "Contact",
        "组织的公开联系方式。",
        "An organisation's public contact details.",
    )
    phone: str | None = F("电话", "Phone", max_length=32, default=None)
    email: str | None = F("电子邮箱", "Email", pattern=EMAIL_PATTERN, max_length=254, default=None)
    address: LocalizedText | None = F("地址", "Address", default=None)
    url: str | None = F("网址", "Website", pattern=r"^https?://", max_length=2048, default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        if cls.__standard_version__ == "1.0.0":
            target = handler.resolve_ref_schema(schema)
            for branch in target["properties"]["email"]["anyOf"]:
                if "pattern" in branch:
                    branch["pattern"] = _EMAIL_1_0_0
        return schema


class Organization(Entity):
    """An organisation taking part in the community (组织)."""

    __i18n__ = (
        "组织",
        "Organization",
        "参与社区建设的组织。",
        "An organisation taking part in the community.",
    )
    __references__ = refs(("parent_id", "Organization"), ("community_ids.*", "Community"))
    type: Literal["Organization"] = F("实体类型", "Entity type", default="Organization")
    name: LocalizedText = F("名称", "Name")
    kind: code_type("organization_kind") = F("组织类型", "Kind")
    credit_code: str | None = F(
        "统一社会信用代码",
        "Unified social credit code",
        "GB 32100-2015，18 位，含校验码。",
        "GB 32100-2015, 18 characters with a check character.",
        pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$",
        default=None,
    )
    parent_id: Id | None = F("上级组织", "Parent organisation", default=None)
    community_ids: list[Id] = F("服务社区", "Communities", default_factory=list)
    contact: Contact | None = F("联系方式", "Contact", default=None)
    postal_address: PostalAddress | None = F(
        "结构化地址",
        "Postal address",
        "组织的分项地址，与自由文本地址并存（1.1.0 起）。",
        "The organisation's address in parts, beside the free-text address (from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )
