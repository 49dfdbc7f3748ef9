"""Duty lists (责任清单): for each organisation, what it answers for, gains and owes.

:func:`duties` reads a charter and gives, for every organisation (or those
asked for), on a date:

* its **roles**: each domain it is accountable, responsible, consulted or
  informed for, with the agreement the role rests on and its dates;
* its **benefits** and **obligations** under each agreement in force;
* its **data grants**: the category, actions, purpose, legal role and basis;
* its **agreements**: the agreements it is party to, with their dates.

Every name is given in Chinese and English. :class:`DutyList` writes the list
as Markdown and as a self-contained HTML page (built with
:func:`smartstd.webpage.page`) that a street office can print and post:
Chinese by default, English on request.

责任清单：每个组织承担的领域与角色、收益、义务、数据授权和协议，可打印张贴。
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from smartstd.errors import UsageError
from smartstd.graph.index import RACI_ROLES
from smartstd.graph.model import Charter, GraphSource, as_charter
from smartstd.graph.validity import in_force_under
from smartstd.standard.codes import CODE_LISTS
from smartstd.webpage import esc, page, pick, shown

__all__ = ["DutyList", "OrganizationDuties", "duties"]

_ROLE = {
    "accountable": ("负责（A）", "Accountable (A)"),
    "responsible": ("执行（R）", "Responsible (R)"),
    "consulted": ("咨询（C）", "Consulted (C)"),
    "informed": ("知会（I）", "Informed (I)"),
}

#: A name by language: ``{"zh-CN": ..., "en": ...}``.
Names = Mapping[str, str]


def _names(text: Mapping[str, str] | None, fallback: str) -> dict[str, str]:
    text = dict(text or {})
    zh = text.get("zh-CN") or text.get("en") or next(iter(text.values()), fallback)
    en = text.get("en") or text.get("zh-CN") or next(iter(text.values()), fallback)
    return {"zh-CN": zh, "en": en}


def _code(list_name: str, code: str | None, lang: str) -> str:
    """A code's label in ``lang`` beside nothing else (the code itself when unlisted)."""
    if code is None:
        return "-"
    found = CODE_LISTS[list_name].get(code)
    return found.label(lang) if found is not None else code


