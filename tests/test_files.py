"""The course's one atomic write: what readers see, what is left after a failure, and the file mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from course_lib.files import remove_temporary_files, write_atomic
from course_lib.grading.authoring.assign import generate

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_readable_by_others_under_the_usual_umask(tmp_path: Path, umask_022) -> None:
    """Does a written file get -rw-r--r-- under umask 022, as open() would give it (not mkstemp's 0600)?"""
    target = tmp_path / "new" / "page.html"
    write_atomic(target, "<p>ok</p>")
    assert target.read_text() == "<p>ok</p>" and mode(target) == 0o644


def test_the_umask_is_respected(tmp_path: Path) -> None:
    """Does a private umask (077) still give a private file?"""
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.json", b"{}")
    finally:
        os.umask(old)
    assert mode(tmp_path / "private.json") == 0o600


def test_text_is_written_byte_for_byte(tmp_path: Path) -> None:
    """Are CSV line endings and non-ASCII text kept exactly?"""
    write_atomic(tmp_path / "grades.csv", "student,é\r\nada,1\r\n")
    assert (tmp_path / "grades.csv").read_bytes() == "student,é\r\nada,1\r\n".encode()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """When the rename fails, is the old content intact and the temporary file gone?"""
    target = tmp_path / "results.json"
    write_atomic(target, "old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


def test_leftover_temporary_files_are_removed(tmp_path: Path) -> None:
    """Are the temporary files of an interrupted run found and removed, and nothing else?"""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".x.json.0123456789ab.tmp").write_text("half")
    (tmp_path / "a" / "x.json").write_text("whole")
    assert remove_temporary_files(tmp_path) == 1
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["x.json"]


def test_course_assign_writes_exercises_others_can_read(tmp_path: Path, umask_022) -> None:
    """Are the generated student notebooks -rw-r--r--, so an instructor can hand them out as they are?"""
    generate(REPO / "solutions", tmp_path)
    written = sorted(tmp_path.glob("*.ipynb"))
    assert written and all(mode(p) == 0o644 for p in written)
