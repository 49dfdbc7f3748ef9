"""Conversion issues: what a converter noticed, as data, with where it was.

An :class:`Issue` is to conversion what a :class:`~smartstd.report.Finding`
is to conformance: a stable code (``CV`` + three digits), a severity, the
message parameters, and two places, the source's (``Residents!C12``,
``requests.xml:14``, ``/3/category``) and the output's (entity index and
JSON Pointer). Messages are rendered on demand in zh-CN or en from
:data:`CODES`, so the codes and their texts live in one place.

转换问题：转换器发现的问题，作为数据保存，指明来源位置（工作表单元格、行号、JSON 指针）与输出位置。
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from smartstd._parser_messages import localize, say
from smartstd.report import Severity

__all__ = ["CODES", "EXPECTED_ZH", "Issue", "IssueCode"]


@dataclass(frozen=True)
class IssueCode:
    """One kind of conversion issue: its code, name, severity and messages in both languages."""

    code: str
    name: str
    severity: Severity
    zh: str
    en: str


def _c(code: str, name: str, severity: str, zh: str, en: str) -> IssueCode:
    return IssueCode(code, name, Severity(severity), zh, en)


#: Every conversion issue, by code.
CODES: Mapping[str, IssueCode] = MappingProxyType(
    {
        c.code: c
        for c in (
            _c(
                "CV100",
                "unreadable-input",
                "error",
                "无法读取输入：{reason}",
                "The input cannot be read: {reason}",
            ),
            _c(
                "CV101",
                "input-too-large",
                "error",
                "输入超过上限：{what} 为 {size}，上限 {limit}。请拆分文件或调高上限（{option}）",
                "The input is over a limit: {what} is {size}, the limit is {limit}. Split the file or raise the limit ({option})",
            ),
            _c(
                "CV102",
                "xml-refused",
                "error",
                "拒绝读取 XML：文档声明了 {what}（可能是实体扩展攻击）。请去掉 DOCTYPE 后重试",
                "XML refused: the document declares {what} (entity expansion is never performed). Remove the DOCTYPE and try again",
            ),
            _c(
                "CV103",
                "wrong-shape",
                "error",
                "不是 {expected}：{reason}",
                "Not {expected}: {reason}",
            ),
            _c(
                "CV104",
                "encoding-guessed",
                "info",
                "文件不是 UTF-8，按 {encoding} 读取",
                "The file is not UTF-8; read as {encoding}",
            ),
            _c(
                "CV110",
                "no-known-sheet",
                "error",
                "工作簿中没有可识别的工作表（{sheets}）。工作表名应为实体类型，如 {example}；可用 smartstd template 生成模板",
                "No sheet of the workbook is an entity type ({sheets}). Name sheets after entity types, e.g. {example}; smartstd template writes one",
            ),
            _c(
                "CV111",
                "sheet-skipped",
                "warning",
                "跳过工作表“{sheet}”：不是实体类型{suggestion}",
                "Sheet '{sheet}' skipped: not an entity type{suggestion}",
            ),
            _c(
                "CV112",
                "unknown-column",
                "warning",
                "未知列“{column}”{suggestion}；该列的值未导入",
                "Unknown column '{column}'{suggestion}; its values were not imported",
            ),
            _c(
                "CV113",
                "no-header",
                "error",
                "工作表“{sheet}”前 {rows} 行中找不到表头（字段名或中英文标题）",
                "No header row (field names or titles) in the first {rows} rows of sheet '{sheet}'",
            ),
            _c(
                "CV114",
                "column-without-header",
                "warning",
                "第 {column} 列有值但没有表头；该列的值未导入。请在表头行补上字段名或标题",
                "Column {column} has values but no header; they were not imported. Add a field name or title to the header row",
            ),
            _c(
                "CV115",
                "formula-not-computed",
                "warning",
                "公式 {formula} 没有计算结果（工作簿由程序生成、未经 Excel 或 WPS 保存）；该值未导入。请在 Excel 或 WPS 中打开并保存，或把公式粘贴为数值",
                "Formula {formula} has no computed value (the workbook was written by a program and never saved by Excel or WPS); it was not imported. Open and save it in Excel or WPS, or paste the formulas as values",
            ),
            _c(
                "CV116",
                "sheet-hidden",
                "info",
                "工作表“{sheet}”在工作簿中是隐藏的，其行仍已导入；若不应导入，请删除该工作表",
                "Sheet '{sheet}' is hidden in the workbook; its rows were imported all the same. Delete the sheet if they should not be",
            ),
            _c(
                "CV120",
                "bad-value",
                "error",
                "“{value}”不是{expected}",
                "'{value}' is not {expected}",
            ),
            _c(
                "CV121",
                "unknown-code",
                "error",
                "“{value}”不是代码表 {list} 的代码或名称{suggestion}",
                "'{value}' is not a code or label of code list {list}{suggestion}",
            ),
            _c(
                "CV122",
                "date-reformatted",
                "info",
                "日期“{value}”按 {form} 读作 {result}",
                "Date '{value}' read as {form}: {result}",
            ),
            _c(
                "CV123",
                "offset-assumed",
                "info",
                "时间“{value}”没有时区，按 {offset} 读作 {result}",
                "Time '{value}' has no offset; read with {offset} as {result}",
            ),
            _c(
                "CV124",
                "missing-value",
                "warning",
                "缺少必填字段 {field}",
                "Required field {field} is missing",
            ),
            _c(
                "CV125",
                "code-label",
                "info",
                "“{value}”按名称读作代码 {code}",
                "'{value}' read as code {code} by its label",
            ),
            _c(
                "CV126",
                "missing-source-value",
                "warning",
                "来源没有 {attr}，必填字段 {field} 无值；请在来源中补上 {attr}",
                "The source has no {attr}, so required field {field} has no value; add {attr} to the source",
            ),
            _c(
                "CV127",
                "not-a-reading",
                "warning",
                "{attr} 的值“{value}”不是有限数值，未生成观测（值以 fiware:{attr} 保留；NaN 或无穷大列入丢弃清单）；请在来源中改为数值",
                "The value '{value}' of {attr} is not a finite number, so no Observation was made of it (the value stays as fiware:{attr}; NaN or infinity is listed as dropped); write a number in the source",
            ),
            _c(
                "CV128",
                "unit-unknown",
                "info",
                "单位代码“{code}”不在单位对照表中，按原样写入 unit；如需换算为 UCUM，请在对照表的 units 中补上",
                "Unit code '{code}' is not in the unit table, so unit keeps it as it is; to have it written in UCUM, add it to the crosswalk's units",
            ),
            _c(
                "CV129",
                "no-reading",
                "warning",
                "{source_type} 实体没有数值读数，未生成观测；该实体列入丢弃清单",
                "The {source_type} entity holds no numeric reading, so no Observation was made; the entity is listed as dropped",
            ),
            _c(
                "CV131",
                "temporal-split",
                "info",
                "时序实体的 {count} 个时间点（{attributes}）分别转换，每个时间点一条记录；标识后加上时间点",
                "The temporal entity's {count} instants ({attributes}) were converted one by one, each into its own records; the instant is added to the id",
            ),
            _c(
                "CV130",
                "identifier-tidied",
                "info",
                "{title_zh}“{value}”含全角字符、空格、连字符或小写字母，按规范写法读作 {result}",
                "{title_en} '{value}' is written with full-width characters, spaces, hyphens or lower case; read as {result}",
            ),
            _c(
                "CV150",
                "no-entity-type",
                "error",
                "无法确定要素的实体类型：没有 --type，properties.type 不是实体类型，文件名 {file} 也不是（如 {example}）；该要素未导入",
                "The feature's entity type is unknown: no --type, no properties.type naming one, and the file name {file} names none (e.g. {example}); the feature was not imported",
            ),
            _c(
                "CV151",
                "no-feature-id",
                "warning",
                "要素没有 id（也没有 properties.id），按类型与序号生成 {id}",
                "The feature has no id (nor properties.id); {id} was made from the type and the feature's number",
            ),
            _c(
                "CV152",
                "duplicate-id",
                "error",
                "标识 {id} 已是 {first} 处要素的标识",
                "Id {id} is already the id of the feature at {first}",
            ),
            _c(
                "CV153",
                "geometry-not-held",
                "error",
                "{type} 无法容纳 {geometry} 几何（可用字段：{accepted}）；该几何未导入",
                "A {geometry} cannot go into a {type} (its fields take {accepted}); the geometry was not imported",
            ),
            _c(
                "CV154",
                "bad-position",
                "error",
                "{value} 不是有效位置（应为 2 或 3 个有限数值：经度、纬度、可选高程）；该几何未导入",
                "{value} is not a position (2 or 3 finite numbers: longitude, latitude, optional height); the geometry was not imported",
            ),
            _c(
                "CV155",
                "position-out-of-range",
                "error",
                "位置 {position} 超出范围：经度应在 -180 到 180，纬度应在 -90 到 90（本几何共 {n} 处）",
                "Position {position} is out of range: longitude -180 to 180, latitude -90 to 90 ({n} in this geometry)",
            ),
            _c(
                "CV156",
                "position-swapped",
                "warning",
                "位置 {position} 像是纬度在前；GeoJSON 经度在前，应为 {swapped}（本几何共 {n} 处）",
                "Position {position} looks like latitude first; GeoJSON puts longitude first: {swapped} ({n} in this geometry)",
            ),
            _c(
                "CV157",
                "ring-not-closed",
                "error",
                "线性环未闭合：首个位置 {first}，最后一个位置 {last}；请在环末尾补上首个位置（RFC 7946 3.1.6）",
                "A linear ring does not close: it starts at {first} and ends at {last}; end it with its first position (RFC 7946 3.1.6)",
            ),
            _c(
                "CV158",
                "ring-too-short",
                "error",
                "线性环只有 {count} 个位置，至少需要 4 个（首尾相同）",
                "A linear ring has {count} positions; it needs at least 4 (the last equal to the first)",
            ),
            _c(
                "CV159",
                "polygon-not-valid",
                "warning",
                "面不合法（如自相交）：{reason}",
                "The polygon is not valid (e.g. it crosses itself): {reason}",
            ),
            _c(
                "CV160",
                "crs-not-wgs84",
                "error",
                "坐标参考系 {crs} 不是 WGS84 经纬度，未导入任何要素；请先重投影到 WGS84（如 ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson）",
                "The coordinate reference system {crs} is not WGS84 longitude/latitude, so no feature was imported; reproject to WGS84 first (e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson)",
            ),
            _c(
                "CV161",
                "crs-cgcs2000",
                "info",
                "坐标参考系为 CGCS2000（{crs}），在社区尺度上与 WGS84 相差不足 1 米，按 WGS84 读取",
                "The coordinate reference system is CGCS2000 ({crs}), within a metre of WGS84 at community scale; read as WGS84",
            ),
            _c(
                "CV162",
                "duplicate-key",
                "warning",
                "键 {key} 出现了两次：读取后一个值，前一个值列入丢弃清单",
                "Key {key} is given twice: the last value was read, the first is listed as dropped",
            ),
            _c(
                "CV163",
                "unknown-property",
                "warning",
                "属性“{prop}”不是字段{suggestion}，也不能作扩展字段名（只能用英文字母、数字和 _）；其值未导入，已列入丢弃清单",
                "Property '{prop}' is no field{suggestion} and cannot be an extension field's name (letters, digits and _ only); its value was not imported and is listed as dropped",
            ),
            _c(
                "CV200",
                "unknown-type",
                "error",
                "实体类型“{source_type}”无法转换（已知：{known}）；该记录未导入",
                "Entity type '{source_type}' cannot be converted (known: {known}); the record was not imported",
            ),
            _c(
                "CV201",
                "not-an-entity",
                "error",
                "不是 NGSI 实体：缺少 {missing}",
                "Not an NGSI entity: {missing} missing",
            ),
            _c(
                "CV300",
                "unmapped-value",
                "warning",
                "“{value}”不在对照表 {table} 中，取 {code}",
                "'{value}' is not in crosswalk table {table}; {code} taken",
            ),
            _c(
                "CV400",
                "community-not-found",
                "warning",
                "位置 {point} 不在参考数据集任何社区的边界内",
                "The location {point} lies in no community boundary of the reference dataset",
            ),
            _c(
                "CV401",
                "community-unknown",
                "warning",
                "无法确定所属社区：没有给出 --community-id，记录也没有可定位的位置",
                "The community is unknown: no --community-id was given and the record has no location to place",
            ),
        )
    }
)


#: What a value should have been (the ``expected`` parameter), in Chinese.
EXPECTED_ZH: Mapping[str, str] = MappingProxyType(
    {
        "a date and time, e.g. 2026-05-01T09:30:00+08:00 or 2026年5月1日 9:30": "日期时间，如 2026-05-01T09:30:00+08:00 或 2026年5月1日 9:30",
        "a real date and time": "真实存在的日期时间",
        "a date, e.g. 2026-05-01 or 2026年5月1日": "日期，如 2026-05-01 或 2026年5月1日",
        "a real date": "真实存在的日期",
        "a number": "数字",
        "text: a number cell keeps only 15 significant digits, so the last digits of a longer number are lost; set the column's format to Text and type the values again": "文本：数字单元格只保留 15 位有效数字，更长的数字末尾几位已经丢失；请把该列设置为“文本”格式后重新录入",
        "a number with a decimal point (37.76), not a decimal comma; commas only group thousands (1,234)": "用小数点书写的数字（37.76），不是小数逗号；逗号只用于千位分隔（1,234）",
        "a latitude from -90 to 90 and a longitude from -180 to 180": "纬度在 -90 到 90 之间、经度在 -180 到 180 之间",
        "a whole number": "整数",
        "a finite number": "有限的数字",
        "a finite number (NaN and infinity are not JSON numbers)": "有限的数字（NaN 与无穷大不是 JSON 数字）",
        "yes or no (是/否, true/false)": "是或否（是/否、true/false）",
        "a latitude and longitude": "纬度和经度",
        "a number (numValue)": "数字（numValue）",
        "an NGSI entity": "NGSI 实体",
        "an Open311 request": "Open311 诉求",
        "GeoJSON (a FeatureCollection or a Feature)": "GeoJSON（FeatureCollection 或 Feature）",
        "a GeoJSON FeatureCollection": "GeoJSON FeatureCollection",
        "a GeoJSON FeatureCollection or Feature": "GeoJSON FeatureCollection 或 Feature",
        "a GeoJSON Feature": "GeoJSON Feature（要素）",
        "GeoJSON properties (an object or null)": "GeoJSON 属性（对象或 null）",
        "an id (a string or a number)": "标识（字符串或数字）",
        "a GeoJSON geometry": "GeoJSON 几何",
        "the id of one device (refDevice), e.g. urn:ngsi-ld:Device:dev-001": "一个设备的标识（refDevice），如 urn:ngsi-ld:Device:dev-001",
        "the id of a device (refDevice), e.g. urn:ngsi-ld:Device:aq-001": "设备的标识（refDevice），如 urn:ngsi-ld:Device:aq-001",
        "one property name (letters, digits and _, e.g. relative_humidity)": "一个属性名（字母、数字和 _，如 relative_humidity）",
    }
)


#: Parameters besides a reason that may hold a reader's English words ("the file", "12 bytes").
_SAID = frozenset({"what", "size", "limit", "missing"})


@dataclass(frozen=True)
class Issue:
    """One thing a conversion noticed.

    Attributes:
        code: the issue's code, e.g. ``"CV121"``.
        source: where in the source: ``"Residents!C12"``, ``"requests.xml:14"``
            or ``"entities.json#/3/category"``.
        entity: the index of the output record it concerns, if any.
        pointer: the JSON Pointer inside that record, if any.
        params: the message parameters (plain JSON values).
    """

    code: str
    source: str = ""
    entity: int | None = None
    pointer: str = ""
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown conversion issue code {self.code!r}")
        if not isinstance(self.params, MappingProxyType):
            object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def severity(self) -> Severity:
        """The issue's severity (fixed by its code)."""
        return CODES[self.code].severity

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"zh-CN"`` or ``"en"``); missing parameters render empty."""
        kind = CODES[self.code]
        zh = lang.lower().startswith("zh")
        template = kind.zh if zh else kind.en
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        values = {n: self.params.get(n, "") for n in names}
        if zh and isinstance(values.get("expected"), str):  # what a value should be, in Chinese
            values["expected"] = EXPECTED_ZH.get(values["expected"], values["expected"])
        if zh:  # what a parser or a reader said in English (a reason, a size), by kind
            values = localize(values, lang)
            values.update(
                (k, say(v, lang)) for k, v in values.items() if k in _SAID and type(v) is str
            )
        return template.format(**values)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """A JSON-ready dict (the conversion report's ``issues`` items)."""
        out: dict[str, Any] = {
            "code": self.code,
            "name": CODES[self.code].name,
            "severity": self.severity.value,
            "source": self.source,
            "message": self.message(lang),
            "params": dict(self.params),
        }
        if self.entity is not None:
            out["entity"] = self.entity
            out["pointer"] = self.pointer
        return out
