"""Planted defects, placed: each is found exactly where it was planted, in every layout.

``tests/test_planted_defects.py`` plants one defect of every rule into the
example community, each in one format and the layout the example is written
in. This module takes a handful of those defects, one for each way a finding
is made and placed (a code outside its list, an unknown field, a timestamp
without an offset, a number out of range deep in nested arrays, an identity
number after Chinese text, a division code, a reference nobody resolves, a
key written twice), and plants each one in the first, a middle and the last
record of a copy of the bundled Guangzhou example, written in every layout a
district's tools produce: JSON indented, JSON one record per line, JSON on
one line, YAML block and flow style, NDJSON; each also with CRLF line ends,
a UTF-8 byte order mark and no final line end. The finding must be the one
planted, on the planted record, at the JSON Pointer planted, on the exact
line and column where the value starts (counted in characters: a column
after Chinese text counts each character once; a byte order mark is not a
column); and no other finding may appear or go.

The expected line and column come from the text itself: the copy is written
a second time with a marker in place of the planted value, and the marker is
found; nothing of the library's position code is used.

埋点缺陷定位测试：同一缺陷放在首条、中间、末条记录，写成各种排版（缩进、单行、YAML 流式、CRLF、BOM、
无结尾换行），检查结果的文件、行、列与 JSON 指针必须与植入处完全一致，且不得出现其他新结果。
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import smartstd
from smartstd.identifiers import id_number_check_digit
from smartstd.report import Finding

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"

#: A valid GB 11643 number (made up).
ID_NUMBER = "44011319850312123" + id_number_check_digit("44011319850312123")

#: What the copy keeps of the example: every entity of these types (126 records,
#: checked in a few hundredths of a second).
_TYPES = ("Organization", "Community", "Grid", "Building", "Facility", "Service", "Device", "Pilot")

_MARK = "@@PLANTED@@"

#: libyaml's dumper when PyYAML has it (the same text, ten times faster).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

Record = dict[str, Any]
Path_ = tuple[str | int, ...]


@cache
def _example() -> tuple[Record, list[Record]]:
    doc = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
    entities = [e for e in doc.pop("entities") if e["type"] in _TYPES]
    return doc, entities


# --------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Layout:
    """How the copy is written: its format and style, line ends, byte order mark."""

    name: str
    fmt: str  # json, ndjson, yaml
    style: str = ""  # json: indent, lines, one; yaml: block, flow
    crlf: bool = False
    bom: bool = False
    final_eol: bool = True

    def text(self, envelope: Record, entities: list[Record]) -> str:
        """The copy as text, with LF line ends (``encode`` makes the rest)."""
        doc = {**envelope, "entities": entities}
        if self.fmt == "ndjson":
            lines = [
                json.dumps(r, ensure_ascii=False, separators=(",", ":"))
                for r in [envelope, *entities]
            ]
            return "\n".join(lines) + ("\n" if self.final_eol else "")
        if self.fmt == "yaml":
            flow = self.style == "flow"
            out = yaml.dump(
                doc,
                Dumper=_DUMPER,
                allow_unicode=True,
                sort_keys=False,
                width=10**9,
                default_flow_style=flow,
            )
            return str(out) if self.final_eol else str(out).rstrip("\n")
        if self.style == "one":
            return json.dumps(doc, ensure_ascii=False)
        if self.style == "lines":  # as the example and most exports are written
            head = [
                f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},"
                for k, v in envelope.items()
            ]
            body = ",\n".join(
                "    " + json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entities
            )
            return "\n".join(["{", *head, '  "entities": [', body, "  ]", "}"]) + "\n"
        return json.dumps(doc, ensure_ascii=False, indent=2) + ("\n" if self.final_eol else "")

    def encode(self, text: str) -> bytes:
        data = (text.replace("\n", "\r\n") if self.crlf else text).encode("utf-8")
        return b"\xef\xbb\xbf" + data if self.bom else data

    @property
    def suffix(self) -> str:
        return self.fmt


LAYOUTS = [
    Layout("json-indented", "json", "indent"),
    Layout("json-a-record-a-line", "json", "lines"),
    Layout("json-one-line", "json", "one"),
    Layout("json-crlf-bom", "json", "indent", crlf=True, bom=True),
    Layout("ndjson", "ndjson"),
    Layout("ndjson-crlf-bom-no-final-eol", "ndjson", crlf=True, bom=True, final_eol=False),
    Layout("yaml-block-crlf-bom", "yaml", "block", crlf=True, bom=True),
    Layout("yaml-flow", "yaml", "flow", final_eol=False),
]


def _where(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in LF text."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _set(record: Any, path: Path_, value: Any) -> None:
    for step in path[:-1]:
        record = record[step]
    record[path[-1]] = value


# --------------------------------------------------------------------------- plants


@dataclass(frozen=True)
class Plant:
    """One defect: the code, the type of record it goes into, how, and the path it is found at.

    ``edit`` changes the record and returns the path of the finding inside it.
    A structural defect (``stops_record``) makes the record fail L1, so the
    record's later findings (a reference its charter would resolve) go: that
    is the design, not a loss.
    """

    name: str
    code: str
    etype: str
    edit: Callable[[Record], Path_]
    stops_record: bool = False


def _kind(e: Record) -> Path_:
    e["kind"] = "neighbourhood_committee"
    return ("kind",)


def _unknown_field(e: Record) -> Path_:
    e["昵称"] = "阿强"
    return ("昵称",)


def _naive_field(e: Record) -> Path_:
    e["installed_at"] = "2024-08-01T14:21:41"
    return ("installed_at",)


def _longitude(e: Record) -> Path_:
    e["boundary"]["coordinates"][0][2][0] = 213.5
    return ("boundary", "coordinates", 0, 2, 0)


def _id_number(e: Record) -> Path_:
    e["name"]["zh-CN"] += "（负责人身份证" + ID_NUMBER + "）"
    return ("name", "zh-CN")


def _division(e: Record) -> Path_:
    e["division_code"] = "449913"
    return ("division_code",)


def _community_list(e: Record) -> Path_:
    e["community_ids"] = [*e["community_ids"], "comm-nowhere"]
    return ("community_ids", len(e["community_ids"]) - 1)


PLANTS = [
    Plant("kind-not-in-code-list", "SC103", "Organization", _kind, stops_record=True),
    Plant("unknown-field-named-in-chinese", "SC106", "Facility", _unknown_field, stops_record=True),
    Plant("timestamp-without-offset", "SC108", "Device", _naive_field, stops_record=True),
    Plant("longitude-deep-in-nested-arrays", "SC103", "Grid", _longitude, stops_record=True),
    Plant("id-number-after-chinese-text", "SC401", "Organization", _id_number),
    Plant("division-code-of-no-district", "SC205", "Community", _division),
    Plant("unresolved-reference-in-a-list", "SC202", "Pilot", _community_list),
]

POSITIONS = ("first", "middle", "last")


def _placed(plant: Plant, position: str) -> tuple[list[Record], list[Record], int, Path_]:
    """(the copy's entities before and after planting, the planted index, the finding's path)."""
    _envelope, entities = _example()
    clean = copy.deepcopy(entities)
    i = next(k for k, e in enumerate(clean) if e["type"] == plant.etype)
    record = clean.pop(i)
    at = {"first": 0, "middle": len(clean) // 2, "last": len(clean)}[position]
    clean.insert(at, record)
    planted = copy.deepcopy(clean)
    path = plant.edit(planted[at])
    return clean, planted, at, path


def _key(f: Finding) -> tuple[str, str | None, str, str]:
    """A finding without the record's index (entities moved to first or last keep their keys)."""
    return f.code, f.entity_id, re.sub(r"^/entities/\d+", "", f.pointer), Path(f.file or "").name


