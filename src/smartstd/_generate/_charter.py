"""The governance charter of a generated dataset (治理章程).

Built from the organisation registry alone (no randomness), so it is the same
whether it is written with the data or on its own. It is sound by the SC6xx
rules: every core domain and sub-domain has one accountable party (a district
bureau) and at least one responsible party (with a lead in exclusive
domains); residents are consulted wherever a domain affects them; every
grant's category is allowed by its purpose; sensitive grants have a legal
basis and an agreement; processors have a data-processing agreement; the
delegated grant is narrower than its source; every agreement party has a
benefit or an obligation written down; no beneficiary is accountable for a
domain; the duty separations hold; and every organisation takes part.

What the charter says is package data: ``data/generate/charter.json`` (data
categories, purposes, sub-domains, who holds which role, what each party
gains, separations of duties), ``agreements.json`` and ``grants.json``
(written per district, street and community, with parties named by role).
This module resolves the roles to the registry's organisations.

Output order keeps references pointing backwards: sub-domains, data
categories, purposes, agreements, assignments, grants, duty separations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from smartstd._generate._data import load
from smartstd._generate._orgs import Org, Registry
from smartstd.standard.domains import CORE_DOMAINS

__all__ = ["DC", "PURPOSE", "SUBDOMAINS", "build_charter", "charter_dates"]

_DATA = load("charter")
_AGREEMENTS = load("agreements")
_GRANTS = load("grants")

#: Data category ids by short key.
DC: dict[str, str] = dict(_DATA["data_category_ids"])

#: Purpose ids by short key.
PURPOSE: dict[str, str] = dict(_DATA["purpose_ids"])

#: The sub-domains the charter adds under core domains: id, parent, zh, en,
#: affects residents, exclusive, zh description, en description.
SUBDOMAINS: tuple[tuple[str, str, str, str, bool, bool, str, str], ...] = tuple(
    (
        s["id"],
        s["parent"],
        s["zh"],
        s["en"],
        s["affects_residents"],
        s["exclusive"],
        s["description_zh"],
        s["description_en"],
    )
    for s in _DATA["subdomains"]
)

_ROLE_NAMES = {"A": "accountable", "R": "responsible", "C": "consulted", "I": "informed"}


def _gains() -> dict[tuple[str, str] | str, dict[str, Any]]:
    """What a party gains where its agreement lists no benefit for it.

    By (role, agreement kind) or by role. Accountable bureaus gain only
    ``public_service``, which is not a conflicting benefit under SC612.
    """
    out: dict[tuple[str, str] | str, dict[str, Any]] = {}
    for gain in _DATA["gains"]:
        kind = gain.get("agreement_kind")
        out[(gain["role"], kind) if kind else gain["role"]] = gain
    return out


_GAINS = _gains()


def charter_dates(generated_at: dt.datetime) -> dict[str, dt.date]:
    """The dates the charter uses, around ``generated_at``'s year Y.

    Everything is signed in December of Y-2 and valid from 1 January Y-1 to
    31 December Y+1, which covers every timestamp of the data (at most a year
    before ``generated_at``).
    """
    y = generated_at.year
    return {
        "signed": dt.date(y - 2, 12, 18),
        "from": dt.date(y - 1, 1, 1),
        "until": dt.date(y + 1, 12, 31),
        "delegated_from": dt.date(y - 1, 7, 1),
        "delegated_until": dt.date(y + 1, 6, 30),
        "pilot_start": dt.date(y - 1, 7, 1),
        "pilot_end": dt.date(y + 1, 6, 30),
    }


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


@dataclass(frozen=True)
class _Scope:
    """Where a template of the data files is written, with the words it uses.

    The district, a street (``street`` is its index) or a community (``community``).
    """

    name: str
    words: dict[str, str]
    street: int | None = None
    community: int | None = None


class _Builder:
    def __init__(self, reg: Registry, generated_at: dt.datetime) -> None:
        self.reg = reg
        self.d = charter_dates(generated_at)
        self.out: list[dict[str, Any]] = []
        self.tags: dict[str, list[Org]] = {}
        for org in reg.orgs:
            self.tags.setdefault(org.role, []).append(org)
        self.by_id = {o.id: o for o in reg.orgs}
        self.action_sets: dict[str, list[str]] = {}
        self.street_abbr = [s.abbr for s in reg.streets]

    def orgs(self, tag: str) -> list[Org]:
        return self.tags.get(tag, [])

    def validity(self) -> dict[str, str]:
        return {
            "valid_from": self.d["from"].isoformat(),
            "valid_until": self.d["until"].isoformat(),
        }

    # -------------------------------------------------------------- scopes and parties
    def scopes(self, name: str) -> Iterator[_Scope]:
        """The district, every street or every community, in output order."""
        reg = self.reg
        district = {"dz": reg.district.zh, "de": reg.district.en}
        if name == "district":
            yield _Scope(name, district)
        elif name == "street":
            for si, st in enumerate(reg.streets):
                words = {**district, "abbr": st.abbr, "street_zh": st.zh, "street_en": st.en}
                yield _Scope(name, words, street=si)
        else:
            for c in reg.communities:
                words = {
                    **district,
                    "slug": c.slug,
                    "estate_zh": c.estates[0][0],
                    "estate_en": c.estates[0][1],
                }
                yield _Scope(name, words, street=c.street, community=c.index)

    def party(self, ref: str, scope: _Scope) -> list[Org]:
        """The organisations a party of the data files (``scope:role``) stands for."""
        where, tag = ref.split(":")
        if where == "district":
            return [self.reg.shared[tag]]
        if where == "all":
            return self.orgs(tag)
        if where == "community":
            c = self.reg.communities[scope.community or 0]
            local = {"oc": c.oc, "pm": c.pm, "rc": c.rc}
            return [self.by_id[local[tag]]]
        si = scope.street
        own = self.reg.street_orgs[si or 0]
        if tag in own:
            return [own[tag]]
        if tag == "pm":
            pm_ids = {c.pm for c in self.reg.communities if c.street == si}
            return [p for p in self.reg.pms if p.id in pm_ids]
        return [o for o in self.orgs(tag) if o.street == si]

    # -------------------------------------------------------------- agreements
    def agreement_of(self, org: Org) -> str | None:
        """The agreement under which ``org`` holds its roles, if any."""
        if org.role in ("telecom", "vendor", "university", "institute"):
            return "agr-district-cooperation"
        if org.role in ("social_work", "elderly_org", "health_centre") and org.street is not None:
            return f"agr-{self.street_abbr[org.street]}-services"
        if org.role == "volunteer" and org.street is not None:
            return f"agr-{self.street_abbr[org.street]}-services"
        if org.role == "pm":
            first = next(c for c in self.reg.communities if c.pm == org.id)
            return f"agr-{first.slug}-property"
        return None

    def benefits(
        self, tpl: dict[str, Any], scope: _Scope, parties: list[Org]
    ) -> list[dict[str, Any]]:
        """The benefits written down, then one for every party without (SC614)."""
        rows = [
            (org, b["kind"], b["zh"], b["en"], list(b["domains"]))
            for b in tpl["benefits"]
            for org in self.party(b["party"], scope)
        ]
        gaining = {o.id for o, *_ in rows}
        for party in parties:
            if party.id not in gaining:
                gain = _GAINS.get((party.role, tpl["kind"])) or _GAINS[party.role]
                rows.append((party, gain["kind"], gain["zh"], gain["en"], list(gain["domains"])))
                gaining.add(party.id)
        return [
            {"organization_id": o.id, "kind": k, "description": _t(zh, en), "domain_ids": doms}
            for o, k, zh, en, doms in rows
        ]

    def agreement(self, tpl: dict[str, Any], scope: _Scope) -> None:
        words = scope.words
        parties = [o for ref in tpl["parties"] for o in self.party(ref, scope)]
        obligations = [
            {"organization_id": org.id, "description": _t(ob["zh"], ob["en"])}
            for ob in tpl["obligations"]
            for org in self.party(ob["party"], scope)
        ]
        self.out.append(
            {
                "id": tpl["id"].format(**words),
                "type": "Agreement",
                "name": _t(tpl["name"]["zh"].format(**words), tpl["name"]["en"].format(**words)),
                "kind": tpl["kind"],
                "party_ids": [p.id for p in parties],
                "domain_ids": list(tpl["domains"]),
                "purpose_ids": [PURPOSE[p] for p in tpl["purposes"]],
                "data_category_ids": [DC[c] for c in tpl["categories"]],
                "benefits": self.benefits(tpl, scope, parties),
                "obligations": obligations,
                "signed_at": self.d["signed"].isoformat(),
                **self.validity(),
            }
        )

    def agreements(self) -> None:
        for level in ("district", "street", "community"):
            for scope in self.scopes(level):
                for tpl in _AGREEMENTS[level]:
                    self.agreement(tpl, scope)

    # -------------------------------------------------------------- assignments
    def assignments(self) -> None:
        sh = self.reg.shared
        domains = [*CORE_DOMAINS, *(s[0] for s in SUBDOMAINS)]
        for dom in domains:
            plan = _DATA["roles"][dom]
            rows: list[tuple[Org, str, bool]] = [(sh[plan["A"]], "accountable", False)]
            responsible: list[Org] = []
            for tag in plan["R"]:
                responsible.extend(self.orgs(tag))
            lead_tag = plan.get("lead")
            lead_id = None
            if len(responsible) > 1 and lead_tag:
                lead_id = responsible[[o.role for o in responsible].index(lead_tag)].id
            rows.extend((o, "responsible", o.id == lead_id) for o in responsible)
            for letter in ("C", "I"):
                for tag in plan.get(letter, []):
                    rows.extend((o, _ROLE_NAMES[letter], False) for o in self.orgs(tag))
            for org, role, lead in rows:
                row: dict[str, Any] = {
                    "id": f"asg-{dom}-{role[0]}-{org.id[4:]}",
                    "type": "Assignment",
                    "domain_id": dom,
                    "organization_id": org.id,
                    "role": role,
                }
                if lead:
                    row["lead"] = True
                row.update(self.validity())
                agr = self.agreement_of(org)
                if agr and role == "responsible":
                    row["agreement_id"] = agr
                self.out.append(row)

    # -------------------------------------------------------------- grants
    @staticmethod
    def grant_id(org: Org, cat: str, suffix: str = "") -> str:
        return f"grant-{org.id[4:]}-{DC[cat][3:]}{suffix}"

    def grant(self, org: Org, g: dict[str, Any], agreement: str, scope: _Scope) -> None:
        suffix = f"-{scope.words['slug']}" if scope.name == "community" else ""
        actions = g["actions"]
        row: dict[str, Any] = {
            "id": self.grant_id(org, g["category"], suffix),
            "type": "DataAccessGrant",
            "organization_id": org.id,
            "data_category_id": DC[g["category"]],
            # a named set is one list that every grant naming it shares
            "actions": self.action_sets[actions] if isinstance(actions, str) else list(actions),
            "purpose_id": PURPOSE[g["purpose"]],
            "legal_role": g["legal_role"],
            "legal_basis": g["basis"],
            "agreement_id": agreement,
        }
        source = g.get("delegated_from")
        if source:
            (src_org,) = self.party(source["party"], scope)
            row["delegated_from_id"] = self.grant_id(src_org, source["category"])
            row["valid_from"] = self.d["delegated_from"].isoformat()
            row["valid_until"] = self.d["delegated_until"].isoformat()
        else:
            row.update(self.validity())
        self.out.append(row)

    def grants(self) -> None:
        self.action_sets = {name: list(acts) for name, acts in _GRANTS["action_sets"].items()}
        for level in ("district", "street", "community"):
            for scope in self.scopes(level):
                for block in _GRANTS[level]:
                    agreement = block["agreement"].format(**scope.words)
                    for org in self.party(block["party"], scope):
                        for g in block["grants"]:
                            self.grant(org, g, agreement, scope)

    # -------------------------------------------------------------- the rest
    def domains(self) -> None:
        for did, parent, zh, en, affects, exclusive, dzh, den in SUBDOMAINS:
            self.out.append(
                {
                    "id": did,
                    "type": "ResponsibilityDomain",
                    "name": _t(zh, en),
                    "parent_id": parent,
                    "affects_residents": affects,
                    "exclusive": exclusive,
                    "description": _t(dzh, den),
                }
            )

    def categories(self) -> None:
        sh = self.reg.shared
        for cat in _DATA["data_categories"]:
            row: dict[str, Any] = {
                "id": DC[cat["key"]],
                "type": "DataCategory",
                "name": _t(cat["zh"], cat["en"]),
                "sensitivity": cat["sensitivity"],
            }
            if cat["sensitive_kind"]:
                row["sensitive_kind"] = cat["sensitive_kind"]
            row["steward_id"] = sh[cat["steward"]].id
            row["description"] = _t(cat["description_zh"], cat["description_en"])
            self.out.append(row)

    def purposes(self) -> None:
        for p in _DATA["purposes"]:
            self.out.append(
                {
                    "id": PURPOSE[p["key"]],
                    "type": "Purpose",
                    "name": _t(p["zh"], p["en"]),
                    "domain_ids": list(p["domains"]),
                    "data_category_ids": [DC[c] for c in p["categories"]],
                }
            )

    def separations(self) -> None:
        for sod in _DATA["separations"]:
            self.out.append(
                {
                    "id": sod["id"],
                    "type": "DutySeparation",
                    "duties": [
                        {"domain_id": duty["domain"], "role": duty["role"]}
                        for duty in sod["duties"]
                    ],
                    "max_held": 1,
                    "rationale": _t(sod["zh"], sod["en"]),
                }
            )

    def build(self) -> list[dict[str, Any]]:
        self.domains()
        self.categories()
        self.purposes()
        self.agreements()
        self.assignments()
        self.grants()
        self.separations()
        return self.out


def build_charter(reg: Registry, generated_at: dt.datetime) -> list[dict[str, Any]]:
    """The charter entities for the registry's organisations, in output order."""
    return _Builder(reg, generated_at).build()
