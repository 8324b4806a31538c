"""Benchmark: time of each stage of the lesson-03 experiment and peak memory; optionally the whole notebook.

Targets (issue #5): lesson 03 runs in under 60 s on a 2-core machine; peak memory under 1 GB.
By default the embedding cache starts empty (a temporary COURSE_CACHE_DIR), which is
the worst case: a learner's first run.

Run: ``.venv/bin/python benchmarks/bench_experiment.py [--notebook] [--warm] [--strict]``
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from notebook_timing import notebook_seconds  # benchmarks/, the script's own folder

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "03_empirical_test.ipynb"
TARGET_NOTEBOOK_S = 60.0
TARGET_MEMORY_MB = 1024.0


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def stages() -> dict[str, float]:
    """Run the lesson's computations stage by stage in this process; seconds per stage."""
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = now - clock
        clock = now

    from course_lib.experiment import embed, harness, study, tickets  # noqa: F401

    lap("import course_lib.experiment")
    embedder = embed.Embedder()
    lap("load model (hash checks + onnxruntime session)")
    data = tickets.generate_tickets(seed=3)
    tickets.write_tickets(data)
    lap("generate + write 900 tickets")
    texts = list(data.train["text"]) + list(data.test["text"])
    embedder.embed(texts)
    stats = embedder.last_stats
    lap(f"embed {len(texts)} tickets ({stats.computed} computed, {stats.hits} from cache)")
    embedder.embed(texts)
    lap(f"embed {len(texts)} tickets again (same session: memory)")
    fresh = embed.Embedder()
    lap("load model again (a new session)")
    fresh.embed(texts)
    lap(f"embed {len(texts)} tickets in a new session ({fresh.last_stats.hits} from the disk cache)")
    clean = study.run_study(study.StudyConfig(seed=3), embedder=embedder)
    times["study: head-to-head (3 arms, 1,000 resamples)"] = clean.timings["head-to-head"]
    times["study: learning curve (4 sizes x 3 draws)"] = clean.timings["learning curve"]
    clock = time.perf_counter()
    study.run_study(study.StudyConfig(seed=3, label_noise=0.2), embedder=embedder)
    lap("study with 20 % label noise (whole)")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", action="store_true", help="also execute notebooks/03_empirical_test.ipynb")
    parser.add_argument("--warm", action="store_true", help="keep the user's embedding cache (default: start empty)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if not args.warm:
        os.environ["COURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="course-bench-cache-")
    print(f"cache: {os.environ.get('COURSE_CACHE_DIR', '(user default)')}; cores: {os.cpu_count()}")
    missed = False
    total = 0.0
    for name, seconds in stages().items():
        total += seconds
        print(f"  {name:<60} {seconds:7.2f} s")
    print(f"  {'total (in-process)':<60} {total:7.2f} s")
    memory = peak_mb()
    missed |= memory > TARGET_MEMORY_MB
    print(f"peak memory (this process): {memory:.0f} MB (target < {TARGET_MEMORY_MB:.0f} MB)")
    if args.notebook:
        if not args.warm:  # the notebook's kernel gets a fresh, empty cache too
            os.environ["COURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="course-bench-cache-")
        seconds = notebook_seconds(NOTEBOOK)
        kernel_mb = peak_mb(resource.RUSAGE_CHILDREN)
        missed |= seconds > TARGET_NOTEBOOK_S or kernel_mb > TARGET_MEMORY_MB
        print(f"notebook 03, fresh kernel{'' if args.warm else ', empty cache'}: {seconds:.1f} s "
              f"(target < {TARGET_NOTEBOOK_S:.0f} s); kernel peak memory {kernel_mb:.0f} MB")
    if missed:
        print("A TARGET WAS MISSED (timings are noisy on a shared machine: rerun before concluding)")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
