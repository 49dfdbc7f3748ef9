"""Privacy detection that real text cannot slip past, and reports that hostile data cannot blow up.

Identifiers written in every variant (groups, separators, full-width digits,
zero-width characters, prefixes) are found in every kind of place (entity
fields, extension fields, keys, nested values, the envelope), decoys never
are, and no report format repeats a raw identifier or a long value.
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
from smartstd.io import Limits
from smartstd.masking import mask_finding
from smartstd.report import LEFT_OUT, Finding, Report, Severity
from smartstd.reporters import REPORTERS, render_string
from smartstd.rules.sc4.checks import identifier_hits
from smartstd.scanner import MAX_REPEAT, clip, might_hold, redact, scan
from smartstd.testing.identifiers import (
    SEPARATORS,
    Written,
    bank_cards,
    decoys,
    id_numbers,
    id_numbers_15,
    mobiles,
    written_identifiers,
)

_CODE = {"id-number": "SC401", "id-number-15": "SC401", "mobile": "SC402", "bank-card": "SC411"}
_CONTEXT = st.sampled_from(["", "电话", "身份证号：", "ID", "Tel", "（", "请联系 ", "卡号"])
_AFTER = st.sampled_from(["", "。", "，谢谢", " 王先生", "）", "!"])
_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.0.0",
    "dataset_id": "ds-privacy",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
    "extensions": {"x": "https://example.org/x"},
}


def _digits_shown(text: str, digits: str) -> bool:
    return digits in "".join(c for c in text if c.isascii() and c.isalnum())


@settings(max_examples=300, deadline=None)
@given(written_identifiers(), _CONTEXT, _AFTER)
def test_every_written_variant_is_found_where_it_was_written(
    found: Written, before: str, after: str
) -> None:
    kind, digits, written = found
    text = before + written + after
    (match,) = scan(text)
    assert match.kind == kind
    value = digits if kind != "mobile" else digits[-11:]
    assert match.value == value
    # the span is what was written (prefix included), so masking replaces exactly it
    assert text[match.start : match.end] == written
    masked = redact(text)
    assert masked == before + match.masked + after
    assert not _digits_shown(masked, value)


@settings(max_examples=300, deadline=None)
@given(decoys(), _CONTEXT, _AFTER)
def test_decoys_are_never_found(decoy: str, before: str, after: str) -> None:
    assert scan(before + decoy + after) == []


@pytest.mark.parametrize(
    "decoy",
    [
        "6222021234567890121",  # an order number with a bad Luhn digit
        "2026-06-30T17:30:00+08:00",
        "20260630173000",
        "1719740000000",
        "02012345678",  # a landline: 11 digits starting with 0
        "511400",  # a postal code
        "440113",  # a division code
        "511400 440113 2026-06-30",
        "601472a36342009b45066344724527502b6068984d3f730584dd9d6d57ef0720",
        "123e4567-e89b-12d3-a456-426614174000",
        "113.264412 22.937153",  # coordinates
        "138****5678",  # already masked
    ],
)
def test_explicit_decoys(decoy: str) -> None:
    assert scan(decoy) == []


_PLACES = ("field", "extension", "nested", "key", "list")


def _record_with(written: str, place: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": "req-1", "type": "ServiceRequest", "status": "submitted"}
    if place == "field":
        record["description"] = f"请联系{written}。"
    elif place == "extension":
        record["x:note"] = written
    elif place == "nested":
        record["x:contact"] = {"people": [{"note": f"({written})"}]}
    elif place == "key":
        record["x:by_person"] = {written: "张三"}
    else:
        record["x:numbers"] = ["a", written]
    return record


@settings(max_examples=150, deadline=None)
@given(written_identifiers(), st.sampled_from(_PLACES))
def test_identifiers_are_found_in_every_kind_of_place(found: Written, place: str) -> None:
    kind, _, written = found
    hits = identifier_hits(_record_with(written, place))
    assert [h.code for h in hits] == [_CODE[kind]]
    assert hits[0].params["count"] == 1
    assert hits[0].params["in_key"] is (place == "key")


def test_every_place_end_to_end_including_the_envelope(tmp_path: Path) -> None:
    mobile, card = "１３９ ２２３４ ５６７８", "4111 1111 1111 1111"
    id_number = "440106199003077668"
    envelope = dict(_ENVELOPE, **{"x:publisher_contact": f"+86\u00a0{mobile}"})
    entities = [
        {
            "id": "org-1",
            "type": "Organization",
            "name": {"zh-CN": "某街道"},
            "kind": "street_office",
        },
        {
            "id": "c-1",
            "type": "Community",
            "name": {"zh-CN": f"社区{card}"},
            "division_code": "440113",
        },
        {"id": "res-1", "type": "Resident", "x:by_id": {id_number: 1}},
    ]
    path = tmp_path / "d.ndjson"
    lines = [json.dumps(envelope, ensure_ascii=False)]
    lines += [json.dumps(e, ensure_ascii=False) for e in entities]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = smartstd.check(str(path), select=("SC401", "SC402", "SC411"))
    got = sorted((f.code, f.line, f.pointer) for f in report.findings)
    assert got == [
        ("SC401", 4, "/x:by_id"),
        ("SC402", 1, "/x:publisher_contact"),
        ("SC411", 3, "/name/zh-CN"),
    ]
    for name in REPORTERS:
        # the file's path (pytest's numbered folders) and hex digests (SARIF's
        # fingerprints) may hold any four digits by chance: not what is looked for
        text = re.sub(r"pytest-\d+|[0-9a-f]{16,}", "", render_string(report, name))
        assert "２２３４" not in text and "2234" not in text
        assert card not in text
        assert id_number not in text


def test_every_format_masks_and_clips_what_it_repeats() -> None:
    spaced = "440106 19900307 7668"  # a valid identity number, spaced
    huge = "电话 15912345670 " * 50_000
    findings = (
        Finding(
            "SC103",
            Severity.ERROR,
            path=("entities", 0, "code"),
            file="d.json",
            line=3,
            column=5,
            entity_type="Resident",
            entity_id=f"res-{spaced}",
            params={"value": spaced, "detail": huge},
        ),
    )
    report = Report(findings=findings, inputs=("d.json",))
    small = Report(
        findings=(findings[0].replace(params={"value": "v", "detail": "d"}, entity_id="r"),),
        inputs=("d.json",),
    )
    for name in REPORTERS:
        text = render_string(report, name)
        assert spaced not in text, name
        assert "15912345670" not in text, name
        # each repeat of the value costs at most about MAX_REPEAT characters
        assert len(text) - len(render_string(small, name)) < 20 * MAX_REPEAT, name


def _general_scan(text: str) -> list[tuple[str, int, int, str]]:
    """The scanner without its fast paths: every group judged with its neighbours."""
    from smartstd import scanner as sc

    norm = text.translate(sc._NORM)
    found = []
    for chain in sc._CHAIN.finditer(norm):
        groups = [
            (m.start(), m.end(), m.group().replace("\x00", ""))
            for m in sc._GROUPS.finditer(norm, chain.start(), chain.end())
        ]
        if len(groups) == 2 and sc._decimal(text, groups):
            groups = groups[:1]  # a decimal number's fraction holds nothing
        i = 0
        while i < len(groups):
            hit = sc._match_at(groups, i)
            if hit is None or not sc._outer_ok(norm, groups[i][0], groups[hit[1]][1]):
                i += 1
                continue
            kind, j, digits = hit
            start = groups[i][0]
            if kind == "mobile":
                digits = digits[-11:]
                if len(hit[2]) > 11:
                    start = sc._prefix_start(text, norm, start)
            found.append((kind, start, groups[j][1], digits))
            i = j + 1
    return found


_PIECES = st.one_of(
    mobiles(),
    id_numbers(),
    id_numbers_15(),
    bank_cards(),
    id_numbers().map(lambda d: d[:17] + str((int(d[16]) + 1) % 10)),  # a wrong check digit
    st.sampled_from(["86", "0086", "+86", "440106", "1990", "0307", "x", "X", "ID", "a1"]),
    st.sampled_from([*SEPARATORS, "  ", " - ", "\u200b", "\u00ad", "，", "１３８", "電"]),
    st.text(alphabet="0123456789 -.Xx+af\u200b\u3000０９", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_the_fast_paths_find_what_the_general_search_finds(text: str) -> None:
    # a group no neighbour can join is judged alone, a number inside a chain
    # skips the letter test: neither may change what is found
    assert [tuple(m) for m in scan(text)] == _general_scan(text)


@pytest.mark.parametrize("sep", [" ", "  ", "-", "\u3000", " \u200b"])
def test_a_long_list_of_numbers_is_found_whole(sep: str) -> None:
    numbers = [f"13{i % 7 + 3}{i:08d}" for i in range(4_000)]
    for text in (
        sep.join(numbers),
        "Tel" + sep.join(numbers) + "a",  # a letter may touch the first and the last
        sep.join(numbers[:2_000]) + " 86 " + sep.join(numbers[2_000:]) + " 4401",
    ):
        found = scan(text)
        assert [m.value for m in found] == numbers
        assert [tuple(m) for m in found] == _general_scan(text)
    assert found[2_000].start == text.index(" 86 ") + 1  # the prefix joins the next number
    assert found[0].masked == "133****0000"
    # a hash-like word touching the list: its first number is not one
    assert [m.value for m in scan("9f86d" + sep.join(numbers[:3]))] == numbers[1:3]


def test_the_written_out_table_is_what_unicodedata_says() -> None:
    from smartstd import scanner

    assert scanner.derive_tables() == scanner._tables()


def test_mask_finding_leaves_clean_findings_alone() -> None:
    f = Finding("SC202", Severity.ERROR, params={"target": "bldg-1"})
    assert mask_finding(f) is f
    long = Finding("SC103", Severity.ERROR, params={"value": "x" * 10_000})
    shown = mask_finding(long).params["value"]
    assert len(shown) < MAX_REPEAT + 30 and shown.endswith("(10000 chars)")
    assert clip("abc") == "abc"


def test_redaction_is_one_pass_on_200000_mobiles() -> None:
    text = " ".join(f"13{i % 10}{i:08d}" for i in range(20_000))
    masked = redact(text)
    assert masked.count("****") == 20_000
    assert might_hold(text) and not might_hold(masked)


def _dataset_with_record(tmp_path: Path, record: str) -> Path:
    path = tmp_path / "d.ndjson"
    path.write_text(json.dumps(_ENVELOPE) + "\n" + record + "\n", encoding="utf-8")
    return path


def test_repeated_keys_are_counted_not_listed(tmp_path: Path) -> None:
    record = '{"id":"res-1","type":"Resident"' + ',"a":1' * 5000 + "}"
    path = _dataset_with_record(tmp_path, record)
    report = smartstd.check(str(path))
    listed = [f for f in report.findings if f.code == "SC102"]
    assert len(listed) == 100
    assert report.code_counts["SC102"] == 4999  # exact
    (notice,) = [f for f in report.findings if f.code == LEFT_OUT]
    assert notice.params["omitted"] == 4899 and notice.params["code"] == "SC102"
    assert report.counts["error"] == 4999 + 1  # and SC106 for the unknown field
    assert "4899" in notice.message("zh-CN") and "4899" in notice.message("en")


def test_run_limit_keeps_counts_and_verdict(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"res-{i}", "type": "Resident", "phone": f"1381234{i:04d}"})
        for i in range(30)
    ]
    path = tmp_path / "d.ndjson"
    path.write_text(json.dumps(_ENVELOPE) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    full = smartstd.check(str(path))
    limits = Limits(max_findings=5)
    cut = smartstd.check(str(path), limits=limits)
    assert len([f for f in cut.findings if f.code != LEFT_OUT]) == 5
    assert full.code_counts["SC402"] == 30
    assert cut.counts == full.counts
    assert cut.code_counts == full.code_counts
    assert cut.level == full.level and cut.failed() == full.failed()
    assert all(f.params["scope"] == "run" for f in cut.findings if f.code == LEFT_OUT)


def test_per_record_limits(tmp_path: Path) -> None:
    notes = {f"x:n{i}": f"13{i % 10}{i:08d}" for i in range(40)}
    record = json.dumps({"id": "res-1", "type": "Resident", **notes})
    path = _dataset_with_record(tmp_path, record)
    limits = Limits(max_findings_per_rule_per_record=10, max_findings_per_record=15)
    report = smartstd.check(str(path), limits=limits, select=("SC402",))
    assert len([f for f in report.findings if f.code == "SC402"]) == 10
    assert report.code_counts["SC402"] == 40
