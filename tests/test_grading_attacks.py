"""The ten attack classes of issue 9, each built fresh here, graded in one class next to honest work.

Every hostile submission must score at most what the untouched exercise (the stub)
scores, leak nothing from the private source, and leave the rest of the class
graded. The class is graded against a private copy of ``solutions/`` with a marker
planted in every hidden test, so a leak of hidden-test text is easy to see.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from course_lib.cli import main as course
from course_lib.grading.execution import sandbox
from factories import EXERCISES, SOLUTIONS, notebook, read_csv_rows, save, with_answer
from grading_support import auto_points, expected_values, hidden_test, run_in_child, zygote  # noqa: F401 (a fixture)

COST, H2H = "02_cost_model", "03_head_to_head"
SUPPORT = sandbox.probe()
MARKER = "PRIVATE-SOURCE-MARKER-5e1f"
# Inputs of hidden cases (cost_per_request "a very large request", break_even "tiny per-request difference").
HIDDEN_INPUTS = ("120000", "2.1e-06", "0.0000021")
FORMULA_IDS = ("=1+1", "+SUM(1,1)", "-2+3", "@SUM(1,1)", "\tTAB")
LIMITS = ["--cell-timeout", "5", "--notebook-timeout", "20", "--submission-timeout", "12", "--scratch-mb", "32",
          "--max-file-mb", "2", "--no-progress"]
THREAD_BOMB_SAFE = not SUPPORT.root or bool(SUPPORT.pids_cgroup)

WRONG_COST = '''
def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    return 123.0
'''

FORGED_REPLY = '''
import course_lib.grading.execution.child as _child
_real_send = _child._send

def _forged_send(sock, message):
    if isinstance(message, dict) and "my_prompted_monthly" in message:
        message["STUDENT_ID"] = {"kind": "value", "value": "ada"}
        message["check_values"] = {"kind": "function"}
    return _real_send(sock, message)

_child._send = _forged_send
'''

DISK_FILL = '''
import os
written, n = 0, 0
chunk = b"x" * (1 << 20)
try:
    while n < 400:
        with open(f"fill{n}.bin", "wb") as handle:
            for _ in range(16):
                handle.write(chunk)
                written += len(chunk)
        n += 1
except OSError as exc:
    full = exc.errno
''' + WRONG_COST

THREAD_BOMB = '''
import threading, time
started = 0
try:
    for _ in range(3000):
        threading.Thread(target=time.sleep, args=(20,), daemon=True).start()
        started += 1
except RuntimeError:
    pass
''' + WRONG_COST

SLOW_FUNCTIONS = '''
import time

def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    time.sleep(4)
    return 0.0

def monthly_cost(daily_requests, per_request, fixed_monthly=0.0, training_usd=0.0, retrain_every_days=None):
    time.sleep(4)
    return 0.0
'''

LEAKY_ERRORS = '''
def cost_per_request(*args, **kwargs):
    raise ValueError(f"INPUTS-LEAK {args!r} {kwargs!r}")

def monthly_cost(*args, **kwargs):
    name = "Leak_" + "_".join(str(a).replace(".", "p").replace("-", "m") for a in args)
    raise type(name, (Exception,), {})()

def break_even_volume(*args):
    return type("Leak_" + "_".join(str(a).replace(".", "p").replace("-", "m") for a in args), (), {})()
'''

IMPORT_REFERENCES = '''
from course_lib.grading import refs
diff_with_ci = refs.diff_with_ci
decide = refs.decide
'''

SEARCH_REFERENCES = '''
import importlib, pkgutil
import course_lib.assignments, course_lib.grading
found = {}
for package in (course_lib.grading, course_lib.assignments):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        for attr in ("diff_with_ci", "decide", "head_to_head_answers"):
            if hasattr(module, attr):
                found[attr] = getattr(module, attr)
diff_with_ci = found.get("diff_with_ci")
decide = found.get("decide")
'''


def private_source(base: Path) -> Path:
    """A private copy of solutions/ with a marker in every hidden test (to spot any leak of it)."""
    private = base / "private"
    shutil.copytree(SOLUTIONS, private)
    for path in private.glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"### BEGIN HIDDEN TESTS\\n",', f'"### BEGIN HIDDEN TESTS\\n", "# {MARKER}\\n",'),
                        encoding="utf-8")
    return private


def build_class(subs: Path, private: Path) -> None:
    """Honest students, the untouched stub, and one hostile submission per attack class.

    Each attack is made from the untouched exercise, so "at most the stub's score" means
    that the attack itself earned nothing.
    """
    for name in (COST, H2H):
        save(subs, "ada", name, notebook(name))
        save(subs, "stub", name, notebook(name, EXERCISES))
    good, h2h = notebook(COST, EXERCISES), notebook(H2H, EXERCISES)

    # 1. symbolic links and files that are not regular files
    (subs / "link_source").mkdir()
    (subs / "link_source" / f"{COST}.ipynb").symlink_to(private / f"{COST}.ipynb")
    (subs / "link_folder").symlink_to(subs / "ada", target_is_directory=True)
    (subs / "link_shadow").mkdir()
    (subs / "link_shadow" / f"{COST}.ipynb").symlink_to("/etc/shadow")
    (subs / "fifo").mkdir()
    os.mkfifo(subs / "fifo" / f"{COST}.ipynb")

    # 2. a forged reply that sets STUDENT_ID to a classmate's, with the classmate's answers
    ada = expected_values(COST, "my_workload", "ada")
    copied = FORGED_REPLY + "\n".join(f"{k} = {v!r}" for k, v in ada.items())
    save(subs, "forged_reply", COST, with_answer(good, "my_workload_answer", copied))

    # 3. filling the disk; 4. a thread bomb; 5. functions that sleep just under the cell limit
    save(subs, "disk_fill", COST, with_answer(good, "cost_per_request_answer", DISK_FILL))
    if THREAD_BOMB_SAFE:
        save(subs, "thread_bomb", COST, with_answer(good, "cost_per_request_answer", THREAD_BOMB))
    slow = with_answer(with_answer(good, "cost_per_request_answer", SLOW_FUNCTIONS), "monthly_cost_answer", "pass")
    save(subs, "slow_calls", COST, slow)

    # 7. functions that raise (or return) their private inputs
    leaky = with_answer(good, "cost_per_request_answer", LEAKY_ERRORS)
    leaky = with_answer(with_answer(leaky, "monthly_cost_answer", "pass"), "break_even_answer", "pass")
    save(subs, "leaky_errors", COST, leaky)

    # 8. student ids a spreadsheet would run as formulas (honest work otherwise)
    for student in FORMULA_IDS:
        save(subs, student, H2H, notebook(H2H))

    # 10. answers taken from a reference module, by name or by searching the package
    for student, code in (("import_refs", IMPORT_REFERENCES), ("search_refs", SEARCH_REFERENCES)):
        attempt = with_answer(h2h, "diff_ci_answer", code)
        attempt = with_answer(attempt, "decision_answer", "pass")
        attempt = with_answer(attempt, "my_result_answer",
                              'my_diff, my_low, my_high = diff_with_ci(numbers["correct_prompting"], '
                              'numbers["correct_fine_tuned"], numbers["n"])\n'
                              'my_decision = decide(numbers["correct_prompting"] / numbers["n"], '
                              'numbers["correct_fine_tuned"] / numbers["n"], my_low)')
        save(subs, student, H2H, attempt)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("attacks")
    private = private_source(base)
    subs, out = base / "submissions", base / "out"
    build_class(subs, private)
    code = course(["grade", str(subs), "--out", str(out), "--source", str(private), *LIMITS])
    grades = read_csv_rows(out / "grades.csv")
    from course_lib.grading.scoring.csvsafe import from_cell

    totals: dict[tuple[str, str], float] = {}
    for r in grades:
        key = (from_cell(r["student"]), r["assignment"])
        totals[key] = totals.get(key, 0.0) + float(r["points"])
    return {"code": code, "out": out, "grades": grades, "totals": totals, "private": private}


def rows_of(attacked: dict, student: str, assignment: str = COST) -> dict[str, dict[str, str]]:
    from course_lib.grading.scoring.csvsafe import to_cell

    return {r["item"]: r for r in attacked["grades"]
            if r["student"] == to_cell(student) and r["assignment"] == assignment}


def everything_written_for(attacked: dict, student: str, assignment: str = COST) -> str:
    """grades.csv rows, feedback page and stored result of one student, as one text."""
    out = attacked["out"]
    parts = [json.dumps(rows_of(attacked, student, assignment))]
    for path in (out / "feedback" / student / f"{assignment}.html", out / "results" / student / f"{assignment}.json"):
        if path.exists():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def assert_contained(attacked: dict, student: str, assignment: str = COST) -> None:
    """At most the stub's score, nothing of the private source, and the honest student still graded."""
    totals = attacked["totals"]
    assert totals[(student, assignment)] <= totals[("stub", assignment)]
    written = everything_written_for(attacked, student, assignment)
    for secret in (MARKER, "BEGIN HIDDEN", '"expected":', "run_cases(", "check_values(", *HIDDEN_INPUTS):
        assert secret not in written, secret
    honest = rows_of(attacked, "ada", assignment)
    assert honest and all(r["status"] == "passed" for r in honest.values())


