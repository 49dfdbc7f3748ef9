"""What third-party parsers write in English, by kind, with Chinese and English templates.

Private; :mod:`smartstd._parser_messages` says them.

Each kind is a pattern of the English original (compiled on first use) and a
``(zh-CN, en)`` pair of ``str.format`` templates whose fields are the
pattern's named groups: the standard library's json decoder, PyYAML, tomllib,
expat, zipfile, csv, ``re`` and jsonschema. What the library's own readers say
is in :mod:`smartstd._reader_kinds`.

第三方解析器英文说明的类别及其中英文模板。
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

__all__ = ["PARSER_KINDS", "RULE_PARAM_KINDS", "WORDS", "Kind", "compiled", "kind"]


class Kind(NamedTuple):
    source: str
    zh: str
    en: str

    """A kind of English text: its pattern (``source``) and its zh-CN and en templates."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The English original's pattern, compiled on first use.

        Compiling every kind's pattern on import cost a one-record check
        about 20 ms, and most runs say no parser message at all.
        """
        return compiled(self.source)


@cache
def compiled(source: str) -> re.Pattern[str]:
    """``source`` compiled with ``re.S``, once."""
    return re.compile(source, re.S)


def kind(pattern: str, zh: str, en: str) -> Kind:
    """A kind: the English original's pattern, its zh-CN and its en template."""
    return Kind(pattern, zh, en)


#: key -> (pattern of the English original, zh-CN template, en template).
#: The templates' fields are the pattern's named groups.


