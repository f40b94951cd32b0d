"""The query commands as a researcher uses them: queries, query, sparql, compare, analyse, path."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from nhskg.cli import cli
from nhskg.errors import QueryError
from nhskg.queries.library import load_library


@pytest.fixture(scope="module")
def run(out_dir):
    """Invoke ``nhskg ARGS --out <the real build>``; returns the click result."""
    runner = CliRunner()

    def invoke(*args: str, out: bool = True, input: str | None = None):
        extra = ["--out", str(out_dir)] if out else []
        return runner.invoke(cli, [*args, *extra], input=input, catch_exceptions=True)
    return invoke


def ok(result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.output}\n{result.exception!r}"
    return result.output


def fails(result, message: str) -> None:
    """A user error: exit status 1 and a QueryError whose one-line message says what to do."""
    assert result.exit_code == 1
    assert isinstance(result.exception, QueryError), repr(result.exception)
    assert message in str(result.exception)


def table_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- nhskg queries
def test_queries_lists_every_named_query_with_its_question_and_parameters(run) -> None:
    out = ok(run("queries", out=False))
    for name, q in load_library().items():
        assert name in out
    assert "regime?, holder?" in out  # duty-matrix: both parameters optional
    listed = json.loads(ok(run("queries", "--format", "json", out=False)))
    duty = next(q for q in listed if q["name"] == "duty-matrix")
    assert duty["question"].startswith("Which bodies hold which duties")
    assert {p["name"] for p in duty["params"]} == {"regime", "holder"}


# ---------------------------------------------------------------- nhskg query
def test_query_prints_csv_with_the_expected_rows(run) -> None:
    rows = table_rows(ok(run("query", "populations", "--format", "csv")))
    frimley = next(r for r in rows if r["placeLabel"] == "Frimley Health")
    assert (frimley["population"], frimley["comparison"]) == ("700000", "below 1 million")
    assert frimley["place"] == "https://w3id.org/nhskg/id/frimley-health"  # full IRIs in CSV


def test_query_json_is_sparql_results_json(run) -> None:
    data = json.loads(ok(run("query", "stances", "--param", "target=Option 2 (statutory ICS body)",
                             "--param", "stance=prefers", "--format", "json")))
    assert "holderLabel" in data["head"]["vars"]
    holders = {b["holderLabel"]["value"] for b in data["results"]["bindings"]}
    assert "NHS England and NHS Improvement" in holders
    assert data["results"]["bindings"][0]["holder"]["type"] == "uri"


def test_query_table_and_markdown_with_chosen_columns(run) -> None:
    out = ok(run("query", "duty-matrix", "-p", "regime=Option 2", "-c", "holderLabel,positionKind,positionLabel"))
    assert out.splitlines()[0].split() == ["holderLabel", "positionKind", "positionLabel"]
    assert "ICS body (Option 2)" in out and "rows)" in out
    md = ok(run("query", "duty-matrix", "-p", "regime=Option 2", "-c", "holderLabel,positionLabel", "--format", "md"))
    assert md.startswith("| holderLabel | positionLabel |")
    fails(run("query", "duty-matrix", "-c", "nope"), "no column nope")


def test_query_show_prints_the_sparql_and_binds_values_for_an_endpoint(run) -> None:
    text = ok(run("query", "duty-matrix", "--show", out=False))
    assert text.startswith("# question:") and "SELECT" in text and "VALUES (?regime)" not in text
    bound = ok(run("query", "duty-matrix", "--show", "-p", "regime=Option 2"))
    assert "VALUES (?regime) { (<https://w3id.org/nhskg/id/regime-option-2>) }" in bound


def test_query_help_params_describes_parameters(run) -> None:
    out = ok(run("query", "stances", "--help-params", out=False))
    assert "--param stance=...  (string, optional)" in out and "example: nhskg query stances" in out


def test_query_errors_are_clear(run) -> None:
    fails(run("query", "stance"), "no named query 'stance'; did you mean stances")
    fails(run("query", "stances", "-p", "colour=red"), "has no parameter 'colour'")
    fails(run("query", "stances", "-p", "target"), "--param needs KEY=VALUE")
    fails(run("query", "regime-diff", "-p", "a=Option 1"), "needs --param b=")
    fails(run("query", "stances", "-p", "target=Optoin 2"), "no entity called 'Optoin 2'")


def test_query_reports_an_unreachable_endpoint(run) -> None:
    fails(run("query", "regimes", "--endpoint", "http://127.0.0.1:9/query", out=False), "cannot reach endpoint")


# ---------------------------------------------------------------- nhskg sparql
def test_sparql_select_with_predeclared_prefixes(run) -> None:
    rows = table_rows(ok(run("sparql", "SELECT ?r WHERE { ?r a nhs:Regime } ORDER BY ?r", "--format", "csv")))
    assert len(rows) == 5 and rows[0]["r"].startswith("https://w3id.org/nhskg/id/regime-")


def test_sparql_ask_construct_and_describe(run) -> None:
    assert ok(run("sparql", "ASK { id:ics-body a nhs:NHSBody }")).strip() == "yes"
    assert ok(run("sparql", "ASK { id:ics-body a nhs:Person }")).strip() == "no"
    turtle = ok(run("sparql", "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a nhs:Regime ; skos:prefLabel ?l }"))
    assert len(Graph().parse(data=turtle, format="turtle")) == 5
    described = Graph().parse(data=ok(run("sparql", "DESCRIBE id:chris-ham")), format="turtle")
    assert any("Chris Ham" in str(o) for o in described.objects())


def test_sparql_from_a_file_and_from_stdin(run, tmp_path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a nhs:Regime }\n", encoding="utf-8")
    assert table_rows(ok(run("sparql", "-f", str(f), "--format", "csv"))) == [{"n": "5"}]
    piped = ok(run("sparql", "-", "--format", "csv", input="SELECT (COUNT(*) AS ?n) WHERE { ?s a nhs:Regime }"))
    assert table_rows(piped) == [{"n": "5"}]


def test_sparql_syntax_error_shows_line_and_column(run) -> None:
    result = run("sparql", "SELECT ?s WHERE {\n  ?s a nhs:Regime .\n  FILTER(?s = ) }")
    fails(result, "SPARQL syntax error")
    assert "3:" in str(result.exception) and "line 3:   FILTER(?s = ) }" in str(result.exception)


def test_sparql_names_an_unknown_prefix(run) -> None:
    fails(run("sparql", "SELECT ?x WHERE { ?x foo:bar ?y }"), "unknown prefix foo:")


def test_sparql_refuses_updates_and_stops_at_the_timeout(run) -> None:
    fails(run("sparql", "DELETE WHERE { ?s ?p ?o }"), "read-only")
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a a nhs:Holding . ?s ?p ?o }"
    fails(run("sparql", slow, "--timeout", "0.000001"), "timeout")


def test_sparql_needs_exactly_one_query(run) -> None:
    fails(run("sparql"), "give the query as an argument or with -f FILE")


# ---------------------------------------------------------------- nhskg compare
def test_compare_option_1_and_option_2(run) -> None:
    rows = table_rows(ok(run("compare", "Option 1", "Option 2", "--format", "csv")))
    duty = next(r for r in rows if r["item"].startswith("primary duty to secure the effective provision"))
    assert (duty["aspect"], duty["underA"], duty["underB"]) == ("duties", "—", "ICS body (Option 2)")
    assert "du-opt2-icsbody-primary-duty" in duty["facts"] and duty["evidence"]
    commissioning = next(r for r in rows if r["aspect"] == "duties" and r["item"] == "commissioning functions")
    assert (commissioning["underA"], commissioning["underB"]) == ("clinical commissioning groups", "ICS body (Option 2)")
    created = {(r["underA"], r["underB"]) for r in rows if r["aspect"] == "changes" and r["item"].startswith("ICS B")}
    assert created == {("creates", "—")}
    assert all(r["same"] == "no" for r in rows)


def test_compare_lists_what_both_share_with_all(run) -> None:
    rows = table_rows(ok(run("compare", "Option 1", "Option 2", "--all", "--aspect", "changes", "--format", "csv")))
    s75 = next(r for r in rows if r["item"] == "Section 75 of the Health and Social Care Act 2012")
    assert (s75["underA"], s75["underB"], s75["same"]) == ("repeals", "repeals", "yes")
    assert {r["aspect"] for r in rows} == {"changes"}
    table = ok(run("compare", "Option 1", "Option 2"))
    assert table.startswith("A = Option 1    B = Option 2")
    assert "= changes: Section 75 of the Health and Social Care Act 2012: repeals" in table


def test_compare_prefers_the_regime_when_a_name_is_shared(run) -> None:
    out = ok(run("compare", "the 2022 Act", "current law", "--aspect", "changes"))
    assert out.startswith("A = Health and Care Act 2022 as enacted    B = Current law")


def test_compare_needs_two_different_regimes(run) -> None:
    fails(run("compare", "Option 1", "Chris Ham"), "'Chris Ham' is not a regime; regimes are:")
    fails(run("compare", "Option 2", "regime-option-2"), "are the same regime")


# ---------------------------------------------------------------- nhskg analyse and path
def test_analyse_centrality_as_csv(run) -> None:
    rows = table_rows(ok(run("analyse", "--measure", "centrality", "--format", "csv")))
    ranks = [int(r["rank"]) for r in rows]
    assert ranks == list(range(1, len(rows) + 1))
    betweenness = [float(r["betweenness"]) for r in rows]
    assert betweenness == sorted(betweenness, reverse=True)
    assert {"Chris Ham", "NHS England", "Allyson Pollock"} <= {r["label"] for r in rows}
    assert not {r["kind"] for r in rows} & {"Proposal", "Duty", "Regime"}  # actors only


def test_analyse_json_holds_every_measure_and_table_prints_each(run) -> None:
    data = json.loads(ok(run("analyse", "--format", "json")))
    assert set(data) == {"centrality", "communities", "bridges", "articulation", "speakers", "comentions"}
    assert data["communities"]["results"]["bindings"]
    table = ok(run("analyse", "--measure", "communities"))
    assert table.startswith("Network: ") and "leadingActors" in table
    fails(run("analyse", "--format", "csv"), "CSV holds one table")


def test_analyse_under_a_regime(run) -> None:
    rows = table_rows(ok(run("analyse", "--regime", "Option 2", "--measure", "centrality", "--format", "csv",
                             "--all-nodes")))
    labels = {r["label"] for r in rows}
    assert "ICS body (Option 2)" in labels and "ICS Board (Option 1)" not in labels  # linked only under Option 1
    whole = ok(run("analyse", "--measure", "bridges")).splitlines()[0]
    under = ok(run("analyse", "--regime", "Option 2", "--measure", "bridges")).splitlines()[0]
    assert under.startswith("Network under Option 2: ")
    assert int(under.split(": ")[1].split()[0]) < int(whole.split(": ")[1].split()[0])
    fails(run("analyse", "--regime", "Chris Ham"), "is not a regime")


def test_path_connects_two_entities_with_evidence_per_hop(run) -> None:
    rows = table_rows(ok(run("path", "Chris Ham", "NHS England", "--format", "csv")))
    assert rows[0]["from"] == "Chris Ham" and rows[-1]["to"] == "NHS England"
    for before, after in zip(rows, rows[1:]):
        assert before["to"] == after["from"]
    assert all(r["fact"].startswith("fact/") and r["source"] for r in rows)
    assert ok(run("path", "Chris Ham", "NHS England")).startswith("Chris Ham to NHS England: ")
    fails(run("path", "Chris Ham", "Sir Chris"), "the same entity")