def test_the_class_with_every_attack_is_graded(attacked):
    """Does a class holding every attack finish with exit 0 and full marks for the honest student?"""
    assert attacked["code"] == 0
    assert attacked["totals"][("ada", COST)] == auto_points(COST) and attacked["totals"][("ada", H2H)] == auto_points(H2H)


# ---- 1. symbolic links -------------------------------------------------------------------

@pytest.mark.parametrize("student, words", [
    ("link_source", "symbolic link"), ("link_folder", "symbolic link"), ("link_shadow", "symbolic link"),
    ("fifo", "not a regular file"),
])
def test_links_and_special_files_are_refused_not_followed(attacked, student, words):
    """Is a linked or non-regular notebook (or folder) refused with a reason, never read?"""
    rows = rows_of(attacked, student)
    assert rows and all(r["status"] == "invalid" and words in r["message"] for r in rows.values())
    assert "JSON" not in json.dumps(rows) and "line 1" not in json.dumps(rows)
    assert_contained(attacked, student)


def test_gradescope_uploads_are_never_read_through_a_link(tmp_path):
    """Does the Gradescope runner refuse an upload whose notebook (or folder) is a link to the hidden tests?"""
    from course_lib.classroom.gradescope_run import SubmissionProblem, find_notebook

    upload = tmp_path / "submission"
    upload.mkdir()
    (upload / f"{COST}.ipynb").symlink_to(SOLUTIONS / f"{COST}.ipynb")
    (upload / "nested").symlink_to(SOLUTIONS, target_is_directory=True)
    with pytest.raises(SubmissionProblem, match="No notebook found"):
        find_notebook(upload, COST)


