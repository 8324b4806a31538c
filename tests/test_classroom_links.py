"""Tests of the nbgitpuller and Binder links given to students."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from course_lib.classroom.links import binder_link, nbgitpuller_link


def test_nbgitpuller_link_has_the_documented_parts() -> None:
    """Does the link hit the hub's git-pull endpoint with repo, branch and a urlpath inside the clone?"""
    link = nbgitpuller_link("https://hub.example.edu/", "https://github.com/org/prompt-rag-ft.git", branch="spring")
    parts = urlsplit(link)
    assert parts.netloc == "hub.example.edu" and parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query)
    assert query["repo"] == ["https://github.com/org/prompt-rag-ft.git"]
    assert query["branch"] == ["spring"]
    assert query["urlpath"] == ["lab/tree/prompt-rag-ft/notebooks/00_start_here.ipynb"]
    assert "%3A" in parts.query  # the repo URL is percent-encoded, so its own ':' cannot break the query


def test_nbgitpuller_classic_interface_and_bad_input() -> None:
    """Does 'tree' open the classic interface, and are a bad interface or hub address refused?"""
    link = nbgitpuller_link("https://hub.example.edu", "https://github.com/org/course", interface="tree")
    assert parse_qs(urlsplit(link).query)["urlpath"] == ["tree/course/notebooks/00_start_here.ipynb"]
    with pytest.raises(ValueError, match="interface"):
        nbgitpuller_link("https://hub.example.edu", "https://github.com/org/course", interface="voila")
    with pytest.raises(ValueError, match="https://"):
        nbgitpuller_link("hub.example.edu", "https://github.com/org/course")


def test_binder_link_opens_lab_on_the_first_notebook() -> None:
    """Does the Binder link name the repo and ref and open JupyterLab on the first lesson?"""
    link = binder_link("org/course", ref="v1.0")
    parts = urlsplit(link)
    assert parts.path == "/v2/gh/org/course/v1.0"
    assert parse_qs(parts.query)["urlpath"] == ["lab/tree/notebooks/00_start_here.ipynb"]
    with pytest.raises(ValueError, match="owner/name"):
        binder_link("https://github.com/org/course")
