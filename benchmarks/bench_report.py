"""Benchmark: `course report` for 2,000 students x 3 assignments must take under 10 s.

Times the whole command in a fresh process (imports, reading the CSVs, the
tables, the figures, writing the HTML and the CSVs), median of 3 runs, on
synthetic grader output in ``course grade``'s exact layout, with the real
assignments' items, points and objectives (read from solutions/).
Run: ``.venv/bin/python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_lib.classroom.synthetic import assignments_from_source, make_gradebook, write_gradebook  # noqa: E402

STUDENTS = 2000
LIMIT_S = 10.0
RUNS = 3


def main() -> int:
    out_dir = ROOT / "benchmarks" / "output" / "report"
    book = make_gradebook(STUDENTS, assignments_from_source(), seed=42)  # the real assignments' items
    grades_dir = write_gradebook(book, out_dir / "grades", feedback=False)
    n_assignments = book.summary["assignment"].nunique()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "course_lib.cli", "report", str(grades_dir), "--out", str(out_dir / "report.html")],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    size_mb = (out_dir / "report.html").stat().st_size / 1e6
    print(f"course report: {STUDENTS} students x {n_assignments} assignments ({len(book.grades):,} grade rows): "
          f"median {median:.2f} s of {RUNS} runs (min {min(times):.2f}, max {max(times):.2f}); "
          f"HTML {size_mb:.1f} MB; limit {LIMIT_S:.0f} s")
    if median >= LIMIT_S:
        print(f"FAIL: median {median:.2f} s is not under {LIMIT_S:.0f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
