"""The named query library, run on the real graph: each query must give the rows the sources state.

Every ``.rq`` file needs an entry in ``EXPECTED`` below (a check of specific rows); a new query
without one fails ``test_every_named_query_has_a_test``.
"""
from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from nhskg.errors import QueryError
from nhskg.graph.engine import inject_values
from nhskg.namespaces import BASE, FACT, ID
from nhskg.queries.library import load_library
from nhskg.queries.run import bind_params, run_named

LIBRARY = load_library()
CORPUS_FILE = re.compile(r"^(\d{3}_[0-9a-f]{16}\.txt)@(\d+)$")


def rows(engine, name: str, **params: str) -> list[dict[str, str]]:
    """The query's rows with every value as text (IRIs shortened to 'id/...' and 'fact/...')."""
    result = run_named(engine, name, params)
    return [{k: "" if v is None else str(v).replace(BASE, "", 1) for k, v in r.items()} for r in result.rows]


def where(found: list[dict[str, str]], **match: str) -> list[dict[str, str]]:
    return [r for r in found if all(r.get(k) == v for k, v in match.items())]


def one(found: list[dict[str, str]], **match: str) -> dict[str, str]:
    hits = where(found, **match)
    assert hits, f"no row with {match}; got {found[:5]}"
    return hits[0]


# ---------------------------------------------------------------- one check per named query
def q_board_membership(engine) -> None:
    opt1 = rows(engine, "board-membership", regime="Option 1")
    assert {r["regime"] for r in opt1} == {"id/regime-option-1"}
    # a joint committee of commissioners, providers and local authorities, with an Accountable Officer
    members = {r["member"] for r in where(opt1, board="id/ics-board")}
    assert {"id/ccgs", "id/nhs-providers-collective", "id/local-authorities", "id/accountable-officer"} <= members
    opt2 = where(rows(engine, "board-membership", regime="Option 2"), board="id/ics-body")
    # providers, primary care and local government alongside a Chair, Chief Executive and CFO
    assert {"id/ics-chair", "id/ics-chief-executive", "id/ics-chief-financial-officer",
            "id/primary-care", "id/local-authorities"} <= {r["member"] for r in opt2}
    assert all(r["cite"].startswith("003_") for r in opt2)


def q_co_mentions(engine) -> None:
    found = rows(engine, "co-mentions", source="hsj-ham-exit-interview")
    assert {r["source"] for r in found} == {"id/hsj-ham-exit-interview"}
    pair = one(found, a="id/chris-ham", b="id/national-ics-blueprint")
    assert int(pair["statements"]) >= 2  # his warning and his quoted words
    assert all(r["a"] < r["b"] for r in found)  # each pair once


def q_concerns(engine) -> None:
    found = rows(engine, "concerns", about="next-steps-option-2")
    ccgs = [r for r in found if "CCG" in r["summary"] and "abolished" in r["summary"]]
    assert ccgs, "the response says Option 2 is unclear on the fate of CCGs"
    assert ccgs[0]["answered"] in {"no", "partly"}
    assert "Allyson Pollock" in ccgs[0]["raisedBy"]
    unanswered = rows(engine, "concerns", about="next-steps-option-2", answered="no")
    assert unanswered and {r["answered"] for r in unanswered} == {"no"}


def q_duty_matrix(engine) -> None:
    found = rows(engine, "duty-matrix", regime="Option 2")
    assert {r["regime"] for r in found} == {"id/regime-option-2"}
    duty = one(found, holder="id/ics-body", position="id/primary-duty-effective-provision")
    assert duty["positionKind"] == "duty"
    assert "primary duty" in duty["evidence"]
    everything = rows(engine, "duty-matrix")
    assert {r["regime"] for r in everything} >= {"id/regime-2012-act", "id/regime-option-1", "id/regime-option-2",
                                                  "id/regime-hca-2022"}
    one(everything, regime="id/regime-hca-2022", holder="id/integrated-care-boards",
        position="id/commissioning-functions")


def q_entities_by_kind(engine) -> None:
    found = rows(engine, "entities-by-kind")
    assert one(found, kind="regime")["entities"] == "5"
    assert int(one(found, kind="person")["entities"]) >= 10


def q_entity_card(engine) -> None:
    card = one(rows(engine, "entity-card", entity="Sir Chris Ham"), entity="id/chris-ham")
    assert card["label"] == "Chris Ham" and "person" in card["kinds"]
    law = one(rows(engine, "entity-card", entity="hsca-2012"))
    assert "http://www.legislation.gov.uk/id/ukpga/2012/7" in law["sameAs"]


