"""The instructor's side before grading: source notebooks, nbgrader markers, student versions."""
