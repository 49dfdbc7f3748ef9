"""Shared test setup: Hypothesis profiles, the slow tests, and a network guard.

Hypothesis profiles (choose with ``SMARTSTD_HYPOTHESIS_PROFILE``):

* ``quick`` (default, the README's ``python -m pytest -q``): 25 examples per
  test, derandomized (the same examples on every run), no deadline, no
  example database;
* ``ci`` (``.ci/run`` sets it): 100 examples per test, otherwise the same, so CI
  searches four times further than a local run with the same examples first;
* ``dev``: 1000 examples per test, random, with the local example database,
  for a longer hunt before a release (``SMARTSTD_HYPOTHESIS_PROFILE=dev pytest``).

A test that sets its own ``max_examples`` keeps it under every profile.

Slow tests (the ``slow`` marker): the README's command leaves them out
(``-m "not slow"`` in ``addopts``); ``.ci/run`` runs them in a step of their
own (``python -m pytest -m slow``). They are the tests that build the docs
site and drive Chromium, run a whole other pytest, generate district-scale
data, or run every command of the longest guides. A module
marks itself (``pytestmark = pytest.mark.slow``) or is listed in :data:`SLOW`
below with the reason.

Every test runs with the network blocked: the standard is offline by design
(schemas are package data, no ``$ref`` is ever fetched), and a test that tried
to connect anywhere fails loudly instead of passing on a lucky network. The
machine's own loopback stays open: a local Dask cluster talks over it.

The CLI's language follows the environment (``SMARTSTD_LANG``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``), so every test starts from the same one,
``LANG=C.UTF-8`` and nothing else set (English where a test gives no
``--lang``): a developer's ``zh_CN`` locale or CI's own must not change what
a test sees. A test about the language choice sets its variables itself.
"""

from __future__ import annotations

import os
import socket
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

for _var in ("SMARTSTD_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

settings.register_profile(
    "quick",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("SMARTSTD_HYPOTHESIS_PROFILE", "quick"))

#: Test ids (or their start) marked slow here, with why; see the module docstring.
SLOW: dict[str, str] = {
    "tests/test_generate.py::test_ndjson_streams_in_bounded_memory": (
        "200,000 observations generated under tracemalloc"
    ),
    "tests/test_testing_plugin.py::test_the_vendor_example_runs_with_the_plugin": (
        "runs a whole pytest session in a subprocess"
    ),
    "tests/test_docs.py::test_examples_run[guides/governments.md]": (
        "builds, diffs and migrates schema bundles: the longest guide"
    ),
    "tests/test_docs.py::test_examples_run[guides/governments.zh.md]": (
        "the same commands as guides/governments.md"
    ),
    "tests/test_docs.py::test_examples_run[guides/governance.md]": (
        "every graph command on the example charter"
    ),
    "tests/test_docs.py::test_examples_run[guides/governance.zh.md]": (
        "the same commands as guides/governance.md"
    ),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests of :data:`SLOW` slow (the README's command deselects them)."""
    slow = pytest.mark.slow
    for item in items:
        if item.nodeid.startswith(tuple(SLOW)):
            item.add_marker(slow)


class NetworkBlockedError(RuntimeError):
    """Raised when a test tries to open a network connection."""


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


def _refuse(what: str, address: Any) -> NetworkBlockedError:
    return NetworkBlockedError(f"tests may not use the network: {what}({address!r}) was blocked")


def _loopback(family: int, address: Any) -> bool:
    """Local IPC and this machine's own loopback (a local Dask cluster) are not network."""
    if family == socket.AF_UNIX:
        return True
    host = address[0] if isinstance(address, tuple) and address else None
    return host in ("127.0.0.1", "::1", "localhost")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if _loopback(self.family, address):
        return _real_connect(self, address)
    raise _refuse("socket.connect", address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if _loopback(self.family, address):
        return _real_connect_ex(self, address)
    raise _refuse("socket.connect_ex", address)


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    if _loopback(socket.AF_INET, address):
        return _real_create_connection(address, *args, **kwargs)
    raise _refuse("socket.create_connection", address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", _guarded_create_connection)