def q_entity_facts(engine) -> None:
    found = rows(engine, "entity-facts", entity="Chris Ham")
    stance = one(found, fact="fact/" + _fact_id(engine, "stances", holder="id/chris-ham",
                                                 target="id/national-ics-blueprint"))
    assert stance["group"] == "stance" and stance["role"] == "stance holder"
    assert any("huge mistake" in r["quote"] for r in found)


def _fact_id(engine, query: str, **match: str) -> str:
    return one(rows(engine, query), **match)["fact"].removeprefix("fact/")


def q_fact_evidence(engine, corpus_dir: Path) -> None:
    found = rows(engine, "fact-evidence", fact="du-opt2-icsbody-primary-duty")
    ev = one(found, file="003_f320b73bb439b03b.txt")
    assert ev["type"] == "holding" and ev["origin"] == "curated"
    assert ev["graph"] == "graph/curated/pollock-roderick-price-response-2021"
    assert ev["dataFile"].startswith("facts/statements/")
    text = (corpus_dir / ev["file"]).read_text(encoding="utf-8")
    start, end = int(ev["start"]), int(ev["end"])
    assert text[start:end] == ev["quote"]  # the offsets point at the verbatim words
    assert text[:start].endswith(ev["prefix"]) and text[end:].startswith(ev["suffix"])
    with pytest.raises(QueryError, match="no fact"):
        rows(engine, "fact-evidence", fact="no-such-fact")


def q_graph_provenance(engine) -> None:
    found = rows(engine, "graph-provenance")
    pr = one(found, graph="graph/curated/pollock-roderick-price-response-2021")
    assert pr["layer"] == "curated" and pr["sourceTitle"].startswith("Response to the NHSE/I consultation")
    assert int(pr["statements"]) > 100 and int(pr["quotes"]) > 100
    assert one(found, graph="graph/ontology")["layer"] == "ontology"
    public = one(found, graph="graph/curated/leg-hca-2022-contents")
    assert public["quotes"] == "0"  # a web page is cited with notes, not quotes


def q_legislation(engine) -> None:
    found = rows(engine, "legislation")
    s75 = one(found, law="id/hsca-2012-s75")
    assert s75["partOfLabel"] == "Health and Social Care Act 2012" and s75["kind"] == "provision"
    assert s75["page"] == "https://www.legislation.gov.uk/ukpga/2012/7/section/75"
    assert "Option 1 (statutory ICS Board) repeals it" in s75["changes"]
    assert "Option 2 (statutory ICS body) repeals it" in s75["changes"]
    assert one(found, law="id/hca-2022")["page"] == "https://www.legislation.gov.uk/ukpga/2022/31"
    assert one(found, law="id/ppcc-regulations-2013")["legislationId"] == "http://www.legislation.gov.uk/id/uksi/2013/500"


def q_links_between(engine) -> None:
    found = rows(engine, "links-between", a="Chris Ham", b="The King's Fund")
    member = one(found, type="membership")
    assert member["factLabel"] == "Chris Ham in The King's Fund as chief executive"
    assert {r["a"] for r in found} == {"id/chris-ham"} and {r["b"] for r in found} == {"id/kings-fund"}


def q_network_edges(engine) -> None:
    found = rows(engine, "network-edges")
    edge = one(found, **{"from": "id/nhse-i", "to": "id/next-steps-option-2", "relation": "prefers"})
    assert edge["type"] == "stance" and "prefer Option 2" in edge["quote"]
    one(found, **{"from": "id/ics-body", "to": "id/primary-duty-effective-provision"}, regime="id/regime-option-2")


def q_next_steps_citations(engine) -> None:
    found = rows(engine, "next-steps-citations")
    single_pot = [r for r in where(found, number="2.40") if "budget" in r["citedFor"].lower()]
    assert single_pot, "paragraph 2.40 is cited for the single pot budget"
    assert single_pot[0]["citingDocument"].startswith("Response to the NHSE/I consultation")
    numbers = list(dict.fromkeys(r["number"] for r in found))
    key = [tuple(int(p) for p in n.split(".")) for n in numbers]
    assert key == sorted(key)  # numeric order: 2.4 before 2.11 before 2.40
    only = rows(engine, "next-steps-citations", paragraph="Next steps paragraph 2.40")
    assert only and {r["number"] for r in only} == {"2.40"}


