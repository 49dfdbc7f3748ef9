"""12345 hotline exports as Chinese government offices produce them.

Excel's "CSV" on a Chinese Windows is GBK (GB18030) without a BOM, its
"CSV UTF-8" has a BOM; a title line and an export date sit above the header;
times are written ``2026/5/1 9:30``, ``2026年5月1日`` or ``2026-05-01 09:30:00``
(no offset: Beijing time is applied and said), Excel serial numbers when a
date cell lost its format, numbers as text, trailing empty rows and columns;
a workbook written by another program holds formulas without computed
values, hidden sheets, columns without a header. Built here, programmatically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from smartstd.interchange import convert

_HEADER = "标识,所属社区,诉求类别,诉求渠道,提交时间,诉求内容,状态,满意度,,"
_TITLE = "番禺区12345政务服务便民热线工单明细表,,,,,,,,,\r\n导出时间：2026年6月1日,,,,,,,,,\r\n"
_ROWS = [
    "sr-1,c-hx,噪音扰民,12345热线,2026/5/1 9:30,楼上装修噪音,已办结,5,,",
    'sr-2,c-hx,环境卫生,12345 热线,2026年5月1日,垃圾未清运,处理中,"4",,',
    "sr-3,c-hx,noise,hotline_12345,2026-05-01 09:30:00,井盖缺失,open,,,",
    "sr-4,c-hx,noise,hotline_12345,46143.395833333,路灯不亮,open,,,",
    ",,,,,,,,,",
    ",,,,,,,,,",
]


def _csv(tmp_path: Path, encoding: str, bom: bool = False) -> Path:
    text = _TITLE + _HEADER + "\r\n" + "\r\n".join(_ROWS) + "\r\n"
    src = tmp_path / "ServiceRequests.csv"
    src.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return src


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", False), ("gb18030", False), ("utf-8", True)])
def test_a_hotline_csv_from_excel(tmp_path: Path, encoding: str, bom: bool) -> None:
    conv = convert(_csv(tmp_path, encoding, bom), "csv")
    recs = conv.records
    # the title and export-date lines above the header are skipped, the empty rows too
    assert [r["id"] for r in recs] == ["sr-1", "sr-2", "sr-3", "sr-4"]
    assert [r["submitted_at"] for r in recs] == [
        "2026-05-01T09:30:00+08:00",
        "2026-05-01T00:00:00+08:00",
        "2026-05-01T09:30:00+08:00",
        "2026-05-01T09:30:00+08:00",
    ]
    # the label without its space, and a number written as text
    assert recs[0]["channel"] == recs[1]["channel"] == "hotline_12345"
    assert recs[0]["status"] == "resolved" and recs[1]["satisfaction"] == 4
    by = {(i.code, i.source) for i in conv.issues}
    assert (
        ("CV104", "ServiceRequests.csv") in by
        if not bom
        else ("CV104", "ServiceRequests.csv") not in by
    )
    # no offset: Beijing time applied, said per cell, marked in provenance
    assert {("CV123", f"ServiceRequests!E{n}") for n in (4, 5, 6, 7)} <= by
    assert all(
        {"field": "/submitted_at", "method": "default"}.items() <= i.items()
        for r in recs
        for i in r["provenance"]["imputed"]
        if i["field"] == "/submitted_at"
    )
    # an Excel serial date number in a CSV cell is read, and said
    serial = next(i for i in conv.issues if i.code == "CV122" and i.source == "ServiceRequests!E7")
    assert serial.params["value"] == "46143.395833333" and "Excel" in serial.message("zh-CN")
    assert conv.dropped == [] and not any(i.code == "CV114" for i in conv.issues)


def test_a_hotline_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "诉求"
    ws.append(["番禺区12345热线工单明细（2026年5月）"])
    ws.merge_cells("A1:H1")
    ws.append(
        ["标识", "所属社区", "诉求类别", "诉求渠道", "提交时间", "诉求内容", "状态", "满意度"]
    )
    ws.append(
        ["sr-1", "c-hx", "noise", "hotline_12345", dt.datetime(2026, 5, 1, 9, 30), "x", "open", "5"]
    )
    ws.append(["sr-2", "c-hx", "noise", "hotline_12345", 46143.395833333, "x", "open", 4])
    ws.append(["sr-3", "c-hx", "noise", "hotline_12345", "=TODAY()", "x", "open", "=1+2"])
    ws.append(
        [
            "sr-4",
            "c-hx",
            "noise",
            "hotline_12345",
            dt.date(2026, 5, 1),
            "x",
            "open",
            4.0,
            None,
            "老王",
        ]
    )
    ws.append([None] * 12)  # a trailing empty row
    hidden = wb.create_sheet("居民")
    hidden.sheet_state = "hidden"
    hidden.append(["标识", "所属社区"])
    hidden.append(["r1", "c-hx"])
    src = tmp_path / "hotline.xlsx"
    wb.save(src)

    conv = convert(src, "xlsx")
    recs = {r["id"]: r for r in conv.records}
    assert list(recs) == ["sr-1", "sr-2", "sr-3", "sr-4", "r1"]
    assert (
        recs["sr-1"]["submitted_at"] == recs["sr-2"]["submitted_at"] == "2026-05-01T09:30:00+08:00"
    )
    assert recs["sr-4"]["submitted_at"] == "2026-05-01T00:00:00+08:00"
    assert recs["sr-1"]["satisfaction"] == 5 and recs["sr-4"]["satisfaction"] == 4
    codes = [(i.code, i.source) for i in conv.issues]
    # formulas nobody computed (openpyxl writes no values): said, and listed as dropped
    assert ("CV115", "诉求!E5") in codes and ("CV115", "诉求!H5") in codes
    assert "submitted_at" not in recs["sr-3"] and "satisfaction" not in recs["sr-3"]
    lost = {(x.source, x.name, x.value) for x in conv.dropped}
    assert ("诉求!E5", "submitted_at", "=TODAY()") in lost and (
        "诉求!H5",
        "satisfaction",
        "=1+2",
    ) in lost
    # a value in a column with no header is said once and listed, not lost silently
    assert ("CV114", "诉求!J6") in codes and ("诉求!J6", "J", "老王") in lost
    # a hidden sheet is read, and said
    assert ("CV116", "居民!A1") in codes
    assert ("CV122", "诉求!E4") in codes


def test_a_computed_formula_is_its_value(tmp_path: Path) -> None:
    """A workbook Excel saved carries each formula's value: that value is read, nothing said."""
    src = tmp_path / "saved.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Buildings"
    ws.append(["id", "name.zh-CN", "floors_above"])
    ws.append(["b1", "一栋", "=3*3"])
    wb.save(src)
    # put the cached value in, as Excel does: <c><f>3*3</f><v>9</v></c>
    import zipfile

    with zipfile.ZipFile(src) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<f>3*3</f><v />", b"<f>3*3</f><v>9</v>")
    parts[sheet] = parts[sheet].replace(b"<f>3*3</f></c>", b"<f>3*3</f><v>9</v></c>")
    with zipfile.ZipFile(src, "w") as zout:
        for n, b in parts.items():
            zout.writestr(n, b)
    conv = convert(src, "xlsx", community_id="c1")
    assert conv.records[0]["floors_above"] == 9
    assert not [i for i in conv.issues if i.code in ("CV114", "CV115")]


