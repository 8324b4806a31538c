"""``course lab``: start JupyterLab on the first notebook, in any environment.

Works on a laptop (opens the browser), as root in a container, and on a machine
with no display (prints the URL to open instead).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8888, help="port to listen on (default 8888; the next free one is used if taken)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    parser.add_argument("--no-browser", action="store_true", help="do not try to open a browser; just print the URL")


def has_display() -> bool:
    """True when a browser could plausibly be opened on this machine."""
    if os.environ.get("CI"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def lab_command(root: Path, port: int, ip: str, open_browser: bool) -> list[str]:
    """The ``jupyter lab`` command line for this machine."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    cmd = [
        jupyter, "lab",
        f"--ServerApp.root_dir={root}",
        # Printed in the URL, so a copied link opens the first lesson too.
        f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root
    return cmd


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    if not (root / FIRST_NOTEBOOK).exists():
        print(f"course lab: run this from the course folder (no {FIRST_NOTEBOOK} in {root}).", file=sys.stderr)
        return 2
    open_browser = has_display() and not args.no_browser
    cmd = lab_command(root, args.port, args.ip, open_browser)
    if not open_browser:
        print("No browser will be opened: copy the URL that JupyterLab prints below "
              "(the one starting with http://127.0.0.1) into a browser.", flush=True)
    os.execv(cmd[0], cmd)
    return 0  # not reached
