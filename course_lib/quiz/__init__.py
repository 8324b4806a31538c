"""Quizzes and scenarios: the question model, pure checking, the bank and the progress record."""
