"""``course grade SUBMISSIONS --out DIR``: grade a class, write the gradebook and feedback, print a summary."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

from course_lib.grading.gradebook import FEEDBACK_LEVELS
from course_lib.grading.scoring.settings import GradeSettings, help_for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", type=Path, nargs="?",
                        help="folder laid out as SUBMISSIONS/<student_id>/<assignment>.ipynb (or "
                             "<assignment>.submission.zip from course submit)")
    parser.add_argument("--self", dest="self_notebook", type=Path, default=None, metavar="NOTEBOOK",
                        help="grade your own exercise notebook (or .submission.zip) against the course's hidden "
                             "tests and print the feedback per item; --out is then optional")
    parser.add_argument("--out", type=Path, default=None, help="folder for grades.csv, summary.csv and feedback/")
    parser.add_argument("--source", type=Path, default=None,
                        help="the instructor's notebooks with hidden tests (default: solutions/ of the course repository)")
    parser.add_argument("--assignment", action="append", default=[], metavar="NAME",
                        help="grade only this assignment (repeatable; default: every notebook in the source)")
    parser.add_argument("--manual", type=Path, default=None,
                        help="CSV of points awarded by hand: student,assignment,item,points[,comment]")
    parser.add_argument("--format", choices=["csv", "gradescope"], default="csv",
                        help="also write Gradescope results.json files (gradescope)")
    parser.add_argument("--feedback", choices=FEEDBACK_LEVELS, default="full",
                        help="what feedback pages and Gradescope results show: full (points, status, reasons) or "
                             "score (points only; for platforms with resubmission). grades.csv always has everything")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    defaults = GradeSettings()
    for f in fields(GradeSettings):
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool", bool):
            parser.add_argument(flag, action="store_true", help=help_for(f.name))
        else:
            kind = float if isinstance(getattr(defaults, f.name), float) else int
            parser.add_argument(flag, type=kind, default=getattr(defaults, f.name),
                                help=f"{help_for(f.name)} (default: {getattr(defaults, f.name)})")


def run(args: argparse.Namespace) -> int:
    if args.self_notebook is not None:
        if args.submissions is not None:
            print("course grade: give either SUBMISSIONS or --self NOTEBOOK, not both", file=sys.stderr)
            return 2
        from course_lib.grading.scoring.self_grade import run_self

        return run_self(args, _grade)
    if args.submissions is None or args.out is None:
        print("course grade: give SUBMISSIONS and --out DIR (or --self NOTEBOOK to grade your own exercise)",
              file=sys.stderr)
        return 2
    return _grade(args)


def _grade(args: argparse.Namespace) -> int:
    """Grade the class in ``args.submissions`` into ``args.out`` (both given)."""
    from course_lib.grading.execution import sandbox
    from course_lib.grading.scoring.batch import Batch, discover
    from course_lib.grading.execution.pool import PoolError
    from course_lib.grading.scoring.outputs import ManualPointsError, load_manual, summary_table, write_reports
    from course_lib.grading.authoring.source import SourceError, default_source_dir, load_source
    from course_lib.grading.scoring.packages import use_submission_files

    settings = GradeSettings(**{f.name: getattr(args, f.name) for f in fields(GradeSettings)})
    if not args.submissions.is_dir():
        print(f"course grade: {args.submissions} is not a folder of submissions "
              "(expected SUBMISSIONS/<student_id>/<assignment>.ipynb)", file=sys.stderr)
        return 2
    try:
        assignments = load_source(args.source or default_source_dir(), tuple(args.assignment))
        tasks, warnings = discover(args.submissions, assignments)
        students = {task.student for task in tasks}
        manual = load_manual(args.manual, assignments, students) if args.manual else {}
    except (SourceError, ManualPointsError) as exc:
        print(f"course grade: {exc}", file=sys.stderr)
        return 2
    out = args.out.resolve()
    for forbidden in (args.submissions.resolve(), (args.source or default_source_dir()).resolve()):
        if out == forbidden or forbidden in out.parents:
            print(f"course grade: --out {out} is inside {forbidden}; choose a folder outside it", file=sys.stderr)
            return 2
    from course_lib.grading.execution.pool import read_paths

    readable = [Path(p).resolve() for p in read_paths()]
    for label, folder in (("submissions", args.submissions.resolve()),
                          ("source", (args.source or default_source_dir()).resolve()), ("--out", out)):
        inside = next((r for r in readable if folder == r or r in folder.parents), None)
        if inside is not None:
            print(f"course grade: the {label} folder {folder} is inside {inside}, which submissions may read; "
                  "move it elsewhere", file=sys.stderr)
            return 2
    support = sandbox.probe()
    if not support.complete:
        message = f"course grade: the sandbox is incomplete on this machine: {support.describe()}."
        if not settings.allow_unsandboxed:
            print(message + " Student code could read other files or start processes. Grade on Linux 5.13+ "
                  "(x86_64), or pass --allow-unsandboxed to grade anyway (see docs/grading.md).", file=sys.stderr)
            return 2
        print("WARNING: " + message + " Grading anyway (--allow-unsandboxed).", file=sys.stderr)
    staging = Path(tempfile.mkdtemp(prefix="course-grade-unpacked-"))  # notebooks from verified submission files
    tasks, more = use_submission_files(tasks, args.submissions, staging, settings.max_file_bytes)
    warnings += more
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    interrupted = False
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    batch = Batch(settings, out / "results", support)
    try:
        with batch:
            bar = None
            if not args.no_progress:
                from tqdm import tqdm
                bar = tqdm(total=len(tasks), unit="notebook", desc="grading", file=sys.stderr)
            try:
                for _ in batch.grade_all(tasks, progress=bar.update if bar else None):
                    pass
            finally:
                if bar:
                    bar.close()
    except KeyboardInterrupt:
        interrupted = True
    except PoolError as exc:
        print(f"course grade: grading could not run: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(staging, ignore_errors=True)
    results = list(batch.completed)
    try:
        records = write_reports(out, results, manual, gradescope=args.format == "gradescope", feedback=args.feedback,
                                assignments=assignments)
    except OSError as exc:
        print(f"course grade: the reports could not be written to {out} ({exc.strerror or exc}); the results "
              f"graded so far are stored under {out / 'results'}; free space and re-run course grade",
              file=sys.stderr)
        return 1
    if interrupted:
        print(f"course grade: interrupted; reports written for the {len(results)} submission(s) done, "
              "re-run the same command to grade the rest", file=sys.stderr)
        return 130
    print(summary_table(records))
    not_graded = [t for t in tasks if t.path is None and t.note]
    renamed = [t for t in not_graded if "renamed" in t.note]
    if not_graded:
        print(f"\nNot handed in: {len(not_graded)} notebook(s)" + (f", {len(renamed)} of them renamed:" if renamed else "."))
        for task in renamed:
            print(f"  {task.student} / {task.assignment.name}: {task.note}")
    print(f"\nWrote {out / 'grades.csv'}, {out / 'summary.csv'} and feedback for {len(results)} submission(s). "
          f"graded {batch.graded}, reused {batch.reused} stored result(s). Sandbox: {support.describe()}.")
    for line in batch.internal_errors:
        print(f"course grade: {line}", file=sys.stderr)
    for line in batch.unwritten:
        print(f"course grade: not stored: {line}", file=sys.stderr)
    return 1 if batch.internal_errors or batch.unwritten else 0


def _raise_interrupt(signum: int, frame: object) -> None:
    """SIGTERM handled like Ctrl-C: stop the workers, write what is done, exit 130."""
    raise KeyboardInterrupt
