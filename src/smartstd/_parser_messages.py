"""English details from parsers and readers, said again in Chinese by kind.

The readers report what a parser said (``json``: ``Expecting ',' delimiter``;
PyYAML: ``while parsing a flow sequence did not find expected ',' or ']'``;
``tomllib``, ``csv``, ``zipfile``, expat, jsonschema) as an English ``detail``,
kept as data in the finding's parameters and in the error's ``params``, and
shown as it is in English output. Chinese output must not show it: this
module recognises each known *kind* of such a text by its pattern, and says
it again from a ``(zh-CN, en)`` pair of templates filled in with the parts
the pattern took out (a character, a line, a tag).

A text of no known kind is shown in Chinese output quoted, marked as the
original wording (``“...”（原文）``), never as a bare English sentence; a test
runs the CLI on a battery of broken inputs and fails on any such mark.

:func:`say` is what messages call; :class:`Detail` is a ``str`` that says
itself in either language, for an error's parameters
(:func:`smartstd._error_messages.render` calls :func:`localize`).

解析器（json、PyYAML、tomllib、csv、zipfile、expat、jsonschema）和读取器的英文说明，按类别以中文重新表述；
英文输出保留原文，原文也作为数据保留在参数中。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

__all__ = [
    "DETAIL_PARAMS",
    "PARSER_MESSAGES",
    "UNKNOWN_ZH",
    "Bilingual",
    "Detail",
    "kind_of",
    "localize",
    "say",
]


class _Kind(NamedTuple):
    source: str
    zh: str
    en: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """The English original's pattern, compiled on first use.

        Compiling every kind's pattern on import cost a one-record check
        about 20 ms, and most runs say no parser message at all.
        """
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.S)


def _k(pattern: str, zh: str, en: str) -> _Kind:
    return _Kind(pattern, zh, en)


#: key -> (pattern of the English original, zh-CN template, en template).
#: The templates' fields are the pattern's named groups.
PARSER_MESSAGES: dict[str, _Kind] = {
    # ---- the standard library's json decoder
    "json_value": _k(r"Expecting value", "此处应为一个 JSON 值", "Expecting value"),
    "json_delimiter": _k(
        r"Expecting (?P<char>'[,:]') delimiter",
        "此处应为分隔符 {char}",
        "Expecting {char} delimiter",
    ),
    "json_property": _k(
        r"Expecting property name enclosed in double quotes",
        "此处应为用双引号括起的属性名",
        "Expecting property name enclosed in double quotes",
    ),
    "json_unterminated": _k(
        r"Unterminated string starting at",
        "字符串没有结束（缺少右引号）",
        "Unterminated string starting at",
    ),
    "json_control": _k(
        r"Invalid control character (?:at|\S+ at)",
        "字符串中有不允许的控制字符（换行、制表符等须写成转义形式）",
        "Invalid control character at",
    ),
    "json_extra": _k(r"Extra data", "一个完整的 JSON 值之后还有多余的内容", "Extra data"),
    "json_escape": _k(r"Invalid \\escape", "无效的转义序列", "Invalid \\escape"),
    "json_unicode_escape": _k(
        r"Invalid \\uXXXX escape", "无效的 \\uXXXX 转义序列", "Invalid \\uXXXX escape"
    ),
    # ---- PyYAML: a context (where) and a problem (what)
    "yaml_context": _k(
        r"while (?P<doing>parsing|scanning|constructing) "
        r"(?P<thing>an? [a-z %]+?|for the next token)"
        r"(?: (?P<problem>(?:did not|found|expected|could not|mapping values|block sequence).*))?",
        "{thing}时{problem}",
        "while {doing} {thing} {problem}",
    ),
    "yaml_not_found": _k(
        r"(?:did not|could not) find expected (?P<what>.+)",
        "未找到应有的{what}",
        "did not find expected {what}",
    ),
    "yaml_expected_found": _k(
        r"expected (?P<what>.+?), but (?:found|got) (?P<found>.+)",
        "应为{what}，实际为{found}",
        "expected {what}, but found {found}",
    ),
    "yaml_end": _k(
        r"found unexpected end of stream", "文件意外结束", "found unexpected end of stream"
    ),
    "yaml_token": _k(
        r"found character (?:(?P<char>.+?) )?that cannot start any token",
        "发现不能作为记号开头的字符 {char}（YAML 只能用空格缩进，@ 和 ` 不能作为值的开头）",
        "found character {char} that cannot start any token",
    ),
    "yaml_colon": _k(
        r"mapping values are not allowed (?:here|in this context)",
        "此处不允许出现映射值（一行中多了一个冒号？含冒号的值请加引号）",
        "mapping values are not allowed here",
    ),
    "yaml_version": _k(
        r"found incompatible YAML document",
        "YAML 文档的版本不受支持",
        "found incompatible YAML document",
    ),
    "yaml_tab": _k(
        r"found a tab character (?:where an indentation space is expected|that violates "
        r"indentation)",
        "缩进中出现了制表符（YAML 只能用空格缩进）",
        "found a tab character where an indentation space is expected",
    ),
    "yaml_escape": _k(
        r"found unknown escape character (?P<char>.+)",
        "未知的转义字符 {char}",
        "found unknown escape character {char}",
    ),
    "yaml_duplicate_anchor": _k(
        r"found duplicate anchor (?P<anchor>.+?); first occurrence second occurrence",
        "锚点 {anchor} 重复定义",
        "found duplicate anchor {anchor}",
    ),
    "yaml_undefined_alias": _k(
        r"found undefined alias (?P<alias>.+)",
        "别名 {alias} 没有对应的锚点",
        "found undefined alias {alias}",
    ),
    "yaml_unexpected": _k(
        r"found unexpected (?P<what>.+)", "出现了不应有的{what}", "found unexpected {what}"
    ),
    "yaml_characters": _k(
        r"(?:unacceptable character (?P<char>\S+): )?"
        r"(?:control|special) characters are not allowed",
        "不允许出现控制字符{char}",
        "control characters are not allowed",
    ),
    # ---- what the readers say themselves (smartstd.io)
    "read_complex_key": _k(
        r"a mapping key must be a string, not a sequence or a mapping",
        "映射的键必须是字符串，不能是序列或映射",
        "a mapping key must be a string, not a sequence or a mapping",
    ),
    "read_merge_key": _k(
        r"merge keys \(<<\) are not part of YAML 1\.2; write the keys out",
        "合并键（<<）不属于 YAML 1.2，请把各个键逐一写出",
        "merge keys (<<) are not part of YAML 1.2; write the keys out",
    ),
    "read_tag_on_key": _k(r"tag (?P<tag>\S+) on a key", "键上带有标签 {tag}", "tag {tag} on a key"),
    "read_tag": _k(
        r"the tag (?P<tag>\S+) is not allowed: only JSON values are read",
        "不允许使用标签 {tag}：只读取 JSON 能表示的值",
        "the tag {tag} is not allowed: only JSON values are read",
    ),
    "read_not_valid": _k(
        r"(?P<text>'.*') is not a valid (?P<kind>[a-z]+)",
        "{text} 不是有效的 {kind}",
        "{text} is not a valid {kind}",
    ),
    "read_not_json_value": _k(
        r"(?P<text>\S+) is not a JSON value", "{text} 不是 JSON 值", "{text} is not a JSON value"
    ),
    "read_too_many_digits": _k(
        r"the integer has (?:(?P<digits>\d+) digits|too many digits), more than the (?P<most>\d+) "
        r"a number may have here; write an identifier or a code as a string \(in quotes\), and "
        r"a quantity in a unit that keeps it small",
        "整数有 {digits} 位，超过此处允许的 {most} 位；标识符或代码请写成字符串（加引号），"
        "数量请换用使数值较小的单位",
        "the integer has {digits} digits, more than the {most} a number may have here",
    ),
    "read_too_large": _k(
        r"the number is too large for a 64-bit floating-point value \(it would be infinity\)",
        "数值过大，超出 64 位浮点数的范围（会成为无穷大）",
        "the number is too large for a 64-bit floating-point value",
    ),
    "read_too_deep_to_read": _k(
        r"objects and arrays nested too deeply to read",
        "对象和数组嵌套过深，无法读取",
        "objects and arrays nested too deeply to read",
    ),
    "read_too_deep": _k(
        r"objects and arrays nested too deeply \(more than (?P<most>\d+) levels\); no real "
        r"data nests so: check what wrote the file",
        "对象和数组嵌套过深（超过 {most} 层）；真实数据不会这样嵌套，请检查生成该文件的程序",
        "objects and arrays nested too deeply (more than {most} levels)",
    ),
    "read_too_deep_parser": _k(
        r"nested too deeply for the parser",
        "嵌套过深，解析器无法读取",
        "nested too deeply for the parser",
    ),
    "read_alias": _k(
        r"the alias \*(?P<name>\S+) refers to (?P<recursive>the node it is in|no anchor before it)",
        "别名 *{name} {recursive}",
        "the alias *{name} refers to {recursive}",
    ),
    "read_empty": _k(r"the document is empty", "文档为空", "the document is empty"),
    "read_one_document": _k(
        r"a file holds one YAML document",
        "一个文件只能包含一个 YAML 文档",
        "a file holds one YAML document",
    ),
    "read_ndjson_line": _k(
        r"an NDJSON line must hold one JSON value",
        "NDJSON 的每一行必须恰好是一个 JSON 值",
        "an NDJSON line must hold one JSON value",
    ),
    "read_not_envelope": _k(
        r"expected the dataset envelope \(a JSON object\), found (?P<found>\S+)",
        "应为数据集信封（JSON 对象），实际为 {found}",
        "expected the dataset envelope (a JSON object), found {found}",
    ),
    "read_binary": _k(
        r"the file is binary \((?P<kind>[^)]+)\), not text",
        "文件是二进制内容（{kind}），不是文本",
        "the file is binary ({kind}), not text",
    ),
    "read_unicode": _k(
        r"the file is (?P<encoding>\S+) \((?P<order>[A-Z]+)\), not UTF-8",
        "文件是 {encoding}（{order}）编码，不是 UTF-8",
        "the file is {encoding} ({order}), not UTF-8",
    ),
    "read_second_envelope": _k(
        r"a second full envelope; the envelope of (?P<file>.+) is used",
        "又一个完整的数据集信封；以 {file} 的信封为准",
        "a second full envelope; the envelope of {file} is used",
    ),
    "read_no_envelope": _k(
        r"no input carries the dataset envelope(?: \((?P<fields>[^)]*)\))?",
        "没有任何输入带有数据集信封（{fields}）",
        "no input carries the dataset envelope ({fields})",
    ),
    "read_dataset_mismatch": _k(
        r"dataset_id (?P<value>'.*') differs from (?P<expected>'.*')",
        "dataset_id {value} 与 {expected} 不同",
        "dataset_id {value} differs from {expected}",
    ),
    # ---- tomllib (a configuration file)
    "toml_expected": _k(
        r"Expected (?P<what>.+?) "
        r"(?:at the end of an? (?P<decl>table|array) declaration|after a key "
        r"in a key/value pair|after a statement)",
        "此处应为 {what}",
        "Expected {what}",
    ),
    "toml_expected_char": _k(
        r"Expected (?P<what>'.*'|\".*\")", "此处应为 {what}", "Expected {what}"
    ),
    "toml_value": _k(r"Invalid value", "取值无效", "Invalid value"),
    "toml_overwrite": _k(
        r"Cannot (?:overwrite|declare|mutate) .*",
        "同一个键或表定义了两次",
        "Cannot overwrite a value",
    ),
    "toml_key": _k(
        r"Invalid initial character for a key part",
        "键的开头字符无效（如多余的逗号）",
        "Invalid initial character for a key part",
    ),
    "toml_escape": _k(
        r"Unescaped '\\' in a string|Unescaped '\\'",
        "字符串中有未转义的反斜杠（\\）",
        "Unescaped '\\' in a string",
    ),
    "toml_illegal": _k(
        r"Illegal character (?P<char>.+)", "非法字符 {char}", "Illegal character {char}"
    ),
    "toml_unclosed": _k(
        r"Unterminated string", "字符串没有结束（缺少右引号）", "Unterminated string"
    ),
    # ---- expat (XML)
    "xml_not_well_formed": _k(
        r"not well-formed \(invalid token\)",
        "XML 格式不正确（无效的记号）",
        "not well-formed (invalid token)",
    ),
    "xml_no_element": _k(r"no element found", "XML 没有元素或意外结束", "no element found"),
    "xml_mismatched": _k(r"mismatched tag", "XML 开始与结束标签不匹配", "mismatched tag"),
    "xml_undefined_entity": _k(r"undefined entity", "XML 中有未定义的实体", "undefined entity"),
    "xml_unclosed": _k(r"unclosed token", "XML 记号没有结束", "unclosed token"),
    "xml_syntax": _k(r"syntax error", "XML 语法错误", "syntax error"),
    "xml_junk": _k(
        r"junk after document element", "根元素之后还有多余的内容", "junk after document element"
    ),
    # ---- zipfile and csv (a workbook, a table)
    "zip_not_zip": _k(r"File is not a zip file", "文件不是 ZIP 压缩格式", "File is not a zip file"),
    "zip_member": _k(
        r"(?:KeyError: )?\"?There is no item named (?P<name>'.*') in the archive\"?",
        "压缩包中没有 {name}",
        "There is no item named {name} in the archive",
    ),
    "zip_bad": _k(
        r"(?:BadZipFile: )?(?P<what>Bad magic number for file header|Truncated file header|"
        r"Bad CRC-32 for file .*|Bad magic number for central directory)",
        "ZIP 压缩包已损坏（{what}）",
        "{what}",
    ),
    "csv_field_limit": _k(
        r"field larger than field limit \((?P<limit>\d+)\)",
        "字段超过长度上限（{limit} 个字符）",
        "field larger than field limit ({limit})",
    ),
    "csv_nul": _k(r"line contains NUL", "行中含有 NUL 字符", "line contains NUL"),
    # ---- jsonschema (a profile, a crosswalk, checked against their meta-schema)
    "schema_required": _k(
        r"(?P<name>'[^']*') is a required property",
        "缺少必填项 {name}",
        "{name} is a required property",
    ),
    "schema_additional": _k(
        r"Additional properties are not allowed \((?P<names>.+?) (?:was|were) unexpected\)",
        "不允许的键：{names}",
        "Additional properties are not allowed ({names} unexpected)",
    ),
    "schema_type": _k(
        r"(?P<value>.+) is not of type (?P<types>'[a-z]+'(?:, '[a-z]+')*)",
        "{value} 的类型不对，应为 {types}",
        "{value} is not of type {types}",
    ),
    "schema_pattern": _k(
        r"(?P<value>.+) does not match (?P<pattern>'.*')",
        "{value} 不符合格式 {pattern}",
        "{value} does not match {pattern}",
    ),
    "schema_enum": _k(
        r"(?P<value>.+) is not one of (?P<allowed>\[.*\])",
        "{value} 不是以下值之一：{allowed}",
        "{value} is not one of {allowed}",
    ),
    "schema_const": _k(r"(?P<value>.+) was expected", "此处应为 {value}", "{value} was expected"),
    "schema_minimum": _k(
        r"(?P<value>.+) is less than the minimum of (?P<bound>\S+)",
        "{value} 小于下限 {bound}",
        "{value} is less than the minimum of {bound}",
    ),
    "schema_maximum": _k(
        r"(?P<value>.+) is greater than the maximum of (?P<bound>\S+)",
        "{value} 大于上限 {bound}",
        "{value} is greater than the maximum of {bound}",
    ),
    "schema_short": _k(
        r"(?P<value>.+) (?:is too short|should be non-empty)",
        "{value} 太短或为空",
        "{value} is too short",
    ),
    "schema_long": _k(
        r"(?P<value>.+) (?:is too long|is expected to be empty)",
        "{value} 太长",
        "{value} is too long",
    ),
    "schema_unique": _k(
        r"(?P<value>.+) has non-unique elements",
        "{value} 中有重复的项",
        "{value} has non-unique elements",
    ),
    "schema_not_valid": _k(
        r"(?P<value>.+) is not valid under any of the given schemas",
        "{value} 不符合任何一种允许的形式",
        "{value} is not valid under any of the given schemas",
    ),
    "schema_format": _k(
        r"(?P<value>.+) is not a (?P<format>'[a-z-]+')",
        "{value} 不是有效的 {format}",
        "{value} is not a {format}",
    ),
    # ---- what conversions say of their sources (smartstd.interchange)
    "convert_not_xlsx": _k(
        r"not an? (?:readable )?xlsx workbook \((?P<why>.*)\)",
        "不是可读取的 xlsx 工作簿（{why}）",
        "not an xlsx workbook ({why})",
    ),
    "convert_not_json": _k(r"not JSON: (?P<why>.*)", "不是 JSON：{why}", "not JSON: {why}"),
    "convert_not_request": _k(
        r"not an Open311 request", "不是 Open311 诉求", "not an Open311 request"
    ),
    "convert_no_header": _k(r"column without a header", "该列没有表头", "column without a header"),
    "convert_no_type": _k(r"no entity type", "没有实体类型", "no entity type"),
    "convert_no_id_type": _k(r"no id and type", "缺少 id 和 type", "no id and type"),
    "convert_not_object": _k(
        r"(?:a JSON (?P<type>\w+), )?not an object",
        "不是对象{type}",
        "a JSON {type}, not an object",
    ),
    "convert_not_text": _k(
        r"neither UTF-8 nor GB18030 text",
        "既不是 UTF-8 也不是 GB18030 编码的文本",
        "neither UTF-8 nor GB18030 text",
    ),
    "convert_no_field": _k(r"no (?P<field>[a-z_]+)", "缺少 {field}", "no {field}"),
    # ---- what a migration says of its input (smartstd.migrate)
    "migrate_no_field": _k(
        r"(?:(?P<key>[^\s:]+): )?(?:SCDS (?P<version>\S+)|the target version) has no such field",
        "{key}{version}没有该字段",
        "{key}SCDS {version} has no such field",
    ),
    "migrate_no_provenance": _k(
        r"SCDS (?P<version>\S+) has no provenance \(source system, source id, imputed values\)",
        "SCDS {version} 没有来源信息（来源系统、来源标识、推定的值）",
        "SCDS {version} has no provenance (source system, source id, imputed values)",
    ),
    "migrate_no_partial": _k(
        r"SCDS (?P<version>\S+) has no partial histories: every history is complete",
        "SCDS {version} 没有部分历史：每条历史都必须完整",
        "SCDS {version} has no partial histories: every history is complete",
    ),
    "migrate_split_join": _k(
        r"(?P<names>.+?) cannot be (?P<how>split|joined)",
        "{names} 无法{how}",
        "{names} cannot be {how}",
    ),
    "migrate_no_version": _k(
        r"the dataset has no standard_version; pass --from/source",
        "数据集没有 standard_version；请用 --from 指明其版本",
        "the dataset has no standard_version; pass --from/source",
    ),
    "migrate_not_envelope": _k(
        r"line 1 is not the dataset envelope",
        "第 1 行不是数据集信封",
        "line 1 is not the dataset envelope",
    ),
    "migrate_not_dataset": _k(
        r"the input is not a dataset \(a JSON object with an envelope\)",
        "输入不是数据集（带信封的 JSON 对象）",
        "the input is not a dataset (a JSON object with an envelope)",
    ),
    "convert_the_file": _k(r"the file", "文件大小", "the file"),
    "convert_the_workbook": _k(
        r"the unpacked workbook", "工作簿解压后的大小", "the unpacked workbook"
    ),
    "convert_bytes": _k(r"(?P<n>\d+) bytes", "{n} 字节", "{n} bytes"),
    "convert_and": _k(r"(?P<a>\w+) and (?P<b>\w+)", "{a} 和 {b}", "{a} and {b}"),
    # ---- profiles: what loading one finds
    "profile_not_found": _k(
        r"profile (?P<ref>\S+) not found", "找不到地方配置 {ref}", "profile {ref} not found"
    ),
    "profile_version": _k(
        r"builds on SCDS (?P<version>\S+), which this library cannot check \(it knows "
        r"(?P<known>[^)]*)\)",
        "基于 SCDS {version}，本库无法检查该版本（支持：{known}）",
        "builds on SCDS {version}, which this library cannot check (it knows {known})",
    ),
    "profile_unknown_type": _k(
        r"unknown entity type (?P<name>'[^']*')",
        "未知的实体类型 {name}",
        "unknown entity type {name}",
    ),
    "profile_core_field": _k(
        r"(?P<name>\S+) is a core field: a profile cannot redefine it \(tighten it under "
        r"constraints:\)",
        "{name} 是核心字段，地方配置不能重新定义（请在 constraints: 下收紧）",
        "{name} is a core field: a profile cannot redefine it (tighten it under constraints:)",
    ),
    "profile_namespaced": _k(
        r"a profile may add only namespaced (?P<what>fields|codes): (?P<right>\S+), not "
        r"(?P<wrong>\S+)",
        "地方配置只能新增带命名空间前缀的{what}：应为 {right}，而不是 {wrong}",
        "a profile may add only namespaced {what}: {right}, not {wrong}",
    ),
    "profile_prefix": _k(
        r"(?P<what>field|code) prefix (?P<prefix>\S+) is not the profile's prefix (?P<own>\S+)",
        "{what}前缀 {prefix} 不是本配置的前缀 {own}",
        "{what} prefix {prefix} is not the profile's prefix {own}",
    ),
    "profile_ref": _k(
        r"\$ref is not allowed: a field schema must be self-contained",
        "不允许使用 $ref：字段的模式必须自成一体",
        "$ref is not allowed: a field schema must be self-contained",
    ),
    "profile_bad_schema": _k(
        r"not a valid JSON Schema: (?P<why>.*)",
        "不是有效的 JSON Schema：{why}",
        "not a valid JSON Schema: {why}",
    ),
    "profile_slow_pattern": _k(
        r"a pattern must be matchable in linear time, without look-around or back-references"
        r"(?: \(正则表达式须能以线性时间匹配，不得使用环视或反向引用\))?: (?P<why>.*)",
        "正则表达式须能以线性时间匹配，不得使用环视或反向引用：{why}",
        "a pattern must be matchable in linear time, without look-around or back-references: {why}",
    ),
    "regex_lookaround": _k(
        r"look-around, including look-ahead and look-behind, is not supported",
        "不支持环视（前瞻与后顾）",
        "look-around, including look-ahead and look-behind, is not supported",
    ),
    "regex_backreference": _k(
        r"backreferences are not supported", "不支持反向引用", "backreferences are not supported"
    ),
    "regex_error": _k(
        r"(?P<what>missing \), unterminated subpattern|unterminated character set|nothing to "
        r"repeat|unbalanced parenthesis|multiple repeat|bad escape \S+|unknown extension \S+|"
        r"bad character range \S+|missing \)|unterminated name) at position (?P<at>\d+)",
        "正则表达式第 {at} 个字符处有误：{what}",
        "{what} at position {at}",
    ),
    "profile_not_regex": _k(
        r"not a regular expression(?:: (?P<why>.*))?",
        "不是有效的正则表达式{why}",
        "not a regular expression: {why}",
    ),
    "profile_inherited_field": _k(
        r"(?P<ref>\S+) defines (?P<name>\S+) differently; a profile cannot redefine an inherited "
        r"field",
        "{ref} 对 {name} 的定义不同；地方配置不能重新定义继承来的字段",
        "{ref} defines {name} differently; a profile cannot redefine an inherited field",
    ),
    "profile_no_field": _k(
        r"no field (?P<path>\S+) in (?P<entity>\S+)(?: \(SCDS (?P<version>\S+)\))?",
        "{entity} 中没有字段 {path}{version}",
        "no field {path} in {entity}",
    ),
    "profile_core_required": _k(
        r"(?P<name>\S+) is required by the core: a profile cannot make it optional \(that would "
        r"loosen the core\)",
        "{name} 是核心标准的必填字段：地方配置不能把它改为选填（那会放宽核心标准）",
        "{name} is required by the core: a profile cannot make it optional",
    ),
    "profile_parent_required": _k(
        r"(?P<ref>\S+) requires (?P<name>\S+): a profile cannot make it optional again",
        "{ref} 要求 {name} 必填：地方配置不能再把它改为选填",
        "{ref} requires {name}: a profile cannot make it optional again",
    ),
    "profile_unknown_list": _k(
        r"unknown code list (?P<name>'[^']*')", "未知的代码表 {name}", "unknown code list {name}"
    ),
    "profile_closed_list": _k(
        r"(?P<name>\S+) is a closed code list: a profile cannot add codes to it",
        "{name} 是封闭代码表：地方配置不能向其中添加代码",
        "{name} is a closed code list: a profile cannot add codes to it",
    ),
    "profile_core_code": _k(
        r"(?P<code>\S+) is a core code of (?P<name>\S+): a profile cannot redefine it",
        "{code} 是代码表 {name} 的核心代码：地方配置不能重新定义",
        "{code} is a core code of {name}: a profile cannot redefine it",
    ),
    "profile_bbox": _k(
        r"(?P<what>longitudes|latitudes) must satisfy (?P<rule>.+?) \(the core's range cannot be "
        r"widened\)",
        "{what}须满足 {rule}（不能扩大核心标准的范围）",
        "{what} must satisfy {rule} (the core's range cannot be widened)",
    ),
    "profile_bbox_parent": _k(
        r"widens the bounding box of (?P<ref>\S+) (?P<box>\[.*\])",
        "扩大了 {ref} 的坐标范围 {box}",
        "widens the bounding box of {ref} {box}",
    ),
    "profile_keyword_type": _k(
        r"(?P<kw>\S+) does not apply to a field of type (?P<kinds>.+)",
        "{kw} 不适用于类型为 {kinds} 的字段",
        "{kw} does not apply to a field of type {kinds}",
    ),
    "profile_undeclared_code": _k(
        r"(?P<value>\S+) is not declared under codes:",
        "{value} 没有在 codes: 下声明",
        "{value} is not declared under codes:",
    ),
    "profile_enum_subset": _k(
        r"(?P<values>.+) not allowed by the core: an enum can only keep a subset of the core's "
        r"values",
        "核心标准不允许 {values}：枚举只能保留核心取值的子集",
        "{values} not allowed by the core: an enum can only keep a subset of the core's values",
    ),
    "profile_looser_core": _k(
        r"(?P<value>.+) is looser than the core's (?P<core>.+): a profile can only tighten",
        "{value} 比核心标准的 {core} 宽松：地方配置只能收紧",
        "{value} is looser than the core's {core}: a profile can only tighten",
    ),
    "profile_tighten_rule": _k(
        r"(?P<why>.+): a profile can only tighten a rule",
        "{why}：地方配置只能收紧规则",
        "{why}: a profile can only tighten a rule",
    ),
    "profile_looser_than": _k(
        r"(?:(?P<key>[^\s:]+): )?(?P<value>.+?) is looser than (?P<other>.+?)"
        r"(?: \(only a (?P<way>lower|higher) value tightens\))?",
        "{key}{value} 比 {other} 宽松{way}",
        "{value} is looser than {other}",
    ),
    "profile_wider": _k(
        r"(?P<key>[^\s:]+): (?P<value>.+) is wider than (?P<other>.+)",
        "{key}：{value} 比 {other} 宽",
        "{key}: {value} is wider than {other}",
    ),
    "profile_not_number": _k(
        r"(?:(?P<key>[^\s:]+): )?(?P<value>.+) is not a (?:finite )?number",
        "{key}{value} 不是有效（有限）的数",
        "{value} is not a number",
    ),
    "profile_min_max": _k(
        r"(?P<key>[^\s:]+): must be \[minimum, maximum\]",
        "{key}：应为 [最小值, 最大值]",
        "{key}: must be [minimum, maximum]",
    ),
    "profile_list_drops": _k(
        r"drops (?P<values>.+) \(a profile may only add to this list\)",
        "去掉了 {values}（地方配置只能向该列表添加）",
        "drops {values} (a profile may only add to this list)",
    ),
    "profile_list_adds": _k(
        r"adds (?P<values>.+) \(a profile may only remove from this list\)",
        "添加了 {values}（地方配置只能从该列表删除）",
        "adds {values} (a profile may only remove from this list)",
    ),
    "profile_no_rule": _k(r"no rule (?P<code>\S+)", "没有规则 {code}", "no rule {code}"),
    "profile_no_param": _k(
        r"(?P<code>\S+) has no parameter (?P<name>'[^']*') \(it has: (?P<known>.*)\)",
        "规则 {code} 没有参数 {name}（可用参数：{known}）",
        "{code} has no parameter {name} (it has: {known})",
    ),
    "profile_param_kind": _k(
        r"must be (?P<kind>a number|a mapping|a list|a string|true or false), like the default "
        r"(?P<default>.+)",
        "应为{kind}，与默认值 {default} 相同",
        "must be {kind}, like the default {default}",
    ),
    "profile_lower_severity": _k(
        r"lowering (?P<code>\S+) from (?P<old>\S+) to (?P<new>\S+) would loosen the core: a "
        r"profile can only raise a severity",
        "把 {code} 从 {old} 降为 {new} 会放宽核心标准：地方配置只能提高严重程度",
        "lowering {code} from {old} to {new} would loosen the core",
    ),
    "profile_parent_version": _k(
        r"(?P<ref>\S+) builds on SCDS (?P<theirs>\S+), this profile on (?P<ours>\S+)",
        "{ref} 基于 SCDS {theirs}，本配置基于 {ours}",
        "{ref} builds on SCDS {theirs}, this profile on {ours}",
    ),
    "profile_only_versions": _k(
        r"only version\(s\) (?P<versions>.+) found",
        "只找到版本 {versions}",
        "only version(s) {versions} found",
    ),
    "profile_nowhere": _k(
        r"no built-in profile and no profile file with this name in (?P<where>.+)",
        "没有同名的内置地方配置，{where} 中也没有该名称的配置文件",
        "no built-in profile and no profile file with this name in {where}",
    ),
    "profile_unusable": _k(
        r"the profile is invalid: (?P<why>.*)",
        "地方配置无效：{why}",
        "the profile is invalid: {why}",
    ),
    # ---- a pilot that cannot be assessed (SC802)
    "pilot_ends_first": _k(
        r"it ends on (?P<ends>\S+) before it starts on (?P<starts>\S+)",
        "结束日期 {ends} 早于开始日期 {starts}",
        "it ends on {ends} before it starts on {starts}",
    ),
    "pilot_no_community": _k(r"it names no community", "没有指明任何社区", "it names no community"),
    "pilot_no_definition": _k(
        r"target (?P<i>\d+) is on (?P<code>\S+), which has no definition",
        "第 {i} 个目标所用的指标 {code} 没有定义",
        "target {i} is on {code}, which has no definition",
    ),
    "pilot_out_of_range": _k(
        r"target (?P<i>\d+) \((?P<code>\S+)\) is (?P<value>\S+), outside the range of a "
        r"(?P<unit>\S+) \((?P<range>[^)]*)\)",
        "第 {i} 个目标（{code}）为 {value}，超出单位 {unit} 的取值范围（{range}）",
        "target {i} ({code}) is {value}, outside the range of a {unit} ({range})",
    ),
    "pilot_repeats": _k(
        r"target (?P<i>\d+) repeats target (?P<j>\d+) \((?P<what>[^)]*)\) with another value",
        "第 {i} 个目标与第 {j} 个目标（{what}）重复，但取值不同",
        "target {i} repeats target {j} ({what}) with another value",
    ),
    "severity_value": _k(
        r"(?P<value>'.*') is not a valid Severity",
        "{value} 不是有效的严重程度（应为 error、warning 或 info）",
        "{value} is not a valid Severity",
    ),
    # ---- what to do with a file that is not UTF-8 text (SC101's hint)
    "hint_unpack": _k(
        r"(?P<command>.+? FILE), then check the (?P<files>files?) it writes",
        "先解压：{command}，再检查解压出的文件",
        "{command}, then check the {files} it writes",
    ),
    "hint_export": _k(
        r"export the (?:data|records) as (?P<formats>[A-Z, ]+?(?: or [A-Z]+)?) \(this is "
        r"(?P<what>an image|a PDF document|an Office file(?:, not data)?|a database|not a text "
        r"file)\)",
        "请将数据导出为 {formats}（{what}）",
        "export the data as {formats} (this is {what})",
    ),
    # ---- UTF-8 decoding (UnicodeDecodeError.reason)
    "utf8_byte": _k(
        r"(?:'utf-8' codec can't decode byte (?P<byte>0x[0-9a-f]+) "
        r"in position (?P<position>\d+): )?"
        r"(?P<what>invalid continuation byte|invalid start byte|unexpected end of data)",
        "不是有效的 UTF-8 编码{byte}（{what}）；请另存为 UTF-8",
        "{what}",
    ),
}

#: Words of the patterns' parts, in Chinese (YAML's names of its constructs and tokens).
_WORDS: dict[str, str] = {
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
_KINDS = {
    "a number": "数",
    "a mapping": "映射（对象）",
    "a list": "列表",
    "a string": "字符串",
    "true or false": "true 或 false",
}

# Parts said again word by word (each part is a key of _WORDS, else shown quoted).
_WORD_PARTS = frozenset({"thing", "what", "found", "recursive", "way", "how"})

# Where a parser says the place: kept, and said in the language asked.
# (each pattern compiled on first use, with re.S, by _compiled)
_WHERE_SUFFIX = (
    r"^(?P<core>.*?)(?::\s*|\s+\(at\s+)line (?P<line>\d+),? column (?P<column>\d+)"
    r"(?: \(char \d+\)|\))?\s*$"
)
_KEY_PREFIX = r"^(?P<key>[A-Za-z_][\w.]*): (?P<core>.+)$"
_AT_END = r"^(?P<core>.*?)\s+\(at end of document\)\s*$"
_WHERE_PREFIX = r"^line (?P<line>\d+), column (?P<column>\d+): (?P<core>.*)$"
# ``name:line:column: text`` (a conversion's reader): the place is kept as it is written
_FILE_PREFIX = r"^(?P<place>[^\s:]+\.[^\s:]+(?::\d+){0,2}|[^\s:]+(?::\d+){1,2}): (?P<core>.*)$"

#: How a text of no known kind is shown in Chinese: quoted, marked as the original.
UNKNOWN_ZH = "“{text}”（原文）"

_ENGLISH_RUN = r"(?<![\w-])[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}(?![\w-])"
_CJK = r"[\u3400-\u9fff\uff00-\uffef]"


def _is_english(lang: str) -> bool:
    return (lang or "").lower().startswith("en")


def _word(value: str) -> str:
    if value in _WORDS:
        return _WORDS[value]
    stripped = value.strip()
    if stripped[:1] in "'\"" and stripped[-1:] == stripped[:1] and len(stripped) > 1:
        return f"“{stripped[1:-1]}”"
    return f"“{stripped}”" if _compiled(_ENGLISH_RUN).search(stripped) else stripped


#: The kinds that wrap another text (``not JSON: ...``, ``...: a profile can only tighten a
#: rule``) are tried first, so that the text they wrap is not taken for the whole.
#: (Read from the pattern's text: compiling every pattern on import is what a run
#: that says no parser message must not pay.)
_ORDER = sorted(PARSER_MESSAGES, key=lambda k: "(?P<why>" not in PARSER_MESSAGES[k].source)


def kind_of(text: str) -> tuple[str, dict[str, str]] | None:
    """The key of ``text``'s kind and the parts its pattern took out, or ``None``."""
    for key in _ORDER:
        m = PARSER_MESSAGES[key].pattern.fullmatch(text.strip())
        if m is not None:
            return key, {k: v for k, v in m.groupdict().items() if v is not None}
    return None