#: key -> the kind of a third-party parser's text.
PARSER_KINDS: dict[str, Kind] = {
    # ---- the standard library's json decoder
    "json_value": kind(r"Expecting value", "此处应为一个 JSON 值", "Expecting value"),
    "json_delimiter": kind(
        r"Expecting (?P<char>'[,:]') delimiter",
        "此处应为分隔符 {char}",
        "Expecting {char} delimiter",
    ),
    "json_property": kind(
        r"Expecting property name enclosed in double quotes",
        "此处应为用双引号括起的属性名",
        "Expecting property name enclosed in double quotes",
    ),
    "json_unterminated": kind(
        r"Unterminated string starting at",
        "字符串没有结束（缺少右引号）",
        "Unterminated string starting at",
    ),
    "json_control": kind(
        r"Invalid control character (?:at|\S+ at)",
        "字符串中有不允许的控制字符（换行、制表符等须写成转义形式）",
        "Invalid control character at",
    ),
    "json_extra": kind(r"Extra data", "一个完整的 JSON 值之后还有多余的内容", "Extra data"),
    "json_escape": kind(r"Invalid \\escape", "无效的转义序列", "Invalid \\escape"),
    "json_unicode_escape": kind(
        r"Invalid \\uXXXX escape", "无效的 \\uXXXX 转义序列", "Invalid \\uXXXX escape"
    ),
    # ---- PyYAML: a context (where) and a problem (what)
    "yaml_context": kind(
        r"while (?P<doing>parsing|scanning|constructing) "
        r"(?P<thing>an? [a-z %]+?|for the next token)"
        r"(?: (?P<problem>(?:did not|found|expected|could not|mapping values|block sequence).*))?",
        "{thing}时{problem}",
        "while {doing} {thing} {problem}",
    ),
    "yaml_not_found": kind(
        r"(?:did not|could not) find expected (?P<what>.+)",
        "未找到应有的{what}",
        "did not find expected {what}",
    ),
    "yaml_expected_found": kind(
        r"expected (?P<what>.+?), but (?:found|got) (?P<found>.+)",
        "应为{what}，实际为{found}",
        "expected {what}, but found {found}",
    ),
    "yaml_end": kind(
        r"found unexpected end of stream", "文件意外结束", "found unexpected end of stream"
    ),
    "yaml_token": kind(
        r"found character (?:(?P<char>.+?) )?that cannot start any token",
        "发现不能作为记号开头的字符 {char}（YAML 只能用空格缩进，@ 和 ` 不能作为值的开头）",
        "found character {char} that cannot start any token",
    ),
    "yaml_colon": kind(
        r"mapping values are not allowed (?:here|in this context)",
        "此处不允许出现映射值（一行中多了一个冒号？含冒号的值请加引号）",
        "mapping values are not allowed here",
    ),
    "yaml_version": kind(
        r"found incompatible YAML document",
        "YAML 文档的版本不受支持",
        "found incompatible YAML document",
    ),
    "yaml_tab": kind(
        r"found a tab character (?:where an indentation space is expected|that violates "
        r"indentation)",
        "缩进中出现了制表符（YAML 只能用空格缩进）",
        "found a tab character where an indentation space is expected",
    ),
    "yaml_escape": kind(
        r"found unknown escape character (?P<char>.+)",
        "未知的转义字符 {char}",
        "found unknown escape character {char}",
    ),
    "yaml_duplicate_anchor": kind(
        r"found duplicate anchor (?P<anchor>.+?); first occurrence second occurrence",
        "锚点 {anchor} 重复定义",
        "found duplicate anchor {anchor}",
    ),
    "yaml_undefined_alias": kind(
        r"found undefined alias (?P<alias>.+)",
        "别名 {alias} 没有对应的锚点",
        "found undefined alias {alias}",
    ),
    "yaml_unexpected": kind(
        r"found unexpected (?P<what>.+)", "出现了不应有的{what}", "found unexpected {what}"
    ),
    "yaml_characters": kind(
        r"(?:unacceptable character (?P<char>\S+): )?"
        r"(?:control|special) characters are not allowed",
        "不允许出现控制字符{char}",
        "control characters are not allowed",
    ),
    # ---- tomllib (a configuration file)
    "toml_expected": kind(
        r"Expected (?P<what>.+?) "
        r"(?:at the end of an? (?P<decl>table|array) declaration|after a key "
        r"in a key/value pair|after a statement)",
        "此处应为 {what}",
        "Expected {what}",
    ),
    "toml_expected_char": kind(
        r"Expected (?P<what>'.*'|\".*\")", "此处应为 {what}", "Expected {what}"
    ),
    "toml_value": kind(r"Invalid value", "取值无效", "Invalid value"),
    "toml_overwrite": kind(
        r"Cannot (?:overwrite|declare|mutate) .*",
        "同一个键或表定义了两次",
        "Cannot overwrite a value",
    ),
    "toml_key": kind(
        r"Invalid initial character for a key part",
        "键的开头字符无效（如多余的逗号）",
        "Invalid initial character for a key part",
    ),
    "toml_escape": kind(
        r"Unescaped '\\' in a string|Unescaped '\\'",
        "字符串中有未转义的反斜杠（\\）",
        "Unescaped '\\' in a string",
    ),
    "toml_illegal": kind(
        r"Illegal character (?P<char>.+)", "非法字符 {char}", "Illegal character {char}"
    ),
    "toml_unclosed": kind(
        r"Unterminated string", "字符串没有结束（缺少右引号）", "Unterminated string"
    ),
    # ---- expat (XML)
    "xml_not_well_formed": kind(
        r"not well-formed \(invalid token\)",
        "XML 格式不正确（无效的记号）",
        "not well-formed (invalid token)",
    ),
    "xml_no_element": kind(r"no element found", "XML 没有元素或意外结束", "no element found"),
    "xml_mismatched": kind(r"mismatched tag", "XML 开始与结束标签不匹配", "mismatched tag"),
    "xml_undefined_entity": kind(r"undefined entity", "XML 中有未定义的实体", "undefined entity"),
    "xml_unclosed": kind(r"unclosed token", "XML 记号没有结束", "unclosed token"),
    "xml_syntax": kind(r"syntax error", "XML 语法错误", "syntax error"),
    "xml_junk": kind(
        r"junk after document element", "根元素之后还有多余的内容", "junk after document element"
    ),
    # ---- zipfile and csv (a workbook, a table)
    "zip_not_zip": kind(
        r"File is not a zip file", "文件不是 ZIP 压缩格式", "File is not a zip file"
    ),
    "zip_member": kind(
        r"(?:KeyError: )?\"?There is no item named (?P<name>'.*') in the archive\"?",
        "压缩包中没有 {name}",
        "There is no item named {name} in the archive",
    ),
    "zip_bad": kind(
        r"(?:BadZipFile: )?(?P<what>Bad magic number for file header|Truncated file header|"
        r"Bad CRC-32 for file .*|Bad magic number for central directory)",
        "ZIP 压缩包已损坏（{what}）",
        "{what}",
    ),
    "csv_field_limit": kind(
        r"field larger than field limit \((?P<limit>\d+)\)",
        "字段超过长度上限（{limit} 个字符）",
        "field larger than field limit ({limit})",
    ),
    "csv_nul": kind(r"line contains NUL", "行中含有 NUL 字符", "line contains NUL"),
    # ---- jsonschema (a profile, a crosswalk, checked against their meta-schema)
    "schema_required": kind(
        r"(?P<name>'[^']*') is a required property",
        "缺少必填项 {name}",
        "{name} is a required property",
    ),
    "schema_additional": kind(
        r"[Aa]dditional properties are not allowed \((?P<names>.+?)(?: (?:was|were) unexpected)?\)",
        "不允许的键：{names}",
        "Additional properties are not allowed ({names} unexpected)",
    ),
    "schema_type": kind(
        r"(?P<value>.+) is not of type (?P<types>'[a-z]+'(?:, '[a-z]+')*)",
        "{value} 的类型不对，应为 {types}",
        "{value} is not of type {types}",
    ),
    "schema_pattern": kind(
        r"(?P<value>.+) does not match (?P<pattern>'.*')",
        "{value} 不符合格式 {pattern}",
        "{value} does not match {pattern}",
    ),
    "schema_enum": kind(
        r"(?P<value>.+) is not one of (?P<allowed>\[.*\])",
        "{value} 不是以下值之一：{allowed}",
        "{value} is not one of {allowed}",
    ),
    "schema_const": kind(r"(?P<value>.+) was expected", "此处应为 {value}", "{value} was expected"),
    "schema_minimum": kind(
        r"(?P<value>.+) is less than the minimum of (?P<bound>\S+)",
        "{value} 小于下限 {bound}",
        "{value} is less than the minimum of {bound}",
    ),
    "schema_maximum": kind(
        r"(?P<value>.+) is greater than the maximum of (?P<bound>\S+)",
        "{value} 大于上限 {bound}",
        "{value} is greater than the maximum of {bound}",
    ),
    "schema_short": kind(
        r"(?P<value>.+) (?:is too short|should be non-empty)",
        "{value} 太短或为空",
        "{value} is too short",
    ),
    "schema_long": kind(
        r"(?P<value>.+) (?:is too long|is expected to be empty)",
        "{value} 太长",
        "{value} is too long",
    ),
    "schema_unique": kind(
        r"(?P<value>.+) has non-unique elements",
        "{value} 中有重复的项",
        "{value} has non-unique elements",
    ),
    "schema_not_valid": kind(
        r"(?P<value>.+) is not valid under any of the given schemas",
        "{value} 不符合任何一种允许的形式",
        "{value} is not valid under any of the given schemas",
    ),
    "schema_format": kind(
        r"(?P<value>.+) is not a (?P<format>'[a-z-]+')",
        "{value} 不是有效的 {format}",
        "{value} is not a {format}",
    ),
    "regex_lookaround": kind(
        r"look-around, including look-ahead and look-behind, is not supported",
        "不支持环视（前瞻与后顾）",
        "look-around, including look-ahead and look-behind, is not supported",
    ),
    "regex_backreference": kind(
        r"backreferences are not supported", "不支持反向引用", "backreferences are not supported"
    ),
    "regex_error": kind(
        r"(?P<what>missing \), unterminated subpattern|unterminated character set|nothing to "
        r"repeat|unbalanced parenthesis|multiple repeat|bad escape \S+|unknown extension \S+|"
        r"bad character range \S+|missing \)|unterminated name) at position (?P<at>\d+)",
        "正则表达式第 {at} 个字符处有误：{what}",
        "{what} at position {at}",
    ),
    # ---- UTF-8 decoding (UnicodeDecodeError.reason)
    "utf8_byte": kind(
        r"(?:'utf-8' codec can't decode byte (?P<byte>0x[0-9a-f]+) "
        r"in position (?P<position>\d+): )?"
        r"(?P<what>invalid continuation byte|invalid start byte|unexpected end of data)",
        "不是有效的 UTF-8 编码{byte}（{what}）；请另存为 UTF-8",
        "{what}",
    ),
}

