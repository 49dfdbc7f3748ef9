from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from smartstd.cli import main
from smartstd.interchange import ConvertLimits, convert
from smartstd.interchange.columns import columns_for
from smartstd.interchange.template import write_template


def _col(type_name: str, key: str) -> int:
    return [c.key for c in columns_for(type_name)].index(key) + 1


def _filled(tmp_path: Path) -> Path:
    """A template filled in by hand: typos, a wrong code label, a Chinese date."""
    path = write_template(["Resident", "Household", "Building"], tmp_path / "模板.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Residents"]
    rows = [
        {
            "id": "res-1",
            "household_id": "hh-1",
            "birth_year": 1950,
            "age_band": "60-79 岁",
            "residence_type": "户籍",
        },
        {
            "id": "res-2",
            "household_id": "hh-1",
            "birth_year": "1952年",
            "residence_type": "户藉",
            "special_groups": "独居老人；残疾人",
        },
    ]
    for r, row in enumerate(rows, 3):
        for key, value in row.items():
            ws.cell(r, _col("Resident", key), value)
    hs = wb["Households"]
    hs.cell(3, _col("Household", "id"), "hh-1")
    hs.cell(3, _col("Household", "dwelling_id"), "dw-1")
    hs.cell(3, _col("Household", "size"), 2)
    hs.cell(3, _col("Household", "moved_in_on"), "2019年3月8日")
    bs = wb["Buildings"]
    extra = len(columns_for("Building")) + 1
    bs.cell(1, extra, "备注\nRemarks")
    bs.cell(3, _col("Building", "id"), "b-1")
    bs.cell(3, _col("Building", "name.zh-CN"), "1 栋")
    bs.cell(3, _col("Building", "category"), "residential - 住宅 / Residential")
    bs.cell(3, _col("Building", "floors_above"), 12)
    bs.cell(3, extra, "临街")
    bs.cell(4, _col("Building", "id"), "b-2")
    bs.cell(4, _col("Building", "name.zh-CN"), "2 栋")
    bs.cell(4, _col("Building", "category"), "住宅楼")
    wb.create_sheet("Sheet1").cell(1, 1, "scratch")
    wb.save(path)
    return path


