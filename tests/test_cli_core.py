"""The core commands as a user types them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from nhskg.cli import cli


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    return result


def test_build_prints_a_summary(tmp_path: Path, corpus_dir: Path) -> None:
    res = run("build", "--corpus", str(corpus_dir), "--out", str(tmp_path / "kg"), "-q")
    assert res.exit_code == 0, res.output
    for word in ("Entities:", "Facts:", "Sources:", "checked verbatim", "Store:", "Exports:"):
        assert word in res.output
    exports = tmp_path / "kg" / "current" / "exports"
    assert (exports / "nhskg.nq").exists() and not (exports / "nhskg.ttl").exists()
    res = run("build", "--corpus", str(corpus_dir), "--out", str(tmp_path / "kg"), "-q", "--exports", "ttl,jsonld")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in exports.glob("nhskg.*")) == ["nhskg.jsonld", "nhskg.nq", "nhskg.ttl"]
    res = run("build", "--out", str(tmp_path / "kg"), "--exports", "ttl,xml")
    assert res.exit_code == 2 and "unknown format 'xml'" in res.output


def test_describe_groups_facts_with_quotes(out_dir: Path) -> None:
    res = run("describe", "Sir Chris", "--out", str(out_dir))
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Chris Ham")
    assert "STANCE" in res.output and "“" in res.output and "000_9570cb4b97a60108.txt@" in res.output


def test_commands_without_a_build_say_so() -> None:
    proc = subprocess.run([sys.executable, "-m", "nhskg", "describe", "NHS Englnd", "--out", "/nonexistent"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "no graph built here yet" in proc.stderr


def test_describe_unknown_name_with_graph(out_dir: Path) -> None:
    res = run("describe", "NHS Englnd", "--out", str(out_dir))
    assert res.exit_code != 0
    assert "no entity called 'NHS Englnd'" in str(res.exception) and "NHS England" in str(res.exception)


def test_export_to_file_and_ontology(out_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "kg.trig"
    assert run("export", "--format", "trig", "-o", str(target), "--out", str(out_dir)).exit_code == 0
    assert "<https://w3id.org/nhskg/graph/curated/pollock-roderick-price-response-2021> {" in target.read_text(encoding="utf-8")
    onto = run("ontology", "--format", "rdfxml")
    assert onto.exit_code == 0
    import rdflib
    g = rdflib.Graph().parse(data=onto.output, format="xml")
    assert (rdflib.URIRef("https://w3id.org/nhskg/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in g


def test_stats_lists_kinds_and_graphs(out_dir: Path) -> None:
    res = run("stats", "--out", str(out_dir))
    assert res.exit_code == 0
    assert "person" in res.output and "graph/curated/pollock-roderick-price-response-2021" in res.output


def test_no_generic_top_level_modules_are_installed() -> None:
    code = "import importlib.util as u; print([m for m in ('graph','queries','loaders','viz','ontology','facts') if u.find_spec(m)])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert proc.stdout.strip() == "[]"


def test_search_finds_entities_by_part_of_a_label(out_dir: Path) -> None:
    res = run("search", "integrated care", "--out", str(out_dir))
    assert res.exit_code == 0
    assert "integrated care systems  <https://w3id.org/nhskg/id/integrated-care-systems>" in res.output
    assert "no entity" in run("search", "zzzz-nothing", "--out", str(out_dir)).output


def test_export_format_names_match_the_export_module() -> None:
    # the CLI keeps its own copy of the names so that --help imports no RDF library
    from nhskg.cli.graph_cmds import EXPORT_FORMATS
    from nhskg.graph.export import FORMATS
    assert EXPORT_FORMATS == tuple(FORMATS)
