# Ouders zien: two commands for learners and CI (see README.md).
#   make lab    set up .venv if needed and open JupyterLab on notebooks/  (ARGS=--no-browser on a server)
#   make test   set up .venv if needed and run every test (lint and types first)
#   make lint     ruff (lint, format) and mypy only
#   make lessons  generate every grading/source/<lesson>/ notebook from its one source
#                 (course/data/lessons/<lesson>.yaml + .md, grading/keys/<lesson>.yaml)
#   make lesson L=<lesson>  the same for one lesson
#   make release  regenerate notebooks/ from grading/source/ with nbgrader generate_assignment
#   make figures  export the figures to assets/figures/ (used in docs/leerling.md)
#   make bench    print start-up and run-time ratios (benchmarks/)
#   make axe      axe-core (npm) for the accessibility audit of the browser tests
#   make hub-env  the class hub's environment (.venv-hub, a Python every learner's account may run)
#   make site     the browser edition: a static JupyterLite site in _site/ (lite/build_site.py)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LEARNER := $(VENV)/.learner
STAMP  := $(VENV)/.installed
ARGS   ?=
# Tools that call other tools by name (nbgrader runs alembic) find them in the venv.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: lab test lint lessons lesson release figures docent bench clean hub-proxy hub-env axe site

# Two installs in one venv: the learner set (`make lab`: only what the lessons need) and everything
# (`make test`: the learner set plus the [test] and [docent] extras of pyproject.toml).
# Installed into the venv by pip (data files of pyproject.toml): a change to one of them reinstalls.
$(LEARNER): pyproject.toml $(shell find jupyter-settings -type f -name "*.json")
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 of nieuwer is nodig (gevonden: " + sys.version.split()[0] + ")")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	# jsonschema's optional IRI checker (pulled in by jupyter-events) builds a grammar at import:
	# ~1.6 s on every Jupyter server, kernel-side schema check and nbgrader command. Nothing here
	# validates IRIs, so the course environment goes without it (docs/design.md).
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	# The course brings its own nl_NL language pack (course/learner/jupyterlab_nl/); one pack per locale.
	$(BIN)/python -m pip uninstall --quiet --yes jupyterlab-language-pack-nl-NL
	touch $(LEARNER)

$(STAMP): $(LEARNER)
	$(BIN)/python -m pip install --quiet -e ".[test,docent]"
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	touch $(STAMP)

# Learners do not need nbgrader's lecturer tools (formgrader, create assignment, course list);
# jupyter-settings/learner/labconfig/page_config.json switches them off for `make lab` only.
lab: $(LEARNER)
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-settings/learner" $(BIN)/jupyter lab --notebook-dir=notebooks $(ARGS)

# The class hub's own environment (hub/, tests/hub/): every learner's server runs as that learner's
# Unix account, so its Python must lie where every account may run it (Debian's /usr/bin/python3,
# not a Python under /root), and the course is installed as a package, without the repository's keys.
HUB_VENV   := .venv-hub
HUB_STAMP  := $(HUB_VENV)/.installed
HUB_PYTHON ?= /usr/bin/python3
$(HUB_STAMP): pyproject.toml $(shell find jupyter-settings notebooks course -type f -not -path '*/__pycache__/*' -not -name 'antwoorden*')
	test -x $(HUB_VENV)/bin/python || $(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_VENV)/bin/python -m pip install --quiet ".[docent]"
	$(HUB_VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps .
	$(HUB_VENV)/bin/python -m pip uninstall --quiet --yes rfc3987-syntax jupyterlab-language-pack-nl-NL
	touch $(HUB_STAMP)

hub-env: $(HUB_STAMP)

# JupyterHub's proxy for the class-hub tests (tests/hub/): configurable-http-proxy from npm, in the venv.
HUB_PROXY := $(VENV)/hub-proxy/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY): $(STAMP)
	npm install --silent --no-audit --no-fund --prefix $(VENV)/hub-proxy configurable-http-proxy@5.3.0

hub-proxy: $(HUB_PROXY)

# axe-core for the accessibility audit of the browser tests (tests/browser/axe_audit.py), in the venv.
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE): $(STAMP)
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@4.14.1

axe: $(AXE)

# The browser edition (lite/build_site.py): its build tools in their own venv (pins in pyproject.toml,
# [tool.ouders-zien.site]), the site in _site/, rebuilt when the course or the pins change.
SITE_VENV  := .venv-site
SITE_STAMP := $(SITE_VENV)/.installed
SITE       := _site/.built
$(SITE_STAMP): pyproject.toml
	test -x $(SITE_VENV)/bin/python || $(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SITE_VENV)/bin/python -m pip install --quiet $$($(SITE_VENV)/bin/python -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["tool"]["ouders-zien"]["site"]["build"]))')
	touch $(SITE_STAMP)
$(SITE): $(SITE_STAMP) lite/build_site.py lite/verify_lock.py jupyter-settings/ouders-zien.json $(shell find notebooks course -type f -not -path '*/__pycache__/*' -not -name 'antwoorden*')
	$(SITE_VENV)/bin/python lite/build_site.py --out _site --venv $(SITE_VENV)
	touch $(SITE)

site: $(SITE)

test: lint $(HUB_STAMP) $(HUB_PROXY) $(AXE) $(SITE)
	$(BIN)/python -m pytest $(ARGS)

# Lint, format and types (config in pyproject.toml): ruff for style, mypy for course/.
lint: $(STAMP)
	$(BIN)/ruff format --check course lite benchmarks tests hub
	$(BIN)/ruff check course lite benchmarks tests hub
	$(BIN)/mypy

lessons: $(STAMP)
	$(BIN)/python -m course.authoring.generate

lesson: $(STAMP)
	@test -n "$(L)" || { echo "Gebruik: make lesson L=<les>, bijvoorbeeld make lesson L=02_ouderschap_en_opvoederschap"; exit 2; }
	$(BIN)/python -m course.authoring.generate $(L)

release: $(STAMP)
	$(BIN)/python -m course.authoring.release

figures: $(STAMP)
	$(BIN)/python -m course.figures

bench: $(STAMP) $(SITE)
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/detectors.py
	$(BIN)/python benchmarks/trust_builder.py
	$(BIN)/python benchmarks/conversations.py
	$(BIN)/python benchmarks/grading.py
	$(BIN)/python benchmarks/grading_paths.py
	$(BIN)/python benchmarks/store_save.py

docent: $(STAMP)
	cd grading && ../$(BIN)/jupyter lab $(ARGS)

clean:
	rm -rf $(VENV) $(HUB_VENV) $(SITE_VENV) _site .cache