def test_template_has_bilingual_headers_dropdowns_and_instructions(tmp_path: Path) -> None:
    path = write_template(["Resident", "ServiceRequest"], tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明 Instructions"
    assert {"Residents", "ServiceRequests", "_codes"} <= set(wb.sheetnames)
    assert wb["_codes"].sheet_state == "hidden"
    ws = wb["ServiceRequests"]
    heads = [c.value for c in ws[1]]
    assert "诉求类别*\nCategory*" in heads
    assert [c.value for c in ws[2]][:2] == ["id", "community_id"]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any(f.startswith("'_codes'!") for f in formulas)
    codes = [c.value for c in wb["_codes"]["A"] if c.value]
    assert any(" - " in v and " / " in v for v in codes[1:])
    text = " ".join(
        str(c.value) for row in wb["说明 Instructions"].iter_rows() for c in row if c.value
    )
    assert "events" in text and "填写说明" in text and "How to fill in" in text


def test_a_hand_filled_template_converts_with_issues_naming_cells(tmp_path: Path) -> None:
    conv = convert(_filled(tmp_path), "xlsx", community_id="c1")
    by_code = {}
    for i in conv.issues:
        by_code.setdefault(i.code, []).append(i)
    rt = _col("Resident", "residence_type")
    letter = openpyxl.utils.get_column_letter(rt)
    wrong = by_code["CV121"][0]
    assert wrong.source == f"Residents!{letter}4"
    assert "registered 户籍" in wrong.message()
    assert [i.source for i in by_code["CV120"]] == [
        f"Residents!{openpyxl.utils.get_column_letter(_col('Resident', 'birth_year'))}4"
    ]
    assert by_code["CV122"][0].params["result"] == "2019-03-08"
    assert by_code["CV122"][0].source.startswith("Households!")
    assert by_code["CV112"][0].params["column"].startswith("备注")
    assert by_code["CV111"][0].source == "Sheet1!A1"
    assert {x.name for x in conv.dropped} >= {"备注 Remarks", "Sheet1"}
    res = [r for r in conv.records if r["type"] == "Resident"]
    assert res[0]["age_band"] == "60-79" and res[1]["special_groups"] == [
        "elderly_living_alone",
        "disabled",
    ]
    assert [r["category"] for r in conv.records if r["type"] == "Building"] == [
        "residential",
        "住宅楼",
    ]


def test_check_points_findings_back_at_cells(tmp_path: Path) -> None:
    src = _filled(tmp_path)
    out = tmp_path / "out.ndjson"
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        main,
        [
            "convert",
            str(src),
            "--from",
            "xlsx",
            "-o",
            str(out),
            "--community-id",
            "c1",
            "--report",
            str(report),
            "--check",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    cat = openpyxl.utils.get_column_letter(_col("Building", "category"))
    sc103 = [
        f
        for f in data["check"]["findings"]
        if f["code"] == "SC103" and f["source"] == f"Buildings!{cat}4"
    ]
    assert sc103, data["check"]["findings"]
    assert sc103[0]["output"]["pointer"].endswith("/category")
    assert f"Buildings!{cat}4" in result.output


def test_a_workbook_with_no_known_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "数据"  # type: ignore[union-attr]
    path = tmp_path / "x.xlsx"
    wb.save(path)
    conv = convert(path, "xlsx")
    assert [i.code for i in conv.issues] == ["CV110"]
    assert "数据" in conv.issues[0].message("zh-CN")


def test_a_200_mb_spreadsheet_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    conv = convert(path, "xlsx")
    assert [i.code for i in conv.issues] == ["CV101"]
    assert "--max-bytes" in conv.issues[0].message()


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = write_template(["Resident"], tmp_path / "t.xlsx")
    conv = convert(path, "xlsx", limits=ConvertLimits(max_unpacked_bytes=1000))
    assert [i.code for i in conv.issues] == ["CV101"]


def test_rows_past_the_limit_stop_the_read(tmp_path: Path) -> None:
    path = write_template(["Household"], tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Households"]
    for r in range(3, 13):
        ws.cell(r, 1, f"hh-{r}")
    wb.save(path)
    conv = convert(path, "xlsx", limits=ConvertLimits(max_records=5))
    assert [i.code for i in conv.issues if i.code == "CV101"] == ["CV101"]
    assert len(conv.records) == 5


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert [i.code for i in convert(path, "xlsx").issues] == ["CV100"]


def test_csv_in_gb18030_with_the_type_from_the_name(tmp_path: Path) -> None:
    path = tmp_path / "Buildings.csv"
    path.write_bytes("id,name.zh-CN,category,built_year\nb-1,一栋,住宅,1998\n".encode("gb18030"))
    conv = convert(path, "csv", community_id="c1")
    assert [i.code for i in conv.issues] == ["CV104", "CV125"]
    rec = conv.records[0]
    assert (
        rec["name"] == {"zh-CN": "一栋"}
        and rec["category"] == "residential"
        and rec["built_year"] == 1998
    )
    assert conv.source_map()[0]["fields"]["/category"] == "Buildings!C2"


def test_csv_without_a_type_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("id\nx\n", encoding="utf-8")
    from smartstd.errors import UsageError

    with pytest.raises(UsageError, match="--type"):
        convert(path, "csv")


def test_template_cli(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(
        main, ["template", "Resident", "Building", "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames[1:] == ["_codes", "Residents", "Buildings"]
    bad = CliRunner().invoke(main, ["template", "Nope", "-o", str(out)])
    assert bad.exit_code == 2 and "Nope" in bad.output


def test_findings_on_a_json_output_point_back_at_cells(tmp_path: Path) -> None:
    import smartstd

    conv = convert(_filled(tmp_path), "xlsx", community_id="c1")
    out = tmp_path / "out.json"
    conv.write(out)
    report = smartstd.check([str(out)], level="L1")
    cat = openpyxl.utils.get_column_letter(_col("Building", "category"))
    places = {conv.locate(f, "json") for f in report.findings if f.code == "SC103"}
    assert f"Buildings!{cat}4" in places
