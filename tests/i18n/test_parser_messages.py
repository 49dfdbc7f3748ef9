"""The catalogue of what parsers and readers say: each kind is recognised and said in
Chinese with no English sentence left, and English keeps the parser's own words."""

from __future__ import annotations

import json
import string

import pytest
import tomllib
import yaml
from detector import english_runs

from smartstd._error_messages import render
from smartstd._parser_messages import PARSER_MESSAGES, UNKNOWN_ZH, Bilingual, kind_of, localize, say

#: One English text of each kind, as its parser or reader writes it.
EXAMPLES = {
    "json_value": "Expecting value",
    "json_delimiter": "Expecting ',' delimiter",
    "json_property": "Expecting property name enclosed in double quotes",
    "json_unterminated": "Unterminated string starting at",
    "json_control": "Invalid control character at",
    "json_extra": "Extra data",
    "json_escape": "Invalid \\escape",
    "json_unicode_escape": "Invalid \\uXXXX escape",
    "yaml_context": "while parsing a flow sequence did not find expected ',' or ']'",
    "yaml_not_found": "did not find expected key",
    "yaml_expected_found": "expected ',' or ']', but got '<stream end>'",
    "yaml_end": "found unexpected end of stream",
    "yaml_token": "found character '\\t' that cannot start any token",
    "yaml_colon": "mapping values are not allowed here",
    "yaml_version": "found incompatible YAML document",
    "yaml_tab": "found a tab character where an indentation space is expected",
    "yaml_escape": "found unknown escape character 'q'",
    "yaml_duplicate_anchor": "found duplicate anchor 'a'; first occurrence second occurrence",
    "yaml_undefined_alias": "found undefined alias 'x'",
    "yaml_unexpected": "found unexpected ':'",
    "yaml_characters": "control characters are not allowed",
    "read_complex_key": "a mapping key must be a string, not a sequence or a mapping",
    "read_merge_key": "merge keys (<<) are not part of YAML 1.2; write the keys out",
    "read_tag_on_key": "tag !x on a key",
    "read_tag": "the tag !x is not allowed: only JSON values are read",
    "read_not_valid": "'1e' is not a valid float",
    "read_not_json_value": ".nan is not a JSON value",
    "read_too_many_digits": "the integer has 5000 digits, more than the 4300 a number may have "
    "here; write an identifier or a code as a string (in quotes), and a quantity in a unit "
    "that keeps it small",
    "read_too_large": "the number is too large for a 64-bit floating-point value (it would be "
    "infinity)",
    "read_too_deep_to_read": "objects and arrays nested too deeply to read",
    "read_too_deep": "objects and arrays nested too deeply (more than 500 levels); no real data "
    "nests so: check what wrote the file",
    "read_too_deep_parser": "nested too deeply for the parser",
    "read_alias": "the alias *a refers to no anchor before it",
    "read_empty": "the document is empty",
    "read_one_document": "a file holds one YAML document",
    "read_ndjson_line": "an NDJSON line must hold one JSON value",
    "read_not_envelope": "expected the dataset envelope (a JSON object), found list",
    "read_binary": "the file is binary (gzip), not text",
    "read_unicode": "the file is UTF-16 (LE), not UTF-8",
    "read_second_envelope": "a second full envelope; the envelope of a.json is used",
    "read_no_envelope": "no input carries the dataset envelope (standard, dataset_id)",
    "read_dataset_mismatch": "dataset_id 'a' differs from 'b'",
    "toml_expected": "Expected ']' at the end of a table declaration",
    "toml_expected_char": 'Expected "\'"',
    "toml_value": "Invalid value",
    "toml_overwrite": "Cannot overwrite a value",
    "toml_key": "Invalid initial character for a key part",
    "toml_escape": "Unescaped '\\' in a string",
    "toml_illegal": "Illegal character '\\x01'",
    "toml_unclosed": "Unterminated string",
    "xml_not_well_formed": "not well-formed (invalid token)",
    "xml_no_element": "no element found",
    "xml_mismatched": "mismatched tag",
    "xml_undefined_entity": "undefined entity",
    "xml_unclosed": "unclosed token",
    "xml_syntax": "syntax error",
    "xml_junk": "junk after document element",
    "zip_not_zip": "File is not a zip file",
    "zip_member": "There is no item named 'xl/workbook.xml' in the archive",
    "zip_bad": "Bad magic number for file header",
    "csv_field_limit": "field larger than field limit (131072)",
    "csv_nul": "line contains NUL",
    "schema_required": "'title' is a required property",
    "schema_additional": "Additional properties are not allowed ('colour' was unexpected)",
    "schema_type": "[1] is not of type 'object'",
    "schema_pattern": "'x' does not match '^[a-z]+$'",
    "schema_enum": "'x' is not one of ['a', 'b']",
    "schema_const": "1 was expected",
    "schema_minimum": "0 is less than the minimum of 1",
    "schema_maximum": "9 is greater than the maximum of 1",
    "schema_short": "[] is too short",
    "schema_long": "[1, 2] is too long",
    "schema_unique": "[1, 1] has non-unique elements",
    "schema_not_valid": "{} is not valid under any of the given schemas",
    "schema_format": "'x' is not a 'date'",
    "convert_not_xlsx": "not an xlsx workbook (File is not a zip file)",
    "convert_not_json": "not JSON: Expecting value",
    "convert_not_request": "not an Open311 request",
    "convert_no_header": "column without a header",
    "convert_no_type": "no entity type",
    "convert_no_id_type": "no id and type",
    "convert_not_object": "a JSON int, not an object",
    "convert_not_text": "neither UTF-8 nor GB18030 text",
    "convert_no_field": "no service_request_id",
    "convert_not_csv": "not CSV: line contains NUL",
    "convert_geojson_not_utf8": "not UTF-8 at byte 0 (line 1); save it as UTF-8, as RFC 7946 asks",
    "convert_geojson_line_not_utf8": "not UTF-8 at byte 3 of the line; GeoJSON is UTF-8 (RFC 7946)",
    "convert_geojson_type": 'type is "Feature" (its features were read)',
    "convert_json_kind": "a JSON list",
    "convert_no_entity_type": "'Nowhere' is no entity type (Building, Device)",
    "convert_open311_error": "an Open311 error answer (code 403): Invalid api_key",
    "convert_xml_encoding": "unknown encoding x-nonsense",
    "convert_xml_not_encoded": "the text is not GBK",
    "convert_xml_deep": "elements nested more than 50 deep",
    "migrate_no_field": "statistical_code: SCDS 1.0.0 has no such field",
    "migrate_no_provenance": "SCDS 1.0.0 has no provenance (source system, source id, imputed "
    "values)",
    "migrate_no_partial": "SCDS 1.0.0 has no partial histories: every history is complete",
    "migrate_split_join": "name cannot be split",
    "migrate_no_version": "the dataset has no standard_version; pass --from/source",
    "migrate_not_envelope": "line 1 is not the dataset envelope",
    "migrate_not_dataset": "the input is not a dataset (a JSON object with an envelope)",
    "convert_the_file": "the file",
    "convert_the_workbook": "the unpacked workbook",
    "convert_bytes": "12 bytes",
    "convert_and": "id and type",
    "profile_not_found": "profile gz@1.0.0 not found",
    "profile_version": "builds on SCDS 7.0.0, which this library cannot check (it knows 1.0.0)",
    "severity_value": "'loud' is not a valid Severity",
    "profile_unknown_type": "unknown entity type 'Nowhere'",
    "profile_core_field": "name is a core field: a profile cannot redefine it (tighten it under "
    "constraints:)",
    "profile_namespaced": "a profile may add only namespaced fields: gz:x, not x",
    "profile_prefix": "field prefix sz is not the profile's prefix gz",
    "profile_ref": "$ref is not allowed: a field schema must be self-contained",
    "profile_bad_schema": "not a valid JSON Schema: 'x' is not valid under any of the given schemas",
    "profile_slow_pattern": "a pattern must be matchable in linear time, without look-around or "
    "back-references: backreferences are not supported",
    "regex_lookaround": "look-around, including look-ahead and look-behind, is not supported",
    "regex_backreference": "backreferences are not supported",
    "regex_error": "missing ), unterminated subpattern at position 1",
    "profile_not_regex": "not a regular expression: nothing to repeat at position 0",
    "profile_not_ecma_pattern": "not an ECMA-262 regular expression, as JSON Schema needs: "
    "\\: is no escape in ECMA-262: write : alone",
    "ecma_escape": "\\_ is no escape in ECMA-262: write _ alone",
    "ecma_group": "(?P<... is no group of ECMA-262 (it has (?:, (?=, (?!, (?<=, (?<! and (?<name>)",
    "ecma_quantifier": "{ starts no quantifier ({n}, {n,} or {n,m}): write \\{ for the character",
    "ecma_brace": "a lone }: write \\} for the character",
    "ecma_backslash": "a pattern cannot end with a backslash",
    "profile_inherited_field": "gz@1.0.0 defines gz:x differently; a profile cannot redefine an "
    "inherited field",
    "profile_no_field": "no field a.b in Building (SCDS 1.0.0)",
    "profile_core_required": "name is required by the core: a profile cannot make it optional "
    "(that would loosen the core)",
    "profile_parent_required": "gz@1.0.0 requires address: a profile cannot make it optional again",
    "profile_unknown_list": "unknown code list 'nowhere'",
    "profile_closed_list": "classification is a closed code list: a profile cannot add codes to it",
    "profile_core_code": "elderly_care is a core code of service_category: a profile cannot "
    "redefine it",
    "profile_bbox": "longitudes must satisfy -180 <= -200 < 114.1 <= 180 (the core's range "
    "cannot be widened)",
    "profile_bbox_parent": "widens the bounding box of gz@1.0.0 [112.0, 22.0, 114.0, 24.0]",
    "profile_keyword_type": "minimum does not apply to a field of type string",
    "profile_undeclared_code": "gz:x is not declared under codes:",
    "profile_enum_subset": "nowhere not allowed by the core: an enum can only keep a subset of "
    "the core's values",
    "profile_looser_core": "99999 is looser than the core's 2000: a profile can only tighten",
    "profile_tighten_rule": "1 is looser than 15 (only a higher value tightens): a profile can "
    "only tighten a rule",
    "profile_looser_than": "5 is looser than gz@1.0.0's 3",
    "profile_wider": "cctv_camera: [1, 99] is wider than [30, 90]",
    "profile_not_number": "1e999 is not a finite number",
    "profile_min_max": "cctv_camera: must be [minimum, maximum]",
    "profile_list_drops": "drops health (a profile may only add to this list)",
    "profile_list_adds": "adds x (a profile may only remove from this list)",
    "profile_no_rule": "no rule SC999",
    "profile_no_param": "SC624 has no parameter 'colour' (it has: min_sectors, required_sectors)",
    "profile_param_kind": "must be a number, like the default 3",
    "profile_lower_severity": "lowering SC101 from error to info would loosen the core: a "
    "profile can only raise a severity",
    "profile_parent_version": "gz@1.0.0 builds on SCDS 1.0.0, this profile on 1.1.0",
    "profile_only_versions": "only version(s) 1.0.0, 1.1.0 found",
    "profile_nowhere": "no built-in profile and no profile file with this name in ., /tmp",
    "profile_unusable": "the profile is invalid: profile gz@1.0.0 not found",
    "pilot_ends_first": "it ends on 2026-01-01 before it starts on 2026-06-01",
    "pilot_no_community": "it names no community",
    "pilot_no_definition": "target 0 is on nowhere, which has no definition",
    "pilot_out_of_range": "target 1 (satisfaction) is 150, outside the range of a percent (0..100)",
    "pilot_repeats": "target 2 repeats target 0 (satisfaction >=) with another value",
    "hint_unpack": "gunzip -k FILE, then check the file it writes",
    "hint_export": "export the data as JSON or YAML (this is an image)",
    "utf8_byte": "'utf-8' codec can't decode byte 0xd6 in position 7: invalid continuation byte",
}


