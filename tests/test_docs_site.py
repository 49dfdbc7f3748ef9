"""The built documentation site: nothing from another host, diagrams that render offline.

The site is built once per session with ``mkdocs build --strict`` into a
temporary folder, or taken from ``SMARTSTD_DOCS_SITE`` (``.ci/run`` builds it
first and points this variable at it). Two checks:

* every HTML, CSS and JavaScript file of the site is read for resources it
  would load from another host (``src``, ``href`` of ``<link>``, ``@import``,
  ``url()``, script loaders); links in prose (``<a href>``) are fine;
* headless Chromium opens the charter graph and the request lifecycle from a
  local HTTP server with every other request aborted and recorded, waits for
  Mermaid to draw its SVG and takes screenshots at 1280 px.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlparse

import pytest

from browser import offline_page

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow  # builds the whole site (unless CI built it) and opens Chromium

# In JavaScript a URL is a resource when it points at a CDN or at a file a
# browser would load (script, style, font, image, data); licence and
# documentation links in the libraries' comments and messages are not.
_CDN_HOSTS = {
    "unpkg.com",
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "ajax.googleapis.com",
    "cdn.bootcdn.net",
    "cdn.staticfile.org",
    "cdn.staticfile.net",
    "lib.baomitu.com",
    "esm.sh",
    "cdn.skypack.dev",
    "use.fontawesome.com",
    "kit.fontawesome.com",
}
_LOADABLE = re.compile(
    r"\.(?:m?js|css|woff2?|ttf|otf|eot|json|wasm|png|jpe?g|gif|webp|svg|ico)(?:[?#].*)?$",
    re.IGNORECASE,
)
# ...and the ones that never load in a browser of the last five years, with the reason
_JS_ALLOWED = {
    # material: only when `typeof mermaid == "undefined"`; every page with a diagram
    # loads the vendored copy (test_every_diagram_page_loads_the_vendored_mermaid)
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    # material: only where `ResizeObserver` is missing (every browser has had it since 2020)
    "https://unpkg.com/resize-observer-polyfill",
}


def _build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site (``SMARTSTD_DOCS_SITE``, or built once here for all xdist workers)."""
    given = os.environ.get("SMARTSTD_DOCS_SITE")
    if given:
        path = Path(given)
        assert (path / "index.html").is_file(), f"SMARTSTD_DOCS_SITE={given} holds no built site"
        return path
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the workers' common folder: build the site once
    out = shared / "docs-site"
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: each worker builds its own
        out = tmp_path_factory.mktemp("docs-site")
        _build(out)
        return out
    with (shared / "docs-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").is_file():
            _build(out)
    return out


# --------------------------------------------------------------------------- static check


class _Resources(HTMLParser):
    """Every URL an HTML page would load by itself (not the links a person follows)."""

    _LOADING: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {
            ("script", "src"),
            ("img", "src"),
            ("img", "srcset"),
            ("source", "src"),
            ("source", "srcset"),
            ("iframe", "src"),
            ("embed", "src"),
            ("object", "data"),
            ("audio", "src"),
            ("video", "src"),
            ("video", "poster"),
            ("track", "src"),
            ("input", "src"),
            ("image", "href"),
            ("use", "href"),
            ("image", "xlink:href"),
            ("use", "xlink:href"),
        }
    )
    # <link rel=...> values that fetch (stylesheet, icon, preload, manifest, ...);
    # canonical and alternate only name a URL
    _LINK_NAMES: ClassVar[frozenset[str]] = frozenset(
        {"canonical", "alternate", "author", "license", "help", "next", "prev", "search"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in self._LOADING:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))
            if name == "style":
                self.styles.append(value)
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels - self._LINK_NAMES:
                self.urls.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.append(values.get("content", "").partition("url=")[2])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_JS_URL = re.compile(r"""https?://[A-Za-z0-9.-]+(?:[/?#][^\s'"`)<>\\]*)?""")


