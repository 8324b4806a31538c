"""The ``course`` command line: one subcommand per job, each in its own module.

Every command of the course is a ``course <verb>``; no module has a command line of its
own. To add a verb, give its module two functions, ``add_arguments(parser)`` (its options,
beside the code they drive) and ``run(args) -> int`` (the exit code: 0 done, 1 a check
failed, 2 bad input), and register the module in :data:`SUBCOMMANDS` with a one-line help.
``tests/test_setup.py`` walks the package and fails for a module that has the two
functions but no verb.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module that defines ``add_arguments(parser)`` and ``run(args) -> int``.
# Modules are imported only when their subcommand runs, so ``course --help`` is fast.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "lab": ("course_lib.lab", "open the course in JupyterLab"),
    "assign": ("course_lib.grading.authoring.assign", "generate exercises/ (student versions) from solutions/"),
    "collect": ("course_lib.classroom.collect", "file a Canvas or Moodle 'download all submissions' zip as SUBMISSIONS/<student>/<assignment>.ipynb"),
    "grade": ("course_lib.grading.scoring.cli", "grade a folder of submitted notebooks safely; write gradebook and feedback"),
    "doctor": ("course_lib.envcheck", "check that everything the course needs is installed"),
    "report": ("course_lib.classroom.report_cli", "write a self-contained HTML class report from the grader's output"),
    "release": ("course_lib.classroom.release", "write the folder students pull: lessons and exercises, no solutions or hidden tests"),
    "export": ("course_lib.classroom.lms", "write summary.csv as a Canvas or Moodle gradebook import file"),
    "gradescope-bundle": ("course_lib.classroom.gradescope", "write a Gradescope autograder zip that runs `course grade`"),
    "gradescope-run": ("course_lib.classroom.gradescope_run",
                       "grade one Gradescope submission and write results.json (what the bundle's run_autograder runs)"),
    "github-classroom": ("course_lib.classroom.github_classroom",
                         "write the GitHub Classroom workflow that runs the visible checks (--check: only compare)"),
    "visible-checks": ("course_lib.classroom.visible",
                       "run an exercise notebook and report its visible checks, exit 1 if one fails (GitHub Classroom)"),
    "progress": ("course_lib.quiz.progress_cli", "show your recorded answers per objective and per notebook"),
    "experiment": ("course_lib.experiment.cli", "run the offline head-to-head of lesson 03 and print the results"),
    "knowledge": ("course_lib.knowledge.cli", "run the knowledge lab of lesson 03b (retrieval against fine-tuning for facts)"),
    "submit": ("course_lib.submit", "check an exercise notebook before handing it in and write its submission file"),
    "memo": ("course_lib.memo.cli", "write the decision memo for your use case (YAML) as HTML or Markdown"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course",
        description="Tools for the course 'Prompt, RAG or fine-tune?'.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub.add_parser(name, help=help_text, description=help_text, add_help=False)  # the module parser shows -h
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    # Two passes: find the subcommand, then let its module add its own arguments.
    known, _ = parser.parse_known_args(argv)
    if known.command is None:
        parser.print_help()
        return 2
    module_name, help_text = SUBCOMMANDS[known.command]
    module = importlib.import_module(module_name)
    sub_parser = argparse.ArgumentParser(prog=f"course {known.command}", description=help_text)
    module.add_arguments(sub_parser)
    args = sub_parser.parse_args(argv[1:])
    return int(module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