def test_a_linked_folder_is_not_graded_as_a_second_copy_of_the_classmate(attacked):
    """Does the folder linked to ada's score nothing, while ada keeps full marks?"""
    assert attacked["totals"][("link_folder", COST)] == 0
    assert attacked["totals"][("ada", COST)] == auto_points(COST)


# ---- 2. forged replies -----------------------------------------------------------------------

def test_a_forged_reply_cannot_set_names_the_grader_owns(attacked):
    """Do extra keys in a patched reply (STUDENT_ID of a classmate) leave the copied answers wrong?"""
    assert rows_of(attacked, "forged_reply")["my_workload"]["points"] == "0"
    assert_contained(attacked, "forged_reply")


# ---- 3. filling the disk -----------------------------------------------------------------------

def test_filling_the_scratch_space_fails_inside_the_submission(attacked):
    """Does writing files until the disk is full cost only that submission, leaving no temporary files?"""
    assert_contained(attacked, "disk_fill")
    assert not list(attacked["out"].rglob("*.tmp"))


# ---- 4. thread bombs ----------------------------------------------------------------------

@pytest.mark.skipif(not THREAD_BOMB_SAFE, reason="root without a pids cgroup: a thread bomb would hurt this machine")
def test_a_thread_bomb_is_capped_and_the_class_goes_on(attacked):
    """Does a submission that starts threads without end get capped while everyone else is graded?"""
    assert_contained(attacked, "thread_bomb")


# ---- 5. one time budget per submission ---------------------------------------------------------

def test_functions_that_sleep_under_the_cell_limit_run_out_of_the_submission_budget(attacked):
    """Do slow calls stop at the submission's one time budget, with the items left reported as timed out?"""
    rows = rows_of(attacked, "slow_calls")
    assert rows["cost_per_request"]["status"] == "timeout"
    assert any("time budget" in r["message"] for r in rows.values())
    assert {r["status"] for k, r in rows.items() if k != "cost_per_request"} <= {"timeout", "missing"}
    assert_contained(attacked, "slow_calls")


# ---- 7. hidden-test inputs in error messages -------------------------------------------------

def test_errors_in_calls_from_hidden_tests_name_only_the_case_and_the_type(attacked):
    """Does feedback name the case and a built-in exception type, never the text or a made-up class name?"""
    written = everything_written_for(attacked, "leaky_errors")
    assert "INPUTS-LEAK" not in written and "Leak_" not in written
    assert "the chapter's request: raised ValueError" in written
    assert_contained(attacked, "leaky_errors")