def _remote(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or urlparse(url).scheme in ("http", "https", "ftp", "ws", "wss")


def _css_urls(text: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(text)]


def _js_remote(url: str) -> bool:
    if url in _JS_ALLOWED:
        return False
    parsed = urlparse(url)
    if (
        parsed.hostname == "github.com"
    ):  # source views, never a raw file (raw.githubusercontent.com)
        return False
    return parsed.hostname in _CDN_HOSTS or bool(_LOADABLE.search(parsed.path))


def test_the_site_loads_nothing_from_another_host(site: Path) -> None:
    found: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100, "the site looks incomplete"
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        urls = parser.urls + [u for style in parser.styles for u in _css_urls(style)]
        found += [f"{page.relative_to(site)}: {u}" for u in urls if _remote(u)]
    for sheet in sorted(site.rglob("*.css")):
        found += [
            f"{sheet.relative_to(site)}: {u}"
            for u in _css_urls(sheet.read_text(encoding="utf-8"))
            if _remote(u)
        ]
    for script in sorted(site.rglob("*.js")):
        text = script.read_text(encoding="utf-8", errors="replace")
        found += [
            f"{script.relative_to(site)}: {u}" for u in _JS_URL.findall(text) if _js_remote(u)
        ]
    assert found == [], "resources from another host:\n" + "\n".join(found)


def test_the_checker_catches_a_remote_resource() -> None:
    """The parser above sees the ways a page loads something (so the test can fail)."""
    parser = _Resources()
    parser.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://smartstd.readthedocs.io/">'
        '<script src="//cdn.example.com/x.js"></script>'
        '<a href="https://semver.org/">SemVer</a>'
        '<img srcset="a.png 1x, https://cdn.example.com/b.png 2x">'
        "<style>@import 'https://cdn.example.com/s.css'; p{background:url(http://x.cn/i.png)}</style>"
    )
    urls = parser.urls + [u for s in parser.styles for u in _css_urls(s)]
    assert [u for u in urls if _remote(u)] == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.com/x.js",
        "https://cdn.example.com/b.png",
        "https://cdn.example.com/s.css",
        "http://x.cn/i.png",
    ]
    assert _js_remote("https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js")
    assert _js_remote("https://fonts.googleapis.com/css?family=Roboto")
    assert not _js_remote("https://unpkg.com/mermaid@11/dist/mermaid.min.js")
    assert not _js_remote("http://www.mozilla.org/MPL/")


def test_every_diagram_page_loads_the_vendored_mermaid(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if 'class="mermaid"' in p.read_text("utf-8")]
    names = {p.relative_to(site).as_posix() for p in pages}
    assert {
        "reference/lifecycle/index.html",
        "reference/governance/index.html",
        "zh/reference/lifecycle/index.html",
        "zh/reference/governance/index.html",
    } <= names
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<script src="(\.\./)*assets/javascripts/mermaid\.min\.js"', text), page
    vendored = site / "assets" / "javascripts" / "mermaid.min.js"
    assert vendored.stat().st_size > 1_000_000  # the whole library, not a stub
    assert "mermaid" in vendored.read_text(encoding="utf-8", errors="replace")[:400]


def test_the_chinese_pages_have_a_chinese_interface(site: Path) -> None:
    for rel in (
        "zh/index.html",
        "zh/guides/governments/index.html",
        "zh/reference/rules/index.html",
    ):
        text = (site / rel).read_text(encoding="utf-8")
        assert '<html lang="zh"' in text, rel
        assert 'placeholder="搜索"' in text, rel
        assert re.search(r">\s*快速上手\s*<", text), rel  # the menu
        assert not re.search(r">\s*Getting started\s*<", text), rel
    english = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english
    assert 'placeholder="Search"' in english
    assert 'hreflang="zh"' in english  # the language switcher


def test_the_search_index_cuts_chinese_into_words(site: Path) -> None:
    """jieba (the docs extra) segments the Chinese pages, so a word inside a sentence is found."""
    import json

    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    assert separator.search("\u200b"), "the search separator must include U+200B"
    words = {
        word
        for doc in index["docs"]
        if doc["location"].startswith("zh/")
        for word in separator.split(doc["text"])
    }
    assert {"脱敏", "整改", "离线", "责任"} <= words


