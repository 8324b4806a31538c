"""The set-up a learner runs: the install stamp, `course lab` on any machine, the `course` command."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib import cli, lab

import locks

ROOT = Path(__file__).resolve().parent.parent


def test_second_install_does_nothing() -> None:
    """After `make test` installed the environment, is `make install-dev` up to date (no reinstall)?"""
    if not (ROOT / ".venv").exists() or Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("run through `make test`, which installs into .venv")
    result = subprocess.run(["make", "-q", "install", "install-dev"], cwd=ROOT)
    assert result.returncode == 0, "make would reinstall: a stamp does not match the lock files + pyproject.toml"


def test_learner_lock_pins_the_commissioned_stack_and_no_test_tools() -> None:
    """Does requirements.txt pin (with hashes) what a learner needs, and leave the test stack out?"""
    learner = locks.pins(ROOT / "requirements.txt")
    assert {"jupyterlab", "ipywidgets", "pandas", "plotly", "nbval", "nbclient"} <= learner.keys()
    assert not {"playwright", "nbgrader"} & learner.keys()


def test_development_lock_adds_to_the_learner_lock_without_changing_it() -> None:
    """Does requirements-dev.txt hold every learner pin at the same version, plus the test tools?"""
    learner = locks.pins(ROOT / "requirements.txt")
    dev = locks.pins(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in learner} == learner
    assert {"playwright", "nbgrader", "pytest"} <= dev.keys()


def test_grading_lock_holds_what_grading_needs_and_nothing_more() -> None:
    """Is requirements-grade.txt exactly course_lib's dependencies plus a kernel, all of them (their own needs
    included) and at the learner lock's versions, with no JupyterLab, nbval or test tools?"""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = locks.installed_closure(project["dependencies"] + project["optional-dependencies"]["grade"])
    grade = locks.pins(ROOT / "requirements-grade.txt")
    assert set(grade) == needed - {"course-lib"}, "regenerate the locks with `make lock`"
    learner = locks.pins(ROOT / "requirements.txt")
    assert {name: learner.get(name) for name in grade} == grade
    assert {"ipykernel", "nbclient", "numpy", "onnxruntime"} <= grade.keys()
    assert not {"jupyterlab", "jupyter-server", "nbval", "pytest", "playwright", "nbgrader"} & grade.keys()


def test_lock_closure_follows_markers_and_extras() -> None:
    """Would the grading-lock test notice a package that is needed only through an extra, and skip one
    that a marker excludes here?"""
    assert "tinycss2" in locks.installed_closure(["bleach[css]"])  # as nbconvert asks for it
    assert "tinycss2" not in locks.installed_closure(["bleach"])
    assert "pytest" not in locks.installed_closure(["jsonschema"])  # its test extra is not asked for
    assert "colorama" not in locks.installed_closure(["tqdm"])  # needed on Windows only


def test_lock_parser_refuses_a_loose_or_unhashed_pin(tmp_path: Path) -> None:
    """Would the lock tests notice a range instead of a pin, or a pin without its hash?"""
    loose = tmp_path / "loose.txt"
    loose.write_text("pandas>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not pinned"):
        locks.pins(loose)
    unhashed = tmp_path / "unhashed.txt"
    unhashed.write_text("pandas==3.1.1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no --hash"):
        locks.pins(unhashed)


def test_lab_command_headless_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no display and as root, does `course lab` skip the browser and allow root?"""
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    cmd = lab.lab_command(ROOT, 8888, "127.0.0.1", open_browser=False)
    assert "--no-browser" in cmd and "--allow-root" in cmd
    assert f"--LabApp.default_url=/lab/tree/{lab.FIRST_NOTEBOOK}" in cmd


def test_lab_command_with_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    cmd = lab.lab_command(ROOT, 9999, "127.0.0.1", open_browser=True)
    assert "--no-browser" not in cmd and "--allow-root" not in cmd and "--ServerApp.port=9999" in cmd


def test_has_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("CI", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    assert not lab.has_display()
    monkeypatch.setenv("DISPLAY", ":0")
    assert lab.has_display()
    monkeypatch.setenv("CI", "true")
    assert not lab.has_display()


def test_course_lab_outside_the_course_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Run from the wrong folder, does `course lab` say so instead of starting?"""
    monkeypatch.chdir(tmp_path)
    assert cli.main(["lab"]) == 2
    assert "run this from the course folder" in capsys.readouterr().err


TOP_LEVEL_ADD_ARGUMENTS = re.compile(r"^def add_arguments\(", re.MULTILINE)
TOP_LEVEL_RUN = re.compile(r"^def run\(", re.MULTILINE)


