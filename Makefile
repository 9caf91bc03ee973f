# Every target sets itself up: a virtual environment in .venv with the pinned
# packages (pyproject.toml + constraints.txt), and node_modules for the HTML
# validator. Needs Python 3.11+ (PYTHON=python3.12 make … to choose one).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test test-online bench freshness lint clean

# `make serve` previews one language at the root address (French unless
# ONLY=en or ONLY=de) and reloads in about 2 s; ONLY=all previews every
# language, but each edit rebuilds all of them (about 4 s).
ONLY ?= fr

serve: $(VENV)/.installed ## Live preview at http://127.0.0.1:8000 (ONLY=en, de or all; default fr)
	@echo "Preview of $(if $(filter all,$(ONLY)),every language,'$(ONLY)' only (ONLY=all for every language)) at http://127.0.0.1:8000/"
	$(if $(filter all,$(ONLY)),,I18N_ONLY=$(ONLY)) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed ## Build the site into site/
	$(BIN)/mkdocs build --strict

test: $(VENV)/.installed node_modules/.installed ## Lint, build and run every test
	$(BIN)/ruff check faq_plugin tests scripts
	$(BIN)/pytest

test-online: $(VENV)/.installed ## Also request every external link (needs internet)
	$(BIN)/pytest -m online tests/test_links.py

bench: $(VENV)/.installed node_modules/.installed ## Print build times and page weights
	$(BIN)/python scripts/bench.py

freshness: $(VENV)/.installed ## List pages and sources due for a re-check (nothing when fresh)
	@$(BIN)/python -m faq_plugin.freshness

lint: $(VENV)/.installed
	$(BIN)/ruff check faq_plugin tests scripts
	$(BIN)/ruff format --check faq_plugin tests scripts

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .cache/plugin/social/assets $(VENV) node_modules
