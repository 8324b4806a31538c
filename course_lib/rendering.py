"""The one Jinja2 environment: every HTML page and ``_repr_html_`` the course renders comes from here.

Templates are package data under ``course_lib/templates/`` (``*.html.j2``; names
starting with ``_`` are partials that pages include and ``_repr_html_`` methods
render on their own, so a notebook and a page show an object the same way).
Autoescaping is on for every HTML template: a value is escaped unless a caller marks
it safe with :func:`trusted` (only for HTML the course itself built, such as a
plotly figure's ``<div>``). Markdown templates (``*.md.j2``, the decision memo) are not
HTML-escaped; their table cells go through the ``md_cell`` filter instead.

>>> render("_text_list.html.j2", items=["<b>bold?</b>"])
'<ul class="course-notes"><li>&lt;b&gt;bold?&lt;/b&gt;</li></ul>\\n'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup  # jinja2's own dependency


def _markdown_cell(text: Any) -> str:
    """A value fit for one cell of a Markdown table: pipes escaped, on one line."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _score(value: float) -> str:
    """Points as a student reads them: at most two decimals (``2.1429`` shows as ``2.14``)."""
    return f"{round(float(value), 2):g}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The course's Jinja2 environment (built once, on first use)."""
    env = Environment(
        loader=PackageLoader("course_lib", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), disabled_extensions=("md.j2",),
                                      default_for_string=True, default=True),
        undefined=StrictUndefined,  # a missing value is a bug in the caller, not an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = _score
    env.filters["md_cell"] = _markdown_cell
    return env


def trusted(html: str) -> Markup:
    """Mark HTML the course built itself (a plotly figure's ``<div>``, plotly.js) as safe to insert unescaped.

    Never pass anything that holds text from a student or a file: that is what autoescaping is for.
    """
    return Markup(html)


def render(template: str, **context: Any) -> str:
    """Render one template of ``course_lib/templates/`` with autoescaping.

    Args:
        template: The file name, e.g. ``feedback.html.j2``.
        **context: The values the template uses.

    Returns:
        The HTML text.
    """
    return environment().get_template(template).render(**context)
