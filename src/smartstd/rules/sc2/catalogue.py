"""Catalogue entries SC2xx: identity and references (level L2)."""

from __future__ import annotations

from smartstd.rules.info import rule

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
        '{"id": "b-01", "type": "Building", ...}\n{"id": "b-01", "type": "Building", ...}',
        '{"id": "b-01", "type": "Building", ...}\n{"id": "b-02", "type": "Building", ...}',
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
        '{"id": "dw-1", "type": "Dwelling", "building_id": "b-99", "unit_number": "101"}',
        '{"id": "dw-1", "type": "Dwelling", "building_id": "b-01", "unit_number": "101"}',
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
        '{"type": "Building", "managed_by_id": "res-0001"}   (a Resident)',
        '{"type": "Building", "managed_by_id": "org-pm-01"}  (an Organization of kind property_management)',
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
        '{"type": "Device", "community_id": "c-1", "building_id": "b-in-c-2"}',
        '{"type": "Device", "community_id": "c-1", "building_id": "b-in-c-1"}',
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
            "division_code 必须是 GB/T 2260 的县级行政区划代码：六位数字，前两位是省级代码，例如番禺区 440113。",
            "division_code must be a GB/T 2260 county-level code: six digits starting with a province code, e.g. 440113 for Panyu.",
        ),
        '{"type": "Community", "division_code": "990113"}',
        '{"type": "Community", "division_code": "440113"}',
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
        '{"type": "Organization", "credit_code": "91350100M000100Y44"}',
        '{"type": "Organization", "credit_code": "91350100M000100Y43"}',
    ),
)
