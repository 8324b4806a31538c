"""``course memo USECASE.yaml --out memo.html``: the decision memo of lesson 07 from a terminal.

The output format follows the suffix of ``--out`` (``.html``: one self-contained page with
its chart; ``.md``: Markdown). Without ``--out`` the Markdown is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("use_case", type=Path, metavar="USECASE.yaml",
                        help="your use case (examples: course_lib/data/usecases/*.yaml)")
    parser.add_argument("--out", type=Path, default=None,
                        help="file to write: .html (self-contained, chart embedded) or .md (Markdown); "
                             "default: print the Markdown")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")


def run(args: argparse.Namespace) -> int:
    from course_lib.memo import UseCaseError, build_memo, load_use_case
    from course_lib.memo.document import FORMATS

    if args.out is not None:
        if args.out.suffix.lower() not in FORMATS:
            print(f"course memo: --out {args.out} must end in {' or '.join(FORMATS)} "
                  f"({', '.join(FORMATS.values())})", file=sys.stderr)
            return 2
        if args.out.exists() and not args.force:
            print(f"course memo: {args.out} exists; choose another name or pass --force to replace it",
                  file=sys.stderr)
            return 2
    try:
        memo = build_memo(load_use_case(args.use_case))
    except UseCaseError as exc:
        print(f"course memo: {exc}", file=sys.stderr)
        return 2
    if args.out is None:
        print(memo.to_markdown(), end="")
        return 0
    try:
        path = memo.save(args.out)
    except (ValueError, OSError) as exc:
        print(f"course memo: {exc}", file=sys.stderr)
        return 2
    rec = memo.recommendation.approach
    print(f"Recommendation: {rec}. Memo written to {path.resolve()}")
    return 0