def q_people_roles(engine) -> None:
    found = rows(engine, "people-roles", person="Chris Ham")
    post = one(found, relation="member", organisationLabel="The King's Fund")
    assert post["roleLabel"] == "chief executive"
    everyone = rows(engine, "people-roles")
    one(everyone, person="id/richard-murray", organisationLabel="The King's Fund")


def q_places(engine) -> None:
    found = rows(engine, "places")
    frimley = one(found, place="id/frimley-health")
    assert frimley["kind"] == "footprint" and "700,000" in frimley["populations"]
    assert one(found, place="id/england")["kind"] == "place"


def q_populations(engine) -> None:
    found = rows(engine, "populations")
    frimley = one(found, place="id/frimley-health")
    assert (frimley["population"], frimley["comparison"], frimley["difference"]) == ("700000", "below 1 million", "-300000")
    assert frimley["approx"] == "true" and "around 700,000" in frimley["quote"]
    assert one(found, place="id/dorset")["comparison"] == "below 1 million"
    assert one(found, place="id/greater-manchester")["comparison"] == "above 1 million"
    values = [int(r["population"]) for r in found]
    assert values == sorted(values)
    assert {r["place"] for r in rows(engine, "populations", place="Frimley Health")} == {"id/frimley-health"}


def q_position_holders(engine) -> None:
    found = rows(engine, "position-holders", position="primary-duty-effective-provision")
    assert [(r["regimeLabel"], r["holderLabel"]) for r in found] == [("Option 2", "ICS body (Option 2)")]
    assert "003_f320b73bb439b03b.txt@" in found[0]["cites"]


def q_proposal_changes(engine) -> None:
    s75 = rows(engine, "proposal-changes", target="Section 75 of the Health and Social Care Act 2012")
    repealers = {r["subject"] for r in where(s75, action="repeals")}
    assert {"id/next-steps-option-1", "id/next-steps-option-2", "id/hca-2022"} <= repealers
    retained = rows(engine, "proposal-changes", action="retains")
    one(retained, target="id/power-to-designate-nhs-trusts")
    assert {r["action"] for r in retained} == {"retains"}
    opt2 = rows(engine, "proposal-changes", subject="Option 2 (statutory ICS body)")
    assert {("revokes", "id/ppcc-regulations-2013"), ("removes-from", "id/public-contracts-regulations-2015")} <= \
        {(r["action"], r["target"]) for r in opt2}


def q_proposals(engine) -> None:
    found = rows(engine, "proposals")
    opt2 = one(found, proposal="id/next-steps-option-2")
    assert int(opt2["stances"]) >= 1 and int(opt2["concerns"]) >= 1
    one(found, proposal="id/ltp-ics-proposals", wholeLabel="NHS Long Term Plan")


def q_regime_changes(engine) -> None:
    found = rows(engine, "regime-changes", regime="Option 1")
    assert {("creates", "id/ics-board"), ("repeals", "id/hsca-2012-s75"), ("merges", "id/ccgs")} <= \
        {(r["action"], r["target"]) for r in found}
    assert one(found, target="id/hsca-2012-s75")["targetKind"] == "law"
    enacted = rows(engine, "regime-changes", regime="Health and Care Act 2022 as enacted")
    one(enacted, action="abolishes", target="id/ccgs")
    one(enacted, action="creates", target="id/integrated-care-boards")


def q_regime_diff(engine) -> None:
    found = rows(engine, "regime-diff", a="Option 1", b="Option 2")
    duty = one(found, position="id/primary-duty-effective-provision")
    assert (duty["holder"], duty["heldUnder"]) == ("id/ics-body", "Option 2")
    one(found, position="id/commissioning-functions", holder="id/ccgs", heldUnder="Option 1")
    one(found, position="id/commissioning-functions", holder="id/ics-body", heldUnder="Option 2")
    assert not where(rows(engine, "regime-diff", a="Option 2", b="Option 2"))


def q_regimes(engine) -> None:
    found = rows(engine, "regimes")
    assert [r["notation"] for r in found] == ["R1", "R2", "R3", "R4", "R5"]
    assert [r["regimeLabel"] for r in found][2:4] == ["Option 1", "Option 2"]
    assert int(one(found, regime="id/regime-option-2")["holdings"]) >= 4


