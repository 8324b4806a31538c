"""``course knowledge``: run the knowledge lab of lesson 03b from a terminal and print what it measured.

Writes both versions of the knowledge base as Markdown files (folders printed) and, with
``--csv``, the answer-accuracy tables.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=0, help="seed of the question split and the bootstrap (default 0)")
    parser.add_argument("-k", type=int, default=3, help="passages given to the reader (default 3)")
    parser.add_argument("--chunk-words", type=int, default=40, help="the most words per chunk (default 40)")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    parser.add_argument("--model", default="gpt-4o-mini", help="price-table model for the costs (default gpt-4o-mini)")
    parser.add_argument("--csv", type=Path, help="also write the before/after accuracy tables to this CSV file")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from course_lib.experiment.embed import EmbeddingFileError
    from course_lib.knowledge.study import KnowledgeConfig, run_knowledge_study

    try:
        config = KnowledgeConfig(seed=args.seed, k=args.k, chunk_words=args.chunk_words,
                                 n_resamples=args.resamples, model=args.model)
        result = run_knowledge_study(config)
    except (ValueError, KeyError, EmbeddingFileError) as exc:
        print(f"course knowledge: {exc}")
        return 2
    columns = ["candidate", "accuracy", "accuracy_low", "accuracy_high", "ms_per_query", "usd_per_1k_queries"]
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        for version, folder in result.folders.items():
            print(f"knowledge base version {version}: {folder}")
        print("\nretrieval (held-out questions, version 1):")
        print(result.retrieval.pivot(index="method", columns="measure", values="estimate").round(3).to_string(), "\n")
        print("answers, version 1:\n" + result.before.table[columns].round(4).to_string(index=False), "\n")
        print("answers after the update to version 2:\n" + result.after.table[columns].round(4).to_string(index=False))
        print("\nclosed book over paraphrases per fact:\n" + result.curve.summary.round(3).to_string(index=False))
        print("\nkeeping knowledge current:\n" + result.upkeep.round(4).to_string(index=False))
        print("\nper-request cost of k passages:\n" + result.costs.round(4).to_string(index=False))
        print("\nhybrid (category and current fact both right):\n"
              + result.hybrid.table[columns[:4]].round(3).to_string(index=False))
    print("\nseconds per stage: " + ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items()))
    if args.csv:
        pd.concat([result.before.table.assign(version=1), result.after.table.assign(version=2)]).to_csv(
            args.csv, index=False)
        print(f"results written to {args.csv}")
    return 0
