# The handbook's commands. `make help` lists them. Every target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the site is served from; set it for a sub-path, e.g. http://intranet/handbook/
HANDBOOK_SITE_URL ?= http://$(HOST):$(PORT)/
export HANDBOOK_SITE_URL
# Material prints an end-of-life banner on every build; the project tracks it in README.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build test browser lock schema clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(BIN)/.installed ## Set up, then serve both languages on http://127.0.0.1:8000/ with live reload
	$(BIN)/mkdocs serve -a $(HOST):$(PORT)

build: $(BIN)/.installed ## Set up, then write the complete site (both languages) to site/
	$(BIN)/mkdocs build --strict

test: $(BIN)/.installed browser ## Set up (Debian's chromium included), then run every test
	$(BIN)/python -m pytest

browser: ## Install Debian's chromium and CJK fonts for the browser tests, if missing
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

lock: ## Re-pin requirements.txt from requirements.in in a fresh environment
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo '# Full pinned set, generated from requirements.in by `make lock` (pip freeze of a fresh venv).'; \
	  .lock-venv/bin/pip freeze; } > requirements.txt
	rm -rf .lock-venv

schema: $(BIN)/.installed ## Write the JSON Schemas of the data files to schema/ (for editors)
	$(BIN)/python -m macros.schema

clean: ## Remove the built site and the environment
	rm -rf site $(VENV)

.PHONY: bench profile
bench: $(BIN)/.installed ## Measure build cost, live reload, growth, page weight; writes bench/results.md
	$(BIN)/python -m bench.run

profile: $(BIN)/.installed ## Profile one build with cProfile and show where the time goes
	$(BIN)/python -m bench.profile
