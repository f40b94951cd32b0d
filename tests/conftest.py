"""Shared fixtures: the real corpus and one real build of the graph per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from nhskg.paths import PROJECT_ROOT

CORPUS = Path(os.environ.get("NHSKG_CORPUS", PROJECT_ROOT.parent / "shared" / "corpus")).resolve()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the corpus folder {CORPUS} is missing: tests run against ../shared/corpus")
    return CORPUS


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """The real graph, built once from the shipped facts with quotes checked against the corpus."""
    from nhskg.graph.build import build
    out = tmp_path_factory.mktemp("kg")
    return build(out, corpus_dir)


@pytest.fixture(scope="session")
def engine(built):
    """An embedded query engine over the real graph."""
    from nhskg.graph.engine import EmbeddedEngine
    from nhskg.graph.store import open_store
    return EmbeddedEngine(open_store(built.out))


@pytest.fixture(scope="session")
def out_dir(built) -> Path:
    return built.out


@pytest.fixture(scope="session")
def served(out_dir: Path):
    """``nhskg serve`` over the real build on a free loopback port (short timeout, small row limit
    so the safety tests are quick); stopped by its process id at the end of the session."""
    from nhskg.server.launch import start_serve
    server = start_serve(out_dir, None, "--timeout", "3", "--max-results", "5000")
    yield server
    server.stop()
