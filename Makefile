# Two commands (see README): `make run` sets up and builds the graph; `make test` sets up and tests.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
CORPUS  ?= ../shared/corpus
OUT     ?= nhskg-out
STAMP   := $(VENV)/.installed

.PHONY: run test setup browser bench clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install nhskg with its test tools

browser:  ## install Debian's Chromium for the real-browser tests (needs root; skipped if present)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

run: setup  ## build the graph from the shipped facts and show the duty table for Option 2
	$(BIN)/nhskg build --corpus $(CORPUS) --out $(OUT)
	$(BIN)/nhskg duties --regime "Option 2" --out $(OUT)

test: setup browser  ## run the whole test suite against the real corpus
	NHSKG_CORPUS=$(CORPUS) $(BIN)/pytest -q

bench: setup  ## run the benchmark suite at small sizes
	$(BIN)/python benchmarks/run.py --sizes 1k,10k

clean:  ## remove the build output (not the venv)
	rm -rf $(OUT) test-artifacts
