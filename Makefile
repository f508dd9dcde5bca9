# The handbook's commands. `make help` lists them. Every target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the site is served from; set it for a sub-path, e.g. http://intranet/handbook/
HANDBOOK_SITE_URL ?= http://$(HOST):$(PORT)/
export HANDBOOK_SITE_URL
# The engine that builds the site: mkdocs (default) or properdocs (publishing/engines.py), e.g.
# `make build ENGINE=properdocs`. Each engine but MkDocs has its own venv, .venv-<engine>.
ENGINE ?= mkdocs
ifeq ($(ENGINE),mkdocs)
ENGINE_BIN := $(BIN)
else ifeq ($(ENGINE),properdocs)
ENGINE_BIN := .venv-properdocs/bin
else
$(error ENGINE=$(ENGINE): the handbook builds with ENGINE=mkdocs (the default) or ENGINE=properdocs)
endif
# `make test` and `make test-fast` run the tests in this many processes (pytest-xdist): the
# work is mostly processor-bound (Chromium, builds, Word files), so two processes on two cores
# finish in about half the time (test-fast: 35 s instead of 58-61 s, 2026-12-01).
TEST_PROCESSES ?= 2
# The test suites `make bench` times (Makefile targets): `make bench SUITES=test-fast,test` adds the
# whole suite (about ten minutes more).
SUITES ?= test-fast
# Material prints an end-of-life banner on every build; the project tracks it in README.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help bytecode serve build test test-fast browser lock schema clean nginx pdfs offline publish rollback releases verify bench compare engines profile load-tool

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# ProperDocs replaces MkDocs' modules inside its own command, so it gets its own venv: the
# project's pins plus properdocs (requirements-properdocs.txt).
.venv-properdocs/bin/.installed: requirements-properdocs.txt requirements.txt
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	touch $@

# Zensical (measured by `make engines`, not an engine the handbook builds with yet): its own venv,
# the project's pins (for macros/) and then the newest zensical the package index offers.
.venv-zensical/bin/.installed: requirements.txt
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Python writes no bytecode on these machines (PYTHONDONTWRITEBYTECODE=1), so every process
# compiled the project's own modules again: ~0.3 s of each build, of each test build and of
# `mkdocs serve`'s start. Compile them here instead; compileall passes over what is up to date,
# and Python still compiles afresh any file edited since (it checks each file's time and size).
PROJECT_CODE := macros hooks publishing bench
bytecode: $(BIN)/.installed
	@$(BIN)/python -m compileall -q -j 0 $(PROJECT_CODE) >/dev/null

serve: $(BIN)/.installed bytecode ## Set up, then serve both languages on http://127.0.0.1:8000/ with live reload
	$(BIN)/mkdocs serve -a $(HOST):$(PORT)

build: $(BIN)/.installed bytecode $(ENGINE_BIN)/.installed browser ## Set up, then write the complete site (both languages, PDFs included) to site/ (ENGINE=properdocs: with ProperDocs)
	$(ENGINE_BIN)/$(ENGINE) build --strict

test: $(BIN)/.installed bytecode .venv-properdocs/bin/.installed browser nginx load-tool ## Set up (Debian's chromium, nginx, wrk and the ProperDocs venv included), then run every test
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

test-fast: $(BIN)/.installed bytecode ## The edit loop: data, models and renderers only (no build, no browser), under a minute
	HANDBOOK_TESTS_FAST=1 $(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder \
	  -m "not build and not browser and not publishing" -q

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

schema: $(BIN)/.installed bytecode ## Write the JSON Schemas of the data files to schema/ (for editors)
	$(BIN)/python -m macros.schema

clean: ## Remove the built site and the environments
	rm -rf site $(VENV) .venv-properdocs .venv-zensical

nginx: ## Install Debian's nginx, to check deploy/nginx.conf, if missing
	@command -v nginx >/dev/null || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

pdfs: $(BIN)/.installed bytecode browser ## Rewrite only the PDFs of an already built site/ (mkdocs build makes them too; cached in .cache/pdfs/)
	$(BIN)/python -m publishing.pdfs site/ $(HANDBOOK_SITE_URL)
OFFLINE_DIR := dist/handbook-offline

offline: $(BIN)/.installed bytecode ## Write the file:// copy (both languages) to dist/handbook-offline/ and a .zip of it
	rm -rf $(OFFLINE_DIR) $(OFFLINE_DIR).zip
	HANDBOOK_OFFLINE=true $(BIN)/mkdocs build --strict -d $(OFFLINE_DIR)
	cd dist && ../$(BIN)/python -m zipfile -c handbook-offline.zip handbook-offline/
	@echo "Open $(OFFLINE_DIR)/index.html in a browser, or unzip dist/handbook-offline.zip anywhere."
# Releases kept beside DEST for `make rollback` (the live one included).
HANDBOOK_KEEP_RELEASES ?= 3
export HANDBOOK_KEEP_RELEASES

publish: $(BIN)/.installed bytecode $(ENGINE_BIN)/.installed browser ## Build, check, then switch DEST to the new release: make publish DEST=/srv/handbook/site HANDBOOK_SITE_URL=http://<host>/<path>/ (ENGINE=properdocs: built with ProperDocs)
	@test -n "$(DEST)" || { echo "usage: make publish DEST=<folder the web server serves> HANDBOOK_SITE_URL=<its address>" >&2; exit 2; }
	@HANDBOOK_ENGINE=$(ENGINE) $(BIN)/python publishing/publish.py "$(DEST)"

rollback: $(BIN)/.installed ## Switch DEST back to the release before the live one: make rollback DEST=/srv/handbook/site
	@test -n "$(DEST)" || { echo "usage: make rollback DEST=<folder the web server serves>" >&2; exit 2; }
	@$(BIN)/python -m publishing.releases rollback "$(DEST)"

releases: $(BIN)/.installed ## List the releases kept beside DEST (version, data date, build time): make releases DEST=…
	@test -n "$(DEST)" || { echo "usage: make releases DEST=<folder the web server serves>" >&2; exit 2; }
	@$(BIN)/python -m publishing.releases list "$(DEST)"

verify: $(BIN)/.installed ## Check the live site in DEST against its release's manifest (sha256 of every file)
	@test -n "$(DEST)" || { echo "usage: make verify DEST=<folder the web server serves>" >&2; exit 2; }
	@$(BIN)/python -m publishing.releases verify "$(DEST)"

load-tool: ## Install Debian's wrk (the load generator of `make bench`), if missing
	@command -v wrk >/dev/null || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: $(BIN)/.installed bytecode browser nginx load-tool ## Measure build cost, live reload, growth, page weight, serving under load, the test suites' time (SUITES=test-fast,test adds make test); writes bench/results.md
	$(BIN)/python -m bench.run --suites $(SUITES)

compare: $(BIN)/.installed bytecode ## Is the site byte for byte what BASE builds? make compare BASE=main (PDFs left out)
	@test -n "$(BASE)" || { echo "usage: make compare BASE=<git revision>" >&2; exit 2; }
	$(BIN)/python -m bench.compare "$(BASE)"

engines: $(BIN)/.installed .venv-zensical/bin/.installed browser ## Build with the newest Zensical and write what it builds and lacks to bench/engines.md
	.venv-zensical/bin/pip install --quiet --disable-pip-version-check --upgrade zensical
	$(BIN)/python -m bench.engines

profile: $(BIN)/.installed bytecode ## Profile one build with cProfile and show where the time goes
	$(BIN)/python -m bench.profile
