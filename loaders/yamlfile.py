"""Read YAML data files keeping line numbers, so every error can point at a line."""
from __future__ import annotations

import hashlib
import marshal
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from nhskg.errors import DataError

LINE_KEY = "__line__"


class _Lines:
    """Records the source line of every mapping under ``__line__`` (mixed into a YAML loader)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        mapping = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


class _LineLoader(_Lines, yaml.SafeLoader):
    """SafeLoader that records the source line of every mapping under ``__line__``."""


class _FastLineLoader(_Lines, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's C parser: about 9x faster on large fact folders (benchmarks/).

    It gives the same records (same line numbers); on a syntax error the file is parsed again
    with the pure-Python loader so the message a curator sees does not change.
    """


def _no_dates(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # Keep dates as written ("2018-12", "2018-05-03"): the build types them itself.
    return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _no_dates)
_FastLineLoader.add_constructor("tag:yaml.org,2002:timestamp", _no_dates)


def read_records(path: Path) -> list[dict[str, Any]]:
    """Return the list of mappings in a data file, or fail naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) from exc
    try:
        try:
            data = yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - SafeLoader subclass
        except yaml.MarkedYAMLError:
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - for the pure-Python loader's message
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise DataError(f"malformed YAML: {exc.problem}", path=str(path), line=line) from exc
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise DataError("expected a list of records (each starting with '- id: ...')", path=str(path), line=1)
    return data


# -- many files: a cache by content and two processes ------------------------------------------

_CACHE_VERSION = b"nhskg-records-1"  # change when read_records' output changes shape
_PARALLEL_BYTES = 4_000_000          # below this, starting processes costs more than it saves


def read_many(paths: Sequence[Path], cache_dir: Path | None = None) -> list[list[dict[str, Any]]]:
    """``read_records`` for every path, in order, reusing earlier results and using two processes.

    With ``cache_dir``, each file's records are kept under the sha256 of its bytes (as ``marshal``
    data: the records are plain dicts, lists, strings and numbers), so a rebuild after editing one
    file parses only that file; entries no file uses any more are deleted. Files not in the cache
    are parsed in worker processes when there are megabytes of them (YAML construction is Python
    work, about 4 s for a million-triple fact base, and the machine has more than one core).
    A file that fails is read again here, so its error is raised exactly as ``read_records`` words it.
    """
    blobs = [p.read_bytes() for p in paths]
    keys = [hashlib.sha256(_CACHE_VERSION + b).hexdigest() for b in blobs]
    out: list[list[dict[str, Any]] | None] = [None] * len(paths)
    if cache_dir is not None:
        for i, key in enumerate(keys):
            try:
                out[i] = marshal.loads((cache_dir / key).read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                pass
    todo = [i for i, r in enumerate(out) if r is None]
    if sum(len(blobs[i]) for i in todo) >= _PARALLEL_BYTES and (os.cpu_count() or 1) > 1 \
            and threading.active_count() == 1:  # fork is only safe with no other thread running
        for i, records in zip(todo, _parallel([paths[i] for i in todo])):
            out[i] = records
    for i in todo:
        if out[i] is None:
            out[i] = read_records(paths[i])
    if cache_dir is not None:
        _save_cache(cache_dir, {keys[i]: out[i] for i in todo}, set(keys))
    return out  # type: ignore[return-value]


def _read_or_none(path: Path) -> list[dict[str, Any]] | None:
    try:
        return read_records(path)
    except Exception:  # noqa: BLE001 - the parent reads it again and raises the real error
        return None


def _parallel(paths: list[Path]) -> list[list[dict[str, Any]] | None]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = min(os.cpu_count() or 1, 4)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_read_or_none, paths, chunksize=max(1, len(paths) // (workers * 4))))


def _save_cache(cache_dir: Path, new: dict[str, Any], keep: set[str]) -> None:
    """Write new entries (temporary name, then rename) and drop the ones no file uses."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for key, records in new.items():
            tmp = cache_dir / f".{key}.{os.getpid()}"
            tmp.write_bytes(marshal.dumps(records))
            os.replace(tmp, cache_dir / key)
        for old in cache_dir.iterdir():
            if old.name not in keep and not old.name.startswith("."):
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