def test_every_kind_has_an_example() -> None:
    assert set(EXAMPLES) == set(PARSER_MESSAGES)


@pytest.mark.parametrize("key", sorted(PARSER_MESSAGES))
def test_each_kind_is_recognised_and_said_in_chinese(key: str) -> None:
    text = EXAMPLES[key]
    found = kind_of(text)
    assert found is not None and found[0] == key, found
    zh = say(text, "zh-CN")
    assert zh != text and "（原文）" not in zh
    assert english_runs(zh) == [], zh
    assert say(text, "en") == text  # English keeps the parser's own words


@pytest.mark.parametrize("key", sorted(PARSER_MESSAGES))
def test_the_templates_take_the_fields_their_pattern_finds(key: str) -> None:
    kind = PARSER_MESSAGES[key]
    fields = {f for _, f, _, _ in string.Formatter().parse(kind.zh) if f}
    assert fields <= set(kind.pattern.groupindex), key
    assert {f for _, f, _, _ in string.Formatter().parse(kind.en) if f} <= set(
        kind.pattern.groupindex
    )


def _error(fn: object, text: str) -> Exception:
    try:
        fn(text)  # type: ignore[operator]
    except Exception as exc:
        return exc
    raise AssertionError(f"{text!r} parsed")


def test_the_profile_meta_schema_s_own_additional_properties_message_is_a_kind() -> None:
    # smartstd.schemas._regex words it in lower case, without "was unexpected"
    assert say("additional properties are not allowed ('severity')", "zh-CN") == (
        "不允许的键：'severity'"
    )


