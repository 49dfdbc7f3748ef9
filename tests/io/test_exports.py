from __future__ import annotations

import inspect

import smartstd.io


def test_all_is_sorted_and_complete() -> None:
    names = smartstd.io.__all__
    assert names == sorted(names)
    for name in names:  # the lazy ones (parse_yaml) load on first use
        getattr(smartstd.io, name)
    public = {
        name
        for name, obj in vars(smartstd.io).items()
        if not name.startswith("_") and not inspect.ismodule(obj)
    }
    assert public == set(names)


def test_every_export_is_documented() -> None:
    for name in smartstd.io.__all__:
        assert inspect.getdoc(getattr(smartstd.io, name)), name