# --------------------------------------------------------------------------- in a browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site on a local HTTP server (``http://127.0.0.1:PORT/``)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# material draws each diagram into a *closed* shadow root; open it so the test can look
_OPEN_SHADOWS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, { mode: "open" }));
};
"""

_DIAGRAMS = [
    ("reference/governance/", "flowchart LR", "charter"),
    ("zh/reference/governance/", "flowchart LR", "charter-zh"),
    ("reference/lifecycle/", "stateDiagram-v2", "lifecycle"),
]


@pytest.mark.parametrize(("path", "source", "name"), _DIAGRAMS, ids=[d[2] for d in _DIAGRAMS])
def test_diagrams_render_offline(
    served: str, path: str, source: str, name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shots = tmp_path_factory.getbasetemp() / "docs-screenshots"
    with offline_page(served + path, allow_localhost=True) as view:
        view.page.add_init_script(_OPEN_SHADOWS)
        view.page.reload(wait_until="load")
        view.page.wait_for_selector("div.mermaid svg", timeout=30_000)
        svg = view.page.locator("div.mermaid svg").first
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        nodes = view.page.locator("div.mermaid svg g.node, div.mermaid svg g.nodes > g").count()
        assert nodes >= 5, "the diagram has hardly any nodes"
        assert view.page.locator("pre.mermaid").count() == 0, "a diagram was left as code"
        assert source not in view.text(), "raw Mermaid source is visible"
        view.screenshot(shots / f"{name}.png", full_page=False)
        assert view.blocked == [], f"requests to other hosts: {view.blocked}"
        assert view.console_errors == []


# A name is letters, digits, `_`, `.` and `:` (`community_id`, `gz:style`); a
# pattern such as `^(/([^~/]|~[01])*)+$` may break after its `|`.
_BROKEN_NAMES = """() => [...document.querySelectorAll('article table code')]
  .filter((c) => /^[\\w.:]+$/u.test(c.textContent) && c.getClientRects().length > 1)
  .map((c) => c.textContent)"""


@pytest.mark.parametrize(
    "path", ["reference/entities/Building/", "zh/reference/entities/Building/", "reference/cli/"]
)
def test_reference_tables_keep_names_whole_at_1280px(
    served: str, path: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`community_id` in a table is one line, not `community_` / `id` (a hyphen may break)."""
    shots = tmp_path_factory.getbasetemp() / "docs-screenshots"
    with offline_page(served + path, width=1280, allow_localhost=True) as view:
        assert view.page.locator("article table td:first-child code").count() >= 5
        assert view.page.evaluate(_BROKEN_NAMES) == []
        # no table is wider than the page (a wide one would scroll sideways)
        widths = view.page.evaluate(
            "() => [...document.querySelectorAll('article table')]"
            ".map((t) => t.parentElement.scrollWidth - t.parentElement.clientWidth)"
        )
        assert max(widths) <= 2
        if "entities" in path:
            view.page.locator("code", has_text="community_id").first.scroll_into_view_if_needed()
        view.screenshot(shots / f"{path.strip('/').replace('/', '-')}-1280.png", full_page=False)
        assert view.blocked == []


@pytest.mark.parametrize(("path", "query"), [("zh/", "脱敏"), ("", "rectification")])
def test_search_works_offline_and_the_language_switcher_leads_to_the_chinese_page(
    served: str, path: str, query: str
) -> None:
    with offline_page(served + path, allow_localhost=True) as view:
        page = view.page
        page.wait_for_timeout(500)  # the search worker loads its index
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.keyboard.press("End")  # material searches on key-up; typed CJK has none
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        assert page.locator(".md-search-result__item").count() >= 1
        switch = page.get_attribute('a[hreflang="zh"]', "href")
        assert view.blocked == [] and view.console_errors == []
    assert switch is not None
    with offline_page(urljoin(served + path, switch), allow_localhost=True) as view:
        assert view.page.evaluate("document.documentElement.lang") == "zh"
        assert "快速上手" in view.text()
        assert view.blocked == []
