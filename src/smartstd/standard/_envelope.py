"""The dataset envelope (数据集信封), apart so that the dataset can load its entity types lazily.

:class:`Envelope` is public in :mod:`smartstd.standard.dataset` (its
``__module__`` says so, as its reprs and pickles always did).
"""

# no ``from __future__ import annotations``: the annotations are evaluated here,
# so pydantic need not read them in smartstd.standard.dataset, which is still
# being imported when this module is

from typing import Annotated, Literal

from pydantic import Field

from smartstd.standard._base import (
    LANG_TAG_PATTERN,
    F,
    Id,
    LocalizedText,
    SCDSModel,
    Timestamp,
)
from smartstd.standard.codes import code_type

__all__ = ["PROFILE_REF_PATTERN", "SEMVER_PATTERN", "Envelope"]

SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
#: A profile reference: ``name@version``.
PROFILE_REF_PATTERN = r"^[a-z][a-z0-9-]{0,63}@(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"


class Envelope(SCDSModel):
    """The dataset envelope: what the data is, who publishes it, what rules apply."""

    __module__ = "smartstd.standard.dataset"

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
