"""The public surface of ``smartstd.graph``: complete, sorted, importable, documented."""

from __future__ import annotations

import inspect

import smartstd.graph as sg
from smartstd.catalogue import all_rules, validate_catalogue


def test_all_is_sorted_and_importable() -> None:
    names = list(sg.__all__)
    # constants, then classes, then functions (isort style), each group sorted
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    for name in names:
        assert getattr(sg, name) is not None


def test_every_public_callable_is_documented() -> None:
    for name in sg.__all__:
        obj = getattr(sg, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert inspect.getdoc(obj), name


def test_the_sc6_catalogue_is_complete() -> None:
    assert [p for p in validate_catalogue() if p.startswith("SC6")] == []
    codes = [r.code for r in all_rules() if r.code.startswith("SC6")]
    assert codes == [f"SC6{i:02d}" for i in range(1, 25)]
    for rule in all_rules():
        if rule.code.startswith("SC6"):
            assert rule.level.value == "L3"
            for p in rule.params:
                assert p.zh
                assert p.en
