"""Hostile files through `smartstd convert`: a finding saying where, never a traceback.

Small versions of the hostile volumes (the sizes are in
``benchmarks/bench_convert.py --hostile``): JSON nested deeper than Python's
reader goes, a CSV cell larger than the csv module's own limit, a workbook
whose stated size is a million rows by 16,384 columns.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from smartstd.cli import main
from smartstd.interchange import convert

_DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("name", "fmt", "text", "where"),
    [
        ("entities.json", "ngsi-v2", _DEEP, "entities.json:1:501"),
        (
            "entities.jsonld",
            "ngsi-ld",
            '[{"id": "a", "x": ' + _DEEP + "}]",
            "entities.jsonld:1:517",
        ),
        (
            "entities.ndjson",
            "ngsi-v2",
            '{"id": "a", "type": "Building"}\n{"id": "b", "x": ' + _DEEP + "}\n",
            "entities.ndjson:2:517",
        ),
        ("requests.json", "open311-json", _DEEP, "requests.json:1:501"),
        ("places.geojson", "geojson", _DEEP, "places.geojson:1:501"),
        (
            "places.geojsonl",
            "geojson",
            '{"type": "Feature", "geometry": null, "properties": {}}\n' + _DEEP + "\n",
            "places.geojsonl:2:501",
        ),
    ],
)
def test_json_nested_too_deeply(tmp_path: Path, name: str, fmt: str, text: str, where: str) -> None:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    conv = convert(src, fmt, community_id="c1")  # raised RecursionError before
    issue = next(i for i in conv.issues if i.code == "CV100")
    assert issue.params["reason"].startswith(where + ": "), issue.params
    assert "嵌套过深" in issue.message("zh-CN") and where in issue.message("zh-CN")
    assert "nested too deeply" in issue.message("en")


def test_open311_xml_extended_attributes_nested_too_deeply(tmp_path: Path) -> None:
    src = tmp_path / "requests.xml"
    src.write_text(
        "<service_requests><request><service_request_id>1</service_request_id>"
        f"<extended_attributes>{_DEEP}</extended_attributes>"
        "<note_text>plain</note_text></request></service_requests>",
        encoding="utf-8",
    )
    conv = convert(src, "open311-xml", community_id="c1")  # raised RecursionError before
    assert len(conv.records) == 1


def test_open311_xml_extended_attributes_as_text_are_kept(tmp_path: Path) -> None:
    src = tmp_path / "requests.xml"
    src.write_text(
        "<service_requests><request><service_request_id>1</service_request_id>"
        "<extended_attributes>积水约 10 厘米</extended_attributes></request></service_requests>",
        encoding="utf-8",
    )
    conv = convert(src, "open311-xml", community_id="c1")
    kept = [v for k, v in conv.records[0].items() if k.startswith("open311:")]
    lost = [x.value for x in conv.dropped]
    assert any("积水约 10 厘米" in str(v) for v in kept + lost), (conv.records, conv.dropped)


def test_a_csv_cell_larger_than_the_csv_modules_limit(tmp_path: Path) -> None:
    src = tmp_path / "Buildings.csv"
    big = "楼" * 300_000  # csv's own limit is 131,072 characters
    src.write_text(f"id,name.zh-CN\nb1,{big}\nb2,二栋\n", encoding="utf-8")
    conv = convert(src, "csv", community_id="c1")  # raised _csv.Error before
    assert [r["name"]["zh-CN"] for r in conv.records] == [big, "二栋"]
    import csv

    assert csv.field_size_limit() == 131_072  # the process's limit is left as it was


_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WB = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Buildings" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _workbook(path: Path, rows: str, dimension: str) -> Path:
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_a_workbook_stating_a_huge_size(tmp_path: Path) -> None:
    """1.5 KB stating A1:XFD1048576, a cell in its last row: every row was padded to 16,384 cells."""
    rows = (
        f'<row r="1">{_cell("A1", "id")}{_cell("B1", "name.zh-CN")}</row>'
        f'<row r="2">{_cell("A2", "b1")}{_cell("B2", "一栋")}</row>'
        f'<row r="200000">{_cell("XFD200000", "x")}</row>'
    )
    src = _workbook(tmp_path / "sparse.xlsx", rows, "A1:XFD1048576")
    start = time.process_time()
    conv = convert(src, "xlsx", community_id="c1")
    spent = time.process_time() - start
    assert [r["id"] for r in conv.records] == ["b1", "buildings-200000"]
    lost = [(i.code, i.source) for i in conv.issues if i.code == "CV114"]
    assert lost == [("CV114", "Buildings!XFD200000")]
    # padded to the stated width, the 200,000 rows took 225 s of CPU; as stored, 0.2 s
    assert spent < 10, spent


def test_cli_says_where_a_deep_file_fails(tmp_path: Path) -> None:
    src = tmp_path / "entities.json"
    src.write_text(_DEEP, encoding="utf-8")
    res = CliRunner().invoke(
        main,
        [
            "convert",
            str(src),
            "--from",
            "ngsi-v2",
            "-o",
            str(tmp_path / "o.ndjson"),
            "--lang",
            "zh-CN",
        ],
    )
    assert res.exit_code == 1, res.output
    assert "CV100" in res.output and "entities.json:1:501" in res.output
    assert "Traceback" not in res.output


def test_cli_max_unpacked_bytes_is_the_option_cv101_names(tmp_path: Path) -> None:
    rows = f'<row r="1">{_cell("A1", "id")}</row>' + "".join(
        f'<row r="{n}">{_cell(f"A{n}", "b" * 200)}</row>' for n in range(2, 2000)
    )
    src = _workbook(tmp_path / "bomb.xlsx", rows, "A1:A2000")
    assert src.stat().st_size < 20_000
    out = tmp_path / "o.ndjson"
    args = ["convert", str(src), "--from", "xlsx", "-o", str(out), "--lang", "en"]
    res = CliRunner().invoke(main, [*args, "--max-unpacked-bytes", "100000"])
    assert res.exit_code == 1 and "CV101" in res.output and "--max-unpacked-bytes" in res.output
    res = CliRunner().invoke(main, [*args, "--max-unpacked-bytes", "10000000", "-q"])
    assert "CV101" not in res.output, res.output


def test_an_ngsi_array_over_the_record_limit_is_never_held_parsed(tmp_path: Path) -> None:
    """200,000 empty objects and a limit of 10: counted one at a time, refused, nothing kept."""
    import tracemalloc

    from smartstd.interchange import ConvertLimits

    src = tmp_path / "entities.json"
    src.write_text("[" + ",".join(["{}"] * 200_000) + "]", encoding="utf-8")
    convert(src, "ngsi-v2", limits=ConvertLimits(max_records=10))  # the imports, untraced
    tracemalloc.start()
    try:
        conv = convert(src, "ngsi-v2", limits=ConvertLimits(max_records=10))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [i.code for i in conv.issues] == ["CV101"] and conv.records == []
    # the file is 600 KB; parsed whole, its 200,000 dicts took 19 MB more (the 100 MB
    # a file may have took gigabytes before the limit was looked at)
    assert peak < 6_000_000, peak


def test_an_ngsi_array_broken_after_its_first_entities_converts_none(tmp_path: Path) -> None:
    src = tmp_path / "entities.json"
    src.write_text(
        '[{"id": "b1", "type": "Building"},\n {"id": "b2", "type": "Building"}\n x]', "utf-8"
    )
    conv = convert(src, "ngsi-v2", community_id="c1")
    assert conv.records == []
    (issue,) = conv.issues
    assert issue.code == "CV100" and issue.params["reason"].startswith("entities.json:3:2: ")


def test_an_open311_array_over_the_record_limit_is_never_held_parsed(tmp_path: Path) -> None:
    import tracemalloc

    from smartstd.interchange import ConvertLimits

    src = tmp_path / "requests.json"
    src.write_text("[" + ",".join(["{}"] * 200_000) + "]", encoding="utf-8")
    convert(src, "open311-json", limits=ConvertLimits(max_records=10))  # the imports, untraced
    tracemalloc.start()
    try:
        conv = convert(src, "open311-json", limits=ConvertLimits(max_records=10))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6_000_000, peak  # parsed whole: 19 MB more
    assert [i.code for i in conv.issues] == ["CV101"] and conv.records == []
    assert "> 10" in conv.issues[0].message()  # counted up to the limit only


def test_what_a_value_should_be_is_said_in_chinese(tmp_path: Path) -> None:
    """A district office reads the report in Chinese: the expected form is Chinese too."""
    src = tmp_path / "ServiceRequests.csv"
    src.write_text("标识,提交时间,满意度\nsr-1,下周一,很好\n", encoding="utf-8")
    conv = convert(src, "csv", community_id="c1")
    zh = {i.source: i.message("zh-CN") for i in conv.issues if i.code == "CV120"}
    assert (
        zh["ServiceRequests!B2"]
        == "“下周一”不是日期时间，如 2026-05-01T09:30:00+08:00 或 2026年5月1日 9:30"
    )
    assert zh["ServiceRequests!C2"] == "“很好”不是整数"
    en = {i.source: i.message("en") for i in conv.issues if i.code == "CV120"}
    assert en["ServiceRequests!C2"] == "'很好' is not a whole number"


def test_every_fixed_expected_form_has_its_chinese() -> None:
    import re

    from smartstd.interchange.issue import EXPECTED_ZH

    src = Path(__file__).parents[2] / "src" / "smartstd" / "interchange"
    said: set[str] = set()
    for py in src.glob("*.py"):
        text = py.read_text(encoding="utf-8")
        said |= set(re.findall(r'expected="([^"{]+)"', text))
        if py.name == "values.py":
            said |= set(re.findall(r'raise ValueError\("([^"]+)"', text))
            said |= {"a whole number", "a number"}  # raised as a conditional expression
    assert said, "the pattern found nothing"
    assert sorted(said - set(EXPECTED_ZH)) == []
