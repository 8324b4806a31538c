"""Classroom kit: the class report, gradebook exports, the Gradescope bundle and GitHub Classroom.

Everything here reads the grader's output files (``grades.csv``, ``summary.csv``,
``feedback/``) and never runs a submission or imports a widget. It does use the
grader's pure pieces: the gradebook format (``grading.gradebook``: file names,
rows, statuses, the one writer and reader, feedback levels), the assignment source
reader (``grading.authoring.source``: item names and points) and the CSV formula
guard (``grading.scoring.csvsafe``). The report's modules: ``grades`` (the
gradebook as DataFrames), ``class_report`` (its numbers), ``figures`` (its plots)
and ``report_page`` (its HTML page and CSV tables).
"""
