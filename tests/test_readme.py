"""Every command the README shows runs as written (in a scratch folder beside the examples)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_BLOCK = re.compile(r"```(console|bash|sh)\n(.*?)```", re.S)
_EXITS = re.compile(r"#\s*exits\s+(\d+)")

#: Commands the test does not run, and why (installs, the whole CI, a docs build,
#: and `schema export`, which rewrites the checkout's own schemas in place).
NOT_RUN = {
    "pip ": "installs packages",
    "python3 -m venv": "creates a virtual environment and installs",
    "python -m pytest": "the test suite itself",
    "ruff ": "lint, run by CI",
    "mkdocs ": "the docs build, run by CI",
    "bash .ci/run": "all of CI",
    "smartstd schema export": "rewrites the checkout's schemas (tests/test_schemas.py covers it)",
    "python benchmarks/": "benchmarks, run by CI with --tiny",
}


def _blocks() -> list[list[tuple[str, int]]]:
    """Per code block, ``(command, expected exit code)`` of each smartstd command, in order."""
    blocks: list[list[tuple[str, int]]] = []
    for kind, body in _BLOCK.findall(README.read_text(encoding="utf-8")):
        found: list[tuple[str, int]] = []
        for raw in body.splitlines():
            line = raw.strip()
            if kind == "console":
                if not line.startswith("$ "):
                    continue
                line = line[2:]
            elif not line.startswith("smartstd "):
                continue
            if any(line.startswith(prefix) for prefix in NOT_RUN):
                continue
            m = _EXITS.search(line)
            command = line.split("#", 1)[0].strip() if "#" in line else line
            found.append((command, int(m.group(1)) if m else 0))
        if found:
            blocks.append(found)
    return blocks


BLOCKS = _blocks()
COMMANDS = [c for block in BLOCKS for c in block]


def test_the_readme_has_commands_and_no_missing_files() -> None:
    assert len(COMMANDS) >= 6
    for command, _ in COMMANDS:
        for word in shlex.split(command):
            if word.startswith("examples/"):
                assert (ROOT / word).exists(), f"{command}: {word} does not exist"


@pytest.mark.parametrize("block", BLOCKS, ids=[b[0][0] for b in BLOCKS])
def test_readme_commands_run(block: list[tuple[str, int]], tmp_path: Path) -> None:
    """The commands of one block run in order in one folder (a later one may use an earlier's output)."""
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    for command, code in block:
        args = shlex.split(command)
        assert args[0] == "smartstd"
        done = subprocess.run(
            [sys.executable, "-m", "smartstd", *args[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        shown = f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        assert done.returncode == code, shown
