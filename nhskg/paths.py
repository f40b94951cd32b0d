"""Where the project's data lives: the package ships ontology, facts and queries as data."""
from __future__ import annotations

import os
from pathlib import Path

import nhskg.facts as _facts_pkg
import nhskg.ontology as _ontology_pkg
import nhskg.queries as _queries_pkg

FACTS_DIR = Path(_facts_pkg.__path__[0])
ONTOLOGY_DIR = Path(_ontology_pkg.__path__[0])
QUERIES_DIR = Path(_queries_pkg.__path__[0])
ONTOLOGY_FILE = ONTOLOGY_DIR / "nhskg.ttl"
PROJECT_ROOT = FACTS_DIR.parent


def default_out() -> Path:
    """Build output folder: --out, else $NHSKG_OUT, else ./nhskg-out."""
    return Path(os.environ.get("NHSKG_OUT", "nhskg-out"))
