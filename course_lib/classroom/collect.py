"""``course collect``: file an LMS's "download all submissions" into ``SUBMISSIONS/<student>/<assignment>.ipynb``.

A submission file written by ``course submit`` (``<assignment>.submission.zip``) is filed under
that name instead; ``course grade`` verifies it.

The two bulk downloads name files their own way (read from their source):

- **Canvas** (*Assignments > Download Submissions*) puts every file at the top of the zip
  as ``<name>_[late_]<user id>_<file id>_<file name as uploaded>``, where ``<name>`` is
  the student's sortable name squashed to lower-case letters and a resubmitted file gets
  ``-1``, ``-2``, ... before its extension. The user id is the ``ID`` column of Canvas's
  gradebook export.
- **Moodle** (*View all submissions > Download all submissions*) puts each student's files in
  a folder ``<Full name>_<participant id>_assignsubmission_file/`` (or, with "download
  submissions in folders" turned off, prefixes each file name with that). The participant
  id is the number in the ``Identifier`` column ("Participant 123456") of the assignment's
  grading worksheet (*Download grading worksheet*), and differs from one assignment to
  the next.

A roster turns the LMS's ids into the course's student ids: Canvas's gradebook export
(``ID`` -> ``SIS Login ID`` by default) or Moodle's grading worksheet (``Identifier`` ->
``Email address``). Without one, the LMS's own id names the folder. A plain folder of
notebooks is filed by file name (``<student>.ipynb``) or by sub-folder
(``<student>/<anything>.ipynb``).

The zip is untrusted: entry names are only parsed, never used as paths; links, oversized
files and names that would not make a safe folder are reported, not written.
"""

from __future__ import annotations

import argparse
import re
import stat
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from course_lib.classroom.lms import ExportError, read_roster
from course_lib.files import write_atomic
from course_lib.grading.scoring.settings import GradeSettings
from course_lib.submission_file import SUFFIX as SUBMISSION_FILE

HANDED_IN = (".ipynb", SUBMISSION_FILE)
"""What a student hands in: a notebook, or the checked submission file ``course submit`` writes."""

SOURCES = ("auto", "canvas", "moodle", "folder")
_CANVAS = re.compile(r"^(?P<name>[^_/]+)_(?:late_)?(?P<lms_id>\d+)_(?P<file_id>\d+)_(?P<original>[^/]+)$",
                     re.IGNORECASE)
_MOODLE_FOLDER = re.compile(r"^(?P<name>[^/]+)_(?P<lms_id>\d+)_assignsubmission_file/(?:.*/)?(?P<original>[^/]+)$")
_MOODLE_FLAT = re.compile(r"^(?P<name>[^/]+)_(?P<lms_id>\d+)_assignsubmission_file_(?P<original>[^/]+)$")
_RESUBMITTED = re.compile(r"-\d+$")  # Canvas's suffix on a file uploaded again under the same name
SAFE_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9@._+-]{0,127}$")
ROSTER_COLUMNS = {  # lms -> (column holding the LMS's id, default column holding the course's student id)
    "canvas": ("ID", "SIS Login ID"),
    "moodle": ("Identifier", "Email address"),
}


class CollectError(ValueError):
    """The download or the roster cannot be read as asked; the message says what to fix."""


@dataclass(frozen=True)
class Entry:
    """One notebook found in the download, before it is filed.

    Attributes:
        where: The entry's name in the zip or path in the folder (for messages).
        lms_id: The id the LMS (or the file name) gives its owner.
        original: The file name as the student uploaded it.
        data: The file's bytes (None when it could not be read safely).
        problem: Why it cannot be filed, when it cannot.
    """

    where: str
    lms_id: str
    original: str
    data: bytes | None
    problem: str = ""


