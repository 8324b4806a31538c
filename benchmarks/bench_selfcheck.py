"""Benchmark: how long a lesson's last cell, ``self_check("<lesson>")``, takes in a fresh kernel.

"Cold" means a kernel just started: nothing of course_lib, ipywidgets or the question bank
is imported or loaded yet, so the cell pays for all of it (the imports, reading and
schema-checking the bank, building the widget). Each lesson is timed in its own new
kernel, from sending the cell to the kernel reporting it done; the median over the lessons
is compared with the target. The kernel's CPU time for the cell is printed too: on a
shared, loaded machine wall time mostly measures the other processes, CPU time much less.
A second table times the same steps in a plain subprocess to show where the time goes.

Two caches are part of a learner's machine: Python's bytecode (``__pycache__``) and the
course's cache of checked question-bank files (``checked-bank`` in the course's cache folder).
The first self-check after installing fills both; every later kernel reads them. The benchmark
therefore runs its kernels with bytecode caching on (even where ``PYTHONDONTWRITEBYTECODE`` is
set, as in some containers), and prints the very first run, which may have had to fill them, on
a line of its own.

Target (issue #11): under 0.5 s cold.
Run: ``.venv/bin/python benchmarks/bench_selfcheck.py``
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

LESSONS = ("01_decision_framework", "02_cost_benefit", "03_empirical_test", "03b_knowledge_lab",
           "04_hybrid_and_pitfalls", "06_scenarios")
TARGET_S = 0.5
CELL = 'from course_lib.views.quiz_widgets import self_check\n\nself_check("{lesson}", store=False)'

STEPS = """
import json, time
import IPython  # loaded in every kernel before the first cell
marks = [time.perf_counter()]
import ipywidgets
marks.append(time.perf_counter())
from course_lib.views.quiz_widgets import self_check
marks.append(time.perf_counter())
from course_lib.quiz.bank import load_bank
load_bank()
marks.append(time.perf_counter())
self_check({lesson!r}, store=False)
marks.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(marks, marks[1:])]))
"""
STEP_NAMES = ("import ipywidgets", "import course_lib views", "load + check the bank", "build the widget")


LEARNER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The environment of a learner's kernel: bytecode is cached after the first import."""


def kernel_cell_seconds(lesson: str) -> tuple[float, float]:
    """Wall and CPU seconds of the self-check cell in a kernel started for it alone."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", env=LEARNER_ENV)
    printed: list[str] = []

    def keep_stdout(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])

    try:
        client.execute_interactive("import time as _bench_time; _bench_cpu = _bench_time.process_time()", timeout=60)
        start = time.perf_counter()
        reply = client.execute_interactive(CELL.format(lesson=lesson), timeout=120, output_hook=lambda msg: None)
        seconds = time.perf_counter() - start
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"self_check({lesson!r}) failed in the kernel: {reply['content']}")
        client.execute_interactive("print(_bench_time.process_time() - _bench_cpu)", timeout=60,
                                   output_hook=keep_stdout)
        return seconds, float("".join(printed))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def step_seconds(lesson: str) -> list[float]:
    """Seconds per step of the same work in a fresh interpreter (no kernel)."""
    done = subprocess.run([sys.executable, "-c", STEPS.format(lesson=lesson)], check=True, capture_output=True,
                          text=True, env=LEARNER_ENV)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    first_wall, first_cpu = kernel_cell_seconds(LESSONS[0])
    print(f"first run ({LESSONS[0]}; may fill the caches): {first_wall:.3f} s wall, {first_cpu:.3f} s CPU")
    cells = {lesson: kernel_cell_seconds(lesson) for lesson in LESSONS}
    print(f"  {'lesson':<24} {'wall':>7} {'CPU':>7}")
    for lesson, (wall, cpu) in cells.items():
        print(f"  {lesson:<24} {wall:6.3f}s {cpu:6.3f}s")
    wall = statistics.median(w for w, _ in cells.values())
    cpu = statistics.median(c for _, c in cells.values())
    print(f"self-check cell, cold kernel: median {wall:.3f} s wall, {cpu:.3f} s CPU over {len(cells)} lessons "
          f"(target < {TARGET_S} s)")
    steps = [step_seconds(lesson) for lesson in LESSONS]
    print("where the time goes (fresh interpreter, wall, median over the lessons):")
    for index, name in enumerate(STEP_NAMES):
        print(f"  {name:<26} {statistics.median(row[index] for row in steps):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
