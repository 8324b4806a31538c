"""Graded exercises: generate student versions (``course assign``) and grade submissions safely (``course grade``).

Modules, one job each: ``settings`` (every limit in one place), ``source`` (read the
instructor's notebooks), ``stubs`` (solution and hidden-test markers), ``assign``,
``submission`` (read and validate a student's file), ``plain`` (plain-data checks),
``sandbox`` (rlimits, Landlock, seccomp), ``protocol`` (messages between processes),
``zygote`` and ``child`` (run student cells in a forked, sandboxed process), ``pool``
(the parent side), ``hidden`` (helpers hidden tests call), ``selfcheck`` (the
student's ``check()``), ``numbers`` (per-student numbers), ``refs`` (reference
answers), ``grader`` (grade one submission), ``report`` (gradebook, feedback) and
``cli`` (``course grade``).
"""
