"""Fixtures for real-browser tests: a private JupyterLab server and headless Chromium via Playwright.

Reuse them in any test under tests/browser/:

    pytestmark = pytest.mark.browser

    def test_something(lab, output_dir):
        lab.open("notebooks/01_decision_framework.ipynb")
        lab.run_all_cells()
        lab.page.screenshot(path=output_dir / "lesson.png")

``lab`` is a fresh browser tab (:class:`Lab`) on a JupyterLab server started once per
session on 127.0.0.1, a random free port and a random token, with the course folder as
its root and temporary runtime, config, settings and workspace folders (the user's own
Jupyter state is never touched). Chromium is Debian's (``/usr/bin/chromium``): Playwright
cannot download browsers here. Without it the tests are skipped with instructions, except
in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT = 90  # seconds
# JupyterLab settings for the private server: no news or update pop-ups over the notebook, and
# no autosave, so running a course notebook in a test never writes outputs into the repository.
_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # Render every cell, not only those in view, so layout checks measure real boxes.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Debian's Chromium; skip (or, in CI, fail) with instructions when it is missing."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = (f"Chromium not found at {CHROMIUM}. The browser tests need Debian's Chromium: "
               "install it with `sudo apt-get install chromium` (or set COURSE_CHROMIUM to its path).")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the browser tests must run: {message} .ci/run installs it before `make test`.")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab: its base URL and token."""

    url: str
    token: str
    root: Path
    log: Path

    def lab_url(self, path: str = "", workspace: str | None = None) -> str:
        """The URL of JupyterLab (opening ``path`` relative to the root when given), with the token.

        Args:
            path: A file to open, relative to the course folder.
            workspace: A workspace name; a fresh one starts with no tabs restored from earlier tests.
        """
        base = f"{self.url}/lab/workspaces/{workspace}" if workspace else f"{self.url}/lab"
        return f"{base}/tree/{path}?token={self.token}" if path else f"{base}?token={self.token}"


@pytest.fixture(scope="session")
def lab_server(chromium_executable: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 with a token, the course as root, private state folders; stopped at the end."""
    state = tmp_path_factory.mktemp("jupyter-state")
    settings = state / "settings"
    for name, values in _LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        "JUPYTER_CONFIG_DIR": str(state / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        "IPYTHONDIR": str(state / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={REPO_ROOT}", f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={state / 'workspaces'}", "--LabApp.expose_app_in_browser=True",
        f"--FileCheckpoints.checkpoint_dir={state / 'checkpoints'}",  # not .ipynb_checkpoints in the repo
        "--ServerApp.open_browser=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = state / "jupyterlab.log"
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    server = LabServer(url=f"http://127.0.0.1:{port}", token=token, root=REPO_ROOT, log=log)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {proc.returncode}; log:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{server.url}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s; log:\n"
                            f"{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser(chromium_executable: Path) -> Iterator[Any]:
    """Headless Chromium driven by Playwright (one per session)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(chromium_executable), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class Lab:
    """One browser tab on the private JupyterLab, with helpers for notebooks.

    Attributes:
        page: The Playwright page, for anything the helpers do not cover.
        server: The :class:`LabServer`.
    """

    def __init__(self, page: Any, server: LabServer):
        self.page = page
        self.server = server
        self.workspace = f"test-{secrets.token_hex(4)}"  # own workspace: no tabs left over from other tests
        self.console_errors: list[str] = []  # console errors and uncaught exceptions, with their source
        page.on("console", lambda m: self.console_errors.append(f"{m.text} ({m.location.get('url', '')})")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))

    def open(self, path: str, timeout: float = 60_000) -> None:
        """Open a notebook (path relative to the course folder) and wait until its kernel is idle."""
        self.page.goto(self.server.lab_url(path, workspace=self.workspace))
        self.page.wait_for_function("() => window.jupyterapp !== undefined", timeout=timeout)
        self.page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=timeout)
        self.page.wait_for_function(
            """() => { const w = window.jupyterapp.shell.currentWidget;
                       const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
                       return k && k.status === 'idle'; }""", timeout=timeout)

    def command(self, command_id: str, args: dict[str, Any] | None = None) -> Any:
        """Run a JupyterLab command (``notebook:run-all-cells``, ``rise:preview``...)."""
        return self.page.evaluate("([id, args]) => window.jupyterapp.commands.execute(id, args)",
                                  [command_id, args or {}])

    def run_all_cells(self, timeout: float = 120_000) -> None:
        """Run every cell and wait until each code cell has an execution count and the kernel is idle."""
        self.command("notebook:run-all-cells")
        self.page.wait_for_function(
            """() => { const w = window.jupyterapp.shell.currentWidget;
                       if (!w || !w.content) return false;
                       const cells = w.content.widgets.filter(c => c.model.type === 'code');
                       const done = cells.every(c => c.model.executionCount !== null
                                                     && !c.node.querySelector('.jp-InputPrompt').textContent.includes('*'));
                       const k = w.sessionContext.session && w.sessionContext.session.kernel;
                       return done && k && k.status === 'idle'; }""", timeout=timeout)

    def errors(self) -> list[str]:
        """Text of every error output in the open notebook."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()

    def shutdown_kernel(self) -> None:
        """Shut the open notebook's kernel down (each test should leave none running)."""
        self.command("kernelmenu:shutdown")


@contextmanager
def open_tab(browser: Any, server: LabServer, width: int = 1400, height: int = 1000) -> Iterator[Lab]:
    """A fresh tab (own browser context) on ``server``; every kernel is shut down and the tab closed after.

    Args:
        browser: The session's Chromium.
        server: The session's JupyterLab.
        width: Viewport width in CSS pixels.
        height: Viewport height in CSS pixels.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        yield Lab(context.new_page(), server)
    finally:
        _shutdown_kernels(server)
        context.close()


@pytest.fixture(scope="session")
def new_tab(browser: Any, lab_server: LabServer) -> Any:
    """:func:`open_tab` bound to the session's browser and server, for fixtures wider than one test."""
    return lambda **size: open_tab(browser, lab_server, **size)


@pytest.fixture
def lab(browser: Any, lab_server: LabServer) -> Iterator[Lab]:
    """A fresh tab (own context, 1400x1000) on the session's JupyterLab; kernels it started are shut down after."""
    with open_tab(browser, lab_server) as tab:
        yield tab


def _shutdown_kernels(server: LabServer) -> None:
    """Stop every kernel on the private server (it is ours alone)."""
    headers = {"Authorization": f"token {server.token}"}
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{server.url}/api/kernels", headers=headers), timeout=5) as r:
            kernels = json.load(r)
        for k in kernels:
            urllib.request.urlopen(urllib.request.Request(f"{server.url}/api/kernels/{k['id']}", method="DELETE",
                                                          headers=headers), timeout=10).close()
    except (urllib.error.URLError, OSError):
        pass


def chromium_available() -> bool:
    """True when Debian's Chromium is installed (for conditional skips elsewhere)."""
    return CHROMIUM.exists() or shutil.which("chromium") is not None
