from __future__ import annotations

import codecs

import pytest

from smartstd.io import decode
from smartstd.report import Finding, Severity


def only(findings: list[Finding], code: str) -> Finding:
    assert [f.code for f in findings] == [code], [f.to_dict() for f in findings]
    return findings[0]


def test_plain_utf8_is_returned_unchanged() -> None:
    text, findings = decode('{"名称": "幸福里社区"}'.encode(), file="a.json")
    assert text == '{"名称": "幸福里社区"}'
    assert findings == []


def test_utf8_bom_is_accepted_and_dropped() -> None:
    text, findings = decode(codecs.BOM_UTF8 + b'{"a": 1}', file="a.json")
    assert text == '{"a": 1}'
    assert findings == []


def test_latin1_bytes_are_sc101_with_position_and_guess() -> None:
    data = '{"name": "ok",\n "city": "Café Müller"}'.encode("latin-1")
    text, findings = decode(data, file="a.json")
    assert text is None
    f = only(findings, "SC101")
    assert f.severity is Severity.ERROR
    assert (f.file, f.line, f.column) == ("a.json", 2, 14)
    assert f.params["reason"] == "invalid-utf8"
    assert f.params["byte"] == "0xe9"
    assert f.params["encoding_guess"] == "windows-1252"
    assert f.params["hint"] == "iconv -f WINDOWS-1252 -t UTF-8 IN > OUT"


def test_gb18030_chinese_text_says_gb18030_and_how_to_convert() -> None:
    data = '{"id": "c-1",\n "name": "幸福里社区居民委员会", "地址": "北京市朝阳区"}'.encode(
        "gb18030"
    )
    text, findings = decode(data, file="社区.json")
    assert text is None
    f = only(findings, "SC101")
    assert f.params["encoding_guess"] == "gb18030"
    assert f.params["hint"] == "iconv -f GB18030 -t UTF-8 IN > OUT"
    assert (f.line, f.column) == (2, 11)


def test_gbk_encoded_text_is_guessed_as_gb18030() -> None:
    data = "社区服务中心".encode("gbk")
    _, findings = decode(data, file=None)
    assert only(findings, "SC101").params["encoding_guess"] == "gb18030"


def test_column_counts_characters_before_the_bad_byte() -> None:
    data = '{"名": "值", "x": "'.encode() + b"\xff" + b'"}'
    _, findings = decode(data, file=None)
    f = only(findings, "SC101")
    assert (f.line, f.column) == (1, 18)  # 17 characters before it
    assert f.params["encoding_guess"] is None
    assert "iconv" in f.params["hint"]


@pytest.mark.parametrize(
    ("encoding", "name", "order"),
    [
        ("utf-16", "utf-16", "le"),  # Python writes little-endian with a BOM
        ("utf-16-be", "utf-16", "be"),
        ("utf-32", "utf-32", "le"),
    ],
)
def test_utf16_and_utf32_with_bom_are_sc101(encoding: str, name: str, order: str) -> None:
    data = '{"a": "社区"}'.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    text, findings = decode(data, file="a.json")
    assert text is None
    f = only(findings, "SC101")
    assert f.params["encoding"] == name
    assert f.params["byte_order"] == order
    assert f.params["reason"] == "bom"
    assert f.params["hint"] == f"iconv -f {name.upper()} -t UTF-8 IN > OUT"
    assert (f.line, f.column) == (1, 1)


def test_utf16_without_bom_is_recognised_by_its_nul_bytes() -> None:
    _, findings = decode('{"a": 1}'.encode("utf-16-le"), file=None)
    f = only(findings, "SC101")
    assert (f.params["encoding"], f.params["byte_order"]) == ("utf-16", "le")
    assert f.params["reason"] == "nul-bytes"
    assert f.params["hint"] == "iconv -f UTF-16LE -t UTF-8 IN > OUT"


def test_params_are_plain_json() -> None:
    import json

    _, findings = decode(b"\xc3(", file=None)
    json.dumps(dict(findings[0].params))
