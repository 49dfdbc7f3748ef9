"""Planted defects in tables: ``convert --check`` names the sheet and cell each one is in.

Spreadsheets and CSV exports are how many districts hand data over; ``smartstd
check`` does not read them, ``smartstd convert --check`` does, and points every
finding back at its cell. Defects are planted in the first and the last data
row, after a quoted cell that spans three lines, after a blank row, in CSV with
a byte order mark and CRLF line ends, and in a workbook made from ``smartstd
template``: an identity number after Chinese text (SC401) and a status outside
its code list (CV121 and SC103). The finding must name the planted cell.

表格中的埋点缺陷：convert --check 必须指出缺陷所在的工作表与单元格。
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from smartstd.cli import main
from smartstd.identifiers import id_number_check_digit

ID_NUMBER = "44011319850312123" + id_number_check_digit("44011319850312123")

FIELDS = ["id", "submitted_at", "category", "channel", "status", "community_id", "description"]


def _rows(first_bad: bool) -> list[dict[str, str]]:
    """Four requests; the identity number in the first or the last, a bad status in the other."""
    rows = [
        {
            "id": f"r{i}",
            "submitted_at": "2026-06-01T09:00:00+08:00",
            "category": "repair",
            "channel": "app",
            "status": "submitted",
            "community_id": "comm-1",
            "description": "电梯故障\n第二行\n第三行" if i == 1 else "楼道灯坏了",
        }
        for i in range(4)
    ]
    idn, status = (0, 3) if first_bad else (3, 0)
    rows[idn]["description"] = "楼道灯坏了，联系人身份证" + ID_NUMBER
    rows[status]["status"] = "flying"
    return rows


def _convert(source: Path, fmt: str, tmp_path: Path) -> list[str]:
    args = ["convert", "--lang", "en", "--from", fmt, "--check", "-o", str(tmp_path / "o.ndjson")]
    if fmt == "csv":
        args += ["--type", "ServiceRequest"]
    result = CliRunner().invoke(main, [*args, str(source)])
    assert result.exit_code in (0, 1), result.output
    return [line for line in result.output.splitlines() if re.match(r"^\S+![A-Z]+\d+: ", line)]


def _codes_at(lines: list[str], code: str) -> list[str]:
    return sorted(line.split(":")[0] for line in lines if f" {code} " in line)


@pytest.mark.parametrize("first_bad", [True, False], ids=["first-row", "last-row"])
@pytest.mark.parametrize("layout", ["lf", "crlf-bom"])
def test_a_planted_defect_in_csv_names_its_cell(
    first_bad: bool, layout: str, tmp_path: Path
) -> None:
    rows = _rows(first_bad)

    def cell(v: str) -> str:
        return f'"{v}"' if "\n" in v or "," in v else v

    lines = [",".join(FIELDS)] + [",".join(cell(r[f]) for f in FIELDS) for r in rows]
    eol = "\r\n" if layout == "crlf-bom" else "\n"
    text = eol.join(line.replace("\n", eol) for line in lines) + eol
    source = tmp_path / "requests.csv"
    source.write_bytes(("\ufeff" if layout == "crlf-bom" else "").encode() + text.encode("utf-8"))
    found = _convert(source, "csv", tmp_path)
    # row 1 holds the headers: the first request is row 2, the last row 5
    idn_row, status_row = (2, 5) if first_bad else (5, 2)
    desc, status = get_column_letter(7), get_column_letter(5)
    assert _codes_at(found, "SC401") == [f"requests!{desc}{idn_row}"], found
    assert _codes_at(found, "SC103") == [f"requests!{status}{status_row}"], found
    assert _codes_at(found, "CV121") == [f"requests!{status}{status_row}"], found


@pytest.mark.parametrize("first_bad", [True, False], ids=["first-row", "last-row"])
def test_a_planted_defect_in_a_workbook_names_its_cell(first_bad: bool, tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    made = CliRunner().invoke(main, ["template", "ServiceRequest", "-o", str(template)])
    assert made.exit_code == 0, made.output
    wb = openpyxl.load_workbook(template)
    ws = wb["ServiceRequests"]
    fields = [c.value for c in ws[2]]
    rows = _rows(first_bad)
    for i, r in enumerate(rows):
        for j, name in enumerate(fields):
            if name in r:
                ws.cell(row=4 + i, column=1 + j, value=r[name])  # row 3 left blank
    wb.save(template)
    found = _convert(template, "xlsx", tmp_path)
    idn_row, status_row = (4, 7) if first_bad else (7, 4)
    desc = get_column_letter(1 + fields.index("description"))
    status = get_column_letter(1 + fields.index("status"))
    assert _codes_at(found, "SC401") == [f"ServiceRequests!{desc}{idn_row}"], found
    assert _codes_at(found, "SC103") == [f"ServiceRequests!{status}{status_row}"], found
