"""Markdown documentation of a profile in both languages: :func:`profile_docs`.

地方配置的双语 Markdown 文档。
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from smartstd.profiles.model import Profile, ProfileSet

__all__ = ["profile_docs"]


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(text: Any) -> str:
    s = text if isinstance(text, str) else json.dumps(text, ensure_ascii=False)
    return s.replace("|", "\\|").replace("\n", " ")


@dataclass(frozen=True)
class _Words:
    """The languages a page is written in: ``t`` picks a fixed text, ``txt`` a profile's."""

    langs: tuple[str, ...]

    def t(self, zh: str, en: str) -> str:
        return " / ".join(x for x, lg in ((zh, "zh-CN"), (en, "en")) if lg in self.langs)

    def txt(self, texts: Mapping[str, str]) -> str:
        return " / ".join(texts.get(lg, "") for lg in self.langs if texts.get(lg))


def profile_docs(ps: ProfileSet, lang: str = "both") -> str:
    """Markdown documentation of a profile (``lang``: ``zh-CN``, ``en`` or ``both``)."""
    w = _Words(("zh-CN", "en") if lang == "both" else (lang,))
    out = _head(ps, w)
    for p in ps.profiles:
        out += _fields(p, w)
        out += _codes(p, w)
        out += _constraints(p, w)
        out += _params(p, w)
    return "\n".join(out) + "\n"


def _head(ps: ProfileSet, w: _Words) -> list[str]:
    """The title, the profile's identity and how to use it."""
    t, txt = w.t, w.txt
    main = ps.main
    out = [f"# {txt(main.title) or main.name} (`{main.ref}`)", ""]
    if main.description:
        for lg in w.langs:
            if main.description.get(lg):
                out += [main.description[lg], ""]
    out += [
        f"- {t('名称', 'Name')}: `{main.name}`",
        f"- {t('版本', 'Version')}: `{main.version}`",
        f"- {t('核心标准版本', 'Core version')}: SCDS `{main.standard_version}`",
        f"- {t('扩展前缀', 'Extension prefix')}: `{main.prefix}`"
        + (f" ({main.prefix_uri})" if main.prefix_uri else ""),
    ]
    if len(ps.profiles) > 1:
        out.append(f"- {t('继承', 'Extends')}: " + ", ".join(f"`{r}`" for r in ps.refs[:-1]))
    out += [
        "",
        f"## {t('使用方法', 'How to use it')}",
        "",
        t("在数据集信封中声明：", "Declare it in the dataset envelope:"),
        "",
        "```json",
    ]
    out.append(
        json.dumps(
            {
                "profiles": [main.ref],
                "extensions": {q.prefix: q.prefix_uri or q.ref for q in ps.profiles},
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    out += [
        "```",
        "",
        t("或在检查时指定：", "or name it when checking:"),
        "",
        "```sh",
        f"smartstd check data/ --profile {main.ref}",
        "```",
    ]
    return out


def _fields(p: Profile, w: _Words) -> list[str]:
    """The fields a profile adds, and those it makes required."""
    t, txt = w.t, w.txt
    out: list[str] = []
    if p.fields:
        out += [
            "",
            f"## {t('新增字段', 'Added fields')} ({p.ref})",
            "",
            _row(
                t("实体", "Entity"),
                t("字段", "Field"),
                t("标题", "Title"),
                t("说明", "Description"),
                t("必填", "Required"),
                "JSON Schema",
            ),
            "|---|---|---|---|---|---|",
        ]
        for f in p.fields:
            out.append(
                _row(
                    f.entity,
                    f"`{f.name}`",
                    _cell(txt(f.title)),
                    _cell(txt(f.description)),
                    "✓" if f.required else "",
                    f"`{_cell(json.dumps(dict(f.schema), ensure_ascii=False))}`",
                )
            )
    if p.required:
        out += ["", f"## {t('必填字段', 'Required fields')} ({p.ref})", ""]
        for entity, paths in p.required.items():
            out.append(f"- {entity}: " + ", ".join(f"`{'.'.join(x)}`" for x in paths))
    return out


def _codes(p: Profile, w: _Words) -> list[str]:
    """The codes a profile adds, with the label of their list."""
    from smartstd.standard.codes import CODE_LISTS

    t, txt = w.t, w.txt
    if not p.codes:
        return []
    out = [
        "",
        f"## {t('新增代码', 'Added codes')} ({p.ref})",
        "",
        f"| {t('代码表', 'Code list')} | {t('代码', 'Code')} | {t('标签', 'Label')} |",
        "|---|---|---|",
    ]
    for cd in p.codes:
        cl = CODE_LISTS.get(cd.list)
        list_label = txt({"zh-CN": cl.zh, "en": cl.en}) if cl else cd.list
        out.append(_row(f"{_cell(list_label)} (`{cd.list}`)", f"`{cd.code}`", _cell(txt(cd.title))))
    return out


def _constraints(p: Profile, w: _Words) -> list[str]:
    """The bounding box and the keywords a profile tightens."""
    t = w.t
    if not (p.constraints or p.bbox):
        return []
    out = ["", f"## {t('收紧的约束', 'Tightened constraints')} ({p.ref})", ""]
    if p.bbox:
        out.append(
            f"- {t('坐标范围', 'Bounding box')} ["
            + t(
                "最小经度, 最小纬度, 最大经度, 最大纬度",
                "min lon, min lat, max lon, max lat",
            )
            + f"]: `{list(p.bbox)}`"
        )
    for c in p.constraints:
        out.append(
            f"- {c.entity}.`{c.field}`: `{json.dumps(dict(c.keywords), ensure_ascii=False)}`"
        )
    return out


def _params(p: Profile, w: _Words) -> list[str]:
    """The rule parameters, raised severities and deprecated fields of a profile."""
    t = w.t
    out: list[str] = []
    if p.params:
        out += [
            "",
            f"## {t('规则参数', 'Rule parameters')} ({p.ref})",
            "",
            f"| {t('规则', 'Rule')} | {t('参数', 'Parameter')} | {t('取值', 'Value')} |",
            "|---|---|---|",
        ]
        for code, values in p.params.items():
            for name, value in values.items():
                out.append(
                    f"| {code} | `{name}` | `{_cell(json.dumps(value, ensure_ascii=False))}` |"
                )
    if p.severities:
        out += ["", f"## {t('提高的严重程度', 'Raised severities')} ({p.ref})", ""]
        out.extend(f"- {code}: `{sev}`" for code, sev in p.severities.items())
    if p.deprecated:
        out += ["", f"## {t('弃用字段', 'Deprecated fields')} ({p.ref})", ""]
        for d in p.deprecated:
            rep = f" → `{d.replacement}`" if d.replacement else ""
            out.append(f"- {d.entity}.`{d.field}` ({t('自', 'since')} {d.since}){rep}")
    return out
