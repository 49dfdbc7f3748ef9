"""Hostile inputs: each gets a clear finding and exit code 1, never a traceback, in bounded time."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from casedata import ENVELOPE, entities, write_ndjson
from smartstd.cli import main


def _env_line() -> str:
    return json.dumps(ENVELOPE)


HOSTILE: dict[str, tuple[str, Callable[[Path], None], set[str]]] = {
    "latin1": (
        "d.json",
        lambda p: p.write_bytes('{"name": "caf\xe9"}'.encode("latin-1")),
        {"SC101"},
    ),
    "gb18030": (
        "d.json",
        lambda p: p.write_bytes('{"name": "番禺区钟村街"}'.encode("gb18030")),
        {"SC101"},
    ),
    "truncated": (
        "d.json",
        lambda p: p.write_text('{"standard": "scds", "entities": [{"id": ', "utf-8"),
        {"SC100"},
    ),
    "comments": (
        "d.json",
        lambda p: p.write_text('{\n // note\n "standard": "scds"}', "utf-8"),
        {"SC100"},
    ),
    "empty": ("d.json", lambda p: p.write_bytes(b""), {"SC100"}),
    "empty-ndjson": ("d.ndjson", lambda p: p.write_bytes(b""), {"SC100"}),
    "deep": ("d.json", lambda p: p.write_text("[" * 100_000 + "]" * 100_000, "utf-8"), {"SC109"}),
    "duplicate-keys": (
        "d.json",
        lambda p: p.write_text(
            json.dumps({**ENVELOPE, "entities": []})[:-1] + ', "classification": "public"}', "utf-8"
        ),
        {"SC102"},
    ),
    "nan": (
        "d.json",
        lambda p: p.write_text('{"standard": "scds", "x": NaN, "y": -Infinity}', "utf-8"),
        {"SC100"},
    ),
    "billion-laughs": (
        "d.yaml",
        lambda p: p.write_text(
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                for i in range(8)
            ),
            "utf-8",
        ),
        {"SC109"},
    ),
    "python-tag": (
        "d.yaml",
        lambda p: p.write_text("x: !!python/object/apply:os.system ['echo pwned']\n", "utf-8"),
        {"SC100"},
    ),
    # int() reads hexadecimal of any length; a rule then failed to write it in decimal (exit 3)
    "yaml-hex-integer": (
        "d.yaml",
        lambda p: p.write_text("standard: scds\nx: 0x" + "f" * 10_000 + "\n", "utf-8"),
        {"SC100"},
    ),
    "top-level-array": ("d.json", lambda p: p.write_text("[]", "utf-8"), {"SC100"}),
    "blank-line": (
        "d.ndjson",
        lambda p: p.write_text(_env_line() + "\n\n" + json.dumps(entities()[0]) + "\n", "utf-8"),
        {"SC100"},
    ),
    "not-an-object-line": (
        "d.ndjson",
        lambda p: p.write_text(_env_line() + "\n[1,2]\n", "utf-8"),
        {"SC103"},
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gets_a_finding_not_a_traceback(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fname, make, codes = HOSTILE[name]
    path = tmp_path / fname
    make(path)
    res = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    found = {f["code"] for f in json.loads(res.stdout)["findings"]}
    assert codes <= found, found


def test_crlf_ndjson_is_fine(tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "d.ndjson")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    res = CliRunner().invoke(main, ["check", str(path)])
    assert res.exit_code == 0, res.output


def test_long_single_line_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "d.ndjson"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(_env_line() + "\n")
        fh.write('{"id": "' + "x" * (3 * 1024 * 1024) + '"}\n')
    cfg = tmp_path / "smartstd.toml"
    cfg.write_text("[limits]\nmax_line_bytes = 1048576\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--config", str(cfg), "--format", "json"])
    assert res.exit_code == 1
    findings = json.loads(res.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in findings if f["code"] == "SC109"] == [("SC109", 2)]