# ---- 8. formula injection ---------------------------------------------------------------------

def formula_cells(text: str) -> list[str]:
    """Cells of a CSV text that a spreadsheet would run as a formula."""
    from course_lib.grading.scoring.csvsafe import FORMULA_STARTS

    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    return [c for c in cells if c.startswith(FORMULA_STARTS) and c != "-" and not _number(c)]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_no_csv_the_course_writes_holds_a_formula(attacked, tmp_path):
    """Are ids like =1+1 graded, and neutralised in grades.csv, summary.csv, the report and LMS exports?"""
    from course_lib.classroom.grades import load_gradebook
    from course_lib.classroom.report_page import write_report
    from course_lib.classroom.lms import canvas_gradebook, moodle_gradebook
    from course_lib.classroom.class_report import build_report

    out = attacked["out"]
    for student in FORMULA_IDS:
        assert attacked["totals"][(student, H2H)] == 10
    texts = [(out / "grades.csv").read_text(), (out / "summary.csv").read_text()]
    book = load_gradebook(out)
    assert set(FORMULA_IDS) <= set(book.summary["student"])
    texts += [canvas_gradebook(book.summary).to_csv(), moodle_gradebook(book.summary).to_csv()]
    _, tables = write_report(build_report(book), book, tmp_path / "report.html")
    texts += [p.read_text() for p in Path(tables).glob("*.csv")]
    for text in texts:
        assert not formula_cells(text)


# ---- 10. reference answers ----------------------------------------------------------------------

@pytest.mark.parametrize("student", ["import_refs", "search_refs"])
def test_answers_taken_from_a_reference_module_score_no_more_than_the_stub(attacked, student):
    """Does importing (or searching course_lib for) reference answers get no more than the untouched stub?"""
    assert attacked["totals"][(student, H2H)] <= attacked["totals"][("stub", H2H)]
    assert_contained(attacked, student, H2H)


def test_no_reference_answers_ship_in_course_lib():
    """Is no function with a reference answer's name importable from the grading or assignments packages?"""
    import importlib
    import pkgutil

    import course_lib.assignments
    import course_lib.grading

    for package in (course_lib.grading, course_lib.assignments):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name in ("cost_answers", "head_to_head_answers", "diff_with_ci", "decide", "break_even_volume"):
                assert not hasattr(module, name), f"{info.name}.{name}"
    assert "refs" not in {m.name for m in pkgutil.iter_modules(course_lib.grading.__path__)}


def test_hidden_tests_hold_what_the_references_were():
    """Does each per-student hidden test compute its expected values itself (from course_lib's public model)?"""
    assert "costs.monthly_total" in hidden_test(COST, "my_workload")
    assert "meets_threshold" in hidden_test(H2H, "my_result")


# ---- 3, 4, 6, 9: what needs its own run ----------------------------------------------------

def small_class(base: Path, students: dict[str, dict]) -> Path:
    subs = base / "subs"
    for student, nb in students.items():
        save(subs, student, H2H, nb)
    return subs


def run_child(zygote, tmp_path: Path, code: str, names: list[str], **settings) -> dict:
    from course_lib.grading.scoring.settings import GradeSettings

    return run_in_child(zygote, tmp_path, code, names, GradeSettings(cell_timeout=20, notebook_timeout=40, **settings))


def test_the_scratch_space_has_a_byte_budget(zygote, tmp_path):
    """Do writes stop with 'no space left' at the scratch budget instead of filling the grader's disk?"""
    values = run_child(zygote, tmp_path, DISK_FILL, ["written", "full"], scratch_mb=24)
    if values["full"] is None and values["written"] >= 400 * 16 * 2 ** 20:
        pytest.skip("no user namespaces here: the scratch has no byte budget (documented fallback)")
    assert values["full"] == 28  # ENOSPC
    assert values["written"] <= 24 * 2 ** 20
    assert not list(tmp_path.rglob("fill*.bin"))  # the files lived in the child's own tmpfs


def test_the_scratch_space_has_a_file_budget(zygote, tmp_path):
    """Does creating empty files stop at the file budget?"""
    code = '''
made = 0
try:
    for n in range(5000):
        open(f"f{n}", "w").close()
        made += 1
except OSError as exc:
    error = exc.errno
'''
    values = run_child(zygote, tmp_path, code, ["made", "error"], scratch_files=50)
    if values["made"] == 5000:
        pytest.skip("no user namespaces here: the scratch has no file budget (documented fallback)")
    assert values["made"] <= 50 and values["error"] == 28