#: Words of the patterns' parts, in Chinese (YAML's names of its constructs and tokens).
WORDS: dict[str, str] = {
    "a block mapping": "解析块映射",
    "a block collection": "解析块序列",
    "a flow sequence": "解析流式序列（[...]）",
    "a flow mapping": "解析流式映射（{...}）",
    "a flow node": "解析流式节点",
    "a block node": "解析块节点",
    "a node": "解析节点",
    "a quoted scalar": "读取带引号的字符串",
    "a plain scalar": "读取字符串",
    "a block scalar": "读取块字符串",
    "a simple key": "读取键",
    "for the next token": "读取下一个记号",
    "an anchor": "读取锚点",
    "an alias": "读取别名",
    "a tag": "读取标签",
    "a directive": "读取指令",
    "a %YAML directive": "读取 %YAML 指令",
    "a %TAG directive": "读取 %TAG 指令",
    "a mapping": "构造映射",
    "key": "键",
    "node content": "节点内容",
    "the node content": "节点内容",
    "'-' indicator": "“-”标记",
    "':'": "“:”",
    "',' or ']'": "“,”或“]”",
    "',' or '}'": "“,”或“}”",
    "'<stream end>'": "文件结束",
    "<stream end>": "文件结束",
    "<block end>": "块结束",
    "'<block end>'": "块结束",
    "<document start>": "文档开始标记（---）",
    "'<document start>'": "文档开始标记（---）",
    "'<block mapping start>'": "新的块映射",
    "'<block sequence start>'": "新的块序列",
    "'<scalar>'": "一个值",
    "'<anchor>'": "锚点",
    "'<alias>'": "别名",
    "'<tag>'": "标签",
    "'<flow mapping start>'": "“{”",
    "'<flow sequence start>'": "“[”",
    "'<flow mapping end>'": "“}”",
    "'<flow sequence end>'": "“]”",
    "'<block entry>'": "“-”",
    "'<key>'": "键",
    "'<value>'": "“:”",
    "'<flow entry>'": "“,”",
    "'<document end>'": "文档结束标记（...）",
    "':' or '}'": "“:”或“}”",
    "the node it is in": "指向了它自身所在的节点",
    "no anchor before it": "之前没有对应的锚点",
    "invalid continuation byte": "无效的后续字节",
    "missing ), unterminated subpattern": "缺少右括号“)”",
    "missing )": "缺少右括号“)”",
    "unterminated character set": "字符集（[...]）没有结束",
    "nothing to repeat": "重复符号前没有可重复的内容",
    "unbalanced parenthesis": "括号不配对",
    "multiple repeat": "重复符号连用",
    "unterminated name": "名称没有结束",
    "invalid start byte": "无效的起始字节",
    "unexpected end of data": "数据意外结束",
    "an image": "这是图片",
    "a PDF document": "这是 PDF 文档",
    "an Office file": "这是 Office 文件",
    "an Office file, not data": "这是 Office 文件，不是数据",
    "a database": "这是数据库文件",
    "not a text file": "这不是文本文件",
    "file": "文件",
    "files": "文件",
    "str": "字符串",
    "int": "整数",
    "float": "数",
    "list": "数组",
    "bool": "布尔值",
    "NoneType": "空值",
    "value": "值",
    "timestamp": "时间戳",
    "fields": "字段",
    "codes": "代码",
    "field": "字段",
    "code": "代码",
    "longitudes": "经度",
    "latitudes": "纬度",
    "lower": "（只有更小的值才是收紧）",
    "split": "拆分",
    "joined": "合并",
    "higher": "（只有更大的值才是收紧）",
}

#: What a rule parameter must be (a profile's ``params:``).
RULE_PARAM_KINDS = {
    "a number": "数",
    "a mapping": "映射（对象）",
    "a list": "列表",
    "a string": "字符串",
    "true or false": "true 或 false",
}
