"""Every grading limit and option in one place, with its type, default and help text."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# Bump when grading logic changes so cached per-submission results are recomputed.
GRADER_VERSION = "2"


def _setting(default: object, help_text: str) -> object:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class GradeSettings:
    """Limits and options of one grading run (the CLI flags map onto these fields)."""

    cell_timeout: float = _setting(30.0, "wall-clock seconds one cell (or one call of a student's function) may run")
    notebook_timeout: float = _setting(120.0, "wall-clock seconds all of one submission's cells may run together")
    submission_timeout: float = _setting(300.0, "wall-clock seconds one submission may use in all: its cells, "
                                                "every call made by hidden tests and every re-run")
    memory_mb: int = _setting(2048, "address-space limit of the process running a submission, in MB")
    output_limit_kb: int = _setting(256, "stdout/stderr a submission may print per cell before it is cut off, in KB")
    max_file_mb: float = _setting(20.0, "largest submission file accepted, in MB")
    file_size_mb: int = _setting(16, "largest file a submission may write in its scratch directory, in MB")
    open_files: int = _setting(256, "open file descriptors a submission may hold")
    scratch_mb: int = _setting(64, "bytes a submission may write in all, in MB (its private scratch filesystem)")
    scratch_files: int = _setting(1000, "files and folders a submission may create in its scratch filesystem")
    max_threads: int = _setting(64, "threads a submission may run at once (a pids cgroup as root, else RLIMIT_NPROC)")
    workers: int = _setting(2, "submissions graded at the same time (one warm zygote process each)")
    max_runs: int = _setting(4, "times one submission's cells may be re-run after a timeout or crash")
    allow_unsandboxed: bool = _setting(False, "grade even where Landlock or seccomp is unavailable (prints a warning)")
    justification_min_words: int = _setting(25, "words a written justification needs to count as present")

    @property
    def max_file_bytes(self) -> int:
        """``max_file_mb`` in bytes."""
        return int(self.max_file_mb * 1e6)

    def key(self) -> str:
        """A stable text form of the settings that change results (for the result cache)."""
        skip = {"workers"}
        return ";".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name not in skip)


def help_for(name: str) -> str:
    """The help text of one setting."""
    for f in fields(GradeSettings):
        if f.name == name:
            return str(f.metadata["help"])
    raise KeyError(name)
