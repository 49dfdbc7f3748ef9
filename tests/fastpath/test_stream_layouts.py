"""Streamed JSON documents in awkward layouts and with defects planted: the same report bytes.

Hypothesis writes documents from records of the example community in every
layout a writer may choose (indented, one line, one record a line, white
space and line ends anywhere, CRLF, a byte-order mark, ``\\u`` escapes,
members after the array) and plants defects: what the whole-document reader
alone reports (a repeated key, ``NaN``, a number too large, nesting at the
limit, a syntax error, bytes that are not UTF-8, ``entities`` that is not an
array) and what the rules report (a missing field, a repeated id, elements
that are not objects, strings full of brackets, quotes and backslashes).
The JSON report of the streamed check must equal the whole-document one.

流式读取与整篇读取在各种排版与缺陷下输出逐字节相同的报告。
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from fastpathdata import EXAMPLE_NDJSON
from hypothesis import given, settings
from hypothesis import strategies as st
from streamdata import both

from smartstd.io import Limits


class Raw(str):
    """A value written as it is (a number token JSON cannot hold as a float)."""


class Pairs(list[tuple[str, Any]]):
    """An object written with its pairs as they are (a key may repeat)."""


def _sample() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = EXAMPLE_NDJSON.read_text("utf-8").split("\n")
    envelope = json.loads(lines[0])
    seen: dict[str, int] = {}
    records = []
    for line in lines[1:]:
        if not line.strip():
            continue
        record = json.loads(line)
        kind = record["type"]
        if seen.get(kind, 0) < 2:
            seen[kind] = seen.get(kind, 0) + 1
            records.append(record)
    return envelope, records


ENVELOPE, RECORDS = _sample()

_WILD_SPACE = ["", " ", "  ", "\n", "\r\n", "\t", "\n    ", " \r\n  ", "\n\n"]
_TRICKY = ['a"},{"b', "x]y", "}]},{[", "\\", '\\"', "\\u005d", "C:\\dir\\", "括号}]", "/", "]}\n"]


class Writer:
    """Writes values as JSON in one of several layouts, with escapes and odd tokens."""

    def __init__(self, r: random.Random, layout: str, escapes: float) -> None:
        self.r = r
        self.layout = layout
        self.escapes = escapes

    def space(self) -> str:
        if self.layout == "wild":
            return self.r.choice(_WILD_SPACE)
        if self.layout == "spaced":
            return self.r.choice(["", " "])
        return ""

    def string(self, s: str) -> str:
        if not self.escapes or self.r.random() > self.escapes:
            return json.dumps(s, ensure_ascii=self.r.random() < 0.2)
        out = []
        for ch in s:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or self.r.random() < 0.3:
                out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else json.dumps(ch)[1:-1])
            elif ch == "/" and self.r.random() < 0.5:
                out.append("\\/")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'

    def value(self, v: Any) -> str:
        sp = self.space
        if isinstance(v, Raw):
            return str(v)
        if isinstance(v, (Pairs, dict)):
            items = list(v) if isinstance(v, Pairs) else list(v.items())
            inner = ("," + sp()).join(
                sp() + self.string(k) + sp() + ":" + sp() + self.value(x) for k, x in items
            )
            return "{" + inner + sp() + "}"
        if isinstance(v, list):
            return "[" + ("," + sp()).join(sp() + self.value(x) for x in v) + sp() + "]"
        if isinstance(v, str):
            return self.string(v)
        if isinstance(v, float) and v != v:
            return "NaN"
        return json.dumps(v)


def _deep(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


RECORD_DEFECTS = [
    "dup-key",
    "nan",
    "overflow",
    "exponent",
    "big-int",
    "deep",
    "tricky",
    "nested-arrays",
    "missing-id",
    "unknown-field",
    "dup-id",
    "non-object",
    "bad-reference",
]
DOCUMENT_DEFECTS = [
    "bom",
    "header-after",
    "no-entities",
    "entities-object",
    "trailing-comma",
    "missing-comma",
    "truncated",
    "garbage-after",
    "invalid-utf8",
    "empty-array",
    "bad-version",
    "cr-only",
]


def plant_record(records: list[Any], defect: str, r: random.Random) -> None:
    """Plant one defect in a record (or among them)."""
    i = r.randrange(len(records))
    rec = records[i]
    if not isinstance(rec, dict):
        return
    if defect == "dup-key":
        pairs = Pairs(rec.items())
        pairs.insert(r.randrange(len(pairs) + 1), ("id", "repeated"))
        records[i] = pairs
    elif defect == "nan":
        rec["gz:reading"] = float("nan")
    elif defect == "overflow":
        rec["gz:reading"] = Raw("1e999")
    elif defect == "exponent":
        rec["gz:reading"] = Raw("2.5e-300")
    elif defect == "big-int":
        rec["gz:reading"] = Raw("7" * r.choice([320, 5000]))
    elif defect == "deep":
        rec["gz:nest"] = _deep(r.choice([59, 60, 61, 62, 63]))
    elif defect == "tricky":
        rec["gz:note"] = r.choice(_TRICKY) + r.choice(_TRICKY)
        key = r.choice([k for k, v in rec.items() if isinstance(v, str)] or ["id"])
        rec[key] = str(rec.get(key, "")) + r.choice(_TRICKY)
    elif defect == "nested-arrays":
        rec["gz:grid"] = [[1, [2, [3, []]]], [], [{"a": [{}]}]]
    elif defect == "missing-id":
        rec.pop("id", None)
    elif defect == "unknown-field":
        rec["colour"] = "blue"
    elif defect == "dup-id":
        records.insert(r.randrange(len(records) + 1), json.loads(json.dumps(rec)))
    elif defect == "non-object":
        records.insert(r.randrange(len(records) + 1), r.choice([1, "x", None, [], [{}], 2.5]))
    elif defect == "bad-reference":
        for key in rec:
            if key.endswith("_id") and key != "id":
                rec[key] = "nothing-" + key
                break


def document(
    layout: str, seed: int, record_defects: list[str], doc_defects: list[str], escapes: float
) -> bytes:
    """A document of the sample records, written and broken as drawn."""
    r = random.Random(seed)
    records: list[Any] = json.loads(json.dumps(RECORDS))
    for defect in record_defects:
        plant_record(records, defect, r)
    header: dict[str, Any] = dict(ENVELOPE)
    if "bad-version" in doc_defects:
        header["standard_version"] = "1.1"
        header["generated_at"] = "yesterday"
    entities: Any = records
    if "empty-array" in doc_defects:
        entities = []
    if "entities-object" in doc_defects:
        entities = {"a": 1}
    w = Writer(r, layout, escapes)
    members = list(header.items())
    if "no-entities" not in doc_defects:
        at = len(members)
        if "header-after" in doc_defects:
            at = r.randrange(len(members) + 1)
        members.insert(at, ("entities", entities))
    if layout in ("indent", "one-line", "lines") and not escapes:
        text = _standard_layout(layout, members)
    else:
        sp = w.space
        text = (
            sp()
            + "{"
            + ("," + sp()).join(
                sp() + w.string(k) + sp() + ":" + sp() + w.value(v) for k, v in members
            )
            + sp()
            + "}"
            + sp()
        )
    if "trailing-comma" in doc_defects and text.rstrip().endswith("]}"):
        cut = text.rstrip()[:-2].rstrip()
        text = cut + ",]}" if cut.endswith("}") else text
    if "missing-comma" in doc_defects:
        text = text.replace("},", "}", 1) if r.random() < 0.5 else text.replace("}, {", "} {", 1)
    if "truncated" in doc_defects:
        text = text[: r.randrange(len(text) // 2, len(text))]
    if "garbage-after" in doc_defects:
        text += r.choice(["x", "{}", "\n{}", "]"])
    if "cr-only" in doc_defects:
        text = text.replace("\r\n", "\n").replace("\n", "\r")
    data = text.encode("utf-8")
    if "invalid-utf8" in doc_defects:
        at = data.find(b'"name"')
        data = data[: at + 1] + b"\xff" + data[at + 1 :] if at >= 0 else data + b"\xff"
    if "bom" in doc_defects:
        data = b"\xef\xbb\xbf" + data
    return data


def _standard_layout(layout: str, members: list[tuple[str, Any]]) -> str:
    """What ``json.dumps`` writes (members in the order given)."""

    def special(v: Any) -> bool:
        if isinstance(v, (Pairs, Raw)):
            return True
        if isinstance(v, dict):
            return any(map(special, v.values()))
        return isinstance(v, list) and any(map(special, v))

    def dumps(v: Any, **kw: Any) -> str:
        if not special(v):
            return json.dumps(v, ensure_ascii=False, **kw)
        if isinstance(v, Raw):
            return str(v)
        if isinstance(v, (Pairs, dict)):  # written on one line
            items = list(v) if isinstance(v, Pairs) else list(v.items())
            return "{" + ", ".join(json.dumps(k) + ": " + dumps(x) for k, x in items) + "}"
        return "[" + ", ".join(dumps(x) for x in v) + "]"

    if layout == "lines":
        parts = []
        for k, v in members:
            if k == "entities" and isinstance(v, list):
                parts.append('"entities": [\n' + ",\n".join(dumps(x) for x in v) + "\n]")
            else:
                parts.append(json.dumps(k) + ": " + dumps(v))
        return "{" + ", ".join(parts) + "}\n"
    if layout == "indent":
        parts = []
        for k, v in members:
            if k == "entities" and isinstance(v, list):
                items = ",\n".join("    " + dumps(x, indent=2).replace("\n", "\n    ") for x in v)
                parts.append('  "entities": [\n' + items + "\n  ]")
            else:
                parts.append("  " + json.dumps(k) + ": " + dumps(v))
        return "{\n" + ",\n".join(parts) + "\n}\n"
    return "{" + ", ".join(json.dumps(k) + ": " + dumps(v) for k, v in members) + "}"


@settings(max_examples=40, deadline=None)
@given(
    layout=st.sampled_from(["indent", "one-line", "lines", "spaced", "wild"]),
    seed=st.integers(0, 2**16),
    record_defects=st.lists(st.sampled_from(RECORD_DEFECTS), max_size=3),
    doc_defects=st.lists(st.sampled_from(DOCUMENT_DEFECTS), max_size=2, unique=True),
    escapes=st.sampled_from([0.0, 0.0, 0.3, 1.0]),
    level=st.sampled_from([None, "L1"]),
    most=st.sampled_from([None, 3, 12]),
)
def test_streamed_report_is_the_whole_document_report(
    layout: str,
    seed: int,
    record_defects: list[str],
    doc_defects: list[str],
    escapes: float,
    level: str | None,
    most: int | None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = tmp_path_factory.mktemp("doc") / "dataset.json"
    path.write_bytes(document(layout, seed, record_defects, doc_defects, escapes))
    monkeypatch = pytest.MonkeyPatch()
    try:
        options: dict[str, Any] = {"level": level} if level else {}
        if most is not None:  # the limits cut the same findings
            options["limits"] = Limits(
                max_findings=most,
                max_findings_per_record=most // 3 + 1,
                max_findings_per_rule_per_record=2,
            )
        whole, streamed, _ = both(monkeypatch, path, **options)
    finally:
        monkeypatch.undo()
    assert streamed == whole


@pytest.mark.parametrize("layout", ["indent", "one-line", "lines", "wild"])
@pytest.mark.parametrize(
    ("record_defects", "doc_defects", "restarts"),
    [
        ([], [], False),
        (["nested-arrays", "missing-id", "dup-id", "non-object"], ["bom"], False),
        # brackets in strings may mislead a cut (then the document is read again whole)
        (["tricky", "tricky"], [], None),
        (["unknown-field", "bad-reference"], ["header-after", "bad-version"], False),
        (["deep"], [], None),
        (["dup-key"], [], True),
        (["nan"], [], True),
        (["overflow"], [], True),
    ],
)
def test_planted_defects_placed_as_whole(
    layout: str,
    record_defects: list[str],
    doc_defects: list[str],
    restarts: bool | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "dataset.json"
    path.write_bytes(document(layout, 7, record_defects, doc_defects, 0.0))
    whole, streamed, seen = both(monkeypatch, path)
    assert streamed == whole
    assert seen.outlines and seen.outlines[0] is not None
    if restarts is not None and layout != "wild":
        # separators that vary may be taken for one (the check is then made again whole)
        assert bool(seen.restarted) is restarts
    findings = json.loads(streamed)["findings"]
    if record_defects or doc_defects:
        assert findings
    for f in findings:
        if f["pointer"].startswith("/entities/"):
            assert f["line"] and f["column"], f