@pytest.mark.parametrize(
    "text", ['{"a": 1 "b"}', "{'a': 1}", '{"a": "x', "[1,]", '{"a": 1} x', '{"a"', '"\\q"']
)
def test_the_json_decoder_today_says_only_catalogued_kinds(text: str) -> None:
    exc = _error(json.loads, text)
    assert isinstance(exc, json.JSONDecodeError)
    assert kind_of(exc.msg) is not None, exc.msg


@pytest.mark.parametrize(
    "text",
    ["a: [1, 2\nb: 3\n", "a:\n  b: 1\n c: 2\n", 'a: "x\n', "a: b: c\n", "- a\nb: c\n", "a: @x\n"],
)
def test_pyyaml_today_says_only_catalogued_kinds(text: str) -> None:
    exc = _error(yaml.safe_load, text)
    assert isinstance(exc, yaml.MarkedYAMLError)
    detail = " ".join(p for p in (exc.context, exc.problem) if p)
    assert "（原文）" not in say(detail, "zh-CN"), detail


@pytest.mark.parametrize("text", ["[a\nb=1", "a = \n", "a = 1\na = 2", "x", 'a = "\\q"', "a = 1 2"])
def test_tomllib_today_says_only_catalogued_kinds(text: str) -> None:
    exc = _error(tomllib.loads, text)
    zh = say(str(exc), "zh-CN")
    assert "（原文）" not in zh and english_runs(zh) == [], zh


