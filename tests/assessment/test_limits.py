"""``smartstd assess`` honours the input limits as ``smartstd check`` does.

Option > ``[limits]`` of ``smartstd.toml`` (found from the working folder, or
``--config``) > the defaults. An input over a limit is refused (a usage
error, exit 2) with what, where and how to fix it, in zh-CN or en; before,
such a document was silently left out of the figures and the limits of the
configuration were not read at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casedata import entities, write_json, write_ndjson
from smartstd.assessment import assess
from smartstd.cli import main
from smartstd.errors import UsageError
from smartstd.io import Limits
from smartstd.report import Finding

#: A service request nested four deep (an object, a list, a list, a list).
DEEP = {
    "id": "r-deep",
    "type": "ServiceRequest",
    "community_id": "c-1",
    "gz:grid": [[[1]]],
}


def _refused(excinfo: pytest.ExceptionInfo[UsageError]) -> Finding:
    finding = excinfo.value.params["finding"]
    assert isinstance(finding, Finding)
    assert finding.code == "SC109"
    return finding


# --------------------------------------------------------------------------- the Python API


def test_api_refuses_a_document_over_max_file_bytes(tmp_path: Path) -> None:
    src = write_json(tmp_path / "d.json")
    size = src.stat().st_size
    with pytest.raises(UsageError) as err:
        assess(src, limits=Limits(max_file_bytes=size - 1))
    f = _refused(err)
    assert (f.file, f.params["limit"], f.params["value"]) == (str(src), "max_file_bytes", size)
    # the default limits: assessed, and the file is not unreadable
    assert assess(src).unreadable == ()
    assert assess(src, limits=Limits(max_file_bytes=size)).unreadable == ()


def test_api_refuses_a_document_nested_too_deep(tmp_path: Path) -> None:
    src = write_json(tmp_path / "d.json", [*entities(), DEEP])
    with pytest.raises(UsageError) as err:
        assess(src, limits=Limits(max_depth=5))
    f = _refused(err)
    assert f.params["limit"] == "max_depth"
    assert f.pointer == f"/entities/{len(entities())}/gz:grid/0/0"


def test_api_refuses_an_ndjson_line_nested_too_deep_with_its_line(tmp_path: Path) -> None:
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), DEEP])
    with pytest.raises(UsageError) as err:
        assess(src, limits=Limits(max_depth=3))
    f = _refused(err)
    assert (f.params["limit"], f.line, f.pointer) == (
        "max_depth",
        len(entities()) + 2,
        "/gz:grid/0/0",
    )
    # brackets inside strings do not count: a shallow line with many of them is read
    brackets = {**DEEP, "gz:grid": None, "gz:note": "[[[[{{{{"}
    ok = write_ndjson(tmp_path / "ok.ndjson", [*entities(), brackets])
    assert assess(ok, limits=Limits(max_depth=3)).unreadable == ()


def test_api_refuses_an_ndjson_line_over_max_line_bytes(tmp_path: Path) -> None:
    long = {**DEEP, "gz:grid": None, "gz:note": "x" * 3000}
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), long])
    with pytest.raises(UsageError) as err:
        assess(src, limits=Limits(max_line_bytes=1000))
    f = _refused(err)
    assert (f.params["limit"], f.line) == ("max_line_bytes", len(entities()) + 2)
    assert f.params["value"] > 3000


def test_api_refuses_an_ndjson_file_over_max_ndjson_bytes_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import smartstd.assessment.source as source

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was read")

    monkeypatch.setattr(source, "_ndjson", never)
    src = write_ndjson(tmp_path / "d.ndjson")
    with pytest.raises(UsageError) as err:
        assess(src, limits=Limits(max_ndjson_bytes=400))
    assert _refused(err).params["limit"] == "max_ndjson_bytes"


def test_the_refusal_says_what_where_and_how_in_either_language(tmp_path: Path) -> None:
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), DEEP])
    with pytest.raises(UsageError) as err:
        assess(src, limits=Limits(max_depth=3))
    line = len(entities()) + 2
    zh = err.value.message("zh-CN")
    assert zh.startswith(f"{src}:{line}:")
    assert "拒绝读取（SC109）：超出输入限制 max_depth：4（上限 3）" in zh
    assert "可在 smartstd.toml 的 [limits] 中调高 max_depth" in zh
    en = err.value.message("en")
    assert "refused (SC109): Input limit max_depth exceeded: 4 (maximum 3)" in en
    assert "raise max_depth under [limits] in smartstd.toml" in en


# --------------------------------------------------------------------------- the command line


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["assess", *args])
    return res.exit_code, res.output


def test_cli_takes_the_limits_of_smartstd_toml_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_json(tmp_path / "d.json")
    size = src.stat().st_size
    (tmp_path / "smartstd.toml").write_text(
        f"[limits]\nmax_file_bytes = {size - 1}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out = _run("d.json", "--lang", "zh-CN")
    assert code == 2
    assert (
        f"d.json：拒绝读取（SC109）：超出输入限制 max_file_bytes：{size}（上限 {size - 1}）" in out
    )
    assert "请把实体写成 NDJSON" in out
    code, out = _run("d.json", "--lang", "en")
    assert code == 2
    assert f"Input limit max_file_bytes exceeded: {size} (maximum {size - 1})" in out
    assert "raise max_file_bytes under [limits] in smartstd.toml" in out


def test_cli_config_option(tmp_path: Path) -> None:
    src = write_ndjson(tmp_path / "d.ndjson", [*entities(), DEEP])
    cfg = tmp_path / "limits.toml"
    cfg.write_text("[limits]\nmax_depth = 3\n", encoding="utf-8")
    code, out = _run(str(src), "--config", str(cfg), "--lang", "en")
    assert code == 2
    assert f"{src}:{len(entities()) + 2}:" in out and "max_depth" in out
    code, out = _run(str(src), "--lang", "en", "--format", "json")  # the defaults
    assert code == 0, out
    assert '"records"' in out


def test_cli_says_the_refusal_in_the_configured_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_json(tmp_path / "d.json")
    (tmp_path / "smartstd.toml").write_text(
        'lang = "zh-CN"\n[limits]\nmax_file_bytes = 100\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SMARTSTD_LANG", "en")
    code, out = _run(str(src))
    assert code == 2
    assert "拒绝读取（SC109）：超出输入限制 max_file_bytes" in out
    code, out = _run(str(src), "--lang", "en")  # the option wins over the file
    assert code == 2
    assert "refused (SC109)" in out
