"""``course experiment``: run the lesson-03 head-to-head from a terminal and print the results.

Writes the ticket data to a CSV file (path printed) and, with ``--csv``, the results table.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=3, help="seed of the data and the draws (default 3, as in lesson 03)")
    parser.add_argument("--noise", type=float, default=0.0, help="share of training labels flipped, 0 to 0.9 (default 0)")
    parser.add_argument("-n", type=int, default=500, help="labelled examples for the trained arm (default 500)")
    parser.add_argument("-k", type=int, default=5, help="examples per category in the few-shot arm (default 5)")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    parser.add_argument("--rule", choices=("relative", "absolute"), default="relative",
                        help="how to read the 5 %% rule (default relative)")
    parser.add_argument("--csv", type=Path, help="also write the results table to this CSV file")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from course_lib.experiment.embed import EmbeddingFileError
    from course_lib.experiment.study import StudyConfig, compare_to_prompting, run_study

    sizes = tuple(sorted({10, 50, 100, 500} | {args.n}))
    try:
        config = StudyConfig(seed=args.seed, label_noise=args.noise, k=args.k, n=args.n, sizes=sizes,
                             n_resamples=args.resamples, rule=args.rule)
        result = run_study(config)
    except (ValueError, EmbeddingFileError) as exc:
        print(f"course experiment: {exc}")
        return 2
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(f"data: {result.data_path}\n")
        print(result.experiment.table.round(4).to_string(index=False), "\n")
        print(compare_to_prompting(result.curve, max(result.baseline_scores.values())).round(3).to_string(index=False),
              "\n")
    print(result.decision.explain())
    print("\nseconds per stage: " + ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items()))
    if args.csv:
        result.experiment.table.to_csv(args.csv, index=False)
        print(f"results written to {args.csv}")
    return 0
