"""Render the class report as one self-contained HTML file plus its tables as CSV."""

from __future__ import annotations

import html
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from course_lib.classroom.figures import all_figures
from course_lib.classroom.grades import GradeBook
from course_lib.classroom.report import ClassReport
from course_lib.grading.scoring.csvsafe import safe_frame
from course_lib.files import write_atomic

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#222;line-height:1.45;padding:0 1rem}
h1{margin-bottom:.2rem}.meta{color:#666;margin-top:0}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right}
.note{color:#555;font-size:.9rem}section{margin-bottom:2.5rem}.scroll{overflow-x:auto}
"""


def _table(frame: pd.DataFrame, links: dict[int, str] | None = None) -> str:
    """An escaped HTML table; ``links`` maps a row position to extra (already safe) HTML."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    if links is not None:
        head += "<th>feedback</th>"
    rows = []
    for position, values in enumerate(frame.itertuples(index=False)):
        cells = []
        for value in values:
            if isinstance(value, float):
                cells.append(f'<td class="num">{"" if pd.isna(value) else f"{value:g}"}</td>')
            elif isinstance(value, (int,)) and not isinstance(value, bool):
                cells.append(f'<td class="num">{value}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        if links is not None:
            cells.append(f"<td>{links.get(position, '')}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _feedback_links(report: ClassReport, book: GradeBook, rows: pd.DataFrame, out: Path) -> dict[int, str]:
    links: dict[int, str] = {}
    if book.root is None:
        return links
    assignments = report.assignments["assignment"].tolist()
    for position, student in enumerate(rows["student"]):
        found = []
        for assignment in assignments:
            path = book.feedback_path(student, assignment)
            if path is not None:
                href = Path(os.path.relpath(path, out.parent)).as_posix()
                found.append(f'<a href="{html.escape(href)}">{html.escape(assignment)}</a>')
        links[position] = " ".join(found)
    return links


def render_html(report: ClassReport, book: GradeBook, out: Path, tables_dir: Path | None = None) -> str:
    """Build the report page: figures (plotly.js inlined once, so it works offline) and tables.

    Args:
        report: the computed report.
        book: the grader's output (used to link each flagged student's feedback files).
        out: where the page will be written (links are made relative to it).
        tables_dir: where the CSV tables go, named on the page; None to leave them out.

    Returns:
        The HTML text.
    """
    figures = {name: pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=f"fig-{name}",
                                 config={"displaylogo": False, "responsive": True})
               for name, fig in all_figures(report).items()}
    settings = report.settings
    flagged = report.needs_help
    shown = flagged.head(int(settings.help_rows_in_html))
    more = len(flagged) - len(shown)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    source = html.escape(str(book.root)) if book.root else "(in memory)"
    csv_note = ""
    if tables_dir is not None:
        rel = Path(os.path.relpath(tables_dir, out.parent)).as_posix()
        names = ", ".join(f"<code>{html.escape(n)}.csv</code>" for n in report.tables())
        csv_note = (f'<p class="note">Every table is also in <a href="{html.escape(rel)}/">'
                    f"{html.escape(rel)}/</a>: {names}.</p>")
    help_note = (f'<p class="note">Showing {len(shown)} of {len(flagged)} flagged students; '
                 f"the full list is in <code>students_needing_help.csv</code>.</p>") if more > 0 else ""
    body = f"""
<h1>Class report</h1>
<p class="meta">{report.n_students} student(s), {len(report.assignments)} assignment(s);
grader output from <code>{source}</code>; generated {generated}.</p>
{csv_note}
<section id="assignments"><h2>Assignments</h2>
{_table(report.assignments)}
{figures['distribution']}</section>
<section id="items"><h2>Items</h2>
<p class="note">Each bar is one graded item; colours are the grader's statuses.</p>
{figures['items']}
{_table(report.items)}</section>
<section id="objectives"><h2>Learning objectives</h2>
<p class="note">Share of each objective's points the class earned; "students_below" counts students
under {settings.weak_objective_percent:g} % on that objective; "judged" says whether the objective has
enough items (at least {settings.objective_min_items}) for a student to be flagged on it.</p>
{figures['objectives']}
{_table(report.objectives)}</section>
<section id="missed"><h2>Items most students missed</h2>
<p class="note">Among students who answered at least one item of the assignment (an item they left
unanswered counts as missed); "common_feedback" is the grader's message they received most often, with how
many got it.</p>
{_table(report.missed) if len(report.missed) else '<p>Everyone who answered an assignment passed every item.</p>'}</section>
<section id="needs-help"><h2>Students who may need help</h2>
<p class="note">Flagged for: overall score under {settings.low_percent:g} %; an assignment with nothing answered or not handed in;
code that crashed, timed out or could not be read; or an objective under {settings.weak_objective_percent:g} %.
Most flags first.</p>
{help_note}
{_table(shown, _feedback_links(report, book, shown, out)) if len(shown) else '<p>No student is flagged.</p>'}
</section>
"""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Class report</title><style>{_CSS}</style>"
            f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
            f"<body>{body}</body></html>\n")


def write_report(report: ClassReport, book: GradeBook, out: Path | str,
                 tables_dir: Path | str | None = None) -> tuple[Path, Path]:
    """Write the HTML report and its CSV tables (each file replaced atomically).

    Args:
        report: the computed report.
        book: the grader's output.
        out: the HTML file to write.
        tables_dir: folder for the CSV tables; default ``<out stem>_tables`` next to ``out``.

    Returns:
        (the HTML path, the tables folder).
    """
    out = Path(out)
    tables = Path(tables_dir) if tables_dir is not None else out.with_name(f"{out.stem}_tables")
    for name, frame in report.tables().items():
        write_atomic(tables / f"{name}.csv", safe_frame(frame).to_csv(index=False))
    write_atomic(out, render_html(report, book, out, tables))
    return out, tables
