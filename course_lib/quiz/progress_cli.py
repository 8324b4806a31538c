"""``course progress``: print your recorded answers per objective and per notebook, and where they are kept."""

from __future__ import annotations

import argparse
import json
import sys

from course_lib.quiz.progress import ENV_VAR, ProgressStore, summarise


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``course progress``."""
    parser.add_argument("--file", default=None,
                        help=f"progress file to read (default: ${ENV_VAR}, else your user data folder)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead of text")


def run(args: argparse.Namespace) -> int:
    """Print the summary; returns 0."""
    store = ProgressStore(args.file)
    summary = summarise(store)
    if args.json:
        json.dump({"file": str(store.path), "attempts": summary.attempts,
                   "by_objective": summary.by_objective.to_dict(orient="records"),
                   "by_notebook": summary.by_notebook.to_dict(orient="records")}, sys.stdout, indent=1)
        print()
        return 0
    print(f"Progress file: {store.path}" + ("" if store.path.exists() else " (no answers yet)"))
    print(summary.to_text())
    return 0
