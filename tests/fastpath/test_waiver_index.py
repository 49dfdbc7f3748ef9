"""Waivers are looked up by what they name, with the result of trying each in file order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.conformance.waivers import Waiver, apply_waivers
from smartstd.report import Finding, Severity

DAY = dt.date(2026, 6, 30)
CODES = ("SC103", "SC202", "SC401")
POINTERS = (None, "", "/entities/0/x", "/entities/1/x", "/kind")
ENTITIES = (None, "e0", "e1")
FILES = (None, "d.json", "sub/d.json", "other.json")


def _ambiguous(findings: list[Finding], waivers: list[Waiver]) -> set[int]:
    """The active waivers with a pointer and no entity that match findings of several records."""
    return {
        i
        for i, w in enumerate(waivers)
        if w.expires >= DAY
        and w.pointer is not None
        and w.entity_id is None
        and len({(f.file, f.entity_id, f.line) for f in findings if w.matches(f)}) > 1
    }


def _linear(findings: list[Finding], waivers: list[Waiver]) -> list[int | None]:
    """What each finding is waived by, trying every active waiver in file order.

    A waiver naming a pointer and no entity waives nothing when findings of
    several records are at that pointer (it would hide more than one finding).
    """
    ambiguous = _ambiguous(findings, waivers)
    active = [(i, w) for i, w in enumerate(waivers) if w.expires >= DAY and i not in ambiguous]
    return [next((i for i, w in active if w.matches(f)), None) for f in findings]


findings_st = st.lists(
    st.builds(
        lambda code, n, entity, file: Finding(
            code,
            Severity.ERROR,
            path=() if n is None else ("entities", n, "x"),
            file=file,
            entity_id=entity,
        ),
        st.sampled_from(CODES),
        st.sampled_from((None, 0, 1)),
        st.sampled_from(ENTITIES),
        st.sampled_from(FILES),
    ),
    max_size=25,
)
waivers_st = st.lists(
    st.builds(
        lambda code, pointer, entity, file, expired: Waiver(
            code,
            "r",
            DAY - dt.timedelta(days=1) if expired else DAY,
            pointer=pointer,
            entity_id=entity,
            file=file,
        ),
        st.sampled_from(CODES),
        st.sampled_from(POINTERS),
        st.sampled_from(ENTITIES),
        st.sampled_from(FILES),
        st.booleans(),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(findings_st, waivers_st)
def test_the_index_waives_what_trying_each_waiver_in_order_waives(
    findings: list[Finding], waivers: list[Waiver]
) -> None:
    kept, waived = apply_waivers(findings, [*waivers], today=DAY)
    expected = _linear(findings, waivers)
    assert waived == [f for f, hit in zip(findings, expected, strict=True) if hit is not None]
    used = {hit for hit in expected if hit is not None}
    unused = [
        i for i, w in enumerate(waivers) if w.expires >= DAY and i not in used
    ]  # reported as SC902, each once, in file order
    sc902 = [f for f in kept if f.code == "SC902"]
    assert len(sc902) == len(unused)
    ambiguous = _ambiguous(findings, waivers)
    assert len([f for f in sc902 if f.params.get("problem") == "ambiguous"]) == len(ambiguous)


def test_a_large_file_of_waivers_is_applied_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # 20,000 findings and 10,000 waivers: trying each waiver on each finding
    # was 2 x 10^8 matches (22 s for a tenth of the findings); count the
    # matches the index tries instead
    calls = 0
    real = Waiver.matches

    def counted(self: Waiver, f: Finding) -> bool:
        nonlocal calls
        calls += 1
        return real(self, f)

    findings = [
        Finding("SC103", Severity.ERROR, path=("entities", i, "x"), file="d.json")
        for i in range(20_000)
    ]
    waivers = [
        Waiver("SC103", "r", DAY, pointer=f"/entities/{2 * i}/x", index=i) for i in range(10_000)
    ]
    monkeypatch.setattr(Waiver, "matches", counted)
    kept, waived = apply_waivers(findings, waivers, today=DAY)
    assert len(waived) == 10_000 and len(kept) == 10_000
    assert calls <= 20_000, calls