def test_a_text_of_no_known_kind_is_quoted_and_marked_not_left_bare() -> None:
    assert say("the moon is made of cheese", "zh-CN") == UNKNOWN_ZH.format(
        text="the moon is made of cheese"
    )
    assert say("checksum", "zh-CN") == "checksum"  # a code, not a sentence
    assert say("已是中文 with words", "zh-CN") == "已是中文 with words"


def test_a_place_the_parser_names_is_kept() -> None:
    assert say("Unterminated string starting at: line 6 column 2 (char 115)", "zh-CN") == (
        "第 6 行第 2 列：字符串没有结束（缺少右引号）"
    )
    assert say("a.json:1:5: Expecting value", "zh-CN") == "a.json:1:5：此处应为一个 JSON 值"
    assert say("Invalid value (at end of document)", "zh-CN") == "文件末尾：取值无效"


def test_errors_say_a_parsers_reason_in_the_language_asked() -> None:
    exc = _error(yaml.safe_load, "a: [1\n")
    zh = render("config_unreadable", "zh-CN", {"file": "s.toml", "reason": exc})
    assert zh.startswith("无法读取配置文件 s.toml：") and english_runs(zh) == [], zh
    en = render("config_unreadable", "en", {"file": "s.toml", "reason": exc})
    assert en == f"cannot read configuration s.toml: {exc}"


def test_bilingual_text_is_english_data_with_a_chinese_form() -> None:
    b = Bilingual("line 1 is bad", "第 1 行有误")
    assert str(b) == "line 1 is bad" and json.dumps([b]) == '["line 1 is bad"]'
    assert localize({"error": b}, "zh-CN") == {"error": "第 1 行有误"}
    assert localize({"error": b}, "en")["error"] == "line 1 is bad"
