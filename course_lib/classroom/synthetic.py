"""Synthetic grader output for a class of any size: for tests, benchmarks and a report preview.

The numbers are made up (seeded, reproducible); the layout is exactly what
``course grade`` writes, so the report and the exports can be tried before any
student has handed anything in: ``course report --demo 40 --out demo.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from course_lib.classroom.grades import GradeBook, summary_frame
from course_lib.grading.gradebook import GRADE_COLUMNS, GradeRow, Status, feedback_page, summarise, write_gradebook as write_files


@dataclass(frozen=True)
class SyntheticItem:
    """One graded item of a made-up assignment."""

    name: str
    objective: str
    max_points: float
    difficulty: float  # higher is harder, on the logit scale
    wrong_feedback: tuple[str, ...]


DEFAULT_ASSIGNMENTS: dict[str, tuple[SyntheticItem, ...]] = {
    "ex1_decide": (
        SyntheticItem("q1_json_chatbot", "LO1", 2, -1.0, ("Chose RAG: a fixed JSON schema is a format problem, not a knowledge problem.",)),
        SyntheticItem("q2_drug_interactions", "LO2", 2, -0.3, (
            "Chose fine-tuning for facts that change weekly; retrieval serves current facts at query time.",
            "Named no deciding criterion.")),
        SyntheticItem("q3_news_today", "LO2", 2, 0.2, ("Fine-tuning cannot know today's articles.",)),
        SyntheticItem("q4_hybrid", "LO6", 2, 0.9, ("Proposed a hybrid without a reason that needs both parts.",)),
    ),
    "ex2_costs": (
        SyntheticItem("daily_cost", "LO3", 3, -0.5, (
            "Counted input tokens only; output tokens are priced about 4x input.",
            "Used the May-2024 launch price instead of today's.")),
        SyntheticItem("break_even", "LO3", 3, 0.6, ("Break-even volume ignores the training cost.",)),
        SyntheticItem("fair_baseline", "LO3", 2, 1.0, ("Compared against the large prompted model only; the fair baseline is the same small model, prompted.",)),
    ),
    "ex3_experiment": (
        SyntheticItem("held_out_split", "LO4", 2, 0.0, ("Test examples overlap the training examples.",)),
        SyntheticItem("five_percent_rule", "LO4", 2, 0.4, ("Declared a winner on a gain smaller than 5 % or inside the confidence interval.",)),
        SyntheticItem("forgetting_check", "LO5", 2, 0.7, ("No check on general tasks after fine-tuning (catastrophic forgetting).",)),
        SyntheticItem("vendor_risk", "LO5", 1, 0.3, ("Did not mention that a fine-tuned model is tied to one vendor's model version.",)),
    ),
}


def make_gradebook(
    n_students: int,
    assignments: dict[str, tuple[SyntheticItem, ...]] | None = None,
    seed: int = 0,
    missing_rate: float = 0.03,
    error_rate: float = 0.01,
) -> GradeBook:
    """Invent grader output for ``n_students`` students.

    Args:
        n_students: class size (at least 1).
        assignments: assignment name -> items; defaults to three course-like exercises.
        seed: random seed; the same seed gives the same class.
        missing_rate: chance that a student hands in nothing for an assignment.
        error_rate: chance that one item's code raises (status ``error``).

    Returns:
        A GradeBook with ``grades`` and ``summary`` as ``course grade`` writes them.
    """
    if n_students < 1:
        raise ValueError(f"n_students must be at least 1, got {n_students}.")
    assignments = DEFAULT_ASSIGNMENTS if assignments is None else assignments
    rng = np.random.default_rng(seed)
    width = len(str(n_students))
    students = [f"s{i:0{width}d}" for i in range(1, n_students + 1)]
    ability = rng.normal(1.5, 1.0, n_students)
    frames = []
    for assignment, items in assignments.items():
        handed_in = rng.random(n_students) >= missing_rate
        for item in items:
            p_pass = 1.0 / (1.0 + np.exp(-(ability - item.difficulty) * 1.7))
            roll = rng.random(n_students)
            passed = roll < p_pass
            partial = (~passed) & (roll < p_pass + 0.15)
            errored = rng.random(n_students) < error_rate
            status = np.where(passed, Status.PASSED.value, Status.FAILED.value).astype(object)
            points = np.where(passed, item.max_points, np.where(partial, np.floor(item.max_points / 2), 0.0))
            status[errored] = Status.ERROR.value
            points[errored] = 0.0
            status[~handed_in] = Status.MISSING.value
            points[~handed_in] = 0.0
            which = rng.integers(0, len(item.wrong_feedback), n_students)
            message = np.array([item.wrong_feedback[k] for k in which], dtype=object)
            message[status == Status.PASSED] = "Correct."
            message[status == Status.ERROR] = "Your code raised an error before the answer could be checked."
            message[status == Status.MISSING] = "No submission found."
            frames.append(pd.DataFrame({
                "student": students,
                "assignment": assignment,
                "item": item.name,
                "points": points.astype(float),
                "max_points": float(item.max_points),
                "status": status,
                "message": message,
                "objective": item.objective,
            }))
    grades = pd.concat(frames, ignore_index=True)
    return GradeBook(grades=grades, summary=summary_frame(summarise(_rows(grades))))


def _rows(grades: pd.DataFrame) -> list[GradeRow]:
    return [GradeRow(*values) for values in grades.loc[:, list(GRADE_COLUMNS)].itertuples(index=False, name=None)]


def write_gradebook(book: GradeBook, folder: Path | str, feedback: bool = False) -> Path:
    """Write a GradeBook with the grader's own writer (:func:`course_lib.grading.gradebook.write_gradebook`).

    Args:
        book: the tables to write (the summary is recomputed from the grades, as the grader does).
        folder: created if needed.
        feedback: also write each submission's feedback page, as ``course grade`` does.

    Returns:
        The folder.
    """
    root = Path(folder)
    rows = _rows(book.grades)
    pages = None
    if feedback:
        by_submission: dict[tuple[str, str], list[GradeRow]] = {}
        for row in rows:
            by_submission.setdefault((row.student, row.assignment), []).append(row)
        pages = {key: feedback_page(*key, mine) for key, mine in by_submission.items()}
    write_files(root, rows, pages)
    return root


def assignments_from_source(source: Path | str | None = None) -> dict[str, tuple[SyntheticItem, ...]]:
    """Synthetic items shaped like the real assignments: same names, points and objectives.

    Args:
        source: the instructor's notebooks; ``solutions/`` of the course when None.

    Returns:
        Assignment -> items, with made-up difficulties and feedback.
    """
    from course_lib.grading.authoring.source import default_source_dir, load_source

    assignments = load_source(Path(source) if source is not None else default_source_dir())
    out: dict[str, tuple[SyntheticItem, ...]] = {}
    for name in sorted(assignments):
        items = []
        for k, item in enumerate(assignments[name].items):
            items.append(SyntheticItem(item.grade_id, item.objective, item.points, -0.5 + 0.3 * (k % 5),
                                       (f"{item.grade_id}: wrong for some of the test cases.",
                                        f"{item.grade_id}: not answered yet.")))
        out[name] = tuple(items)
    return out
