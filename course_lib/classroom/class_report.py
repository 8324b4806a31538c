"""The class report's numbers: pure pandas over the grader's output, no plotting, no HTML."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from course_lib.classroom.grades import GradeBook
from course_lib.grading.gradebook import STATUSES


@dataclass(frozen=True)
class ReportSettings:
    """Every threshold the report uses, with its default and meaning (shown by ``course report --help``)."""

    low_percent: float = field(default=50.0, metadata={"help": "flag a student whose overall score is below this percent"})
    weak_objective_percent: float = field(default=40.0, metadata={"help": "flag a student scoring below this percent on any learning objective"})
    objective_min_items: int = field(default=2, metadata={"help": "judge a student's objective only when it has at least this many graded items"})
    missed_items: int = field(default=10, metadata={"help": "how many of the most-missed items to list"})
    messages_per_item: int = field(default=3, metadata={"help": "how many of the commonest feedback messages to show per missed item"})
    help_rows_in_html: int = field(default=100, metadata={"help": "at most this many flagged students in the HTML (all of them go to the CSV)"})

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"report setting {f.name} must be a number >= 0, got {value!r}.")


@dataclass(frozen=True)
class ClassReport:
    """Every table of the class report (each one is also written as a CSV).

    Attributes:
        scores: one row per student and assignment (the grader's summary, plus ``submitted``).
        assignments: one row per assignment: students, submitted, mean/median/min/max percent.
        items: one row per assignment item: objective, mean points, pass rate, a count per status,
            and how many students got full, partial or zero points.
        objectives: one row per learning objective: items, class percent, students below the bar.
        student_objectives: one row per student and objective: points, max_points, percent.
        missed: the items most students did not pass, with the feedback they got most often.
        needs_help: flagged students, the most urgent first, with the reasons.
        settings: the thresholds used.
    """

    scores: pd.DataFrame
    assignments: pd.DataFrame
    items: pd.DataFrame
    objectives: pd.DataFrame
    student_objectives: pd.DataFrame
    missed: pd.DataFrame
    needs_help: pd.DataFrame
    settings: ReportSettings

    @property
    def n_students(self) -> int:
        """How many students appear in the grader's output."""
        return int(self.scores["student"].nunique())

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables written as CSV, by file stem."""
        return {
            "assignments": self.assignments,
            "items": self.items,
            "objectives": self.objectives,
            "missed_items": self.missed,
            "students_needing_help": self.needs_help,
            "student_scores": self.scores,
            "student_objectives": self.student_objectives,
        }


def _percent(points: pd.Series, max_points: pd.Series) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (100.0 * points / max_points.where(max_points > 0)).round(1)


def _scores(book: GradeBook) -> pd.DataFrame:
    grades = book.grades
    not_missing = grades["status"] != "missing"
    submitted = not_missing.groupby([grades["student"], grades["assignment"]]).any().rename("submitted")
    scores = book.summary.merge(submitted.reset_index(), on=["student", "assignment"], how="left")
    scores["submitted"] = scores["submitted"].fillna(False).astype(bool)
    return scores.sort_values(["assignment", "student"], ignore_index=True)


def _assignments(scores: pd.DataFrame) -> pd.DataFrame:
    g = scores.groupby("assignment", sort=True)
    table = pd.DataFrame({
        "students": g["student"].nunique(),
        "submitted": g["submitted"].sum().astype(int),
        "max_points": g["max_points"].max(),
        "mean_percent": g["percent"].mean().round(1),
        "median_percent": g["percent"].median().round(1),
        "min_percent": g["percent"].min().round(1),
        "max_percent": g["percent"].max().round(1),
    })
    return table.reset_index()


def _items(grades: pd.DataFrame) -> pd.DataFrame:
    keys = ["assignment", "item"]
    g = grades.groupby(keys, sort=False)
    table = pd.DataFrame({
        "objective": g["objective"].first(),
        "max_points": g["max_points"].max(),
        "students": g["student"].nunique(),
        "mean_points": g["points"].mean().round(2),
    })
    table["mean_percent"] = _percent(g["points"].sum(), g["max_points"].sum())
    counts = grades.groupby(keys + ["status"], sort=False).size().unstack("status", fill_value=0)
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    table = table.join(counts)
    table["pass_rate"] = (100.0 * table["passed"] / table["students"]).round(1)
    # The points distribution, which statuses alone hide when partial credit is given.
    share = grades["points"] / grades["max_points"].where(grades["max_points"] > 0)
    bands = pd.DataFrame({"full_marks": share >= 1 - 1e-9, "partial": (share > 0) & (share < 1 - 1e-9),
                          "zero": share.fillna(0) <= 0}).astype(int)
    table = table.join(bands.groupby([grades["assignment"], grades["item"]], sort=False).sum())
    return table.reset_index()


def _student_objectives(grades: pd.DataFrame) -> pd.DataFrame:
    g = grades.groupby(["student", "objective"], sort=True)[["points", "max_points"]].sum().reset_index()
    g["percent"] = _percent(g["points"], g["max_points"])
    return g


def _objectives(grades: pd.DataFrame, student_objectives: pd.DataFrame, settings: ReportSettings) -> pd.DataFrame:
    g = grades.groupby("objective", sort=True)
    table = pd.DataFrame({
        "items": grades.drop_duplicates(["assignment", "item"]).groupby("objective").size(),
        "points": g["points"].sum(),
        "max_points": g["max_points"].sum(),
    })
    table["class_percent"] = _percent(table["points"], table["max_points"])
    per_student = student_objectives.groupby("objective")
    table["students_below"] = per_student["percent"].apply(lambda s: int((s < settings.weak_objective_percent).sum()))
    table["judged"] = table["items"] >= settings.objective_min_items
    table["median_student_percent"] = per_student["percent"].median().round(1)
    return table.reset_index()


def _missed(grades: pd.DataFrame, scores: pd.DataFrame, items: pd.DataFrame, settings: ReportSettings) -> pd.DataFrame:
    # Among students who answered anything in the assignment, who did not pass the item (an item left
    # unanswered counts as missed). A student with every item "missing" handed in nothing gradable and
    # says nothing about any one item: they are listed under students needing help instead.
    rows = grades.merge(scores[["student", "assignment", "submitted"]], on=["student", "assignment"], how="left")
    rows = rows[rows["submitted"].fillna(False).astype(bool)]
    rows = rows.assign(missed=rows["status"] != "passed")
    per_item = rows.groupby(["assignment", "item"], sort=False).agg(attempted=("student", "size"),
                                                                      not_passed=("missed", "sum"))
    missed = items[["assignment", "item", "objective"]].merge(per_item.reset_index(), on=["assignment", "item"])
    missed = missed[missed["not_passed"] > 0].copy()
    missed["not_passed"] = missed["not_passed"].astype(int)
    missed["miss_rate"] = (100.0 * missed["not_passed"] / missed["attempted"]).round(1)
    missed = missed.sort_values(["miss_rate", "not_passed"], ascending=False).head(settings.missed_items)
    wrong = rows[rows["missed"]].merge(missed[["assignment", "item"]], on=["assignment", "item"])
    counts = wrong.groupby(["assignment", "item", "message"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(["assignment", "item", "n", "message"], ascending=[True, True, False, True])
    top = counts.groupby(["assignment", "item"], sort=False).head(settings.messages_per_item)
    feedback: dict[tuple[str, str], list[str]] = {}
    for row in top.itertuples(index=False):
        feedback.setdefault((row.assignment, row.item), []).append(f"{row.message or '(no message)'} ({row.n})")
    missed["common_feedback"] = [" | ".join(feedback.get((a, i), [])) for a, i in zip(missed["assignment"], missed["item"])]
    return missed[["assignment", "item", "objective", "attempted", "not_passed", "miss_rate", "common_feedback"]]


def _needs_help(grades: pd.DataFrame, scores: pd.DataFrame, student_objectives: pd.DataFrame,
                settings: ReportSettings) -> pd.DataFrame:
    totals = scores.groupby("student")[["points", "max_points"]].sum()
    totals["overall_percent"] = _percent(totals["points"], totals["max_points"])
    assignments = sorted(scores["assignment"].unique())
    handed = scores[scores["submitted"]].groupby("student")["assignment"].apply(set)
    missing = pd.Series(
        {s: sorted(set(assignments) - handed.get(s, set())) for s in totals.index}, dtype=object
    )
    crashed = grades[grades["status"].isin(["error", "timeout", "invalid"])].groupby("student").size()
    items_per_objective = grades.drop_duplicates(["assignment", "item"]).groupby("objective").size()
    judged = items_per_objective[items_per_objective >= settings.objective_min_items].index
    judged_rows = student_objectives[student_objectives["objective"].isin(judged)]
    weakest = judged_rows.sort_values(["percent", "objective"]).groupby("student").first()
    table = totals.assign(
        missing_assignments=missing.map(", ".join),
        n_missing=missing.map(len),
        crashed_items=crashed.reindex(totals.index, fill_value=0).astype(int),
        weakest_objective=weakest["objective"].reindex(totals.index),
        weakest_objective_percent=weakest["percent"].reindex(totals.index),
    )
    low = table["overall_percent"] < settings.low_percent
    miss = table["n_missing"] > 0
    crash = table["crashed_items"] > 0
    weak = table["weakest_objective_percent"] < settings.weak_objective_percent
    reasons = []
    for row, is_low, is_miss, is_crash, is_weak in zip(table.itertuples(), low, miss, crash, weak):
        parts = []
        if is_low:
            parts.append(f"overall {row.overall_percent:.0f} %")
        if is_miss:
            parts.append(f"nothing answered or handed in for {row.missing_assignments}")
        if is_crash:
            parts.append(f"{row.crashed_items} item(s) crashed, timed out or were unreadable")
        if is_weak:
            parts.append(f"weak on {row.weakest_objective} ({row.weakest_objective_percent:.0f} %)")
        reasons.append("; ".join(parts))
    table["reasons"] = reasons
    table["flags"] = low.astype(int) + miss.astype(int) + crash.astype(int) + weak.astype(int)
    flagged = table[table["flags"] > 0].reset_index(names="student")
    flagged = flagged.sort_values(["flags", "overall_percent", "student"], ascending=[False, True, True], ignore_index=True)
    return flagged[["student", "overall_percent", "missing_assignments", "crashed_items",
                    "weakest_objective", "weakest_objective_percent", "flags", "reasons"]]


def build_report(book: GradeBook, settings: ReportSettings | None = None) -> ClassReport:
    """Compute every table of the class report from the grader's output.

    Args:
        book: ``grades.csv`` and ``summary.csv`` as loaded by ``load_gradebook``.
        settings: thresholds; the defaults of ``ReportSettings`` when None.

    Returns:
        The report's tables.

    Raises:
        ValueError: when the grader's output holds no rows at all.
    """
    settings = settings or ReportSettings()
    if book.grades.empty or book.summary.empty:
        where = f" in {book.root}" if book.root else ""
        raise ValueError(f"the grader's output{where} has no rows: grade some submissions first (`course grade`).")
    scores = _scores(book)
    items = _items(book.grades)
    student_objectives = _student_objectives(book.grades)
    return ClassReport(
        scores=scores,
        assignments=_assignments(scores),
        items=items,
        objectives=_objectives(book.grades, student_objectives, settings),
        student_objectives=student_objectives,
        missed=_missed(book.grades, scores, items, settings),
        needs_help=_needs_help(book.grades, scores, student_objectives, settings),
        settings=settings,
    )
