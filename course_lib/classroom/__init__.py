"""Classroom kit: the class report, gradebook exports, the Gradescope bundle and GitHub Classroom.

Everything here reads the grader's output files (``grades.csv``, ``summary.csv``,
``feedback/``) and never runs a submission or imports a widget. It does use the
grader's pure pieces: the assignment source reader (``grading.authoring.source``:
item names and points), the CSV formula guard (``grading.scoring.csvsafe``) and the
feedback levels (``grading.scoring.report``).
"""
