"""The conformance engine: one dataset from many files, positions, levels, jobs, waivers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import smartstd
from casedata import COMMUNITY, ORG, building, dwelling, entities, write_json, write_ndjson
from smartstd.conformance import engine as engine_mod
from smartstd.conformance.engine import CheckOptions, check, iter_findings
from smartstd.conformance.waivers import Waiver
from smartstd.errors import UsageError
from smartstd.report import Level, Severity


def test_valid_json_dataset_is_conformant(tmp_path: Path) -> None:
    report = check(str(write_json(tmp_path / "d.json")))
    assert report.findings == ()
    assert report.level is Level.L2
    assert report.is_conformant()
    assert report.entity_counts == {"Organization": 1, "Community": 1, "Building": 2, "Dwelling": 5}


def test_json_and_ndjson_give_the_same_findings(tmp_path: Path) -> None:
    ents = [*entities(), dwelling(9, "b-404")]
    a = check(str(write_json(tmp_path / "d.json", ents)))
    b = check(str(write_ndjson(tmp_path / "d.ndjson", ents)))
    assert (
        [(f.code, f.entity_id) for f in a]
        == [(f.code, f.entity_id) for f in b]
        == [("SC202", "dw-9")]
    )
    # NDJSON: the record's own line, the pointer inside the line
    (f,) = b.findings
    assert f.line == len(ents) + 1
    assert f.pointer == "/building_id"
    line = (tmp_path / "d.ndjson").read_text("utf-8").splitlines()[f.line - 1]
    assert f.column is not None
    assert line[f.column - 1 :].startswith('"b-404"')
    # JSON: a pointer into the document and the line of the value
    (g,) = a.findings
    assert g.pointer == f"/entities/{len(ents) - 1}/building_id"
    text = (tmp_path / "d.json").read_text("utf-8").splitlines()
    assert g.line is not None and g.column is not None
    assert text[g.line - 1][g.column - 1 :].startswith('"b-404"')


def test_several_files_form_one_dataset(tmp_path: Path) -> None:
    data = write_json(tmp_path / "data.json", [ORG, COMMUNITY, building(1)])
    frag = tmp_path / "more.json"
    frag.write_text(
        json.dumps(
            {
                "standard": "scds",
                "standard_version": "1.1.0",
                "dataset_id": "test-ds",
                "entities": [dwelling(1, "b-1")],
            }
        ),
        encoding="utf-8",
    )
    report = check([str(data), str(frag)])
    assert report.findings == ()
    assert report.entity_counts["Dwelling"] == 1
    # alone, the fragment has no envelope and its reference does not resolve
    alone = check(str(frag))
    assert {f.code for f in alone} == {"SC103", "SC202"}


def test_fragment_of_another_dataset_is_reported(tmp_path: Path) -> None:
    data = write_json(tmp_path / "data.json")
    frag = tmp_path / "other.json"
    frag.write_text(
        json.dumps(
            {"standard": "scds", "standard_version": "1.1.0", "dataset_id": "else", "entities": []}
        )
    )
    report = check([str(data), str(frag)])
    assert [(f.code, f.params.get("error_type")) for f in report] == [("SC103", "dataset_mismatch")]


def test_folder_input_and_missing_path(tmp_path: Path) -> None:
    write_json(tmp_path / "d.json")
    assert check(str(tmp_path)).is_conformant()
    with pytest.raises(UsageError):
        check(str(tmp_path / "nope.json"))


def test_forward_references_resolve_in_ndjson(tmp_path: Path) -> None:
    ents = [dwelling(1, "b-1"), building(1), ORG, COMMUNITY]
    assert check(str(write_ndjson(tmp_path / "d.ndjson", ents))).findings == ()


def test_level_l1_runs_only_structural_rules(tmp_path: Path) -> None:
    path = write_json(tmp_path / "d.json", [*entities(), dwelling(9, "b-404")])
    assert check(str(path), level="L1").findings == ()
    assert check(str(path), level="L1").level is Level.L1


def test_select_ignore_and_severity_overrides(tmp_path: Path) -> None:
    path = write_json(tmp_path / "d.json", [*entities(), dwelling(9, "b-404"), {**building(1)}])
    codes = lambda r: sorted(f.code for f in r)  # noqa: E731
    assert codes(check(str(path))) == ["SC201", "SC202"]
    assert codes(check(str(path), select=["SC202"])) == ["SC202"]
    assert codes(check(str(path), ignore=["duplicate-id"])) == ["SC202"]
    report = check(str(path), severities={"SC202": "warning"}, select=["SC2"])
    assert {f.code: f.severity for f in report} == {
        "SC201": Severity.ERROR,
        "SC202": Severity.WARNING,
    }
    with pytest.raises(KeyError):
        check(str(path), select=["SC999"])


def test_warnings_do_not_lower_the_level(tmp_path: Path) -> None:
    path = write_json(tmp_path / "d.json", [*entities(), dwelling(9, "b-404")])
    report = check(str(path), severities={"SC202": "warning"})
    assert report.level is Level.L2 and report.is_conformant()
    assert report.failed("warning") and not report.failed("error")


def test_same_input_same_report(tmp_path: Path) -> None:
    path = write_ndjson(
        tmp_path / "d.ndjson", [*entities(), dwelling(9, "b-x"), dwelling(8, "b-y"), building(1)]
    )
    a, b = check(str(path)), check(str(path))
    assert a.to_dict() == b.to_dict()
    assert list(iter_findings(str(path))) == list(a.findings)


def test_jobs_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ents = [ORG, COMMUNITY] + [building(i) for i in range(1, 40)]
    ents += [dwelling(i, f"b-{1 + i % 45}") for i in range(1, 3000)]  # some buildings are missing
    ents += [building(7), dwelling(5, "b-1")]  # duplicates that cross worker boundaries
    ents.insert(10, dwelling(2999, "b-1"))
    path = write_ndjson(tmp_path / "d.ndjson", ents)
    monkeypatch.setattr(engine_mod, "_MIN_SPLIT_BYTES", 0)
    one = check(str(path), jobs=1)
    two = check(str(path), jobs=2)
    assert one.findings and {f.code for f in one} == {"SC201", "SC202"}
    assert [f.to_dict() for f in one] == [f.to_dict() for f in two]
    assert one.entity_counts == two.entity_counts


def test_waivers_hide_findings_and_expire(tmp_path: Path) -> None:
    path = write_json(tmp_path / "d.json", [*entities(), dwelling(9, "b-404")])
    w = Waiver("SC202", "building demolished", dt.date(2026, 12, 31), entity_id="dw-9")
    report = check(str(path), waivers=(w,), today=dt.date(2026, 7, 1))
    assert report.findings == () and [f.code for f in report.waived] == ["SC202"]
    expired = check(str(path), waivers=(w,), today=dt.date(2027, 1, 1))
    assert sorted(f.code for f in expired) == ["SC202", "SC901"]
    unused = Waiver("SC201", "x", dt.date(2026, 12, 31), pointer="/entities/1/id")
    assert sorted(
        f.code for f in check(str(path), waivers=(w, unused), today=dt.date(2026, 7, 1))
    ) == ["SC902"]


def test_waiver_never_hides_a_parse_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"standard": "scds",', encoding="utf-8")
    w = Waiver("SC100", "no", dt.date(2030, 1, 1), pointer="")
    report = check(str(bad), waivers=(w,), today=dt.date(2026, 7, 1))
    assert "SC100" in {f.code for f in report}


def test_older_and_newer_versions(tmp_path: Path) -> None:
    newer = check(str(write_json(tmp_path / "a.json", standard_version="1.9.0")))
    assert [f.code for f in newer] == ["SC105"]
    major = check(
        str(
            write_json(
                tmp_path / "b.json",
                [*entities(), {"id": "x", "type": "Nope"}],
                standard_version="2.0.0",
            )
        )
    )
    assert [f.code for f in major] == ["SC105"]  # refused: no entity checked


def test_top_level_array_and_hostile_inputs(tmp_path: Path) -> None:
    arr = tmp_path / "a.json"
    arr.write_text("[1, 2]", encoding="utf-8")
    assert [(f.code, f.params["reason"]) for f in check(str(arr))] == [("SC100", "not-an-envelope")]
    empty = tmp_path / "e.ndjson"
    empty.write_bytes(b"")
    assert {f.code for f in check(str(empty))} == {"SC100"}
    nan = tmp_path / "n.json"
    nan.write_text('{"standard": "scds", "x": NaN}', encoding="utf-8")
    assert "SC100" in {f.code for f in check(str(nan))}
    bl = write_ndjson(tmp_path / "bl.ndjson")
    text = bl.read_text("utf-8").splitlines()
    bl.write_text("\n".join([text[0], "", *text[1:]]) + "\n", encoding="utf-8")
    report = check(str(bl))
    assert [(f.code, f.line) for f in report] == [("SC100", 2)]


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "d.ndjson", [*entities(), dwelling(9, "b-404")])
    data = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + data)
    report = check(str(path))
    assert [(f.code, f.line) for f in report] == [("SC202", len(entities()) + 2)]


def test_public_api_is_lazy_and_complete() -> None:
    assert smartstd.check is check
    assert sorted(smartstd.__all__) == smartstd.__all__ or smartstd.__all__[0] == "STANDARD_VERSION"
    for name in smartstd.__all__:
        assert getattr(smartstd, name) is not None
    with pytest.raises(AttributeError):
        _ = smartstd.does_not_exist  # type: ignore[attr-defined]


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        check(str(write_json(tmp_path / "d.json")), colour=True)


def test_options_object_and_kwargs(tmp_path: Path) -> None:
    opts = CheckOptions(level=Level.L1)
    path = write_json(tmp_path / "d.json", [*entities(), dwelling(9, "b-404")])
    assert check(str(path), opts).findings == ()


def test_reports_never_repeat_raw_identity_numbers(tmp_path: Path) -> None:
    raw_id = "11010519491231002X"  # the GB 11643 standard's own example
    ents = [*entities(), {**dwelling(9, raw_id), "id": raw_id}]
    report = check(str(write_json(tmp_path / "d.json", ents)))
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    assert raw_id not in text
    assert "110105****002X" in text


def test_escaped_identity_number_in_ndjson_is_still_found(tmp_path: Path) -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in "11010519491231002X")
    path = write_ndjson(tmp_path / "d.ndjson")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(
            '{"id": "b-9", "type": "Building", "community_id": "c-1", "name": {"zh-CN": "'
            + escaped
            + '"}}\n'
        )
    assert "SC401" in {f.code for f in check(str(path))}


def test_findings_pickle_for_worker_processes() -> None:
    import pickle

    from smartstd.report import Finding

    f = Finding("SC202", Severity.ERROR, ("a", 1), "f.json", 3, 4, "Building", "b-1", {"x": [1, 2]})
    g = pickle.loads(pickle.dumps(f))
    assert g == f and dict(g.params) == {"x": [1, 2]}


def test_jobs_with_findings_made_in_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ents = [ORG, COMMUNITY, building(1)]
    ents += [{**dwelling(i, "b-1"), "floor": 3} for i in range(1, 2000)]
    ents += [{**dwelling(5000 + i, "b-1"), "floor": "x"} for i in range(5)]  # SC103 inside workers
    path = write_ndjson(tmp_path / "d.ndjson", ents)
    monkeypatch.setattr(engine_mod, "_MIN_SPLIT_BYTES", 0)
    one, two = check(str(path), jobs=1), check(str(path), jobs=2)
    assert [f.code for f in one] == ["SC103"] * 5
    assert [f.to_dict() for f in one] == [f.to_dict() for f in two]


def test_unresolved_references_name_their_entity_in_both_formats(tmp_path: Path) -> None:
    ents = [*entities(), dwelling(9, "b-404")]
    for path in (write_json(tmp_path / "d.json", ents), write_ndjson(tmp_path / "d.ndjson", ents)):
        (f,) = check(str(path)).findings
        assert (f.code, f.entity_type, f.entity_id) == ("SC202", "Dwelling", "dw-9")
        assert f.line is not None and f.column is not None
