from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from convertdata import OPEN311, SDM

from smartstd.cli import main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_convert_writes_ndjson_or_json_and_a_report(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    report = tmp_path / "r.json"
    code, text = _run(
        "convert",
        str(OPEN311 / "requests.xml"),
        "--from",
        "open311-xml",
        "-o",
        str(out),
        "--community-id",
        "c1",
        "--dataset-id",
        "d1",
        "--publisher-id",
        "o1",
        "--report",
        str(report),
        "--lang",
        "en",
    )
    assert code == 0, text
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["dataset_id"] == "d1" and len(doc["entities"]) == 2
    rep = json.loads(report.read_text(encoding="utf-8"))
    assert rep["counts"]["written"] == 2 and rep["lossless"] is True
    assert rep["source_map"][0]["fields"]["/submitted_at"] == "requests.xml:3/requested_datetime"
    assert "read 2, wrote 2" in text
    nd = tmp_path / "a.ndjson"
    assert (
        _run(
            "convert", str(OPEN311 / "requests.json"), "--from", "open311-json", "-o", str(nd), "-q"
        )[0]
        == 0
    )
    assert len(nd.read_text(encoding="utf-8").splitlines()) == 2


def test_strict_fails_on_any_loss(tmp_path: Path) -> None:
    src = tmp_path / "w.json"
    src.write_text(json.dumps([{"id": "b1", "type": "Building", "bad-name": 1}]), encoding="utf-8")
    out = tmp_path / "o.ndjson"
    assert (
        _run("convert", str(src), "--from", "ngsi-v2", "-o", str(out), "--community-id", "c")[0]
        == 0
    )
    code, text = _run(
        "convert",
        str(src),
        "--from",
        "ngsi-v2",
        "-o",
        str(out),
        "--community-id",
        "c",
        "--strict",
        "--lang",
        "en",
    )
    assert code == 1 and "dropped bad-name" in text


def test_conversion_errors_exit_1_and_usage_errors_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "w.json"
    src.write_text(json.dumps([{"id": "w", "type": "OffStreetParking"}]), encoding="utf-8")
    code, text = _run(
        "convert", str(src), "--from", "ngsi-v2", "-o", str(tmp_path / "o.ndjson"), "--lang", "en"
    )
    assert code == 1 and "CV200" in text
    code, text = _run(
        "convert",
        str(src),
        "--from",
        "ngsi-v2",
        "-o",
        str(tmp_path / "o.ndjson"),
        "--crosswalk",
        str(src),
    )
    assert code == 2 and "not a valid crosswalk" in text
    assert _run("convert", str(src), "--from", "dbf", "-o", "x")[0] == 2


def test_services_become_a_crosswalk_file(tmp_path: Path) -> None:
    out = tmp_path / "cw.yaml"
    code, text = _run(
        "convert", str(OPEN311 / "services.xml"), "--from", "open311-services", "-o", str(out)
    )
    assert code == 0, text
    assert "open311.service_code" in out.read_text(encoding="utf-8")


def test_export_every_target(tmp_path: Path) -> None:
    data = tmp_path / "d.ndjson"
    assert (
        _run(
            "convert",
            str(SDM / "Alert" / "example.json"),
            "--from",
            "ngsi-v2",
            "-o",
            str(data),
            "--community-id",
            "c1",
        )[0]
        == 0
    )
    code, text = _run("export", str(data), "--to", "ngsi-ld")
    assert code == 0 and json.loads(text)[0]["id"] == "urn:ngsi-ld:Alert:Alert:1"
    code, text = _run("export", str(data), "--to", "ngsi-v2", "--key-values")
    assert code == 0 and json.loads(text)[0]["category"] == "traffic"
    req = tmp_path / "r.ndjson"
    assert (
        _run(
            "convert",
            str(OPEN311 / "requests.json"),
            "--from",
            "open311-json",
            "-o",
            str(req),
            "--community-id",
            "c1",
        )[0]
        == 0
    )
    out = tmp_path / "r.xml"
    assert _run("export", str(req), "--to", "open311", "--xml", "-o", str(out))[0] == 0
    assert "<service_request_id>638344</service_request_id>" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, text = _run("export", str(bad), "--to", "ngsi-ld")
    assert code == 2 and "not an SCDS dataset" in text


def test_every_issue_code_is_in_both_guides() -> None:
    from smartstd.interchange.issue import CODES

    root = Path(__file__).parents[2] / "docs" / "guides"
    for page in ("conversion.md", "conversion.zh.md"):
        text = (root / page).read_text(encoding="utf-8")
        for c in CODES.values():
            assert f"| `{c.code}` | {c.name} | {c.severity.value} |" in text, (page, c.code)


def test_every_issue_message_renders_in_both_languages() -> None:
    from smartstd.interchange.issue import CODES, Issue

    for code in CODES:
        for lang in ("en", "zh-CN"):
            assert "{" not in Issue(code).message(lang)


def test_the_shipped_context_matches_the_models() -> None:
    from importlib import resources

    from smartstd.interchange import _context

    shipped = resources.files("smartstd.data").joinpath("ngsi-ld/context.jsonld").read_text("utf-8")
    assert shipped == _context.render(), "run python -m smartstd.interchange._context"
