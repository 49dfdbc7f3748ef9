"""The Python API's errors say what is wrong in Chinese and in English.

A raise site of ``ValueError``, ``KeyError`` or ``TypeError`` with its own
(English-only) text is found by reading the source with :mod:`ast`; the
library raises :class:`~smartstd.errors.UsageError` (or one of its
subclasses, which are also the builtin callers catch) with a catalogue key
instead. A few raises no user can reach stay, each with its reason below.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import locale
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from smartstd import generate
from smartstd.cli import main
from smartstd.errors import (
    ConfigError,
    SmartstdError,
    UnknownNameError,
    UnsupportedTypeError,
    UsageError,
)
from smartstd.graph.model import as_charter
from smartstd.identifiers import hash_id_number, mask_mobile, parent_division
from smartstd.io.limits import Limits
from smartstd.pointer import pointer_to_path
from smartstd.reporters import get_reporter
from smartstd.rules.catalogue import get_rule, select_codes
from smartstd.standard.modelset import models_for
from smartstd.versions import Version

SRC = Path(__file__).resolve().parents[1] / "src" / "smartstd"
_BUILTINS = {"ValueError", "KeyError", "TypeError"}

#: Folders whose raise sites their owners convert (other work of the same
#: session): conversion issues, the cluster and checker, indicators, SC2xx/SC8xx.
_ELSEWHERE = ("conformance/", "assessment/", "interchange/", "rules/sc2/", "rules/sc8/")

#: (file, function, exception): why the raise stays as it is.
_ALLOWED = {
    ("errors.py", "__init__", "TypeError"): (
        "SmartstdError() with neither a message nor a key: a bug in the caller's code, "
        "and the catalogue cannot say it before there is a key"
    ),
    ("_docgen/markdown.py", "iso", "TypeError"): (
        "json.dumps's default= hook must raise TypeError; it runs only when the docs are built"
    ),
    ("reporters/_indented.py", "_key", "TypeError"): (
        "the fast JSON writer refuses what json.JSONEncoder refuses, with its errors; reports "
        "pass it jsonable() values, so only a bug in the caller's code reaches it"
    ),
    ("reporters/_indented.py", "_scalar", "TypeError"): (
        "as json.JSONEncoder does for an object JSON has no form for (see _key)"
    ),
    ("reporters/_indented.py", "_scalar", "ValueError"): (
        "as json.JSONEncoder(allow_nan=False) does for NaN and the infinities (see _key)"
    ),
}


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _raises_in(source: str) -> list[tuple[str, str, int]]:
    """``(function, exception, line)`` of each raise of a builtin ``ValueError`` & co."""
    tree = ast.parse(source)
    functions = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        name = exc.id if isinstance(exc, ast.Name) else getattr(exc, "attr", "")
        if name not in _BUILTINS:
            continue
        inside = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)]
        owner = max(inside, key=lambda f: f.lineno).name if inside else "<module>"
        found.append((owner, name, node.lineno))
    return sorted(found, key=lambda site: site[2])


@functools.cache
def _builtin_raises() -> list[tuple[str, str, str, int]]:
    """``(file, function, exception, line)`` for the package, but the folders of others."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(_ELSEWHERE) or "/cases/" in rel:
            continue
        found += [(rel, *site) for site in _raises_in(path.read_text(encoding="utf-8"))]
    return found


def test_the_walk_sees_the_allowed_raises() -> None:
    seen = {(rel, fn, name) for rel, fn, name, _ in _builtin_raises()}
    assert set(_ALLOWED) <= seen  # an allow-list entry that matches nothing is stale


def test_no_builtin_error_with_english_only_text() -> None:
    offenders = [
        f"{rel}:{line} in {fn}(): raise {name}(...)"
        for rel, fn, name, line in _builtin_raises()
        if (rel, fn, name) not in _ALLOWED
    ]
    assert not offenders, (
        "raise UsageError(key=..., **fields) (UnknownNameError for a KeyError, "
        "UnsupportedTypeError for a TypeError) and add the key to "
        "smartstd/_error_messages.py:\n" + "\n".join(offenders)
    )


def test_the_walk_flags_each_builtin_raise_and_names_its_function() -> None:
    source = (
        "class C:\n"
        "    def f(self, x):\n"
        "        if x:\n"
        '            raise ValueError(f"bad {x}")\n'
        "        raise builtins.KeyError(x)\n"
        "def g():\n"
        "    raise TypeError\n"
        "def h():\n"
        '    raise UsageError(key="no_such_file", path="p")\n'
    )
    assert _raises_in(source) == [
        ("f", "ValueError", 4),
        ("f", "KeyError", 5),
        ("g", "TypeError", 7),
    ]


