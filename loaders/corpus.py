"""The corpus folder: the full texts that curated quotes are checked against."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from nhskg.errors import InputError

#: Where the corpus is looked for when no --corpus is given (tests and CI use ../shared/corpus).
DEFAULT_CORPUS_CANDIDATES = ("../shared/corpus",)


def find_corpus(explicit: str | Path | None, project_root: Path) -> Path | None:
    """Return the corpus folder to use: --corpus, $NHSKG_CORPUS, or ../shared/corpus if present."""
    if explicit:
        path = Path(explicit)
        if not path.is_dir():
            raise InputError("corpus folder not found", path=str(path))
        return path
    env = os.environ.get("NHSKG_CORPUS")
    if env:
        return find_corpus(env, project_root)
    for base in (Path.cwd(), project_root):
        for rel in DEFAULT_CORPUS_CANDIDATES:
            candidate = (base / rel).resolve()
            if candidate.is_dir():
                return candidate
    return None


@dataclass
class Corpus:
    """Texts read lazily from one folder, decoded as UTF-8 exactly as stored."""

    root: Path
    _texts: dict[str, str] = field(default_factory=dict)

    def text(self, file_name: str) -> str:
        if file_name not in self._texts:
            path = self.root / file_name
            if not path.is_file():
                raise InputError("source file not in the corpus folder", path=str(path))
            data = path.read_bytes()
            try:
                self._texts[file_name] = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 ({exc.reason} at byte {exc.start})", path=str(path)) from exc
        return self._texts[file_name]

    def sha256(self, file_name: str) -> str:
        return hashlib.sha256(self.text(file_name).encode("utf-8")).hexdigest()
