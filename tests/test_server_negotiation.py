"""Accept-header negotiation (RFC 9110 section 12.5.1): q-values, wildcards, specificity, 406."""
from __future__ import annotations

import pytest

from nhskg.server.negotiation import choose, prefers_html

OFFER = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/html"]


@pytest.mark.parametrize("accept,expected", [
    (None, "application/sparql-results+json"),                       # no header: the server's default
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/*", "text/csv"),                                          # ties go to the server's order
    ("text/html;q=0.9, text/csv;q=0.5", "text/html"),
    ("application/sparql-results+xml, */*;q=0.1", "application/sparql-results+xml"),
    ("text/*;q=0.3, text/csv;q=0", "text/html"),                     # the more specific range wins
    ("TEXT/CSV", "text/csv"),                                        # media types are case-insensitive
    ("image/png", None),                                             # 406
    ("text/csv;q=0", None),
    ("text/csv;q=abc, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_choose(accept, expected):
    assert choose(accept, OFFER) == expected


def test_prefers_html_only_when_html_is_asked_for():
    assert prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert not prefers_html("*/*")
    assert not prefers_html("application/sparql-results+json")
    assert not prefers_html("text/html;q=0.1, text/turtle")
