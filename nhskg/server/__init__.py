"""The linked-data service: a read-only SPARQL 1.1 endpoint and dereferenceable entity pages.

``create_app(settings)`` (in :mod:`nhskg.server.app`) builds the ASGI application that
``nhskg serve`` runs under uvicorn. The modules are small on purpose:

- ``negotiation``: Accept-header parsing (one place decides every media type).
- ``results``: SPARQL results and RDF graphs written in every format the endpoint offers.
- ``pool``: killable worker processes for user-written SPARQL (a real timeout).
- ``graphdata``: the served build (store, engine, label index), swapped when a rebuild lands.
- ``protocol``: the SPARQL 1.1 Protocol endpoint and its service description.
- ``resources``: IRI dereferencing (303 See Other to a document per format).
- ``pages``: the HTML pages (home, search, named queries, entity pages, ontology).
- ``push``: loading the graph into an external store (Graph Store Protocol or SPARQL Update).
"""
