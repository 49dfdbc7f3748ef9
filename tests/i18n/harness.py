"""Run a command line of the battery and collect every text a person reads.

What a person reads: the terminal (standard output and error) and the
``message`` fields of the JSON the command prints or writes as its report
(``--format json``, ``--report FILE``). The rest of a JSON document is data
(codes, pointers, parameters, the original parser text) and is left alone.

Run as a script, it prints what the detector finds over the whole battery::

    python tests/i18n/harness.py            # counts, by command
    python tests/i18n/harness.py -v         # and every text found

运行测试组中的命令，收集用户看到的全部文字（终端输出与 JSON 报告中的 message 字段）。
"""

from __future__ import annotations

import json
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from battery import BILINGUAL_BY_DESIGN, Case, build
from detector import chinese_runs, english_runs

from smartstd._parser_messages import UNKNOWN_ZH
from smartstd.cli import main

#: The mark of a parser's text shown as it was, quoted, because its kind is not catalogued.
UNKNOWN_MARK = UNKNOWN_ZH.format(text="").strip("“”")

#: The environment of a Chinese desktop: no --lang, the CLI's default language is Chinese.
CHINESE_DESKTOP = {"SMARTSTD_LANG": None, "LC_ALL": None, "LC_MESSAGES": None}
CHINESE_DESKTOP_LANG = "zh_CN.UTF-8"


class Run(NamedTuple):
    """What a person read of one run: each text, and where it was."""

    exit_code: int
    texts: list[tuple[str, str]]
    crash: str | None


def _messages(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "message" and isinstance(v, str):
                yield v
            else:
                yield from _messages(v)
    elif isinstance(value, list):
        for v in value:
            yield from _messages(v)


def _report_files(argv: tuple[str, ...]) -> list[Path]:
    return [Path(argv[i + 1]) for i, word in enumerate(argv[:-1]) if word == "--report"]


def run(case: Case, lang: str) -> Run:
    """Run ``case`` in ``lang`` (``zh-CN``: the default, no ``--lang``; ``en``: ``--lang en``)."""
    argv = list(case.argv)
    env: dict[str, str | None] = dict(CHINESE_DESKTOP)
    env["LANG"] = CHINESE_DESKTOP_LANG
    if lang == "en":
        argv += ["--lang", "en"]
    for report in _report_files(case.argv):
        report.unlink(missing_ok=True)
    result = CliRunner().invoke(main, argv, env=env, prog_name="smartstd")
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        info = result.exc_info
        crash = "".join(traceback.format_exception(*info)) if info else repr(result.exception)
    elif any(m in result.stderr for m in ("smartstd 内部错误", "smartstd: internal error")):
        crash = result.stderr  # the guard caught it, but it is a bug all the same
    texts: list[tuple[str, str]] = []
    out = result.stdout
    try:
        document = json.loads(out) if out.lstrip()[:1] in ("{", "[") else None
    except ValueError:
        document = None
    if document is None:
        texts.append(("stdout", out))
    else:
        texts.extend(("stdout message", m) for m in _messages(document))
    texts.append(("stderr", result.stderr))
    for report in _report_files(case.argv):
        if report.is_file():
            try:
                document = json.loads(report.read_text(encoding="utf-8"))
            except ValueError:
                texts.append(("report", report.read_text(encoding="utf-8", errors="replace")))
            else:
                texts.extend(("report message", m) for m in _messages(document))
    return Run(result.exit_code, texts, crash)


def wrong_language(found: Run, lang: str) -> list[tuple[str, str, str]]:
    """Each (where, the run found, the line it is in) of the wrong language in ``found``."""
    problems: list[tuple[str, str, str]] = []
    for where, text in found.texts:
        for line in text.splitlines():
            runs = chinese_runs(line) if lang == "en" else english_runs(line)
            if lang != "en" and UNKNOWN_MARK in line:  # a parser's text of no catalogued kind
                runs.append(UNKNOWN_MARK)
            problems.extend((where, r, line.strip()) for r in runs)
    return problems


def main_(argv: list[str]) -> int:
    """Print what the detector finds over the battery (the counts, with ``-v`` each line)."""
    verbose = "-v" in argv
    total = {"zh-CN": 0, "en": 0}
    lines = {"zh-CN": set(), "en": set()}  # type: dict[str, set[str]]
    crashes = 0
    with tempfile.TemporaryDirectory() as tmp:
        cases = build(Path(tmp))
        for case in cases:
            if case.name in BILINGUAL_BY_DESIGN:
                continue  # both languages on purpose (see battery.py)
            for lang in ("zh-CN", "en"):
                found = run(case, lang)
                if found.crash:
                    crashes += 1
                    print(f"CRASH {case.name} [{lang}]\n{found.crash}")
                problems = wrong_language(found, lang)
                total[lang] += len(problems)
                for where, r, line in problems:
                    lines[lang].add(line.replace(tmp, "<tmp>"))
                    if verbose:
                        print(
                            f"{case.name} [{lang}] {where}: {r!r} in {line.replace(tmp, '<tmp>')}"
                        )
    print(f"cases: {len(cases)}; crashes: {crashes}")
    for lang in total:
        print(
            f"{lang}: {total[lang]} runs of the wrong language in {len(lines[lang])} distinct lines"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main_(sys.argv[1:]))
