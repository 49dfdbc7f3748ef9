"""A dataset rule that needs a type no input can hold does not run."""

from __future__ import annotations

import json
from pathlib import Path

from smartstd.conformance.engine import Engine
from smartstd.conformance.inputs import may_mention

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-panyu"


def test_may_mention_screens_bytes_conservatively(tmp_path: Path) -> None:
    plain = tmp_path / "a.ndjson"
    plain.write_text('{"type":"Resident","id":"r1"}\n' * 3, encoding="utf-8")
    assert not may_mention(str(plain), [b"Pilot"])
    pilot = tmp_path / "b.ndjson"
    pilot.write_text('{"type":"Pilot","id":"p1"}\n', encoding="utf-8")
    assert may_mention(str(pilot), [b"Pilot"])
    escaped = tmp_path / "c.json"
    escaped.write_text('{"type":"\\u0050ilot"}', encoding="utf-8")
    assert may_mention(str(escaped), [b"Pilot"])  # an escape could spell it
    assert may_mention(str(tmp_path / "d.yaml"), [b"Pilot"])  # YAML: always
    assert may_mention(str(tmp_path / "missing.json"), [b"Pilot"])  # unreadable: yes


def test_word_split_across_blocks_is_found(tmp_path: Path) -> None:
    big = tmp_path / "big.ndjson"
    with big.open("wb") as fh:
        fh.write(b" " * ((1 << 23) - 3) + b'"Pilot"\n')
    assert may_mention(str(big), [b"Pilot"])


def test_assessment_rules_run_only_when_a_pilot_may_be_there(tmp_path: Path) -> None:
    data = json.loads((EXAMPLE / "dataset.json").read_text(encoding="utf-8"))
    with_pilot = Engine([str(EXAMPLE / "dataset.json")])
    assert "SC801" in with_pilot.enabled
    data["entities"] = [e for e in data["entities"] if e.get("type") != "Pilot"]
    no_pilot = tmp_path / "dataset.json"
    no_pilot.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    without = Engine([str(no_pilot)])
    assert not {"SC801", "SC802", "SC803"} & without.enabled
    assert "SC201" in without.enabled


def test_backslashes_that_are_not_unicode_escapes_do_not_count(tmp_path: Path) -> None:
    quoted = tmp_path / "q.ndjson"
    quoted.write_text('{"name":"a \\"b\\" \\\\ c"}\n' * 3, encoding="utf-8")
    assert not may_mention(str(quoted), [b"Pilot"])
    split = tmp_path / "split.ndjson"  # a \u escape across the screen's 8 MiB blocks
    with split.open("wb") as fh:
        fh.write(b" " * ((1 << 23) - 1) + b"\\u0050ilot\n")
    assert may_mention(str(split), [b"Pilot"])
