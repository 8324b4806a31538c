"""course_lib: the library behind the course "Prompt, RAG or fine-tune?".

Importing the package is cheap on purpose (notebooks and the grader import it
often); import the submodule you need, for example ``course_lib.framework``.
"""

__version__ = "0.1.0"
