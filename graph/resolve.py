"""Resolve what a user types ("NHS England", "NHSE/I", "option 2", a slug or an IRI) to an entity IRI."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import URIRef

from nhskg.errors import QueryError
from nhskg.graph.engine import Engine
from nhskg.namespaces import BASE, ID

LABELS_QUERY = """
SELECT DISTINCT ?s ?label ?pref WHERE {
  { ?s skos:prefLabel ?label . BIND(true AS ?pref) }
  UNION { ?s skos:altLabel ?label . BIND(false AS ?pref) }
  UNION { ?s a nhs:SourceDocument ; dcterms:title ?label . BIND(true AS ?pref) }
}"""


@dataclass
class Resolver:
    """Label index over the graph; built once per command."""

    engine: Engine

    def __post_init__(self) -> None:
        self.by_key: dict[str, set[str]] = {}
        self.pref: dict[str, str] = {}
        for row in self.engine.run(LABELS_QUERY).rows:
            iri, label = str(row["s"]), str(row["label"])
            self.by_key.setdefault(_key(label), set()).add(iri)
            if row["pref"].toPython() or iri not in self.pref:
                self.pref[iri] = label

    def label(self, iri: str) -> str:
        return self.pref.get(str(iri), str(iri).removeprefix(BASE))

    def search(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(IRI, preferred label) of entities with a label containing ``text``, best matches first."""
        key = _key(text)
        hits: dict[str, int] = {}
        for label_key, iris in self.by_key.items():
            if key in label_key:
                rank = 0 if label_key == key else 1 if label_key.startswith(key) else 2
                for iri in iris:
                    hits[iri] = min(rank, hits.get(iri, 9))
        return [(i, self.label(i)) for i in sorted(hits, key=lambda i: (hits[i], self.label(i)))][:limit]

    def resolve(self, text: str) -> URIRef:
        text = text.strip()
        if text.startswith(("http://", "https://")):
            if text in self.pref:
                return URIRef(text)
            raise QueryError(f"no entity with IRI <{text}> in the graph")
        if str(ID) + text in self.pref:
            return URIRef(str(ID) + text)
        hits = self.by_key.get(_key(text), set())
        # prefer entities whose preferred label matches over alternative-label matches
        pref_hits = {i for i in hits if _key(self.pref.get(i, "")) == _key(text)}
        chosen = pref_hits or hits
        if len(chosen) == 1:
            return URIRef(next(iter(chosen)))
        if len(chosen) > 1:
            options = "; ".join(f"{self.label(i)} <{i}>" for i in sorted(chosen))
            raise QueryError(f"'{text}' is ambiguous: {options}. Give the IRI or slug instead.")
        near = difflib.get_close_matches(_key(text), list(self.by_key), n=5, cutoff=0.6)
        contains = [k for k in self.by_key if _key(text) in k][:5]
        suggestions = list(dict.fromkeys(near + contains))[:5]
        names = sorted({self.label(i) for k in suggestions for i in self.by_key[k]})
        hint = f" Did you mean: {', '.join(names)}?" if names else " Try 'nhskg search TEXT'."
        raise QueryError(f"no entity called '{text}'.{hint}")


def _key(label: str) -> str:
    return " ".join(label.replace("\u2019", "'").replace("\u00a0", " ").casefold().split())