@pytest.mark.skipif(not THREAD_BOMB_SAFE, reason="root without a pids cgroup: a thread bomb would hurt this machine")
def test_threads_are_capped_per_submission(tmp_path):
    """Does a thread bomb stop near the thread limit (a pids cgroup as root, RLIMIT_NPROC otherwise)?"""
    from course_lib.grading.execution.pool import Zygote

    capped = Zygote(max_threads=32)
    capped.wait_ready()
    try:
        values = run_child(capped, tmp_path, THREAD_BOMB, ["started"], max_threads=32)
    finally:
        capped.close()
    assert values["started"] < 3000
    if SUPPORT.root:
        assert values["started"] <= 32


def test_a_result_that_cannot_be_stored_is_an_error_row_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    """If storing one result fails (disk full), is that one row an error, the rest graded, and the exit 1?"""
    import errno

    from course_lib.grading.scoring import batch

    real = batch._write_json_atomic

    def full_for_one(path, data):
        if "unlucky" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(batch, "_write_json_atomic", full_for_one)
    subs = small_class(tmp_path, {"lucky": notebook(H2H), "unlucky": notebook(H2H)})
    out = tmp_path / "out"
    (out / "results" / "old").mkdir(parents=True)
    (out / "results" / "old" / ".03_head_to_head.json.x.tmp").write_text("half")
    code = course(["grade", str(subs), "--out", str(out), "--assignment", H2H, "--no-progress"])
    assert code == 1
    grades = (out / "grades.csv").read_text()
    assert "lucky,03_head_to_head,diff_ci,4,4,passed" in grades
    assert "unlucky,03_head_to_head,diff_ci,0,4,error,the result could not be stored" in grades
    assert "not stored: unlucky/03_head_to_head" in capsys.readouterr().err
    assert not list(out.rglob("*.tmp"))


def test_a_zygote_that_cannot_fork_costs_one_submission_only(tmp_path, monkeypatch):
    """When forking fails for one submission (a full process table), is only it an error, and the rest graded?"""
    from course_lib.grading.execution import pool

    real = pool.Zygote.fork
    failures = {"left": 2}

    def fork(self):
        if failures["left"] and self.failing:
            failures["left"] -= 1
            raise pool.PoolError("the grading zygote could not fork (Resource temporarily unavailable)")
        return real(self)

    monkeypatch.setattr(pool.Zygote, "fork", fork)
    monkeypatch.setattr(pool.Zygote, "failing", False, raising=False)
    from course_lib.grading.scoring import grader

    real_grade = grader.grade_submission

    def grade(assignment, student, path, zygote, *args, **kwargs):
        zygote.failing = student == "unlucky"
        return real_grade(assignment, student, path, zygote, *args, **kwargs)

    from course_lib.grading.scoring import batch

    monkeypatch.setattr(batch, "grade_submission", grade)
    subs = small_class(tmp_path, {"lucky": notebook(H2H), "unlucky": notebook(H2H), "zed": notebook(H2H)})
    out = tmp_path / "out"
    code = course(["grade", str(subs), "--out", str(out), "--assignment", H2H, "--no-progress", "--workers", "1"])
    assert code == 1
    grades = (out / "grades.csv").read_text()
    assert "unlucky,03_head_to_head,diff_ci,0,4,error,the grading process could not run this submission" in grades
    assert "lucky,03_head_to_head,diff_ci,4,4,passed" in grades and "zed,03_head_to_head,diff_ci,4,4,passed" in grades


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc, as ppid links)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


SLEEPER = "import time\nwhile True:\n    time.sleep(0.2)\n"