def test_a_column_without_header_in_csv(tmp_path: Path) -> None:
    src = tmp_path / "Buildings.csv"
    src.write_text("id,name.zh-CN,,\nb1,一栋,,备注一\nb2,二栋,x,备注二\n", encoding="utf-8")
    conv = convert(src, "csv", community_id="c1")
    issues = [(i.code, i.source, i.params["column"]) for i in conv.issues if i.code == "CV114"]
    assert issues == [("CV114", "Buildings!D2", "D"), ("CV114", "Buildings!C3", "C")]
    assert [(x.source, x.name) for x in conv.dropped] == [
        ("Buildings!D2", "D"),
        ("Buildings!C3", "C"),
    ]
    assert "表头" in conv.issues[0].message("zh-CN")


def test_a_header_of_mostly_the_systems_own_columns(tmp_path: Path) -> None:
    """A 12345 system's export names 12 columns, 4 of them the standard's: that row is the header."""
    src = tmp_path / "ServiceRequests.csv"
    header = "工单编号,来电时间,来电人,联系电话,诉求类别,诉求内容,所属街道,所属社区,承办单位,办理状态,办结时间,满意度"
    row = "GD-1,2026/5/1 9:30,张先生,13800000000,投诉,路灯不亮,市桥街,c-hx,供电所,已办结,2026/5/2 10:00,5"
    src.write_text(f"12345热线工单导出\n{header}\n{row}\n", encoding="utf-8")
    conv = convert(src, "csv")
    assert not any(i.code == "CV113" for i in conv.issues)  # before: no header found, nothing read
    (rec,) = conv.records
    assert rec["description"] == "路灯不亮" and rec["community_id"] == "c-hx"
    assert rec["satisfaction"] == 5
    # the shipped crosswalk names 工单编号 and 来电时间 (see the test below)
    assert rec["id"] == "GD-1" and rec["submitted_at"] == "2026-05-01T09:30:00+08:00"
    unknown = {i.params["column"] for i in conv.issues if i.code == "CV112"}
    assert unknown == {"来电人", "联系电话", "所属街道", "承办单位", "办结时间"}
    assert {x.name for x in conv.dropped} == unknown