def q_relations(engine) -> None:
    found = rows(engine, "relations", subject="clinical commissioning groups")
    replaced = one(found, relation="replaced by", object="id/integrated-care-boards")
    assert replaced["cite"].startswith("https://")  # outside the corpus: a public source
    assert {r["subject"] for r in found} == {"id/ccgs"}


def q_source_facts(engine) -> None:
    found = rows(engine, "source-facts", source="hsj-ham-exit-interview")
    assert {r["source"] for r in found} == {"id/hsj-ham-exit-interview"}
    frimley = [r for r in found if r["type"] == "population figure" and "Frimley" in r["factLabel"]]
    assert frimley and frimley[0]["onlySource"] == "true" and frimley[0]["sources"] == "1"
    assert one(found, fact="id/chris-ham")["type"] == "entity"


def q_sources(engine) -> None:
    found = rows(engine, "sources")
    response = one(found, file="003_f320b73bb439b03b.txt")
    assert response["date"] == "2021-01-08"
    assert set(response["authors"].split("; ")) == {"Allyson Pollock", "Peter Roderick", "David Price"}
    assert int(response["facts"]) > 100
    assert len([r for r in found if r["file"]]) == 5  # the five corpus texts
    assert one(found, source="id/leg-psr-2023")["url"] == "https://www.legislation.gov.uk/uksi/2023/1348"


def q_speakers_per_proposal(engine) -> None:
    found = rows(engine, "speakers-per-proposal", proposal="Option 2 (statutory ICS body)")
    nhsei = one(found, actor="id/nhse-i")
    assert "prefers" in nhsei["ways"].split(", ")
    assert {r["proposal"] for r in found} == {"id/next-steps-option-2"}


def q_stance_summary(engine) -> None:
    found = rows(engine, "stance-summary", target="next-steps-option-2")
    assert "NHS England and NHS Improvement" in one(found, stance="prefers")["holders"]


def q_stances(engine) -> None:
    found = rows(engine, "stances", target="Option 2 (statutory ICS body)", stance="prefers")
    pref = one(found, holder="id/nhse-i")
    assert pref["quote"] == "NHSE/I prefer Option 2."
    assert CORPUS_FILE.match(pref["cite"]).group(1) == "003_f320b73bb439b03b.txt"
    ham = rows(engine, "stances", holder="Chris Ham", stance="warns-against")
    one(ham, target="id/national-ics-blueprint")


def q_statements_by_type(engine) -> None:
    found = rows(engine, "statements-by-type")
    stances = sum(int(r["statements"]) for r in where(found, type="stance"))
    assert stances == len({r["fact"] for r in rows(engine, "stances")})
    assert {r["origin"] for r in found} >= {"curated"}


def q_structural_changes(engine) -> None:
    found = rows(engine, "structural-changes", subject="Health and Care Act 2022")
    pairs = {(r["action"], r["target"]) for r in found}
    assert {("abolishes", "id/ccgs"), ("creates", "id/integrated-care-boards"), ("renames", "id/nhs-england"),
            ("abolishes", "id/monitor")} <= pairs
    one(found, action="transfers", target="id/commissioning-functions", resultLabel="integrated care boards")
    assert not where(found, action="repeals")  # repeals belong to proposal-changes


def q_timeline(engine) -> None:
    found = rows(engine, "timeline")
    dates = [r["date"] for r in found]
    assert dates == sorted(dates)
    order = [next(i for i, r in enumerate(found) if r["item"] == f"id/{item}")
             for item in ("hca-2022-royal-assent", "icbs-established", "s75-repealed")]
    assert order == sorted(order)
    assert one(found, item="id/hca-2022-royal-assent")["date"] == "2022-04-28"
    assert one(found, item="id/pollock-roderick-price-response-2021")["kind"] == "source published"


def q_triples_by_graph(engine, built) -> None:
    found = rows(engine, "triples-by-graph")
    # every quad counted once, in its own named graph (a triple stated by two sources counts twice)
    assert sum(int(r["triples"]) for r in found) == len(engine.store) >= built.summary["triples"]
    one(found, graph="graph/ontology")


def q_unaccountable_power(engine) -> None:
    found = rows(engine, "unaccountable-power", regime="ICSs before legislation (2021/22)")
    holders = {r["holder"] for r in found}
    assert {"id/provider-collaboratives", "id/clinical-networks"} <= holders
    assert "id/nhs-england" not in holders and "id/ccgs" not in holders  # statutory bodies
    assert all("partnership" in r["kinds"] or "committee" in r["kinds"] or "body" in r["kinds"] for r in found)
    assert not where(rows(engine, "unaccountable-power"), holder="id/integrated-care-boards")


