"""A profile's regular expressions are matched in linear time: no profile can stop a check.

JSON Schema validators in Python match ``pattern`` with :mod:`re`, which
backtracks: ``^(a+)+$`` takes exponential time on ``aaa…a!``. A profile
declaring such a pattern on a field made ``smartstd check`` run for ever on
one 40-character value. Profiles' patterns are now matched by the Rust regex
engine inside pydantic-core (linear in the text), and a pattern that engine
cannot match (look-around, back-references) is a problem of the profile,
said where.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import smartstd
from smartstd.cli import main
from smartstd.errors import ConfigError
from smartstd.profiles import load_profile
from smartstd.schemas._regex import linear_problem, linear_search, linear_validator, patterns_in

EXAMPLE = Path(__file__).parents[2] / "examples" / "guangzhou-panyu"
EVIL = "^(a+)+$"


def _profile(tmp_path: Path, schema: dict[str, Any], constraint: str | None = None) -> Path:
    data = yaml.safe_load((EXAMPLE / "profile.yaml").read_text("utf-8"))
    data["fields"]["Building"]["gz:code"] = {
        "title": {"zh-CN": "代码", "en": "Code"},
        "schema": schema,
    }
    if constraint is not None:
        data["constraints"]["fields"]["Community"]["division_code"] = {"pattern": constraint}
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def _dataset(tmp_path: Path, value: Any) -> Path:
    doc = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
    doc["entities"] = [e for e in doc["entities"] if e["type"] in ("Organization", "Building")]
    building = next(e for e in doc["entities"] if e["type"] == "Building")
    building["gz:code"] = value
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def test_a_backtracking_pattern_does_not_stop_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exponential in Python's re: 2^60 steps on this value; linear here."""
    import re

    real = re.search

    def guarded(pattern: Any, string: Any, flags: int = 0) -> Any:
        assert pattern != EVIL, "the profile's pattern went to Python's backtracking re"
        return real(pattern, string, flags)

    monkeypatch.setattr(re, "search", guarded)
    profile = _profile(tmp_path, {"type": "string", "pattern": EVIL})
    data = _dataset(tmp_path, "a" * 60 + "!")
    report = smartstd.check(str(data), level="L2", profiles=[str(profile)])
    hits = [f for f in report.findings if f.code == "SC702"]
    assert [(f.entity_type, f.path[-1]) for f in hits] == [("Building", "gz:code")]
    assert hits[0].params["constraint"] == "pattern"


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "pattern": "^(?!x)a+$"},
        {"type": "string", "pattern": r"^(a)\1$"},
        {"type": "object", "patternProperties": {"^(?<=a)b": {"type": "string"}}},
        {"type": "array", "items": {"type": "string", "pattern": "(?=a)"}},
        {"type": "object", "propertyNames": {"pattern": "(?!z)"}},
    ],
    ids=["look-ahead", "back-reference", "pattern-properties", "in-items", "property-names"],
)
def test_a_pattern_the_linear_engine_cannot_match_is_a_problem(
    tmp_path: Path, schema: dict[str, Any]
) -> None:
    with pytest.raises(ConfigError) as info:
        load_profile(_profile(tmp_path, schema))
    text = info.value.message("en")
    assert 'fields.Building["gz:code"].schema' in text
    assert "linear time" in text and "线性时间" in info.value.message("zh-CN")
    assert "线性时间" not in text  # each language says it in its own words


def test_a_constraint_pattern_is_checked_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_profile(_profile(tmp_path, {"type": "string"}, constraint="^(?!440)\\d{6}$"))
    assert "constraints.fields.Community.division_code.pattern" in info.value.message("en")


def test_the_cli_refuses_the_profile_and_says_where(tmp_path: Path) -> None:
    path = _profile(tmp_path, {"type": "string", "pattern": "(?<!a)b"})
    run = CliRunner().invoke(main, ["profile", "check", str(path), "--lang", "zh-CN"])
    assert run.exit_code == 1, run.output
    assert "线性时间" in run.output + run.stderr