def _check(
    tmp: Path, layout: Layout, entities: list[Record], name: str
) -> tuple[list[Finding], str]:
    envelope, _ = _example()
    text = layout.text(envelope, entities)
    path = tmp / f"{name}.{layout.suffix}"
    path.write_bytes(layout.encode(text))
    return list(smartstd.check(str(path)).findings), text


@cache
def _baseline(layout: Layout, tmp: Path) -> Counter[tuple[str, str | None, str, str]]:
    _, entities = _example()
    found, _ = _check(tmp, layout, entities, "d")
    return Counter(_key(f) for f in found)


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("baseline")


#: Every plant in every layout; the position turns with both, so that each
#: plant meets each position and each layout meets each position (a full
#: product took a minute).
CASES = [
    (plant, POSITIONS[(i + j) % len(POSITIONS)], layout)
    for i, plant in enumerate(PLANTS)
    for j, layout in enumerate(LAYOUTS)
]


@pytest.mark.parametrize(
    ("plant", "position", "layout"),
    CASES,
    ids=[f"{p.code}-{p.name}-{pos}-{lay.name}" for p, pos, lay in CASES],
)
def test_a_planted_defect_is_found_where_it_was_planted(
    plant: Plant, position: str, layout: Layout, tmp_path: Path, base_dir: Path
) -> None:
    _clean, planted, at, path = _placed(plant, position)
    found, text = _check(tmp_path, layout, planted, "d")
    base = _baseline(layout, base_dir)
    now = Counter(_key(f) for f in found)
    eid = planted[at]["id"]
    new = now - base
    lost = base - now
    if plant.stops_record:  # the record's own later findings go with it (see Plant)
        lost = Counter({k: n for k, n in lost.items() if k[1] != eid})
    assert not lost, f"findings gone: {sorted(lost)}"
    full = path if layout.fmt == "ndjson" else ("entities", at, *path)
    pointer = "".join(f"/{p}" for p in full)
    assert list(new) == [
        (plant.code, eid, pointer.removeprefix(f"/entities/{at}"), f"d.{layout.suffix}")
    ], sorted(new)
    (f,) = [f for f in found if (f.code, f.entity_id) == (plant.code, eid)]
    assert f.pointer == pointer
    # where the value starts, from the text written with a marker in its place
    marked = copy.deepcopy(planted)
    _set(marked[at], path, _MARK)
    envelope, _ = _example()
    marked_text = layout.text(envelope, marked)
    offset = marked_text.index(_MARK)
    if marked_text[offset - 1] in "\"'":  # a quoted string starts at its quote
        offset -= 1
    assert marked_text[:offset] == text[:offset]  # the marker moved nothing before it
    assert (f.line, f.column) == _where(text, offset), (
        f,
        text.splitlines()[_where(text, offset)[0] - 1][:200],
    )