def _say(names: Names, lang: str) -> str:
    return names["en"] if lang.lower().startswith("en") else names["zh-CN"]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class OrganizationDuties:
    """What one organisation answers for, gains and owes.

    Attributes:
        id: the organisation's id.
        name: its name by language.
        kind: its kind (code).
        roles: ``{domain, domain_name, role, lead, agreement, valid_from, valid_until}``.
        benefits: ``{agreement, agreement_name, kind, description}``.
        obligations: ``{agreement, agreement_name, description}``.
        grants: ``{grant, category, category_name, actions, purpose, purpose_name,
            legal_role, legal_basis, agreement, valid_from, valid_until}``.
        agreements: ``{agreement, name, kind, parties, signed_at, valid_from, valid_until}``.
    """

    id: str
    name: Names
    kind: str
    roles: tuple[Mapping[str, Any], ...] = ()
    benefits: tuple[Mapping[str, Any], ...] = ()
    obligations: tuple[Mapping[str, Any], ...] = ()
    grants: tuple[Mapping[str, Any], ...] = ()
    agreements: tuple[Mapping[str, Any], ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the organisation holds nothing in the charter."""
        return not (self.roles or self.benefits or self.obligations or self.grants)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "id": self.id,
            "name": dict(self.name),
            "kind": self.kind,
            "roles": [dict(r) for r in self.roles],
            "benefits": [dict(b) for b in self.benefits],
            "obligations": [dict(o) for o in self.obligations],
            "grants": [dict(g) for g in self.grants],
            "agreements": [dict(a) for a in self.agreements],
        }


#: How many characters of an organisation's name the page's contents show.
_NAV = 60

# Punctuation with a meaning somewhere in Markdown (emphasis, code, links,
# tables, headings): backslash-escaped; "&", "<" and ">" as entities, which
# every Markdown reads as text, so a name shows as written and never as HTML.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()|#~!$])")
_MD_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _md(value: object) -> str:
    """A value from the data as Markdown text: masked, made visible, escaped, one line."""
    text = _MD_SPECIAL.sub(r"\\\1", shown(value)).translate(_MD_ENTITIES)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


@dataclass(frozen=True)
class DutyList:
    """The duty lists of a charter's organisations on a date.

    Attributes:
        organizations: one :class:`OrganizationDuties` per organisation, in charter order.
        on: the date the roles, grants and agreements were taken in force on.
        title: the list's title by language.
    """

    organizations: tuple[OrganizationDuties, ...]
    on: dt.date
    title: Names = field(default_factory=lambda: {"zh-CN": "责任清单", "en": "Duty list"})

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "on": self.on.isoformat(),
            "title": dict(self.title),
            "organizations": [o.to_dict() for o in self.organizations],
        }

    # -- Markdown (every value from the data through _md)

    def to_markdown(self, lang: str = "zh-CN") -> str:
        """The lists as Markdown, one section per organisation (``lang``: zh-CN or en)."""
        t = _Texts(lang)
        out = [f"# {_say(self.title, lang)}", "", t.on(self.on), ""]
        for org in self.organizations:
            other = org.name["en"] if t.zh else org.name["zh-CN"]
            out += [f"## {_md(_say(org.name, lang))}", ""]
            kind = _code("organization_kind", org.kind, lang)
            out.append(f"{_md(other)} · {_md(org.id)} · {_md(kind)}")
            out.append("")
            for title, header, rows in t.sections(org):
                out += [f"### {title}", ""]
                if not rows:
                    out += [t.none, ""]
                    continue
                out.append("| " + " | ".join(header) + " |")
                out.append("|" + "---|" * len(header))
                for row in rows:
                    out.append("| " + " | ".join(_md(c) for c in row) + " |")
                out.append("")
        return "\n".join(out).rstrip("\n") + "\n"

    # -- HTML

    def to_html(self, lang: str = "zh-CN") -> str:
        """A self-contained, printable HTML page (no network); Chinese unless ``lang`` is en."""
        t = _Texts(lang)
        title = _say(self.title, lang)
        body = [f"<h1>{esc(title)}</h1>", f'<p class="meta">{esc(t.on(self.on))}</p>']
        body.append('<nav class="noprint"><ul>')
        for org in self.organizations:  # the contents: a long name cut, whole in its tooltip
            name = shown(_say(org.name, lang))
            cut = f"{name[: _NAV - 1]}…" if len(name) > _NAV else name
            body.append(
                f'<li><a href="#{esc(org.id)}" title="{escape(name, quote=True)}">'
                f"{escape(cut, quote=True)}</a></li>"
            )
        body.append("</ul></nav>")
        for org in self.organizations:
            other = org.name["en"] if t.zh else org.name["zh-CN"]
            body.append(f'<section class="org" id="{esc(org.id)}">')
            body.append(f'<h2 class="org-name">{esc(_say(org.name, lang))}</h2>')
            body.append(
                f'<p class="meta">{esc(other)} · <code>{esc(org.id)}</code> · '
                f"{esc(_code('organization_kind', org.kind, lang))}</p>"
            )
            for sec_title, header, rows in t.sections(org):
                body.append(f"<h3>{esc(sec_title)}</h3>")
                if not rows:
                    body.append(f'<p class="meta">{esc(t.none)}</p>')
                    continue
                body.append("<table><thead><tr>")
                body.extend(f"<th>{esc(h)}</th>" for h in header)
                body.append("</tr></thead><tbody>")
                for row in rows:
                    body.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
                body.append("</tbody></table>")
            body.append("</section>")
        css = (
            "nav ul{columns:3 16rem;padding-left:1.2rem}"
            "section.org{break-before:page}section.org:first-of-type{break-before:auto}"
            "@media print{nav{display:none}}"
        )
        return page(title, "\n".join(body), lang="en" if not t.zh else "zh-CN", css=css)


class _Texts:
    """The words of a duty list in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.zh = not lang.lower().startswith("en")
        self.none = pick(lang, "无", "None")

    def on(self, day: dt.date) -> str:
        return pick(lang=self.lang, zh=f"有效日期：{day.isoformat()}", en=f"In force on {day}")

    def _period(self, item: Mapping[str, Any]) -> str:
        vf, vu = item.get("valid_from"), item.get("valid_until")
        if vf is None and vu is None:
            return pick(self.lang, "长期", "open")
        return f"{vf or '…'} – {vu or '…'}"

    def sections(self, org: OrganizationDuties) -> list[tuple[str, list[str], list[list[str]]]]:
        p = self.lang
        say = _say
        roles = [
            [
                say(r["domain_name"], p),
                pick(p, *_ROLE.get(r["role"], (r["role"], r["role"])))
                + (pick(p, "（牵头）", " (lead)") if r["lead"] else ""),
                r["agreement"] or "-",
                self._period(r),
            ]
            for r in org.roles
        ]
        benefits = [
            [
                say(b["agreement_name"], p),
                _code("benefit_kind", b["kind"], p),
                say(b["description"], p),
            ]
            for b in org.benefits
        ]
        obligations = [
            [say(o["agreement_name"], p), say(o["description"], p)] for o in org.obligations
        ]
        grants = [
            [
                say(g["category_name"], p),
                "、".join(_code("data_action", a, p) for a in g["actions"])
                if self.zh
                else ", ".join(_code("data_action", a, p) for a in g["actions"]),
                say(g["purpose_name"], p),
                f"{_code('legal_role', g['legal_role'], p)} / "
                f"{_code('legal_basis', g['legal_basis'], p)}",
                g["agreement"] or "-",
                self._period(g),
            ]
            for g in org.grants
        ]
        agreements = [
            [
                say(a["name"], p),
                _code("agreement_kind", a["kind"], p),
                a["signed_at"] or "-",
                self._period(a),
            ]
            for a in org.agreements
        ]
        return [
            (
                pick(p, "职责领域与角色", "Domains and roles"),
                [
                    pick(p, "领域", "Domain"),
                    pick(p, "角色", "Role"),
                    pick(p, "依据协议", "Agreement"),
                    pick(p, "有效期", "Valid"),
                ],
                roles,
            ),
            (
                pick(p, "收益", "Benefits"),
                [
                    pick(p, "协议", "Agreement"),
                    pick(p, "类型", "Kind"),
                    pick(p, "说明", "Description"),
                ],
                benefits,
            ),
            (
                pick(p, "义务", "Obligations"),
                [pick(p, "协议", "Agreement"), pick(p, "说明", "Description")],
                obligations,
            ),
            (
                pick(p, "数据授权", "Data grants"),
                [
                    pick(p, "数据类别", "Data category"),
                    pick(p, "操作", "Actions"),
                    pick(p, "目的", "Purpose"),
                    pick(p, "法律角色 / 依据", "Legal role / basis"),
                    pick(p, "依据协议", "Agreement"),
                    pick(p, "有效期", "Valid"),
                ],
                grants,
            ),
            (
                pick(p, "协议", "Agreements"),
                [
                    pick(p, "协议", "Agreement"),
                    pick(p, "类型", "Kind"),
                    pick(p, "签订日期", "Signed"),
                    pick(p, "有效期", "Valid"),
                ],
                agreements,
            ),
        ]


def duties(
    source: GraphSource,
    *,
    on: dt.date | None = None,
    organizations: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    max_cells: int | None = None,
) -> DutyList:
    """The duty list of each organisation of a charter on a date.

    Args:
        source: a dataset, a charter, or entities (see
            :func:`~smartstd.graph.model.as_charter`).
        on: the date (default: the dataset's ``generated_at``, else today); roles,
            grants and agreements count when in force then
            (:func:`~smartstd.graph.validity.in_force_under`).
        organizations: only these organisation ids (default: every one, in charter order).
        domains: only the roles in these domains; without ``organizations``,
            only the organisations holding one (benefits, obligations, grants
            and agreements are not tied to a domain: they are listed whole).
        max_cells: the most entries the lists may have together: roles,
            benefits, obligations, grants, and agreements with their parties
            (default :attr:`smartstd.io.Limits.max_table_cells`, 1,000,000).

    Raises:
        UsageError: for a domain the charter does not have, or lists over
            ``max_cells``: refused before they are built, saying their size
            and the filters that make them smaller.

    >>> from smartstd.graph.synthetic import SYNTHETIC_AS_OF, synthetic_charter
    >>> lists = duties(synthetic_charter(50, defects=False), on=SYNTHETIC_AS_OF)
    >>> lists.organizations[0].roles != ()
    True
    """
    from smartstd.io import Limits

    charter = as_charter(source if isinstance(source, Charter) else _listed(source))
    day = charter.on(on)
    held = _Held(charter, day, _domains(charter, domains))
    if organizations is not None:
        wanted = list(organizations)
    elif domains is not None:
        wanted = [o for o in charter.organizations if held.roles.get(o)]
    else:
        wanted = list(charter.organizations)
    size = sum(held.size(oid) for oid in wanted)
    limit = Limits().max_table_cells if max_cells is None else max_cells
    if size > limit:
        raise UsageError(key="duties_too_big", organizations=len(wanted), cells=size, maximum=limit)
    return DutyList(tuple(_one(charter, oid, held) for oid in wanted), day)


def _domains(charter: Charter, domains: Iterable[str] | None) -> frozenset[str] | None:
    """The domains asked for, or ``None`` for all.

    Raises:
        UsageError: for a domain the charter does not have.
    """
    if domains is None:
        return None
    from smartstd.graph.queries import _known

    return frozenset(_known(domains, charter.index.scope, "domain"))


class _Held:
    """Who holds what in force on a day, by organisation: one pass over the charter.

    Each organisation's list then costs what it holds, not a pass over the
    whole charter (20,000 organisations made 400 million steps before).
    """

    def __init__(self, charter: Charter, day: dt.date, domains: frozenset[str] | None) -> None:
        agreements = charter.agreements
        self.roles: dict[str, list[Any]] = {}
        for a in charter.assignments.values():
            if domains is not None and a.domain_id not in domains:
                continue
            if in_force_under(a, day, agreements):
                self.roles.setdefault(a.organization_id, []).append(a)
        self.benefits: dict[str, list[tuple[Any, Any]]] = {}
        self.obligations: dict[str, list[tuple[Any, Any]]] = {}
        self.parties: dict[str, list[Any]] = {}
        for agr in agreements.values():
            if not in_force_under(agr, day, agreements):
                continue
            for b in agr.benefits:
                self.benefits.setdefault(b.organization_id, []).append((agr, b))
            for o in agr.obligations:
                self.obligations.setdefault(o.organization_id, []).append((agr, o))
            for p in dict.fromkeys(agr.party_ids):
                self.parties.setdefault(p, []).append(agr)
        self.grants: dict[str, list[Any]] = {}
        for g in charter.grants.values():
            if in_force_under(g, day, agreements):
                self.grants.setdefault(g.organization_id, []).append(g)

    def size(self, oid: str) -> int:
        """The entries of one organisation's list (an agreement counts its parties too)."""
        return (
            len(self.roles.get(oid, ()))
            + len(self.benefits.get(oid, ()))
            + len(self.obligations.get(oid, ()))
            + len(self.grants.get(oid, ()))
            + sum(1 + len(agr.party_ids) for agr in self.parties.get(oid, ()))
        )


def _listed(source: Any) -> Any:
    if hasattr(source, "entities") or hasattr(source, "graph"):
        return source
    return list(source)


def _one(charter: Charter, oid: str, held: _Held) -> OrganizationDuties:
    org = charter.organizations.get(oid)
    name = _names(org.name if org is not None else None, oid)
    order = {r: i for i, r in enumerate(RACI_ROLES)}
    roles = [
        {
            "domain": a.domain_id,
            "domain_name": {
                "zh-CN": charter.domain_label(a.domain_id, "zh-CN"),
                "en": charter.domain_label(a.domain_id, "en"),
            },
            "role": a.role,
            "lead": a.lead,
            "agreement": a.agreement_id,
            "valid_from": _iso(a.valid_from),
            "valid_until": _iso(a.valid_until),
        }
        for a in held.roles.get(oid, ())
    ]
    roles.sort(key=lambda r: (order.get(r["role"], 9), r["domain"]))
    benefits = [
        {
            "agreement": agr.id,
            "agreement_name": _names(agr.name, agr.id),
            "kind": b.kind,
            "description": _names(b.description, b.kind),
        }
        for agr, b in held.benefits.get(oid, ())
    ]
    obligations = [
        {
            "agreement": agr.id,
            "agreement_name": _names(agr.name, agr.id),
            "description": _names(o.description, "-"),
        }
        for agr, o in held.obligations.get(oid, ())
    ]
    parties = [
        {
            "agreement": agr.id,
            "name": _names(agr.name, agr.id),
            "kind": agr.kind,
            "parties": list(agr.party_ids),
            "signed_at": _iso(agr.signed_at),
            "valid_from": _iso(agr.valid_from),
            "valid_until": _iso(agr.valid_until),
        }
        for agr in held.parties.get(oid, ())
    ]
    grants = []
    for g in held.grants.get(oid, ()):
        cat = charter.categories.get(g.data_category_id)
        pur = charter.purposes.get(g.purpose_id)
        grants.append(
            {
                "grant": g.id,
                "category": g.data_category_id,
                "category_name": _names(cat.name if cat else None, g.data_category_id),
                "actions": list(g.actions),
                "purpose": g.purpose_id,
                "purpose_name": _names(pur.name if pur else None, g.purpose_id),
                "legal_role": g.legal_role,
                "legal_basis": g.legal_basis,
                "agreement": g.agreement_id,
                "valid_from": _iso(g.valid_from),
                "valid_until": _iso(g.valid_until),
            }
        )
    return OrganizationDuties(
        oid,
        name,
        org.kind if org is not None else "-",
        tuple(roles),
        tuple(benefits),
        tuple(obligations),
        tuple(grants),
        tuple(parties),
    )