def _zh(text: str) -> str | None:
    """``text`` in Chinese, or ``None`` when it is of no known kind."""
    found = kind_of(text)
    if found is None:
        return None
    key, parts = found
    template = PARSER_MESSAGES[key].zh
    values: dict[str, str] = {}
    for name in re.findall(r"\{(\w+)\}", template):
        value = parts.get(name, "")
        if name == "problem":
            said = _zh(value) if value else "出错"
            value = said if said is not None else UNKNOWN_ZH.format(text=value)
            value = value if not parts.get(name) else "：" + value
        elif name == "char" and value:
            value = f"（{value}）" if key == "yaml_characters" else value
        elif name == "type":
            value = f"（而是 JSON {_word(value)}）" if value else ""
        elif name == "why":
            said = say(value, "zh-CN")
            value = said if key != "profile_not_regex" or not value else f"（{said}）"
        elif name == "at":
            value = str(int(value) + 1)  # Python counts from 0, people from 1
        elif name == "kind":
            value = _KINDS.get(value, value)
        elif name in ("key", "version"):
            if value:
                value = f"{value}：" if name == "key" else f"（SCDS {value}）"
            if key == "migrate_no_field" and name == "version":
                value = f"SCDS {parts['version']} " if parts.get("version") else "目标版本"
        elif name == "byte":
            value = f"（第 {int(parts['position']) + 1} 个字节为 {value}）" if value else ""
        elif name == "formats":
            value = value.replace(" or ", " 或 ")
        elif name == "digits" and not value:
            value = "过多"
        elif key == "pilot_repeats":
            pass  # an indicator and its comparator, as written
        elif name in _WORD_PARTS or key == "utf8_byte":
            value = _word(value)
        values[name] = value
    return template.format(**values)


