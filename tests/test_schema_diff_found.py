r"""What the differential tests found, one case each: models, schemas and validators disagreed.

* The models matched extension keys and namespaced codes with Python's
  ``re.match``, whose ``$`` also matches before a final newline: they took
  ``"gz:x\n"`` as an extension key and ``"gz:local\n"`` as a code, which the
  schemas refuse (and ``smartstd check`` said SC107, an undeclared prefix).
* The email pattern's ``\s`` means ECMA-262's white space in a JSON Schema;
  the models read it with Rust's (pydantic-core), so they refused U+0085 and
  accepted U+FEFF, the reverse of Ajv.
* :func:`smartstd.schemas.validator_for` matched patterns with Python's
  ``re`` and checked no format: it accepted the id ``"c1\n"``.
* ``indicator.schema.json`` did not compile in Ajv's strict mode.

差分测试发现的不一致，每项一个用例。
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pydantic import ValidationError

import smartstd
from schemadiff import ROOT, VERSIONS, ajv_compile, ajv_verdicts, model_verdict
from smartstd import schemas
from smartstd._ecma import ECMA_SPACE, ecma_problem, ecma_source
from smartstd.cli import main
from smartstd.schemas._regex import linear_search, same_meaning
from smartstd.standard import models_for
from smartstd.standard.organization import EMAIL_PATTERN

ORG = {"id": "o1", "type": "Organization", "name": {"en": "x"}, "kind": "street_office"}
COMMUNITY = {"id": "c1", "type": "Community", "name": {"en": "x"}, "division_code": "440113"}


def _email(text: str) -> dict[str, Any]:
    return {**ORG, "contact": {"email": text}}


#: ECMA-262's verdict on an email with a character inside: white space (refused) or not.
EMAILS = {
    "a\u0085b@c.cn": True,  # NEL: Unicode's white space, not ECMA-262's
    "a\ufeffb@c.cn": False,  # BOM: ECMA-262's white space, not Unicode's
    "a\u001cb@c.cn": True,  # a separator Python's \s counts, ECMA-262's does not
    "a\u00a0b@c.cn": False,
    "a\u3000b@c.cn": False,
    "a\u2028b@c.cn": False,
    "a\u180eb@c.cn": True,  # no longer white space in Unicode
    "a b@c.cn": False,
    "a\tb@c.cn": False,
    "a\u000bb@c.cn": False,
    "ab@c.cn": True,
    "ab@c.cn\n": False,
}


# --------------------------------------------------------------- the models


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key", ["gz:x\n", "gz:x\r", "gz:x\n\n"])
def test_an_extension_key_with_a_final_newline_is_refused(version: str, key: str) -> None:
    assert not model_verdict(version, {**COMMUNITY, key: 1})
    assert model_verdict(version, {**COMMUNITY, "gz:x": 1})


@pytest.mark.parametrize("version", VERSIONS)
def test_a_namespaced_code_with_a_final_newline_is_refused(version: str) -> None:
    assert not model_verdict(version, {**ORG, "kind": "gz:local\n"})
    assert model_verdict(version, {**ORG, "kind": "gz:local"})


@pytest.mark.parametrize("version", VERSIONS)
def test_timestamps_and_dates_with_a_final_newline_are_refused(version: str) -> None:
    pilot = {
        "id": "p1",
        "type": "Pilot",
        "name": {"en": "x"},
        "standard_version": version,
        "starts_on": "2026-01-01",
    }
    obs = {
        "id": "ob1",
        "type": "Observation",
        "device_id": "d1",
        "observed_at": "2026-01-01T00:00:00+08:00",
        "property": "pm25",
        "value": 1,
    }
    assert model_verdict(version, pilot) and model_verdict(version, obs)
    assert not model_verdict(version, {**pilot, "starts_on": "2026-01-01\n"})
    assert not model_verdict(version, {**obs, "observed_at": "2026-01-01T00:00:00+08:00\n"})


def test_check_calls_such_a_key_unknown_not_an_undeclared_prefix(tmp_path: Path) -> None:
    doc = {
        "standard": "scds",
        "standard_version": "1.1.0",
        "dataset_id": "d",
        "publisher_id": "o1",
        "generated_at": "2026-06-30T18:00:00+08:00",
        "classification": "internal",
        "entities": [{**ORG, "gz:x\n": 1}, {**ORG, "id": "o2", "kind": "gz:local\n"}],
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps(doc), "utf-8")
    found = sorted((f.code, f.pointer) for f in smartstd.check(str(path)).findings)
    assert found == [("SC103", "/entities/1/kind"), ("SC106", "/entities/0/gz:x\n")]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("email", "ok"), list(EMAILS.items()))
def test_the_email_pattern_means_ecma_262_white_space(version: str, email: str, ok: bool) -> None:
    assert model_verdict(version, _email(email)) is ok
    assert schemas.validator_for("Organization", version).is_valid(_email(email)) is ok


def test_the_email_pattern_reads_alike_in_python_rust_and_ecma_262(tmp_path: Path) -> None:
    """1.1.0 writes ECMA-262's white space out: Python's ``re`` agrees too; 1.0.0 (frozen) keeps ``\\s``."""
    new = schemas.load_schema("Organization", "1.1.0")["$defs"]["Contact"]["properties"]["email"]
    old = schemas.load_schema("Organization", "1.0.0")["$defs"]["Contact"]["properties"]["email"]
    (new_pattern,) = [b["pattern"] for b in new["anyOf"] if "pattern" in b]
    (old_pattern,) = [b["pattern"] for b in old["anyOf"] if "pattern" in b]
    assert new_pattern == EMAIL_PATTERN and "\\s" not in new_pattern
    assert old_pattern == r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    assert same_meaning(old_pattern, new_pattern)
    for email, ok in EMAILS.items():
        if not email.endswith("\n"):
            assert (re.search(new_pattern, email) is not None) is ok, repr(email)
    theirs = ajv_verdicts(
        "1.1.0", [("Organization.schema.json", _email(e)) for e in EMAILS], tmp_path
    )
    assert theirs == list(EMAILS.values())
    theirs = ajv_verdicts(
        "1.0.0", [("Organization.schema.json", _email(e)) for e in EMAILS], tmp_path
    )
    assert theirs == list(EMAILS.values())


# ----------------------------------------------------------------- validators


@pytest.mark.parametrize("version", VERSIONS)
def test_validator_for_reads_patterns_as_ecma_262(version: str) -> None:
    validator = schemas.validator_for("entity", version)
    assert validator.is_valid(COMMUNITY)
    for bad in ({**COMMUNITY, "id": "c1\n"}, {**COMMUNITY, "division_code": "440113\n"}):
        assert not validator.is_valid(bad)
        with pytest.raises(ValidationError):
            models_for(version).entity_adapter().validate_python(bad)
    # plain jsonschema (Python's re) is the one that accepts it
    plain = Draft202012Validator(
        schemas.load_schema("entity", version), registry=schemas.registry(version)
    )
    assert plain.is_valid({**COMMUNITY, "id": "c1\n"})


def test_validator_for_checks_formats() -> None:
    validator = schemas.validator_for("dataset")
    assert validator.format_checker is not None
    assert "date" in validator.format_checker.checkers


@pytest.mark.parametrize(
    ("pattern", "text", "ok"),
    [
        (r"^\d+$", "123", True),
        (r"^\d+$", "\u0661\u0662", False),  # Arabic-Indic digits: \d is ASCII in ECMA-262
        (r"^\w+$", "\u00e9", False),
        (r"^a$", "a\n", False),
        (r"^a.b$", "a\rb", False),
        (r"^a.b$", "a\u2028b", False),
        (r"^a.b$", "a\u0085b", True),
        (r"^\s$", "\ufeff", True),
        (r"^\s$", "\u0085", False),
        (r"^\S$", "\u001c", True),
        (r"^[\d-]+$", "1-2", True),
        (r"^(?<y>\d{4})$", "2026", True),
    ],
)
def test_patterns_are_matched_as_ecma_262(pattern: str, text: str, ok: bool) -> None:
    assert linear_search(pattern, text) is ok
    assert (re.search(ecma_source(pattern), text) is not None) is ok


def test_ecma_space_is_what_ecma_262_calls_white_space() -> None:
    # WhiteSpace (TAB, VT, FF, ZWNBSP and the Zs category) and LineTerminator (LF, CR, LS, PS)
    expected = {chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Zs"}
    expected |= set("\t\n\v\f\r\u2028\u2029\ufeff")
    space = re.compile(f"[{ECMA_SPACE}]")
    assert {chr(c) for c in range(0x110000) if space.fullmatch(chr(c))} == expected


def test_schema_diff_of_the_releases_is_still_minor() -> None:
    result = CliRunner().invoke(main, ["schema", "diff", "schemas/1.0.0", "schemas/1.1.0"])
    assert result.exit_code == 0, result.output
    assert "Contact.email" not in result.output and "email" not in result.output


# ------------------------------------------------------- strict independent loading


def _published() -> list[Path]:
    return sorted(ROOT.glob("schemas/*/*.schema.json"))


def _package_data() -> list[Path]:
    return sorted((ROOT / "src" / "smartstd" / "data").glob("*.schema.json"))


@pytest.mark.parametrize("path", _published() + _package_data(), ids=lambda p: p.name)
def test_every_published_schema_passes_the_metaschema(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


@pytest.mark.parametrize(
    "files",
    [
        sorted((ROOT / "schemas" / "1.0.0").glob("*.schema.json")),
        sorted((ROOT / "schemas" / "1.1.0").glob("*.schema.json")),
        sorted((ROOT / "src" / "smartstd" / "data").glob("*.schema.json")),
    ],
    ids=["1.0.0", "1.1.0", "package-data"],
)
def test_ajv_in_its_strictest_mode_compiles_every_schema(files: list[Path]) -> None:
    said = ajv_compile(files)
    assert len(said) == len(files)
    refused = {name: why for name, why in said.items() if why != "ok"}
    assert not refused, refused


def test_a_profiles_effective_schemas_compile_in_ajvs_strictest_mode(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    result = CliRunner().invoke(
        main,
        [
            "profile",
            "build",
            str(ROOT / "examples" / "guangzhou-panyu" / "profile.yaml"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.schema.json"))
    assert len(files) > 20
    said = ajv_compile(files)
    refused = {name: why for name, why in said.items() if why != "ok"}
    assert not refused, refused


# ----------------------------------------------------------- a profile's patterns

#: Patterns Python's ``re`` compiles; some ECMA-262 (``u`` flag, as Ajv) refuses.
PATTERNS = (
    r"^4401(0[3-6]|1[1-578])$",
    r"^4401\:(0[3-6])$",
    r"^4401\-0[3-6]$",
    r"^[a-z\-]+$",
    r"^(?P<a>4401)$",
    r"^4401\_$",
    r"a{,3}",
    r"a{2,3}",
    r"a{2,}",
    r"a}",
    r"(?i)abc",
    r"(?:ab)+",
    r"^\d{6}$",
    r"^[\w.]+@[\w.]+$",
    r"\.\/\(\)\[\]\{\}\|\?\*\+\^\$",
    r"\Aabc\Z",
    r"^[^@\s]+$",
    r"^\x41\u0042$",
    r"^\t\n\r\f\v$",
)


def test_ecma_problem_says_what_ajvs_engine_says(tmp_path: Path) -> None:
    """:func:`smartstd._ecma.ecma_problem` refuses exactly what JavaScript's ``RegExp(p, "u")`` does."""
    import subprocess

    from schemadiff import node

    for p in PATTERNS:
        re.compile(p)
    script = tmp_path / "re.js"
    script.write_text(
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(ps.map((p) => { try { new RegExp(p, 'u'); return true; }"
        " catch (e) { return false; } })));\n",
        "utf-8",
    )
    run = subprocess.run(
        [node(), str(script)],
        input=json.dumps(PATTERNS),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    theirs = json.loads(run.stdout)
    ours = [ecma_problem(p) is None for p in PATTERNS]
    assert ours == theirs, [p for p, a, b in zip(PATTERNS, ours, theirs, strict=True) if a != b]
    assert not all(ours) and any(ours)


@pytest.mark.parametrize("pattern", [r"^4401\:(0[3-6])$", r"^(?P<a>4401)(0[3-6])$", r"^4401\_$"])
def test_profile_check_refuses_a_pattern_json_schemas_engines_refuse(
    pattern: str, tmp_path: Path
) -> None:
    text = (ROOT / "examples" / "guangzhou-panyu" / "profile.yaml").read_text("utf-8")
    good = 'division_code: {pattern: "^4401(0[3-6]|1[1-578])$"}'
    assert good in text
    path = tmp_path / "profile.yaml"
    path.write_text(text.replace(good, f"division_code: {{pattern: '{pattern}'}}"), "utf-8")
    result = CliRunner().invoke(main, ["profile", "check", str(path), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "not an ECMA-262 regular expression" in result.output
    zh = CliRunner().invoke(main, ["profile", "check", str(path), "--lang", "zh-CN"])
    assert "不是 JSON Schema 所用的 ECMA-262 正则表达式" in zh.output
