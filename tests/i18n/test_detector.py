"""The detector finds English sentences in Chinese text and Chinese in English text, and
leaves identifiers, codes, paths, quoted input and command lines alone."""

from __future__ import annotations

import pytest
from detector import chinese_runs, english_runs


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("无法解析输入（syntax）：Expecting ',' delimiter", ["Expecting delimiter"]),
        (
            "while parsing a flow sequence did not find expected ',' or ']'",
            ["while parsing a flow sequence did not find expected or"],
        ),
        ("错误：No such option '--bogus'.", ["No such option"]),
        (
            "无效：not an xlsx workbook (File is not a zip file)",
            ["not an xlsx workbook File is not a zip file"],
        ),
        (
            "a second full envelope; the envelope of x.json is used",
            ["a second full envelope", "the envelope of", "is used"],
        ),
    ],
)
def test_english_sentences_are_found(text: str, found: list[str]) -> None:
    assert english_runs(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "data/x.json:3:5: SC100 [error] 无法解析输入（syntax）：此处应为分隔符 ','",
        "按规则统计\n  SC100 parse-error  error   1  无法解析",
        "Organization 标识 org-1 重复出现 (/entities/0/id)",
        "下一步：smartstd check out/dir",
        "请运行 “smartstd convert -h” 查看帮助。",
        "缺少选项 '--from'，可选值：xlsx, csv, open311-json, geojson",
        "文件不是 UTF-8 编码（疑似 gb18030）。转换：iconv -f GB18030 -t UTF-8 IN > OUT",
        "“Expected '=' after a key”（原文）",
        "标准版本：SCDS 1.1.0",
    ],
)
def test_identifiers_codes_quotes_and_commands_are_not_sentences(text: str) -> None:
    assert english_runs(text) == []


def test_chinese_is_found_in_english_outside_quotes() -> None:
    assert chinese_runs("smartstd：no charter among the inputs") == ["："]
    assert chinese_runs("The key '名称' appears twice") == []
    assert chinese_runs("error: 没有治理章程") == ["没有治理章程"]