def q_unanswered_concerns(engine) -> None:
    found = rows(engine, "unanswered-concerns")
    assert {r["status"] for r in found} <= {"unanswered", "partly answered"}
    assert int(one(found, about="id/next-steps-option-2", status="unanswered")["concerns"]) >= 3


def q_who_said_what(engine) -> None:
    found = rows(engine, "who-said-what", speaker="Chris Ham")
    assert any("huge mistake" in r["words"] for r in found)
    assert {r["speaker"] for r in found} == {"id/chris-ham"}
    lock = one(rows(engine, "who-said-what"), speaker="id/david-lock")
    assert "market system" in lock["words"]


EXPECTED: dict[str, Callable] = {
    "board-membership": q_board_membership, "co-mentions": q_co_mentions, "concerns": q_concerns,
    "duty-matrix": q_duty_matrix, "entities-by-kind": q_entities_by_kind, "entity-card": q_entity_card,
    "entity-facts": q_entity_facts, "fact-evidence": q_fact_evidence, "graph-provenance": q_graph_provenance,
    "legislation": q_legislation, "links-between": q_links_between, "network-edges": q_network_edges,
    "next-steps-citations": q_next_steps_citations, "people-roles": q_people_roles, "places": q_places,
    "populations": q_populations, "position-holders": q_position_holders, "proposal-changes": q_proposal_changes,
    "proposals": q_proposals, "regime-changes": q_regime_changes, "regime-diff": q_regime_diff,
    "regimes": q_regimes, "relations": q_relations, "source-facts": q_source_facts, "sources": q_sources,
    "speakers-per-proposal": q_speakers_per_proposal, "stance-summary": q_stance_summary, "stances": q_stances,
    "statements-by-type": q_statements_by_type, "structural-changes": q_structural_changes,
    "timeline": q_timeline, "triples-by-graph": q_triples_by_graph, "unaccountable-power": q_unaccountable_power,
    "unanswered-concerns": q_unanswered_concerns, "who-said-what": q_who_said_what,
}


def test_every_named_query_has_a_test() -> None:
    untested = sorted(set(LIBRARY) - set(EXPECTED))
    assert not untested, f"named queries without a test in tests/test_queries.py: {', '.join(untested)}"
    assert not set(EXPECTED) - set(LIBRARY), "tests for queries that no longer exist"


def test_the_library_covers_the_research_questions() -> None:
    assert len(LIBRARY) >= 25


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_named_query_gives_the_rows_the_sources_state(name: str, request: pytest.FixtureRequest) -> None:
    check = EXPECTED.get(name)
    if check is None:
        pytest.fail(f"no test for the named query '{name}': add one to EXPECTED")
    wanted = check.__code__.co_varnames[:check.__code__.co_argcount]
    check(*(request.getfixturevalue(arg) for arg in wanted))


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_header_documents_the_query(name: str) -> None:
    q = LIBRARY[name]
    assert q.question.endswith(("?", ")")) or len(q.question) > 20
    assert q.examples and all(ex.startswith(f"nhskg query {name}") for ex in q.examples)
    projection = q.text.split("WHERE", 1)[0]
    for p in q.params:
        # the embedded store binds a parameter only if its variable is projected
        assert re.search(rf"\?{p.name}\b", projection), f"?{p.name} is not in the SELECT clause of {name}"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_documented_example_runs(name: str, engine) -> None:
    args = shlex.split(LIBRARY[name].examples[0])[3:]
    params = dict(value.split("=", 1) for flag, value in zip(args, args[1:]) if flag in ("--param", "-p"))
    assert run_named(engine, name, params).rows, f"the example of {name} gives no rows"


# ---------------------------------------------------------------- parameters are bound, never pasted
HOSTILE = ['prefers" } UNION { ?holder ?p ?o } #', "x' . ?s ?p ?o }", "}}}{{{", 'a\\" } ; DROP ALL ; #']


@pytest.mark.parametrize("value", HOSTILE)
def test_a_string_parameter_cannot_change_the_query(engine, value: str) -> None:
    assert run_named(engine, "stances", {"stance": value}).rows == []
    assert run_named(engine, "concerns", {"answered": value}).rows == []


