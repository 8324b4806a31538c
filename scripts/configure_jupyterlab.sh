#!/usr/bin/env bash
# Make the course's JupyterLab quiet for learners: nbgrader is installed for the
# interop tests only, so hide its menus and server extensions; turn off the
# "news" pop-up. Used by `make install` and by binder/postBuild.
# Usage: scripts/configure_jupyterlab.sh [BIN_DIR]   (default: the jupyter on PATH)
set -euo pipefail
bin="${1:+$1/}"
"${bin}jupyter" labextension disable --level=sys_prefix \
    @jupyter/nbgrader @jupyterlab/mathjax3-extension "@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
for ext in formgrader validate_assignment assignment_list course_list; do
    "${bin}jupyter" server extension disable --sys-prefix "nbgrader.server_extensions.$ext" >/dev/null 2>&1
done
