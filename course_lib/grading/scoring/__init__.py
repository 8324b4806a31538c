"""The grading process: reads submissions, runs hidden tests, scores and reports; trusts nothing from the child."""
