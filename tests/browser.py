"""Open a page in headless Chromium with the network cut, as a person would see it.

Uses Debian's ``chromium`` (``/usr/bin/chromium``, installed by ``.ci/run``)
driven by playwright's Python package; playwright never downloads a browser
here. Every request that is not ``file:``, ``data:``, ``about:`` or
``blob:`` (or, when ``allow_localhost`` is set, to 127.0.0.1/localhost) is
aborted and recorded, so a test can assert that a page asked for nothing from
another host.

Where no Chromium is installed the browser tests are skipped on a developer's
machine and fail under CI (``CI`` set), so CI can never pass without them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """The Chromium executable: ``SMARTSTD_CHROMIUM`` or the first found on PATH."""
    given = os.environ.get("SMARTSTD_CHROMIUM")
    if given:
        return given
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The executable, or skip (fail under CI) with how to install it."""
    path = chromium_path()
    if path is None:
        message = "no Chromium: install Debian's chromium package (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    return path


@dataclass
class OfflinePage:
    """A loaded page and what it tried to fetch from the network."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The text a person sees (``innerText`` of the body)."""
        return str(self.page.inner_text("body"))

    def overflow(self) -> int:
        """How many pixels the page is wider than the window (0: no sideways scroll)."""
        return int(
            self.page.evaluate(
                "Math.max(0, document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth)"
            )
        )

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        """Save a PNG of the page and return its path."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def _local(url: str, allow_localhost: bool) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "about", "blob"):
        return True
    return allow_localhost and parsed.hostname in ("127.0.0.1", "localhost", "::1")


@contextmanager
def offline_page(
    url: str,
    *,
    width: int = 1280,
    height: int = 900,
    allow_localhost: bool = False,
    wait_for: str | None = None,
    javascript: bool = True,
) -> Iterator[OfflinePage]:
    """Open ``url`` (a ``file://`` URL, or a localhost one) with the network cut.

    Args:
        url: what to open; ``Path.as_uri()`` of a written page is typical.
        width: the viewport's width (1280 px, a laptop).
        height: the viewport's height.
        allow_localhost: let requests to a local test server through.
        wait_for: a CSS selector to wait for after the load (a chart, a table).
        javascript: ``False`` opens the page as a browser with scripts turned off.

    ``console_errors`` holds the console's errors and uncaught exceptions;
    ``dialogs`` the message of every ``alert``/``confirm``/``prompt`` (dismissed).
    """
    with (
        offline_browser() as browser,
        browser.open(
            url,
            width=width,
            height=height,
            allow_localhost=allow_localhost,
            wait_for=wait_for,
            javascript=javascript,
        ) as view,
    ):
        yield view


class OfflineBrowser:
    """One Chromium that opens many pages, each in its own context with the network cut.

    Launching the browser is most of a browser test's time; a module that opens
    many pages shares one (a module-scoped fixture around :func:`offline_browser`).
    """

    def __init__(self, browser: Any) -> None:
        self.browser = browser

    @contextmanager
    def open(
        self,
        url: str,
        *,
        width: int = 1280,
        height: int = 900,
        allow_localhost: bool = False,
        wait_for: str | None = None,
        javascript: bool = True,
    ) -> Iterator[OfflinePage]:
        """Open ``url`` in a fresh context, as :func:`offline_page` does."""
        context = self.browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        try:
            result = OfflinePage(page=None)

            def route(route: Any) -> None:
                request_url = route.request.url
                if _local(request_url, allow_localhost):
                    route.continue_()
                else:
                    result.blocked.append(request_url)
                    route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on(
                "console",
                lambda msg: result.console_errors.append(msg.text) if msg.type == "error" else None,
            )
            page.on("pageerror", lambda exc: result.console_errors.append(f"uncaught: {exc}"))

            def dialog(d: Any) -> None:
                result.dialogs.append(str(d.message))
                d.dismiss()

            page.on("dialog", dialog)
            result.page = page
            page.goto(url, wait_until="load")
            if wait_for:
                page.wait_for_selector(wait_for, timeout=15_000)
            yield result
        finally:
            context.close()


@contextmanager
def offline_browser() -> Iterator[OfflineBrowser]:
    """A headless Chromium (skipped without one, failing under CI), closed at the end."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=_ARGS)
        try:
            yield OfflineBrowser(browser)
        finally:
            browser.close()
