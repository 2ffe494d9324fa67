# make run   set everything up, load the demo neighbourhood, serve on :8000
# make test  set everything up and run the whole suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEMO_FHIR := seeds/demo-fhir
DEMO_TEAM  := team-0001
DEMO_NURSE := person-0001-nurse-01

PY_STAMP   := $(VENV)/.installed
LINT_STAMP := tests/lint/node_modules/.installed
CHROMIUM   := /usr/bin/chromium
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install lint typecheck schema test-neo4j neo4j-up neo4j-down clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

$(LINT_STAMP): tests/lint/package.json tests/lint/package-lock.json
	cd tests/lint && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The browser tests drive Debian's chromium (never a browser Playwright downloads).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

install: $(PY_STAMP)

run: $(PY_STAMP)
	@echo "== tokens for the demo (valid 12 h) =="
	@printf 'nurse of %s:\n  ' "$(DEMO_TEAM)"; $(BIN)/graphsvc token --data $(DATA) --role nurse --team $(DEMO_TEAM) --subject $(DEMO_NURSE)
	@printf 'system client (system/*.*):\n  '; $(BIN)/graphsvc token --data $(DATA) --role system --subject demo-system --scope 'system/*.*'
	$(BIN)/graphsvc serve --dev --data $(DATA) --host $(HOST) --port $(PORT) --seed-if-empty $(DEMO_FHIR)

test: $(PY_STAMP) $(LINT_STAMP) $(CHROMIUM)
	$(BIN)/ruff check graphsvc fhir_mappings tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(PY_STAMP)
	$(BIN)/ruff check graphsvc fhir_mappings tests benchmarks

schema: $(PY_STAMP)
	$(BIN)/python -m graphsvc.api.graphql.export schema.graphql

typecheck: $(PY_STAMP)
	$(BIN)/mypy

# The store contract suite against a live Neo4j 5 (needs Docker):
#   make neo4j-up && make test-neo4j
neo4j-up:
	docker compose -f docs/neo4j-compose.yml up -d --wait

neo4j-down:
	docker compose -f docs/neo4j-compose.yml down

test-neo4j: $(PY_STAMP)
	NEO4J_URI=$${NEO4J_URI:-bolt://localhost:7687} NEO4J_USER=$${NEO4J_USER:-neo4j} \
	NEO4J_PASSWORD=$${NEO4J_PASSWORD:-graphsvc-test} \
	$(BIN)/python -m pytest tests/integration -m neo4j -v

clean:
	rm -rf $(VENV) tests/lint/node_modules .pytest_cache .mypy_cache
