"""CI integration: the pre-commit hooks, the GitHub Action and the CI examples.

Checked offline, as far as that goes: every file parses; every ``smartstd``
command they run is a real command with real options and known formats; the
action's inputs are all documented and all used, and none is expanded inside
a script; the action's own shell steps run against real data with a fake
runner environment (``GITHUB_OUTPUT``, ``GITHUB_STEP_SUMMARY``).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from smartstd.cli import main as cli_main
from smartstd.reporters import REPORTERS

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "examples" / "ci"
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
VENDORS = ROOT / "docs" / "guides" / "vendors.md"


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- commands


def _dynamic(token: str) -> bool:
    return "$" in token


def check_command(argv: list[str]) -> click.Command:
    """Resolve ``smartstd ...`` against the click group; fail on anything unknown."""
    assert argv, argv
    assert argv[0] == "smartstd", argv
    cmd: click.Command = cli_main
    ctx = click.Context(cmd, info_name="smartstd")
    rest = argv[1:]
    while isinstance(cmd, click.Group) and rest and not rest[0].startswith("-"):
        sub = cmd.get_command(ctx, rest[0])
        assert sub is not None, f"no command {rest[0]!r} in {' '.join(argv)}"
        cmd, rest = sub, rest[1:]
        ctx = click.Context(cmd, info_name=rest[0] if rest else "", parent=ctx)
    assert not isinstance(cmd, click.Group), f"{' '.join(argv)} names a group, not a command"
    options: dict[str, click.Option] = {}
    for param in cmd.get_params(ctx):
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                options[name] = param
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if _dynamic(token) or not token.startswith("-") or token == "-":
            continue
        name, eq, value = token.partition("=")
        param = options.get(name)
        assert param is not None, f"unknown option {name} in: {' '.join(argv)}"
        if param.is_flag or param.count:
            continue
        if not eq:
            assert i < len(rest), f"{name} needs a value in: {' '.join(argv)}"
            value = rest[i]
            i += 1
        if isinstance(param.type, click.Choice) and not _dynamic(value):
            assert value in param.type.choices, f"{name} {value}: not one of {param.type.choices}"
        if name in ("-f", "--format") and not _dynamic(value):
            assert value in REPORTERS, f"unknown report format {value}"
    return cmd


def smartstd_commands(script: str) -> list[list[str]]:
    """Every ``smartstd`` command line in a shell script (continuations joined)."""
    joined = re.sub(r"\\\n\s*", " ", script)
    out = []
    for line in joined.splitlines():
        for part in re.split(r"\|\||&&|;|\|", line):
            part = part.strip()
            if part.startswith("smartstd ") or part == "smartstd":
                out.append(shlex.split(part, comments=True))
    return out


def option_value(argv: list[str], *names: str) -> str | None:
    for i, token in enumerate(argv):
        for name in names:
            if token == name and i + 1 < len(argv):
                return argv[i + 1]
            if token.startswith(name + "="):
                return token.split("=", 1)[1]
    return None


def test_the_checker_catches_bad_commands() -> None:
    check_command(["smartstd", "check", "data/", "--format", "sarif", "--output", "x.sarif"])
    check_command(["smartstd", "schema", "export", "--out", "x"])
    for bad in (
        ["smartstd", "chek", "data/"],
        ["smartstd", "check", "data/", "--formatt", "json"],
        ["smartstd", "check", "data/", "--format", "yaml"],
        ["smartstd", "check", "data/", "--level", "L4"],
        ["smartstd", "schema"],
    ):
        with pytest.raises(AssertionError):
            check_command(bad)


# --------------------------------------------------------------------------- pre-commit


def _hooks() -> dict[str, dict[str, Any]]:
    hooks = _yaml(HOOKS)
    assert isinstance(hooks, list)
    return {h["id"]: h for h in hooks}


def test_pre_commit_hooks() -> None:
    hooks = _hooks()
    assert {"smartstd-check", "smartstd-check-dataset"} <= set(hooks)
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["name"]
        assert hook["description"]
        cmd = check_command(shlex.split(hook["entry"]))
        assert cmd.name == "check"
        files = re.compile(hook["files"])
        for name in ("data/a.json", "b.ndjson", "c.jsonl", "charter.yaml", "d.yml"):
            assert files.search(name), name
        for name in ("a.py", "README.md", "a.json.bak"):
            assert not files.search(name), name
    assert hooks["smartstd-check"]["pass_filenames"] is True
    assert hooks["smartstd-check-dataset"]["pass_filenames"] is False


def test_pre_commit_config_example() -> None:
    config = _yaml(CI / "pre-commit-config.yaml")
    hooks = _hooks()
    used = [h for repo in config["repos"] for h in repo["hooks"]]
    assert used
    for hook in used:
        assert hook["id"] in hooks, f"no hook {hook['id']} in .pre-commit-hooks.yaml"
        spec = hooks[hook["id"]]
        argv = [*shlex.split(spec["entry"]), *hook.get("args", [])]
        if spec.get("pass_filenames", True):
            argv.append("data/requests/2026-06.json")
        check_command(argv)
        re.compile(hook.get("files", spec["files"]))


# --------------------------------------------------------------------------- the action


def _action() -> dict[str, Any]:
    action = _yaml(ACTION)
    assert isinstance(action, dict)
    return action


def test_action_is_composite_and_complete() -> None:
    action = _action()
    assert action["name"]
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash", f"{step['name']}: composite run steps need a shell"


def test_action_inputs_are_documented_and_used() -> None:
    action = _action()
    text = ACTION.read_text(encoding="utf-8")
    runs = yaml.safe_dump(action["runs"]) + yaml.safe_dump(action.get("outputs", {}))
    guide = VENDORS.read_text(encoding="utf-8")
    expected = {
        "paths",
        "level",
        "fail-on",
        "version",
        "python-version",
        "sarif-file",
        "upload-sarif",
    }
    assert expected <= set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert str(spec.get("description", "")).strip(), f"input {name} has no description"
        assert "default" in spec or spec.get("required"), f"input {name}: no default"
        assert re.search(rf"inputs\.{re.escape(name)}\b", runs), f"input {name} is never used"
        assert f"| `{name}` |" in guide, f"input {name} is not in docs/guides/vendors.md"
    for name, spec in action.get("outputs", {}).items():
        assert spec["description"], name
        assert spec["value"], name
    assert "${{ inputs." in text


def test_action_never_expands_inputs_in_scripts() -> None:
    for step in _action()["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], (
                f"{step['name']}: pass inputs through env, not ${{{{ }}}}"
            )


def test_action_commands_are_real() -> None:
    formats = set()
    for step in _action()["runs"]["steps"]:
        for argv in smartstd_commands(step.get("run", "")):
            if argv[1:] == ["--version"]:
                continue
            check_command(argv)
            fmt = option_value(argv, "--format", "-f")
            if fmt:
                formats.add(fmt)
    assert formats == {"sarif", "github"}


_DATASET = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "ci-test",
    "publisher_id": "org-so",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
    "entities": [
        {
            "id": "org-so",
            "type": "Organization",
            "kind": "street_office",
            "name": {"zh-CN": "钟村街道办事处"},
        },
        {
            "id": "c-1",
            "type": "Community",
            "division_code": "440113",
            "name": {"zh-CN": "汉溪社区"},
        },
        {"id": "b-1", "type": "Building", "community_id": "c-1", "name": {"zh-CN": "1 栋"}},
    ],
}


def _expand(value: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs.") :]]
        if expr.startswith("steps.check.outputs."):
            return outputs.get(expr[len("steps.check.outputs.") :], "")
        raise AssertionError(f"unknown expression {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", sub, value)


def _condition(expr: str, inputs: dict[str, str], outputs: dict[str, str]) -> bool:
    """Evaluate the simple ``a == 'x' && b != 'y'`` conditions the action uses."""
    result = True
    for part in expr.split("&&"):
        m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", part)
        assert m, f"condition too complex for this test: {expr}"
        left = _expand("${{ " + m.group(1) + " }}", inputs, outputs)
        result = result and ((left == m.group(3)) == (m.group(2) == "=="))
    return result


def _run_action(
    tmp_path: Path, data: dict[str, Any], **overrides: str
) -> tuple[int, dict[str, str], str, str]:
    """Run the action's shell steps (not the install and upload steps) like a runner would."""
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(overrides)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "community.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    github_output = tmp_path / "github_output"
    summary = tmp_path / "summary.md"
    github_output.touch()
    outputs: dict[str, str] = {}
    log = ""
    code = 0
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install smartstd":
            continue
        if "if" in step and not _condition(step["if"], inputs, outputs):
            continue
        env = {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": str(tmp_path),
            "GITHUB_OUTPUT": str(github_output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "NO_COLOR": "1",
        }
        env.update({k: _expand(str(v), inputs, outputs) for k, v in step.get("env", {}).items()})
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        log += proc.stdout + proc.stderr
        code = proc.returncode
        for line in github_output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if code != 0:
            break
    return code, outputs, log, summary.read_text(encoding="utf-8") if summary.exists() else ""


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@needs_bash
def test_action_steps_pass_conformant_data(tmp_path: Path) -> None:
    code, outputs, log, summary = _run_action(tmp_path, _DATASET, paths="data/")
    assert code == 0, log
    assert outputs["exit-code"] == "0"
    sarif = json.loads((tmp_path / "smartstd.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert summary.strip(), "the github format should write the job summary"


@needs_bash
def test_action_steps_fail_on_bad_data(tmp_path: Path) -> None:
    data = json.loads(json.dumps(_DATASET))
    data["entities"][2]["grid_id"] = "g-404"
    code, outputs, log, summary = _run_action(
        tmp_path,
        data,
        paths="data/community.json",
        lang="zh-CN",
        **{"sarif-file": "out/report.sarif"},
    )
    assert code == 1, log
    assert outputs["exit-code"] == "1"
    assert "::error file=data/community.json" in log, "annotations are written"
    assert "::error title=smartstd::" in log
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["SC202"]
    assert "SC202" in summary


@needs_bash
def test_action_steps_report_bad_usage(tmp_path: Path) -> None:
    code, outputs, log, _ = _run_action(tmp_path, _DATASET, paths="data/", args="--select SC999")
    assert code == 2, log
    assert outputs["exit-code"] == "2"


# --------------------------------------------------------------------------- worked CI files


def test_github_actions_example() -> None:
    workflow = _yaml(CI / "github-actions.yml")
    inputs = set(_action()["inputs"])
    assert workflow["permissions"]["security-events"] == "write"
    seen_action = False
    for job in workflow["jobs"].values():
        sarif_outputs = set()
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith("smartstd/smartstd@"):
                seen_action = True
                unknown = set(step.get("with", {})) - inputs
                assert not unknown, f"inputs not in action.yml: {unknown}"
                args = step.get("with", {}).get("args", "")
                check_command(["smartstd", "check", "data/", *shlex.split(args)])
            for argv in smartstd_commands(step.get("run", "")):
                check_command(argv)
                if option_value(argv, "--format", "-f") == "sarif":
                    sarif_outputs.add(option_value(argv, "--output", "-o"))
            if uses.startswith("github/codeql-action/upload-sarif@"):
                assert step["with"]["sarif_file"] in sarif_outputs
    assert seen_action


def test_gitlab_example() -> None:
    pipeline = _yaml(CI / "gitlab-ci.yml")
    jobs = {k: v for k, v in pipeline.items() if isinstance(v, dict) and "script" in v}
    assert jobs
    for job in jobs.values():
        junit_outputs = set()
        lines = [*job.get("before_script", []), *job["script"], *job.get("after_script", [])]
        commands = [argv for line in lines for argv in smartstd_commands(line)]
        assert commands
        for argv in commands:
            check_command(argv)
            if option_value(argv, "--format", "-f") == "junit":
                junit_outputs.add(option_value(argv, "--output", "-o"))
        assert job["artifacts"]["reports"]["junit"] in junit_outputs
        assert job["artifacts"]["when"] == "always"


def test_vendors_guide_shows_the_ci_files() -> None:
    guide = VENDORS.read_text(encoding="utf-8")
    for path in sorted(CI.iterdir()):
        assert f'--8<-- "examples/ci/{path.name}"' in guide, (
            f"{path.name} is not in the vendors' guide"
        )
