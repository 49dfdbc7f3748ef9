"""Every planted defect of ``tests/test_planted_defects.py``, in every format check reads.

That module registers each rule's plants in one or two of JSON, NDJSON and
YAML; here each plant runs in the formats it is not registered in, with the
same assertions (the planted code, on the planted record, at the planted JSON
Pointer, on its line, and nothing else new or gone). 311 plants pass in a
format of their own this way. It takes minutes, so it is a slow test (CI's
``pytest -m slow`` step).

Left out (:data:`FORMAT_BOUND`) are the plants whose defect is a property of
one format's text: a hook that edits JSON text, a reading problem that a
whole JSON or YAML document has but an NDJSON line has alone (SC100, SC101:
the document has no record left to name), a limit of one format
(``max_line_bytes`` is NDJSON's, ``max_file_bytes`` a document's), and the
charter's assertions, which an NDJSON charter does not hold.

每个埋点缺陷在其未登记的其他格式（JSON、NDJSON、YAML）中同样必须被准确发现。
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import test_planted_defects as planted

#: Plants bound to one format's text (see the module docstring), by rule and name.
FORMAT_BOUND = {
    ("SC100", "trailing-comma-in-a-line"),
    ("SC100", "truncated-document"),
    ("SC100", "bad-indentation-in-the-charter"),
    ("SC101", "gbk-description"),
    ("SC101", "gbk-document"),
    ("SC102", "resident-household-twice"),
    ("SC102", "charter-role-twice"),
    ("SC109", "line-too-long"),
    ("SC109", "file-too-big"),
    ("SC617", "vendor-reads-special-groups"),
    ("SC617", "wrong-holder-expected"),
}


def _others() -> list[planted.Variant]:
    seen = {(v.rule, v.name, v.fmt) for v in planted.VARIANTS}
    out = []
    for v in planted.VARIANTS:
        if v.cli or (v.rule, v.name) in FORMAT_BOUND:
            continue
        for fmt in ("json", "ndjson", "yaml"):
            if (v.rule, v.name, fmt) not in seen:
                seen.add((v.rule, v.name, fmt))
                out.append(dataclasses.replace(v, fmt=fmt))
    return out


OTHERS = _others()


def test_most_plants_run_in_another_format() -> None:
    assert len(OTHERS) >= 300
    free = {v.rule for v in planted.VARIANTS if (v.rule, v.name) not in FORMAT_BOUND}
    assert {v.rule for v in OTHERS} >= free - {"SC617"}  # every rule but the bound ones


@pytest.mark.slow
@pytest.mark.parametrize("v", OTHERS, ids=lambda v: v.id)
def test_a_planted_defect_in_another_format(
    v: planted.Variant, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    planted.test_planted_defect(v, tmp_path, tmp_path_factory)
