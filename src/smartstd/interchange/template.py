"""Excel templates: one sheet per entity type, bilingual headers, code-list dropdowns.

``smartstd template Resident Building --format xlsx -o 模板.xlsx`` writes a
workbook whose first sheet explains how to fill it in (in Chinese and
English) and lists every column; each entity sheet has a bilingual title
row, a row of field keys, and a dropdown on every code column whose items
show the code with both languages' labels (``residential - 住宅 /
Residential``), of which the converter keeps the code.

Excel 模板：每种实体一个工作表，中英文表头，代码列带中英文名称的下拉框，附填写说明。
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartstd.interchange.columns import Column, columns_for, sheet_name, skipped_fields
from smartstd.interchange.values import dropdown_item

__all__ = ["write_template"]

_KIND_ZH = {
    "text": "文本",
    "int": "整数",
    "float": "数字",
    "bool": "是/否",
    "code": "代码（下拉选择）",
    "codes": "多个代码，用 ; 分隔",
    "list": "多个值，用 ; 分隔",
    "timestamp": "日期时间，如 2026-05-01 09:30",
    "date": "日期，如 2026-05-01",
    "lon": "经度",
    "lat": "纬度",
    "json": "GeoJSON 文本",
}
_KIND_EN = {
    "text": "text",
    "int": "whole number",
    "float": "number",
    "bool": "yes/no",
    "code": "code (dropdown)",
    "codes": "codes separated by ;",
    "list": "values separated by ;",
    "timestamp": "date and time, e.g. 2026-05-01 09:30",
    "date": "date, e.g. 2026-05-01",
    "lon": "longitude",
    "lat": "latitude",
    "json": "GeoJSON text",
}

_INTRO = (
    ("填写说明", "How to fill in this workbook"),
    (
        "每个工作表对应一种实体；第 1 行为中英文标题（* 为必填），第 2 行为字段名，请勿修改；从第 3 行起每行一条记录。",
        "Each sheet holds one entity type; row 1 has the titles in Chinese and English (* = required), row 2 the field names (do not change them); one record per row from row 3.",
    ),
    (
        "代码列请从下拉框选择；也可以直接填写代码或中文、英文名称。",
        "Pick codes from the dropdowns; a code or its Chinese or English label typed in also works.",
    ),
    (
        "日期可写作 2026-05-01 或 2026年5月1日；没有时区的时间按北京时间（+08:00）读取，并在转换报告中注明。",
        "Dates may be written 2026-05-01 or 2026年5月1日; times without an offset are read as Beijing time (+08:00), and the conversion report says so.",
    ),
    (
        "填好后转换并检查：smartstd convert 本文件.xlsx --from xlsx -o 数据.ndjson --check",
        "Convert and check when done: smartstd convert this.xlsx --from xlsx -o data.ndjson --check",
    ),
)


def _instructions(info: Any, zh_first: bool) -> int:
    """The instructions sheet's text and the header of its field list; returns that row."""
    from openpyxl.styles import Font

    info.title = "说明 Instructions"
    for r, (zh, en) in enumerate(_INTRO, 1):
        info.cell(r, 1, zh if zh_first else en)
        info.cell(r, 2, en if zh_first else zh)
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 70
    info.column_dimensions["B"].width = 70
    row = len(_INTRO) + 2
    for c, head in enumerate(
        (
            "工作表 Sheet",
            "字段 Field",
            "中文",
            "English",
            "必填 Required",
            "填写 Kind",
            "代码表 Code list",
        ),
        1,
    ):
        info.cell(row, c, head).font = Font(bold=True)
    return row


def _dropdown(codes: Any, code_col: dict[str, str], col: Column) -> str | None:
    """The list a column's cells choose from: its code list (written once to ``_codes``) or yes/no."""
    from openpyxl.utils import get_column_letter

    if col.kind == "code" and col.list:
        if col.list not in code_col:
            from smartstd.standard.codes import CODE_LISTS

            n = len(code_col) + 1
            cl = get_column_letter(n)
            codes.cell(1, n, col.list)
            items = CODE_LISTS[col.list].values
            for j, code in enumerate(items, 2):
                codes.cell(j, n, dropdown_item(col.list, code))
            code_col[col.list] = f"'_codes'!${cl}$2:${cl}${len(items) + 1}"
        return code_col[col.list]
    if col.kind == "bool":
        return '"是,否"'
    return None


def write_template(types: list[str], path: str | Path, lang: str = "zh-CN") -> Path:
    """Write an xlsx template for ``types`` to ``path`` and return the path.

    Raises:
        UsageError: an unknown entity type, or openpyxl is not installed.
    """
    from smartstd.errors import UsageError
    from smartstd.standard.dataset import ENTITY_TYPES

    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown or not types:
        from smartstd._error_messages import Phrase

        raise UsageError(
            key="template_unknown_types",
            types=", ".join(unknown) or Phrase("（未指定）", "(none given)"),
            known=", ".join(ENTITY_TYPES),
        )
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation
    except ModuleNotFoundError:
        raise UsageError(key="openpyxl_missing_write") from None

    wb = Workbook()
    info = wb.active
    assert info is not None
    zh_first = lang.lower().startswith("zh")
    row = _instructions(info, zh_first)
    codes = wb.create_sheet("_codes")
    code_col: dict[str, str] = {}
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for type_name in types:
        ws = wb.create_sheet(sheet_name(type_name))
        cols = columns_for(type_name)
        for i, col in enumerate(cols, 1):
            letter = get_column_letter(i)
            top = ws.cell(
                1,
                i,
                col.header()
                if zh_first
                else f"{col.en}{'*' if col.required else ''}\n{col.zh}{'*' if col.required else ''}",
            )
            top.font = Font(bold=True, color="C00000" if col.required else "000000")
            top.alignment = Alignment(wrap_text=True, vertical="top")
            top.fill = header_fill
            ws.cell(2, i, col.key).font = Font(italic=True, color="808080")
            ws.column_dimensions[letter].width = max(14, min(40, len(col.en) + 6))
            row += 1
            for c, v in enumerate(
                (
                    ws.title,
                    col.key,
                    col.zh,
                    col.en,
                    "是 yes" if col.required else "",
                    f"{_KIND_ZH[col.kind]} / {_KIND_EN[col.kind]}",
                    col.list or "",
                ),
                1,
            ):
                info.cell(row, c, v)
            source = _dropdown(codes, code_col, col)
            if source is not None:
                dv = DataValidation(
                    type="list", formula1=source, allow_blank=True, showErrorMessage=False
                )
                dv.add(f"{letter}3:{letter}1048576")
                ws.add_data_validation(dv)
        ws.freeze_panes = "B3"
        ws.row_dimensions[1].height = 32
        skipped = skipped_fields(type_name)
        if skipped:
            row += 1
            info.cell(row, 1, ws.title)
            info.cell(row, 2, ", ".join(skipped))
            info.cell(row, 3, "需多个单元格，模板不含；请用 JSON/NDJSON 提供")
            info.cell(
                row, 4, "need more than a cell; not in the template (give them in JSON/NDJSON)"
            )
    codes.sheet_state = "hidden"
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
