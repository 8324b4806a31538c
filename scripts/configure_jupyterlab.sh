#!/usr/bin/env bash
# Make the course's JupyterLab quiet for learners: turn off the "news" pop-up and, where an older
# install still has jupyterlab-rise, the second MathJax extension it brought (JupyterLab has its own);
# where nbgrader is installed (the development environment, for the interop tests), hide its menus
# and server extensions. Used by `make install`,
# `make install-dev` and binder/postBuild.
# Usage: scripts/configure_jupyterlab.sh [BIN_DIR]   (default: the jupyter on PATH)
set -euo pipefail
bin="${1:+$1/}"
"${bin}jupyter" labextension disable --level=sys_prefix \
    @jupyterlab/mathjax3-extension "@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
if "${bin}python" -c "import nbgrader" >/dev/null 2>&1; then
    "${bin}jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
    for ext in formgrader validate_assignment assignment_list course_list; do
        "${bin}jupyter" server extension disable --sys-prefix "nbgrader.server_extensions.$ext" >/dev/null 2>&1
    done
fi
