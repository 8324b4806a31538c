"""A chart inside an explorer that always shows its whole figure: each update replaces it.

Why not ``go.FigureWidget``: inside a box of other widgets its front-end state
(``_widget_data``/``_widget_layout``) is set once, when it is built, and only refreshed
when the FigureWidget itself is displayed. Later changes travel as one-off messages
(``_py2js_restyle``, ``_py2js_relayout``) that plotly's front-end model applies to a copy
and that only a view already on screen acts on. On a cold kernel's first Run All, under
load, updates sent before the view rendered were lost: the chart came up as empty
default axes and stayed so, because each slider move sent only a difference against
traces the view never had. Here every update sends the complete figure (the same
``application/vnd.plotly.v1+json`` output a plain figure cell shows) into an ``Output``
widget, whose outputs are model state: a view that renders late still gets all of it.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio


class LiveFigure(widgets.Output):
    """An ``Output`` that holds one plotly figure and replaces it whole on every :meth:`show`.

    Args:
        figure: The first figure, shown at once (so the chart is never empty, even before any update).

    Attributes:
        figure: The figure on screen now (read it in tests: ``live.figure.data``).
    """

    def __init__(self, figure: go.Figure, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("course-live-figure")
        self.figure = figure
        self.show(figure)

    def show(self, figure: go.Figure) -> None:
        """Replace the figure on screen with ``figure`` (data and layout together).

        The output is set as widget state in one assignment (no clear-then-append step that
        a view could render in between), and works the same inside and outside a kernel.
        """
        self.figure = figure
        fitted = go.Figure(figure).update_layout(width=None, autosize=True)  # the cell's width, never cut off
        bundle = pio.renderers["plotly_mimetype"].to_mimebundle(fitted.to_dict())
        bundle["text/plain"] = f"<plotly figure: {figure.layout.title.text or 'untitled'}>"
        self.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
