"""Where a streamed document's values are: the same line and column as in the whole text.

:meth:`smartstd.io.elements.Outline.positions` finds an element's start by
counting the file's bytes and the value inside it in the element's own text;
every path of every element (and of the envelope, before and after the
array) must land where :func:`smartstd.io.locate` puts it in the whole
decoded text: lines counted by ``\\n`` only, columns in characters, after a
byte-order mark.

流式文档中每个值的行列号必须与整篇文本中的定位一致。
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartstd.io import Limits, locate
from smartstd.io.elements import Outline, elements, outline
from smartstd.report import Path as JsonPath

RECORDS: list[Any] = [
    {
        "id": "a1",
        "type": "Resident",
        "name": {"zh-CN": "张三丰", "en": "Zhang"},
        "tags": [1, [2, 3]],
    },
    {"id": "宽字符", "note": 'quote " bracket ] brace } back \\ slash', "n": 1.5e3, "e": None},
    [1, "x", {"deep": [{"deeper": ["ok"]}]}],
    "a string element",
    7,
    {"id": "last", "list": [{"k": "v"}, {"k": "w"}], "emoji": "🏠"},
]
HEADER = {"standard": "scds", "standard_version": "1.1.0", "title": {"zh-CN": "标题"}}


def _paths(value: Any, prefix: JsonPath) -> list[JsonPath]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _layouts() -> dict[str, str]:
    doc = {**HEADER, "entities": RECORDS}
    after = {"entities": RECORDS, **HEADER}
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS)
    return {
        "indent": json.dumps(doc, ensure_ascii=False, indent=2),
        "indent-crlf": json.dumps(doc, ensure_ascii=False, indent=4).replace("\n", "\r\n"),
        "one-line": json.dumps(doc, ensure_ascii=False),
        "compact-ascii": json.dumps(doc, separators=(",", ":")),
        "tabs": json.dumps(doc, ensure_ascii=False, indent="\t"),
        "record-a-line": '{"standard": "scds",\n"entities": [\n' + lines + "\n],\n"
        '"title": {"zh-CN": "标题"}, "standard_version": "1.1.0"}\n',
        "header-after": json.dumps(after, ensure_ascii=False, indent=1),
        "wide-start": '{"题": "名字名字", "entities": [' + lines + '], "末": ["尾", {"x": 1}]}',
        "cr-only": json.dumps(doc, ensure_ascii=False, indent=2).replace("\n", "\r"),
    }


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("layout", sorted(_layouts()))
def test_every_position_is_the_whole_texts(layout: str, bom: bool, tmp_path: Path) -> None:
    text = _layouts()[layout]
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path = tmp_path / "doc.json"
    path.write_bytes(data)
    doc = outline(str(path), len(data), Limits())
    assert doc is not None
    count = sum(len(lines) for _, lines, _ in elements(doc, Limits()))
    value = json.loads(text)
    assert count == len(value["entities"])
    for i in range(count):
        assert json.loads(doc.element_bytes(i)) == value["entities"][i]
        assert doc.element(i) == value["entities"][i]
    wanted = _paths(value, ())
    # paths that are not there: a missing field, an index past the end, a key as an index
    wanted += [("entities", 0, "missing"), ("entities", 99), ("entities", "1"), ("nothing",)]
    got = doc.positions(wanted)
    expected = locate(text, wanted)
    wrong = {p: (got[p], expected[p]) for p in wanted if got[p] != expected[p]}
    assert not wrong


def test_element_starts_on_a_later_line(tmp_path: Path) -> None:
    """A value on the element's first line gets the element's column; later lines their own."""
    text = '{"entities": [\n  {"a": 1,\n   "b": [true]}, {"c":\n"x"}]}'
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    doc = outline(str(path), len(text), Limits())
    assert isinstance(doc, Outline)
    for _ in elements(doc, Limits()):
        pass
    got = doc.positions([("entities", 0, "a"), ("entities", 0, "b", 0), ("entities", 1, "c")])
    assert got == {
        ("entities", 0, "a"): (2, 9),
        ("entities", 0, "b", 0): (3, 10),
        ("entities", 1, "c"): (4, 1),
    }


@pytest.mark.parametrize(
    "text",
    [
        '{"entities": [{"a": 1},]}',  # a trailing comma
        '{"entities": [{"a": 1} {"b": 2}]}',  # no comma
        '{"entities": [{"a": 1}, {"b": 2}',  # no end
        '{"entities": [{"a": "\xff"}]}',  # not UTF-8 (written as latin-1 below)
    ],
)
def test_odd_arrays_are_not_streamed(text: str, tmp_path: Path) -> None:
    from smartstd.io.elements import Unstreamable

    path = tmp_path / "doc.json"
    data = text.encode("latin-1")
    path.write_bytes(data)
    doc = outline(str(path), len(data), Limits())
    if doc is None:
        return  # the envelope already says: read whole
    with pytest.raises(Unstreamable):
        for _ in elements(doc, Limits()):
            pass


@pytest.mark.parametrize(
    "text",
    [
        '{"entities": {"a": 1}}',
        '{"standard": "scds"}',
        '[{"entities": []}]',
        '{"entities": [], "entities": [{"a": 1}]}',
        '{"a": NaN, "entities": []}',
        '{"entities": []} trailing',
        "",
    ],
)
def test_documents_that_are_not_plain_are_read_whole(text: str, tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    assert outline(str(path), len(text.encode()), Limits()) is None
