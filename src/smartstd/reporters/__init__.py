"""Reporters: one module per output format, chosen from a registry by name.

>>> REPORTERS
('github', 'html', 'json', 'junit', 'markdown', 'sarif', 'text')

Each format module (``text``, ``json``, ``junit``, ``sarif``, ``github``,
``markdown``, ``html``) defines a ``REPORTER`` that follows the :class:`Reporter`
protocol. Format modules are imported only when asked for, so importing this
package costs nothing beyond the protocol::

    reporter = get_reporter("sarif")
    reporter.render(report, lang="zh-CN", color=False, out=sys.stdout)
"""

from __future__ import annotations

import importlib
import io
from typing import cast

from smartstd.errors import UnknownNameError
from smartstd.report import Report
from smartstd.reporters.base import Reporter, ReporterOptions

__all__ = ["REPORTERS", "Reporter", "ReporterOptions", "get_reporter", "render_string"]

#: The names of the known formats, sorted.
REPORTERS: tuple[str, ...] = ("github", "html", "json", "junit", "markdown", "sarif", "text")


def get_reporter(name: str) -> Reporter:
    """The reporter for format ``name`` (case and surrounding spaces are ignored).

    Raises:
        UnknownNameError: (a :class:`KeyError`) if no format has that name; the message
            lists the known ones.
    """
    key = name.strip().lower()
    if key not in REPORTERS:
        raise UnknownNameError(key="unknown_report_format", name=name, known=", ".join(REPORTERS))
    module = importlib.import_module(f"{__name__}.{key}")
    return cast(Reporter, module.REPORTER)


def render_string(
    report: Report,
    name: str = "text",
    *,
    lang: str = "en",
    color: bool = False,
    options: ReporterOptions | None = None,
) -> str:
    """Render ``report`` in format ``name`` and return the text.

    Raises:
        KeyError: if no format has that name.
    """
    buf = io.StringIO()
    get_reporter(name).render(report, lang=lang, color=color, out=buf, options=options)
    return buf.getvalue()
