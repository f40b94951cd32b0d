"""Network analysis (graph/analysis.py) and regime comparison (graph/compare.py) on the real graph."""
from __future__ import annotations

import networkx as nx
import pytest

from nhskg.errors import QueryError
from nhskg.graph.analysis import Analysis, analyse, simple_graph
from nhskg.graph.compare import compare
from nhskg.namespaces import ID


@pytest.fixture(scope="module")
def net(engine) -> Analysis:
    return analyse(engine)


def rows(result) -> list[dict[str, str]]:
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in result.rows]


# ---------------------------------------------------------------- the projection used
def test_simple_graph_is_undirected_without_regimes_or_loose_nodes(net: Analysis) -> None:
    s = net.simple
    assert not s.is_directed() and not s.is_multigraph()
    assert not [n for n, d in s.nodes(data=True) if d.get("kind") == "Regime"]
    assert min(dict(s.degree()).values()) >= 1
    # a pair linked by several statements is one edge weighted by their number
    u, v = str(ID["chris-ham"]), str(ID["national-ics-blueprint"])
    assert s.edges[u, v]["weight"] == len(s.edges[u, v]["facts"]) >= 2


def test_regime_filter_drops_statements_of_other_regimes(engine) -> None:
    opt1 = analyse(engine, ID["regime-option-1"])
    regimes = {d["regime"] for _, _, d in opt1.graph.edges(data=True)}
    assert regimes <= {None, str(ID["regime-option-1"])}
    assert str(ID["ics-board"]) in opt1.simple
    assert str(ID["ics-board"]) not in analyse(engine, ID["regime-option-2"]).simple  # linked only under Option 1


# ---------------------------------------------------------------- measures
def test_centrality_ranks_actors_by_betweenness(net: Analysis) -> None:
    found = rows(net.centrality())
    assert [int(r["rank"]) for r in found] == list(range(1, len(found) + 1))
    assert all(0.0 <= float(r["betweenness"]) <= 1.0 for r in found)
    assert [float(r["betweenness"]) for r in found] == sorted((float(r["betweenness"]) for r in found), reverse=True)
    ham = next(r for r in found if r["label"] == "Chris Ham")
    # Ham links the HSJ stories, his King's Fund keynote and the long-term plan debate
    assert int(ham["rank"]) <= 5 and int(ham["neighbours"]) >= 20
    assert {r["kind"] for r in found} <= {"Person", "Office"} | {k for k in _body_kinds()}
    assert len(rows(net.centrality(actors_only=False))) == net.simple.number_of_nodes()
    assert len(rows(net.centrality(top=3))) == 3


def _body_kinds() -> set[str]:
    from nhskg.graph.projection import BODY_KINDS
    return set(BODY_KINDS)


def test_communities_are_reproducible_and_cover_the_network(engine, net: Analysis) -> None:
    first = net.communities()
    again = analyse(engine).communities()  # a fresh projection, same seed
    assert first == again
    assert sorted(n for c in first for n in c) == sorted(net.simple)
    assert [len(c) for c in first] == sorted((len(c) for c in first), reverse=True)
    # the three authors of the consultation response are always grouped together
    place = net.community_of()
    authors = {place[str(ID[p])] for p in ("allyson-pollock", "peter-roderick", "david-price")}
    assert len(authors) == 1
    table = rows(net.communities_table())
    assert int(table[0]["size"]) == len(first[0])


def test_bridges_really_disconnect(net: Analysis) -> None:
    found = rows(net.bridges())
    assert found
    labels = {n: net.label(n) for n in net.simple}
    by_label = {v: k for k, v in labels.items()}
    for r in found:
        assert int(r["cutOff"]) >= 2 and r["facts"]
        g = net.simple.copy()
        g.remove_edge(by_label[r["from"]], by_label[r["to"]])
        assert not nx.has_path(g, by_label[r["from"]], by_label[r["to"]])
    assert len(rows(net.bridges(include_leaves=True))) >= len(found)