def test_a_hotline_systems_own_headers_through_the_crosswalk(tmp_path: Path) -> None:
    """The shipped crosswalk names the columns of a 12345 system's export (工单编号 -> id)."""
    src = tmp_path / "ServiceRequests.csv"
    header = "工单编号,来电时间,来电人,联系电话,诉求类型,来电内容,事发地址,所属社区,办理状态,回复内容,满意度"
    row = (
        "GD-1,2026/5/1 9:30,张先生,13800000000,投诉,路灯不亮,市桥街榕溪路 3 号,c-hx,已办结,已修复,5"
    )
    src.write_text(f"{header}\n{row}\n", encoding="gb18030")
    conv = convert(src, "csv")
    (rec,) = conv.records
    assert rec["id"] == "GD-1" and rec["submitted_at"] == "2026-05-01T09:30:00+08:00"
    assert rec["category"] == "complaint" and rec["description"] == "路灯不亮"
    assert rec["location"]["address"] == {"zh-CN": "市桥街榕溪路 3 号"}
    assert rec["status"] == "resolved" and rec["response"]["text"] == "已修复"
    # the caller's name and phone are no fields: said and listed, never kept quietly
    assert {i.params["column"] for i in conv.issues if i.code == "CV112"} == {"来电人", "联系电话"}
    assert {x.name for x in conv.dropped} == {"来电人", "联系电话"}
    assert all(x.value == "" for x in conv.dropped)  # the report carries no phone number


def test_a_district_adds_its_own_column_names(tmp_path: Path) -> None:
    import yaml

    from smartstd.errors import ConfigError

    cw = tmp_path / "panyu.yaml"
    cw.write_text(
        yaml.safe_dump(
            {
                "crosswalk": 1,
                "name": "panyu",
                "tables": {},
                "columns": {"Building": {"楼号": "id"}},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    src = tmp_path / "Buildings.csv"
    src.write_text("楼号,名称（中文）\nB-7,七栋\n", encoding="utf-8")
    (rec,) = convert(src, "csv", crosswalk=cw, community_id="c1").records
    assert rec["id"] == "B-7" and rec["name"] == {"zh-CN": "七栋"}

    cw.write_text(
        yaml.safe_dump(
            {
                "crosswalk": 1,
                "name": "panyu",
                "tables": {},
                "columns": {"Building": {"楼号": "number"}},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        convert(src, "csv", crosswalk=cw, community_id="c1")
    assert "#/columns/Building/楼号" in err.value.message("zh-CN") and "'number'" in str(err.value)


def test_chinese_gis_property_names_through_the_crosswalk(tmp_path: Path) -> None:
    import json

    ring = [[113.3125, 22.994], [113.3182, 22.994], [113.3182, 22.9988], [113.3125, 22.994]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"社区名称": "榕溪社区", "社区代码": "440113001001", "面积": 1.25},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    src = tmp_path / "communities.geojson"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    conv = convert(src, "geojson")
    (rec,) = conv.records
    assert rec["name"] == {"zh-CN": "榕溪社区"} and rec["statistical_code"] == "440113001001"
    assert [x.name for x in conv.dropped] == ["面积"]  # of unknown unit: said, not guessed
