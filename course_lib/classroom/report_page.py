"""Render the class report as one self-contained HTML file plus its tables as CSV."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from course_lib.classroom.class_report import ClassReport
from course_lib.classroom.figures import all_figures
from course_lib.classroom.grades import GradeBook
from course_lib.files import write_atomic
from course_lib.grading.scoring.csvsafe import safe_frame
from course_lib.rendering import render, trusted


@dataclass(frozen=True)
class Cell:
    """One table cell as the page shows it: its text, and whether it is a number (right-aligned)."""

    text: str
    numeric: bool


@dataclass(frozen=True)
class Table:
    """A table for ``_table.html.j2``: column names (as in the CSV; the page shows them with spaces, so
    headers wrap), rows of cells, and per row its feedback links or None."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    links: tuple[tuple[tuple[str, str], ...], ...] | None = None


def _cell(value: object) -> Cell:
    if isinstance(value, float):
        return Cell("" if pd.isna(value) else f"{value:g}", True)
    if isinstance(value, int) and not isinstance(value, bool):
        return Cell(str(value), True)
    return Cell(str(value), False)


def table(frame: pd.DataFrame, links: list[tuple[tuple[str, str], ...]] | None = None) -> Table:
    """A frame as the page's table (values are escaped by the template, never here).

    Args:
        frame: The report table.
        links: Per row, (href, label) pairs for a "feedback" column; None for no such column.

    Returns:
        The table.
    """
    rows = tuple(tuple(_cell(v) for v in values) for values in frame.itertuples(index=False))
    return Table(tuple(str(c) for c in frame.columns), rows, None if links is None else tuple(links))


def _feedback_links(report: ClassReport, book: GradeBook, rows: pd.DataFrame, out: Path) -> list[tuple[tuple[str, str], ...]]:
    """Per flagged student, a link to each feedback page the grader wrote (relative to the page)."""
    assignments = report.assignments["assignment"].tolist()
    links = []
    for student in rows["student"]:
        found = []
        for assignment in assignments:
            path = book.feedback_path(student, assignment)
            if path is not None:
                found.append((Path(os.path.relpath(path, out.parent)).as_posix(), assignment))
        links.append(tuple(found))
    return links


def render_html(report: ClassReport, book: GradeBook, out: Path, tables_dir: Path | None = None,
                generated: datetime | None = None) -> str:
    """Build the report page from ``class_report.html.j2``: figures (plotly.js inlined once, so it works offline) and tables.

    Args:
        report: the computed report.
        book: the grader's output (used to link each flagged student's feedback files).
        out: where the page will be written (links are made relative to it).
        tables_dir: where the CSV tables go, named on the page; None to leave them out.
        generated: the time printed as "generated"; now when None (pass one for a reproducible page).

    Returns:
        The HTML text.
    """
    figures = {name: trusted(pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=f"fig-{name}",
                                         config={"displaylogo": False, "responsive": True}))
               for name, fig in all_figures(report).items()}
    shown = report.needs_help.head(int(report.settings.help_rows_in_html))
    tables = {"assignments": table(report.assignments), "items": table(report.items),
              "objectives": table(report.objectives), "missed": table(report.missed),
              "needs_help": table(shown, _feedback_links(report, book, shown, out) if book.root else None)}
    return render(
        "class_report.html.j2",
        plotly_js=trusted(get_plotlyjs()),  # the library's own code, inlined as is
        n_students=report.n_students, n_assignments=len(report.assignments),
        source=str(book.root) if book.root else "(in memory)",
        generated=(generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        tables_dir=Path(os.path.relpath(tables_dir, out.parent)).as_posix() if tables_dir is not None else None,
        table_names=list(report.tables()), figures=figures, tables=tables, settings=report.settings,
        flagged_total=len(report.needs_help),
    )


def write_report(report: ClassReport, book: GradeBook, out: Path | str,
                 tables_dir: Path | str | None = None, generated: datetime | None = None) -> tuple[Path, Path]:
    """Write the HTML report and its CSV tables (each file replaced atomically).

    Args:
        report: the computed report.
        book: the grader's output.
        out: the HTML file to write.
        tables_dir: folder for the CSV tables; default ``<out stem>_tables`` next to ``out``.
        generated: the time the page says it was generated; now when None.

    Returns:
        (the HTML path, the tables folder).
    """
    out = Path(out)
    tables = Path(tables_dir) if tables_dir is not None else out.with_name(f"{out.stem}_tables")
    for name, frame in report.tables().items():
        write_atomic(tables / f"{name}.csv", safe_frame(frame).to_csv(index=False))
    write_atomic(out, render_html(report, book, out, tables, generated))
    return out, tables
