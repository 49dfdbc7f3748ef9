"""Codes typed into other people's spreadsheets, written in many ways, through ``convert``.

A unified social credit code copied from a business-licence scan comes with
full-width characters (ＡＢＣ１２３ from a Chinese input method), spaces or
hyphens between groups, or in lower case; a division code with full-width
digits. When what is meant is a valid code (its check character included),
the conversion reads it as the standard writes it and says so (CV130, with
the cell); anything else is left as written for the check to report. On the
old code every such cell went through as written, and the check failed it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from smartstd.identifiers import make_credit_code
from smartstd.interchange import convert

CODE = make_credit_code("91440101MA59TQX38")


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text)


def _csv(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "written",
    [
        " ".join((CODE[:4], CODE[4:8], CODE[8:12], CODE[12:16], CODE[16:])),
        f"{CODE[:8]}-{CODE[8:]}",
        f"{CODE[:8]}－{CODE[8:]}",  # a full-width hyphen
        CODE.lower(),
        _full_width(CODE),
        _full_width(f"{CODE[:6]} {CODE[6:]}"),  # an ideographic space
    ],
)
def test_a_credit_code_written_another_way_is_read_and_said(tmp_path: Path, written: str) -> None:
    src = _csv(
        tmp_path,
        "Organizations.csv",
        [["名称", "组织类型", "统一社会信用代码"], ["甲", "enterprise", written]],
    )
    conv = convert(src, "csv", community_id="c1")
    (rec,) = conv.records
    assert rec["credit_code"] == CODE
    (said,) = [i for i in conv.issues if i.code == "CV130"]
    assert (said.source, said.entity, said.pointer) == ("Organizations!C2", 0, "/credit_code")
    assert said.message("zh-CN").startswith(
        f"统一社会信用代码“{written}”"
    ) and CODE in said.message("zh-CN")
    assert said.message("en").startswith("Unified social credit code '")
    assert {"field": "/credit_code", "method": "derived"}.items() <= rec["provenance"]["imputed"][
        0
    ].items()


@pytest.mark.parametrize(
    "written",
    [
        CODE[:-1] + ("0" if CODE[-1] != "0" else "1"),  # a wrong check character
        f"{CODE[:8]} {CODE[8:-1]}",  # 17 characters
        f"{CODE[:8]}O{CODE[9:]}",  # a letter O for a zero: for the check (SC103) to advise
    ],
)
def test_what_is_no_valid_code_is_left_for_the_check(tmp_path: Path, written: str) -> None:
    src = _csv(
        tmp_path,
        "Organizations.csv",
        [["名称", "组织类型", "统一社会信用代码"], ["甲", "enterprise", written]],
    )
    conv = convert(src, "csv", community_id="c1")
    assert conv.records[0]["credit_code"] == written.strip()
    assert not [i for i in conv.issues if i.code == "CV130"]


def test_division_and_statistical_codes_written_full_width_or_grouped(tmp_path: Path) -> None:
    src = _csv(
        tmp_path,
        "Communities.csv",
        [
            ["id", "名称", "行政区划代码", "统计用区划代码"],
            ["c1", "榕溪社区", "４４０１１３", "440113 001 001"],
            ["c2", "南村社区", "440113", "440113-001-002"],
            ["c3", "北村社区", "44011", "４４０１１３００１"],  # not codes: as written
        ],
    )
    conv = convert(src, "csv")
    got = [(r["division_code"], r.get("statistical_code")) for r in conv.records]
    assert got == [
        ("440113", "440113001001"),
        ("440113", "440113001002"),
        ("44011", "４４０１１３００１"),
    ]
    assert [i.source for i in conv.issues if i.code == "CV130"] == [
        "Communities!C2",
        "Communities!D2",
        "Communities!D3",
    ]
