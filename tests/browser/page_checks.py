"""What the browser suite measures on a notebook page, as functions returning lists of problems.

Each check runs one script in the page and returns plain strings ("what, where"), so a failing
test prints every problem at once. Course widgets are the widget outputs whose outer box carries
a ``course-...`` class (see :mod:`course_lib.views.layout`); tqdm's bars and other libraries'
widgets are not checked for layout.
"""

from __future__ import annotations

from typing import Any

COURSE_ROOTS = ".jp-OutputArea-output > .jupyter-widgets[class*='course-']"

_WIDGET_STATE_JS = """() => {
    const outputs = [...document.querySelectorAll(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.widget-view+json']")];
    const problems = [];
    outputs.forEach((out, i) => {
        const text = out.innerText || '';
        if (text.includes('Loading widget...')) problems.push(`widget output ${i}: still "Loading widget..."`);
        if (text.includes('Error displaying widget')) problems.push(`widget output ${i}: "Error displaying widget"`);
        if (!out.querySelector('.jupyter-widgets')) problems.push(`widget output ${i}: no widget rendered`);
    });
    return problems;
}"""

_EMPTY_FIGURES_JS = """(live) => [...document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot')]
        .filter(gd => !!gd.closest('.jupyter-widgets') === live).flatMap((gd, i) => {
    const marks = gd.querySelectorAll('g.trace, g.annotation, .shapelayer path, .layer-above image').length;
    const cell = gd.closest('.jp-Cell');
    const where = cell ? cell.querySelector('.jp-InputArea').innerText.split('\\n').slice(-1)[0].trim() : '?';
    const title = (gd.querySelector('.gtitle') || {}).textContent || 'untitled';
    return marks > 0 ? [] : [`figure ${i} ("${title}", cell ending ${where}): empty axes, no traces or annotations`];
})"""

_TYPESET_JS = """() => [...document.querySelectorAll('.jp-Cell')].flatMap((cell, i) => {
    const maths = cell.querySelectorAll('mjx-container, .MathJax');
    const text = cell.innerText.replace(/\\s+/g, ' ').slice(0, 90);
    return maths.length ? [`cell ${i}: ${maths.length} formula(s) typeset in "${text}..."`] : [];
})"""

# Controls of course widgets, their boxes, and what cuts them: the output area and any ancestor that
# hides overflow. Radio/checkbox inputs sit inside their label, so containment is not overlap.
_LAYOUT_JS = """(roots) => {
    const controlSel = "input:not([type=hidden]), select, textarea, button, .widget-readout, "
        + ".slider-container, .widget-radio-box label, .widget-label:not(:empty), .widget-label-basic, .js-plotly-plot";
    const textSel = "button, .widget-readout, .widget-label, .widget-label-basic span, .widget-radio-box label";
    const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
    const name = el => {
        const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.title || '').trim();
        return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string'
                 ? '.' + el.className.trim().split(/\\s+/)[0] : ''} "${label.slice(0, 40)}"`;
    };
    const problems = [];
    [...document.querySelectorAll(roots)].forEach((root, r) => {
        const kind = [...root.classList].find(c => c.startsWith('course-') && c !== 'course-widget') || 'course-widget';
        const area = root.closest('.jp-OutputArea-output').getBoundingClientRect();
        // A figure widget left at plotly's empty placeholder is point 1's failure (test_every_figure_widget_has_data).
        const placeholder = el => { const gd = el.closest('.js-plotly-plot');
                                    return gd && !gd.querySelector('g.trace, g.annotation, .shapelayer path'); };
        const controls = [...root.querySelectorAll(controlSel)].filter(el => visible(el) && !placeholder(el));
        const boxes = controls.map(el => el.getBoundingClientRect());
        controls.forEach((el, i) => {
            const b = boxes[i];
            let left = area.left, right = area.right;
            for (let a = el.parentElement; a && a !== root.parentElement; a = a.parentElement) {
                const s = getComputedStyle(a);
                if (s.overflowX !== 'visible') { const ab = a.getBoundingClientRect();
                                                 left = Math.max(left, ab.left); right = Math.min(right, ab.right); }
            }
            if (b.right > right + 1 || b.left < left - 1)
                problems.push(`${kind} ${r}: ${name(el)} cut off (${Math.round(b.left)}-${Math.round(b.right)} px, `
                              + `visible ${Math.round(left)}-${Math.round(right)})`);
            if (el.matches(textSel) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
                problems.push(`${kind} ${r}: ${name(el)} text cut (${el.scrollWidth} px of text in ${el.clientWidth})`);
            if (el.matches("select, input[type=text], input[type=number], textarea") && b.width < 56)
                problems.push(`${kind} ${r}: ${name(el)} squashed to ${Math.round(b.width)} px`);
            if (el.matches('.slider-container') && b.width < 60)
                problems.push(`${kind} ${r}: slider track squashed to ${Math.round(b.width)} px`);
            for (let j = i + 1; j < controls.length; j++) {
                const o = controls[j], c = boxes[j];
                if (el.contains(o) || o.contains(el)) continue;
                const w = Math.min(b.right, c.right) - Math.max(b.left, c.left);
                const h = Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top);
                if (w > 2 && h > 2) problems.push(`${kind} ${r}: ${name(el)} overlaps ${name(o)} (${Math.round(w)}x${Math.round(h)} px)`);
            }
        });
    });
    return problems;
}"""


def widget_problems(page: Any) -> list[str]:
    """Widget outputs still loading, failed, or empty."""
    return page.evaluate(_WIDGET_STATE_JS)


def empty_figures(page: Any, live: bool) -> list[str]:
    """Plotly figures that show axes but nothing on them.

    Args:
        page: The notebook's page.
        live: Check charts inside widgets (the explorers' ``LiveFigure``) when True, figure outputs of cells when False.
    """
    return page.evaluate(_EMPTY_FIGURES_JS, live)


def typeset_maths(page: Any) -> list[str]:
    """Cells where MathJax typeset something: the course has no formulas, so it is always misread money."""
    return page.evaluate(_TYPESET_JS)


def layout_problems(page: Any) -> list[str]:
    """Controls of course widgets that overlap, are cut off, or are squashed too narrow to read."""
    return page.evaluate(_LAYOUT_JS, COURSE_ROOTS)


CONTROL_ROLES = ("button", "checkbox", "combobox", "listbox", "radio", "slider", "spinbutton", "textbox")


def unnamed_controls(aria_snapshot: str) -> list[str]:
    """Controls in a Playwright ARIA snapshot that a screen reader would announce without a name.

    Args:
        aria_snapshot: The text of ``locator.aria_snapshot()``.

    Returns:
        The snapshot lines of unnamed controls.

    >>> unnamed_controls('- slider "Epochs": "3"\\n- textbox\\n- button "Run"')
    ['- textbox']
    """
    problems = []
    for line in aria_snapshot.splitlines():
        item = line.strip()
        if not item.startswith("- "):
            continue
        role = item[2:].split(" ", 1)[0].split(":", 1)[0].split("[", 1)[0]
        if role in CONTROL_ROLES and not item[2 + len(role):].lstrip().startswith('"'):
            problems.append(item)
    return problems
