# The single entry point: `make lab` to study, `make test` to check everything.
# Both install into .venv first, once: the stamp file is keyed on the contents of
# requirements.txt and pyproject.toml, so a second run does not reinstall.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)

.PHONY: install lab test test-fast benchmark exercises lock clean

install: $(STAMP)

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@scripts/configure_jupyterlab.sh $(BIN)
	@rm -f $(VENV)/.installed-*
	@touch $@
	@echo "Installed the course environment into $(VENV)."

lab: $(STAMP)
	$(BIN)/course lab

test: $(STAMP)
	$(BIN)/python -m pytest tests --nbval-lax $(wildcard notebooks solutions) -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "not browser and not slow" -p no:cacheprovider

benchmark: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

exercises: $(STAMP)
	$(BIN)/course assign

# Re-resolve the pinned environment from the ranges in pyproject.toml.
lock:
	rm -rf /tmp/course-lock && $(PYTHON) -m venv /tmp/course-lock
	/tmp/course-lock/bin/pip install --quiet ".[lab,test]"
	{ echo "# Pinned environment for the course: what CI tested. Regenerate: make lock"; \
	  /tmp/course-lock/bin/pip freeze --exclude course-lib; } > requirements.txt

clean:
	rm -rf $(VENV) test-output benchmarks/output
