"""A JSON document's records give the identifier findings the same NDJSON gives.

The NDJSON path screens a batch's bytes before the identifier rules (SC401,
SC402, SC411) look at a line; a document's records come parsed and are
looked at one by one. Whichever path a record takes, however an identifier
is written (spaced, full-width, nested, spelled with ``\\u`` escapes), the
findings must be the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smartstd
from smartstd.identifiers import id_number_check_digit

_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "ds-screen",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
    "extensions": {"gz": "https://example.org/gz"},
}
ID_NUMBER = "44010619900101123" + id_number_check_digit("44010619900101123")
_CODES = ("SC401", "SC402", "SC411")


def _organisation(i: int, note: Any) -> dict[str, Any]:
    return {
        "id": f"org-{i}",
        "type": "Organization",
        "name": {"zh-CN": "某街道"},
        "kind": "street_office",
        "gz:note": note,
    }


def _identifier_findings(path: Path) -> list[tuple[str, str | None, str]]:
    report = smartstd.check(str(path), level="L2")
    return sorted((f.code, f.entity_id, f.pointer) for f in report.findings if f.code in _CODES)


def _both(folder: Path, entities: list[dict[str, Any]], raw: str | None = None) -> tuple[Any, Any]:
    """The identifier findings of ``entities`` as NDJSON and as an indented JSON document.

    ``raw``, when given, is the document's text as written (escapes and all);
    the NDJSON lines are then the document's records written back.
    """
    doc = folder / "d.json"
    if raw is None:
        doc.write_text(
            json.dumps({**_ENVELOPE, "entities": entities}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    else:
        doc.write_text(raw, encoding="utf-8")
        entities = json.loads(raw)["entities"]
    lines = folder / "d.ndjson"
    lines.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in [_ENVELOPE, *entities]) + "\n",
        encoding="utf-8",
    )
    found_doc = [
        (c, e, re.sub(r"^/entities/[0-9]+", "", p)) for c, e, p in _identifier_findings(doc)
    ]
    found_lines = _identifier_findings(lines)
    return found_doc, found_lines


_WRITTEN = [
    ID_NUMBER,
    f"身份证 {ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}",
    "".join(chr(ord(c) + 0xFEE0) for c in ID_NUMBER),  # full-width digits
    "电话 138 1234 5678",
    "13812345678",
    "卡号 4111 1111 1111 1111",  # a bank card number (Luhn-valid)
    {"nested": ["无", ID_NUMBER]},
]


@pytest.mark.parametrize("written", _WRITTEN, ids=range(len(_WRITTEN)))
def test_an_identifier_written_any_way_is_found_in_a_document(tmp_path: Path, written: Any) -> None:
    entities = [_organisation(i, "无" if i != 3 else written) for i in range(1, 8)]
    found_doc, found_lines = _both(tmp_path, entities)
    assert found_doc == found_lines
    assert found_doc, "the identifier is found"
    assert {e for _, e, _ in found_doc} == {"org-3"}


def test_an_identifier_spelled_with_escapes_in_the_document_text(tmp_path: Path) -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in ID_NUMBER)  # "\u0034\u0034..."
    entities = ",".join(json.dumps(_organisation(i, "无"), ensure_ascii=False) for i in range(1, 4))
    raw = (
        json.dumps(_ENVELOPE, ensure_ascii=False)[:-1]
        + ', "entities": ['
        + entities
        + ', {"id": "org-9", "type": "Organization", "name": {"zh-CN": "x"}, '
        + '"kind": "street_office", "gz:note": "tab\\there '
        + escaped
        + '"}]}'
    )
    found_doc, found_lines = _both(tmp_path, [], raw)
    assert found_doc == found_lines
    assert {e for _, e, _ in found_doc} == {"org-9"}


_TEXT = st.text(
    alphabet=st.sampled_from(
        list("0123456789 -.\t\n+()/年月日号xX０１２３４５６７８９\u200b\u00a0a")
    ),
    min_size=0,
    max_size=40,
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_the_document_screen_agrees_with_ndjson_on_any_text(
    tmp_path: Path, notes: list[str]
) -> None:
    entities = [_organisation(i, note) for i, note in enumerate(notes, start=1)]
    found_doc, found_lines = _both(tmp_path, entities)
    assert found_doc == found_lines