# --------------------------------------------------------------------------- a key written twice

#: A key written twice is seen in the text, not in the parsed record: the
#: finding is on the record (its pointer), placed at the second key.
TWICE = [lay for lay in LAYOUTS if lay.style != "flow"]


@pytest.mark.parametrize("layout", TWICE, ids=lambda x: x.name)
@pytest.mark.parametrize("position", ["first", "last"])
def test_a_key_written_twice_is_found_at_its_second_writing(
    layout: Layout, position: str, tmp_path: Path, base_dir: Path
) -> None:
    envelope, entities = _example()
    planted = copy.deepcopy(entities)
    i = next(k for k, e in enumerate(planted) if e["type"] == "Organization")
    record = planted.pop(i)
    at = 0 if position == "first" else len(planted)
    planted.insert(at, record)
    text = layout.text(envelope, planted)
    # write "kind" once more, just before the record's own, in the layout's own way
    if layout.fmt == "yaml":
        own = text.index("  kind: ", text.index(f"- id: {record['id']}"))
        twice = text[:own] + "  kind: x\n" + text[own:]
        second = own + len("  kind: x\n") + 2
    else:
        start = text.index(json.dumps(record["id"]))
        own = text.index('"kind":', start)
        extra = '"kind": "x", ' if layout.style == "indent" else '"kind":"x",'
        if layout.style == "indent":  # a line of its own, indented like the others
            line_start = text.rfind("\n", 0, own) + 1
            extra = text[line_start:own] + '"kind": "x",\n'
            own = line_start
            second = own + len(extra) + (len(extra) - len(extra.lstrip()))
        else:
            second = own + len(extra)
        twice = text[:own] + extra + text[own:]
    path = tmp_path / f"d.{layout.suffix}"
    path.write_bytes(layout.encode(twice))
    found = smartstd.check(str(path)).findings
    new = Counter(_key(f) for f in found) - _baseline(layout, base_dir)
    pointer = "" if layout.fmt == "ndjson" else f"/entities/{at}"
    assert list(new) == [("SC102", record["id"], "", f"d.{layout.suffix}")], sorted(new)
    (f,) = [f for f in found if f.code == "SC102"]
    assert f.pointer == pointer and dict(f.params).get("key") in (None, "kind"), f
    assert (f.line, f.column) == _where(twice, second), (f, twice[second - 40 : second + 40])
