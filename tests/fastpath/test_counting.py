"""The batches no rule looks at are only counted, with one duplicate-key proof per batch.

At L1 (and with any selection of rules none of which looks at every type)
most records need nothing but validation, so ``counting.count_batch`` validates
a batch, counts its records and proves at once that none of them has a
duplicate key (:func:`smartstd.conformance.keys.colons_follow_keys`). The
lines it cannot vouch for go one by one, in order; a batch without the proof
goes one by one whole. Whatever happens, the report is the careful path's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_engine_fastpath import Planted, keys, run_careful

import smartstd
from smartstd.conformance import checker, inputs
from smartstd.conformance.keys import colons_follow_keys
from smartstd.report import Report

#: Selections under which the records are counted: L1, and rules that look at some types only.
SELECTIONS: dict[str, dict[str, Any]] = {
    "L1": {"level": "L1"},
    "SC1+SC3": {"level": "L2", "select": ("SC1", "SC3")},
}


def _run(path: Path, **kwargs: Any) -> Report:
    return smartstd.check(str(path), **kwargs)


@pytest.fixture(scope="module")
def base(generated_ndjson: Path) -> list[str]:
    lines = generated_ndjson.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    return lines[:-1]


def _with_blocks(path: Path, monkeypatch: pytest.MonkeyPatch, size: int, **kwargs: Any) -> Report:
    with monkeypatch.context() as m:
        m.setattr(inputs, "BATCH_BYTES", size)
        return _run(path, **kwargs)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """Spy on ``count_batch``: what it answered for each batch."""
    answers: list[list[int] | None] = []
    real = checker.count_batch

    def spy(self: Any, file: str, batch: Any) -> list[int] | None:
        answer = real(self, file, batch)
        answers.append(None if answer is None else list(answer))
        return answer

    monkeypatch.setattr(checker, "count_batch", spy)
    return answers


@pytest.mark.parametrize("selection", list(SELECTIONS))
@pytest.mark.parametrize("blank_and_crlf", [False, True], ids=["plain-file", "blank-and-crlf"])
def test_counted_batches_report_what_the_careful_path_reports(
    base: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    selection: str,
    blank_and_crlf: bool,
) -> None:
    kwargs = SELECTIONS[selection]
    path = Planted(base, blank_and_crlf).write(tmp_path / "planted.ndjson")
    reference = _careful(path, monkeypatch, **kwargs)
    assert {f.code for f in reference.findings} >= {"SC102", "SC107"}
    with monkeypatch.context() as m:
        answers = _counted(m)
        reports = {
            "default": _run(path, **kwargs),
            "huge-blocks": _with_blocks(path, m, 1 << 30, **kwargs),
            "4k-blocks": _with_blocks(path, m, 4096, **kwargs),
        }
    # the batches were counted, and the lines with defects went one by one
    assert any(answer for answer in answers)
    for name, report in reports.items():
        assert keys(report) == keys(reference), name
        assert [f.to_dict() for f in report.findings] == [
            f.to_dict() for f in reference.findings
        ], name
        assert report.entity_counts == reference.entity_counts, name


def _careful(path: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Report:
    """The careful path's report with ``kwargs`` (``run_careful`` checks at L2)."""
    with monkeypatch.context() as m:
        m.setattr(checker, "count_batch", lambda self, file, batch: None)
        return run_careful(path, m, **_l2_free(kwargs))


def _l2_free(kwargs: dict[str, Any]) -> dict[str, Any]:
    # run_careful passes level="L2" itself: give it the selection, or the rules of L1
    if kwargs.get("level") == "L1":
        return {"select": ("SC1",)}
    return {k: v for k, v in kwargs.items() if k != "level"}


def _record(etype: str, rid: str, **fields: Any) -> dict[str, Any]:
    return {"id": rid, "type": etype, **fields}


def _lines(tmp_path: Path, records: list[str]) -> Path:
    head = json.dumps(
        {
            "standard": "scds",
            "standard_version": "1.1.0",
            "dataset_id": "counting-test",
            "title": {"zh-CN": "测试", "en": "Test"},
            "publisher_id": "org-0",
            "generated_at": "2026-05-01T09:00:00+08:00",
            "classification": "internal",
        },
        ensure_ascii=False,
    )
    path = tmp_path / "records.ndjson"
    path.write_text(head + "\n" + "\n".join(records) + "\n", encoding="utf-8")
    return path


def _organization(i: int, extra: str = "") -> str:
    name = f'{{"zh-CN":"机构{i}","en":"Org {i}"}}'
    return f'{{"id":"org-{i}","type":"Organization","name":{name},"kind":"social_organization"{extra}}}'