@dataclass
class Collected:
    """What :func:`collect` did, for the console summary.

    Attributes:
        source_kind: "canvas", "moodle" or "folder".
        placed: ``student -> (where it came from, renamed from or "")`` for every notebook written.
        unchanged: Students whose notebook was already there, byte for byte.
        unplaced: ``(where, why)`` for everything that could not be filed.
        ignored: Entries that are not notebooks (a PDF, Moodle's online-text page, ...).
    """

    source_kind: str
    placed: dict[str, tuple[str, str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def _handed_in(name: str) -> bool:
    return name.lower().endswith(HANDED_IN)


def _target_name(assignment: str, original: str) -> str:
    """The file name the grader looks for: ``<assignment>.ipynb`` or ``<assignment>.submission.zip``."""
    return f"{assignment}{SUBMISSION_FILE}" if original.lower().endswith(SUBMISSION_FILE) else f"{assignment}.ipynb"


def _stem(original: str) -> str:
    name = original[:-len(SUBMISSION_FILE)] if original.lower().endswith(SUBMISSION_FILE) else PurePosixPath(original).stem
    return _RESUBMITTED.sub("", name)


def parse_entry_name(name: str, kind: str) -> tuple[str, str] | None:
    """``(lms id, file name as uploaded)`` from one entry name of a Canvas or Moodle download, or None.

    >>> parse_entry_name("lovelaceada_late_4821_99310_02_cost_model-1.ipynb", "canvas")
    ('4821', '02_cost_model-1.ipynb')
    >>> parse_entry_name("Ada Lovelace_130577_assignsubmission_file/02_cost_model.ipynb", "moodle")
    ('130577', '02_cost_model.ipynb')
    """
    patterns = {"canvas": (_CANVAS,), "moodle": (_MOODLE_FOLDER, _MOODLE_FLAT)}[kind]
    for pattern in patterns:
        found = pattern.match(name)
        if found:
            return found.group("lms_id"), found.group("original")
    return None


def detect_kind(names: list[str]) -> str:
    """Whether a zip's entry names are Canvas's or Moodle's (Moodle's are the more specific)."""
    for kind in ("moodle", "canvas"):
        if any(parse_entry_name(n, kind) for n in names if not n.endswith("/")):
            return kind
    sample = ", ".join(names[:3]) or "nothing"
    raise CollectError(f"the zip's files are not named as a Canvas or Moodle download names them (it holds {sample}); "
                       f"pass --lms, or unpack it and collect the folder.")


def _zip_entries(path: Path, kind: str, max_bytes: int) -> tuple[str, list[Entry], list[str]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise CollectError(f"{path}: not a readable zip file ({err}).") from None
    entries, ignored = [], []
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        kind = detect_kind([i.filename for i in infos]) if kind == "auto" else kind
        for info in infos:
            parsed = parse_entry_name(info.filename, kind)
            original = parsed[1] if parsed else PurePosixPath(info.filename).name
            if not _handed_in(original):
                ignored.append(info.filename)
                continue
            if parsed is None:
                entries.append(Entry(info.filename, "", original, None,
                                     f"not named as a {kind.title()} download names its files"))
            elif stat.S_ISLNK(info.external_attr >> 16):
                entries.append(Entry(info.filename, parsed[0], original, None, "a symbolic link, never followed"))
            elif info.file_size > max_bytes:
                entries.append(Entry(info.filename, parsed[0], original, None,
                                     f"{info.file_size / 1e6:.1f} MB, over the grader's limit of {max_bytes / 1e6:.0f} MB"))
            else:
                with archive.open(info) as handle:
                    data = handle.read(max_bytes + 1)  # the declared size may lie
                problem = "larger than the grader's limit" if len(data) > max_bytes else ""
                entries.append(Entry(info.filename, parsed[0], original, None if problem else data, problem))
    return kind, entries, ignored


def _folder_entries(folder: Path, max_bytes: int) -> tuple[list[Entry], list[str]]:
    entries, ignored = [], []

    def read(path: Path, owner: str, where: str) -> None:
        if not _handed_in(path.name):
            ignored.append(where)
        elif path.is_symlink() or not path.is_file():
            entries.append(Entry(where, owner, path.name, None, "a symbolic link or not a regular file"))
        elif path.stat().st_size > max_bytes:
            entries.append(Entry(where, owner, path.name, None, "over the grader's size limit"))
        else:
            entries.append(Entry(where, owner, path.name, path.read_bytes()))

    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue
        if item.is_dir() and not item.is_symlink():
            for inner in sorted(item.iterdir()):
                if not inner.name.startswith("."):
                    read(inner, item.name, f"{item.name}/{inner.name}")
        else:
            read(item, item.stem, item.name)
    return entries, ignored


def roster_map(roster: pd.DataFrame, kind: str, id_column: str | None) -> dict[str, str]:
    """The LMS's id -> the course's student id, from a Canvas gradebook export or a Moodle grading worksheet."""
    where = roster.attrs.get("path", "the roster")
    if kind not in ROSTER_COLUMNS:
        raise CollectError("a roster maps a Canvas or Moodle download's ids; a plain folder needs none.")
    key_column, default_id = ROSTER_COLUMNS[kind]
    id_column = id_column or default_id
    for column in (key_column, id_column):
        if column not in roster.columns:
            raise CollectError(f"{where}: no column {column!r}; its columns are {', '.join(roster.columns)}. "
                               f"Use Canvas's gradebook export or Moodle's grading worksheet, or choose --id-column.")
    mapping: dict[str, str] = {}
    for row_number, (key, student) in enumerate(zip(roster[key_column], roster[id_column]), start=2):
        digits = re.search(r"(\d+)\s*$", str(key))
        if not digits:
            continue  # Canvas's "Points Possible" row, Moodle's blank lines
        if digits.group(1) in mapping:
            raise CollectError(f"{where}, row {row_number}: {key_column} {key!r} appears twice.")
        mapping[digits.group(1)] = str(student).strip()
    return mapping


def _choose(assignment: str, entries: list[Entry]) -> tuple[Entry | None, str]:
    """The one notebook of a student's entries to grade, and why not when none can be chosen."""
    usable = [e for e in entries if e.data is not None]
    if not usable:
        return None, "; ".join(f"{e.where}: {e.problem}" for e in entries)
    if len(usable) == 1:
        return usable[0], ""
    named = [e for e in usable if _stem(e.original) == assignment]
    if len(named) == 1:
        return named[0], ""
    return None, f"several notebooks ({', '.join(e.original for e in usable)}); keep one and collect again"


def collect(source: Path, assignment: str, out: Path, *, kind: str = "auto", roster: pd.DataFrame | None = None,
            id_column: str | None = None, replace: bool = False,
            max_bytes: int = GradeSettings().max_file_bytes) -> Collected:
    """File every student's notebook of one download as ``out/<student>/<assignment>.ipynb``.

    Args:
        source: A Canvas or Moodle "download all submissions" zip, or a folder of notebooks.
        assignment: The assignment's name (``02_cost_model``): the file name the grader looks for.
        out: The submissions folder ``course grade`` reads.
        kind: "auto" (tell Canvas from Moodle by the names), "canvas", "moodle" or "folder".
        roster: Canvas's gradebook export or Moodle's grading worksheet, to name folders by student id.
        id_column: The roster column with the course's student ids (default per LMS).
        replace: Overwrite a different notebook already filed for a student (default: report it).
        max_bytes: The largest notebook accepted (the grader's own limit).

    Returns:
        What was filed and what was not.

    Raises:
        CollectError: The source or roster cannot be read as asked.
    """
    if kind not in SOURCES:
        raise CollectError(f"--lms must be one of {', '.join(SOURCES)}, got {kind!r}.")
    source = Path(source)
    if source.is_dir():
        if kind not in ("auto", "folder"):
            raise CollectError(f"{source} is a folder; a {kind.title()} download is the zip the LMS gave you.")
        kind = "folder"
        entries, ignored = _folder_entries(source, max_bytes)
    elif source.is_file():
        if kind == "folder":
            raise CollectError(f"{source} is a file; --lms folder wants a folder of notebooks.")
        kind, entries, ignored = _zip_entries(source, kind, max_bytes)
    else:
        raise CollectError(f"{source}: no such file or folder.")
    mapping = roster_map(roster, kind, id_column) if roster is not None else None
    report = Collected(source_kind=kind, ignored=ignored)
    by_student: dict[str, list[Entry]] = {}
    for entry in entries:
        if not entry.lms_id:
            report.unplaced.append((entry.where, entry.problem))
            continue
        student = entry.lms_id if mapping is None else mapping.get(entry.lms_id, "")
        if not student:
            report.unplaced.append((entry.where, f"id {entry.lms_id} is not in the roster"))
        elif not SAFE_STUDENT_ID.match(student):
            report.unplaced.append((entry.where, f"student id {student!r} cannot name a folder (letters, digits "
                                                 f"and @ . _ + - only)"))
        else:
            by_student.setdefault(student, []).append(entry)
    for student, own in sorted(by_student.items()):
        chosen, problem = _choose(assignment, own)
        if chosen is None:
            report.unplaced.append((", ".join(e.where for e in own), problem))
            continue
        target = out / student / _target_name(assignment, chosen.original)
        if target.is_symlink():
            report.unplaced.append((chosen.where, f"{target} is a symbolic link; remove it and collect again"))
            continue
        if target.exists():
            if target.read_bytes() == chosen.data:
                report.unchanged.append(student)
                continue
            if not replace:
                report.unplaced.append((chosen.where, f"{target} already holds a different notebook; pass "
                                                      f"--replace to overwrite it"))
                continue
        write_atomic(target, chosen.data or b"")
        renamed = chosen.original if chosen.original != target.name else ""
        report.placed[student] = (chosen.where, renamed)
    return report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, help="the LMS's 'download all submissions' zip, or a folder of notebooks")
    parser.add_argument("--assignment", required=True, help="assignment name, e.g. 02_cost_model (the notebook's name)")
    parser.add_argument("--out", type=Path, required=True, help="the submissions folder `course grade` reads")
    parser.add_argument("--lms", choices=SOURCES, default="auto",
                        help="where the download comes from (default: tell Canvas from Moodle by its file names)")
    parser.add_argument("--roster", type=Path, default=None,
                        help="Canvas: the gradebook export; Moodle: the assignment's grading worksheet")
    parser.add_argument("--id-column", default=None,
                        help="roster column with the course's student ids (default: 'SIS Login ID' for Canvas, "
                             "'Email address' for Moodle)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite a different notebook already filed for a student")


def _summary(report: Collected, out: Path, assignment: str) -> str:
    lines = [f"Filed {len(report.placed)} notebook(s) as {out}/<student>/{assignment}.ipynb "
             f"from a {report.source_kind} download"
             + (f"; {len(report.unchanged)} already there" if report.unchanged else "") + "."]
    renamed = {s: r for s, (_, r) in report.placed.items() if r}
    if renamed:
        lines.append("Renamed: " + ", ".join(f"{s} (was {r})" for s, r in sorted(renamed.items())))
    if report.ignored:
        lines.append(f"Not notebooks, left out: {', '.join(report.ignored[:10])}"
                     + (" ..." if len(report.ignored) > 10 else ""))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        roster = read_roster(args.roster) if args.roster else None
        report = collect(args.source, args.assignment, args.out, kind=args.lms, roster=roster,
                         id_column=args.id_column, replace=args.replace)
    except (CollectError, ExportError) as err:
        print(f"course collect: {err}", file=sys.stderr)
        return 2
    print(_summary(report, args.out, args.assignment))
    if report.source_kind == "moodle" and roster is None:
        print("Folders are named by Moodle participant numbers, which differ between assignments; pass the "
              "grading worksheet with --roster to name them by student.", file=sys.stderr)
    if report.unplaced:
        print(f"Could not file {len(report.unplaced)}:", file=sys.stderr)
        for where, why in report.unplaced:
            print(f"  {where}: {why}", file=sys.stderr)
        return 1
    return 0
