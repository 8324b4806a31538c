"""``course collect``: LMS downloads, built as Canvas and Moodle name them, filed for the grader."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from course_lib.classroom.collect import CollectError, collect, detect_kind
from course_lib.cli import main

NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def make_zip(path: Path, files: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def canvas_roster(tmp_path: Path) -> pd.DataFrame:
    """Canvas's gradebook export: a Points Possible row, then one row per student."""
    text = ("Student,ID,SIS User ID,SIS Login ID,Section,Assignment 2 (1234)\n"
            "    Points Possible,,,,,15\n"
            '"Lovelace, Ada",4821,S001,ada,A,\n'
            '"Hopper, Grace",5177,S002,grace,A,\n')
    path = tmp_path / "canvas_export.csv"
    path.write_text(text, encoding="utf-8")
    roster = pd.read_csv(path, dtype=str, keep_default_na=False)
    roster.attrs["path"] = str(path)
    return roster


def test_is_a_canvas_download_filed_by_the_roster_ids(tmp_path):
    source = make_zip(tmp_path / "submissions.zip", {
        "lovelaceada_4821_99310_02_cost_model.ipynb": NB,
        "hoppergrace_late_5177_99311_02_cost_model-1.ipynb": NB + b" ",
        "hoppergrace_late_5177_99312_notes.pdf": b"%PDF",
    })
    report = collect(source, "02_cost_model", tmp_path / "SUBMISSIONS", roster=canvas_roster(tmp_path))
    assert report.source_kind == "canvas"
    assert (tmp_path / "SUBMISSIONS" / "ada" / "02_cost_model.ipynb").read_bytes() == NB
    assert (tmp_path / "SUBMISSIONS" / "grace" / "02_cost_model.ipynb").read_bytes() == NB + b" "
    assert report.placed["grace"][1] == "02_cost_model-1.ipynb"  # the resubmission is reported as renamed
    assert report.ignored == ["hoppergrace_late_5177_99312_notes.pdf"]
    assert report.unplaced == []


def test_is_a_moodle_download_filed_in_both_layouts(tmp_path):
    worksheet = pd.DataFrame({"Identifier": ["Participant 130577", "Participant 130578"],
                              "Full name": ["Ada Lovelace", "Grace Hopper"],
                              "Email address": ["ada@uni.example", "grace@uni.example"]})
    source = make_zip(tmp_path / "COURSE-Assignment 2-42.zip", {
        "Ada Lovelace_130577_assignsubmission_file/02_cost_model.ipynb": NB,
        "Grace Hopper_130578_assignsubmission_file_my work.ipynb": NB,
        "Grace Hopper_130578_assignsubmission_onlinetext/onlinetext.html": b"<p>hi</p>",
    })
    report = collect(source, "02_cost_model", tmp_path / "out", roster=worksheet)
    assert report.source_kind == "moodle"
    assert sorted(p.parent.name for p in (tmp_path / "out").glob("*/02_cost_model.ipynb")) == [
        "ada@uni.example", "grace@uni.example"]
    assert report.placed["grace@uni.example"][1] == "my work.ipynb"


def test_is_what_cannot_be_filed_reported_and_never_written(tmp_path):
    source = make_zip(tmp_path / "s.zip", {
        "lovelaceada_4821_99310_02_cost_model.ipynb": NB,
        "../../escape_1_2_02_cost_model.ipynb": NB,      # a path in the name: only parsed, never used
        "strangerx_9999_1_02_cost_model.ipynb": NB,       # not on the roster
        "hoppergrace_5177_3_a.ipynb": NB, "hoppergrace_5177_4_b.ipynb": NB,  # two notebooks, neither named
    }, links=("lovelaceada_4821_5_02_cost_model-2.ipynb",))
    report = collect(source, "02_cost_model", tmp_path / "out", roster=canvas_roster(tmp_path))
    reasons = dict(report.unplaced)
    assert "not named as a Canvas download" in reasons["../../escape_1_2_02_cost_model.ipynb"]
    assert "not in the roster" in reasons["strangerx_9999_1_02_cost_model.ipynb"]
    assert any("several notebooks" in why for why in reasons.values())
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.ipynb")) == [
        Path("out/ada/02_cost_model.ipynb")]  # the link entry was skipped, Ada's real notebook filed
    assert not (tmp_path.parent / "escape_1_2_02_cost_model.ipynb").exists()


