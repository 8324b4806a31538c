"""``course submit exercises/NN_....ipynb``: check an exercise before it is handed in, then package it.

The checks, in order (the first two stop early, since nothing else makes sense without them):

1. the file is a notebook, an exercise of this course (``metadata.course.assignment``), and
   not a solution notebook (no solution or hidden-test markers);
2. ``STUDENT_ID`` is set and is not the placeholder;
3. no read-only or test cell was changed: each one's checksum is compared with the exercise
   generated from the course's ``solutions/`` (what ``course assign`` writes), so the
   reference does not come from the file being checked;
4. the notebook runs top to bottom in a fresh kernel without an error (nbclient), or the
   report names the cell that fails.

When every check passes, ``<assignment>.submission.zip`` (format: :mod:`course_lib.submission_file`)
is written next to the notebook, or to ``--out``. The notebook itself is only read, never written.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from course_lib.submission_file import (STUDENT_ID_PLACEHOLDER, SUFFIX, changed_protected_cells, student_id_in,
                                        write_submission)

#: Seconds one cell may run for during the check.
CELL_TIMEOUT = 300


@dataclass
class SubmitReport:
    """What ``course submit`` found; ``ok`` only when the submission file was written."""

    notebook: str
    assignment: str = ""
    student_id: str = ""
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    failing_cell: int | None = None  # 1-based, as JupyterLab counts
    submission_file: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.submission_file)

    def to_json(self) -> dict:
        return {**asdict(self), "ok": self.ok}

    def explain(self) -> str:
        """The report for a terminal."""
        about = ", ".join(x for x in (self.assignment, f"student id {self.student_id!r}" if self.student_id else "") if x)
        lines = [f"Checked {self.notebook}" + (f" ({about})" if about else "")]
        lines += [f"  ok: {p}" for p in self.passed]
        lines += [f"  PROBLEM: {p}" for p in self.problems]
        if self.ok:
            lines.append(f"Submission file written: {self.submission_file}\nUpload this file as your submission.")
        else:
            lines.append("Nothing was written; your notebook was not changed. Fix the problem(s), save, and run "
                         "course submit again.")
        return "\n".join(lines)


def _fresh_kernel_run(notebook: dict, folder: Path, kernel_name: str) -> tuple[int, str] | None:
    """Run a copy of the notebook in a new kernel; return (0-based cell index, error) of the first failure."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    # reads() joins each cell's list of lines (how JupyterLab saves them) into one string, as nbclient needs.
    node = nbformat.reads(json.dumps(notebook), as_version=4)
    client = NotebookClient(node, timeout=CELL_TIMEOUT, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(folder)}})
    with client.setup_kernel():
        for index, cell in enumerate(node.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as exc:
                return index, f"{exc.ename}: {exc.evalue}"
            except CellTimeoutError:
                return index, f"it ran for more than {CELL_TIMEOUT} s"
            except DeadKernelError:
                return index, "the kernel died (out of memory, or the code ended the process)"
    return None


def check_and_package(path: Path, *, source: Path | None = None, out: Path | None = None,
                      kernel_name: str = "python3") -> SubmitReport:
    """Run every check on one exercise notebook and, if all pass, write its submission file.

    Args:
        path: the student's notebook.
        source: the course's instructor notebooks (default: ``solutions/`` of the checkout).
        out: the submission file to write (default: ``<assignment>.submission.zip`` next to the notebook).
        kernel_name: the Jupyter kernel for the fresh run.

    Returns:
        The report; nothing is written unless every check passes.
    """
    from course_lib.grading.authoring.assign import student_version
    from course_lib.grading.authoring.source import SourceError, default_source_dir, load_source
    from course_lib.grading.authoring.stubs import BEGIN_HIDDEN, BEGIN_SOLUTION
    from course_lib.grading.scoring.submission import InvalidNotebook, parse_notebook

    report = SubmitReport(notebook=str(path))
    if path.suffix != ".ipynb":
        report.problems.append(f"{path.name} is not a notebook (.ipynb); submit the exercise notebook, e.g. "
                               "exercises/03_head_to_head.ipynb")
        return report
    if not path.is_file():
        report.problems.append(f"{path} does not exist; give the path of your exercise notebook")
        return report
    data = path.read_bytes()
    try:
        notebook = parse_notebook(data)
    except InvalidNotebook as exc:
        report.problems.append(str(exc))
        return report
    assignment = (notebook.get("metadata", {}).get("course") or {}).get("assignment") \
        if isinstance(notebook.get("metadata"), dict) else None
    text = "\n".join("".join(c.get("source", "")) for c in notebook["cells"])
    if BEGIN_SOLUTION in text or BEGIN_HIDDEN in text:
        report.problems.append(f"{path.name} is a solution notebook (it has solution or hidden-test markers); "
                               "submit your copy from exercises/, not one from solutions/")
        return report
    try:
        assignments = load_source(source or default_source_dir())
    except SourceError as exc:
        report.problems.append(f"the course's solutions/ are needed to check read-only cells: {exc}")
        return report
    if not isinstance(assignment, str) or assignment not in assignments:
        report.problems.append(f"{path.name} is not an exercise of this course (no known assignment in its "
                               f"metadata); the exercises are {', '.join(sorted(assignments))}")
        return report
    report.assignment = assignment
    report.passed.append(f"it is this course's exercise {assignment}")

    student = student_id_in(notebook)
    if not student or not student.strip() or student.strip() == STUDENT_ID_PLACEHOLDER:
        report.problems.append(f"STUDENT_ID is {student!r}: set it to the id your instructor gave you (in the "
                               "cell near the top), save, and submit again")
        return report
    report.student_id = student.strip()
    report.passed.append("STUDENT_ID is set")

    changed = changed_protected_cells(student_version(assignments[assignment]), notebook)
    if changed:
        report.problems.extend(changed)
        report.problems.append("the notebook was not run: fix the cells above first")
        return report
    report.passed.append("no read-only or test cell was changed")

    failure = _fresh_kernel_run(notebook, path.parent, kernel_name)
    if failure is not None:
        index, error = failure
        report.failing_cell = index + 1
        report.problems.append(f"running from the top in a fresh kernel, cell {index + 1} fails: {error}")
        return report
    report.passed.append("it runs top to bottom in a fresh kernel without errors")

    target = out or path.with_name(f"{assignment}{SUFFIX}")
    write_submission(target, data, assignment=assignment, student_id=report.student_id, checks=report.passed)
    report.submission_file = str(target.resolve())
    return report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", type=Path, help="your exercise notebook, e.g. exercises/03_head_to_head.ipynb")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"submission file to write (default: <assignment>{SUFFIX} next to the notebook)")
    parser.add_argument("--source", type=Path, default=None,
                        help="the course's solutions/ folder (default: the one of this checkout)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel for the fresh run (default python3)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (for the Submit button)")


def run(args: argparse.Namespace) -> int:
    if args.out is not None and not args.out.name.endswith(SUFFIX):
        print(f"course submit: --out must end in {SUFFIX}", file=sys.stderr)
        return 2
    report = check_and_package(args.notebook, source=args.source, out=args.out, kernel_name=args.kernel)
    print(json.dumps(report.to_json()) if args.json else report.explain())
    return 0 if report.ok else 1
