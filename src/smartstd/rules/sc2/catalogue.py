"""Catalogue entries SC2xx: identity and references (level L2)."""

from __future__ import annotations

from smartstd.rules.info import Param, rule

RULES = (
    rule(
        "SC201",
        "duplicate-id",
        "error",
        "L2",
        ("标识重复", "Duplicate id"),
        ("{type} 标识 {id} 重复出现", "The {type} id {id} is used more than once"),
        (
            "同一类型的两个实体不能使用同一个 id，否则引用它的记录指向不明。合并重复记录，或给其中一个新的 id。",
            "Two entities of the same type cannot share an id, or references to it become ambiguous. Merge the duplicates or give one of them a new id.",
        ),
    ),
    rule(
        "SC202",
        "unresolved-reference",
        "error",
        "L2",
        ("引用无法解析", "Unresolved reference"),
        (
            "{field} 引用的 {expected} {target} 不在数据集中",
            "{field} names {expected} {target}, which is not in the dataset",
        ),
        (
            "以 _id 或 _ids 结尾的字段必须指向同一数据集（或一起检查的文件）中存在的实体。补上被引用的实体，或修正 id。",
            "A field ending in _id or _ids must name an entity present in the same dataset (or in a file checked with it). Add the referenced entity or correct the id.",
        ),
    ),
    rule(
        "SC203",
        "reference-type-mismatch",
        "error",
        "L2",
        ("引用类型不符", "Reference type mismatch"),
        (
            "{field} 应指向 {expected}，但 {target} 是 {actual}",
            "{field} should name {expected}, but {target} is {actual}",
        ),
        (
            "引用必须指向正确类型的实体；指向组织时还须是合适的组织类型，例如 managed_by_id 应为物业服务企业，street_office_id 应为街道办事处。",
            "A reference must name an entity of the right type, and for organisations of the right kind: managed_by_id names a property management company, street_office_id a street office.",
        ),
    ),
    rule(
        "SC204",
        "community-mismatch",
        "error",
        "L2",
        ("社区不一致", "Community mismatch"),
        (
            "{field} 指向的 {target} 属于社区 {actual}，而本记录属于社区 {expected}",
            "{field} names {target}, which belongs to community {actual}, but this record belongs to community {expected}",
        ),
        (
            "实体所属社区必须与其所在的楼栋、网格或来源设备一致，否则统计和派单会落到错误的社区。",
            "An entity's community must match that of the building, grid or device it stands in or comes from; otherwise counts and dispatch go to the wrong community.",
        ),
    ),
    rule(
        "SC205",
        "invalid-division-code",
        "error",
        "L2",
        ("行政区划代码无效", "Invalid division code"),
        (
            "行政区划代码 {value} 无效（{reason}）",
            "The division code {value} is invalid ({reason})",
        ),
        (
            "division_code 必须是数据集日期（generated_at）时在用的 GB/T 2260 县级行政区划代码，"
            "例如番禺区 440113。代码随库附带的行政区划表核对（民政部历年县级以上行政区划代码，"
            "含撤销年份）：从未存在的代码（not-in-gbt2260，如 449999、440199）、"
            "已撤销的代码（abolished，如 2014 年撤销的萝岗区 440116）、尚未启用的代码"
            "（not-yet-in-use）和地级以上代码（not-county-level，不辖县的地级市如东莞 441900 除外）"
            "都不通过。行政区划调整后无需等待新版本：用参数 table 指定一份更新的表"
            "（CSV：code,name,level,start,end）。",
            "division_code must be a GB/T 2260 county-level code in use on the dataset's date "
            "(generated_at), e.g. 440113 for Panyu. It is looked up in the division table shipped "
            "with the library (the Ministry of Civil Affairs' yearly lists of divisions at county "
            "level and above, with the years each code was in use): a code that never existed "
            "(not-in-gbt2260, e.g. 449999 or 440199), one abolished before then (abolished, e.g. "
            "440116 Luogang, abolished in 2014), one not yet in use (not-yet-in-use) and a code "
            "above county level (not-county-level; a prefecture with no counties, such as "
            "Dongguan 441900, is accepted) fail. When divisions change, no new release is "
            "needed: the parameter table names a newer table (CSV: code,name,level,start,end).",
        ),
        params=(
            Param(
                "table",
                "",
                "更新的行政区划表文件（CSV，相对于当前目录）；空表示只用随库附带的表。",
                "A newer division table file (CSV, relative to the working directory); empty "
                "for the shipped table alone.",
            ),
        ),
    ),
    rule(
        "SC206",
        "invalid-credit-code",
        "error",
        "L2",
        ("统一社会信用代码无效", "Invalid credit code"),
        (
            "统一社会信用代码 {value} 无效（{reason}）",
            "The unified social credit code {value} is invalid ({reason})",
        ),
        (
            "credit_code 必须符合 GB 32100-2015：18 位，最后一位是按加权模 31 计算的校验码。校验失败通常是抄录错误。",
            "credit_code must follow GB 32100-2015: 18 characters, the last a weighted mod-31 check character. A failed check is usually a copying mistake.",
        ),
    ),
)
