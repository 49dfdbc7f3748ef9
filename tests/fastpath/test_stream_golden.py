"""Every dataset of the golden reports, its JSON documents streamed: the same bytes.

``tests/golden/`` pins today's JSON report of the example community, of every
rule case and every ``tests/cases/valid`` folder (whole-document reading:
``tests/test_golden.py``). Here the same checks run with every JSON document
streamed (:mod:`smartstd.io.elements`, from any size) and must print exactly
the golden bytes; the generated district, which the golden file has as NDJSON,
is checked as a JSON document in three layouts against the whole-document path.

流式读取 JSON 文档后，金标准报告必须逐字节不变。
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamdata import both, streaming

from test_golden import GOLDEN, REGEN, SUBJECTS

#: The golden files made from JSON documents (not the generator's digests nor the NDJSON district).
DOCUMENT_SUBJECTS = sorted(n for n in SUBJECTS if n.startswith(("cases/", "example")))


def test_the_golden_documents_are_many() -> None:
    assert len(DOCUMENT_SUBJECTS) > 80


@pytest.mark.parametrize("name", DOCUMENT_SUBJECTS)
def test_golden_report_streamed(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with streaming(monkeypatch, on=True) as seen:
        text = SUBJECTS[name]()
    assert text == (GOLDEN / name).read_text("utf-8")
    if name.startswith(("example", "cases/valid/")):
        # a plain document: read as its envelope, its elements streamed, never read again
        assert seen.outlines and all(o is not None for o in seen.outlines), name
        assert seen.streamed and not seen.restarted, name


def test_odd_cases_are_read_again_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A repeated key inside a record is met in the stream: the document is read again whole."""
    with streaming(monkeypatch, on=True) as seen:
        text = SUBJECTS["cases/invalid/SC102-duplicate-key.json"]()
    assert text == (GOLDEN / "cases/invalid/SC102-duplicate-key.json").read_text("utf-8")
    assert seen.restarted, "the stream should have met the repeated key"


@pytest.fixture(scope="module")
def district_lines() -> list[str]:
    """The golden district (generated, with defects planted), one record a line."""
    return list(REGEN._district_lines())


@pytest.mark.parametrize("layout", ["indent", "one-line", "one-record-a-line"])
def test_planted_district_as_a_document(
    layout: str, district_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    envelope = json.loads(district_lines[0])
    records = [json.loads(line) for line in district_lines[1:]]
    path = tmp_path / "district.json"
    if layout == "indent":
        text = json.dumps({**envelope, "entities": records}, ensure_ascii=False, indent=2)
    elif layout == "one-line":
        text = json.dumps({**envelope, "entities": records}, ensure_ascii=False)
    else:
        head = json.dumps(envelope, ensure_ascii=False)[:-1]
        text = head + ', "entities": [\n' + ",\n".join(district_lines[1:]) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    whole, streamed, seen = both(monkeypatch, path)
    assert seen.streamed and not seen.restarted
    assert streamed == whole
    report = json.loads(streamed)
    codes = {f["code"] for f in report["findings"]}
    # the planted defects are found, at lines inside the document
    assert {"SC201", "SC202", "SC106", "SC401"} <= codes
    assert all(f["line"] for f in report["findings"] if f["pointer"].startswith("/entities/"))
