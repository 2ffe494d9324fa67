# make run          set everything up, load the demo neighbourhood, serve on :8000
# make test         set everything up and run the whole suite, on FalkorDB and Neo4j
# make neo4j-local  a real Neo4j 5 on 127.0.0.1:$(NEO4J_PORT), in the foreground
# make run-neo4j    the demo served on the local Neo4j instead of FalkorDB
# make fuzz         every surface fuzzed over HTTP, FUZZ_REQUESTS (10,000) requests each
# make bench-tools  the load generators the HTTP benchmark uses: wrk and vegeta

SHELL  := /bin/bash
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

# The local Neo4j: the launcher in neo4j-local/ (Maven fetches Neo4j into its cache).
NEO4J_PORT      ?= 7687
NEO4J_DATA      ?= .neo4j/data
NEO4J_LOG       ?= $(dir $(NEO4J_DATA))neo4j.log
NEO4J_JAVA_OPTS ?= -Xms512m -Xmx2g -XX:+UseG1GC
NEO4J_LAUNCHER  := neo4j-local
NEO4J_CLASSPATH := $(NEO4J_LAUNCHER)/target/classpath.txt
NEO4J_JAVA      := java $(NEO4J_JAVA_OPTS) -cp "$(NEO4J_LAUNCHER)/target/classes:$$(cat $(NEO4J_CLASSPATH))" care.graphsvc.neo4j.LocalNeo4j

# HL7's FHIR validator for the tests: fhir-validator/ (Maven fetches HAPI FHIR
# into its cache); the tests start it once per session.
VALIDATOR           := fhir-validator
VALIDATOR_CLASSPATH := $(VALIDATOR)/target/classpath.txt

.PHONY: run run-neo4j neo4j-local test fuzz install lint typecheck schema clean bench-tools

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

$(NEO4J_CLASSPATH): $(NEO4J_LAUNCHER)/pom.xml $(wildcard $(NEO4J_LAUNCHER)/src/main/java/*/*/*/*.java)
	@command -v java >/dev/null && command -v mvn >/dev/null || { echo "Java 17 and Maven are needed for the local Neo4j"; exit 1; }
	cd $(NEO4J_LAUNCHER) && mvn -q -B compile
	@touch $@

$(VALIDATOR_CLASSPATH): $(VALIDATOR)/pom.xml $(wildcard $(VALIDATOR)/src/main/java/*/*/*/*.java)
	@command -v java >/dev/null && command -v mvn >/dev/null || { echo "Java 17 and Maven are needed for HL7's FHIR validator"; exit 1; }
	cd $(VALIDATOR) && mvn -q -B compile
	@touch $@

install: $(PY_STAMP) $(NEO4J_CLASSPATH)

define demo_tokens
	@echo "== tokens for the demo (valid 12 h) =="
	@printf 'nurse of %s:\n  ' "$(DEMO_TEAM)"; $(BIN)/graphsvc token --data $(1) --role nurse --team $(DEMO_TEAM) --subject $(DEMO_NURSE)
	@printf 'system client (system/*.*):\n  '; $(BIN)/graphsvc token --data $(1) --role system --subject demo-system --scope 'system/*.*'
endef

run: $(PY_STAMP)
	$(call demo_tokens,$(DATA))
	$(BIN)/graphsvc serve --dev --data $(DATA) --host $(HOST) --port $(PORT) --seed-if-empty $(DEMO_FHIR)

# Bolt on 127.0.0.1 only, authentication off (set NEO4J_PASSWORD to turn it on).
# Ctrl-C or SIGTERM shuts it down cleanly.
neo4j-local: $(NEO4J_CLASSPATH)
	@mkdir -p $(NEO4J_DATA)
	NEO4J_PORT=$(NEO4J_PORT) NEO4J_DATA=$(NEO4J_DATA) exec $(NEO4J_JAVA)

# The demo on the local Neo4j, imported through the same path as `make run`.
# Uses a Neo4j already listening on NEO4J_PORT (make neo4j-local), else starts
# one for as long as the server runs.
run-neo4j: $(PY_STAMP) $(NEO4J_CLASSPATH)
	$(call demo_tokens,$(DATA)-neo4j)
	@set -e; mkdir -p $(NEO4J_DATA); started=""; \
	if ! (exec 3<>/dev/tcp/127.0.0.1/$(NEO4J_PORT)) 2>/dev/null; then \
	  NEO4J_PORT=$(NEO4J_PORT) NEO4J_DATA=$(NEO4J_DATA) $(NEO4J_JAVA) > $(NEO4J_LOG) 2>&1 & started=$$!; \
	  trap 'kill $$started 2>/dev/null; wait $$started 2>/dev/null' EXIT INT TERM; \
	  echo "starting Neo4j on port $(NEO4J_PORT) (log: $(NEO4J_LOG))"; \
	  until grep -q "Neo4j ready at" $(NEO4J_LOG) 2>/dev/null; do \
	    kill -0 $$started 2>/dev/null || { cat $(NEO4J_LOG); exit 1; }; sleep 1; done; \
	fi; \
	GRAPHSVC_NEO4J_URI=bolt://127.0.0.1:$(NEO4J_PORT) $(BIN)/graphsvc serve --dev --data $(DATA)-neo4j \
	  --host $(HOST) --port $(PORT) --seed-if-empty $(DEMO_FHIR)

test: $(PY_STAMP) $(LINT_STAMP) $(CHROMIUM) $(NEO4J_CLASSPATH) $(VALIDATOR_CLASSPATH)
	$(BIN)/ruff check graphsvc fhir_mappings tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

# GraphQL (Schemathesis), FHIR and the page's endpoints (Hypothesis) against the
# app under uvicorn on the embedded database; prints the requests per surface and
# status code, and fails if a surface got fewer than FUZZ_REQUESTS.
FUZZ_REQUESTS ?= 10000
fuzz: $(PY_STAMP)
	GRAPHSVC_FUZZ_REQUESTS=$(FUZZ_REQUESTS) $(BIN)/python -m pytest -q -p no:cacheprovider \
	  -W ignore::hypothesis.errors.HypothesisWarning tests/e2e/fuzz

# benchmarks/bench_http_reads.py: wrk (closed loop) from Debian, vegeta (fixed
# rate) from the Go module proxy into .tools/bin.
VEGETA := .tools/bin/vegeta
bench-tools: $(PY_STAMP) $(VEGETA)
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; }

$(VEGETA):
	@command -v go >/dev/null || { echo "Go is needed to install vegeta"; exit 1; }
	GOBIN=$(CURDIR)/.tools/bin go install github.com/tsenart/vegeta/v12@v12.13.0

lint: $(PY_STAMP)
	$(BIN)/ruff check graphsvc fhir_mappings tests benchmarks

schema: $(PY_STAMP)
	$(BIN)/python -m graphsvc.api.graphql.export schema.graphql

typecheck: $(PY_STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .tools tests/lint/node_modules .pytest_cache .mypy_cache $(NEO4J_LAUNCHER)/target $(VALIDATOR)/target
