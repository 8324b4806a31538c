# The single entry point: `make lab` to study, `make test` to check everything.
# Both install into .venv first, once. A learner's environment is requirements.txt; `make test`
# adds the development lock (requirements-dev.txt: the same pins plus the browser driver and
# nbgrader). Each stamp file is keyed on the contents of the files it was installed from, so a
# second run does not reinstall.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
key     = $(shell cat $(1) | sha256sum | cut -c1-16)
STAMP     := $(VENV)/.installed-lab-$(call key,requirements.txt pyproject.toml)
DEV_STAMP := $(VENV)/.installed-dev-$(call key,requirements.txt requirements-dev.txt pyproject.toml)

.PHONY: install install-dev lab test test-fast benchmark exercises bank-validator lock clean

install: $(STAMP)

install-dev: $(DEV_STAMP)

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@scripts/configure_jupyterlab.sh $(BIN)
	@rm -f $(VENV)/.installed-lab-*
	@touch $@
	@echo "Installed the course environment into $(VENV)."

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@scripts/configure_jupyterlab.sh $(BIN)
	@rm -f $(VENV)/.installed-dev-*
	@touch $@
	@echo "Installed the development tools into $(VENV)."

lab: $(STAMP)
	$(BIN)/course lab

# The suite runs on TEST_WORKERS processes (pytest-xdist). --dist loadfile keeps each file on one
# worker, in order: a notebook's cells share one kernel under nbval, and a browser test module
# shares the notebooks it has opened. The slowest tests are listed at the end.
TEST_WORKERS ?= 2
PYTEST_RUN := $(BIN)/python -m pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile --durations=15

test: $(DEV_STAMP)
	$(PYTEST_RUN) tests --nbval-lax $(wildcard notebooks solutions)

test-fast: $(DEV_STAMP)
	$(PYTEST_RUN) tests -m "not browser and not slow"

benchmark: $(DEV_STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

exercises: $(STAMP)
	$(BIN)/course assign

# Regenerate course_lib/quiz/bank_validator.py (the bank's schema compiled to Python) after editing the schema.
bank-validator: $(DEV_STAMP)
	$(BIN)/python -c "from course_lib.quiz.bank import write_validator; print('Wrote', write_validator())"

# Re-resolve the three locks (exact versions with hashes) from the ranges in pyproject.toml.
# Existing pins are kept unless you pass LOCK_UPGRADE=--upgrade; the development lock and the
# grading lock (what the Gradescope image and the GitHub Classroom workflow install) are
# constrained to the learner lock's versions.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock:
	rm -rf /tmp/course-lock && $(PYTHON) -m venv /tmp/course-lock
	/tmp/course-lock/bin/pip install --quiet pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" /tmp/course-lock/bin/pip-compile $(LOCK_FLAGS) --extra lab $(LOCK_UPGRADE) -o requirements.txt pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" /tmp/course-lock/bin/pip-compile $(LOCK_FLAGS) --extra lab --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" /tmp/course-lock/bin/pip-compile $(LOCK_FLAGS) --extra grade -c requirements.txt -o requirements-grade.txt pyproject.toml

clean:
	rm -rf $(VENV) test-output benchmarks/output
