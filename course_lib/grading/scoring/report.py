"""Write the gradebook (grades.csv, summary.csv), per-student HTML feedback and Gradescope results, atomically."""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from course_lib.grading.scoring.csvsafe import to_cell
from course_lib.grading.scoring.grader import STATUSES, SubmissionResult
from course_lib.grading.authoring.source import Assignment
from course_lib.files import write_atomic

# What the student-facing outputs (feedback pages, Gradescope results) show; grades.csv always has everything.
# "full": points, status and the reason per item. "score": points per item and the total, no reasons, so
# repeated uploads (Gradescope) cannot be used to search the answer key criterion by criterion.
FEEDBACK_LEVELS = ("full", "score")
GRADE_COLUMNS = ("student", "assignment", "item", "points", "max_points", "status", "message", "objective")
SUMMARY_COLUMNS = ("student", "assignment", "points", "max_points", "percent")
MANUAL_COLUMNS = ("student", "assignment", "item", "points")


class ManualPointsError(ValueError):
    """The instructor's manual-points CSV has a bad row; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class ManualPoints:
    """Points an instructor awarded by hand to one item, with an optional comment."""

    points: float
    comment: str


def num(value: float) -> str:
    """A number as written in the CSV files (stable across runs)."""
    return f"{round(float(value), 4):g}"


def load_manual(path: Path, assignments: dict[str, Assignment]) -> dict[tuple[str, str, str], ManualPoints]:
    """Read the manual-points CSV (columns student, assignment, item, points[, comment]).

    Raises:
        ManualPointsError: Missing columns, an unknown assignment or item, an item
            that is not graded by hand, or points outside 0..max.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManualPointsError(f"{path}: cannot read ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in MANUAL_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ManualPointsError(f"{path}: missing column(s) {', '.join(missing)}; the header must be "
                                f"{','.join(MANUAL_COLUMNS)}[,comment]")
    out: dict[tuple[str, str, str], ManualPoints] = {}
    for row_no, row in enumerate(reader, start=2):
        where = f"{path}, row {row_no}"
        assignment = assignments.get(row["assignment"])
        if assignment is None:
            raise ManualPointsError(f"{where}: unknown assignment {row['assignment']!r}; use one of "
                                    f"{', '.join(assignments)}")
        item = next((i for i in assignment.items if i.grade_id == row["item"]), None)
        if item is None or item.kind != "manual":
            manual = [i.grade_id for i in assignment.items if i.kind == "manual"]
            raise ManualPointsError(f"{where}: {row['item']!r} is not an item graded by hand in {assignment.name}; "
                                    f"use one of {', '.join(manual) or '(none)'}")
        try:
            points = float(row["points"])
        except (TypeError, ValueError):
            raise ManualPointsError(f"{where}: points {row['points']!r} is not a number") from None
        if not 0 <= points <= item.points:
            raise ManualPointsError(f"{where}: points {points:g} outside 0..{item.points:g} for {item.grade_id}")
        key = (row["student"].strip(), assignment.name, item.grade_id)
        if key in out:
            raise ManualPointsError(f"{where}: a second row for {key[0]} / {key[2]}; keep one")
        out[key] = ManualPoints(points, (row.get("comment") or "").strip())
    return out


def rows(results: Iterable[SubmissionResult], manual: dict[tuple[str, str, str], ManualPoints]) -> list[dict[str, str]]:
    """grades.csv rows, manual points merged in."""
    out = []
    for result in results:
        for item in result.items:
            points, message = item.points, item.message
            awarded = manual.get((result.student, result.assignment, item.item)) if item.kind == "manual" else None
            if awarded is not None:
                points = awarded.points
                message = f"{message}. Instructor awarded {num(points)} of {num(item.max_points)}" + (
                    f": {awarded.comment}" if awarded.comment else "")
            out.append({"student": result.student, "assignment": result.assignment, "item": item.item,
                        "points": num(points), "max_points": num(item.max_points), "status": item.status,
                        "message": message, "objective": item.objective})
    return out


def _csv(columns: tuple[str, ...], records: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: to_cell(v) for k, v in r.items()} for r in records)  # no cell a spreadsheet would run
    return buffer.getvalue()