@pytest.mark.parametrize("value", HOSTILE)
def test_values_sent_to_an_endpoint_stay_one_literal(engine, value: str) -> None:
    """The remote engine binds with a VALUES block; run that exact text to see what an endpoint would do."""
    text = inject_values(LIBRARY["stances"].text, {"stance": Literal(value)})
    assert engine.run(text).rows == []
    # control: the same route with an honest value gives what binding by substitution gives
    honest = engine.run(inject_values(LIBRARY["stances"].text, {"stance": Literal("prefers")})).rows
    assert honest and honest == run_named(engine, "stances", {"stance": "prefers"}).rows


def test_an_entity_parameter_is_resolved_not_pasted(engine) -> None:
    with pytest.raises(QueryError, match="no entity called"):
        run_named(engine, "stances", {"target": 'Option 2" } UNION { ?s ?p ?o'})
    bound = bind_params(LIBRARY["stances"], {"target": "option 2 (statutory ics body)"}, engine)
    assert bound["target"] == URIRef(ID["next-steps-option-2"])


def test_parameter_errors_are_one_clear_line(engine) -> None:
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        run_named(engine, "stances", {"nope": "x"})
    with pytest.raises(QueryError, match="needs --param regime"):
        run_named(engine, "regime-changes", {})
    with pytest.raises(QueryError, match="no named query 'stance'.*stances"):
        run_named(engine, "stance", {})


def test_a_fact_parameter_takes_a_slug_or_an_iri(engine) -> None:
    by_slug = rows(engine, "fact-evidence", fact="du-opt2-icsbody-primary-duty")
    by_iri = rows(engine, "fact-evidence", fact=str(FACT["du-opt2-icsbody-primary-duty"]))
    assert by_slug == by_iri and by_slug


def test_queries_are_deterministic(engine) -> None:
    for name in ("speakers-per-proposal", "legislation", "unaccountable-power", "co-mentions"):
        assert rows(engine, name) == rows(engine, name)


EVIDENCE_PAIRS = """
SELECT ?quote ?cite WHERE {
  ?ev a nhs:Evidence ; oa:hasSource ?source .
  OPTIONAL { ?ev nhs:quote ?q } OPTIONAL { ?ev rdfs:comment ?note }
  OPTIONAL { ?source nhs:fileName ?file } OPTIONAL { ?source nhs:sourceUrl ?url }
  OPTIONAL { ?ev oa:hasSelector/oa:start ?start }
  BIND(COALESCE(?q, ?note, "") AS ?quote)
  BIND(COALESCE(CONCAT(?file, "@", STR(?start)), ?file, STR(?url), "") AS ?cite)
}"""


@pytest.mark.parametrize("name", ["timeline", "unaccountable-power"])
def test_a_row_shows_the_quote_and_cite_of_one_piece_of_evidence(engine, name: str) -> None:
    # These queries show one piece of evidence per row out of several: the quote and the cite must
    # come from the same one (two SAMPLEs could pair one quote with another's cite).
    pairs = {(str(r["quote"]), str(r["cite"])) for r in engine.run(EVIDENCE_PAIRS).rows}
    shown = [(r["evidence"], r["cites"]) for r in rows(engine, name) if r.get("cites")]
    assert len(shown) >= 4
    for pair in shown:
        assert pair in pairs, pair


def test_values_binding_gives_the_rows_substitution_gives(engine) -> None:
    # '# bind: values' inlines the parameters as a VALUES block for the planner's sake; the rows
    # must be the ones the store's own substitution gives.
    chosen = [q for q in LIBRARY.values() if q.bind_values]
    assert {"regime-changes", "position-holders"} <= {q.name for q in chosen}
    cases = {"regime-changes": {"regime": "Option 1"}, "position-holders": {"position": "commissioning functions"}}
    for q in chosen:
        bindings = bind_params(q, cases[q.name], engine)
        inlined = engine.run(*q.prepared(bindings)).rows
        assert "VALUES" in q.prepared(bindings)[0]
        substituted = engine.run(q.text, bindings).rows
        assert inlined and sorted(map(repr, inlined)) == sorted(map(repr, substituted)), q.name


def test_bind_header_takes_only_values(tmp_path: Path) -> None:
    from nhskg.errors import DataError
    from nhskg.queries.library import parse_query_file
    bad = tmp_path / "bad.rq"
    bad.write_text("# question: x?\n# bind: inline\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(DataError, match="'# bind:' takes one value"):
        parse_query_file(bad)
