"""Links that open the course on a JupyterHub (nbgitpuller) or on mybinder.org."""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"


def _repo_dir(repo_url: str) -> str:
    name = urlsplit(repo_url).path.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def nbgitpuller_link(hub_url: str, repo_url: str, branch: str = "main",
                     notebook: str = FIRST_NOTEBOOK, interface: str = "lab") -> str:
    """A link that clones (or updates) the course into the user's home on a JupyterHub and opens a notebook.

    nbgitpuller's format: ``HUB/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``;
    the clone lands in a folder named after the repository, which ``urlpath`` must include.
    A second click pulls new commits and keeps the student's own edits (nbgitpuller merges).

    Args:
        hub_url: the hub's address, e.g. ``https://hub.example.edu``.
        repo_url: the course repository, e.g. ``https://github.com/org/course``.
        branch: the branch to pull.
        notebook: path inside the repository of the notebook to open.
        interface: ``lab`` (JupyterLab) or ``tree`` (classic notebook).

    Returns:
        The link to share with students.
    """
    if interface not in ("lab", "tree"):
        raise ValueError(f"interface must be 'lab' or 'tree', got {interface!r}.")
    if not hub_url.startswith(("https://", "http://")):
        raise ValueError(f"hub_url must start with https:// (got {hub_url!r}).")
    target = f"{_repo_dir(repo_url)}/{notebook}"
    urlpath = f"lab/tree/{target}" if interface == "lab" else f"tree/{target}"
    query = urlencode({"repo": repo_url, "branch": branch, "urlpath": urlpath}, quote_via=quote, safe="/")
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def binder_link(github_repo: str, ref: str = "main", notebook: str = FIRST_NOTEBOOK,
                binder_url: str = "https://mybinder.org") -> str:
    """A mybinder.org link that builds the repository's ``binder/`` environment and opens a notebook in JupyterLab.

    Args:
        github_repo: ``owner/name`` on GitHub.
        ref: branch, tag or commit to build.
        notebook: path inside the repository of the notebook to open.
        binder_url: a BinderHub's address (mybinder.org by default).

    Returns:
        The launch link.
    """
    if github_repo.count("/") != 1:
        raise ValueError(f"github_repo must be 'owner/name', got {github_repo!r}.")
    return f"{binder_url.rstrip('/')}/v2/gh/{github_repo}/{quote(ref, safe='')}?urlpath={quote('lab/tree/' + notebook, safe='')}"
