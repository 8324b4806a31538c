"""Graded exercises: generate student versions (``course assign``) and grade submissions safely (``course grade``).

The subpackages follow the trust boundary, lowest first:

- ``authoring``: the instructor's side before grading: read the source notebooks
  (``source``), nbgrader's markers (``stubs``), write student versions (``assign``).
- ``execution``: everything that runs inside the sandboxed child or builds it:
  ``sandbox`` (rlimits, Landlock, seccomp, uid drop, death signal), ``protocol``
  (messages between processes), ``plain`` (the plain-data check every value
  crosses), ``zygote`` and ``child`` (forked, confined processes that run student
  cells), ``scratch`` (a size-capped scratch space per submission) and ``pool``
  (the grading process's handle on zygotes and children).
- ``scoring``: the grading process, which never trusts what comes out of the child:
  ``submission`` (read and line up a student's file), ``hidden`` (helpers hidden
  tests call), ``grader`` (grade one submission), ``batch`` (a class), ``outputs``
  (grade rows with manual points, feedback levels), ``csvsafe`` (spreadsheet-safe
  cells), ``settings`` and ``cli`` (``course grade``).
- ``gradebook``: the format of what a grading run writes (file names, rows, columns,
  statuses, feedback pages, Gradescope results), with its one writer and one reader;
  pure, so the classroom kit reads with the same code the grader writes with.

Per-student numbers and the student's ``check()`` live in :mod:`course_lib.assignments`;
reference answers live only in the hidden tests of the instructor's source notebooks.
"""
