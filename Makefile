# Two commands (see README): `make run` sets up and builds the graph; `make test` sets up and tests.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
CORPUS  ?= ../shared/corpus
OUT     ?= nhskg-out
STAMP   := $(VENV)/.installed
TSTAMP  := $(VENV)/.installed-test

.PHONY: run test setup setup-test browser bench clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(TSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(TSTAMP)

setup: $(STAMP)  ## create .venv and install nhskg

setup-test: $(TSTAMP)  ## ... and the test tools (pytest, Playwright, the Oxigraph server, matplotlib, pyinstrument)

browser:  ## install Debian's Chromium (browser tests) and a Java runtime (HermiT) when missing; needs root or sudo
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

run: setup  ## build the graph from the shipped facts and show the duty table for Option 2
	$(BIN)/nhskg build --corpus $(CORPUS) --out $(OUT)
	$(BIN)/nhskg duties --regime "Option 2" --out $(OUT)

test: setup-test browser  ## run the whole test suite against the real corpus
	NHSKG_CORPUS=$(CORPUS) $(BIN)/pytest -q

bench: setup-test  ## run the benchmark suite at small sizes (matplotlib for the plot comes with the test tools)
	$(BIN)/python benchmarks/run.py --sizes 1k,10k

clean:  ## remove the build output (not the venv)
	rm -rf $(OUT) test-artifacts
