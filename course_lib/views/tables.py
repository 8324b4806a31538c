"""Tables a learner reads: every cell's full text, wrapped, never cut to pandas' 50 characters.

pandas shows a DataFrame with ``display.max_colwidth = 50``, so the lessons' core text
(the approaches, the criteria, a vendor's note) ended in "...". :func:`show_table` is the
one way the lessons display a table: the whole text, wrapped at word boundaries, left
aligned, dollar signs written as an HTML entity (JupyterLab would otherwise typeset text
between two of them as maths), and a horizontal scroll bar rather than a cut in narrow
windows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Selectors carry two classes so they win over JupyterLab's own output-table rules
# (":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td" right-aligns every cell).
_CSS = """<style>
.course-table-wrap { overflow-x: auto; max-width: 100%; }
.course-table-wrap table.course-table { border-collapse: collapse; table-layout: auto; margin-left: 0; }
.course-table-wrap table.course-table th, .course-table-wrap table.course-table td {
  white-space: normal; overflow-wrap: break-word; word-break: normal; hyphens: none;
  text-align: left; vertical-align: top; max-width: 36em; padding: 4px 8px;
}
</style>"""


@dataclass(frozen=True)
class Table:
    """A DataFrame shown in full: what :func:`show_table` returns (the notebook displays it).

    Attributes:
        data: The table itself, for code that reads it further.
        index: Show the index as the first column (None: only when it is more than row numbers).
    """

    data: pd.DataFrame
    index: bool | None = None

    @property
    def shows_index(self) -> bool:
        """Whether the index is shown: a plain 0, 1, 2... row number is left out unless asked for."""
        if self.index is not None:
            return self.index
        plain = isinstance(self.data.index, pd.RangeIndex) and self.data.index.start == 0 and self.data.index.step == 1
        return not (plain and self.data.index.name is None)

    def to_html(self) -> str:
        """The table as HTML: full cell text, escaped, wrapped, with no maths delimiters."""
        with pd.option_context("display.max_colwidth", None, "display.max_rows", None,
                               "display.max_columns", None):
            body = self.data.to_html(index=self.shows_index, escape=True, border=0, na_rep="",
                                     classes="course-table", max_rows=None, max_cols=None)
        return (_CSS + f'<div class="course-table-wrap">{body}</div>').replace("$", "&#36;")

    def _repr_html_(self) -> str:
        return self.to_html()


def show_table(table: pd.DataFrame | pd.Series, *, index: bool | None = None) -> Table:
    """Display a table with every cell's full text, wrapped (use it as a cell's last expression).

    Args:
        table: A DataFrame, or a Series (shown as one column).
        index: Show the index as the first column; by default only when it is more than row numbers.

    Returns:
        A :class:`Table` that JupyterLab renders as HTML; its ``data`` is the DataFrame.

    >>> long = "a criterion explained in a sentence much longer than fifty characters"
    >>> "..." in show_table(pd.DataFrame({"why": [long]})).to_html()
    False
    """
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"show_table() needs a pandas DataFrame or Series, got {type(table).__name__}; "
                        "build one with pd.DataFrame(...) first.")
    return Table(table, index)
