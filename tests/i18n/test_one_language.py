"""Every command, on broken and hostile input, speaks one language.

In Chinese (the default) no English sentence is left in what a person reads
(the terminal, the ``message`` fields of a JSON report); with ``--lang en`` no
Chinese is. The battery (``battery.py``) and the detector (``detector.py``)
are beside this file; ``python tests/i18n/harness.py -v`` prints what they find.

每个命令在损坏与恶意输入下只说一种语言：默认中文输出中没有英文句子，``--lang en`` 输出中没有中文。
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from battery import BILINGUAL_BY_DESIGN, Case, build
from detector import chinese_runs, english_runs
from harness import run, wrong_language


@pytest.fixture(scope="module")
def battery(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    cases = build(tmp_path_factory.mktemp("battery"))
    return {c.name: c for c in cases}


def _case_names() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        return [c.name for c in build(Path(tmp))]


_NAMES = _case_names()


def test_the_battery_covers_every_command() -> None:
    from test_cli_lang import _commands

    covered = set()
    with tempfile.TemporaryDirectory() as tmp:
        for case in build(Path(tmp)):
            words = list(case.argv)
            covered.add(
                " ".join(words[:2]) if words[0] in ("graph", "schema", "profile") else words[0]
            )
    every = {name for name, _cmd in _commands()}
    assert every - covered == {"generate", "schema export", "schema build"} - covered
    assert len(_NAMES) == len(set(_NAMES)) > 200


@pytest.mark.parametrize("name", _NAMES)
def test_chinese_output_has_no_english_sentence(battery: dict[str, Case], name: str) -> None:
    found = run(battery[name], "zh-CN")
    assert found.crash is None, found.crash
    if found.exit_code != 0:  # a command that fails says why
        assert any(text.strip() for _where, text in found.texts), "fails without a word"
    if name in BILINGUAL_BY_DESIGN:  # Chinese first: Chinese comes before any English sentence
        lines = [line for _w, text in found.texts for line in text.splitlines()]
        chinese = [
            (i, line.find(r[0])) for i, line in enumerate(lines) if (r := chinese_runs(line))
        ]
        english = [
            (i, line.find(r[0].split()[0]))
            for i, line in enumerate(lines)
            if (r := english_runs(line))
        ]
        assert chinese and (not english or chinese[0] < english[0]), lines[:5]
        return
    assert wrong_language(found, "zh-CN") == []


@pytest.mark.parametrize("name", _NAMES)
def test_english_output_has_no_chinese(battery: dict[str, Case], name: str) -> None:
    found = run(battery[name], "en")
    assert found.crash is None, found.crash
    if name not in BILINGUAL_BY_DESIGN:
        assert wrong_language(found, "en") == []