def say(text: str, lang: str) -> str:
    """A parser's or reader's English ``text`` in ``lang``.

    English gets ``text`` unchanged. Chinese gets the text of its kind; a place
    the parser names (``line 3 column 5``) is said as ``第 3 行第 5 列``; a text
    of no known kind that reads as English is quoted and marked as the original,
    and any other (a code, a name, Chinese already) is left as it is.

    >>> say("Expecting ',' delimiter", "zh-CN")
    "此处应为分隔符 ','"
    >>> say("Expecting ',' delimiter", "en")
    "Expecting ',' delimiter"
    """
    if isinstance(text, Bilingual) and not _is_english(lang):
        return text.zh  # written in both languages
    if _is_english(lang) or not text or _compiled(_CJK).search(text):
        return text  # English asked for, or said in Chinese already
    said = _zh(text)
    if said is not None:
        return said
    for where in (_compiled(_WHERE_SUFFIX), _compiled(_WHERE_PREFIX)):
        m = where.match(text)
        if m is not None:
            core = say(m["core"].strip(), lang)
            return f"第 {m['line']} 行第 {m['column']} 列：{core}"
    m = _compiled(_FILE_PREFIX).match(text)
    if m is not None:
        return f"{m['place']}：{say(m['core'].strip(), lang)}"
    m = _compiled(_KEY_PREFIX).match(text)
    if m is not None and kind_of(m["core"]) is not None:  # "provenance: <a known kind>"
        return f"{m['key']}：{say(m['core'], lang)}"
    m = _compiled(_AT_END).match(text)
    if m is not None:
        return f"文件末尾：{say(m['core'].strip(), lang)}"
    if _compiled(_ENGLISH_RUN).search(text):
        return UNKNOWN_ZH.format(text=text)
    return text