@pytest.mark.parametrize(
    ("call", "kind", "english", "chinese"),
    [
        (lambda: mask_mobile("12345"), UsageError, "not a mainland mobile number", "手机号码"),
        (lambda: hash_id_number("11010519491231002X", ""), UsageError, "salt", "盐值"),
        (lambda: parent_division("99"), UsageError, "not a division code", "行政区划代码"),
        (lambda: pointer_to_path("a/b"), UsageError, "a JSON Pointer starts with '/'", "JSON 指针"),
        (lambda: Version.parse("1.x"), UsageError, "not a version", "不是版本号"),
        (lambda: Limits(max_depth=0), UsageError, "Limits.max_depth must be", "不小于 1 的整数"),
        (lambda: generate.counts_for("huge"), UsageError, "unknown scale 'huge'", "未知的规模"),
        (lambda: generate.Counts(communities=0), UsageError, "communities", "至少为 1"),
        (
            lambda: next(generate.generate(generated_at=dt.datetime(2026, 5, 1))),
            UsageError,
            "generated_at must carry a time zone offset",
            "时区偏移",
        ),
        (lambda: get_rule("SC999"), UnknownNameError, "no rule 'SC999'", "没有规则"),
        (lambda: select_codes(["nope"]), UnknownNameError, "no rule matches 'nope'", "匹配"),
        (lambda: get_reporter("pdf"), UnknownNameError, "unknown report format 'pdf'", "报告格式"),
        (lambda: models_for("0.9.0"), UnknownNameError, "no models for SCDS 0.9.0", "模型"),
        (lambda: as_charter(nx.Graph()), UnsupportedTypeError, "not built by", "不是由"),
    ],
)
def test_a_converted_error_says_itself_in_both_languages(
    call: object, kind: type[SmartstdError], english: str, chinese: str
) -> None:
    with pytest.raises(kind) as info:
        call()  # type: ignore[operator]
    exc = info.value
    assert exc.key is not None
    assert english in str(exc) and english in exc.message("en")
    zh = exc.message("zh-CN")
    assert chinese in zh and _chinese(zh)
    assert not _chinese(str(exc))
    assert isinstance(exc, ValueError)  # ``except ValueError`` callers keep working


def test_the_offending_value_is_in_the_message() -> None:
    with pytest.raises(UsageError) as info:
        generate.counts_for("community", households=10_000)
    assert "Counts.households (10000) cannot exceed Counts.dwellings (" in str(info.value)
    assert "10000" in info.value.message("zh-CN")
    with pytest.raises(UsageError) as info:
        list(generate.generate(division_code="110101"))
    assert "'110101'" in str(info.value) and "440113" in str(info.value)


def test_an_identity_number_is_never_repeated() -> None:
    number = "11010519491231002Y"
    with pytest.raises(UsageError) as info:
        hash_id_number(number, "salt")
    assert number not in str(info.value) and number not in info.value.message("zh-CN")


def test_lookups_stay_key_errors_and_say_their_text_not_its_repr() -> None:
    with pytest.raises(KeyError) as info:
        get_rule("SC999")
    assert str(info.value) == "no rule 'SC999'; smartstd rules lists them all"
    with pytest.raises(KeyError, match=r"1\.0\.0, 1\.1\.0"):
        models_for("9.9.9")
    with pytest.raises(TypeError, match="build_graph"):
        as_charter(nx.DiGraph())


def test_an_error_inside_a_config_error_is_said_in_the_same_language(tmp_path: Path) -> None:
    from smartstd.config import load_config

    cfg = tmp_path / "smartstd.toml"
    cfg.write_text("[limits]\nmax_depth = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert str(info.value) == f"{cfg}: Limits.max_depth must be an integer >= 1, not 0"
    assert info.value.message("zh-CN").endswith("Limits.max_depth 必须是不小于 1 的整数，而不是 0")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in the environment names a language: the CLI speaks Chinese."""
    for var in ("SMARTSTD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *args: (None, None))


@pytest.mark.usefixtures("no_locale")
def test_the_cli_says_a_library_error_in_chinese_by_default_and_english_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate, "_YAML_MAX_ENTITIES", 10)
    args = ["generate", "--format", "yaml", "-o", str(tmp_path / "g.yaml")]
    zh = CliRunner().invoke(main, args)
    assert zh.exit_code == 2, zh.output  # a usage error, no longer an internal one (3)
    assert "smartstd：错误：YAML 只用于小规模输出（至多 10 个实体）" in zh.stderr
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert en.exit_code == 2, en.output
    assert "smartstd: error: YAML output is for small outputs (at most 10 entities)" in en.stderr
    assert "write json or ndjson instead" in en.stderr
    assert list(tmp_path.iterdir()) == []  # no empty g.yaml, no part left behind


def test_a_failed_generate_leaves_the_output_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate, "_YAML_MAX_ENTITIES", 10)
    out = tmp_path / "g.yaml"
    out.write_text("kept: true\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["generate", "--format", "yaml", "-o", str(out)])
    assert run.exit_code == 2
    assert out.read_text(encoding="utf-8") == "kept: true\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml"]
    ok = CliRunner().invoke(main, ["generate", "--scale", "community", "-o", str(out), "-q"])
    assert ok.exit_code == 0, ok.output
    assert out.read_text(encoding="utf-8").startswith("{")


@pytest.mark.usefixtures("no_locale")
def test_the_cli_says_a_bad_limit_in_either_language(tmp_path: Path) -> None:
    cfg = tmp_path / "smartstd.toml"
    cfg.write_text("[limits]\nmax_yaml_aliases = -1\n", encoding="utf-8")
    data = tmp_path / "d.json"
    data.write_text('{"entities": []}', encoding="utf-8")
    args = ["check", "--config", str(cfg), str(data)]
    zh = CliRunner().invoke(main, args)
    assert zh.exit_code == 2
    assert "Limits.max_yaml_aliases 必须是不小于 0 的整数，而不是 -1" in zh.stderr
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert en.exit_code == 2
    assert "Limits.max_yaml_aliases must be an integer >= 0, not -1" in en.stderr
