"""The sandbox and attack tests again, as an unprivileged user (CI runs as root; instructors often do not).

As root this test creates a system user, gives it a Python it can run (Debian's
``/usr/bin/python3.11`` with this checkout's packages on ``PYTHONPATH``, because the
venv's own interpreter may live in a folder only root can read), and runs
``test_grading_sandbox.py`` and ``test_grading_attacks.py`` as that user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
USER = "course-grader-test"
SYSTEM_PYTHON = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="already unprivileged: the other test files cover this user"),
    pytest.mark.skipif(not shutil.which("useradd") or not shutil.which("runuser"), reason="needs useradd and runuser"),
    pytest.mark.skipif(not SYSTEM_PYTHON.exists(), reason=f"needs {SYSTEM_PYTHON} (same version as the venv)"),
]


def ensure_user() -> None:
    if subprocess.run(["id", "-u", USER], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)


@pytest.fixture
def shared_tmp():
    """A folder the unprivileged user can reach (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="course-nonroot-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_sandbox_and_attack_tests_pass_as_an_unprivileged_user(shared_tmp):
    """Do the sandbox and attack tests pass for a grader that is not root?"""
    tmp_path = shared_tmp
    ensure_user()
    # course_lib through a link in a folder of its own: the repository root (with solutions/) stays unreadable
    # to submissions, since the sandbox allows reading only package folders on the import path.
    pylib = tmp_path / "pylib"
    pylib.mkdir()
    (pylib / "course_lib").symlink_to(REPO / "course_lib")
    work = tmp_path / "work"
    work.mkdir()
    for folder in (pylib, work):
        shutil.chown(folder, USER, USER)
    site_packages = sysconfig.get_paths()["purelib"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "TMPDIR": str(work), "LANG": "C.UTF-8",
           "PYTHONPATH": f"{pylib}{os.pathsep}{REPO / 'tests'}{os.pathsep}{site_packages}",
           "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [shutil.which("runuser"), "-u", USER, "--", str(SYSTEM_PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--rootdir", str(REPO), "--basetemp", str(work / "pytest"), "-W", "ignore::pytest.PytestUnraisableExceptionWarning",
         str(REPO / "tests" / "test_grading_sandbox.py"), str(REPO / "tests" / "test_grading_attacks.py")],
        cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