def test_is_an_id_that_would_not_make_a_safe_folder_refused(tmp_path):
    roster = pd.DataFrame({"ID": ["4821"], "SIS Login ID": ["../../home"]})
    source = make_zip(tmp_path / "s.zip", {"lovelaceada_4821_99310_02_cost_model.ipynb": NB})
    report = collect(source, "02_cost_model", tmp_path / "out", roster=roster)
    assert "cannot name a folder" in report.unplaced[0][1]
    assert not (tmp_path / "out").exists()


def test_is_a_notebook_over_the_size_limit_refused(tmp_path):
    source = make_zip(tmp_path / "s.zip", {"lovelaceada_4821_99310_02_cost_model.ipynb": NB + b" " * 2000})
    report = collect(source, "02_cost_model", tmp_path / "out", max_bytes=1000)
    assert "limit" in report.unplaced[0][1] and not (tmp_path / "out").exists()


def test_is_a_different_notebook_already_filed_kept_unless_asked(tmp_path):
    target = tmp_path / "out" / "4821" / "02_cost_model.ipynb"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"graded last week")
    source = make_zip(tmp_path / "s.zip", {"lovelaceada_4821_99310_02_cost_model.ipynb": NB})
    report = collect(source, "02_cost_model", tmp_path / "out")
    assert "already holds a different notebook" in report.unplaced[0][1]
    assert target.read_bytes() == b"graded last week"
    collect(source, "02_cost_model", tmp_path / "out", replace=True)
    assert target.read_bytes() == NB
    assert collect(source, "02_cost_model", tmp_path / "out").unchanged == ["4821"]


def test_is_a_plain_folder_filed_by_file_and_folder_names(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "grace").mkdir(parents=True)
    (folder / "ada.ipynb").write_bytes(NB)
    (folder / "grace" / "02_cost_model.ipynb").write_bytes(NB)
    report = collect(folder, "02_cost_model", tmp_path / "out")
    assert report.source_kind == "folder" and sorted(report.placed) == ["ada", "grace"]


def test_does_an_unknown_zip_get_a_message_naming_its_files():
    with pytest.raises(CollectError, match="not named as a Canvas or Moodle download"):
        detect_kind(["homework.ipynb"])


def test_does_the_command_summarise_and_fail_on_unplaced(tmp_path, capsys):
    source = make_zip(tmp_path / "s.zip", {"lovelaceada_4821_99310_02_cost_model.ipynb": NB,
                                           "strangerx_9999_1_02_cost_model.ipynb": NB})
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section\nAda,4821,S1,ada,A\n", encoding="utf-8")
    code = main(["collect", str(source), "--assignment", "02_cost_model", "--out", str(tmp_path / "out"),
                 "--roster", str(roster)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Filed 1 notebook(s)" in captured.out
    assert "strangerx_9999_1_02_cost_model.ipynb: id 9999 is not in the roster" in captured.err


def test_is_a_submission_file_filed_under_its_own_name(tmp_path):
    """Is the zip `course submit` writes, uploaded to Canvas (and renamed by it), filed as
    <assignment>.submission.zip for `course grade` to verify?"""
    packed = b"PK\x05\x06" + b"\x00" * 18  # contents are course grade's business, not collect's
    source = make_zip(tmp_path / "s.zip", {"lovelaceada_4821_99310_02_cost_model-1.submission.zip": packed})
    report = collect(source, "02_cost_model", tmp_path / "out")
    assert (tmp_path / "out" / "4821" / "02_cost_model.submission.zip").read_bytes() == packed
    assert report.placed["4821"][1] == "02_cost_model-1.submission.zip" and report.ignored == []
