"""The fact files: every error names the file, line and fact, and quotes are checked verbatim."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nhskg.errors import DataError, EvidenceError
from nhskg.graph.ontology import entity_kinds
from nhskg.loaders.corpus import Corpus
from nhskg.loaders.facts import load_factbase
from nhskg.loaders.verify import check_evidence, locate_evidence
from nhskg.paths import FACTS_DIR


@pytest.fixture()
def facts_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, dest, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return dest


def _load(root: Path):
    return load_factbase(root, set(entity_kinds()))


def test_shipped_facts_check_against_the_corpus(corpus_dir: Path) -> None:
    base = _load(FACTS_DIR)
    report = check_evidence(base, Corpus(corpus_dir))
    assert report.quotes_checked >= len(base.statements)  # every corpus-backed fact carries a quote
    assert report.sha_mismatches == []
    assert set(report.sources_checked) == {s.id for s in base.sources.values() if s.file}


def test_every_record_has_evidence_and_every_quote_is_short() -> None:
    base = _load(FACTS_DIR)
    for rec in [*base.entities.values(), *base.statements.values()]:
        assert rec.evidence, rec.id
        for ev in rec.evidence:
            assert ev.quote is None or len(ev.quote.split()) <= 35, rec.id


def _replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_tampered_quote_fails_naming_file_line_and_fact(facts_copy: Path, corpus_dir: Path) -> None:
    line = _replace(facts_copy / "entities" / "core.yaml", 'quote: "NHSE/I prefer Option 2."',
                    'quote: "NHSE/I reject Option 2."')
    with pytest.raises(EvidenceError) as err:
        check_evidence(_load(facts_copy), Corpus(corpus_dir))
    msg = str(err.value)
    assert "facts/entities/core.yaml:" in msg
    assert line - 3 <= err.value.line <= line  # the evidence item holding the quote
    assert "[next-steps-option-2]" in msg
    assert "NHSE/I prefer Option 2." in msg  # shows what the source really says


def test_quote_at_the_wrong_offset_fails(facts_copy: Path, corpus_dir: Path) -> None:
    path = facts_copy / "entities" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      start: 5047\n"
    assert old in text
    path.write_text(text.replace(old, "      start: 5048\n"), encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"public-contracts-regulations-2015.*occurs at \[5047"):
        check_evidence(_load(facts_copy), Corpus(corpus_dir))


def test_locate_fills_missing_offsets(facts_copy: Path, corpus_dir: Path) -> None:
    path = facts_copy / "entities" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    stripped = "\n".join(l for l in text.splitlines() if not l.strip().startswith("start:")) + "\n"
    path.write_text(stripped, encoding="utf-8")
    filled, problems = locate_evidence(_load(facts_copy), Corpus(corpus_dir), facts_copy.parent)
    # only the ambiguous quote (three occurrences) needs a hand-set offset
    assert len(problems) == 1 and "occurs 3 times" in problems[0]
    assert filled == text.count("start:") - 1


@pytest.mark.parametrize("old,new,message", [
    ("  kind: [NHSBody, Commissioner]\n  label: NHS England", "  kind: [NHSBody, Comissioner]\n  label: NHS England",
     "unknown kind 'Comissioner'"),
    ("- id: hsj\n", "- id: HSJ paper\n", "'id' must be a slug"),
    ("  part_of: hsca-2012\n", "  part_of: hsca-2021\n", "unknown id 'hsca-2021'; did you mean hsca-2012"),
    ("  label: Monitor\n", "  label: Monitor\n  colour: blue\n", "unknown field(s): colour"),
    ("  date: 2022-04-28\n", "  date: 28/04/2022\n", "a date written YYYY"),
])
def test_schema_errors_name_the_place(facts_copy: Path, old: str, new: str, message: str) -> None:
    line = _replace(facts_copy / "entities" / "core.yaml", old, new)
    with pytest.raises(DataError) as err:
        _load(facts_copy)
    assert message in str(err.value)
    assert "core.yaml:" in str(err.value)
    assert abs(err.value.line - line) <= 12


def test_malformed_yaml_names_the_line(facts_copy: Path) -> None:
    path = facts_copy / "entities" / "core.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: broken\n  kind: [Body\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"core\.yaml:\d+: malformed YAML"):
        _load(facts_copy)


def test_record_without_evidence_is_refused(facts_copy: Path) -> None:
    path = facts_copy / "entities" / "core.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: unsourced-body\n  kind: Body\n  label: X\n",
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"\[unsourced-body\] no evidence"):
        _load(facts_copy)


def test_duplicate_ids_are_refused(facts_copy: Path) -> None:
    path = facts_copy / "entities" / "extra.yaml"
    path.write_text("- id: monitor\n  kind: Regulator\n  label: Another Monitor\n  evidence:\n"
                    "    - source: leg-hsca-2012\n      note: x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"\[monitor\] duplicate id \(first at facts/entities/core.yaml"):
        _load(facts_copy)
