# Ouders zien: two commands for learners and CI (see README.md).
#   make lab    set up .venv if needed and open JupyterLab on notebooks/  (ARGS=--no-browser on a server)
#   make test   set up .venv if needed and run every test
#   make release  regenerate notebooks/ from grading/source/ with nbgrader generate_assignment
#   make figures  export the figures to assets/figures/ (used in README.md)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARGS   ?=
# Tools that call other tools by name (nbgrader runs alembic) find them in the venv.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: lab test release figures docent bench clean

$(STAMP): pyproject.toml jupyter-settings/ouders-zien.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 of nieuwer is nodig (gevonden: " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Learners do not need nbgrader's lecturer tools (formgrader, create assignment, course list);
# jupyter-settings/learner/labconfig/page_config.json switches them off for `make lab` only.
lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-settings/learner" $(BIN)/jupyter lab --notebook-dir=notebooks $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(ARGS)

release: $(STAMP)
	$(BIN)/python -m course.release

figures: $(STAMP)
	$(BIN)/python -m course.figures

bench: $(STAMP)
	$(BIN)/python benchmarks/detectors.py
	$(BIN)/python benchmarks/trust_builder.py

docent: $(STAMP)
	cd grading && ../$(BIN)/jupyter lab $(ARGS)

clean:
	rm -rf $(VENV)
