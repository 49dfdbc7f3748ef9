"""Identifiers written in many ways: what the findings say, where, and how to fix them.

Each case is a value as real exports write it (a JSON number, a spreadsheet's
decimal, full-width characters, separators, lower-case letters, a 12-digit
statistical code, a ``sha256:`` prefix ...) checked end to end; the finding
must name the field (JSON Pointer), the position and character that is
wrong, and what to write instead, in zh-CN and in en.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smartstd
from smartstd.advice import HINTS, ID_PATTERN, advise, credit_code_hint
from smartstd.identifiers import id_number_check_digit, make_credit_code
from smartstd.report import Finding
from smartstd.reporters import render_string
from smartstd.scanner import scan
from smartstd.standard._base import ID_PATTERN as STANDARD_ID_PATTERN

_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "ds-idents",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
}
_PUBLISHER = {
    "id": "org-1",
    "type": "Organization",
    "name": {"zh-CN": "某街道"},
    "kind": "street_office",
}
CREDIT = make_credit_code("91440101MA59ABCD1")  # 91440101MA59ABCD1D
ID_NUMBER = "44010619900101123" + id_number_check_digit("44010619900101123")


def _check(tmp_path: Path, *entities: dict[str, Any], **envelope: Any) -> list[Finding]:
    path = tmp_path / "d.ndjson"
    lines = [json.dumps({**_ENVELOPE, **envelope}, ensure_ascii=False)]
    lines += [json.dumps(e, ensure_ascii=False) for e in (_PUBLISHER, *entities)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(smartstd.check(str(path)).findings)


def _one(findings: list[Finding], code: str, pointer: str) -> Finding:
    found = [f for f in findings if f.code == code and f.pointer == pointer]
    assert len(found) == 1, [(f.code, f.pointer, f.message("en")) for f in findings]
    return found[0]


def _org(credit_code: Any) -> dict[str, Any]:
    return {
        "id": "org-2",
        "type": "Organization",
        "name": {"zh-CN": "某公司"},
        "kind": "enterprise",
        "credit_code": credit_code,
    }


def _community(division_code: Any, **more: Any) -> dict[str, Any]:
    return {
        "id": "c-1",
        "type": "Community",
        "name": {"zh-CN": "社区"},
        "division_code": division_code,
        **more,
    }


# --------------------------------------------------------------------------- credit codes


@pytest.mark.parametrize(
    ("written", "hint", "position", "char", "fixed"),
    [
        (CREDIT.lower(), "credit-code-written", 9, "m", CREDIT),
        (CREDIT[:8] + " " + CREDIT[8:], "credit-code-written", 9, " ", CREDIT),
        (CREDIT[:8] + "-" + CREDIT[8:], "credit-code-written", 9, "-", CREDIT),
        ("９１４４０１０１ＭＡ５９ＡＢＣＤ１Ｄ", "credit-code-written", 1, "９", CREDIT),
        (CREDIT.replace("0", "O", 1), "credit-code-letter", 5, "O", CREDIT),
        (CREDIT[:16] + "I" + CREDIT[17:], "credit-code-letter", 17, "I", CREDIT),
    ],
)
def test_sc103_credit_code_names_the_character_and_the_code_to_write(
    tmp_path: Path, written: str, hint: str, position: int, char: str, fixed: str
) -> None:
    finding = _one(_check(tmp_path, _org(written)), "SC103", "/credit_code")
    assert finding.params["hint"] == hint
    assert (finding.params["position"], finding.params["char"]) == (position, char)
    assert finding.params["fixed"] == fixed
    assert fixed in finding.message("en") and f"character {position}" in finding.message("en")
    assert fixed in finding.message("zh-CN") and f"第 {position} " in finding.message("zh-CN")


def test_sc103_credit_code_of_the_wrong_length_says_its_length(tmp_path: Path) -> None:
    finding = _one(_check(tmp_path, _org(CREDIT[:17])), "SC103", "/credit_code")
    assert finding.params["hint"] == "credit-code-length"
    assert "this one has 17" in finding.message("en")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("440101000123456", "credit-code-registration-number"),  # 工商注册号
        ("MA59ABCD-1", "credit-code-organisation-code"),  # 组织机构代码
        ("ma59abcd1", "credit-code-organisation-code"),
    ],
)
def test_sc103_older_registration_numbers_are_named(
    tmp_path: Path, written: str, hint: str
) -> None:
    finding = _one(_check(tmp_path, _org(written)), "SC103", "/credit_code")
    assert finding.params["hint"] == hint
    assert "18" in finding.message("en") and "18" in finding.message("zh-CN")


def test_sc206_says_which_check_character_the_code_needs(tmp_path: Path) -> None:
    wrong = CREDIT[:17] + "0"
    finding = _one(_check(tmp_path, _org(wrong)), "SC206", "/credit_code")
    assert finding.params["reason"] == "check-character"
    assert finding.params["expected"] == CREDIT[17]
    assert f"should be {CREDIT[17]}" in finding.message("en")
    assert f"校验码应为 {CREDIT[17]}" in finding.message("zh-CN")


@pytest.mark.parametrize(
    ("code", "hint", "position"),
    [
        ("B1440101MA59ABCD1D", "credit-code-authority", 1),
        ("90440101MA59ABCD1D", "credit-code-org-type", 2),
        ("9144A101MA59ABCD1D", "credit-code-division", 5),
    ],
)
def test_sc206_names_the_position_of_a_structural_fault(
    code: str, hint: str, position: int
) -> None:
    found = credit_code_hint(code)
    assert found is not None and found["hint"] == hint and found["position"] == position


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NP-RTUW-Y]{9}", fullmatch=True),
    st.lists(st.sampled_from(["lower", "wide", "space", "hyphen"]), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
)
def test_a_valid_credit_code_written_any_way_is_advised_back_to_itself(
    first17: str, ways: list[str], rnd: Any
) -> None:
    code = make_credit_code(first17)
    chars = list(code)
    for way in ways:
        at = rnd.randrange(len(chars))
        if way == "lower" and len(chars[at]) == 1:
            chars[at] = chars[at].lower()
        elif way == "wide" and len(chars[at]) == 1 and chars[at].isascii():
            chars[at] = chr(ord(chars[at]) + 0xFEE0)
        else:
            chars[at] = (" " if way == "space" else "-") + chars[at]
    written = "".join(chars)
    advice = advise(("credit_code",), written, None)
    if written == code:
        return
    assert advice is not None and advice["hint"] == "credit-code-written"
    assert advice["fixed"] == code


# --------------------------------------------------------------------------- division codes


@pytest.mark.parametrize(
    ("written", "hint", "fixed"),
    [
        (440106, "code-number", "440106"),
        (440106.0, "code-number", "440106"),
        ("440106.0", "code-decimal", "440106"),
        ("440106001001", "division-code-statistical", "440106"),
        ("440106001", "division-code-township", "440106"),
        (" 440106", "code-written", "440106"),
        ("４４０１０６", "code-written", "440106"),
        ("440 106", "code-written", "440106"),
    ],
)
def test_sc103_division_code_says_what_to_write(
    tmp_path: Path, written: Any, hint: str, fixed: str
) -> None:
    finding = _one(_check(tmp_path, _community(written)), "SC103", "/division_code")
    assert finding.params["hint"] == hint
    assert finding.params["fixed"] == fixed
    assert f'"{fixed}"' in finding.message("en") and f'"{fixed}"' in finding.message("zh-CN")


def test_sc103_division_code_with_a_letter_names_it() -> None:
    assert advise(("division_code",), "4401O6") == {
        "hint": "code-character",
        "position": 5,
        "char": "O",
        "shown": "“O”",
    }


@pytest.mark.parametrize(
    ("written", "hint"),
    [("440106", "statistical-code-county"), ("440106001", "statistical-code-township")],
)
def test_sc103_statistical_code_too_short(tmp_path: Path, written: str, hint: str) -> None:
    entity = _community("440106", statistical_code=written)
    finding = _one(_check(tmp_path, entity), "SC103", "/statistical_code")
    assert finding.params["hint"] == hint


@pytest.mark.parametrize(
    ("code", "successor"),
    [
        ("440102", "440104"),  # 东山区 -> 越秀区 (2005)
        ("440107", "440103"),  # 芳村区 -> 荔湾区 (2005)
        ("440116", "440112"),  # 萝岗区 -> 黄埔区 (2014)
        ("440183", "440118"),  # 增城市 -> 增城区 (2014), found by its name
        ("440184", "440117"),  # 从化市 -> 从化区 (2014)
    ],
)
def test_sc205_abolished_district_names_what_to_use(
    tmp_path: Path, code: str, successor: str
) -> None:
    finding = _one(_check(tmp_path, _community(code)), "SC205", "/division_code")
    assert finding.params["reason"] == "abolished"
    assert finding.params["successor_code"] == successor
    assert f"use {successor}" in finding.message("en")
    assert f"应改用 {successor}" in finding.message("zh-CN")


def test_sc205_city_code_lists_the_districts(tmp_path: Path) -> None:
    finding = _one(_check(tmp_path, _community("440100")), "SC205", "/division_code")
    assert finding.params["hint"] == "division-not-county"
    assert "440113 番禺区" in finding.params["counties"]
    assert "440116 萝岗区" not in finding.params["counties"]  # abolished: not offered
    assert "440113 番禺区" in finding.message("en")


def test_sc205_statistical_code_must_start_with_the_division_code(tmp_path: Path) -> None:
    entity = _community("440106", statistical_code="440113001001")
    finding = _one(_check(tmp_path, entity), "SC205", "/statistical_code")
    assert finding.params["reason"] == "statistical-code-mismatch"
    assert "440113" in finding.message("en") and "440106" in finding.message("en")


def test_sc205_statistical_code_of_a_street_is_not_a_community_code(tmp_path: Path) -> None:
    entity = _community("440106", statistical_code="440106001000")
    finding = _one(_check(tmp_path, entity), "SC205", "/statistical_code")
    assert finding.params["reason"] == "statistical-code-incomplete"
    assert finding.params["positions"] == "10-12"


def test_sc205_grid_statistical_code_is_looked_up(tmp_path: Path) -> None:
    grid = {
        "id": "g-1",
        "type": "Grid",
        "community_id": "c-1",
        "name": {"zh-CN": "一网格"},
        "code": "G1",
        "statistical_code": "440116001001",
    }
    findings = _check(tmp_path, _community("440106", statistical_code="440106001001"), grid)
    finding = _one(findings, "SC205", "/statistical_code")
    assert finding.entity_id == "g-1"
    assert finding.params["reason"] == "abolished"
    assert finding.params["successor_code"] == "440112"


def test_valid_codes_and_statistical_codes_are_quiet(tmp_path: Path) -> None:
    entity = _community("440106", statistical_code="440106001001")
    findings = _check(tmp_path, entity, _org(CREDIT))
    assert [f for f in findings if f.code in ("SC103", "SC205", "SC206")] == []


# --------------------------------------------------------------------------- id_number_hash


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("A" * 64, "hash-upper-case"),
        (" " + "a" * 64 + "\n", "hash-whitespace"),
        ("sha256:" + "a" * 64, "hash-prefix"),
        ("SHA256:" + "a" * 64, "hash-prefix"),
        ("a" * 40, "hash-not-sha256"),
        ("a" * 32, "hash-not-sha256"),
        (ID_NUMBER, "hash-raw-id-number"),
        (ID_NUMBER[:6] + " " + ID_NUMBER[6:], "hash-raw-id-number"),
        ("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", "hash-base64"),
        ("abc", "hash-length"),
    ],
)
def test_sc103_id_number_hash_says_how_to_write_the_digest(
    tmp_path: Path, written: str, hint: str
) -> None:
    resident = {"id": "r-1", "type": "Resident", "id_number_hash": written}
    findings = _check(tmp_path, resident)
    finding = _one(findings, "SC103", "/id_number_hash")
    assert finding.params["hint"] == hint
    for lang in ("en", "zh-CN"):
        text = finding.message(lang)
        assert text.endswith(HINTS[hint][lang == "en"].format(**finding.params)), text
    report = render_string(smartstd.Report(findings=tuple(findings)), "json")
    assert ID_NUMBER not in report  # the raw number is never repeated


def test_sc103_id_number_written_as_a_number_into_the_hash_field(tmp_path: Path) -> None:
    resident = {"id": "r-1", "type": "Resident", "id_number_hash": int(ID_NUMBER)}
    findings = _check(tmp_path, resident)
    assert _one(findings, "SC103", "/id_number_hash").params["hint"] == "hash-raw-id-number"
    assert _one(findings, "SC401", "/id_number_hash")


# --------------------------------------------------------------------------- entity ids


@pytest.mark.parametrize(
    ("written", "pointer", "hint", "position", "fixed"),
    [
        (" org-8", "/id", "id-written", 1, "org-8"),
        ("org-8 ", "/id", "id-written", 6, "org-8"),
        ("ｏｒｇ－００９", "/id", "id-written", 1, "org-009"),
        ("org\u200b-8", "/id", "id-written", 4, "org-8"),
        ("组织-8", "/id", "id-character", 1, None),
        ("-org", "/id", "id-character", 1, None),
        ("org/8", "/id", "id-character", 4, None),
    ],
)
def test_sc103_id_names_the_character_and_its_position(
    tmp_path: Path, written: str, pointer: str, hint: str, position: int, fixed: str | None
) -> None:
    entity = {"id": written, "type": "Organization", "name": {"zh-CN": "A"}, "kind": "enterprise"}
    finding = _one(_check(tmp_path, entity), "SC103", pointer)
    assert finding.params["hint"] == hint
    assert finding.params["position"] == position
    assert finding.params.get("fixed") == fixed
    assert f"character {position} " in finding.message("en")


def test_sc103_reference_written_full_width(tmp_path: Path) -> None:
    building = {"id": "b-1", "type": "Building", "community_id": "ｃ－１", "name": {"zh-CN": "楼"}}
    finding = _one(_check(tmp_path, _community("440106"), building), "SC103", "/community_id")
    assert finding.params["fixed"] == "c-1"


def test_sc202_unresolved_reference_suggests_the_id_it_differs_from_in_case(
    tmp_path: Path,
) -> None:
    building = {"id": "b-1", "type": "Building", "community_id": "C-1", "name": {"zh-CN": "楼"}}
    finding = _one(_check(tmp_path, _community("440106"), building), "SC202", "/community_id")
    assert finding.params["suggestion"] == "c-1"
    assert finding.message("en").endswith("(did you mean c-1?)")
    assert finding.message("zh-CN").endswith("（是否应为 c-1？）")


def test_sc202_no_suggestion_for_another_type_or_nothing_near(tmp_path: Path) -> None:
    building = {"id": "b-1", "type": "Building", "community_id": "ORG-1", "name": {"zh-CN": "楼"}}
    other = {"id": "b-2", "type": "Building", "community_id": "c-9", "name": {"zh-CN": "楼"}}
    findings = _check(tmp_path, _community("440106"), building, other)
    assert len([f for f in findings if f.code == "SC202"]) == 2
    assert all("suggestion" not in f.params for f in findings if f.code == "SC202")


def test_the_advice_knows_the_standards_id_pattern() -> None:
    assert ID_PATTERN == STANDARD_ID_PATTERN


def test_every_hint_has_both_languages_and_the_same_fields() -> None:
    fields = re.compile(r"\{(\w+)\}")
    for key, (zh, en) in HINTS.items():
        assert zh.startswith("；") and en.startswith("; "), key
        assert sorted(set(fields.findall(zh))) == sorted(set(fields.findall(en))), key


# --------------------------------------------------------------------------- numbers


def test_a_spreadsheets_float_phone_is_found_and_never_repeated(tmp_path: Path) -> None:
    resident = {"id": "r-1", "type": "Resident", "phone": 13812345678.0, "x:tel": 13912345678.0}
    findings = _check(tmp_path, resident, extensions={"x": "https://example.org/x"})
    assert _one(findings, "SC402", "/phone").params["masked"] == "138****5678"
    assert _one(findings, "SC402", "/x:tel").params["masked"] == "139****5678"
    sc103 = _one(findings, "SC103", "/phone")
    assert sc103.params["hint"] == "phone-number" and sc103.params["value"] == "138****5678"
    text = render_string(smartstd.Report(findings=tuple(findings)), "json")
    assert "13812345678" not in text and "1.3812345678" not in text


# --------------------------------------------------------------------------- masked forms


_MASKS = ("*", "＊", "x", "X", "•", "●", "·", "×")


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"1[3-9][0-9]", fullmatch=True),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.sampled_from(_MASKS),
    st.sampled_from(["", " ", "-"]),
    st.sampled_from(["", "电话：", "+86 ", "Tel "]),
)
def test_masked_mobiles_are_never_found(
    head: str, tail: str, mask: str, sep: str, before: str
) -> None:
    assert scan(f"{before}{head}{sep}{mask * 4}{sep}{tail}") == []


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([(6, 8), (4, 10), (3, 11), (1, 13), (6, 4), (10, 4)]), st.sampled_from(_MASKS)
)
def test_masked_id_numbers_are_never_found(shape: tuple[int, int], mask: str) -> None:
    keep, hidden = shape
    written = ID_NUMBER[:keep] + mask * hidden + ID_NUMBER[keep + hidden :]
    assert scan(f"身份证号{written}") == [] and scan(written) == []


def test_a_number_written_as_a_key_is_said_to_be_in_a_key(tmp_path: Path) -> None:
    resident = {"id": "r-1", "type": "Resident", "x:by_id": {ID_NUMBER: 1}}
    findings = _check(tmp_path, resident, extensions={"x": "https://example.org/x"})
    finding = _one(findings, "SC401", "/x:by_id")
    assert finding.params["in_key"] is True and finding.params["hint"] == "identifier-in-key"
    assert "written as a key" in finding.message("en")
    assert "键" in finding.message("zh-CN")
    assert ID_NUMBER not in finding.pointer


@pytest.mark.parametrize(
    "decimal",
    [
        "138123456.78",
        "0.13812345678",
        "lat=23.13912345678",
        "面积 13812345.678 平方米",
        "22.99638212345",
    ],
)
def test_decimal_numbers_hold_no_mobile(decimal: str) -> None:
    assert scan(decimal) == []


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("13812345678.0", "mobile"),  # a spreadsheet's mobile, as text
        ("440106199001011235.0", "id-number"),
        ("13812345678.13912345678", "mobile"),  # two numbers joined by a dot
        ("138.12345678", "mobile"),  # grouped 3-8
        ("86138.12345678", "mobile"),
        ("138.1234.5678", "mobile"),
    ],
)
def test_dotted_identifiers_are_still_found(written: str, kind: str) -> None:
    found = scan(written)
    assert found and found[0].kind == kind


def test_sc205_one_mistake_one_finding(tmp_path: Path) -> None:
    """An abolished division_code is reported; the statistical code is not also said to differ."""
    entity = _community("440116", statistical_code="440112001001")
    found = [f.pointer for f in _check(tmp_path, entity) if f.code == "SC205"]
    assert found == ["/division_code"]
