"""Benchmark: how long one slider change takes to recompute and redraw the cost figure,
and how long ``import course_lib`` (and its core modules) takes in a fresh process.

Targets (issue #2): median slider update under 50 ms; import under 0.5 s.
Run: ``.venv/bin/python benchmarks/bench_cost_explorer.py``
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

CHANGES = 50
TARGET_UPDATE_MS = 50.0
TARGET_IMPORT_S = 0.5


def import_seconds(statement: str, repeats: int = 5) -> float:
    """Median wall time of a fresh interpreter running ``statement``, minus an empty interpreter."""
    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start
    baseline = statistics.median(run("pass") for _ in range(repeats))
    return statistics.median(run(statement) for _ in range(repeats)) - baseline


def slider_update_ms() -> list[float]:
    from course_lib.views.cost_views import CostExplorer

    explorer = CostExplorer()
    sliders = ["fixed_monthly", "input_tokens", "output_tokens", "long_prompt_tokens", "training_examples"]
    timings = []
    for i in range(CHANGES):
        control = explorer.controls[sliders[i % len(sliders)]]
        new_value = control.min + (i * 37) % int(control.max - control.min or 1)
        start = time.perf_counter()
        control.value = type(control.value)(new_value)  # fires the observer: recompute + batch redraw
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> int:
    timings = slider_update_ms()
    median = statistics.median(timings)
    print(f"cost explorer: median {median:.1f} ms per slider change over {CHANGES} changes "
          f"(p90 {statistics.quantiles(timings, n=10)[-1]:.1f} ms; target < {TARGET_UPDATE_MS:.0f} ms)")
    for label, statement in [("import course_lib", "import course_lib"),
                             ("import course_lib.framework + costs + prices",
                              "import course_lib.framework, course_lib.costs, course_lib.prices")]:
        seconds = import_seconds(statement)
        print(f"{label}: {seconds:.3f} s (target < {TARGET_IMPORT_S} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
