"""The course's widget layout rules, in one place: controls that shrink and wrap from 800 px up.

Every explorer and every quiz question builds its boxes, control widths, label widths and
figures with these helpers, so a layout fix is made once. The rules:

* a row of controls or panels is a box that wraps (``flex-flow: row wrap``), never a fixed row;
* a control is as wide as its column allows, between a minimum that keeps its value readable
  and a maximum that keeps it from stretching across a wide screen;
* labels (``description``) have one fixed width per widget, so controls line up, and long help
  text goes in wrapping HTML, never in a one-line ``Label`` that cuts it off;
* figures take the width of the cell (``autosize``), not a fixed number of pixels, and every
  update replaces the whole figure (:class:`~course_lib.views.live_figure.LiveFigure`).

ipywidgets cannot make a radio or checkbox label wrap (its CSS fixes their height to one line)
and gives slider handles no accessible name, so :func:`stylesheet` adds a few CSS rules, scoped
to the course's own widgets (``.course-widget``), and names the handles; every top-level course
widget carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import anywidget
import ipywidgets as widgets
import plotly.graph_objects as go

from course_lib.views.live_figure import LiveFigure

COURSE_CLASS = "course-widget"
LABEL_WIDTH = "12em"  # room for the longest control label ("LoRA train USD/1M tok")
CONTROL_MIN_WIDTH = "17em"  # label + a track or box wide enough to show its value
CONTROL_MAX_WIDTH = "30em"
PANEL_MIN_WIDTH = "18em"
GAP = "4px 16px"

# Scoped to the course's widgets: let long option text wrap with its radio circle or tick box
# beside it, instead of a fixed one-line height that draws wrapped lines over each other.
_CSS = f"""
.{COURSE_CLASS} .widget-radio-box label {{
  height: auto; line-height: 1.35; display: flex; align-items: flex-start;
  white-space: normal; margin-bottom: 6px;
}}
.{COURSE_CLASS} .widget-radio-box input {{
  float: none; flex: none; height: 1.35em; margin: 0 8px 0 1px;
}}
.{COURSE_CLASS} .widget-inline-hbox {{ flex-wrap: wrap; height: auto; }}
.{COURSE_CLASS} .widget-checkbox label.widget-label-basic {{
  height: auto; line-height: 1.35; display: flex; align-items: flex-start;
}}
.{COURSE_CLASS} .widget-checkbox label.widget-label-basic input {{ flex: none; margin-top: 0.15em; }}
.{COURSE_CLASS} .widget-checkbox label.widget-label-basic span {{
  white-space: normal; overflow: visible; text-overflow: clip;
}}
.{COURSE_CLASS} .jupyter-widgets, .{COURSE_CLASS} .js-plotly-plot {{ min-width: 0; max-width: 100%; }}
.{COURSE_CLASS} .widget-button {{ height: auto; min-height: var(--jp-widgets-inline-height); }}
.{COURSE_CLASS} .widget-button, .{COURSE_CLASS} .widget-button .widget-label-basic {{
  white-space: normal; overflow: visible;
}}
"""


# ipywidgets 8 draws a slider's handle as a div with role="slider" but no name, so a screen reader
# announces "slider" and nothing else; name each handle after its widget's visible label.
_ESM = """
function nameSliders(root) {
  root.querySelectorAll('[role=slider]:not([aria-label])').forEach(handle => {
    const box = handle.closest('.widget-slider, .jupyter-widget-slider');
    const label = box && box.querySelector('.widget-label, .jupyter-widget-label');
    const name = label && label.textContent.trim();
    if (name) handle.setAttribute('aria-label', name);
  });
}
// Plotly's figure widgets re-fit only on a window "resize" event, so a sidebar opening beside the
// notebook would leave them wider than the cell: tell them when this widget's width changes.
function refitFiguresOnResize(root) {
  let width = root.clientWidth, pending = false;
  return new ResizeObserver(() => {
    if (pending || root.clientWidth === width) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; width = root.clientWidth;
                                  window.dispatchEvent(new Event('resize')); });
  });
}
export default {
  render({ el }) {
    let names = null, sizes = null, tries = 0;
    const start = () => {
      const root = el.closest('.%s');
      if (!root) { if (tries++ < 600) requestAnimationFrame(start); return; }
      nameSliders(root);
      names = new MutationObserver(() => nameSliders(root));
      names.observe(root, { childList: true, subtree: true });
      sizes = refitFiguresOnResize(root);
      sizes.observe(root);
    };
    requestAnimationFrame(start);
    return () => { names && names.disconnect(); sizes && sizes.disconnect(); };
  },
};
""" % COURSE_CLASS


class CourseRules(anywidget.AnyWidget):
    """The course's CSS rules, slider names and figure re-fitting, as an invisible widget inside
    each course widget.

    anywidget adds ``_css`` to the page once, however many widgets carry it; ``_esm`` names the
    slider handles of the course widget it sits in and re-fits its figures when its width changes.
    """

    _esm = _ESM
    _css = _CSS


def stylesheet() -> CourseRules:
    """The invisible widget that carries the course's CSS rules and slider names.

    Returns:
        A :class:`CourseRules` widget to put in a course widget's children; it shows nothing.
    """
    rules = CourseRules(layout=widgets.Layout(display="none"))
    rules.add_class("course-stylesheet")
    return rules


@cache
def shared_style(widget_class: type[widgets.DOMWidget]) -> widgets.Style:
    """One style of ``widget_class``'s kind (``widgets.HTML``: an ``HTMLStyle``) at its defaults, for every widget
    of that class that does not change it.

    Each widget's style is a model of its own in the front end, created with a message from the kernel; a quiz
    draws hundreds of checkboxes and HTML fields, and sharing one style model among them (as ``_FULL`` shares one
    layout) halves the models a self-check sends. Never change a shared style's traits.
    """
    return widget_class.class_traits()["style"].klass()


def label_style(width: str = LABEL_WIDTH) -> dict[str, str]:
    """The ``style`` of a control with a description: one label width, so controls line up.

    Args:
        width: A CSS width for the description; ``"initial"`` sizes it to its text.

    Returns:
        A dict to pass as ``style=``.
    """
    return {"description_width": width}


def control_layout(min_width: str = CONTROL_MIN_WIDTH, max_width: str = CONTROL_MAX_WIDTH) -> widgets.Layout:
    """The layout of one control (slider, dropdown, number box): fills its column within limits.

    Args:
        min_width: Below this the control would hide its value, so its column wraps instead.
        max_width: Above this the control would stretch uselessly on a wide screen.

    Returns:
        A fresh ``Layout`` (one may also be shared by widgets that never change it).
    """
    return widgets.Layout(width="auto", min_width=min_width, max_width=max_width)  # stretched by its column


def fill_layout(**extra: Any) -> widgets.Layout:
    """The layout of text, feedback and option lists: the full width of the cell, wrapping.

    Args:
        extra: More ``Layout`` traits (margins, borders).

    Returns:
        A fresh ``Layout``.
    """
    return widgets.Layout(width="auto", max_width="100%", **extra)


def button_layout() -> widgets.Layout:
    """The layout of a button: as wide as its text, never cut off."""
    return widgets.Layout(width="auto", min_width="10em", max_width="100%", height="auto")


def wrap_row(children: Sequence[widgets.Widget], **extra: Any) -> widgets.HBox:
    """A row of controls or panels that wraps onto the next line when the cell is too narrow.

    Args:
        children: The widgets side by side.
        extra: More ``Layout`` traits (``align_items``...).

    Returns:
        An ``HBox`` with ``flex-flow: row wrap``.
    """
    return widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", grid_gap=GAP,
                                                              width="100%", **extra))


def panel(children: Sequence[widgets.Widget], min_width: str = PANEL_MIN_WIDTH, **extra: Any) -> widgets.VBox:
    """A column inside a :func:`wrap_row`: grows to share the row, wraps below ``min_width``.

    Args:
        children: The widgets stacked in the column.
        min_width: The narrowest the column may be before it moves to its own line.
        extra: More ``Layout`` traits.

    Returns:
        A ``VBox``.
    """
    return widgets.VBox(list(children), layout=widgets.Layout(flex="1 1 0%", min_width=min_width,
                                                              max_width="100%", **extra))


def help_text(text: str) -> widgets.HTML:
    """Help text beside or under a control, wrapping instead of being cut off like a ``Label``.

    Args:
        text: Plain text (escaped here).

    Returns:
        An ``HTML`` widget.
    """
    import html

    return widgets.HTML(f'<span class="course-help">{html.escape(text)}</span>',
                        layout=widgets.Layout(flex="1 1 14em", min_width="10em"))


def figure_widget(figure: go.Figure) -> LiveFigure:
    """A chart inside a course widget that takes the width of its cell and always shows its whole figure.

    Args:
        figure: The first figure to show.

    Returns:
        A :class:`~course_lib.views.live_figure.LiveFigure`: every update replaces the whole figure, drawn
        with ``autosize`` (a fixed ``width`` is dropped), so it is never cut at the right.
    """
    return LiveFigure(figure)


def course_widget(box: widgets.Box, css_class: str, with_stylesheet: bool = True) -> widgets.Box:
    """Mark a course widget: its own CSS class, the class the course's rules are scoped to, and
    (unless its children already carry it) the stylesheet as its last child.

    Args:
        box: The widget's outer box, children already set.
        css_class: The widget's own class (``course-cost-explorer``), for tests and styling.
        with_stylesheet: Append :func:`stylesheet`; False when every child already carries it.

    Returns:
        The same box.
    """
    box.add_class(COURSE_CLASS)
    box.add_class(css_class)
    if with_stylesheet:
        box.children = (*box.children, stylesheet())
    return box