def summary(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """summary.csv rows: one per student and assignment."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in records:
        t = totals[(r["student"], r["assignment"])]
        t[0] += float(r["points"])
        t[1] += float(r["max_points"])
    return [{"student": s, "assignment": a, "points": num(p), "max_points": num(m),
             "percent": f"{100 * p / m:.1f}" if m else "0.0"} for (s, a), (p, m) in sorted(totals.items())]


_STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
          "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.4rem;text-align:left;"
          "vertical-align:top}th{background:#eee}")


def for_student(records: list[dict[str, str]], feedback: str) -> list[dict[str, str]]:
    """The rows a student sees at a feedback level (see :data:`FEEDBACK_LEVELS`)."""
    if feedback not in FEEDBACK_LEVELS:
        raise ValueError(f"feedback must be one of {', '.join(FEEDBACK_LEVELS)}, not {feedback!r}")
    if feedback == "full":
        return records
    return [{**r, "status": "graded", "message": "reasons are not shown for this assignment"} for r in records]


def feedback_html(result: SubmissionResult, records: list[dict[str, str]], feedback: str = "full") -> str:
    """One student's feedback page: each item's score, status and why (no hidden tests, no expected values).

    Args:
        result: The student's result (for the remarks about the whole notebook).
        records: The student's rows of grades.csv.
        feedback: ``full`` or ``score`` (points only, see :data:`FEEDBACK_LEVELS`).
    """
    records = for_student(records, feedback)
    if feedback != "full":
        result = SubmissionResult(result.student, result.assignment, result.file, result.items, ())
    esc = html.escape
    total = sum(float(r["points"]) for r in records)
    maximum = sum(float(r["max_points"]) for r in records)
    lines = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback: {esc(result.assignment)} for {esc(result.student)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{esc(result.assignment)}</h1>",
        f"<p>Student: <strong>{esc(result.student)}</strong>. Score: <strong>{num(total)} of {num(maximum)}</strong>.</p>",
    ]
    if result.notes:
        lines.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in result.notes) + "</ul>")
    lines.append("<table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Objective</th>"
                 "<th scope=\"col\">Points</th><th scope=\"col\">Status</th><th scope=\"col\">Why</th></tr></thead><tbody>")
    for r in records:
        lines.append(f"<tr><td>{esc(r['item'])}</td><td>{esc(r['objective'])}</td>"
                     f"<td>{esc(r['points'])} / {esc(r['max_points'])}</td><td>{esc(r['status'])}</td>"
                     f"<td>{esc(r['message'])}</td></tr>")
    lines.append("</tbody></table></body></html>")
    return "\n".join(lines) + "\n"


def gradescope_json(records: list[dict[str, str]], feedback: str = "full") -> str:
    """Gradescope's autograder results.json for one submission, at a feedback level (:data:`FEEDBACK_LEVELS`)."""
    shown = for_student(records, feedback)
    tests = [{"name": r["item"], "score": float(r["points"]), "max_score": float(r["max_points"]),
              "status": "passed" if r["status"] == "passed" else "failed",
              "output": f"{r['status']}: {r['message']}", "tags": [r["objective"]], "visibility": "visible"}
             for r, shown_row in zip(records, shown)]
    if feedback != "full":
        for test, shown_row in zip(tests, shown):
            test["output"] = shown_row["message"]
    return json.dumps({"score": round(sum(t["score"] for t in tests), 4), "tests": tests}, indent=1) + "\n"


def write_reports(out: Path, results: list[SubmissionResult], manual: dict[tuple[str, str, str], ManualPoints],
                  gradescope: bool = False, feedback: str = "full") -> list[dict[str, str]]:
    """Write grades.csv, summary.csv, feedback/ (and gradescope/) under ``out``; return the grade rows.

    Args:
        feedback: What feedback pages and Gradescope results show (:data:`FEEDBACK_LEVELS`);
            grades.csv always holds every reason.
    """
    results = sorted(results, key=lambda r: (r.student, r.assignment))
    records = rows(results, manual)
    write_atomic(out / "grades.csv", _csv(GRADE_COLUMNS, records))
    write_atomic(out / "summary.csv", _csv(SUMMARY_COLUMNS, summary(records)))
    by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in records:
        by_key[(r["student"], r["assignment"])].append(r)
    for result in results:
        mine = by_key[(result.student, result.assignment)]
        write_atomic(out / "feedback" / result.student / f"{result.assignment}.html",
                     feedback_html(result, mine, feedback))
        if gradescope:
            write_atomic(out / "gradescope" / result.student / result.assignment / "results.json",
                         gradescope_json(mine, feedback))
    return records


def summary_table(records: list[dict[str, str]]) -> str:
    """The table printed at the end of a run: per assignment, mean score and status counts."""
    by_assignment: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in records:
        by_assignment[r["assignment"]].append(r)
    header = f"{'assignment':<26}{'students':>9}{'mean %':>8}  " + " ".join(f"{s:>8}" for s in STATUSES)
    lines = [header, "-" * len(header)]
    for name, rs in sorted(by_assignment.items()):
        students = {r["student"] for r in rs}
        sums = summary(rs)
        mean = sum(float(s["percent"]) for s in sums) / len(sums) if sums else 0.0
        counts = Counter(r["status"] for r in rs)
        lines.append(f"{name:<26}{len(students):>9}{mean:>8.1f}  " + " ".join(f"{counts.get(s, 0):>8}" for s in STATUSES))
    return "\n".join(lines)
