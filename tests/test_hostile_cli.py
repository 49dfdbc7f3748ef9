"""Hostile inputs and outputs around the CLI: things that are not files, files that are not
text, outputs that cannot be written, readers that go away, and smartstd's own bugs.

Each gets a message or a finding that says what is wrong and where, an exit code, and
never a traceback or a hang.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from casedata import ENVELOPE, entities, write_json, write_ndjson
from smartstd import load
from smartstd.cli import main
from smartstd.errors import InputError
from smartstd.reporters import _util

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")


def _check(*args: str) -> tuple[int, dict[str, object], str]:
    res = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res.exit_code, json.loads(res.stdout), res.stderr


def _findings(report: dict[str, object]) -> list[dict[str, object]]:
    found = report["findings"]
    assert isinstance(found, list)
    return found


# --------------------------------------------------------------------------- not files


@needs_fifo
def test_a_named_pipe_is_a_finding_not_a_wait(tmp_path: Path) -> None:
    pipe = tmp_path / "data.json"
    os.mkfifo(pipe)
    code, report, _ = _check(str(pipe))  # opening it would wait for a writer forever
    assert code == 1
    [f] = _findings(report)
    assert f["code"] == "SC100" and f["file"] == str(pipe)
    assert "named pipe" in str(f["message"])


@needs_fifo
def test_a_folder_reports_every_entry_that_is_not_a_readable_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write_json(folder / "good.json")
    os.mkfifo(folder / "pipe.ndjson")
    (folder / "broken.json").symlink_to(tmp_path / "nowhere.json")
    (folder / "packed.json").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(40)))
    (folder / "sub.json").mkdir()  # a folder named like a file is not an input
    code, report, _ = _check(str(folder))
    assert code == 1
    by_file = {Path(str(f["file"])).name: f for f in _findings(report)}
    assert {name: f["code"] for name, f in by_file.items()} == {
        "pipe.ndjson": "SC100",
        "broken.json": "SC100",
        "packed.json": "SC101",
    }
    assert "named pipe" in str(by_file["pipe.ndjson"]["message"])
    assert "No such file" in str(by_file["broken.json"]["message"])


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["check", str(tmp_path / "absent.json")])
    assert res.exit_code == 2
    assert "does not exist" in res.output


# --------------------------------------------------------------------------- not text

BINARY = {
    "gzip": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gunzip"),
    "zip": (b"PK\x03\x04\x14\x00\x00\x00", "unzip"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "export the data"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "export the data"),
    "sqlite": (b"SQLite format 3\x00\x10\x00", "export the data"),
    "xz": (b"\xfd7zXZ\x00\x00\x04", "unxz"),
}


@pytest.mark.parametrize("kind", sorted(BINARY))
def test_a_binary_file_says_what_it_is_and_what_to_do(kind: str, tmp_path: Path) -> None:
    magic, hint = BINARY[kind]
    path = tmp_path / "data.json"
    path.write_bytes(magic + bytes(range(256)) * 4)
    code, report, _ = _check(str(path))
    assert code == 1
    [f] = _findings(report)
    assert (f["code"], f["line"], f["column"]) == ("SC101", 1, 1)
    params = f["params"]
    assert isinstance(params, dict)
    assert params["reason"] == "binary" and params["encoding_guess"] == kind
    assert hint in str(f["message"])


def test_nul_bytes_that_are_not_utf16_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b'{"standard": "scds",\n "x": "ab\x00\x00\x00\x07\xff\x00\x01\x9c\x00"}')
    code, report, _ = _check(str(path))
    assert code == 1
    [f] = _findings(report)
    assert f["code"] == "SC101"
    assert (f["line"], f["column"]) == (2, 14)  # the first byte that is not UTF-8
    params = f["params"]
    assert isinstance(params, dict) and params["reason"] == "binary"


def test_gb18030_is_still_a_legacy_encoding_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes('{"name": "番禺区钟村街道"}'.encode("gb18030"))
    _, report, _ = _check(str(path))
    [f] = _findings(report)
    params = f["params"]
    assert isinstance(params, dict)
    assert params["reason"] != "binary" and "iconv" in str(f["message"])


def test_binary_ndjson_line_is_placed_on_its_line(tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "d.ndjson")
    lines = path.read_bytes().splitlines(keepends=True)
    lines.insert(2, b'{"id": "x\x00\x00\xff\x00\x00"}\n')
    path.write_bytes(b"".join(lines))
    code, report, _ = _check(str(path))
    assert code == 1
    assert [(f["code"], f["line"]) for f in _findings(report) if f["code"] == "SC101"] == [
        ("SC101", 3)
    ]


# --------------------------------------------------------------------------- outputs


def test_an_output_that_cannot_be_written_is_exit_2_with_the_reason(tmp_path: Path) -> None:
    data = write_json(tmp_path / "d.json")
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(data), "--output", str(blocker / "out.json")])
    assert res.exit_code == 2
    assert res.stderr.startswith("smartstd: error: ")
    assert str(blocker) in res.stderr and "Traceback" not in res.output


def test_a_reader_that_goes_away_is_no_traceback(tmp_path: Path) -> None:
    many = entities()
    path = tmp_path / "d.ndjson"
    rows = [json.dumps(ENVELOPE)]
    for i in range(3000):  # enough findings that the report outgrows the pipe's buffer
        rows.append(json.dumps({**many[0], "id": f"dup-{i % 7}"}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "smartstd", "check", str(path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)
        proc.stdout.close()  # like `| head -c 100`
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 2
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_bug_is_one_line_asking_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_json(tmp_path / "d.json")

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr("smartstd.conformance.engine.check", broken, raising=True)
    res = CliRunner().invoke(main, ["check", "--lang", "en", str(data)])
    assert res.exit_code == 3  # internal, not usage (2)
    assert "internal error: ZeroDivisionError: planted" in res.stderr
    assert "SMARTSTD_DEBUG" in res.stderr and "please report" in res.stderr
    res = CliRunner().invoke(main, ["check", "--lang", "zh-CN", str(data)])
    assert "内部错误：ZeroDivisionError：planted" in res.stderr
    assert "SMARTSTD_DEBUG" in res.stderr and "请连同" in res.stderr
    monkeypatch.setenv("SMARTSTD_DEBUG", "1")
    res = CliRunner().invoke(main, ["check", str(data)])
    assert isinstance(res.exception, ZeroDivisionError)


def test_json_is_written_in_pieces_with_every_escape_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_util, "_WRITE_CHARS", 7)  # every piece boundary falls somewhere odd
    doc = {"a": ["x\u2028y\u202e", "\ud800", "番禺\x85"] * 20, "b": {"c": "\u0000\n"}}
    out = io.StringIO()
    _util.dump_json(doc, out)
    text = out.getvalue()
    assert json.loads(text) == doc
    assert "\u2028" not in text and "\ud800" not in text and "\x85" not in text
    text.encode("utf-8")  # always encodable
    compact = io.StringIO()
    _util.dump_json(doc, compact, indent=None)
    assert json.loads(compact.getvalue()) == doc


# --------------------------------------------------------------------------- assess


@needs_fifo
@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_assess_refuses_what_is_not_a_file_and_does_not_wait(target: str, tmp_path: Path) -> None:
    """A named pipe waited for a writer for ever; /dev/zero was read until memory ran out."""
    path = tmp_path / "data.json"
    if target == "fifo":
        os.mkfifo(path)
    else:
        path = Path(target)
    res = subprocess.run(
        [sys.executable, "-m", "smartstd", "assess", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SMARTSTD_LANG": "en"},
    )
    assert res.returncode == 0, res.stderr
    assert f"Unreadable: {path}" in res.stdout


def test_the_readers_open_only_regular_files(tmp_path: Path) -> None:
    """Every reader opens through open_binary, which says what a path is instead of opening it."""
    from smartstd.io.files import open_binary

    with pytest.raises(OSError, match="character device, not a regular file"):
        open_binary("/dev/zero")
    with pytest.raises(OSError, match="a folder, not a regular file"):
        open_binary(str(tmp_path))


def test_assess_refuses_a_line_over_the_limit_without_holding_it(tmp_path: Path) -> None:
    """A line over max_line_bytes is refused (SC109, with its line) after being skipped unheld."""
    from smartstd.assessment.source import Inputs, _ndjson
    from smartstd.errors import UsageError
    from smartstd.io import Limits

    data = tmp_path / "d.ndjson"
    request = {"id": "r-1", "type": "ServiceRequest"}
    long = {"id": "r-2", "type": "ServiceRequest", "note": "x" * 5000}
    write_ndjson(data, [request, long, {**request, "id": "r-3"}])
    out = Inputs()
    records = _ndjson(str(data), frozenset({"ServiceRequest"}), out, Limits(max_line_bytes=1000))
    assert next(records)["id"] == "r-1"
    with pytest.raises(UsageError) as err:
        next(records)
    finding = err.value.params["finding"]
    assert (finding.code, finding.line) == ("SC109", 3)  # type: ignore[attr-defined]  # the envelope is line 1
    assert finding.params["limit"] == "max_line_bytes"  # type: ignore[attr-defined]
    assert finding.params["value"] > 5000  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- migrate


@needs_fifo
def test_migrate_refuses_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "d.json"
    os.mkfifo(pipe)
    res = CliRunner().invoke(
        main, ["migrate", str(pipe), "--to", "1.0.0", "--out", str(tmp_path / "o.json")]
    )
    assert res.exit_code == 1
    assert "not a regular file" in res.output
    assert not (tmp_path / "o.json").exists()


def test_migrate_keeps_a_lone_surrogate_as_its_escape(tmp_path: Path) -> None:
    src = tmp_path / "d.json"
    body = {**ENVELOPE, "entities": entities()}
    body["entities"][2] = {**body["entities"][2], "id": "BAD-ID"}
    text = json.dumps(body, ensure_ascii=True).replace("BAD-ID", "bad\\ud800id")
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "o.json"
    res = CliRunner().invoke(
        main, ["migrate", str(src), "--to", str(ENVELOPE["standard_version"]), "--out", str(out)]
    )
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    written = out.read_bytes().decode("utf-8")  # strict: it is UTF-8
    assert "\\ud800" in written
    assert json.loads(written)["entities"][2]["id"] == "bad\ud800id"


def test_migrate_refuses_a_document_over_the_limit_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """300 MiB (sparse: nothing on disk) were read into memory before read_document refused them."""
    import smartstd.io

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the document was read")

    monkeypatch.setattr(smartstd.io, "read_document", never)
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(300 * 1024**2)
    out = tmp_path / "out.json"
    res = CliRunner().invoke(main, ["migrate", str(big), "--to", "1.0.0", "--out", str(out)])
    assert res.exit_code == 1
    assert "SC109" in res.output and "max_file_bytes" in res.output and "NDJSON" in res.output
    assert not out.exists()


# --------------------------------------------------------------------------- the loader


def test_load_places_many_findings_of_one_document(tmp_path: Path) -> None:
    rows = [{**entities()[0], "id": f"e-{i}", "type": "Nope"} for i in range(300)]
    path = tmp_path / "d.json"
    path.write_text(json.dumps({**ENVELOPE, "entities": rows}, indent=1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [n for n, line in enumerate(lines, start=1) if '"id": "e-' in line]
    assert len(starts) == 300
    with pytest.raises(InputError) as err:
        load(path)
    found = [f for f in err.value.findings if f.path[:1] == ("entities",)]
    assert len(found) >= 300
    by_index = {f.path[1]: f for f in found}
    for i in (0, 150, 299):
        f = by_index[i]
        assert f.file == str(path) and f.line is not None and f.column is not None
        assert starts[i] - 2 <= f.line <= starts[i] + 40


# --------------------------------------------------------------------------- numbers

_HOUSEHOLD = '{"id": "h1", "type": "Household", "dwelling_id": "d1", "size": %s}'


@pytest.mark.parametrize("number", ["1e999", "-2.5E+400", "1" + "0" * 400 + ".5"])
@pytest.mark.parametrize("fmt", ["json", "ndjson", "yaml"])
def test_a_number_too_large_for_a_float_is_a_finding_not_infinity(
    fmt: str, number: str, tmp_path: Path
) -> None:
    """Python reads 1e999 as infinity; the record must not pass, nor vanish without a word."""
    record = _HOUSEHOLD % number
    path = tmp_path / f"d.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(ENVELOPE)[:-1] + ', "entities": [' + record + "]}", "utf-8")
    elif fmt == "ndjson":
        path.write_text(json.dumps(ENVELOPE) + "\n" + record + "\n", "utf-8")
    else:
        head = "".join(f"{k}: {json.dumps(v)}\n" for k, v in ENVELOPE.items())
        path.write_text(head + "entities:\n- " + record + "\n", "utf-8")
    code, report, _ = _check(str(path))
    assert code == 1
    [f] = _findings(report)
    params = f["params"]
    assert isinstance(params, dict)
    assert (f["code"], params["reason"]) == ("SC100", "big-number")
    assert str(f["pointer"]).endswith("/size")
    line = {"json": 1, "ndjson": 2, "yaml": len(ENVELOPE) + 2}[fmt]
    assert f["line"] == line
    text = path.read_text("utf-8").splitlines()[line - 1]
    assert text[int(str(f["column"])) - 1 :].startswith(number)


# --------------------------------------------------------------------------- other formats


@pytest.mark.parametrize(
    ("name", "data", "code", "says"),
    [
        ("d.csv", b"id,type\nb-1,Building\n", "SC100", "named like a CSV table"),
        ("d.xml", b"<dataset><entity/></dataset>", "SC100", "named like an XML document"),
        ("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "SC101", "Office file"),
        ("d.zip", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "SC101", "unzip"),
    ],
)
def test_an_export_in_another_format_says_what_to_do(
    name: str, data: bytes, code: str, says: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    exit_code, report, _ = _check(str(path))
    assert exit_code == 1
    [f] = _findings(report)
    assert f["code"] == code and says in str(f["message"]), f


# --------------------------------------------------------------------------- lone surrogates

_DWELLING = (
    '{"id": "dw-1", "type": "Dwelling", "building_id": "b-1", "unit_number": "1%s",'
    ' "tenure": "ow%sned"}'
)


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
@pytest.mark.parametrize("reporter", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_a_lone_surrogate_is_a_finding_in_every_report(
    fmt: str, reporter: str, tmp_path: Path
) -> None:
    """``\\ud800`` alone is no character: SC103, and no reporter may fail to write it."""
    record = _DWELLING % ("\\ud800", "\\udfff")
    path = tmp_path / f"d.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(ENVELOPE)[:-1] + ', "entities": [' + record + "]}", "utf-8")
    else:
        path.write_text(json.dumps(ENVELOPE) + "\n" + record + "\n", "utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--format", reporter])
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    res.stdout.encode("utf-8")  # what was written is UTF-8
    if reporter == "json":
        found = {(f["code"], f["path"][-1]) for f in json.loads(res.stdout)["findings"]}
        assert {("SC103", "unit_number"), ("SC103", "tenure")} <= found


def test_a_code_outside_its_list_names_the_code() -> None:
    from smartstd.conformance.structure import validate_entity

    raw = {"id": "dw-1", "type": "Dwelling", "building_id": "b-1", "unit_number": "1"}
    [hit] = validate_entity({**raw, "tenure": "leased"})[1]
    assert hit.params["detail"].startswith("'leased' is not a code of the list tenure")
    [hit] = validate_entity({**raw, "tenure": "le\ud800"})[1]
    assert hit.params["detail"].startswith("'le\\ud800' is not a code of the list tenure")


# --------------------------------------------------------------------------- configuration files


def test_a_configuration_that_is_not_utf8_is_exit_2_with_where(tmp_path: Path) -> None:
    data = write_json(tmp_path / "d.json")
    cfg = tmp_path / "smartstd.toml"
    cfg.write_bytes('[tool.smartstd]\nlevel = "L2"  # 级别\n'.encode("gb18030"))
    res = CliRunner().invoke(main, ["check", str(data), "--config", str(cfg)])
    assert res.exit_code == 2
    assert "is not UTF-8 (byte 33" in res.stderr and "internal error" not in res.stderr


def test_a_pyproject_that_is_not_utf8_is_passed_over_in_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "\xff"\n')
    data = write_json(tmp_path / "d.json")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", str(data)])
    assert res.exit_code == 0, res.output


def test_a_bundle_whose_checksums_are_not_text_is_a_usage_error(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    bundle.mkdir()
    (bundle / "T.schema.json").write_text('{"type": "string"}', encoding="utf-8")
    (bundle / "SHA256SUMS").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    res = CliRunner().invoke(main, ["schema", "diff", str(bundle), str(bundle)])
    assert res.exit_code == 2
    assert "cannot read SHA256SUMS" in res.stderr


def test_a_waivers_file_is_read_like_data_and_says_where(tmp_path: Path) -> None:
    """Waivers, schemas and assertions share the data readers: a repeated key is an error."""
    data = write_json(tmp_path / "d.json")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - code: SC502\n    reason: known\n    reason: twice\n"
        "    expires: 2027-01-01\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(main, ["check", str(data), "--waivers", str(waivers)])
    assert res.exit_code == 2
    assert f"{waivers}:4:" in res.stderr and "SC102" in res.stderr
