"""Every command speaks Chinese by default and English on request: each takes ``--lang``."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from smartstd.cli import main


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main)
    out: list[tuple[str, click.Command]] = []
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        assert cmd is not None
        if isinstance(cmd, click.Group):
            sub = click.Context(cmd, parent=ctx)
            for child in cmd.list_commands(sub):
                found = cmd.get_command(sub, child)
                assert found is not None
                out.append((f"{name} {child}", found))
        else:
            out.append((name, cmd))
    return out


def test_every_command_takes_lang() -> None:
    commands = _commands()
    assert len(commands) > 20
    missing = [
        name
        for name, cmd in commands
        if not any(isinstance(p, click.Option) and "--lang" in p.opts for p in cmd.params)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "missing", "differs"),
    [("zh-CN", "缺少：", "与模型不一致："), ("en", "missing: ", "differs from the models: ")],
)
def test_schema_check_says_its_problems_in_the_language_asked(
    tmp_path: Path, lang: str, missing: str, differs: str
) -> None:
    folder = tmp_path / "s"
    assert CliRunner().invoke(main, ["schema", "export", "--out", str(folder)]).exit_code == 0
    (folder / "Alert.schema.json").unlink()
    with (folder / "Grid.schema.json").open("a", encoding="utf-8") as fh:
        fh.write("x")
    run = CliRunner().invoke(main, ["schema", "check", "--dir", str(folder), "--lang", lang])
    assert run.exit_code == 1
    assert f"{missing}{folder / 'Alert.schema.json'}" in run.stderr
    assert f"{differs}{folder / 'Grid.schema.json'}" in run.stderr