@pytest.mark.parametrize(
    ("odd", "code"),
    [
        (',"kind":"social_organization"', "SC102"),  # a duplicate key the batch's count must catch
        (',"\\u006bind":"social_organization"', "SC102"),  # the same, written with an escape
        (',"note" :"x"', None),  # white space before a colon: no proof for the batch
        (',"zz:x":"a\\":b"', "SC107"),  # a ": inside a string: one more than the keys
    ],
)
def test_one_odd_line_among_counted_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: str, code: str | None
) -> None:
    lines = [_organization(i) for i in range(200)]
    lines[137] = _organization(137, odd)
    path = _lines(tmp_path, lines)
    reference = _careful(path, monkeypatch, level="L1")
    with monkeypatch.context() as m:
        answers = _counted(m)
        report = _run(path, level="L1")
    assert answers  # the batch was offered to the count
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in reference.findings]
    assert report.entity_counts == reference.entity_counts == {"Organization": 200}
    if code is not None:
        assert (code, 139) in {(f.code, f.line) for f in report.findings}


def test_batch_with_a_duplicate_key_is_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sums differ: the whole batch goes one line after another."""
    lines = [_organization(i) for i in range(50)]
    lines[7] = _organization(7, ',"kind":"social_organization"')
    path = _lines(tmp_path, lines)
    with monkeypatch.context() as m:
        answers = _counted(m)
        report = _run(path, level="L1")
    assert answers == [None]
    assert [(f.code, f.line) for f in report.findings] == [("SC102", 9)]


def test_lines_with_findings_keep_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invalid lines and lines of a type a rule looks at are picked, in order."""
    lines = [_organization(i) for i in range(40)]
    lines[3] = '{"id":"org-3","type":"Organization"}'  # invalid: no name, no kind
    lines[9] = _organization(9, ',"zz:a":1')  # an undeclared prefix
    lines[20] = '{"id":"org-20","type":"Organization","kind":"nope"}'
    path = _lines(tmp_path, lines)
    with monkeypatch.context() as m:
        answers = _counted(m)
        report = _run(path, level="L1")
    assert answers == [[3, 9, 20]]
    found = [f.line for f in report.findings]
    assert found == sorted(found) and set(found) == {5, 11, 22}
    assert report.entity_counts == {"Organization": 40}


@pytest.mark.parametrize(
    ("data", "follow"),
    [
        (b'{"a":1}\n{"b":"x y"}', True),
        (b'{"a" :1}', False),
        (b'{"a":"x :y"}', False),  # conservative: a string may hold one
        (b'{"a":1}\r\n', False),
        (b'{"a":\t1}', False),
    ],
)
def test_colons_follow_keys(data: bytes, follow: bool) -> None:
    assert colons_follow_keys(data) is follow


def _community(i: int, close: bool = True) -> str:
    ring = [[113.31, 22.99], [113.32, 22.99], [113.32, 23.0], [113.31, 23.0]]
    ring.append(ring[0] if close else [113.315, 22.995])
    record = _record(
        "Community",
        f"comm-{i}",
        name={"zh-CN": f"社区{i}", "en": f"Community {i}"},
        division_code="440113",
        boundary={"type": "Polygon", "coordinates": [ring]},
    )
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_records_a_rule_looks_at_are_checked_among_counted_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At L1 a rule looks at the rings of a community: its lines go one by one."""
    lines = [_organization(i) for i in range(60)]
    lines[10] = _community(10)
    lines[30] = _community(30, close=False)
    path = _lines(tmp_path, lines)
    reference = _careful(path, monkeypatch, level="L1")
    with monkeypatch.context() as m:
        answers = _counted(m)
        report = _run(path, level="L1")
    assert answers == [[10, 30]]
    assert [(f.code, f.line) for f in report.findings] == [("SC103", 32)]
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in reference.findings]
    assert report.entity_counts == {"Organization": 58, "Community": 2}


def test_counting_stops_when_most_lines_are_picked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picked line is validated twice: after a batch of mostly such lines, no more counting."""
    lines = [
        _organization(i) if i % 3 == 0 else f'{{"id":"org-{i}","type":"Organization"}}'
        for i in range(90)
    ]
    path = _lines(tmp_path, lines)
    reference = _careful(path, monkeypatch, level="L1")
    with monkeypatch.context() as m:
        answers = _counted(m)
        report = _with_blocks(path, m, 1024, level="L1")
    assert len(answers) == 1 and answers[0]  # the first batch only
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in reference.findings]
    assert len({f.line for f in report.findings}) == 60
