"""12345 hotline and vendor exports in the encodings and shapes they really come in.

Excel's "Unicode text" is UTF-16 with a byte order mark and tabs; many a
hotline system exports tab-separated text; a European Excel writes ``;``.
Chinese exports write times as ``2024/3/5 下午 3:05`` (WPS, Excel with a
12-hour format) or ``20240305150500`` (yyyyMMddHHmmss), and head the name
column ``名称``, not the template's ``名称（中文）``. On the old code each
of these converted nothing (CV100, CV113), or lost the value (CV120, CV112).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from smartstd.interchange import convert

ROWS = [
    ["12345 热线工单导出", "", "", "", "", ""],
    ["工单编号", "来电时间", "诉求类型", "来电内容", "事发地址", "办理状态"],
    ["GD001", "2024/3/5 8:05", "投诉", "楼下噪音\n晚上 11 点后, 每天", "榕溪花园 1 栋", "已办结"],
    ["GD002", "2024/3/5 下午 3:05", "咨询", "问社保；医保", "", "已办结"],
    ["GD003", "20240305150500", "咨询", "问路", "", "已办结"],
]


def _text(delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(ROWS)
    return out.getvalue()


@pytest.mark.parametrize(
    ("delimiter", "encoding", "said"),
    [
        ("\t", "utf-16", []),  # Excel "Unicode text": UTF-16 LE with a BOM, tabs
        ("\t", "utf-16-be", []),
        ("\t", "utf-8", []),
        ("\t", "utf-8-sig", []),
        (";", "gb18030", ["CV104"]),
        (",", "utf-8-sig", []),
        ("|", "utf-8", []),
    ],
)
def test_hotline_export_in_any_encoding_and_delimiter(
    tmp_path: Path, delimiter: str, encoding: str, said: list[str]
) -> None:
    src = tmp_path / "ServiceRequests.csv"
    data = _text(delimiter).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    src.write_bytes(data)
    conv = convert(src, "csv", community_id="c1")
    assert [i.code for i in conv.issues if i.code in ("CV100", "CV104", "CV113")] == said
    assert [r["id"] for r in conv.records] == ["GD001", "GD002", "GD003"]
    one = conv.records[0]
    assert one["description"] == "楼下噪音\n晚上 11 点后, 每天"  # the quoted newline and comma
    assert one["location"]["address"] == {"zh-CN": "榕溪花园 1 栋"}
    assert [r["submitted_at"] for r in conv.records] == [
        "2024-03-05T08:05:00+08:00",
        "2024-03-05T15:05:00+08:00",  # 下午 3:05
        "2024-03-05T15:05:00+08:00",  # yyyyMMddHHmmss
    ]
    assert {r["status"] for r in conv.records} == {"resolved"}
    assert conv.dropped == []


def test_a_title_line_and_commas_in_cells_do_not_decide_the_delimiter(tmp_path: Path) -> None:
    rows = [["工单编号", "来电内容", "办理状态"]] + [
        [f"GD{i}", "甲,乙,丙,丁,戊,己,庚", "已办结"] for i in range(5)
    ]
    out = io.StringIO()
    csv.writer(out, delimiter="\t").writerows(rows)
    src = tmp_path / "ServiceRequests.csv"
    src.write_text(out.getvalue(), encoding="utf-8")
    recs = convert(src, "csv", community_id="c1").records
    assert [r["description"] for r in recs] == ["甲,乙,丙,丁,戊,己,庚"] * 5


def test_twelve_hour_clock_that_is_no_time_is_said(tmp_path: Path) -> None:
    src = tmp_path / "ServiceRequests.csv"
    src.write_text("工单编号,来电时间,诉求类型\nGD1,2024/3/5 下午 13:05,投诉\n", encoding="utf-8")
    conv = convert(src, "csv", community_id="c1")
    (bad,) = [i for i in conv.issues if i.code == "CV120"]
    assert bad.source == "ServiceRequests!B2" and "真实存在的日期时间" in bad.message("zh-CN")
    assert conv.records[0]["submitted_at"] == "2024/3/5 下午 13:05"  # kept for the check


def test_bare_name_headers_of_other_peoples_workbooks(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "楼栋"
    ws.append(["名称", "地址", "地上层数"])
    ws.append(["榕溪花园 1 栋", "榕溪路 1 号", "9"])
    wb.save(tmp_path / "b.xlsx")
    conv = convert(tmp_path / "b.xlsx", "xlsx", community_id="c1")
    assert not [i for i in conv.issues if i.code == "CV112"] and conv.dropped == []
    (rec,) = conv.records
    assert rec["name"] == {"zh-CN": "榕溪花园 1 栋"} and rec["address"] == {"zh-CN": "榕溪路 1 号"}
    assert rec["floors_above"] == 9
    # in English, the bare name is the English one
    conv = convert(tmp_path / "b.xlsx", "xlsx", community_id="c1", language="en")
    assert conv.records[0]["name"] == {"en": "榕溪花园 1 栋"}


def test_a_decimal_comma_in_a_number_column_is_said(tmp_path: Path) -> None:
    src = tmp_path / "Buildings.csv"
    src.write_text('id,地上层数,位置经度\nb1,"1,234","113,31"\n', encoding="utf-8")
    conv = convert(src, "csv", community_id="c1")
    rec = conv.records[0]
    assert rec["floors_above"] == 1234
    # was 11331.0, a point in no country; the text stays for the check
    assert rec["location"]["coordinates"][0] == "113,31"
    (bad,) = [i for i in conv.issues if i.code == "CV120"]
    assert bad.source == "Buildings!C2" and "小数点" in bad.message("zh-CN")


def _hotline_workbook(path: Path, sheet: str = "Sheet1") -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(["12345 热线工单明细"])
    ws.merge_cells("A1:E1")
    ws.append(["基本信息", None, None, "诉求信息", None])  # a merged group row above the header
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["工单编号", "来电时间", "办理状态", "诉求类型", "来电内容"])
    ws.append(["GD001", dt.datetime(2024, 3, 5, 8, 5), "已办结", "投诉", "噪音"])
    ws.append(["GD002", 45356.336805555555, "已办结", "咨询", "问路"])  # a serial date
    ws.append([440102199003072000.0, "2024年3月5日 8时5分", "已办结", "咨询", 12.5])
    ws.append([None] * 5)  # trailing empty rows
    ws.append([None] * 5)
    wb.save(path)


def test_a_system_export_on_sheet1_is_read_with_type(tmp_path: Path) -> None:
    _hotline_workbook(tmp_path / "export.xlsx")
    # without --type: said, nothing guessed
    conv = convert(tmp_path / "export.xlsx", "xlsx", community_id="c1")
    assert [i.code for i in conv.issues] == ["CV110"] and conv.records == []
    conv = convert(
        tmp_path / "export.xlsx", "xlsx", community_id="c1", entity_type="ServiceRequest"
    )
    assert [r["id"] for r in conv.records][:2] == ["GD001", "GD002"]
    assert {r["submitted_at"] for r in conv.records} == {"2024-03-05T08:05:00+08:00"}
    assert conv.records[2]["description"] == "12.5"


def test_a_long_number_typed_into_a_number_cell_is_said(tmp_path: Path) -> None:
    """An 18-digit number in a General cell: Excel kept 15 digits; the rest were made up."""
    _hotline_workbook(tmp_path / "工单.xlsx", sheet="ServiceRequests")
    conv = convert(tmp_path / "工单.xlsx", "xlsx", community_id="c1")
    (lost,) = [i for i in conv.issues if i.code == "CV120"]
    assert (lost.source, lost.pointer) == ("ServiceRequests!A6", "/id")
    assert "15 位有效数字" in lost.message("zh-CN") and "Text" in lost.message("en")