def _start_grading(tmp_path: Path) -> tuple["subprocess.Popen", Path, set[int]]:
    """`course grade` in its own process on a class whose first student sleeps in a cell; wait for the child."""
    import subprocess
    import sys
    import time

    nb = with_answer(notebook(H2H, EXERCISES), "diff_ci_answer", SLEEPER)
    subs = small_class(tmp_path, {"asleep": nb, "later": notebook(H2H)})
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen([sys.executable, "-m", "course_lib.cli", "grade", str(subs), "--out", str(out),
                                "--assignment", H2H, "--no-progress", "--workers", "1", "--cell-timeout", "120",
                                "--notebook-timeout", "200", "--submission-timeout", "300"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        below = _descendants(process.pid)
        if len(below) >= 2:  # a zygote and the child it forked
            return process, out, below
        time.sleep(0.2)
    process.kill()
    raise AssertionError("the grading child never started")


def test_zygotes_and_children_die_with_a_killed_grader(tmp_path):
    """After `course grade` is killed (SIGKILL), are its zygote and the busy child gone too?"""
    import signal
    import time

    process, _, below = _start_grading(tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(p) for p in below):
        time.sleep(0.2)
    assert not [p for p in below if _alive(p)]


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_an_interrupted_run_stops_cleanly_with_reports_and_exit_130(tmp_path, how):
    """On SIGTERM or Ctrl-C, does course grade stop its workers, write reports, clean up and exit 130 in one line?"""
    import signal

    process, out, below = _start_grading(tmp_path)
    os.kill(process.pid, getattr(signal, how))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.strip()] == [
        line for line in err.splitlines() if line.startswith("course grade: interrupted")]
    assert (out / "grades.csv").exists()
    assert not [p for p in below if _alive(p)]
    assert not list((tmp_path / "tmp").iterdir())  # scratch folders removed


def test_feedback_can_show_the_score_only(tmp_path):
    """With --feedback score, do feedback pages and Gradescope results show points but no reasons?"""
    first = notebook("01_justify_the_approach")
    partial = with_answer(first, "mascot_voice_answer",
                          'mascot_voice = {"approach": "prompting", "criteria": ["style_or_persona", "new_knowledge"]}')
    subs = tmp_path / "subs"
    save(subs, "ada", "01_justify_the_approach", partial)
    for level in ("full", "score"):
        out = tmp_path / level
        assert course(["grade", str(subs), "--out", str(out), "--assignment", "01_justify_the_approach",
                       "--no-progress", "--format", "gradescope", "--feedback", level]) == 0
    full_page = (tmp_path / "full" / "feedback" / "ada" / "01_justify_the_approach.html").read_text()
    score_page = (tmp_path / "score" / "feedback" / "ada" / "01_justify_the_approach.html").read_text()
    assert "deciding criteria" in full_page and "deciding criteria" not in score_page
    results = json.loads((tmp_path / "score" / "gradescope" / "ada" / "01_justify_the_approach" /
                          "results.json").read_text())
    assert all("criteria" not in t["output"] for t in results["tests"])
    assert results["score"] == json.loads((tmp_path / "full" / "gradescope" / "ada" / "01_justify_the_approach" /
                                           "results.json").read_text())["score"]
    assert "deciding criteria" in (tmp_path / "score" / "grades.csv").read_text()  # the instructor sees all


def test_the_gradescope_bundle_defaults_to_score_only_feedback(tmp_path):
    """Does the Gradescope bundle pass --feedback score unless told otherwise?"""
    import zipfile

    from course_lib.classroom.gradescope import build_bundle

    for level, expected in ((None, "score"), ("full", "full")):
        kwargs = {"feedback": level} if level else {}
        bundle = build_bundle(H2H, tmp_path / f"{expected}.zip", **kwargs)
        with zipfile.ZipFile(bundle.path) as archive:
            args = json.loads(archive.read("course_autograder.json"))["grade_args"]
        assert args[:2] == ["--feedback", expected]


def test_every_test_the_threat_model_names_exists():
    """Does each test named in docs/grading.md's threat-model table exist, and each attack test appear there?"""
    import re

    from factories import REPO

    docs = (REPO / "docs" / "grading.md").read_text(encoding="utf-8")
    table = docs[docs.index("| attack class | defence | test that proves it |"):docs.index("Known limits:")]
    files = {"attacks": "test_grading_attacks.py", "batch": "test_grading_batch.py", "sandbox": "test_grading_sandbox.py"}
    named = re.findall(r"`(attacks|batch|sandbox)::(test_\w+)`", table)
    assert len(named) >= 20
    for prefix, name in named:
        assert f"def {name}(" in (REPO / "tests" / files[prefix]).read_text(encoding="utf-8"), f"{prefix}::{name}"
    mine = re.findall(r"^def (test_\w+)\(", Path(__file__).read_text(encoding="utf-8"), flags=re.M)
    documented = {name for prefix, name in named if prefix == "attacks"}
    helpers = {"test_the_class_with_every_attack_is_graded", "test_hidden_tests_hold_what_the_references_were",
               "test_every_test_the_threat_model_names_exists"}
    assert set(mine) - documented - helpers == set()
