"""Tests of the Binder / JupyterHub configuration in binder/ (what can be checked without a BinderHub)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import locks

REPO_ROOT = Path(__file__).resolve().parent.parent
BINDER = REPO_ROOT / "binder"


def test_binder_installs_exactly_the_pinned_environment() -> None:
    """Does binder/requirements.txt resolve to the same exact pins as the course's requirements.txt?"""
    binder = locks.requirement_lines(BINDER / "requirements.txt")
    assert binder == locks.requirement_lines(REPO_ROOT / "requirements.txt")
    assert {"jupyterlab", "jupyterlab-slideshow", "ipywidgets", "plotly"} <= locks.pins(BINDER / "requirements.txt").keys()


def test_binder_python_matches_the_environment() -> None:
    """Does runtime.txt ask for the Python the pins were made with?"""
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"


@pytest.mark.slow  # runs postBuild's six `jupyter` commands for real (tens of seconds); `make test` and CI run it
@pytest.mark.skipif(not os.access(BINDER / "postBuild", os.X_OK), reason="postBuild must be executable")
def test_postbuild_installs_the_package_and_checks_extensions(tmp_path: Path) -> None:
    """Does postBuild install course_lib without deps and pass, with the real JupyterLab extensions present?"""
    shims = tmp_path / "bin"
    shims.mkdir()
    log = tmp_path / "pip.log"
    real_python = Path(sys.executable)
    # `python -m pip ...` is recorded instead of run (it would reinstall into the shared venv);
    # everything else goes to the real interpreter, and `jupyter` is the real one.
    (shims / "python").write_text(
        "#!/usr/bin/env bash\n"
        f'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$@" >> {log}; exit 0; fi\n'
        f'exec {real_python} "$@"\n', encoding="utf-8")
    (shims / "python").chmod(0o755)
    (shims / "jupyter").symlink_to(real_python.parent / "jupyter")
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(BINDER / "postBuild")], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=900)  # a safety net only: six `jupyter` start-ups on a loaded machine
    assert done.returncode == 0, done.stderr
    assert log.read_text(encoding="utf-8").split() == ["-m", "pip", "install", "--no-cache-dir", "--no-deps", "-e", "."]
    assert "jupyterlab-slideshow" in done.stdout


def test_postbuild_fails_when_an_extension_is_missing(tmp_path: Path) -> None:
    """Does postBuild stop the build, naming the extension, when JupyterLab lacks one?"""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "python").write_text("#!/usr/bin/env bash\nexit 0\n", encoding="utf-8")
    (shims / "jupyter").write_text("#!/usr/bin/env bash\necho 'anywidget v0.11.0 enabled OK'\n", encoding="utf-8")
    for shim in shims.iterdir():
        shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}/usr/bin:/bin"}
    done = subprocess.run([str(BINDER / "postBuild")], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode != 0
    assert "jupyterlab-slideshow is missing" in done.stderr