def test_patterns_in_finds_every_pattern() -> None:
    schema = {
        "type": "object",
        "properties": {
            "pattern": {"type": "string", "pattern": "a"},  # a property named "pattern"
            "b": {"items": [{"pattern": "b"}]},
        },
        "patternProperties": {"^c": {"pattern": "d"}},
        "propertyNames": {"pattern": "e"},
        "enum": [{"pattern": "not a schema"}],
    }
    found = sorted(p for _, p in patterns_in(schema))
    assert found == ["^c", "a", "b", "d", "e"]


#: Patterns both engines take, and texts to try them on.
PATTERNS = ["^[a-z]+$", "a|b", "^4401(0[3-6]|1[1-578])$", "[0-9]{3}-[0-9]{4}", "x*y?z", "中文"]
TEXTS = st.text(alphabet="abxyz0123456789-中文 \n", max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), TEXTS)
def test_linear_search_agrees_with_re_where_both_apply(pattern: str, text: str) -> None:
    import re

    assert linear_problem(pattern) is None
    expected = re.search(pattern, text) is not None
    if "$" in pattern and text.endswith("\n"):  # re's $ also matches before a final newline
        return
    assert linear_search(pattern, text) is expected


def test_the_validator_matches_pattern_properties_and_additional_properties() -> None:
    schema = {
        "type": "object",
        "patternProperties": {"^(a+)+$": {"type": "integer"}},
        "additionalProperties": False,
    }
    validator = linear_validator()(schema)
    assert validator.is_valid({"aaa": 1})
    assert not validator.is_valid({"aaa": "x"})
    assert not validator.is_valid({"a" * 60 + "!": 1})  # an extra, found in linear time
    assert validator.is_valid({"a" * 60: 2})


def test_a_lone_surrogate_is_left_to_re() -> None:
    assert linear_search("^a", "a\ud800")
    assert not linear_search("^b", "a\ud800")


# --------------------------------------------------------------------------- uniqueItems

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([0.0, 1.0, 2.5])
    | st.text("ab", max_size=2),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text("ab", max_size=2), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(json_values, max_size=6))
def test_unique_items_agrees_with_jsonschema(items: list[Any]) -> None:
    from jsonschema._utils import uniq

    from smartstd.schemas._regex import unique_json

    assert unique_json(items) == uniq(items)
    assert linear_validator()({"uniqueItems": True}).is_valid(items) == uniq(items)


@pytest.fixture
def no_pairwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema's own uniqueItems test (every pair of items it cannot sort) fails the test."""
    import jsonschema._keywords
    import jsonschema._utils

    def pairwise(container: Any) -> bool:
        raise AssertionError("uniqueItems went to jsonschema's pairwise comparison")

    monkeypatch.setattr(jsonschema._utils, "uniq", pairwise)
    monkeypatch.setattr(jsonschema._keywords, "uniq", pairwise)


@pytest.mark.usefixtures("no_pairwise")
def test_unique_items_on_a_large_array_is_not_quadratic(tmp_path: Path) -> None:
    # a profile field of unique items and a record of 8,000 objects in it took
    # 205 s (jsonschema compares every pair of items it cannot sort)
    profile = _profile(tmp_path, {"type": "array", "uniqueItems": True})
    items: list[Any] = [{"k": i} for i in range(8_000)]
    clean = smartstd.check(str(_dataset(tmp_path, items)), level="L2", profiles=[str(profile)])
    assert not [f for f in clean.findings if f.code == "SC702"]
    report = smartstd.check(
        str(_dataset(tmp_path, [*items, {"k": 7}])), level="L2", profiles=[str(profile)]
    )
    hits = [f for f in report.findings if f.code == "SC702"]
    assert [(f.path[-1], f.params["constraint"]) for f in hits] == [("gz:code", "uniqueItems")]


@pytest.mark.usefixtures("no_pairwise")
def test_a_profile_of_many_unhashable_list_items_is_refused_without_pairwise_comparison(
    tmp_path: Path,
) -> None:
    # the meta-schema asks for unique items in `required`; 20,000 objects there
    # were compared pair by pair before the profile was refused
    path = _profile(tmp_path, {"type": "string"})
    data = yaml.safe_load(path.read_text("utf-8"))
    data["required"]["Building"] = [{"n": i} for i in range(20_000)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert "required" in info.value.message("en")