def command_modules() -> set[str]:
    """Every module of the package that defines a top-level ``add_arguments`` and ``run`` (read, not imported)."""
    found = set()
    for path in (ROOT / "course_lib").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if TOP_LEVEL_ADD_ARGUMENTS.search(text) and TOP_LEVEL_RUN.search(text):
            found.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def test_every_module_with_arguments_is_a_course_verb() -> None:
    """Is every module that defines add_arguments/run reachable as `course <verb>`, and nothing else registered?"""
    registered = {module for module, _ in cli.SUBCOMMANDS.values()}
    assert len(registered) == len(cli.SUBCOMMANDS), "two verbs share a module"
    assert command_modules() == registered, "add the module to course_lib.cli.SUBCOMMANDS (or remove the stale entry)"


def test_no_module_keeps_its_own_command_line() -> None:
    """Is `course <verb>` the only command line: no module parses sys.argv under `if __name__ == "__main__"`?"""
    internal = {"course_lib/grading/execution/zygote.py"}  # the sandbox's fork server, started by the pool
    own = {path.relative_to(ROOT).as_posix() for path in (ROOT / "course_lib").rglob("*.py")
           if '__name__ == "__main__"' in path.read_text(encoding="utf-8")}
    assert own - internal == {"course_lib/cli.py"}


def test_course_help_lists_every_subcommand_with_one_line(capsys) -> None:
    """Does `course` with no verb list every verb with its one-line help?"""
    assert cli.main([]) == 2
    out = " ".join(capsys.readouterr().out.split())
    for name, (_, help_text) in cli.SUBCOMMANDS.items():
        assert "\n" not in help_text
        assert f"{name} {' '.join(help_text.split())}" in out


@pytest.mark.parametrize("verb", sorted(cli.SUBCOMMANDS))
def test_every_verb_has_help(verb: str, capsys) -> None:
    """Does `course <verb> --help` print usage under the verb's name and exit 0?"""
    with pytest.raises(SystemExit) as exit_:
        cli.main([verb, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: course {verb}")


def test_doctor_reports_this_environment(capsys) -> None:
    """Does `course doctor` find the packages the course needs in the test environment?"""
    code = cli.main(["doctor"])
    out = capsys.readouterr().out
    assert "OK       pandas" in out and "OK       ipywidgets" in out
    assert code == (0 if "MISSING" not in out else 1)


def test_doctor_names_a_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from course_lib import envcheck

    monkeypatch.setattr(envcheck, "PACKAGES", [("no-such-package-xyz", "no_such_package_xyz", "testing")])
    checks = envcheck.check_environment()
    text = envcheck.report(checks)
    assert "MISSING  no-such-package-xyz: not installed (needed for testing)" in text
    assert "make lab" in text


def test_doctor_flags_an_unwritable_progress_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Does the environment check say so when the progress file cannot be written, and how to fix it?"""
    from course_lib import envcheck

    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(tmp_path / "sub" / "progress.json"))
    assert next(c for c in envcheck.check_environment() if c.name == "progress file").ok
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    check = next(c for c in envcheck.check_environment() if c.name == "progress file")
    assert not check.ok and "COURSE_PROGRESS_FILE" in check.fix


def test_doctor_validates_the_question_bank(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Does `course doctor` check the bank with the reference validator and name a broken entry?"""
    from course_lib import envcheck
    from course_lib.quiz import bank

    assert next(c for c in envcheck.check_environment(bank=True) if c.name == "question bank").ok
    assert "question bank" not in {c.name for c in envcheck.check_environment()}  # the notebook's quick check
    (tmp_path / "broken.yaml").write_text("questions:\n  - id: t-broken\n    type: single\n", encoding="utf-8")
    monkeypatch.setattr(bank, "default_bank_dir", lambda: tmp_path)
    check = next(c for c in envcheck.check_environment(bank=True) if c.name == "question bank")
    assert not check.ok and "broken.yaml: entry 't-broken'" in check.detail and str(tmp_path) in check.fix


def test_make_lab_installs_only_the_learner_lock(tmp_path: Path) -> None:
    """Would `make lab` on a fresh machine install requirements.txt and never the development lock?"""
    planned = subprocess.run(["make", "-n", "lab", f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert "-r requirements.txt" in planned and "requirements-dev.txt" not in planned
    planned = subprocess.run(["make", "-n", "test", f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert "-r requirements.txt" in planned and "-r requirements-dev.txt" in planned


def test_ci_runs_the_slow_tests_too() -> None:
    """Does CI run `make test`, and does `make test` deselect nothing (slow is only for local `make test-fast`)?"""
    assert "\nmake test\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    planned = subprocess.run(["make", "-n", "-W", "requirements.txt", "test"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    (pytest_line,) = [line for line in planned.splitlines() if "-m pytest" in line]
    arguments = shlex.split(pytest_line.split(" -m pytest ", 1)[1])
    assert "tests" in arguments and "-m" not in arguments and "-k" not in arguments  # no marker or name filter



def test_readme_names_every_command() -> None:
    """Does the README's command table name every `course` verb (so a new verb cannot go undocumented)?"""
    from course_lib.cli import SUBCOMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [verb for verb in SUBCOMMANDS if f"`course {verb}`" not in readme] == []