def test_articulation_points_split_the_network(net: Analysis) -> None:
    found = rows(net.articulation())
    points = set(nx.articulation_points(net.simple))
    assert {r["node"] for r in found} == {n.replace("https://w3id.org/nhskg/", "") for n in points}
    top = found[0]
    assert int(top["pieces"]) >= 2 and int(top["cutOff"]) >= 1
    assert "Chris Ham" in {r["label"] for r in found}


def test_speakers_per_proposal(net: Analysis) -> None:
    found = {r["proposal"]: r for r in rows(net.speakers())}
    opt2 = found["Option 2 (statutory ICS body)"]
    assert "NHS England and NHS Improvement (" in opt2["who"] and "prefers" in opt2["who"]
    blueprint = found["A national blueprint and timetable for integrated care systems"]
    assert "Chris Ham (" in blueprint["who"] and "warns-against" in blueprint["who"]


def test_co_mention_network_per_source(net: Analysis) -> None:
    found = {r["source"]: r for r in rows(net.co_mentions())}
    interview = found["id/hsj-ham-exit-interview"]
    assert interview["mostConnected"].startswith("Chris Ham (")
    response = found["id/pollock-roderick-price-response-2021"]
    assert int(response["entities"]) > int(interview["entities"])  # the long response names the most
    assert all(0 < float(r["density"]) <= 1 for r in found.values())


def test_path_gives_evidence_for_each_hop(net: Analysis) -> None:
    hops = net.path(str(ID["chris-ham"]), str(ID["nhs-england"]))
    assert hops[0]["from"] == "Chris Ham" and hops[-1]["to"] == "NHS England"
    assert len(hops) == nx.shortest_path_length(net.simple, str(ID["chris-ham"]), str(ID["nhs-england"]))
    assert all(h["fact"].startswith("fact/") and h["direction"] in "→←" for h in hops)
    assert hops == net.path(str(ID["chris-ham"]), str(ID["nhs-england"]))  # same path every time


def test_path_errors_are_clear() -> None:
    g = nx.MultiDiGraph()
    for n in "abcd":
        g.add_node(n, label=n.upper(), kind="Person")
    g.add_edge("a", "b", key="f1", fact="f1", type="relation", relation="advises", regime=None, sources=[], quotes=[])
    g.add_edge("c", "d", key="f2", fact="f2", type="relation", relation="advises", regime=None, sources=[], quotes=[])
    g.add_node("r", label="R", kind="Regime")
    tiny = Analysis(g, simple_graph(g))
    with pytest.raises(QueryError, match="no chain of statements connects A and C"):
        tiny.path("a", "c")
    with pytest.raises(QueryError, match="regimes are not part of it"):
        tiny.path("a", "r")


# ---------------------------------------------------------------- comparison (library level)
def test_compare_option_1_and_2_finds_the_moved_duties(engine) -> None:
    cmp = compare(engine, "Option 1", "Option 2")
    duties = {r.item: r for r in cmp.differences() if r.aspect == "duties"}
    primary = duties["primary duty to secure the effective provision of health services for the system population"]
    assert (primary.under_a, primary.under_b) == ("—", "ICS body (Option 2)")
    assert primary.facts == ("du-opt2-icsbody-primary-duty",) and primary.evidence
    shared = {(r.aspect, r.item) for r in cmp.shared()}
    assert ("changes", "Section 75 of the Health and Social Care Act 2012") in shared  # both repeal it
    assert len(cmp.to_result(include_shared=True).rows) == len(cmp.rows)


def test_compare_option_2_with_the_2022_act(engine) -> None:
    cmp = compare(engine, "Option 2", "Health and Care Act 2022 as enacted")
    changes = {r.item: r for r in cmp.rows if r.aspect == "changes"}
    assert changes["clinical commissioning groups"].under_b == "abolishes"
    assert changes["integrated care boards"].under_b == "creates"
    commissioning = next(r for r in cmp.rows if r.aspect == "duties" and r.item == "commissioning functions")
    assert (commissioning.under_a, commissioning.under_b) == ("ICS body (Option 2)", "integrated care boards")
