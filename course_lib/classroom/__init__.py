"""Classroom kit: the class report, gradebook exports and the Gradescope bundle.

Everything here reads the grader's output files (``grades.csv``, ``summary.csv``,
``feedback/``) and never imports the grader or any widget.
"""
