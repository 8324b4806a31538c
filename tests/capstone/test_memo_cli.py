"""``course memo``: the memo from a terminal, with the format chosen by the file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_lib.cli import main
from course_lib.memo import example_use_case_dir

TRIAGE = str(example_use_case_dir() / "support_triage.yaml")


@pytest.mark.parametrize("suffix, start", [(".html", "<!DOCTYPE html>"), (".md", "# Decision memo: Support ticket")])
def test_writes_the_memo_in_the_format_of_the_suffix(tmp_path: Path, capsys, suffix: str, start: str) -> None:
    """Does `course memo USECASE --out memo.html|.md` write that format and say where?"""
    out = tmp_path / f"memo{suffix}"
    assert main(["memo", TRIAGE, "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)
    assert str(out.resolve()) in capsys.readouterr().out


def test_without_out_it_prints_markdown(capsys) -> None:
    """Does `course memo USECASE` print the Markdown memo?"""
    assert main(["memo", TRIAGE]) == 0
    assert capsys.readouterr().out.startswith("# Decision memo: Support ticket triage")


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path, capsys) -> None:
    """Is a file that already exists left alone unless --force is given?"""
    out = tmp_path / "memo.md"
    out.write_text("my notes", encoding="utf-8")
    assert main(["memo", TRIAGE, "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "my notes"
    assert "--force" in capsys.readouterr().err
    assert main(["memo", TRIAGE, "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Decision memo")


def test_a_malformed_use_case_is_reported_by_field(tmp_path: Path, capsys) -> None:
    """Does a bad file give exit code 2 and a message naming the field and allowed values, not a traceback?"""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nworkload: {daily_requests: many}\ncandidates: [{model: gpt-4o}]\n"
                   "experiment: {baseline_accuracy: 0.8}\n", encoding="utf-8")
    assert main(["memo", str(bad), "--out", str(tmp_path / "m.html")]) == 2
    err = capsys.readouterr().err
    assert "'workload.daily_requests' must be a whole number >= 1; got 'many' (str)" in err
    assert "'workload.prompt_tokens' is missing" in err
    assert not (tmp_path / "m.html").exists()


def test_a_wrong_suffix_is_refused(tmp_path: Path, capsys) -> None:
    """Does --out memo.pdf get a message with the suffixes that work?"""
    assert main(["memo", TRIAGE, "--out", str(tmp_path / "memo.pdf")]) == 2
    assert ".md or .html" in capsys.readouterr().err
