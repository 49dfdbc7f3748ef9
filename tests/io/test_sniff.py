from __future__ import annotations

import codecs

import pytest

from smartstd.io import sniff_format


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("data/community.json", "json"),
        ("C.JSON", "json"),
        ("x.ndjson", "ndjson"),
        ("x.jsonl", "ndjson"),
        ("x.jsonl.gz", "ndjson"),
        ("profile.yaml", "yaml"),
        ("charter.YML", "yaml"),
    ],
)
def test_by_extension(path: str, fmt: str) -> None:
    assert sniff_format(path, b"whatever") == fmt


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b'{"a": 1}', "json"),
        (b'{\n  "a": 1,\n  "b": 2\n}\n', "json"),
        (b"[1, 2]", "json"),
        (b'{"a": 1}\n{"a": 2}\n', "ndjson"),
        (b'{"a": 1}\r\n\r\n{"a": 2}', "ndjson"),
        (b"[1]\n[2]\n", "ndjson"),
        (codecs.BOM_UTF8 + b'{"a": 1}\n{"a": 2}', "ndjson"),
        (b"---\na: 1\n", "yaml"),
        (b"# comment\na: 1\n", "yaml"),
        (b"name: x\n", "yaml"),
        (b"- a\n- b\n", "yaml"),
        (b'"quoted key": 1\n', "yaml"),
        ("名称: 幸福里\n".encode(), "yaml"),
        (b"", None),
        (b"   \n", None),
        (b"hello world", None),
        (b"\x00\x01\x02", None),
    ],
)
def test_by_content(head: bytes, fmt: str | None) -> None:
    assert sniff_format("stdin", head) == fmt
