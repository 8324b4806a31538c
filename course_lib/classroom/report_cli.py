"""``course report``: a self-contained HTML class report (and CSV tables) from the grader's output."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import fields
from pathlib import Path

from course_lib.classroom.grades import GradesFormatError, load_gradebook
from course_lib.classroom.class_report import ReportSettings, build_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("grades_dir", nargs="?", type=Path,
                        help="the folder `course grade` wrote (grades.csv, summary.csv, feedback/)")
    parser.add_argument("--out", type=Path, default=Path("class_report.html"),
                        help="HTML file to write (default class_report.html)")
    parser.add_argument("--tables", type=Path, default=None,
                        help="folder for the CSV tables (default: <out stem>_tables next to the HTML)")
    parser.add_argument("--demo", type=int, metavar="N", default=None,
                        help="ignore GRADES_DIR: invent grader output for N students and report on it")
    for f in fields(ReportSettings):
        parser.add_argument(f"--{f.name.replace('_', '-')}", type=type(f.default), default=f.default,
                            dest=f.name, help=f"{f.metadata['help']} (default {f.default})")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        settings = ReportSettings(**{f.name: getattr(args, f.name) for f in fields(ReportSettings)})
    except ValueError as err:
        print(f"course report: {err}", file=sys.stderr)
        return 2
    if args.demo is not None:
        from course_lib.classroom.synthetic import assignments_from_source, make_gradebook, write_gradebook
        from course_lib.grading.authoring.source import SourceError

        if args.demo < 1:
            print("course report: --demo needs a class size of at least 1.", file=sys.stderr)
            return 2
        demo_dir = args.out.with_name(f"{args.out.stem}_demo_grades")
        try:
            shape = assignments_from_source()  # the real assignments' items, when solutions/ is here
        except SourceError:
            shape = None  # installed without the course folder: three made-up exercises
        write_gradebook(make_gradebook(args.demo, shape), demo_dir, feedback=args.demo <= 200)
        grades_dir = demo_dir
        print(f"Invented grader output for {args.demo} student(s) in {demo_dir} (not real grades).")
    elif args.grades_dir is None:
        print("course report: give the folder `course grade` wrote, e.g. `course report grading-output "
              "--out report.html` (or --demo N to preview with invented grades).", file=sys.stderr)
        return 2
    else:
        grades_dir = args.grades_dir
    try:
        book = load_gradebook(grades_dir)
        report = build_report(book, settings)
    except (GradesFormatError, ValueError) as err:
        print(f"course report: {err}", file=sys.stderr)
        return 2
    from course_lib.classroom.report_page import write_report  # plotly only when writing

    out, tables = write_report(report, book, args.out, args.tables)
    print(f"Wrote {out} ({report.n_students} student(s), {len(report.assignments)} assignment(s), "
          f"{len(report.needs_help)} flagged) and the tables in {tables}/ "
          f"in {time.perf_counter() - started:.1f} s.")
    return 0
