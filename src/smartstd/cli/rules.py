"""``smartstd rules [CODE]``: the rule catalogue, or one rule's explanation."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from smartstd.cli import EXIT_OK, EXIT_USAGE, default_lang
from smartstd.cli._options import choice_format_option, lang_option
from smartstd.cli.command import Command
from smartstd.cli.messages import t
from smartstd.rules.info import Param, RuleInfo

__all__ = ["rule_markdown", "rule_text", "rules_command"]


@click.command("rules", cls=Command)
@click.argument("code", required=False, help="A rule's code (SC202) or name; none: list them all.")
@choice_format_option("text", "json", "markdown")
@lang_option
@click.option(
    "--example-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the rule's bad and good examples as datasets into DIR/bad and DIR/good "
    "(every rule's into DIR/SCnnn/ without CODE), each with the smartstd.toml that "
    "`smartstd check` runs it with; print those commands.",
)
def rules_command(code: str | None, fmt: str, lang: str | None, example_dir: Path | None) -> None:
    """List the rules, or explain one (by code such as SC202, or by name)."""
    from smartstd.catalogue import all_rules, get_rule

    language = lang or default_lang()
    if code is None and example_dir is not None:
        for r in all_rules():
            _write_examples(r, example_dir / r.code)
        sys.exit(EXIT_OK)
    if code is None:
        rules = all_rules()
        if fmt == "json":
            click.echo(json.dumps([_as_dict(r) for r in rules], ensure_ascii=False, indent=2))
        elif fmt == "markdown":
            click.echo("| code | name | severity | level | title |\n|---|---|---|---|---|")
            for r in rules:
                title = r.text("title", language)
                click.echo(
                    f"| {r.code} | {r.name} | {r.severity.value} | {r.level.value} | {title} |"
                )
        else:
            for r in rules:
                title = r.text("title", language)
                click.echo(f"{r.code}  {r.name:<40} {r.severity.value:<8} {r.level.value}  {title}")
        sys.exit(EXIT_OK)
    try:
        rule = get_rule(code)
    except KeyError:
        message = t("no_rule", language, code=repr(code))
        click.echo(t("error", language, message=message), err=True)
        sys.exit(EXIT_USAGE)
    if example_dir is not None:
        _write_examples(rule, example_dir)
        sys.exit(EXIT_OK)
    if fmt == "json":
        click.echo(json.dumps(_as_dict(rule), ensure_ascii=False, indent=2))
        sys.exit(EXIT_OK)
    # one rule: both languages unless --lang names one; Markdown with --format markdown,
    # rendered by rich on a terminal, plain text when piped
    langs = [lang] if lang else ["zh-CN", "en"]
    if fmt == "markdown":
        click.echo(rule_markdown(rule, langs))
    elif _is_terminal():
        from rich.console import Console
        from rich.markdown import Markdown

        Console(highlight=False).print(Markdown(rule_markdown(rule, langs)))
    else:
        click.echo(rule_text(rule, langs))
    sys.exit(EXIT_OK)


def _write_examples(rule: RuleInfo, folder: Path) -> None:
    """Write the rule's bad and good examples into ``folder/bad`` and ``folder/good``."""
    for which in ("bad", "good"):
        run = rule.example.write(which, folder / which, level=rule.level.value)
        click.echo(run.command)


def _is_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


_LABELS = {
    "severity": ("默认严重程度", "Default severity"),
    "level": ("符合性级别", "Level"),
    "explanation": ("说明", "Explanation"),
    "params": ("参数", "Parameters"),
    "bad": ("错误示例", "Bad"),
    "good": ("正确示例", "Good"),
    "context": ("共同记录", "Shared records"),
}


def _label(key: str, langs: list[str]) -> str:
    zh, en = _LABELS[key]
    return " / ".join(zh if lang == "zh-CN" else en for lang in langs)


def _titles(rule: RuleInfo, langs: list[str]) -> str:
    return " · ".join(rule.text("title", lang) for lang in langs)


def _param_line(p: Param, langs: list[str]) -> str:
    text = " / ".join(p.zh if lang == "zh-CN" else p.en for lang in langs)
    return f"{p.name} = {json.dumps(p.default, ensure_ascii=False)}: {text}"


def rule_markdown(rule: RuleInfo, langs: list[str]) -> str:
    """One rule as Markdown, in each of ``langs`` (``--format markdown``, and rich's input)."""
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{_titles(rule, langs)}**",
        "",
        f"{_label('severity', langs)}: {rule.severity.value} · "
        f"{_label('level', langs)}: {rule.level.value}",
        "",
    ]
    for lang in langs:
        lines += [f"## {_label('explanation', [lang])}", "", rule.text("explanation", lang), ""]
    if rule.params:
        lines += [f"## {_label('params', langs)}", ""]
        lines += [f"- `{_param_line(p, langs)}`" for p in rule.params]
        lines.append("")
    for key, example in _examples(rule):
        lines += [f"## {_label(key, langs)}", "", "```json", example, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def rule_text(rule: RuleInfo, langs: list[str]) -> str:
    """One rule as plain text, in each of ``langs`` (no Markdown marks: for pipes and files)."""
    lines = [
        f"{rule.code} {rule.name}",
        _titles(rule, langs),
        f"{_label('severity', langs)}: {rule.severity.value} · "
        f"{_label('level', langs)}: {rule.level.value}",
        "",
    ]
    for lang in langs:
        lines += [_label("explanation", [lang]), *_wrap(rule.text("explanation", lang)), ""]
    if rule.params:
        lines += [_label("params", langs), *("  " + _param_line(p, langs) for p in rule.params)]
        lines.append("")
    for key, example in _examples(rule):
        lines += [_label(key, langs), *("    " + ln for ln in example.splitlines()), ""]
    return "\n".join(lines).rstrip() + "\n"


def _examples(rule: RuleInfo) -> list[tuple[str, str]]:
    """The bad and the good example, and the records both share (when there are any)."""
    shared = rule.example.context_text
    return [("bad", rule.bad), ("good", rule.good), *([("context", shared)] if shared else [])]


def _wrap(text: str) -> list[str]:
    import textwrap

    if any(ord(c) > 0x2E80 for c in text):  # CJK text wraps anywhere; leave it to the terminal
        return ["  " + text]
    return textwrap.wrap(text, width=88, initial_indent="  ", subsequent_indent="  ")


def _as_dict(rule: object) -> dict[str, object]:
    from smartstd.catalogue import RuleInfo

    assert isinstance(rule, RuleInfo)
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "level": rule.level.value,
        "title": dict(rule.title),
        "message": dict(rule.message),
        "explanation": dict(rule.explanation),
        "bad": rule.bad,
        "good": rule.good,
        "context": rule.example.context_text,
        "params": [
            {"name": p.name, "default": p.default, "zh-CN": p.zh, "en": p.en} for p in rule.params
        ],
    }
