"""The Submit button at the end of each exercise: a thin widget over ``course submit``.

The button runs ``course submit NOTEBOOK --json`` in a separate process (the checks need a
fresh kernel anyway) and shows its structured report. It imports nothing from the grader:
the checks live in :mod:`course_lib.submit`, the file format in :mod:`course_lib.submission_file`.
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Seconds to wait for ``course submit`` (it runs the whole notebook once).
SUBMIT_TIMEOUT = 900


def run_course_submit(notebook: str | Path) -> dict[str, Any]:
    """Run ``course submit NOTEBOOK --json`` and return its report (``ok``, ``problems``, ``submission_file``...)."""
    command = [sys.executable, "-m", "course_lib.cli", "submit", str(notebook), "--json"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=SUBMIT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return {"ok": False, "problems": [f"the check took more than {SUBMIT_TIMEOUT} s; run `course submit "
                                          f"{notebook}` in a terminal to see where it stops"], "passed": []}
    lines = done.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        pass
    return {"ok": False, "passed": [], "problems": [f"course submit did not answer as expected (exit code "
                                                    f"{done.returncode}): {(done.stderr or done.stdout)[-500:]}"]}


def report_html(report: dict[str, Any]) -> str:
    """The report as a short HTML block: what passed, what to fix, and where the file is."""
    items = "".join(f"<li>&#10003; {html.escape(p)}</li>" for p in report.get("passed", []))
    items += "".join(f"<li><strong>To fix:</strong> {html.escape(p)}</li>" for p in report.get("problems", []))
    if report.get("ok"):
        verdict = (f"<p role='status'><strong>Ready to hand in.</strong> Upload this file: "
                   f"<code>{html.escape(report['submission_file'])}</code></p>")
    else:
        verdict = ("<p role='status'><strong>Not submitted yet.</strong> Nothing was written and your notebook "
                   "is unchanged; fix what is listed, save (Ctrl+S) and press Submit again.</p>")
    return f"{verdict}<ul>{items}</ul>"


def submit_button(notebook: str) -> Any:
    """The Submit button for the exercise ``notebook`` (a file name next to this notebook).

    Args:
        notebook: the exercise's file name, e.g. ``"03_head_to_head.ipynb"``.

    Returns:
        The widget; outside a Jupyter kernel (the grader runs exercises as plain code), a
        one-line instruction instead.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return f"To hand in, run in a terminal: course submit {notebook}"
    return build_submit_widget(notebook)


def build_submit_widget(notebook: str, *, runner: Callable[[str], dict[str, Any]] = run_course_submit,
                        background: bool = True) -> Any:
    """The widget behind :func:`submit_button`: an explanation, a labelled button and a status line.

    Args:
        notebook: the exercise's file name.
        runner: what runs the checks and returns the report (tests pass a stand-in).
        background: run the checks in a thread so the notebook stays responsive.

    Returns:
        An ``ipywidgets.VBox``; its ``button`` and ``status`` attributes are the parts tests drive.
    """
    import ipywidgets as widgets

    intro = widgets.HTML(
        "<p>Save the notebook first (<kbd>Ctrl</kbd>+<kbd>S</kbd>). <strong>Submit</strong> then checks the saved "
        "file: your <code>STUDENT_ID</code>, that no read-only or test cell changed, and that the notebook runs "
        "from the top in a fresh kernel (about half a minute). If all is well it writes the file to upload.</p>")
    button = widgets.Button(description="Submit", icon="upload", button_style="primary",
                            tooltip=f"Check {notebook} and write its submission file",
                            layout=widgets.Layout(width="auto", min_width="10em"))
    status = widgets.HTML(layout=widgets.Layout(width="auto"))
    box = widgets.VBox([intro, button, status], layout=widgets.Layout(width="100%", max_width="60em"))
    box.add_class("course-submit")
    box.button, box.status = button, status

    def work() -> None:
        try:
            status.value = report_html(runner(notebook))
        finally:
            button.disabled = False

    def on_click(_: Any) -> None:
        button.disabled = True
        status.value = "<p role='status'>Checking your saved notebook (it runs in a fresh kernel)...</p>"
        if background:
            threading.Thread(target=work, daemon=True).start()
        else:
            work()

    button.on_click(on_click)
    return box
