"""Benchmark: ``course grade`` against one-by-one nbclient execution (what nbgrader does) on 200 submissions.

It writes 200 submissions of ``02_cost_model`` (right, wrong and broken answers),
grades them with ``course grade`` (a fresh, sandboxed process per submission),
then executes the same notebooks one by one with nbclient, each with the
instructor's test cells (hidden tests included) put back, as nbgrader's autograde
does. It prints seconds per submission for each, the ratio, and the peak memory
(resident set of the whole process tree, sampled every 20 ms).

Target (issue #4, kept by issue #9): at least 30x faster than the nbclient baseline on 2 cores.
Run: ``.venv/bin/python benchmarks/bench_grader.py [--n 200] [--baseline-sample N]``
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "benchmarks" / "output" / "grader"
ASSIGNMENT = "02_cost_model"
TARGET_RATIO = 30.0

WRONG = {
    "cost_per_request_answer": '''
def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    return (input_tokens + system_prompt_tokens) * price["input"] / 1_000_000  # forgets output and caching
''',
    "monthly_cost_answer": '''
def monthly_cost(daily_requests, per_request, fixed_monthly=0.0, training_usd=0.0, retrain_every_days=None):
    return daily_requests * per_request * 30 + fixed_monthly + training_usd  # training counted every month
''',
    "break_even_answer": '''
def break_even_volume(per_request_a, overhead_a, per_request_b, overhead_b):
    return (overhead_b - overhead_a) / ((per_request_a - per_request_b) * 30)  # no None cases
''',
}
BROKEN = {
    "cost_per_request_answer": "def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):\n    return input_tokens / 0\n",
    "my_workload_answer": "my_prompted_monthly = undefined_name * 2\n",
    "monthly_cost_answer": "def monthly_cost(daily_requests, per_request):\n    return daily_requests * per_request * 30\n",
}


def _answer_cell(nb: dict, grade_id: str) -> dict:
    return next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def make_submissions(root: Path, n: int, seed: int = 4) -> dict[str, str]:
    """Write ``n`` submissions: about half right, a third wrong, the rest broken. Returns student -> kind."""
    rng = random.Random(seed)
    solution = json.loads((REPO / "solutions" / f"{ASSIGNMENT}.ipynb").read_text())
    kinds = {}
    for i in range(n):
        student = f"s{i:03d}"
        nb = copy.deepcopy(solution)
        roll = rng.random()
        if roll < 0.5:
            kind = "right"
        elif roll < 0.82:
            kind = "wrong"
            for grade_id in rng.sample(sorted(WRONG), rng.randint(1, 3)):
                _answer_cell(nb, grade_id)["source"] = WRONG[grade_id]
        elif roll < 0.97:
            kind = "broken"
            grade_id = rng.choice(sorted(BROKEN))
            _answer_cell(nb, grade_id)["source"] = BROKEN[grade_id]
        else:
            kind = "invalid file"
        path = root / student / f"{ASSIGNMENT}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text("{ this is not a notebook" if kind == "invalid file" else json.dumps(nb))
        kinds[student] = kind
    return kinds


class TreeMemory:
    """Peak resident memory of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval, self.peak_kb, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss_kb(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                text = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            parents[int(entry)] = int(fields.get("PPid", "0").strip())
            rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
        me, total = os.getpid(), 0
        for pid in rss:
            p, seen = pid, 0
            while p and p != me and seen < 64:
                p, seen = parents.get(p, 0), seen + 1
            if p == me:
                total += rss[pid]
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self._tree_rss_kb())
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_course_grade(subs: Path, out: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "course_lib.cli", "grade", str(subs), "--out", str(out),
                           "--assignment", ASSIGNMENT, "--no-progress"], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"course grade failed ({proc.returncode}):\n{proc.stderr}")
    print(proc.stdout.strip())
    return elapsed


def autograde_version(path: Path, source: dict) -> dict | None:
    """The submission with the instructor's test cells (hidden tests included) put back, or None if unreadable."""
    try:
        nb = json.loads(path.read_text())
    except ValueError:
        return None
    tests = {c["metadata"]["nbgrader"]["grade_id"]: c for c in source["cells"]
             if c["metadata"].get("nbgrader", {}).get("grade") and not c["metadata"]["nbgrader"].get("solution")}
    for cell in nb["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in tests:
            cell["source"] = tests[gid]["source"]
    return nb


def run_nbclient(paths: list[Path]) -> tuple[float, int]:
    import nbformat
    from nbclient import NotebookClient

    source = json.loads((REPO / "solutions" / f"{ASSIGNMENT}.ipynb").read_text())
    start = time.perf_counter()
    done = 0
    for path in paths:
        nb = autograde_version(path, source)
        if nb is None:
            continue  # nbgrader would reject it too
        node = nbformat.reads(json.dumps(nb), as_version=4)
        env_student = path.parent.name
        os.environ["COURSE_STUDENT_ID"] = env_student
        NotebookClient(node, timeout=30, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        done += 1
    os.environ.pop("COURSE_STUDENT_ID", None)
    return time.perf_counter() - start, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="submissions to generate (default 200)")
    parser.add_argument("--baseline-sample", type=int, default=0,
                        help="run nbclient on only this many submissions (default: all of them)")
    args = parser.parse_args()

    shutil.rmtree(OUTPUT, ignore_errors=True)
    subs, out = OUTPUT / "submissions", OUTPUT / "graded"
    kinds = make_submissions(subs, args.n)
    mix = {k: sum(1 for v in kinds.values() if v == k) for k in ("right", "wrong", "broken", "invalid file")}
    print(f"{args.n} submissions of {ASSIGNMENT}: " + ", ".join(f"{v} {k}" for k, v in mix.items()))

    with TreeMemory() as grade_memory:
        grade_seconds = run_course_grade(subs, out)
    per_grade = grade_seconds / args.n

    paths = sorted(subs.glob(f"*/{ASSIGNMENT}.ipynb"))
    if args.baseline_sample:
        paths = paths[: args.baseline_sample]
    with TreeMemory() as nb_memory:
        nb_seconds, executed = run_nbclient(paths)
    per_nb = nb_seconds / max(1, executed)

    ratio = per_nb / per_grade
    print()
    print(f"course grade : {grade_seconds:7.2f} s for {args.n} submissions = {per_grade:.4f} s per submission "
          f"(includes starting the zygotes); peak memory of the process tree {grade_memory.peak_kb / 1024:.0f} MB")
    print(f"nbclient     : {nb_seconds:7.2f} s for {executed} notebooks = {per_nb:.4f} s per submission "
          f"(one kernel each, one at a time); peak memory {nb_memory.peak_kb / 1024:.0f} MB")
    print(f"ratio        : course grade is {ratio:.1f}x faster (target >= {TARGET_RATIO:.0f}x): "
          f"{'MET' if ratio >= TARGET_RATIO else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
