"""Mobile numbers written with brackets, as landline habits write them, are personal data too.

``+86 (138) 1234-5678`` and ``(138)1234-5678`` in a hotline export's phone
column passed a public dataset's check (no SC402) and were repeated unmasked
in the report; the NDJSON fast path's batch screen and the careful scan agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import smartstd
from smartstd.reporters import render_string
from smartstd.scanner import redact, scan, screen_bytes

_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "ds-phones",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
}
_PUBLISHER = {
    "id": "org-1",
    "type": "Organization",
    "name": {"zh-CN": "某街道"},
    "kind": "street_office",
}


@pytest.mark.parametrize(
    "written",
    ["+86 (138) 1234-5679", "(138)1234-5679", "(138) 1234 5679", "0086 (138)-1234-5679"],
)
def test_a_bracketed_mobile_is_found_masked_and_reported(tmp_path: Path, written: str) -> None:
    (match,) = scan(f"电话：{written}。")
    assert (match.kind, match.value) == ("mobile", "13812345679")
    assert "1234" not in redact(written)
    resident = {"id": "r-1", "type": "Resident", "phone": written}
    path = tmp_path / "d.ndjson"
    lines = [json.dumps(x, ensure_ascii=False) for x in (_ENVELOPE, _PUBLISHER, resident)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert screen_bytes("\n".join(lines).encode()) >= {2}  # the fast path looks at the line
    report = smartstd.check(str(path))
    found = [f for f in report.findings if f.code == "SC402" and f.pointer == "/phone"]
    assert [f.params["masked"] for f in found] == ["138****5679"]
    assert "1234-5679" not in render_string(report, "json")


@pytest.mark.parametrize(
    "text", ["(2024)穗0101号", "第(1)条", "比例(1:1)12345", "（138）1234 5679"]
)
def test_brackets_make_no_number_of_what_is_none(text: str) -> None:
    """Full-width brackets stay out: they are everywhere in Chinese text (see the scanner)."""
    assert scan(text) == []