class Detail(str):
    """A parser's English text that says itself in either language (:func:`say`).

    Still the plain text (``str(d)``, JSON) everywhere else, so that it stays data.
    """

    __slots__ = ()

    def message(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        return say(str(self), lang)


class Bilingual(str):
    """A text written in both languages: the English one as a ``str``, with its Chinese form.

    For messages made up before the language is known (a migration's errors):
    ``str(b)`` and JSON keep the English text, :meth:`message` gives either.
    """

    zh: str

    def __new__(cls, en: str, zh: str) -> Bilingual:
        made = super().__new__(cls, en)
        made.zh = zh
        return made

    def message(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        return str(self) if _is_english(lang) else self.zh


#: The names of the parameters that hold a parser's or reader's own words.
DETAIL_PARAMS = frozenset({"detail", "reason", "hint", "error", "problem"})


def _text(value: BaseException) -> str:
    """What an exception says: a YAML error's context and problem, without its snippets."""
    problem = getattr(value, "problem", None)
    if isinstance(problem, str):
        context = getattr(value, "context", None)
        return " ".join(p for p in (context, problem) if isinstance(p, str) and p)
    return str(value)


def localize(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with each text of :data:`DETAIL_PARAMS` said in ``lang`` (:func:`say`).

    A value that is an exception (a parser's error passed on as the reason) is
    said from its text; in English every value is left as it is.
    """
    if _is_english(lang):
        return dict(params)
    out = dict(params)
    for k, v in params.items():
        if isinstance(v, Bilingual):
            out[k] = v.message(lang)
        if k not in DETAIL_PARAMS:
            continue
        if isinstance(v, BaseException):
            out[k] = say(_text(v), lang)
        elif type(v) is str:
            out[k] = say(v, lang)
    return out
