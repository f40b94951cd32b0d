"""The headline question: which bodies hold which duties, powers and functions under each regime.

Expected rows are what the sources say: the Option 1 and Option 2 paragraphs of the Pollock,
Roderick and Price response (003), section 75 as quoted there, and legislation.gov.uk for 2022.
"""
from __future__ import annotations

from collections import defaultdict

import pytest
from click.testing import CliRunner

from nhskg.cli import cli
from nhskg.queries.run import run_named

ID = "https://w3id.org/nhskg/id/"


@pytest.fixture(scope="module")
def matrix(engine) -> dict[str, set[tuple[str, str]]]:
    """regime slug -> {(holder slug, position slug)}"""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in run_named(engine, "duty-matrix").rows:
        out[str(row["regime"]).removeprefix(ID)].add((str(row["holder"]).removeprefix(ID),
                                                      str(row["position"]).removeprefix(ID)))
    return out


def test_all_five_regimes_have_holdings(matrix) -> None:
    assert set(matrix) == {"regime-2012-act", "regime-ics-2021-22", "regime-option-1", "regime-option-2",
                           "regime-hca-2022"}


def test_option_2_ics_body(matrix) -> None:
    held = {p for h, p in matrix["regime-option-2"] if h == "ics-body"}
    assert {"primary-duty-effective-provision", "commissioning-functions", "power-to-arrange-with-providers",
            "power-to-appoint-board-members"} <= held


def test_option_1_keeps_one_ccg_that_may_delegate(matrix) -> None:
    opt1 = matrix["regime-option-1"]
    assert ("ccgs", "commissioning-functions") in opt1
    assert ("ccgs", "power-to-delegate-population-health-functions") in opt1
    # the primary duty is Option 2's: no Option 1 body is given it
    assert not any(p == "primary-duty-effective-provision" for _, p in opt1)


def test_2012_act_section_75_requirements_fall_on_nhs_england_and_ccgs(matrix) -> None:
    law = matrix["regime-2012-act"]
    for holder in ("nhs-england", "ccgs"):
        for duty in ("duty-good-procurement-practice", "duty-protect-patient-choice",
                     "duty-no-anti-competitive-behaviour"):
            assert (holder, duty) in law
    assert ("secretary-of-state", "power-to-make-s75-regulations") in law


def test_2022_act_gives_icbs_the_commissioning_functions(matrix) -> None:
    assert ("integrated-care-boards", "commissioning-functions") in matrix["regime-hca-2022"]
    assert ("integrated-care-boards", "duty-to-establish-icp") in matrix["regime-hca-2022"]
    # CCGs were abolished: they hold nothing under the 2022 Act
    assert not any(h == "ccgs" for h, _ in matrix["regime-hca-2022"])


def test_every_holding_carries_evidence(engine) -> None:
    for row in run_named(engine, "duty-matrix").rows:
        assert str(row["sources"]), row["fact"]
        if "Response to the NHSE/I consultation" in str(row["sources"]):
            assert str(row["evidence"]).strip(" |"), row["fact"]


def test_duties_command_filters_by_regime(out_dir) -> None:
    res = CliRunner().invoke(cli, ["duties", "--regime", "Option 2", "--out", str(out_dir), "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("regime,")
    assert all("regime-option-2" in line for line in lines[1:])
    assert any("primary-duty-effective-provision" in line for line in lines[1:])


def test_duties_refuses_a_name_that_is_not_a_regime(out_dir) -> None:
    res = CliRunner().invoke(cli, ["duties", "--regime", "NHS England", "--out", str(out_dir)])
    assert res.exit_code != 0
    assert "'NHS England' is not a regime" in str(res.exception) and "Option 2" in str(res.exception)
