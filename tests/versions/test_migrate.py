"""Migration between versions: no value is ever dropped silently.

The property tests migrate generated 1.0.0 datasets to the test-only version
``1.1.0-test`` (a renamed field, a split field, code list changes; see
``conftest.py``) and back, and check that every value of the input is
carried to where the step says, or reported with its path.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from smartstd import migrate as mig
from smartstd.cli import main
from smartstd.errors import UsageError
from smartstd.testing import strategies as scds

pytestmark = pytest.mark.usefixtures("test_version")

TEST_VERSION = "1.1.0-test"
TYPES = ["Building", "Resident", "Facility", "ServiceRequest", "Household"]

_cjk_names = st.one_of(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=4
    ),
    st.tuples(
        st.sampled_from(["欧阳", "司马", "诸葛"]),
        st.text(alphabet="修光亮明", min_size=1, max_size=2),
    ).map("".join),
)
_names = st.one_of(st.just(None), _cjk_names, st.text(min_size=1, max_size=12))


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    latest = draw(scds.dataset(types=TYPES, max_entities=8))
    # the test-only version's steps start from 1.0.0: take the strategies' 1.1.0
    # data down first (dropping only what 1.1.0 added)
    doc = mig.migrate_document(latest, "1.0.0", accept_loss=True).document
    assert doc is not None
    for ent in doc["entities"]:
        if ent["type"] == "Resident":
            name = draw(_names)
            if name is None:
                ent.pop("name", None)
            else:
                ent["name"] = name
    return doc


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict) and value:
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(value, list) and value:
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*path, i))]
    return [(path, value)]


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _losses_oracle(doc: dict[str, Any], split: Any) -> set[str]:
    out = set()
    for i, e in enumerate(doc["entities"]):
        if e["type"] == "Resident" and e.get("name") is not None and split(e["name"]) is None:
            out.add(f"/entities/{i}/name")
        if e["type"] == "ServiceRequest" and e.get("channel") == "kiosk":
            out.add(f"/entities/{i}/channel")
    return out


def _carried(src: dict[str, Any], dst: dict[str, Any], lost: set[tuple[Any, ...]]) -> None:
    """Every leaf of the source entity is in the migrated one, where the step puts it."""
    for path, value in _leaves(src):
        if path in lost or any(path[: len(p)] == p for p in lost):
            continue
        kind = src["type"]
        if kind == "Building" and path[:1] == ("floors_above",):
            assert _get(dst, ("floors_above_ground", *path[1:])) == value
        elif kind == "Resident" and path[:1] == ("name",):
            assert dst.get("family_name", "") + dst.get("given_name", "") == value
        elif kind == "Facility" and path == ("kind",) and value == "elderly_canteen":
            assert dst["kind"] == "community_canteen"
        else:
            assert _get(dst, path) == value, path


@pytest.fixture(scope="module")
def validators(test_version_schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        name[: -len(".schema.json")]: Draft202012Validator(doc)
        for name, doc in test_version_schemas.items()
        if name[: -len(".schema.json")] in TYPES
    }


# --------------------------------------------------------------------------- properties


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=datasets())
def test_up_migration_carries_every_value_or_reports_it(
    doc: dict[str, Any], validators: dict[str, Any], test_steps: Any
) -> None:
    split_name = test_steps.split
    original = copy.deepcopy(doc)
    result = mig.migrate_document(doc, TEST_VERSION)
    assert doc == original, "the input is never changed"
    want = _losses_oracle(doc, split_name)
    assert {loss.pointer for loss in result.losses} == want
    for loss in result.losses:
        assert loss.value == _get(doc, loss.path)
        assert loss.step == f"1.0.0 -> {TEST_VERSION}"
    if want:
        assert not result.ok
        assert result.document is None
        result = mig.migrate_document(doc, TEST_VERSION, accept_loss=True)
        assert result.ok
        assert {loss.pointer for loss in result.losses} == want
    out = result.document
    assert out["standard_version"] == TEST_VERSION
    assert {k: v for k, v in out.items() if k not in ("entities", "standard_version")} == {
        k: v for k, v in doc.items() if k not in ("entities", "standard_version")
    }
    assert len(out["entities"]) == len(doc["entities"])
    for i, (src, dst) in enumerate(zip(doc["entities"], out["entities"], strict=True)):
        lost = {loss.path[2:] for loss in result.losses if loss.path[:2] == ("entities", i)}
        _carried(src, dst, lost)
        # extension fields travel along, untouched
        assert {k: v for k, v in dst.items() if ":" in k} == {
            k: v for k, v in src.items() if ":" in k
        }
        if not lost:
            errors = [e.message for e in validators[dst["type"]].iter_errors(dst)]
            assert errors == [], (src, dst)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=datasets())
def test_round_trip_is_exact_when_nothing_is_lost(doc: dict[str, Any]) -> None:
    up = mig.migrate_document(doc, TEST_VERSION)
    if not up.ok:
        return
    down = mig.migrate_document(up.document, "1.0.0")
    assert down.losses == ()
    assert down.document == doc


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=datasets(), language=st.one_of(st.none(), st.sampled_from(["zh-CN", "yue"])))
def test_down_migration_reports_what_the_old_version_cannot_hold(
    doc: dict[str, Any], language: str | None
) -> None:
    up = mig.migrate_document(doc, TEST_VERSION, accept_loss=True).document
    residents = [i for i, e in enumerate(up["entities"]) if e["type"] == "Resident"]
    for i in residents:
        if language is not None:
            up["entities"][i]["preferred_language"] = language
    down = mig.migrate_document(up, "1.0.0")
    pointers = {loss.pointer for loss in down.losses}
    for i in residents:
        assert (f"/entities/{i}/preferred_language" in pointers) == (language is not None)
    assert not any(p.endswith(("/family_name", "/given_name")) for p in pointers)


# ------------------------------------------------------------------ the audit and the registry


def test_a_faulty_step_cannot_drop_a_value_silently(test_version: str, test_steps: Any) -> None:
    def forgetful(entity: dict[str, Any]) -> mig.OpResult:
        entity.pop("elevator_count", None)  # and says nothing about it
        return mig.OpResult()

    bad = mig.Step(TEST_VERSION, "1.0.0", (mig.Custom("Building", forgetful),))
    doc = {
        "standard_version": TEST_VERSION,
        "entities": [{"id": "b1", "type": "Building", "elevator_count": 2, "gz:x": 1}],
    }
    mig.unregister_step(TEST_VERSION, "1.0.0")
    try:
        with mig.registered_steps(bad):
            result = mig.migrate_document(doc, "1.0.0")
    finally:
        mig.register_step(test_steps.down)
    assert not result.ok
    assert [(loss.pointer, loss.value) for loss in result.losses] == [
        ("/entities/0/elevator_count", 2)
    ]
    assert "not carried" in result.losses[0].reason


def test_rename_onto_a_set_field_is_a_loss() -> None:
    doc = {
        "standard_version": "1.0.0",
        "entities": [{"id": "b1", "type": "Building", "floors_above": 3, "floors_above_ground": 4}],
    }
    result = mig.migrate_document(doc, TEST_VERSION)
    assert [loss.pointer for loss in result.losses] == ["/entities/0/floors_above"]


def test_find_path_and_unknown_versions(test_version: str, test_steps: Any) -> None:
    assert [s.name for s in mig.find_path("1.0.0", TEST_VERSION)] == [f"1.0.0 -> {TEST_VERSION}"]
    assert mig.find_path("1.0.0", "1.0.0") == []
    with pytest.raises(UsageError, match="unknown target version"):
        mig.migrate_document({"standard_version": "1.0.0"}, "9.9.9")
    with pytest.raises(ValueError, match="already registered"):
        mig.register_step(test_steps.up)


def test_a_document_without_version_is_reported_not_raised() -> None:
    result = mig.migrate_document({"entities": []}, TEST_VERSION)
    assert not result.ok
    assert result.errors
    assert mig.migrate_document([], TEST_VERSION).errors  # type: ignore[arg-type]


# --------------------------------------------------------------------------- files and the CLI

_DOC = {
    "standard": "scds",
    "standard_version": "1.0.0",
    "dataset_id": "d1",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
    "extensions": {"gz": "https://example.gov.cn/gz"},
    "gz:batch": "2026-06",
    "entities": [
        {
            "id": "b1",
            "type": "Building",
            "community_id": "c1",
            "name": {"zh-CN": "1栋"},
            "floors_above": 9,
            "gz:lingnan_style": "qilou",
        },
        {"id": "r1", "type": "Resident", "name": "张三"},
        {"id": "r2", "type": "Resident", "name": "Li Wei"},
    ],
}


@pytest.mark.parametrize("fmt", ["json", "yaml", "ndjson"])
def test_files_migrate_and_fail_on_loss_unless_accepted(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / f"in.{fmt}"
    if fmt == "json":
        src.write_text(json.dumps(_DOC, ensure_ascii=False), "utf-8")
    elif fmt == "yaml":
        src.write_text(yaml.safe_dump(_DOC, allow_unicode=True), "utf-8")
    else:
        env = {k: v for k, v in _DOC.items() if k != "entities"}
        lines = [json.dumps(env, ensure_ascii=False)] + [
            json.dumps(e, ensure_ascii=False) for e in _DOC["entities"]
        ]
        src.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / f"out.{fmt}"
    runner = CliRunner()
    res = runner.invoke(main, ["migrate", str(src), "--to", TEST_VERSION, "--out", str(out)])
    assert res.exit_code == 1, res.output
    assert "Li Wei" in res.output
    assert not out.exists()
    res = runner.invoke(
        main,
        [
            "migrate",
            str(src),
            "--to",
            TEST_VERSION,
            "--out",
            str(out),
            "--accept-loss",
            "-f",
            "json",
        ],
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert [loss["pointer"] for loss in summary["losses"]] == (
        ["/name"] if fmt == "ndjson" else ["/entities/2/name"]
    )
    text = out.read_text("utf-8")
    if fmt == "ndjson":
        records = [json.loads(line) for line in text.splitlines()]
        env, ents = records[0], records[1:]
    else:
        loaded = json.loads(text) if fmt == "json" else yaml.safe_load(text)
        env, ents = loaded, loaded["entities"]
    assert env["standard_version"] == TEST_VERSION
    assert env["gz:batch"] == "2026-06"
    assert ents[0]["floors_above_ground"] == 9
    assert ents[0]["gz:lingnan_style"] == "qilou"
    assert (ents[1]["family_name"], ents[1]["given_name"]) == ("张", "三")
    assert "name" not in ents[2]


def test_unreadable_input_is_not_migrated(tmp_path: Path) -> None:
    src = tmp_path / "dup.json"
    src.write_text(
        '{"standard_version": "1.0.0", "entities": [{"id": "b1", "id": "b2", "type": "Building"}]}',
        "utf-8",
    )
    out = tmp_path / "out.json"
    result = mig.migrate(src, TEST_VERSION, out)
    assert not result.ok
    assert any("SC102" in e for e in result.errors)
    assert not out.exists()


def test_cli_usage_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(_DOC), "utf-8")
    res = CliRunner().invoke(
        main, ["migrate", str(src), "--to", "7.0.0", "--out", str(tmp_path / "o.json")]
    )
    assert res.exit_code == 2
    assert "unknown target version" in res.output
