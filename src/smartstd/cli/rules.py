"""``smartstd rules [CODE]``: the rule catalogue, or one rule's explanation."""

from __future__ import annotations

import json
import sys

import click

from smartstd.cli import EXIT_OK, EXIT_USAGE, default_lang
from smartstd.cli.messages import t

__all__ = ["rules_command"]


@click.command("rules")
@click.argument("code", required=False)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text"
)
@click.option("--lang", type=click.Choice(["zh-CN", "en"]), default=None)
def rules_command(code: str | None, fmt: str, lang: str | None) -> None:
    """List the rules, or explain one (by code such as SC202, or by name)."""
    from smartstd.catalogue import all_rules, get_rule

    language = lang or default_lang()
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
    if fmt == "json":
        click.echo(json.dumps(_as_dict(rule), ensure_ascii=False, indent=2))
        sys.exit(EXIT_OK)
    zh = language == "zh-CN"
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{rule.text('title', language)}**",
        "",
        f"{'默认级别' if zh else 'Default severity'}: {rule.severity.value} · "
        f"{'一致性等级' if zh else 'Level'}: {rule.level.value}",
        "",
        rule.text("explanation", language),
        "",
    ]
    if rule.params:
        lines.append("## " + ("参数" if zh else "Parameters"))
        lines.extend(
            f"- `{p.name}` = `{json.dumps(p.default)}`: {p.zh if zh else p.en}" for p in rule.params
        )
        lines.append("")
    lines += [
        "## " + ("错误示例" if zh else "Bad"),
        "",
        "```",
        rule.bad,
        "```",
        "",
        "## " + ("正确示例" if zh else "Good"),
        "",
        "```",
        rule.good,
        "```",
    ]
    click.echo("\n".join(lines))
    sys.exit(EXIT_OK)


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
        "params": [
            {"name": p.name, "default": p.default, "zh-CN": p.zh, "en": p.en} for p in rule.params
        ],
    }
