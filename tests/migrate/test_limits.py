"""``smartstd migrate`` honours the input limits as ``smartstd check`` does.

Option > ``[limits]`` of ``smartstd.toml`` (found from the working folder, or
``--config``) > the defaults; an input over a limit is not migrated, nothing
is written, and the reason says what, where and how to fix it, in zh-CN or en.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casedata import ENVELOPE, entities, write_json, write_ndjson
from smartstd.cli import main
from smartstd.io import Limits
from smartstd.migrate import migrate

TO = str(ENVELOPE["standard_version"])  # no step: only the reading is tested here

#: A record nested four deep (an object, a list, a list, a list).
DEEP = {"id": "b-deep", "type": "Building", "community_id": "c-1", "gz:grid": [[[1]]]}


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["migrate", *args])
    return res.exit_code, res.output


# --------------------------------------------------------------------------- the Python API


def test_api_refuses_a_document_over_max_file_bytes_before_reading_it(tmp_path: Path) -> None:
    src = write_json(tmp_path / "d.json")
    size = src.stat().st_size
    out = tmp_path / "o.json"
    result = migrate(src, TO, out, limits=Limits(max_file_bytes=size - 1))
    assert not result.ok
    assert not out.exists()
    (f,) = result.findings
    assert (f.code, f.file) == ("SC109", str(src))
    assert (f.params["limit"], f.params["value"], f.params["maximum"]) == (
        "max_file_bytes",
        size,
        size - 1,
    )
    # the same file, with room: migrated
    assert migrate(src, TO, out, limits=Limits(max_file_bytes=size)).ok
    assert out.exists()


def test_api_refuses_a_document_nested_too_deep(tmp_path: Path) -> None:
    src = write_json(tmp_path / "d.json", [*entities(), DEEP])
    result = migrate(src, TO, tmp_path / "o.json", limits=Limits(max_depth=5))
    assert not result.ok
    (f,) = result.findings
    assert f.params["limit"] == "max_depth"
    assert f.pointer == f"/entities/{len(entities())}/gz:grid/0/0"
    assert f.line is not None and f.column is not None
    assert migrate(src, TO, tmp_path / "o.json").ok  # the default allows 64


def test_api_refuses_ndjson_lines_over_the_limits_and_writes_nothing(tmp_path: Path) -> None:
    long = {**entities()[2], "id": "b-long", "name": {"zh-CN": "栋" * 400}}
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), DEEP, long])
    out = tmp_path / "o.ndjson"
    result = migrate(src, TO, out, limits=Limits(max_depth=3, max_line_bytes=1000))
    assert not result.ok
    assert not out.exists()
    assert not list(tmp_path.glob(".migrate-*"))  # no temporary file left behind
    found = {(f.params["limit"], f.line) for f in result.findings}
    n = len(entities())
    assert found == {("max_depth", n + 2), ("max_line_bytes", n + 3)}
    assert migrate(src, TO, out).ok


def test_api_refuses_an_ndjson_file_over_max_ndjson_bytes(tmp_path: Path) -> None:
    src = write_ndjson(tmp_path / "d.ndjson")
    result = migrate(src, TO, tmp_path / "o.ndjson", limits=Limits(max_ndjson_bytes=400))
    assert not result.ok
    assert [f.params["limit"] for f in result.findings] == ["max_ndjson_bytes"]


def test_messages_say_what_where_and_how_in_either_language(tmp_path: Path) -> None:
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), DEEP])
    result = migrate(src, TO, tmp_path / "o.ndjson", limits=Limits(max_depth=3))
    line = len(entities()) + 2
    (zh,) = result.messages("zh-CN")
    assert zh.startswith(f"{src}:{line}:")
    assert "/gz:grid/0" in zh
    assert "拒绝读取（SC109）" in zh and "超出输入限制 max_depth：4（上限 3）" in zh
    assert "smartstd.toml 的 [limits] 中调高 max_depth" in zh
    (en,) = result.messages("en")
    assert "refused (SC109): Input limit max_depth exceeded: 4 (maximum 3)" in en
    assert "raise max_depth under [limits] in smartstd.toml" in en
    assert result.errors == (en,)  # the English text, as before, in errors
    assert result.to_dict()["findings"][0]["params"]["limit"] == "max_depth"


# --------------------------------------------------------------------------- the command line


def _toml(folder: Path, body: str) -> Path:
    path = folder / "smartstd.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_cli_takes_the_limits_of_smartstd_toml_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_json(tmp_path / "d.json")
    size = src.stat().st_size
    _toml(tmp_path, f"[limits]\nmax_file_bytes = {size - 1}\n")
    monkeypatch.chdir(tmp_path)
    code, out = _run("d.json", "--to", TO, "--out", "o.json", "--lang", "zh-CN")
    assert code == 1
    assert f"超出输入限制 max_file_bytes：{size}（上限 {size - 1}）" in out
    assert "请把实体写成 NDJSON" in out  # how to fix it
    assert not (tmp_path / "o.json").exists()
    code, out = _run("d.json", "--to", TO, "--out", "o.json", "--lang", "en")
    assert code == 1
    assert f"Input limit max_file_bytes exceeded: {size} (maximum {size - 1})" in out
    assert "raise max_file_bytes under [limits] in smartstd.toml" in out


def test_cli_config_option_and_its_language(tmp_path: Path) -> None:
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), DEEP])
    cfg = _toml(tmp_path, 'lang = "zh-CN"\n[limits]\nmax_depth = 3\n')
    out = tmp_path / "o.ndjson"
    code, text = _run(str(src), "--to", TO, "--out", str(out), "--config", str(cfg))
    assert code == 1
    assert "拒绝读取（SC109）" in text and "调高 max_depth" in text  # lang from the file
    assert not out.exists()
    code, text = _run(str(src), "--to", TO, "--out", str(out), "-f", "json", "--config", str(cfg))
    assert code == 1
    summary = json.loads(text)
    assert summary["ok"] is False
    assert summary["findings"][0]["params"]["limit"] == "max_depth"
    # without the file: the default limits, and the same data is migrated
    code, text = _run(str(src), "--to", TO, "--out", str(out))
    assert code == 0, text
    assert out.exists()


def test_cli_bad_limits_in_the_file_are_a_usage_error(tmp_path: Path) -> None:
    src = write_json(tmp_path / "d.json")
    cfg = _toml(tmp_path, "[limits]\nmax_rows = 3\n")
    code, text = _run(str(src), "--to", TO, "--out", str(tmp_path / "o.json"), "--config", str(cfg))
    assert code == 2
    assert "max_rows" in text
